#pragma once
/// What ecsim assumes where ECS does not document its behaviour (ecs-facts.md
/// §13, confidence U or C), and the latencies ECS does not publish. Each is a
/// named parameter with the listed default; docs/assumptions.md lists them.
#include <ecsim/core/time.hpp>

#include <cstdint>

namespace ecsim {

/// How a capacity provider strategy rounds the split beyond `base`.
enum class CpSplitRounding : std::uint8_t {
  /// Each next task to the entry furthest below its weighted share, ties to
  /// the earlier entry (capacity_provider_split.hpp).
  largest_remainder,
};

/// Whose requests and targets ALBRequestCountPerTarget target tracking reads.
/// ALB publishes RequestCountPerTarget per target group and the policy's
/// ResourceLabel names one group; during a blue/green deployment the two
/// sides sit in the two groups of a pair. ECS calls the metric unsupported
/// with the blue/green deployment type without saying what the policy does.
enum class RequestCountScope : std::uint8_t {
  /// The group the ResourceLabel names: its requests ÷ its healthy targets.
  label_group,
  /// The whole service: all its requests ÷ all its healthy tasks, both
  /// groups together (ecsim before this parameter).
  service,
};

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
  /// Remainder rounding of capacity provider strategies (ECS does not
  /// document it; ecs-facts §13). `cp_split_rounding`.
  CpSplitRounding cp_split_rounding = CpSplitRounding::largest_remainder;
  /// Target tracking's managed alarms (observed, not documented; ecs-facts
  /// §10, §13): scale out on `tt_out_datapoints` of as many one-minute
  /// datapoints above the target, scale in on `tt_in_datapoints` of as many
  /// below `tt_in_threshold_ratio` × target.
  int tt_out_datapoints = 3;
  int tt_in_datapoints = 15;
  double tt_in_threshold_ratio = 0.9;
  /// Target tracking scale-in removes at most ceil(this × current) tasks at
  /// a time (`tt_formula=proportional`, ecs-facts §13).
  double tt_in_step_fraction = 0.1;
  /// Throttle for tasks that stop before RUNNING (ecs-facts §2.2): ECS backs
  /// off, growing to a documented cap (27 min; an older guide said 15 min)
  /// along an undocumented curve. ecsim: the first failure costs nothing,
  /// the next waits `throttle_backoff_initial`, each further one doubles the
  /// wait up to `throttle_backoff_max` (`throttle_backoff_schedule`).
  Millis throttle_backoff_initial{30'000};
  Millis throttle_backoff_max{1'620'000};
  /// Launch rate of one service: 500 tasks a minute (ecs-facts §12, for
  /// Fargate and EC2), modelled as a token bucket of `service_launch_burst`
  /// tokens refilled one per `service_launch_interval` (the burst is not
  /// documented: an assumption). 0 = unlimited.
  int service_launch_burst = 500;
  Millis service_launch_interval{120};
  /// The account's Fargate launch bucket (ecs-facts §12): burst 100, 20 a
  /// second, shared by every service. 0 = unlimited.
  int fargate_launch_burst = 100;
  Millis fargate_launch_interval{50};
  /// A service held back by a launch rate waits until this many launches
  /// fit (ECS launches in batches; RunTask takes at most 10 per call).
  int launch_batch = 10;
  /// While Fargate Spot capacity is unavailable (a spotCapacityUnavailable
  /// fault), a FARGATE_SPOT task stays PROVISIONING this long before ECS
  /// gives up on it (stopCode TaskFailedToStart) and the service starts
  /// another. ECS documents the delay and the retries, not the wait.
  /// `spot_capacity_wait_s`.
  Millis spot_capacity_wait{300'000};
  /// Quota: tasks in PROVISIONING per cluster (ecs-facts §7.2, §12, §13). A
  /// service starts no task while its cluster is at it. 0 = unlimited.
  /// `max_provisioning_tasks_per_cluster`.
  int max_provisioning_tasks_per_cluster = 500;
  /// What ALBRequestCountPerTarget policies divide (RequestCountScope).
  /// `alb_request_count_scope`.
  RequestCountScope alb_request_count_scope = RequestCountScope::label_group;
  bool operator==(const EcsAssumptions&) const = default;
};

}  // namespace ecsim
