#include <ecsim/scheduler/traffic_shift.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace ecsim {

namespace {

std::vector<TrafficShiftStep> all_at_once() { return {{Millis{0}, 100.0}}; }

std::vector<TrafficShiftStep> canary(double percent, Millis wait) {
  if (percent >= 100.0) return all_at_once();
  return {{Millis{0}, percent}, {wait, 100.0}};
}

/// percent, 2 × percent, … until 100 %, one step per `every`. Multiples are
/// computed from the step count, not summed, so 0.1-step percentages do not
/// drift; a step within a millionth of 100 % is 100 %.
std::vector<TrafficShiftStep> linear(double percent, Millis every) {
  std::vector<TrafficShiftStep> steps;
  for (int k = 1;; ++k) {
    const double p = std::min(100.0, percent * k);
    const bool last = p >= 100.0 - 1e-6;
    steps.push_back({every * (k - 1), last ? 100.0 : std::round(p * 1e6) / 1e6});
    if (last) return steps;
  }
}

}  // namespace

std::vector<TrafficShiftStep> traffic_shift_steps(const CodeDeploySpec& cd) {
  if (cd.traffic_routing_config) {
    const TrafficRoutingConfig& t = *cd.traffic_routing_config;
    switch (t.type) {
      case TrafficRoutingType::all_at_once:
        return all_at_once();
      case TrafficRoutingType::time_based_canary:
        return canary(t.percentage, t.interval);
      case TrafficRoutingType::time_based_linear:
        return linear(t.percentage, t.interval);
    }
  }
  // The predefined configurations (ecs-facts.md §5.1).
  const std::string_view name = cd.deployment_config_name;
  constexpr Millis minute{60'000};
  if (name == "CodeDeployDefault.ECSLinear10PercentEvery1Minutes") return linear(10, minute);
  if (name == "CodeDeployDefault.ECSLinear10PercentEvery3Minutes") return linear(10, 3 * minute);
  if (name == "CodeDeployDefault.ECSCanary10Percent5Minutes") return canary(10, 5 * minute);
  if (name == "CodeDeployDefault.ECSCanary10Percent15Minutes") return canary(10, 15 * minute);
  return all_at_once();
}

std::vector<TrafficShiftStep> traffic_shift_steps(const DeploymentConfiguration& dc) {
  switch (dc.strategy) {
    case DeploymentStrategy::rolling:
      return {};
    case DeploymentStrategy::blue_green:
      return all_at_once();
    case DeploymentStrategy::linear:
      return linear(dc.linear_configuration.step_percent, dc.linear_configuration.step_bake_time);
    case DeploymentStrategy::canary:
      return canary(dc.canary_configuration.canary_percent, dc.canary_configuration.canary_bake_time);
  }
  return {};
}

}  // namespace ecsim
