#include "scheduler/container_startup.hpp"

#include "scheduler/duration_draw.hpp"

#include <ecsim/core/assert.hpp>

#include <algorithm>
#include <array>
#include <optional>

namespace ecsim::detail {

namespace {

constexpr std::size_t max_containers = 10;  // ECS's limit per task definition
constexpr Millis never_time = Millis::max();

int container_index(const TaskDefinition& td, const std::string& name) {
  for (std::size_t k = 0; k < td.container_definitions.size(); ++k)
    if (td.container_definitions[k].name == name) return static_cast<int>(k);
  return -1;
}

}  // namespace

StartupPlan plan_container_startup(const TaskDefinition& td, const BehaviorSpec& behavior, Rng& rng) {
  const std::size_t n = td.container_definitions.size();
  ECSIM_ASSERT(n <= max_containers, "the validator limits containers to 10");
  // Per container, in ms after the image pull: start, app up, healthy (or
  // never_time), and when it turned UNHEALTHY (never_time if it did not).
  std::array<Millis, max_containers> start{}, up{}, healthy{}, unhealthy{};
  std::array<bool, max_containers> planned{}, blocked{};
  Millis blocked_at = never_time;  // an essential container was blocked, known at this time
  for (std::size_t done = 0, pass = 0; done < n && pass <= n; ++pass) {
    for (std::size_t c = 0; c < n; ++c) {
      if (planned[c]) continue;
      const ContainerDefinition& cd = td.container_definitions[c];
      Millis s{0}, known_blocked = never_time;
      bool ready = true, cannot_start = false;
      for (const ContainerDependency& dep : cd.depends_on) {
        const int j = container_index(td, dep.container_name);
        ECSIM_ASSERT(j >= 0, "the validator checked dependsOn names");
        if (!planned[static_cast<std::size_t>(j)]) {
          ready = false;
          break;
        }
        const auto k = static_cast<std::size_t>(j);
        if (blocked[k]) {
          cannot_start = true;
          known_blocked = std::min(known_blocked, start[k]);
          continue;
        }
        // When the dependency reaches the condition; never_time: it does not.
        Millis met = start[k];
        Millis fails_at = never_time;  // when that is known
        switch (dep.condition) {
          case DependencyCondition::start:
            break;
          case DependencyCondition::complete:
          case DependencyCondition::success:
            met = up[k];
            break;
          case DependencyCondition::healthy:
            met = healthy[k];
            fails_at = unhealthy[k];
            break;
        }
        // The dependency's startTimeout: the agent gives up on a COMPLETE,
        // SUCCESS or HEALTHY condition not met this long after the
        // dependency started (ecs-facts §1.2).
        const std::optional<Millis>& timeout = td.container_definitions[k].start_timeout;
        if (timeout && dep.condition != DependencyCondition::start && met > start[k] + *timeout) {
          met = never_time;
          fails_at = std::min(fails_at, start[k] + *timeout);
        }
        if (met == never_time) {
          cannot_start = true;
          known_blocked = std::min(known_blocked, fails_at);
        } else {
          s = std::max(s, met);
        }
      }
      if (!ready) continue;
      planned[c] = true;
      ++done;
      if (cannot_start) {
        // Never starts; `start` keeps when that became known, for dependents.
        blocked[c] = true;
        start[c] = known_blocked;
        if (cd.essential) blocked_at = std::min(blocked_at, known_blocked);
        continue;
      }
      start[c] = s;
      up[c] = s + draw(rng, behavior.startup);
      healthy[c] = unhealthy[c] = never_time;
      if (cd.health_check) {
        const HealthCheck& hc = *cd.health_check;
        if (behavior.fail_health_checks)
          unhealthy[c] = s + unhealthy_after(hc.interval, hc.retries, hc.start_period);
        else
          healthy[c] = s + first_check_after(up[c] - s, hc.interval);
      }
    }
  }
  if (blocked_at != never_time) return {blocked_at, dependency_never_met};
  Millis running_after{0}, app_up{0};
  for (std::size_t c = 0; c < n; ++c)
    if (!blocked[c]) running_after = std::max(running_after, start[c]);
  for (std::size_t c = 0; c < n; ++c)
    if (!blocked[c] && td.container_definitions[c].essential) app_up = std::max(app_up, up[c] - running_after);
  return {running_after, app_up};
}

}  // namespace ecsim::detail
