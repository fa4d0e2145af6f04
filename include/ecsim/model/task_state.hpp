#pragma once
/// Task lifecycle states and stop codes, with the names ECS uses.
#include <array>
#include <cstdint>
#include <string_view>

namespace ecsim {

/// `lastStatus` values in lifecycle order (ecs-facts §1.1, DG task-lifecycle).
enum class TaskState : std::uint8_t {
  provisioning,
  pending,
  activating,
  running,
  deactivating,
  stopping,
  deprovisioning,
  stopped,
};

inline constexpr std::array<std::string_view, 8> task_state_names = {
    "PROVISIONING", "PENDING",  "ACTIVATING",     "RUNNING",
    "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"};

/// The ECS spelling, e.g. "RUNNING".
constexpr std::string_view to_string(TaskState s) noexcept {
  return task_state_names[static_cast<std::size_t>(s)];
}

/// A task moves forward through the lifecycle, possibly skipping states (a
/// task that fails to start goes PENDING -> STOPPED), never backwards.
constexpr bool is_legal_transition(TaskState from, TaskState to) noexcept {
  return static_cast<std::uint8_t>(to) > static_cast<std::uint8_t>(from);
}

/// `stopCode` values (ecs-facts §1.1, API Task).
enum class StopCode : std::uint8_t {
  none,
  task_failed_to_start,
  essential_container_exited,
  user_initiated,
  service_scheduler_initiated,
  spot_interruption,
  termination_notice,
  infrastructure_health,
};

inline constexpr std::array<std::string_view, 8> stop_code_names = {
    "",
    "TaskFailedToStart",
    "EssentialContainerExited",
    "UserInitiated",
    "ServiceSchedulerInitiated",
    "SpotInterruption",
    "TerminationNotice",
    "InfrastructureHealth"};

/// The ECS spelling, e.g. "ServiceSchedulerInitiated"; empty for none.
constexpr std::string_view to_string(StopCode c) noexcept {
  return stop_code_names[static_cast<std::size_t>(c)];
}

}  // namespace ecsim
