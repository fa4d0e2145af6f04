#pragma once
// Service Auto Scaling on the virtual clock: once a minute each scaled
// service's datapoints feed its alarms (the managed ones of target tracking,
// the scenario's for step scaling), and policies in ALARM propose a new
// desired count; scheduled actions change min/max at their times. Changes
// go through update-service, so deployments and reconcile behave as usual.
#include "metrics/service_metrics.hpp"
#include "scheduler/world.hpp"

#include <ecsim/autoscaling/metric_alarm.hpp>
#include <ecsim/autoscaling/schedule_expression.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ecsim::detail {

struct TrackingPolicyRuntime {
  const ScalingPolicy* spec;
  const TargetTrackingScalingPolicyConfiguration* config;
  MetricAlarm high;  ///< AlarmHigh: scale out
  MetricAlarm low;   ///< AlarmLow: scale in
  std::string high_name, low_name;
  /// ALBRequestCountPerTarget: the target group its ResourceLabel names.
  const TargetGroupSpec* target_group = nullptr;
  SimTime out_cooldown_until{};
  SimTime in_cooldown_until{};
  int capacity_before_out = 0;  ///< what the last scale-out started from
};

struct StepPolicyRuntime {
  const ScalingPolicy* spec;
  const StepScalingPolicyConfiguration* config;
  const ScalingAlarm* alarm_spec;
  MetricAlarm alarm;
  std::string alarm_name;
  int period_minutes = 1;
  int minutes = 0;           ///< minutes gathered into `period`
  MetricWindow period;       ///< the open alarm period
  double last_value = 0;     ///< the metric aggregated with MetricAggregationType, last period
  SimTime cooldown_until{};  ///< scale-in blocked; scale-out counts from capacity_before_out
  int capacity_before_out = 0;
};

struct ScheduledActionRuntime {
  std::uint32_t service;
  const ScheduledActionSpec* spec;
  ScheduleExpression expression;
};

struct ServiceScaler {
  std::uint32_t service;
  int min_capacity = 0;
  int max_capacity = 0;
  std::vector<TrackingPolicyRuntime> tracking;
  std::vector<StepPolicyRuntime> steps;
  std::int64_t activities = 0;
};

class AutoScaler {
 public:
  /// Builds the scalers and schedules the first tick and scheduled actions.
  void init(World& w, EventKind tick_kind, EventKind action_kind);
  /// The minute ending now: datapoints, alarms, policies.
  void on_tick(World& w, ServiceMetrics& metrics);
  /// Scheduled action number `index` fires.
  void on_scheduled_action(World& w, std::uint32_t index);
  /// Scaling activities so far for service s (0 when not scaled).
  std::int64_t activities(std::uint32_t s) const noexcept;

 private:
  void set_desired(World& w, ServiceScaler& sc, int desired, const std::string& cause);
  std::vector<ServiceScaler> scalers_;
  std::vector<std::int32_t> scaler_of_;  ///< by service: index into scalers_, or -1
  std::vector<ScheduledActionRuntime> actions_;
  EventKind tick_kind_{};
  EventKind action_kind_{};
};

}  // namespace ecsim::detail
