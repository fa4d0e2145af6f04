#pragma once
/// What a run ends with: the figures of summary.json (SCENARIO.md), as plain
/// data. Keys are stable; add, never rename.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecsim {

/// One step of a blue/green deployment (`deployments[].timeline`).
struct DeploymentTimelineStep {
  double at = 0;               ///< seconds since the simulation start
  std::string stage;           ///< CodeDeploy lifecycle event (AllowTraffic, …) or ECS lifecycle stage
  std::string event;           ///< e.g. "production traffic shifted"
  double traffic_percent = 0;  ///< production share of the replacement after it, percent
  bool operator==(const DeploymentTimelineStep&) const = default;
};

/// One deployment of a service (`deployments[]` of summary.json).
struct DeploymentSummary {
  std::string id;               ///< "ecs-svc/<19 digits>"
  std::string task_definition;  ///< "family:revision"
  std::string rollout_state;    ///< IN_PROGRESS, COMPLETED or FAILED
  double started_at = 0;        ///< seconds since the simulation start
  std::optional<double> finished_at;  ///< seconds; unset while IN_PROGRESS
  int failed_tasks = 0;         ///< tasks of this deployment that failed
  bool rolled_back = false;     ///< the circuit breaker or an alarm rolled it back
  int min_healthy_count = 0;    ///< fewest healthy service tasks while it ran
  int max_running_count = 0;    ///< most service tasks (running + pending) while it ran
  /// ROLLING, BLUE_GREEN, LINEAR, CANARY, the CodeDeploy configuration name,
  /// or ROLLBACK for a deployment a rollback started.
  std::string strategy = "ROLLING";
  std::vector<DeploymentTimelineStep> timeline;  ///< blue/green steps, in order (empty for rolling)
  bool operator==(const DeploymentSummary&) const = default;
};

/// One service at the end of the run.
struct ServiceSummary {
  int desired_count = 0;
  int running_count = 0;   ///< lastStatus RUNNING
  int pending_count = 0;   ///< PROVISIONING, PENDING or ACTIVATING
  int healthy_count = 0;   ///< RUNNING and counted healthy (ecs-facts §1.4)
  std::int64_t tasks_started = 0;
  std::int64_t tasks_stopped = 0;
  std::int64_t placement_failures = 0;
  std::int64_t spot_interruptions = 0;
  std::int64_t tasks_lost = 0;        ///< stopped by an Availability Zone outage
  double seconds_below_desired = 0;   ///< time with fewer healthy tasks than desired
  double max_capacity_wait_seconds = 0;  ///< longest wait in PROVISIONING for an Auto Scaling group instance
  bool steady_state = false;
  std::map<std::string, int> tasks_by_capacity_provider;  ///< running tasks by provider
  std::vector<DeploymentSummary> deployments;  ///< updates after creation, in order
  double cost_usd = 0;
  std::int64_t scaling_activities = 0;  ///< desired-count changes by Service Auto Scaling
  double requests_offered = 0;          ///< requests the workload sent
  double requests_unserved = 0;         ///< requests beyond the serving tasks' capacity
  bool operator==(const ServiceSummary&) const = default;
};

/// Standalone tasks of one RunTask group ("family:NAME" or the call's group).
struct StandaloneSummary {
  int running_count = 0;
  int pending_count = 0;
  std::int64_t tasks_started = 0;
  std::int64_t tasks_stopped = 0;
  std::int64_t placement_failures = 0;  ///< RunTask failures[] entries
  double cost_usd = 0;
  bool operator==(const StandaloneSummary&) const = default;
};

/// The whole run.
struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  double duration_seconds = 0;
  std::vector<std::pair<std::string, ServiceSummary>> services;  ///< scenario order
  std::vector<std::pair<std::string, StandaloneSummary>> standalone_tasks;  ///< RunTask groups, first-run order
  std::int64_t instances_launched = 0;
  std::int64_t instances_terminated = 0;
  std::int64_t instances_peak = 0;
  std::int64_t instance_spot_interruptions = 0;  ///< EC2 Spot notices to Auto Scaling group instances
  double total_cost_usd = 0;
  double monthly_cost_usd = 0;  ///< total / duration × 730 h
  double ec2_idle_cost_usd = 0;  ///< EC2 instance cost no task's reservation accounts for
  std::map<std::string, double> cost_by_capacity_provider;
  bool operator==(const RunSummary&) const = default;
};

}  // namespace ecsim
