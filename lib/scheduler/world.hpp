#pragma once
// The simulated world's state: tasks as struct-of-arrays over dense TaskIds,
// services and deployments as small tables. Subsystems read and change it;
// only the engine's events move time.
#include <ecsim/core/engine.hpp>
#include <ecsim/core/huge_page_allocator.hpp>
#include <ecsim/core/ids.hpp>
#include <ecsim/core/rng.hpp>
#include <ecsim/cost/price_table.hpp>
#include <ecsim/cost/running_charges.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/model/scenario.hpp>
#include <ecsim/model/task_state.hpp>
#include <ecsim/placement/cluster_state.hpp>
#include <ecsim/placement/placer.hpp>
#include <ecsim/recorder.hpp>
#include <ecsim/scheduler/capacity_provider_split.hpp>
#include <ecsim/scheduler/ecs_assumptions.hpp>

#include "scheduler/blue_green_runtime.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace ecsim::detail {

/// What an engine event means. One switch in Simulation dispatches them.
enum class EventKind : std::uint16_t {
  task_advance,    ///< subject: task slot; the task's current state step ends
  task_healthy,    ///< subject: task slot; the task starts counting as healthy
  task_unhealthy,  ///< subject: task slot; health checks have failed past the grace period
  timeline,        ///< subject: index into scenario.timeline
  metrics_sample,  ///< subject: sample number
  steady_repeat,   ///< subject: service index; re-emit the steady-state message
  reconcile,       ///< subject: service index; act on everything that changed at this time
  spot_notice,     ///< subject: task slot, payload: its serial; a Spot interruption warning
  spot_kill,       ///< subject: task slot, payload: its serial; the warning has run out
  fault,           ///< subject: index into scenario.faults, payload: 0 start, 1 end
  instance_registered,  ///< subject: Auto Scaling group, payload: its instance number
  managed_scaling,      ///< subject: Auto Scaling group; the minute's CapacityProviderReservation
  instance_spot,        ///< subject: Auto Scaling group, payload: instance number × 4 + phase (0 notice, 1 gone, 2 cleanup, 3 rebalance recommendation)
  run_end,         ///< the end of the scenario
  blue_green_step, ///< subject: index into World::blue_greens; its next step is due
  autoscaling_tick,  ///< a one-minute CloudWatch period ends: alarms and scaling policies
  scheduled_action,  ///< subject: Application Auto Scaling scheduled action index
  spot_capacity_wait,  ///< subject: task slot, payload: its serial; it has waited for Fargate Spot capacity long enough
};

inline constexpr SimTime never = SimTime::max();

/// A registered task definition revision with what the scheduler needs of it.
struct TaskDefinitionRuntime {
  const TaskDefinition* spec;   ///< points into the Scenario the Simulation owns
  std::string name;             ///< "family:revision"
  SimTime registered_at;
  const BehaviorSpec* behavior;  ///< the most specific entry, or nullptr (defaults)
  double hourly_usd;            ///< Fargate price of one task
  double spot_hourly_usd;       ///< FARGATE_SPOT price of one task; NaN where Fargate offers no Spot
  Millis min_billing;           ///< 60 s Linux, 900 s Windows
  Millis stop_timeout;          ///< the longest essential container stopTimeout
  bool has_health_check;        ///< an essential container defines one
  Millis health_check_interval;
  int health_check_retries;
  Millis health_check_start_period;
  bool has_dependencies = false;  ///< a container has dependsOn
};

/// What a lifecycle event reads and writes of a task, in one 64-byte row.
/// Kept as separate columns these fields cost one cache miss each per event
/// once a service outgrows the cache (100,000 tasks); a row costs one.
struct alignas(64) TaskRow {
  EventHandle next_event;          ///< the pending lifecycle event
  EventHandle healthy_event;       ///< the pending task_healthy / task_unhealthy event
  SimTime billing_start = never;   ///< image pull began; never if not yet
  std::uint32_t service = 0;       ///< service index
  std::uint32_t deployment = 0;    ///< deployment index
  std::uint32_t task_definition = 0;  ///< TaskDefinitionRuntime index
  std::uint32_t serial = 0;        ///< for ids in outputs
  std::uint32_t pool_pos = 0;      ///< its position in its TaskPool list (swap-and-pop removal)
  std::uint32_t service_pos = 0;   ///< its position in ServiceRuntime::tasks
  InstanceId instance{};           ///< EC2: where it runs; invalid on Fargate
  TaskState state{};               ///< lastStatus
  StopCode stop_code{};
  std::uint8_t stop_requested = 0; ///< desiredStatus STOPPED
  std::uint8_t healthy = 0;        ///< counts as healthy (ecs-facts §1.4)
  std::uint8_t unhealthy = 0;      ///< failed health checks: to be replaced
  std::uint8_t was_healthy = 0;    ///< has ever counted as healthy
  std::uint8_t pool = 0;           ///< TaskPool: which stop-candidate list holds it
  std::uint8_t provider = 0;       ///< entry of its deployment's strategy it runs on
  std::uint16_t zone = 0;          ///< index into the cluster's zones
};
static_assert(sizeof(TaskRow) == 64, "one cache line per task");

/// Tasks over dense TaskIds: rows[i] describes TaskId{i}, plus columns for
/// what only a few steps need. Rows are recycled through the allocator once a
/// task is STOPPED (serial numbers are never reused).
struct TaskTable {
  IdAllocator<TaskId> ids;
  std::vector<TaskRow, HugePageAllocator<TaskRow>> rows;
  std::vector<SimTime, HugePageAllocator<SimTime>> started_at;       ///< created (PROVISIONING)
  std::vector<double, HugePageAllocator<double>> hourly_usd;        ///< what the task itself bills (Fargate); 0 on EC2
  std::vector<Millis, HugePageAllocator<Millis>> app_up;            ///< dependsOn: app up this long after RUNNING (container_startup.hpp)

  /// Makes room for n rows, so the table does not move while it grows.
  void reserve(std::size_t n) {
    rows.reserve(n);
    started_at.reserve(n);
    hourly_usd.reserve(n);
    app_up.reserve(n);
  }

  /// A fresh id whose row and columns exist (a recycled row keeps its old values).
  TaskId add() {
    const TaskId id = ids.allocate();
    const std::size_t i = index(id);
    if (i >= rows.size()) {
      const std::size_t n = i + 1;
      rows.resize(n);
      started_at.resize(n);
      hourly_usd.resize(n);
      app_up.resize(n);
    }
    return id;
  }
};

/// The scheduler keeps each live task in one list, so choosing which to stop
/// costs O(1) instead of a scan of the service: not yet healthy (per
/// deployment), healthy (per deployment and zone), or unhealthy (per service).
enum class TaskPool : std::uint8_t { none, starting, healthy, unhealthy };

enum class DeploymentStatus : std::uint8_t { primary, active, inactive };
enum class RolloutState : std::uint8_t { in_progress, completed, failed };

struct DeploymentRuntime {
  std::uint32_t service;
  std::uint32_t task_definition;
  std::string id;  ///< "ecs-svc/..."
  DeploymentStatus status = DeploymentStatus::primary;
  RolloutState rollout = RolloutState::in_progress;
  SimTime started_at;
  SimTime finished_at = never;
  bool listed;  ///< appears in summary.json (updates, not the creation)
  int failed_tasks = 0;
  int min_healthy_count = std::numeric_limits<int>::max();
  int max_running_count = 0;
  bool stuck_reported = false;
  int failure_threshold = 0;  ///< circuit breaker: failed tasks that fail it (0 = breaker off)
  std::vector<TaskId> starting;  ///< desired RUNNING, not yet healthy (nor unhealthy)
  std::vector<std::vector<TaskId>> healthy_by_zone;  ///< healthy, by zone
  int healthy_count = 0;         ///< sum of healthy_by_zone sizes
  int alive = 0;                 ///< tasks not yet STOPPED (draining ones too)
  int running = 0;               ///< lastStatus RUNNING, desiredStatus RUNNING (metrics split by deployment)
  bool rolled_back = false;
  std::int32_t blue_green = -1;  ///< index into World::blue_greens, or -1 (rolling)
  bool holds_original = false;   ///< blue/green: older deployments keep their tasks
  bool scale_up_held = false;    ///< blue/green: no tasks start yet (PRE_SCALE_UP hooks)
  bool rollback = false;         ///< started by a rollback
  const TargetGroupSpec* target_group = nullptr;  ///< where its tasks register (CodeDeploy: blue or green group)
  std::vector<ProviderShare> shares;         ///< its capacity provider strategy (one entry without one)
  std::vector<std::uint8_t> share_provider;  ///< per entry: index into ServiceRuntime::providers
  std::vector<int> share_tasks;              ///< per entry: tasks with desiredStatus RUNNING
};

/// Where a service's tasks can run.
enum class ProviderKind : std::uint8_t { fargate, fargate_spot, ec2 };

/// A capacity provider a service has used (or the launch type it names).
struct ServiceProvider {
  std::string name;             ///< FARGATE, FARGATE_SPOT, or EC2 for launchType EC2
  ProviderKind kind;
  double stopped_cost_usd = 0;  ///< billed tasks on it that have stopped
  RunningCharges running;       ///< billed tasks on it still running: their charges so far
  int asg = -1;                 ///< index into World::asgs for an Auto Scaling group provider
  PolicyId policy{};            ///< EC2: the service's placement policy limited to this provider's instances
};

/// One instance an Auto Scaling group launched.
struct AsgInstance {
  InstanceId id = invalid_id<InstanceId>;  ///< once registered
  std::uint16_t zone = 0;                  ///< index into the cluster's zones
  std::uint8_t type = 0;                   ///< index into AsgRuntime::types
  SimTime launched{};
  SimTime warm_at{};                       ///< end of instanceWarmupPeriod
  SimTime terminated = SimTime::max();
  bool draining = false;
  bool interrupted = false;                ///< got an EC2 Spot interruption notice
  bool rebalanced = false;                 ///< got a rebalance recommendation: a replacement was launched
  std::int32_t replaces = -1;              ///< Capacity Rebalancing: the instance this one replaces
  bool deregistered = false;               ///< left the cluster (after termination, once empty)
};

/// An Auto Scaling group capacity provider and its group.
struct AsgRuntime {
  const CapacityProviderSpec* spec;
  std::uint32_t cluster;
  std::string name;
  std::vector<const InstanceType*> types;  ///< the group's instance types, in its list order
  std::vector<double> type_hourly_usd;     ///< by type: one instance, on-demand or Spot
  std::uint8_t launch_type = 0;            ///< the type launches use (allocation strategy)
  std::uint8_t smallest = 0, largest = 0;  ///< types the reservation's binpack uses (ecs-facts §7.2)
  std::vector<std::uint16_t> zones;   ///< the group's zones (cluster zone indexes), round-robin
  std::vector<AsgInstance> instances; ///< every instance ever launched
  int in_service = 0;                 ///< launched and not terminated: the group's desired capacity
  int low_evaluations = 0;            ///< consecutive minutes with the reservation below target
  const FaultSpec* spot_fault = nullptr;  ///< spotInterruptions on this (Spot) group, if any
  std::int64_t spot_interruptions = 0;    ///< instances interrupted
  std::vector<std::pair<TaskId, std::uint32_t>> waiting;  ///< (task, serial) in PROVISIONING for capacity
};

/// A launch-rate bucket: when it would be full again (launch_rate.hpp).
struct LaunchBucket {
  SimTime tat{};  ///< virtual time starts at 0: the bucket starts full
};

struct ServiceRuntime {
  const ServiceSpec* spec;
  std::uint32_t cluster;           ///< index into scenario.clusters
  int desired_count;
  int minimum_healthy_percent;
  int maximum_percent;
  std::vector<TaskId> tasks;       ///< every task not yet STOPPED (unordered)
  std::vector<TaskId> unhealthy_tasks;  ///< failed health checks, awaiting replacement
  int running = 0;                 ///< lastStatus RUNNING, desiredStatus RUNNING
  int pending = 0;                 ///< before RUNNING, desiredStatus RUNNING
  int draining = 0;                ///< desiredStatus STOPPED, not yet STOPPED
  std::vector<std::uint32_t> deployments;  ///< oldest first; back() is PRIMARY
  std::vector<int> zone_tasks;     ///< non-stopping tasks per zone (for spread)
  bool steady = false;
  bool reconcile_pending = false;  ///< a reconcile event is queued for now
  EventHandle steady_event{};
  double stopped_cost_usd = 0;     ///< billed tasks that have stopped
  std::int64_t tasks_started = 0;
  std::int64_t tasks_stopped = 0;
  std::int64_t placement_failures = 0;
  std::int64_t spot_interruptions = 0;
  const TargetGroupSpec* target_group = nullptr;  ///< first loadBalancers entry's group
  int container_port = 0;          ///< its container port (for event messages)
  int targets_registered = 0;      ///< registered since the last reconcile (one message per batch)
  bool ec2 = false;                ///< launchType EC2: placed on container instances
  PolicyId policy{};               ///< EC2: placementStrategy + placementConstraints, compiled
  TaskGroupId group{};             ///< EC2: "service:NAME", for spread and distinctInstance
  std::string last_placement_failure;  ///< for ECS's duplicate-message suppression
  SimTime last_placement_failure_at{};
  bool placement_retry_pending = false;
  std::vector<CapacityProviderStrategyItem> strategy;  ///< current strategy; empty = launch type
  std::vector<ServiceProvider> providers;  ///< every provider its strategies name, in first-seen order
  std::int64_t tasks_lost = 0;     ///< stopped by an Availability Zone outage
  Millis max_capacity_wait{0};     ///< longest a task waited in PROVISIONING for an instance
  Millis below_desired{0};         ///< time with fewer healthy tasks than desired, up to below_since
  SimTime below_since{};           ///< when below_desired was last brought up to date
  bool below = false;              ///< healthy < desired as of below_since
  int start_failures = 0;          ///< throttle: failure steps since a task last reached RUNNING
  SimTime last_start_failure_at = never;  ///< failures in one millisecond are one step
  SimTime throttled_until{};       ///< no new task starts before this (ecs-facts §2.2)
  SimTime wakeup_at = SimTime::min();  ///< a reconcile queued for a future time (back-off, launch rate)
  LaunchBucket launch_bucket{};    ///< the service's launch rate (launch_rate.hpp)
  bool throttle_reported = false;  ///< "unable to consistently start tasks" until the cause clears
  const LoadModel* load = nullptr; ///< requestsPerSecond, if a workload names it
  const CodeDeploySpec* code_deploy = nullptr;  ///< its codeDeploy entry (CODE_DEPLOY controller)
  std::int32_t blue_green = -1;    ///< the blue/green deployment in progress, or -1
  bool standalone = false;         ///< a RunTask group (standalone_tasks.hpp), not a service
  bool created = true;             ///< false until a timeline createService runs
  bool deleted = false;            ///< deleteService ran: desired 0 from then on
};

/// One cluster's container instances and the placement engine over them.
struct ClusterRuntime {
  std::vector<std::string> zones;  ///< the cluster's Availability Zones, in order
  std::unique_ptr<ClusterState> state;
  std::unique_ptr<Placer> placer;
  std::vector<std::uint16_t> instance_zone;  ///< by InstanceId: index into zones
  std::vector<std::int32_t> demand_of_td;    ///< by task definition: DemandId, or -1
  std::vector<std::uint8_t> zone_down;       ///< by zone: 1 during an azOutage
  std::vector<double> instance_hourly_usd;     ///< by InstanceId: its price (cost attribution)
  std::vector<std::vector<InstanceId>> zone_lost;  ///< by zone: ACTIVE instances an outage took away
  std::vector<std::uint8_t> instance_external;  ///< by InstanceId: 1 for an ECS Anywhere instance (no zone)
  bool has_external = false;   ///< it has EXTERNAL instances: EC2 tasks keep off them
  int provisioning = 0;        ///< its tasks in PROVISIONING (the per-cluster quota, launch_rate.hpp)
  bool quota_held = false;     ///< a service held back a start at the quota: wake its services below it
};

/// Shared by the subsystems for one run.
struct World {
  const Scenario* scenario;
  EcsAssumptions assumptions;
  PriceTable prices;
  Engine<EventKind> engine;
  Recorder recorder;
  Rng startup_rng{0};///< image pull / startup / shutdown draws
  Rng id_rng{0};     ///< task and deployment ids
  Rng spot_rng{0};   ///< Spot interruption times
  Rng ec2_spot_rng{0};  ///< EC2 Spot interruption times
  const FaultSpec* fargate_spot_fault = nullptr;  ///< the spotInterruptions fault on FARGATE_SPOT, if any
  std::vector<TaskDefinitionRuntime> task_definitions;
  std::vector<ServiceRuntime> services;
  std::vector<DeploymentRuntime> deployments;
  std::vector<BlueGreenRuntime> blue_greens;
  TaskTable tasks;
  std::vector<ClusterRuntime> clusters;
  std::vector<double> instance_hourly_usd;  ///< every container instance, running the whole run
  std::vector<double> external_hourly_usd;  ///< every EXTERNAL instance's ECS Anywhere fee, the whole run
  std::vector<AsgRuntime> asgs;             ///< Auto Scaling group capacity providers
  int instances_in_service = 0;             ///< fixed plus Auto Scaling group instances, now
  int instances_peak = 0;
  std::uint32_t next_serial = 0;
  std::vector<std::uint16_t> serial_zone;  ///< by task serial: the zone it was placed in
  std::uint64_t task_id_salt = 0;
  std::vector<std::pair<std::string, SimTime>> recent_messages;  ///< for de-duplication
  LaunchBucket fargate_launch_bucket{};  ///< the account's Fargate on-demand launches
  int spot_capacity_outages = 0;         ///< spotCapacityUnavailable windows in progress
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spot_capacity_waiting;  ///< (slot, serial) held in PROVISIONING
};

}  // namespace ecsim::detail
