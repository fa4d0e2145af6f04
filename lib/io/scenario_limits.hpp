#pragma once
// Private to lib/io: the limits that keep a scenario's run inside bounded
// time and memory (docs/scenario-format.md "Limits", docs/hardening.md).
// The file-level limits (size, nesting, aliases) are in yaml_context.hpp.
#include <ecsim/model/scenario.hpp>

#include <cstdint>
#include <vector>

#include "io/scenario_validation.hpp"

namespace ecsim::detail {

/// ecsim's limits on what a scenario asks for.
struct ScenarioLimits {
  /// Tasks per service (desiredCount, also through updateService). ECS's
  /// default quota is 5,000 and can be raised; ecsim allows 20 times that.
  int max_desired_count = 100'000;
  /// Container instances per cluster: ECS's quota, which cannot be raised (ecs-facts §12).
  int max_instances_per_cluster = 5'000;
  /// simulation.duration: ten years (3650 days).
  Millis max_duration{3650LL * 86'400'000};
  /// metrics.csv rows per service (duration / metricsInterval + 1).
  std::int64_t max_metric_rows = 1'000'000;
};

inline constexpr ScenarioLimits scenario_limits{};

/// Every limit a scenario (defaults applied) goes over, as validation errors.
std::vector<ValidationIssue> check_scenario_limits(const Scenario& scenario);

}  // namespace ecsim::detail
