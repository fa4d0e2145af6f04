#pragma once
/// What ecsim assumes where ECS does not document its behaviour (ecs-facts.md
/// §13, confidence U or C), and the latencies ECS does not publish. Each is a
/// named parameter with the listed default; docs/assumptions.md lists them.
#include <ecsim/core/time.hpp>

namespace ecsim {

struct EcsAssumptions {
  /// A service task without a load balancer or essential-container health
  /// check counts as healthy this long after RUNNING (documented 40 s; kept
  /// configurable). `nohc_healthy_delay_s`.
  Millis nohc_healthy_delay{40'000};
  /// Steady-state message repeat while a service stays steady (observed ~6 h).
  /// `steady_event_repeat_s`.
  Millis steady_event_repeat{21'600'000};
  /// Identical service-event messages are suppressed within this window.
  /// `event_dedup_window_s`.
  Millis event_dedup_window{21'600'000};
  /// Fargate PROVISIONING (ENI create/attach) before PENDING. Calibrated so a
  /// task reaches RUNNING 10-30 s after launch with a typical image pull
  /// (`fargate_start_latency_s`, ecs-facts §13).
  Millis fargate_provisioning{5'000};
  /// PENDING until the agent starts the image pull (Fargate capacity found).
  Millis fargate_pending{2'000};
  /// DEACTIVATING without a load balancer (nothing to deregister).
  Millis deactivating{1'000};
  /// DEPROVISIONING (ENI detach/delete) before STOPPED.
  Millis fargate_deprovisioning{5'000};
  /// How soon the scheduler tries again after no container instance could
  /// take a task (it also tries whenever resources free up).
  Millis placement_retry{30'000};
  /// CodeDeploy fails (and rolls back) a blue/green deployment whose
  /// replacement task set has not turned healthy this long after it was
  /// created. Widely reported as 60 minutes; not in the fetched AWS pages.
  /// `code_deploy_ready_timeout_min`.
  Millis code_deploy_ready_timeout{60 * 60'000};
  bool operator==(const EcsAssumptions&) const = default;
};

}  // namespace ecsim
