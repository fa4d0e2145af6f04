#pragma once
// Injected faults (the scenario's `faults:`): Fargate Spot interruptions at
// a rate per task-hour with ECS's two-minute warning, and Availability Zone
// outages that lose a zone's tasks and instances for a while.
#include "scheduler/world.hpp"

#include <cstdint>
#include <string>

namespace ecsim::detail {

/// A virtual time as H:MM:SS, for fault event messages.
std::string clock(SimTime t);
/// The task in this slot is still the one an event was scheduled for.
bool same_task(const World& w, std::uint32_t slot, std::uint32_t serial);

/// Reads the faults and queues the outages' starts and ends (up to `end`).
void schedule_faults(World& w, SimTime end);

/// A task reached RUNNING: on FARGATE_SPOT under a spotInterruptions fault,
/// its warning comes after an exponential draw at the fault's rate.
void schedule_spot_interruption(World& w, TaskId task);

/// The Spot warning: SIGTERM now (desiredStatus STOPPED, stopCode
/// SpotInterruption), the containers are gone when the notice runs out.
void on_spot_notice(World& w, std::uint32_t slot, std::uint32_t serial);

/// The notice has run out: a task still stopping is killed.
void on_spot_kill(World& w, std::uint32_t slot, std::uint32_t serial);

/// One row of a spotInterruptions csv: the warning for a RUNNING
/// FARGATE_SPOT task drawn with the seeded Spot stream (a fault event if none runs).
void interrupt_fargate_spot_task(World& w);
/// An outage starts (phase 0) or ends (phase 1); phase 2 is one row of a
/// spotInterruptions csv.
void on_fault(World& w, std::uint32_t fault, std::uint32_t phase);

/// The zone for a new Fargate task of the service: the one with the fewest
/// of its tasks among those not in an outage (first in the cluster's order on
/// ties); -1 when every zone is out.
int fargate_zone(const World& w, const ServiceRuntime& svc);

}  // namespace ecsim::detail
