#pragma once
// The REPLICA service scheduler and the Fargate task lifecycle: keep
// desiredCount tasks, roll deployments within minimumHealthyPercent and
// maximumPercent, and move each task through ECS's states.
#include "scheduler/world.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ecsim::detail {

/// Creates the service's first deployment and its tasks (create-service).
void create_service(World& w, std::uint32_t service);

/// update-service: a new task definition (or forceNewDeployment) starts a
/// rolling deployment; a new desiredCount only re-targets the count.
void update_service(World& w, std::uint32_t service, const UpdateServiceAction& action);

/// A new PRIMARY deployment of the service (the previous PRIMARY becomes
/// ACTIVE); `listed` ones appear in summary.json.
std::uint32_t add_deployment(World& w, std::uint32_t service, std::uint32_t task_definition, bool listed);

/// Marks the deployment FAILED with ECS's "deployment failed: {reason}."
/// event. With `rollback`, a new deployment goes back to the last COMPLETED
/// one (for blue/green: the original) and adopts its tasks (ecs-facts §4).
void fail_deployment(World& w, std::uint32_t deployment, std::string_view reason, bool rollback);
/// Starts one task of a RunTask group's deployment now (standalone_tasks.hpp);
/// invalid_id when no container instance can take it (reported).
TaskId start_standalone_task(World& w, std::uint32_t group, std::uint32_t deployment);

/// Brings the service toward its desired count and its PRIMARY deployment.
void reconcile(World& w, std::uint32_t service);

/// Queues one reconcile of the service at the current time, after every event
/// already queued for this time: changes that happen together (tasks turning
/// healthy in the same millisecond) are acted on together, as one batch with
/// one service event, the way the ECS scheduler reports them.
void request_reconcile(World& w, std::uint32_t service);

/// The task's current lifecycle step has ended: move it to the next state.
void on_task_advance(World& w, TaskId task);

/// desiredStatus STOPPED with this stopCode, as ECS does on a Spot
/// interruption warning: the task drains and gets SIGTERM; the service
/// replaces it.
void stop_task(World& w, TaskId t, StopCode code);

/// Tries to place a task waiting in PROVISIONING for an Auto Scaling group's
/// capacity; once placed it moves on through its lifecycle.
bool place_waiting_task(World& w, TaskId t);

/// The task's instance is DRAINING: a task not yet RUNNING stops at once; a
/// RUNNING one is replaced within minimumHealthyPercent / maximumPercent,
/// as an unhealthy task is (ecs-facts §9, container instance draining).
void replace_task(World& w, TaskId t);

/// The task's containers are gone at once (a Spot interruption's deadline, an
/// Availability Zone outage): billing ends, it goes DEPROVISIONING and then
/// STOPPED, and the service replaces it. `code` is its stopCode unless it was
/// already stopping.
void kill_task(World& w, TaskId t, StopCode code);

/// The task has become healthy (health check passed, or the no-check delay).
void on_task_healthy(World& w, TaskId task);

/// The task's health checks (container or target group) have failed.
void on_task_unhealthy(World& w, TaskId task);

/// Failed tasks that trip the deployment circuit breaker for a service of
/// `desired` tasks: clamp(ceil(0.5 × desired), 3, 200) (ecs-facts §4).
int circuit_breaker_threshold(int desired) noexcept;

/// Re-emits the steady-state message while the service stays steady.
void on_steady_repeat(World& w, std::uint32_t service);

/// Resolves "family" (latest registered by now) or "family:revision";
/// returns the index into w.task_definitions or -1.
int resolve_task_definition(const World& w, const std::string& ref);

/// Length of a task id: 32 hex digits, like current ECS task ARNs' ids.
inline constexpr std::size_t task_id_chars = 32;

/// The task id of serial, 32 hex digits.
std::string task_id_text(const World& w, std::uint32_t serial);

/// Appends task_id_text(w, serial) to out without a temporary.
void append_task_id(std::string& out, const World& w, std::uint32_t serial);

/// Service counters as of now.
struct ServiceCounts {
  int running = 0;   ///< lastStatus RUNNING, not stopping
  int pending = 0;   ///< PROVISIONING, PENDING, ACTIVATING
  int healthy = 0;   ///< RUNNING, counted healthy, not stopping
  int active = 0;    ///< desiredStatus RUNNING
};
ServiceCounts count_tasks(const World& w, std::uint32_t service);

/// Billed cost of the service's tasks up to now (stopped ones at their final
/// charge, live ones for the time they have run so far).
double service_cost_usd(const World& w, std::uint32_t service);

}  // namespace ecsim::detail
