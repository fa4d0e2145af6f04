#pragma once
// CloudWatch-like metrics of each service, integrated exactly: between two
// state changes of a service its task counts are constant and its load is a
// known curve, so each stretch adds closed-form integrals to the open
// windows (the current one-minute period and the current metrics.csv row).
#include "scheduler/world.hpp"

#include <ecsim/workload/load_window.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace ecsim::detail {

/// What one stretch of time added up to for one service.
struct MetricWindow {
  Millis span{0};          ///< time the window covers
  Millis running_time{0};  ///< time with at least one RUNNING task (CloudWatch has data)
  Millis serving_time{0};  ///< time with at least one healthy (serving) task
  double cpu = 0;          ///< ∫ service-average CPU % dt over running_time (percent × s)
  double memory = 0;       ///< ∫ service-average memory % dt (percent × s)
  double requests = 0;     ///< requests offered
  double unserved = 0;     ///< requests beyond what the serving tasks could take
  double per_target = 0;   ///< requests per healthy target (ALB RequestCountPerTarget, Sum)
  double cpu_min = std::numeric_limits<double>::infinity();  ///< lowest task CPU %
  double cpu_max = -std::numeric_limits<double>::infinity(); ///< highest task CPU %
  double memory_min = std::numeric_limits<double>::infinity();
  double memory_max = -std::numeric_limits<double>::infinity();

  /// Average CPU % over the time tasks ran; NaN when none ran (no datapoint).
  double cpu_average() const noexcept;
  double memory_average() const noexcept;
  /// RequestCountPerTarget; NaN when no task served.
  double request_count_per_target() const noexcept;
  void add(const MetricWindow& o) noexcept;
};

/// One target group's RequestCountPerTarget over the open minute. ALB
/// publishes the metric per target group (the group's requests ÷ its healthy
/// targets); during a blue/green deployment the two groups of the pair differ.
struct TargetGroupMinute {
  const TargetGroupSpec* group = nullptr;  ///< unset: a free slot
  Millis serving_time{0};                  ///< time with a healthy target in the group
  double per_target = 0;                   ///< ∫ requests ÷ healthy targets (a Sum)
};

/// One deployment's part of a service while the counts hold: its tasks and
/// the share of the service's production requests that reach them.
struct TrafficGroup {
  std::uint32_t deployment = 0;
  std::uint32_t task_definition = 0;
  const TargetGroupSpec* target_group = nullptr;  ///< where its tasks register (none: no load balancer)
  int running = 0;
  int healthy = 0;
  double share = 0;  ///< weighted groups only (a blue/green deployment's traffic weights)
};

/// What one deployment's tasks were sent and did over the run.
struct DeploymentLoad {
  double requests = 0;      ///< requests that reached its tasks' target group
  double unserved = 0;      ///< of those, beyond its serving tasks' capacity
  double cpu = 0;           ///< ∫ CPU % dt summed over its RUNNING tasks (percent × task-seconds)
  double task_seconds = 0;  ///< ∫ RUNNING tasks dt

  /// Average CPU % of one of its tasks; NaN when none ran.
  double cpu_average() const noexcept {
    return task_seconds > 0 ? cpu / task_seconds : std::numeric_limits<double>::quiet_NaN();
  }
};

/// Per-service integration state.
struct ServiceMetricState {
  std::optional<LoadCurve> curve;  ///< unset: no workload (zero load)
  SimTime since{};                 ///< integrated up to here
  int running = 0;                 ///< counts in effect since `since`
  int healthy = 0;
  std::uint32_t task_definition = 0;  ///< PRIMARY deployment's, for its behavior
  /// Unweighted, the load balancer spreads requests evenly over the healthy
  /// tasks (one pool with the PRIMARY's behavior); weighted (a blue/green
  /// deployment shifting traffic), each group gets its share, with its own
  /// task definition's behavior.
  bool weighted = false;
  std::vector<TrafficGroup> groups;  ///< the service's deployments with tasks, as of `since`
  MetricWindow minute;             ///< the open one-minute period
  MetricWindow row;                ///< the open metrics.csv interval
  /// The open minute by target group: a service's tasks use at most the two
  /// groups of a blue/green pair.
  std::array<TargetGroupMinute, 2> group_minute{};
  double total_requests = 0;       ///< the whole run
  double total_unserved = 0;
};

class ServiceMetrics {
 public:
  /// One state per service; loads from the services' workloads.
  void init(const World& w);
  /// Integrates service s from its last point to `now` with the counts that
  /// held meanwhile.
  void advance(const World& w, std::uint32_t s, SimTime now);
  /// Takes the service's current counts (after an event changed them).
  void refresh(const World& w, std::uint32_t s);
  void advance_all(const World& w, SimTime now);
  void refresh_all(const World& w);

  ServiceMetricState& operator[](std::uint32_t s) noexcept { return state_[s]; }
  const ServiceMetricState& operator[](std::uint32_t s) const noexcept { return state_[s]; }
  std::size_t size() const noexcept { return state_.size(); }

  /// What one stretch [a, b) with `running` and `healthy` tasks adds, when
  /// they receive `share` (0-1) of the curve's requests.
  static MetricWindow stretch(const LoadCurve* curve, const BehaviorSpec& b, int running, int healthy, SimTime a,
                              SimTime at_end, double share = 1.0);

  /// RequestCountPerTarget of `group` in this minute-window set (a copy of
  /// ServiceMetricState::group_minute); NaN when none of its targets was
  /// healthy (ALB publishes no datapoint).
  static double request_count_per_target(const std::array<TargetGroupMinute, 2>& minute,
                                         const TargetGroupSpec* group) noexcept;

  /// Deployment `d`'s (World::deployments index) totals so far.
  DeploymentLoad deployment(std::uint32_t d) const noexcept {
    return d < deployments_.size() ? deployments_[d] : DeploymentLoad{};
  }

 private:
  MetricWindow pooled(const World& w, ServiceMetricState& st, SimTime now);
  MetricWindow weighted(const World& w, ServiceMetricState& st, SimTime now);
  DeploymentLoad& load_of(std::uint32_t d);
  /// Adds one stretch of `span` with `per_target` requests per healthy target to group g's minute.
  static void add_group(ServiceMetricState& st, const TargetGroupSpec* g, Millis span, double per_target);

  std::vector<ServiceMetricState> state_;
  std::vector<DeploymentLoad> deployments_;
};

}  // namespace ecsim::detail
