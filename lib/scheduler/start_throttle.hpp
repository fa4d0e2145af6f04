#pragma once
// ECS's throttle for service tasks that stop before they ever reach RUNNING
// (ecs-facts §2.2): the scheduler waits longer and longer between launches,
// says so once with "is unable to consistently start tasks successfully.",
// and forgets it all when a new deployment starts.
#include "scheduler/world.hpp"

#include <cstdint>

namespace ecsim::detail {

/// The wait before the next launch after `steps` failure steps: 0 for the
/// first, then throttle_backoff_initial doubling up to throttle_backoff_max.
Millis throttle_backoff(const EcsAssumptions& a, int steps) noexcept;

/// A task of the service stopped before RUNNING. Failures in the same
/// millisecond (a batch launched together) are one step.
void note_start_failure(World& w, std::uint32_t service);

/// A task of the service reached RUNNING: the cause has cleared.
void note_task_running(World& w, std::uint32_t service);

/// A new deployment clears the throttle at once (documented).
void clear_start_throttle(World& w, std::uint32_t service);

/// Whether the service must not launch tasks now; if so, one reconcile is
/// queued for the moment the back-off ends.
bool start_throttled(World& w, std::uint32_t service);

}  // namespace ecsim::detail
