#include "scheduler/launch_rate.hpp"

#include "scheduler/service_scheduler.hpp"

#include <algorithm>

namespace ecsim::detail {

// GCRA: `tat` is when the bucket would be full again. A launch fits while
// the bucket holds at least one token, i.e. tat - now <= (burst - 1) × per_token.
bool launch_fits(const LaunchBucket& b, SimTime now, int burst, Millis per_token, int n) noexcept {
  if (burst <= 0) return true;  // unlimited
  return b.tat - now <= per_token * (burst - n);
}

void take_launch(LaunchBucket& b, SimTime now, int burst, Millis per_token) noexcept {
  if (burst <= 0) return;
  b.tat = std::max(b.tat, now) + per_token;
}

SimTime next_launch_at(const LaunchBucket& b, int burst, Millis per_token, int n) noexcept {
  return b.tat - per_token * (burst - n);
}

bool may_launch(World& w, std::uint32_t s, int wanted) {
  const EcsAssumptions& a = w.assumptions;
  const SimTime now = w.engine.now();
  ServiceRuntime& svc = w.services[s];
  if (a.max_provisioning_tasks_per_cluster > 0 && svc.cluster < w.clusters.size()) {
    ClusterRuntime& c = w.clusters[svc.cluster];
    if (c.provisioning >= a.max_provisioning_tasks_per_cluster) {
      c.quota_held = true;  // woken when a task leaves PROVISIONING (note_provisioning)
      return false;
    }
  }
  const bool fargate = !svc.ec2 && a.fargate_launch_burst > 0;
  const bool service_ok = launch_fits(svc.launch_bucket, now, a.service_launch_burst, a.service_launch_interval);
  const bool fargate_ok =
      !fargate || launch_fits(w.fargate_launch_bucket, now, a.fargate_launch_burst, a.fargate_launch_interval);
  if (service_ok && fargate_ok) return true;
  SimTime at = now;
  if (a.service_launch_burst > 0) {
    const int n = std::clamp(wanted, 1, std::min(a.launch_batch, a.service_launch_burst));
    at = std::max(at, next_launch_at(svc.launch_bucket, a.service_launch_burst, a.service_launch_interval, n));
  }
  if (fargate) {
    const int n = std::clamp(wanted, 1, std::min(a.launch_batch, a.fargate_launch_burst));
    at = std::max(at, next_launch_at(w.fargate_launch_bucket, a.fargate_launch_burst, a.fargate_launch_interval, n));
  }
  wake_service_at(w, s, std::max(at, now + Millis{1}));
  return false;
}

void note_launch(World& w, std::uint32_t s) {
  const EcsAssumptions& a = w.assumptions;
  const SimTime now = w.engine.now();
  ServiceRuntime& svc = w.services[s];
  take_launch(svc.launch_bucket, now, a.service_launch_burst, a.service_launch_interval);
  if (!svc.ec2) take_launch(w.fargate_launch_bucket, now, a.fargate_launch_burst, a.fargate_launch_interval);
}

void wake_service_at(World& w, std::uint32_t s, SimTime at) {
  ServiceRuntime& svc = w.services[s];
  if (svc.wakeup_at <= at && svc.wakeup_at > w.engine.now()) return;  // an earlier one is queued
  svc.wakeup_at = at;
  w.engine.schedule(at, EventKind::reconcile, s, 2);
}

}  // namespace ecsim::detail

namespace ecsim::detail {

void note_provisioning(World& w, std::uint32_t s, bool entering) {
  const std::uint32_t cluster = w.services[s].cluster;
  if (cluster >= w.clusters.size()) return;
  ClusterRuntime& c = w.clusters[cluster];
  c.provisioning += entering ? 1 : -1;
  if (entering || !c.quota_held || c.provisioning >= w.assumptions.max_provisioning_tasks_per_cluster) return;
  c.quota_held = false;
  for (std::uint32_t k = 0; k < w.services.size(); ++k)
    if (w.services[k].cluster == cluster && !w.services[k].standalone) request_reconcile(w, k);
}

}  // namespace ecsim::detail
