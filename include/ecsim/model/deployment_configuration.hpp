#pragma once
/// How a service replaces tasks: deploymentConfiguration and
/// deploymentController of create-service / update-service.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// deploymentCircuitBreaker: stop (and maybe roll back) a deployment whose tasks keep failing.
struct DeploymentCircuitBreaker {
  bool enable = false;    ///< off unless enabled (ecs-facts.md §4)
  bool rollback = false;  ///< roll back to the last completed deployment when it trips
  SourceLocation where;   ///< where the block was written
  bool operator==(const DeploymentCircuitBreaker&) const = default;
};

/// alarms: CloudWatch alarms that fail a deployment while in ALARM (ecs-facts.md §3).
struct DeploymentAlarms {
  std::vector<std::string> alarm_names;  ///< alarms to watch
  bool enable = false;                   ///< watch them at all
  bool rollback = false;                 ///< roll back when one fires
  SourceLocation where;                  ///< where the block was written
  bool operator==(const DeploymentAlarms&) const = default;
};

/// deploymentConfiguration.strategy (ecs-facts.md §5.2).
enum class DeploymentStrategy { rolling, blue_green, linear, canary };

/// ECS spellings of DeploymentStrategy, indexed by value.
inline constexpr std::string_view deployment_strategy_names[] = {"ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(DeploymentStrategy) { return deployment_strategy_names; }

/// linearConfiguration of an ECS-native LINEAR deployment.
// ECS: stepPercent 3.0-100.0, default 10.0; stepBakeTimeInMinutes 0-1440,
// default 6 (ecs-facts.md §5.2).
struct LinearConfiguration {
  double step_percent = 10.0;         ///< traffic moved per step, percent
  Millis step_bake_time{6 * 60'000};  ///< stepBakeTimeInMinutes, as Millis
  SourceLocation where;               ///< where the block was written
  bool operator==(const LinearConfiguration&) const = default;
};

/// canaryConfiguration of an ECS-native CANARY deployment.
// ECS: canaryPercent 0.1-100.0, default 5.0; canaryBakeTimeInMinutes 0-1440,
// default 10 (ecs-facts.md §5.2).
struct CanaryConfiguration {
  double canary_percent = 5.0;           ///< traffic sent to the canary, percent
  Millis canary_bake_time{10 * 60'000};  ///< canaryBakeTimeInMinutes, as Millis
  SourceLocation where;                  ///< where the block was written
  bool operator==(const CanaryConfiguration&) const = default;
};

/// deploymentConfiguration. The percentages are optional because their
/// default depends on schedulingStrategy: apply_defaults sets REPLICA 100/200,
/// DAEMON 0/100 (ecs-facts.md §3). In an updateService action unset means "keep".
struct DeploymentConfiguration {
  std::optional<int> minimum_healthy_percent;                 ///< lower bound of healthy tasks, percent of desired
  std::optional<int> maximum_percent;                         ///< upper bound of running + pending tasks, percent
  DeploymentCircuitBreaker deployment_circuit_breaker;        ///< failure detection
  DeploymentAlarms alarms;                                    ///< alarm-based failure detection
  DeploymentStrategy strategy = DeploymentStrategy::rolling;  ///< ROLLING unless set
  Millis bake_time{0};                                        ///< bakeTimeInMinutes, as Millis (BLUE_GREEN)
  LinearConfiguration linear_configuration;                   ///< used when strategy is LINEAR
  CanaryConfiguration canary_configuration;                   ///< used when strategy is CANARY
  SourceLocation where;                                       ///< where the block was written
  bool operator==(const DeploymentConfiguration&) const = default;
};

/// deploymentController.type.
enum class DeploymentControllerType { ecs, code_deploy, external };

/// ECS spellings of DeploymentControllerType, indexed by value.
inline constexpr std::string_view deployment_controller_type_names[] = {"ECS", "CODE_DEPLOY", "EXTERNAL"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(DeploymentControllerType) {
  return deployment_controller_type_names;
}

/// deploymentController: who runs deployments (ECS unless set).
struct DeploymentController {
  DeploymentControllerType type = DeploymentControllerType::ecs;  ///< ECS, CODE_DEPLOY or EXTERNAL
  SourceLocation where;                                           ///< where the block was written
  bool operator==(const DeploymentController&) const = default;
};

}  // namespace ecsim
