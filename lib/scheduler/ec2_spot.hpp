#pragma once
// EC2 Spot interruptions of an Auto Scaling group's instances: a notice two
// minutes before termination (ecs-facts §9); with draining, the instance goes
// DRAINING at the notice and its service tasks are replaced elsewhere; at
// termination whatever still runs there is lost and the group launches a
// replacement instance to keep its desired capacity.
#include "scheduler/world.hpp"

#include <cstdint>

namespace ecsim::detail {

/// The instance registered: under a spotInterruptions fault on its group,
/// its notice comes after an exponential draw at ratePerInstanceHour.
void schedule_instance_spot_interruption(World& w, std::uint32_t asg, std::uint32_t instance);

/// payload = instance × 4 + phase: 0 the notice, 1 termination, 2 cleanup.
void on_instance_spot(World& w, std::uint32_t asg, std::uint32_t payload);

}  // namespace ecsim::detail
