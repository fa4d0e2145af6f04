#pragma once
/// CodeDeploy blue/green settings for a service with deploymentController CODE_DEPLOY.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
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

/// trafficRoutingConfig.type of a custom CodeDeploy deployment configuration.
enum class TrafficRoutingType { all_at_once, time_based_canary, time_based_linear };

/// CodeDeploy spellings of TrafficRoutingType, indexed by value.
inline constexpr std::string_view traffic_routing_type_names[] = {"AllAtOnce", "TimeBasedCanary", "TimeBasedLinear"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(TrafficRoutingType) { return traffic_routing_type_names; }

/// A custom deployment configuration (create-deployment-config --compute-platform ECS
/// --traffic-routing-config): canary (percent, then the rest after interval) or
/// linear (percent every interval).
struct TrafficRoutingConfig {
  TrafficRoutingType type = TrafficRoutingType::all_at_once;  ///< shape of the shift
  double percentage = 10;                                     ///< canaryPercentage / linearPercentage
  Millis interval{60'000};                                    ///< canaryInterval / linearInterval (minutes)
  SourceLocation where;                                       ///< where the block was written
  bool operator==(const TrafficRoutingConfig&) const = default;
};

/// deploymentReadyOption.actionOnTimeout: whether production traffic moves
/// as soon as the replacement is ready, or waits for ContinueDeployment.
enum class ReadyActionOnTimeout { continue_deployment, stop_deployment };
/// CodeDeploy spellings of ReadyActionOnTimeout, indexed by value.
inline constexpr std::string_view ready_action_on_timeout_names[] = {"CONTINUE_DEPLOYMENT", "STOP_DEPLOYMENT"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(ReadyActionOnTimeout) { return ready_action_on_timeout_names; }

/// The deployment group's blueGreenDeploymentConfiguration.deploymentReadyOption.
struct DeploymentReadyOption {
  ReadyActionOnTimeout action_on_timeout = ReadyActionOnTimeout::continue_deployment;
  Millis wait_time{0};   ///< waitTimeInMinutes: STOP_DEPLOYMENT stops the deployment after it
  SourceLocation where;  ///< where the block was written
  bool operator==(const DeploymentReadyOption&) const = default;
};

/// One codeDeploy entry (deployment group settings for one service).
struct CodeDeploySpec {
  std::string service;                                                    ///< the service it deploys
  std::string deployment_config_name = "CodeDeployDefault.ECSAllAtOnce";  ///< traffic shift shape
  Millis termination_wait_time{5 * 60'000};  ///< ecsim assumption: blue kept 5 min after the shift
  std::vector<std::string> target_groups;    ///< blue, green; green copies blue when omitted
  /// A custom configuration; unset: deployment_config_name names a predefined one.
  std::optional<TrafficRoutingConfig> traffic_routing_config;
  /// ecsim: how long the test listener routes to the replacement before the
  /// production shift starts (AfterAllowTestTraffic hooks, manual checks). 0: none.
  Millis test_traffic_time{0};
  std::vector<std::string> alarms;  ///< alarmConfiguration.alarms[].name: any in ALARM rolls back
  DeploymentReadyOption deployment_ready_option;  ///< default: traffic moves once the replacement is ready
  SourceLocation where;                      ///< where the entry was written
  bool operator==(const CodeDeploySpec&) const = default;
};

}  // namespace ecsim
