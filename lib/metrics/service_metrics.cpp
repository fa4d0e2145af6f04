#include "metrics/service_metrics.hpp"

#include "scheduler/blue_green.hpp"
#include "scheduler/service_scheduler.hpp"

#include <ecsim/core/rng.hpp>

#include <algorithm>
#include <array>

namespace ecsim::detail {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const BehaviorSpec default_behavior{};

const BehaviorSpec& behavior_of(const World& w, std::uint32_t td) {
  const TaskDefinitionRuntime& r = w.task_definitions[td];
  return r.behavior ? *r.behavior : default_behavior;
}
/// A target group's requests and healthy targets over one stretch.
struct GroupLoad {
  const TargetGroupSpec* group = nullptr;
  double requests = 0;
  int healthy = 0;
};

/// `group`'s slot among per-target-group slots (a service's tasks use at most
/// the two groups of a blue/green pair), claiming a free one; nullptr when
/// every slot holds another group.
template <class Slot, std::size_t n>
Slot* group_slot(std::array<Slot, n>& slots, const TargetGroupSpec* group) noexcept {
  for (Slot& slot : slots)
    if (slot.group == group || !slot.group) {
      slot.group = group;
      return &slot;
    }
  return nullptr;
}

}  // namespace

double MetricWindow::cpu_average() const noexcept {
  return running_time > Millis{0} ? cpu * 1000.0 / static_cast<double>(running_time.count()) : nan;
}
double MetricWindow::memory_average() const noexcept {
  return running_time > Millis{0} ? memory * 1000.0 / static_cast<double>(running_time.count()) : nan;
}
double MetricWindow::request_count_per_target() const noexcept {
  return serving_time > Millis{0} ? per_target : nan;
}

void MetricWindow::add(const MetricWindow& o) noexcept {
  span += o.span;
  running_time += o.running_time;
  serving_time += o.serving_time;
  cpu += o.cpu;
  memory += o.memory;
  requests += o.requests;
  unserved += o.unserved;
  per_target += o.per_target;
  cpu_min = std::min(cpu_min, o.cpu_min);
  cpu_max = std::max(cpu_max, o.cpu_max);
  memory_min = std::min(memory_min, o.memory_min);
  memory_max = std::max(memory_max, o.memory_max);
}

MetricWindow ServiceMetrics::stretch(const LoadCurve* curve, const BehaviorSpec& b, int running, int healthy,
                                     SimTime a, SimTime at_end, double share) {
  MetricWindow m;
  m.span = at_end - a;
  if (m.span <= Millis{0}) return m;
  if (share <= 0) curve = nullptr;  // no production traffic reaches these tasks
  const double dt = static_cast<double>(m.span.count()) / 1000.0;
  const double idle = std::min(b.cpu_utilization, 100.0);
  const double r = b.requests_per_second_per_task;
  const double mem = b.memory_utilization;
  const double mem_full = b.memory_utilization_at_full_load.value_or(mem);
  const double capacity = healthy * r;  // requests per second at 100 % CPU on every serving task
  const bool cpu_follows = r > 0 && healthy > 0;
  LoadWindowStats st{};
  if (curve) {
    // These tasks get share × load: their bounds, in the curve's units, are
    // the tasks' bounds / share, and every integral scales by share.
    const double lo = cpu_follows ? idle / 100.0 * capacity / share : 0.0;
    const double hi = cpu_follows ? capacity / share : std::numeric_limits<double>::infinity();
    st = curve->window(a, at_end, lo, hi);
    if (share != 1.0) {
      st.total *= share;
      st.clamped *= share;
      st.below_hi *= share;
      st.min *= share;
      st.max *= share;
    }
  } else if (share <= 0 && cpu_follows) {
    st.clamped = idle / 100.0 * capacity * dt;  // no traffic: the tasks idle
  }
  m.requests = st.total;
  // One serving task: CPU % = clamp(load per task / r × 100, idle, 100);
  // what exceeds 100 % is not served. Starting tasks sit at idle.
  double serving_cpu = idle * dt, serving_min = idle, serving_max = idle;
  double serving_mem = mem * dt, mem_lo = mem, mem_hi = mem;
  if (cpu_follows) {
    serving_cpu = st.clamped * 100.0 / capacity;
    serving_min = std::clamp(st.min / capacity * 100.0, idle, 100.0);
    serving_max = std::clamp(st.max / capacity * 100.0, idle, 100.0);
    serving_mem = mem * dt + (mem_full - mem) * st.below_hi / capacity;
    const double f_lo = std::min(1.0, st.min / capacity), f_hi = std::min(1.0, st.max / capacity);
    mem_lo = mem + (mem_full - mem) * f_lo;
    mem_hi = mem + (mem_full - mem) * f_hi;
    if (mem_lo > mem_hi) std::swap(mem_lo, mem_hi);
    m.unserved = st.total - st.below_hi;
  } else if (healthy == 0) {
    m.unserved = st.total;
  }
  if (healthy > 0) {
    m.serving_time = m.span;
    m.per_target = st.total / healthy;
  }
  if (running > 0) {
    const int idle_tasks = running - healthy;
    m.running_time = m.span;
    m.cpu = (healthy * serving_cpu + idle_tasks * idle * dt) / running;
    m.memory = (healthy * serving_mem + idle_tasks * mem * dt) / running;
    m.cpu_min = healthy > 0 ? (idle_tasks > 0 ? std::min(idle, serving_min) : serving_min) : idle;
    m.cpu_max = healthy > 0 ? (idle_tasks > 0 ? std::max(idle, serving_max) : serving_max) : idle;
    m.memory_min = healthy > 0 ? (idle_tasks > 0 ? std::min(mem, mem_lo) : mem_lo) : mem;
    m.memory_max = healthy > 0 ? (idle_tasks > 0 ? std::max(mem, mem_hi) : mem_hi) : mem;
  }
  return m;
}

void ServiceMetrics::init(const World& w) {
  state_.assign(w.services.size(), {});
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    const ServiceRuntime& svc = w.services[s];
    if (!svc.load) continue;
    const WorkloadSpec* spec = nullptr;
    for (const WorkloadSpec& wl : w.scenario->workloads)
      if (&wl.requests_per_second == svc.load) spec = &wl;
    state_[s].curve.emplace(*svc.load, spec ? spec->noise : LoadNoise{}, w.scenario->simulation.seed,
                            stream_id(svc.spec->service_name), spec ? spec->weekly : WeeklyPattern{});
  }
}

DeploymentLoad& ServiceMetrics::load_of(std::uint32_t d) {
  if (d >= deployments_.size()) deployments_.resize(d + 1);
  return deployments_[d];
}

MetricWindow ServiceMetrics::pooled(const World& w, ServiceMetricState& st, SimTime now) {
  const BehaviorSpec& b = behavior_of(w, st.task_definition);
  const MetricWindow m = stretch(st.curve ? &*st.curve : nullptr, b, st.running, st.healthy, st.since, now);
  // Each deployment's part of the pool: requests by its healthy tasks, the
  // serving CPU for those, idle for its other RUNNING tasks.
  const double dt = to_seconds(m.span);
  const double idle = std::min(b.cpu_utilization, 100.0);
  const double serving =
      st.healthy > 0 ? (m.cpu * st.running - (st.running - st.healthy) * idle * dt) / st.healthy : 0.0;
  for (const TrafficGroup& g : st.groups) {
    DeploymentLoad& l = load_of(g.deployment);
    const int healthy = std::min(g.healthy, g.running);
    if (st.healthy > 0) {
      const double part = static_cast<double>(healthy) / st.healthy;
      l.requests += m.requests * part;
      l.unserved += m.unserved * part;
    }
    l.cpu += healthy * serving + (g.running - healthy) * idle * dt;
    l.task_seconds += g.running * dt;
  }
  // One pool: each target group with a healthy target sees the service's
  // requests per healthy target, once (a rolling update keeps both
  // revisions in one group).
  if (m.serving_time > Millis{0}) {
    std::array<GroupLoad, 2> by_group{};
    for (const TrafficGroup& g : st.groups) {
      const int healthy = std::min(g.healthy, g.running);
      if (healthy <= 0) continue;
      if (GroupLoad* gl = group_slot(by_group, g.target_group)) gl->healthy += healthy;
    }
    for (const GroupLoad& gl : by_group)
      if (gl.healthy > 0) add_group(st, gl.group, m.span, m.per_target);
  }
  return m;
}

MetricWindow ServiceMetrics::weighted(const World& w, ServiceMetricState& st, SimTime now) {
  MetricWindow m;
  m.span = now - st.since;
  const double dt = to_seconds(m.span);
  double cpu = 0, memory = 0;
  std::array<GroupLoad, 2> by_group{};  // each target group's requests and healthy targets
  for (const TrafficGroup& g : st.groups) {
    const int healthy = std::min(g.healthy, g.running);
    const MetricWindow part = stretch(st.curve ? &*st.curve : nullptr, behavior_of(w, g.task_definition), g.running,
                                      healthy, st.since, now, g.share);
    if (GroupLoad* gl = group_slot(by_group, g.target_group)) {
      gl->requests += part.requests;
      gl->healthy += healthy;
    }
    m.requests += part.requests;
    m.unserved += part.unserved;
    cpu += part.cpu * g.running;
    memory += part.memory * g.running;
    if (g.running > 0) {
      m.cpu_min = std::min(m.cpu_min, part.cpu_min);
      m.cpu_max = std::max(m.cpu_max, part.cpu_max);
      m.memory_min = std::min(m.memory_min, part.memory_min);
      m.memory_max = std::max(m.memory_max, part.memory_max);
    }
    DeploymentLoad& l = load_of(g.deployment);
    l.requests += part.requests;
    l.unserved += part.unserved;
    l.cpu += part.cpu * g.running;
    l.task_seconds += g.running * dt;
  }
  if (st.running > 0) {
    // The service's figure is the average over all its tasks, as
    // ECSServiceAverageCPUUtilization is.
    m.running_time = m.span;
    m.cpu = cpu / st.running;
    m.memory = memory / st.running;
  }
  if (st.healthy > 0) {
    m.serving_time = m.span;
    m.per_target = m.requests / st.healthy;
  }
  for (const GroupLoad& gl : by_group)
    if (gl.healthy > 0) add_group(st, gl.group, m.span, gl.requests / gl.healthy);
  return m;
}

void ServiceMetrics::add_group(ServiceMetricState& st, const TargetGroupSpec* g, Millis span, double per_target) {
  if (!g) return;  // no load balancer: no RequestCountPerTarget
  if (TargetGroupMinute* slot = group_slot(st.group_minute, g)) {
    slot->serving_time += span;
    slot->per_target += per_target;
  }
}

double ServiceMetrics::request_count_per_target(const std::array<TargetGroupMinute, 2>& minute,
                                                const TargetGroupSpec* group) noexcept {
  for (const TargetGroupMinute& slot : minute)
    if (slot.group == group && slot.serving_time > Millis{0}) return slot.per_target;
  return nan;
}

void ServiceMetrics::advance(const World& w, std::uint32_t s, SimTime now) {
  ServiceMetricState& st = state_[s];
  if (now <= st.since) return;
  if (!w.services[s].created) {  // a timeline createService has not run: no load yet
    st.since = now;
    return;
  }
  const MetricWindow m = st.weighted ? weighted(w, st, now) : pooled(w, st, now);
  st.minute.add(m);
  st.row.add(m);
  st.total_requests += m.requests;
  st.total_unserved += m.unserved;
  st.since = now;
}

void ServiceMetrics::refresh(const World& w, std::uint32_t s) {
  ServiceMetricState& st = state_[s];
  const ServiceRuntime& svc = w.services[s];
  const ServiceCounts c = count_tasks(w, s);
  st.running = c.running;
  st.healthy = std::min(c.healthy, c.running);
  if (!svc.deployments.empty()) st.task_definition = w.deployments[svc.deployments.back()].task_definition;
  st.weighted = svc.blue_green >= 0;
  std::vector<double> shares;
  if (st.weighted) shares = request_shares(w, s);
  st.groups.clear();
  for (std::size_t k = 0; k < svc.deployments.size(); ++k) {
    const DeploymentRuntime& dep = w.deployments[svc.deployments[k]];
    const double share = st.weighted ? shares[k] : 0.0;
    if (dep.running == 0 && share == 0) continue;
    st.groups.push_back({svc.deployments[k], dep.task_definition, dep.target_group, dep.running, dep.healthy_count, share});
  }
}

void ServiceMetrics::advance_all(const World& w, SimTime now) {
  for (std::uint32_t s = 0; s < state_.size(); ++s) advance(w, s, now);
}

void ServiceMetrics::refresh_all(const World& w) {
  for (std::uint32_t s = 0; s < state_.size(); ++s) refresh(w, s);
}

}  // namespace ecsim::detail
