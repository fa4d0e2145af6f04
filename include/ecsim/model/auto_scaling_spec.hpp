#pragma once
/// Service Auto Scaling: register-scalable-target (min/max) plus
/// put-scaling-policy requests. The policy configurations keep Application
/// Auto Scaling's PascalCase keys in files; C++ uses snake_case as everywhere.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// policyType.
enum class ScalingPolicyType { target_tracking_scaling, step_scaling, predictive_scaling };

/// Application Auto Scaling spellings of ScalingPolicyType, indexed by value.
inline constexpr std::string_view scaling_policy_type_names[] = {"TargetTrackingScaling", "StepScaling",
                                                                 "PredictiveScaling"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(ScalingPolicyType) { return scaling_policy_type_names; }

/// PredefinedMetricType for ECS services (ecs-facts.md §10).
enum class PredefinedMetricType {
  ecs_service_average_cpu_utilization,
  ecs_service_average_memory_utilization,
  alb_request_count_per_target,
  ecs_service_average_cpu_utilization_high_resolution,
  ecs_service_average_memory_utilization_high_resolution,
};

/// Application Auto Scaling spellings of PredefinedMetricType, indexed by value.
inline constexpr std::string_view predefined_metric_type_names[] = {
    "ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget",
    "ECSServiceAverageCPUUtilizationHighResolution", "ECSServiceAverageMemoryUtilizationHighResolution"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(PredefinedMetricType) { return predefined_metric_type_names; }

/// PredefinedMetricSpecification.
struct PredefinedMetricSpecification {
  PredefinedMetricType predefined_metric_type =
      PredefinedMetricType::ecs_service_average_cpu_utilization;  ///< the metric
  std::string resource_label;  ///< ALBRequestCountPerTarget: app/<lb>/<id>/targetgroup/<tg>/<id>
  SourceLocation where;        ///< where the block was written
  bool operator==(const PredefinedMetricSpecification&) const = default;
};

/// TargetTrackingScalingPolicyConfiguration. Cooldowns are seconds in files.
// ECS: ScaleOutCooldown and ScaleInCooldown default 300 s, DisableScaleIn
// false (ecs-facts.md §10).
struct TargetTrackingScalingPolicyConfiguration {
  double target_value = 0;                                        ///< the metric value to hold
  PredefinedMetricSpecification predefined_metric_specification;  ///< which metric
  Millis scale_out_cooldown{300'000};                             ///< ScaleOutCooldown
  Millis scale_in_cooldown{300'000};                              ///< ScaleInCooldown
  bool disable_scale_in = false;                                  ///< never remove tasks
  bool customized_metric = false;  ///< CustomizedMetricSpecification given (not simulated: the policy is skipped)
  SourceLocation where;                                           ///< where the block was written
  bool operator==(const TargetTrackingScalingPolicyConfiguration&) const = default;
};

/// AdjustmentType of a step scaling policy.
enum class AdjustmentType { change_in_capacity, percent_change_in_capacity, exact_capacity };

/// Application Auto Scaling spellings of AdjustmentType, indexed by value.
inline constexpr std::string_view adjustment_type_names[] = {"ChangeInCapacity", "PercentChangeInCapacity",
                                                             "ExactCapacity"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(AdjustmentType) { return adjustment_type_names; }

/// MetricAggregationType of a step scaling policy.
enum class MetricAggregationType { average, minimum, maximum };

/// Application Auto Scaling spellings of MetricAggregationType, indexed by value.
inline constexpr std::string_view metric_aggregation_type_names[] = {"Average", "Minimum", "Maximum"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(MetricAggregationType) { return metric_aggregation_type_names; }

/// One StepAdjustments entry; bounds are relative to the alarm threshold.
struct StepAdjustment {
  std::optional<double> metric_interval_lower_bound;  ///< unset: minus infinity
  std::optional<double> metric_interval_upper_bound;  ///< unset: plus infinity
  int scaling_adjustment = 0;                         ///< change, percent or exact count
  SourceLocation where;                               ///< where the entry was written
  bool operator==(const StepAdjustment&) const = default;
};

/// StepScalingPolicyConfiguration (ecs-facts.md §10: Cooldown default 300 s).
struct StepScalingPolicyConfiguration {
  AdjustmentType adjustment_type = AdjustmentType::change_in_capacity;             ///< how to read scaling_adjustment
  std::vector<StepAdjustment> step_adjustments;                                    ///< the steps
  Millis cooldown{300'000};                                                        ///< Cooldown
  MetricAggregationType metric_aggregation_type = MetricAggregationType::average;  ///< per-datapoint statistic
  std::optional<int> min_adjustment_magnitude;  ///< floor for PercentChangeInCapacity steps
  SourceLocation where;                         ///< where the block was written
  bool operator==(const StepScalingPolicyConfiguration&) const = default;
};

/// CloudWatch metric a step-scaling alarm watches (AWS/ECS namespace).
enum class ServiceMetric { cpu_utilization, memory_utilization, request_count_per_target };

/// CloudWatch spellings of ServiceMetric, indexed by value.
inline constexpr std::string_view service_metric_names[] = {"CPUUtilization", "MemoryUtilization",
                                                            "RequestCountPerTarget"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(ServiceMetric) { return service_metric_names; }

/// ComparisonOperator of a CloudWatch alarm.
enum class ComparisonOperator {
  greater_than_or_equal_to_threshold,
  greater_than_threshold,
  less_than_threshold,
  less_than_or_equal_to_threshold,
};

/// CloudWatch spellings of ComparisonOperator, indexed by value.
inline constexpr std::string_view comparison_operator_names[] = {
    "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(ComparisonOperator) { return comparison_operator_names; }

/// Statistic of a CloudWatch alarm.
enum class AlarmStatistic { average, minimum, maximum, sum };

/// CloudWatch spellings of AlarmStatistic, indexed by value.
inline constexpr std::string_view alarm_statistic_names[] = {"Average", "Minimum", "Maximum", "Sum"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(AlarmStatistic) { return alarm_statistic_names; }

/// ecsim: the CloudWatch alarm that triggers a step scaling policy. AWS
/// keeps it in a separate put-metric-alarm call; a scenario puts it beside
/// the policy, with put-metric-alarm's keys.
struct ScalingAlarm {
  ServiceMetric metric_name = ServiceMetric::cpu_utilization;                           ///< MetricName
  ComparisonOperator comparison_operator = ComparisonOperator::greater_than_threshold;  ///< how to compare
  double threshold = 0;                                                                 ///< Threshold
  int evaluation_periods = 1;                                                           ///< EvaluationPeriods
  std::optional<int> datapoints_to_alarm;  ///< DatapointsToAlarm; unset = evaluation_periods
  Millis period{60'000};                   ///< Period (seconds in files)
  AlarmStatistic statistic = AlarmStatistic::average;  ///< Statistic
  std::string alarm_name;                  ///< AlarmName; empty = "<policyName>-alarm"
  SourceLocation where;                    ///< where the block was written
  bool operator==(const ScalingAlarm&) const = default;
};

/// One put-scaling-policy request.
struct ScalingPolicy {
  std::string policy_name;                                                     ///< unique per service
  ScalingPolicyType policy_type = ScalingPolicyType::target_tracking_scaling;  ///< which kind
  std::optional<TargetTrackingScalingPolicyConfiguration>
      target_tracking_scaling_policy_configuration;                                 ///< TargetTrackingScaling
  std::optional<StepScalingPolicyConfiguration> step_scaling_policy_configuration;  ///< StepScaling
  std::optional<ScalingAlarm> alarm;  ///< StepScaling: the alarm that triggers it
  SourceLocation where;               ///< where the policy was written
  bool operator==(const ScalingPolicy&) const = default;
};

/// One put-scheduled-action request: at its times, the scalable target's
/// min and/or max capacity change (ScalableTargetAction).
struct ScheduledActionSpec {
  std::string scheduled_action_name;  ///< unique per service
  std::string schedule;               ///< at(yyyy-mm-ddThh:mm:ss) | rate(N unit) | cron(6 fields), UTC
  std::optional<int> min_capacity;    ///< ScalableTargetAction.MinCapacity
  std::optional<int> max_capacity;    ///< ScalableTargetAction.MaxCapacity
  SourceLocation where;               ///< where the entry was written
  bool operator==(const ScheduledActionSpec&) const = default;
};

/// A service's scalable target (ecs:service:DesiredCount) and its policies.
struct AutoScalingSpec {
  int min_capacity = 0;                 ///< desiredCount never goes below
  int max_capacity = 0;                 ///< desiredCount never goes above
  std::vector<ScalingPolicy> policies;  ///< the largest resulting capacity wins (ecs-facts.md §10)
  std::vector<ScheduledActionSpec> scheduled_actions;  ///< put-scheduled-action requests
  SourceLocation where;                 ///< where the block was written
  bool operator==(const AutoScalingSpec&) const = default;
};

}  // namespace ecsim
