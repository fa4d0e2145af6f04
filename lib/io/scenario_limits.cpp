#include "io/scenario_limits.hpp"

#include <ecsim/core/time.hpp>

#include <fmt/format.h>

#include <map>
#include <string>
#include <variant>

namespace ecsim::detail {

std::vector<ValidationIssue> check_scenario_limits(const Scenario& s) {
  const ScenarioLimits& lim = scenario_limits;
  std::vector<ValidationIssue> out;
  auto error = [&out](const SourceLocation& where, std::string field, std::string key, std::string message) {
    out.push_back(ValidationIssue{where, std::move(field), std::move(key), std::move(message), false});
  };
  auto desired_too_big = [](int n) {
    return fmt::format("must be at most {} (ecsim's limit on tasks per service; ECS's default quota is 5,000), "
                       "got {}", scenario_limits.max_desired_count, n);
  };

  const SimulationSpec& sim = s.simulation;
  if (sim.duration > lim.max_duration) {
    error(sim.where, "simulation.duration", "duration",
          fmt::format("must be at most {} (ten years, ecsim's limit), got {}", format_duration(lim.max_duration),
                      format_duration(sim.duration)));
  } else if (sim.duration > Millis{0} && sim.metrics_interval >= Millis{1000}) {
    const std::int64_t rows = sim.duration / sim.metrics_interval + 1;
    if (rows > lim.max_metric_rows) {
      // The shortest interval that fits: duration / (rows - 1), rounded up to a second.
      const std::int64_t ms = (sim.duration.count() + lim.max_metric_rows - 2) / (lim.max_metric_rows - 1);
      const Millis fits{(ms + 999) / 1000 * 1000};
      error(sim.where, "simulation.metricsInterval", "metricsInterval",
            fmt::format("{} over {} gives {} metrics.csv rows per service, over ecsim's limit of {}; "
                        "use a metricsInterval of at least {}",
                        format_duration(sim.metrics_interval), format_duration(sim.duration), rows,
                        lim.max_metric_rows, format_duration(fits)));
    }
  }

  std::map<std::string, std::int64_t> instances;  // per cluster
  for (std::size_t i = 0; i < s.container_instances.size(); ++i) {
    const ContainerInstanceSpec& ci = s.container_instances[i];
    const std::int64_t before = instances[ci.cluster];
    instances[ci.cluster] += ci.count;
    if (before <= lim.max_instances_per_cluster && instances[ci.cluster] > lim.max_instances_per_cluster)
      error(ci.where, fmt::format("containerInstances.{}.count", i), "count",
            fmt::format("brings cluster '{}' to {} container instances; ECS allows at most {} per cluster",
                        ci.cluster, instances[ci.cluster], lim.max_instances_per_cluster));
  }

  for (const ServiceSpec& svc : s.services)
    if (svc.desired_count > lim.max_desired_count)
      error(svc.where, "services." + svc.service_name + ".desiredCount", "desiredCount",
            desired_too_big(svc.desired_count));
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const TimelineEntry& e = s.timeline[i];
    if (const auto* up = std::get_if<UpdateServiceAction>(&e.action); up && up->desired_count &&
                                                                      *up->desired_count > lim.max_desired_count)
      error(up->where, fmt::format("timeline.{}.updateService.desiredCount", i), "desiredCount",
            desired_too_big(*up->desired_count));
    if (const auto* cs = std::get_if<CreateServiceAction>(&e.action);
        cs && cs->service.desired_count > lim.max_desired_count)
      error(cs->service.where, fmt::format("timeline.{}.createService.desiredCount", i), "desiredCount",
            desired_too_big(cs->service.desired_count));
  }
  return out;
}

}  // namespace ecsim::detail
