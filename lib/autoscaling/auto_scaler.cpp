#include "autoscaling/auto_scaler.hpp"

#include "scheduler/blue_green.hpp"
#include "scheduler/service_scheduler.hpp"

#include <ecsim/autoscaling/scaling_math.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace ecsim::detail {

namespace {

constexpr Millis minute{60'000};

/// The policy's datapoint for the minute that ended: the service's figures,
/// or for ALBRequestCountPerTarget its label's target group's.
double tracked_value(const TrackingPolicyRuntime& p, const MetricWindow& m,
                     const std::array<TargetGroupMinute, 2>& groups, RequestCountScope scope) {
  const PredefinedMetricType t = p.config->predefined_metric_specification.predefined_metric_type;
  if (t == PredefinedMetricType::alb_request_count_per_target && scope == RequestCountScope::label_group &&
      p.target_group)
    return ServiceMetrics::request_count_per_target(groups, p.target_group);
  switch (t) {
    case PredefinedMetricType::ecs_service_average_cpu_utilization:
    case PredefinedMetricType::ecs_service_average_cpu_utilization_high_resolution:
      return m.cpu_average();
    case PredefinedMetricType::ecs_service_average_memory_utilization:
    case PredefinedMetricType::ecs_service_average_memory_utilization_high_resolution:
      return m.memory_average();
    case PredefinedMetricType::alb_request_count_per_target:
      return m.request_count_per_target();
  }
  return std::nan("");
}

/// A CloudWatch statistic of one service metric over an alarm period.
/// Average of CPU/memory is the time average; Minimum/Maximum the lowest or
/// highest task; Sum of a utilization sums the one-minute averages.
/// RequestCountPerTarget's datapoints are per-minute sums.
double statistic(ServiceMetric metric, AlarmStatistic stat, const MetricWindow& m, int minutes) {
  switch (metric) {
    case ServiceMetric::cpu_utilization:
      if (m.running_time <= Millis{0}) return std::nan("");
      if (stat == AlarmStatistic::minimum) return m.cpu_min;
      if (stat == AlarmStatistic::maximum) return m.cpu_max;
      if (stat == AlarmStatistic::sum) return m.cpu_average() * minutes;
      return m.cpu_average();
    case ServiceMetric::memory_utilization:
      if (m.running_time <= Millis{0}) return std::nan("");
      if (stat == AlarmStatistic::minimum) return m.memory_min;
      if (stat == AlarmStatistic::maximum) return m.memory_max;
      if (stat == AlarmStatistic::sum) return m.memory_average() * minutes;
      return m.memory_average();
    case ServiceMetric::request_count_per_target: {
      const double sum = m.request_count_per_target();
      return stat == AlarmStatistic::sum ? sum : sum / std::max(1, minutes);
    }
  }
  return std::nan("");
}

AlarmStatistic aggregation(MetricAggregationType t) {
  switch (t) {
    case MetricAggregationType::average: return AlarmStatistic::average;
    case MetricAggregationType::minimum: return AlarmStatistic::minimum;
    case MetricAggregationType::maximum: return AlarmStatistic::maximum;
  }
  return AlarmStatistic::average;
}

/// The target group a ResourceLabel (app/<lb>/<id>/targetgroup/<name>/<id>)
/// names among the scenario's; else the service's own (its first
/// loadBalancers entry's group, where its tasks register outside blue/green).
const TargetGroupSpec* label_group(const World& w, const ServiceRuntime& svc, std::string_view label) {
  constexpr std::string_view key = "targetgroup/";
  if (const std::size_t at = label.find(key); at != std::string_view::npos) {
    std::string_view name = label.substr(at + key.size());
    name = name.substr(0, name.find('/'));
    for (const TargetGroupSpec& tg : w.scenario->target_groups)
      if (tg.name == name) return &tg;
  }
  return svc.target_group;
}

bool deployment_in_progress(const World& w, const ServiceRuntime& svc) {
  for (std::uint32_t d : svc.deployments)
    if (w.deployments[d].listed && w.deployments[d].rollout == RolloutState::in_progress) return true;
  return false;
}

}  // namespace

void AutoScaler::init(World& w, EventKind tick_kind, EventKind action_kind) {
  tick_kind_ = tick_kind;
  action_kind_ = action_kind;
  scaler_of_.assign(w.services.size(), -1);
  const EcsAssumptions& a = w.assumptions;
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    const ServiceSpec& spec = *w.services[s].spec;
    if (!spec.auto_scaling) continue;
    const AutoScalingSpec& as = *spec.auto_scaling;
    ServiceScaler sc;
    sc.service = s;
    sc.min_capacity = as.min_capacity;
    sc.max_capacity = as.max_capacity;
    const std::string resource = fmt::format("service/{}/{}", spec.cluster, spec.service_name);
    for (const ScalingPolicy& p : as.policies) {
      // A customized metric is not simulated (the loader warns): the policy sits idle.
      if (p.policy_type == ScalingPolicyType::target_tracking_scaling && p.target_tracking_scaling_policy_configuration &&
          !p.target_tracking_scaling_policy_configuration->customized_metric) {
        const auto& c = *p.target_tracking_scaling_policy_configuration;
        TrackingPolicyRuntime t{
            &p, &c,
            MetricAlarm(ComparisonOperator::greater_than_threshold, c.target_value, a.tt_out_datapoints,
                        a.tt_out_datapoints),
            MetricAlarm(ComparisonOperator::less_than_threshold, c.target_value * a.tt_in_threshold_ratio,
                        a.tt_in_datapoints, a.tt_in_datapoints),
            fmt::format("TargetTracking-{}-AlarmHigh", resource), fmt::format("TargetTracking-{}-AlarmLow", resource)};
        t.target_group = label_group(w, w.services[s], c.predefined_metric_specification.resource_label);
        sc.tracking.push_back(std::move(t));
      } else if (p.policy_type == ScalingPolicyType::step_scaling && p.step_scaling_policy_configuration && p.alarm) {
        const ScalingAlarm& al = *p.alarm;
        StepPolicyRuntime st{&p, &*p.step_scaling_policy_configuration, &al,
                             MetricAlarm(al.comparison_operator, al.threshold, al.evaluation_periods,
                                         al.datapoints_to_alarm.value_or(al.evaluation_periods)),
                             al.alarm_name.empty() ? p.policy_name + "-alarm" : al.alarm_name};
        st.period_minutes = static_cast<int>(std::max<std::int64_t>(1, al.period / minute));
        sc.steps.push_back(std::move(st));
      }
    }
    for (const ScheduledActionSpec& sa : as.scheduled_actions) {
      std::string error;
      if (auto e = parse_schedule(sa.schedule, error)) actions_.push_back({s, &sa, *e});
    }
    scaler_of_[s] = static_cast<std::int32_t>(scalers_.size());
    scalers_.push_back(std::move(sc));
  }
  const SimTime end{w.scenario->simulation.duration};
  const bool any_policy = std::any_of(scalers_.begin(), scalers_.end(),
                                      [](const ServiceScaler& sc) { return !sc.tracking.empty() || !sc.steps.empty(); });
  if (any_policy && sim_start + minute <= end) w.engine.schedule(sim_start + minute, tick_kind_, 1);
  for (std::uint32_t i = 0; i < actions_.size(); ++i)
    if (auto t = next_fire(actions_[i].expression, SimTime{Millis{-1}}); t && *t <= end)
      w.engine.schedule(*t, action_kind_, i);
}

std::int64_t AutoScaler::activities(std::uint32_t s) const noexcept {
  return s < scaler_of_.size() && scaler_of_[s] >= 0 ? scalers_[static_cast<std::size_t>(scaler_of_[s])].activities
                                                     : 0;
}

void AutoScaler::set_desired(World& w, ServiceScaler& sc, int desired, const std::string& cause) {
  ServiceRuntime& svc = w.services[sc.service];
  const int from = svc.desired_count;
  if (desired == from) return;
  ++sc.activities;
  w.recorder.message(w.engine.now(), RecordType::scaling, sc.service,
                     fmt::format("{} changing the desired capacity from {} to {}.", cause, from, desired));
  UpdateServiceAction u;
  u.service = svc.spec->service_name;
  u.desired_count = desired;
  update_service(w, sc.service, u);
}

void AutoScaler::on_tick(World& w, ServiceMetrics& metrics) {
  const SimTime now = w.engine.now();
  for (ServiceScaler& sc : scalers_) {
    if (sc.tracking.empty() && sc.steps.empty()) continue;
    if (!w.services[sc.service].created) continue;  // a timeline createService has not run yet
    metrics.advance(w, sc.service, now);
    ServiceMetricState& ms = metrics[sc.service];
    const MetricWindow datapoint = ms.minute;
    const std::array<TargetGroupMinute, 2> groups = ms.group_minute;
    ms.minute = MetricWindow{};
    ms.group_minute = {};
    const int current = w.services[sc.service].desired_count;

    // Proposals: the largest capacity wins (ecs-facts §10).
    int out_capacity = current, in_capacity = -1;
    std::string out_cause, in_cause;
    bool in_vetoed = false;
    TrackingPolicyRuntime* out_tt = nullptr;
    StepPolicyRuntime* out_step = nullptr;
    std::vector<TrackingPolicyRuntime*> in_tt;
    std::vector<StepPolicyRuntime*> in_step;

    for (TrackingPolicyRuntime& t : sc.tracking) {
      const double v = tracked_value(t, datapoint, groups, w.assumptions.alb_request_count_scope);
      t.high.add(v);
      t.low.add(v);
      const double target = t.config->target_value;
      if (t.high.state() == AlarmState::alarm) {
        // During the scale-out cooldown the capacity the last scale-out
        // added counts: compute from what it started from (ecs-facts §10).
        const int base = now < t.out_cooldown_until ? t.capacity_before_out : current;
        const int cap = tracking_scale_out_capacity(base, v, target);
        if (cap > out_capacity) {
          out_capacity = cap;
          out_tt = &t;
          out_step = nullptr;
          out_cause = fmt::format("monitor alarm {} in state ALARM triggered policy {}", t.high_name, t.spec->policy_name);
        }
      }
      if (t.config->disable_scale_in) continue;
      if (t.low.state() == AlarmState::alarm && now >= t.in_cooldown_until) {
        const int cap = tracking_scale_in_capacity(current, v, target, w.assumptions.tt_in_step_fraction);
        if (cap < current) {
          if (cap > in_capacity) {
            in_capacity = cap;
            in_cause = fmt::format("monitor alarm {} in state ALARM triggered policy {}", t.low_name, t.spec->policy_name);
          }
          in_tt.push_back(&t);
          continue;
        }
      }
      in_vetoed = true;  // scale in only when every target tracking policy is ready to
    }

    for (StepPolicyRuntime& st : sc.steps) {
      st.period.add(datapoint);
      if (++st.minutes < st.period_minutes) continue;
      const MetricWindow period = st.period;
      const int minutes = st.minutes;
      st.period = MetricWindow{};
      st.minutes = 0;
      st.alarm.add(statistic(st.alarm_spec->metric_name, st.alarm_spec->statistic, period, minutes));
      if (st.alarm.state() != AlarmState::alarm) continue;
      // A deployment that watches this alarm fails while it is in ALARM (ecs-facts §3, §5.1).
      for (std::uint32_t s = 0; s < w.services.size(); ++s) on_deployment_alarm(w, s, st.alarm_name);
      st.last_value = statistic(st.alarm_spec->metric_name, aggregation(st.config->metric_aggregation_type), period, minutes);
      const StepAdjustment* step = find_step(st.config->step_adjustments, st.last_value - st.alarm_spec->threshold);
      if (!step) continue;
      const std::string cause =
          fmt::format("monitor alarm {} in state ALARM triggered policy {}", st.alarm_name, st.spec->policy_name);
      const int direct = step_capacity(st.config->adjustment_type, current, step->scaling_adjustment,
                                       st.config->min_adjustment_magnitude);
      if (direct > current) {
        const int base = now < st.cooldown_until ? st.capacity_before_out : current;
        const int cap = step_capacity(st.config->adjustment_type, base, step->scaling_adjustment,
                                      st.config->min_adjustment_magnitude);
        if (cap > out_capacity) {
          out_capacity = cap;
          out_step = &st;
          out_tt = nullptr;
          out_cause = cause;
        }
      } else if (direct < current && now >= st.cooldown_until) {
        if (direct > in_capacity) {
          in_capacity = direct;
          in_cause = cause;
        }
        in_step.push_back(&st);
      }
    }

    const int lo = sc.min_capacity, hi = sc.max_capacity;
    if (out_capacity > current) {
      const int next = std::clamp(out_capacity, lo, hi);
      if (next > current) {
        if (out_tt) {
          out_tt->capacity_before_out = now < out_tt->out_cooldown_until ? out_tt->capacity_before_out : current;
          out_tt->out_cooldown_until = now + out_tt->config->scale_out_cooldown;
        }
        if (out_step) {
          out_step->capacity_before_out = now < out_step->cooldown_until ? out_step->capacity_before_out : current;
          out_step->cooldown_until = now + out_step->config->cooldown;
        }
        // A scale-out cuts every scale-in cooldown short (ecs-facts §10).
        for (TrackingPolicyRuntime& t : sc.tracking) t.in_cooldown_until = now;
        set_desired(w, sc, next, out_cause);
        continue;
      }
    }
    // ECS: scale-in is suspended while a deployment is in progress.
    if (in_capacity >= 0 && !in_vetoed && !deployment_in_progress(w, w.services[sc.service])) {
      const int next = std::clamp(in_capacity, lo, hi);
      if (next < current) {
        for (TrackingPolicyRuntime* t : in_tt) t->in_cooldown_until = now + t->config->scale_in_cooldown;
        for (StepPolicyRuntime* s : in_step) s->cooldown_until = now + s->config->cooldown;
        set_desired(w, sc, next, in_cause);
      }
    }
  }
  const SimTime next = now + minute;
  if (next <= SimTime{w.scenario->simulation.duration}) w.engine.schedule(next, tick_kind_, 0);
}

void AutoScaler::on_scheduled_action(World& w, std::uint32_t index) {
  const ScheduledActionRuntime& a = actions_[index];
  if (!w.services[a.service].created) return;  // Application Auto Scaling needs the service
  ServiceScaler& sc = scalers_[static_cast<std::size_t>(scaler_of_[a.service])];
  if (a.spec->min_capacity) sc.min_capacity = *a.spec->min_capacity;
  if (a.spec->max_capacity) sc.max_capacity = *a.spec->max_capacity;
  if (sc.max_capacity < sc.min_capacity) sc.max_capacity = sc.min_capacity;
  w.recorder.message(w.engine.now(), RecordType::scaling, a.service,
                     fmt::format("scheduled action {} set min capacity to {} and max capacity to {}.",
                                 a.spec->scheduled_action_name, sc.min_capacity, sc.max_capacity));
  const int current = w.services[a.service].desired_count;
  const int next = std::clamp(current, sc.min_capacity, sc.max_capacity);
  if (next != current)
    set_desired(w, sc, next,
                fmt::format("scheduled action {} moved the desired capacity inside [{}, {}]:",
                            a.spec->scheduled_action_name, sc.min_capacity, sc.max_capacity));
  if (auto t = next_fire(a.expression, w.engine.now()); t && *t <= SimTime{w.scenario->simulation.duration})
    w.engine.schedule(*t, action_kind_, index);
}

}  // namespace ecsim::detail
