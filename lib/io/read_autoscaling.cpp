// Readers of Service Auto Scaling: scalable target bounds, target tracking and
// step scaling policies (with their CloudWatch alarms) and scheduled actions.
#include "io/map_reader.hpp"

#include <ecsim/autoscaling/schedule_expression.hpp>

namespace ecsim::detail {

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_int("minCapacity", out.min_capacity, 0, no_limit);
    m.require_int("maxCapacity", out.max_capacity, 0, no_limit);
    if (out.max_capacity < out.min_capacity)
      m.error_at("maxCapacity", "must be at least minCapacity (" + std::to_string(out.min_capacity) + ")");
    m.read("policies", out.policies);
    m.read("scheduledActions", out.scheduled_actions);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScheduledActionSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("scheduledActionName", out.scheduled_action_name);
    if (m.require("schedule", out.schedule)) {
      std::string why;
      if (!parse_schedule(out.schedule, why)) m.error_at("schedule", why);
    }
    const YAML::Node* action = m.find("scalableTargetAction");
    if (!action) {
      m.missing("scalableTargetAction");
    } else {
      MapReader a(ctx, *action, m.child("scalableTargetAction"));
      if (a.ok()) {
        a.read_int("MinCapacity", out.min_capacity, 0, no_limit);
        a.read_int("MaxCapacity", out.max_capacity, 0, no_limit);
        if (!a.has("MinCapacity") && !a.has("MaxCapacity")) a.error_at("", "give MinCapacity, MaxCapacity or both");
        if (out.min_capacity && out.max_capacity && *out.max_capacity < *out.min_capacity)
          a.error_at("MaxCapacity", "must be at least MinCapacity (" + std::to_string(*out.min_capacity) + ")");
        a.finish();
      }
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScalingPolicy& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("policyName", out.policy_name);
    const bool tt = m.has("targetTrackingScalingPolicyConfiguration");
    const bool step = m.has("stepScalingPolicyConfiguration");
    if (m.has("policyType"))
      m.read("policyType", out.policy_type);
    else if (tt != step)  // the configuration given says which kind it is
      out.policy_type = tt ? ScalingPolicyType::target_tracking_scaling : ScalingPolicyType::step_scaling;
    else
      m.missing("policyType");
    m.read("targetTrackingScalingPolicyConfiguration", out.target_tracking_scaling_policy_configuration);
    m.read("stepScalingPolicyConfiguration", out.step_scaling_policy_configuration);
    m.read("alarm", out.alarm);
    if (out.policy_type == ScalingPolicyType::target_tracking_scaling && !tt)
      m.missing("targetTrackingScalingPolicyConfiguration");
    if (out.policy_type == ScalingPolicyType::step_scaling) {
      if (!step) m.missing("stepScalingPolicyConfiguration");
      // ecsim: AWS keeps the alarm in CloudWatch; a scenario writes it here.
      if (!m.has("alarm"))
        m.error_at("", "a StepScaling policy needs an 'alarm' (the CloudWatch alarm that triggers it)");
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PredefinedMetricSpecification& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("PredefinedMetricType", out.predefined_metric_type);
    m.read("ResourceLabel", out.resource_label);
    if (out.predefined_metric_type == PredefinedMetricType::alb_request_count_per_target && !m.has("ResourceLabel"))
      m.error_at("PredefinedMetricType", "ALBRequestCountPerTarget needs a ResourceLabel naming the target group");
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p,
                TargetTrackingScalingPolicyConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_number("TargetValue", out.target_value, std::numeric_limits<double>::min(), any_number);
    out.customized_metric = m.has("CustomizedMetricSpecification");
    if (!out.customized_metric)
      m.require("PredefinedMetricSpecification", out.predefined_metric_specification);
    else
      m.read("PredefinedMetricSpecification", out.predefined_metric_specification);
    m.read_seconds("ScaleOutCooldown", out.scale_out_cooldown, 0, no_limit);
    m.read_seconds("ScaleInCooldown", out.scale_in_cooldown, 0, no_limit);
    m.read("DisableScaleIn", out.disable_scale_in);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, StepAdjustment& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    double v = 0;
    if (m.read("MetricIntervalLowerBound", v)) out.metric_interval_lower_bound = v;
    if (m.read("MetricIntervalUpperBound", v)) out.metric_interval_upper_bound = v;
    m.require("ScalingAdjustment", out.scaling_adjustment);
    if (out.metric_interval_lower_bound && out.metric_interval_upper_bound &&
        *out.metric_interval_lower_bound >= *out.metric_interval_upper_bound)
      m.error_at("MetricIntervalUpperBound", "must be above MetricIntervalLowerBound");
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, StepScalingPolicyConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("AdjustmentType", out.adjustment_type);
    if (m.require("StepAdjustments", out.step_adjustments) && out.step_adjustments.empty())
      m.error_at("StepAdjustments", "needs at least one step");
    m.read_seconds("Cooldown", out.cooldown, 0, no_limit);
    m.read("MetricAggregationType", out.metric_aggregation_type);
    m.read_int("MinAdjustmentMagnitude", out.min_adjustment_magnitude, 1, no_limit);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScalingAlarm& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read("MetricName", out.metric_name);
    m.require("ComparisonOperator", out.comparison_operator);
    m.require("Threshold", out.threshold);
    m.read_int("EvaluationPeriods", out.evaluation_periods, 1, no_limit);
    m.read_int("DatapointsToAlarm", out.datapoints_to_alarm, 1, no_limit);
    if (out.datapoints_to_alarm && *out.datapoints_to_alarm > out.evaluation_periods)
      m.error_at("DatapointsToAlarm",
                 "must not exceed EvaluationPeriods (" + std::to_string(out.evaluation_periods) + ")");
    m.read_seconds("Period", out.period, 10, no_limit);
    // ECS service metrics are one-minute metrics: an alarm period is a whole number of minutes.
    if (out.period.count() % 60'000 != 0)
      m.error_at("Period", "ECS service metrics have one-minute datapoints; use a multiple of 60 seconds");
    m.read("Statistic", out.statistic);
    m.read("AlarmName", out.alarm_name);
  });
}

}  // namespace ecsim::detail
