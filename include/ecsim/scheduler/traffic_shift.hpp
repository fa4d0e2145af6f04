#pragma once
/// The production traffic steps of a blue/green deployment, as its
/// configuration defines them: CodeDeploy's deployment configurations
/// (ecs-facts.md §5.1) and ECS's own BLUE_GREEN / LINEAR / CANARY strategies
/// (§5.2). Times count from the first production shift, which happens once the
/// replacement is healthy (and any test-traffic window or hooks are done).
#include <ecsim/core/time.hpp>
#include <ecsim/model/code_deploy_spec.hpp>
#include <ecsim/model/deployment_configuration.hpp>

#include <vector>

namespace ecsim {

/// `after` the production shift begins, the replacement (green) receives
/// `percent` of production requests and the original (blue) the rest.
struct TrafficShiftStep {
  Millis after{0};
  double percent = 0;
  bool operator==(const TrafficShiftStep&) const = default;
};

/// CodeDeploy: AllAtOnce is 100 % at once; canary is `percentage`, then 100 %
/// after `interval`; linear adds `percentage` every `interval` until 100 %
/// (so Linear10PercentEvery1Minutes reaches 100 % nine minutes after the first
/// 10 %). A custom trafficRoutingConfig wins over deploymentConfigName.
std::vector<TrafficShiftStep> traffic_shift_steps(const CodeDeploySpec& code_deploy);

/// ECS-native: BLUE_GREEN is 100 % at once; LINEAR adds stepPercent every
/// stepBakeTimeInMinutes (no bake after the final 100 % step); CANARY sends
/// canaryPercent, then 100 % after canaryBakeTimeInMinutes. ROLLING has no
/// traffic steps (an empty list).
std::vector<TrafficShiftStep> traffic_shift_steps(const DeploymentConfiguration& configuration);

}  // namespace ecsim
