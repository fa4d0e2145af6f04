#pragma once
// Standalone tasks (`runTask` in the timeline) and services created or
// deleted during the run. A RunTask group is kept as a hidden ServiceRuntime
// with `standalone` set, so its tasks share the lifecycle, placement and
// billing code; nothing reconciles it: a stopped standalone task is not
// replaced and an unhealthy one is not stopped (ecs-facts §1.4).
#include "scheduler/world.hpp"

#include <ecsim/placement/placement_failure.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ecsim::detail {

/// RunTask: starts `count` tasks of the group now. Tasks no instance can take
/// are reported (RunTask's failures[]) and not retried.
void run_standalone_tasks(World& w, std::uint32_t group, int count);

/// RunTask's failure reason for a task that could not be placed, as the API
/// returns it: RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS, RESOURCE:ENI,
/// RESOURCE:GPU, ATTRIBUTE (a constraint), or ECS's message.
std::string run_task_failure_reason(const PlacementFailure& f);

/// Records a RunTask placement failure of the group.
void report_run_task_failure(World& w, std::uint32_t group, const PlacementFailure& f,
                             std::string_view closest_instance);

/// DeleteService (force): the service scales to 0 and stops being
/// reconciled toward anything else.
void delete_service(World& w, std::uint32_t service);

}  // namespace ecsim::detail
