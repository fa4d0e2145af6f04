#pragma once
// Cloud Map registration of service tasks (`serviceRegistries`): a task is
// discoverable from when it first counts as healthy until ECS starts to stop
// it (deregistration is part of DEACTIVATING, ecs-facts §1.1).
#include "scheduler/world.hpp"

namespace ecsim::detail {

/// The task has just counted as healthy for the first time.
void register_instances(World& w, TaskId task);

/// The task's desiredStatus has just become STOPPED.
void deregister_instances(World& w, TaskId task);

}  // namespace ecsim::detail
