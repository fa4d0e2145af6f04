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

/// lifecycleHooks[].lifecycleStages: where in a BLUE_GREEN / LINEAR / CANARY
/// deployment a hook runs (ecs-facts.md §5.2).
enum class LifecycleStage {
  reconcile_service,
  pre_scale_up,
  post_scale_up,
  test_traffic_shift,
  post_test_traffic_shift,
  pre_production_traffic_shift,
  production_traffic_shift,
  post_production_traffic_shift,
};

/// ECS spellings of LifecycleStage, indexed by value.
inline constexpr std::string_view lifecycle_stage_names[] = {
    "RECONCILE_SERVICE",       "PRE_SCALE_UP",     "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",      "POST_TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(LifecycleStage) { return lifecycle_stage_names; }

/// timeoutConfiguration.action of a lifecycle hook.
enum class HookTimeoutAction { rollback, continue_deployment };
/// ECS spellings of HookTimeoutAction, indexed by value.
inline constexpr std::string_view hook_timeout_action_names[] = {"ROLLBACK", "CONTINUE"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(HookTimeoutAction) { return hook_timeout_action_names; }

/// ecsim: what a hook reports when it finishes (its Lambda's answer).
enum class HookResult { succeeded, failed };
/// Spellings of HookResult (as ECS reports hook status), indexed by value.
inline constexpr std::string_view hook_result_names[] = {"SUCCEEDED", "FAILED"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(HookResult) { return hook_result_names; }

/// One deploymentConfiguration.lifecycleHooks entry. ecsim models the hook as
/// a fixed `duration` ending in `result`; past timeoutInMinutes the timeout
/// action applies instead (ECS: timeout 1440 min, action ROLLBACK; ecs-facts.md §5.2).
struct LifecycleHook {
  std::string hook_target_arn;                 ///< the Lambda function (kept for reference)
  std::string role_arn;                        ///< kept for reference
  std::vector<LifecycleStage> lifecycle_stages;  ///< where it runs
  Millis timeout{1440LL * 60'000};             ///< timeoutConfiguration.timeoutInMinutes
  HookTimeoutAction timeout_action = HookTimeoutAction::rollback;  ///< timeoutConfiguration.action
  Millis duration{0};                          ///< ecsim: how long the hook runs
  HookResult result = HookResult::succeeded;   ///< ecsim: how it ends
  SourceLocation where;                        ///< where the entry was written
  bool operator==(const LifecycleHook&) const = default;
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
  std::vector<LifecycleHook> lifecycle_hooks;                 ///< BLUE_GREEN / LINEAR / CANARY hooks
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
