#pragma once
// Container start-up order within a task (`dependsOn`, ecs-facts §1.5).
// ecsim plans it once per task when its images are pulled: each container
// starts when its dependencies reach their condition, then takes the
// behaviour's `startup` time until its app answers.
#include <ecsim/core/rng.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/behavior_spec.hpp>
#include <ecsim/model/task_definition.hpp>

namespace ecsim::detail {

/// TaskTable::app_up when no plan was made (no dependsOn): draw at RUNNING.
inline constexpr Millis no_startup_plan{-1};
/// TaskTable::app_up when an essential container can never start.
inline constexpr Millis dependency_never_met{-2};

struct StartupPlan {
  /// ACTIVATING lasts this much longer than the image pull: until the last
  /// container has started (or, when one never can, until that is known).
  Millis activating_extra{0};
  /// From RUNNING until every essential container's app answers, or
  /// dependency_never_met.
  Millis app_up{0};
};

/// Plans one task's start-up (at most 10 containers; no allocation):
/// - START waits for the dependency to start, HEALTHY for its first passing
///   health check (checks every interval from its start);
/// - COMPLETE and SUCCESS wait for it to exit; ecsim assumes such a
///   container (an init container) exits, with code 0, when its own
///   start-up time has passed;
/// - with `failHealthChecks` a HEALTHY dependency turns UNHEALTHY instead
///   (after `retries` counted failures) and the containers waiting on it
///   never start; if one of them is essential the task fails to start then.
StartupPlan plan_container_startup(const TaskDefinition& td, const BehaviorSpec& behavior, Rng& rng);

}  // namespace ecsim::detail
