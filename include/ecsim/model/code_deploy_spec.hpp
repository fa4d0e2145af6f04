#pragma once
/// CodeDeploy blue/green settings for a service with deploymentController CODE_DEPLOY.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// The predefined CodeDeploy ECS deployment configurations (ecs-facts.md §5.1).
inline constexpr std::string_view code_deploy_config_names[] = {
    "CodeDeployDefault.ECSAllAtOnce",
    "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
    "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
    "CodeDeployDefault.ECSCanary10Percent5Minutes",
    "CodeDeployDefault.ECSCanary10Percent15Minutes",
};

/// One codeDeploy entry (deployment group settings for one service).
struct CodeDeploySpec {
  std::string service;                                                    ///< the service it deploys
  std::string deployment_config_name = "CodeDeployDefault.ECSAllAtOnce";  ///< traffic shift shape
  Millis termination_wait_time{5 * 60'000};  ///< ecsim assumption: blue kept 5 min after the shift
  std::vector<std::string> target_groups;    ///< blue, green; green copies blue when omitted
  SourceLocation where;                      ///< where the entry was written
  bool operator==(const CodeDeploySpec&) const = default;
};

}  // namespace ecsim
