#pragma once
// Fargate Spot capacity shortages (the spotCapacityUnavailable fault). AWS
// documents that Spot capacity can be unavailable, that Fargate Spot tasks are
// then delayed while services retry until capacity returns, and that Fargate
// does not fall back to on-demand. A FARGATE_SPOT task reaching the end of
// PROVISIONING during a shortage stays there; it proceeds when the shortage
// ends, or stops after EcsAssumptions::spot_capacity_wait.
#include "scheduler/world.hpp"

#include <cstdint>

namespace ecsim::detail {

/// The task's PROVISIONING step ends: true when it must wait for Fargate Spot
/// capacity (it is then queued and its give-up time scheduled).
bool hold_for_spot_capacity(World& w, TaskId task);
/// A shortage starts (phase 0) or ends (phase 1).
void on_spot_capacity_window(World& w, const FaultSpec& fault, std::uint32_t phase);
/// The task has waited spot_capacity_wait: it stops (TaskFailedToStart).
void on_spot_capacity_wait(World& w, std::uint32_t slot, std::uint32_t serial);

}  // namespace ecsim::detail
