#pragma once
// EC2 Spot interruptions of an Auto Scaling group's instances: a notice two
// minutes before termination (ecs-facts §9); with draining, the instance goes
// DRAINING at the notice and its service tasks are replaced elsewhere; at
// termination whatever still runs there is lost and the group launches a
// replacement instance to keep its desired capacity. A rebalance
// recommendation (optional, a lead time before the notice) launches that
// replacement early (ASG Capacity Rebalancing).
#include "scheduler/world.hpp"

#include <cstdint>

namespace ecsim::detail {

/// The instance registered: under a spotInterruptions fault on its group,
/// its notice comes after an exponential draw at ratePerInstanceHour.
void schedule_instance_spot_interruption(World& w, std::uint32_t asg, std::uint32_t instance);

/// One row of a spotInterruptions csv on the group: the notice for one of
/// its registered, not yet interrupted instances, drawn with the seeded EC2
/// Spot stream (a fault event if it has none).
void interrupt_spot_instance(World& w, std::uint32_t asg);
/// A group instance registered: if it replaces one that got a rebalance
/// recommendation, that one goes DRAINING (with managedDraining).
void on_replacement_in_service(World& w, std::uint32_t asg, std::uint32_t instance);
/// payload = instance × 4 + phase: 0 the notice, 1 termination, 2 cleanup,
/// 3 a rebalance recommendation.
void on_instance_spot(World& w, std::uint32_t asg, std::uint32_t payload);

}  // namespace ecsim::detail
