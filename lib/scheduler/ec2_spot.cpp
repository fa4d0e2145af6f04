#include "scheduler/ec2_spot.hpp"

#include "scheduler/faults.hpp"
#include "scheduler/managed_scaling.hpp"
#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace ecsim::detail {

namespace {

/// Live tasks on the instance, by service.
std::vector<TaskId> tasks_on(const World& w, std::uint32_t cluster, InstanceId id) {
  std::vector<TaskId> out;
  for (const ServiceRuntime& svc : w.services) {
    if (svc.cluster != cluster || !svc.ec2) continue;
    for (TaskId t : svc.tasks)
      if (w.tasks.rows[index(t)].instance == id) out.push_back(t);
  }
  return out;
}

bool is_daemon(const World& w, TaskId t) {
  return w.services[w.tasks.rows[index(t)].service].spec->scheduling_strategy == SchedulingStrategy::daemon;
}

/// With managedDraining, the instance goes DRAINING and its service tasks
/// are replaced elsewhere within their deployment bounds.
void drain(World& w, std::uint32_t a, std::uint32_t n, std::string_view why) {
  AsgRuntime& g = w.asgs[a];
  const AsgInstance& inst = g.instances[n];
  ClusterRuntime& c = w.clusters[g.cluster];
  if (g.spec->auto_scaling_group_provider.managed_draining == Toggle::enabled && inst.id != invalid_id<InstanceId> &&
      inst.terminated == SimTime::max() && c.state->status(inst.id) == InstanceStatus::active) {
    const std::vector<TaskId> on_it = tasks_on(w, g.cluster, inst.id);
    c.state->set_status(inst.id, InstanceStatus::draining);
    w.recorder.message(w.engine.now(), RecordType::instance, Record::no_service,
                       fmt::format("(capacity provider {}) container instance {} is DRAINING ({}).", g.name,
                                   c.state->ec2_instance_id(inst.id), why));
    for (TaskId t : on_it) {
      if (is_daemon(w, t))
        stop_task(w, t, StopCode::termination_notice);
      else
        replace_task(w, t);
    }
    on_cluster_instances_changed(w, g.cluster);
  }
}

void notice(World& w, std::uint32_t a, std::uint32_t n) {
  AsgRuntime& g = w.asgs[a];
  AsgInstance& inst = g.instances[n];
  if (inst.terminated != SimTime::max() || inst.interrupted) return;
  inst.interrupted = true;
  ++g.spot_interruptions;
  ClusterRuntime& c = w.clusters[g.cluster];
  const Millis warning = g.spot_fault->notice;
  const std::vector<TaskId> on_it = tasks_on(w, g.cluster, inst.id);
  for (TaskId t : on_it) ++w.services[w.tasks.rows[index(t)].service].spot_interruptions;
  w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                     fmt::format("(capacity provider {}) EC2 Spot interruption notice for container instance {} "
                                 "({} tasks): it is terminated at {}.",
                                 g.name, c.state->ec2_instance_id(inst.id), on_it.size(),
                                 clock(w.engine.now() + warning)));
  // Spot draining (ecsim: on with managedDraining): DRAINING at the notice.
  drain(w, a, n, "Spot interruption");
  w.engine.schedule_in(warning, EventKind::instance_spot, a, n * 4 + 1);
}

/// An EC2 instance rebalance recommendation: with Capacity Rebalancing the
/// group launches a replacement now and, once it is in service, terminates
/// this one (ECS drains it first); the interruption notice may still come.
void recommendation(World& w, std::uint32_t a, std::uint32_t n) {
  AsgRuntime& g = w.asgs[a];
  AsgInstance& inst = g.instances[n];
  if (inst.terminated != SimTime::max() || inst.interrupted || inst.rebalanced || inst.id == invalid_id<InstanceId>)
    return;
  inst.rebalanced = true;
  w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                     fmt::format("(capacity provider {}) EC2 instance rebalance recommendation for container instance "
                                 "{}: Capacity Rebalancing launches a replacement.",
                                 g.name, w.clusters[g.cluster].state->ec2_instance_id(inst.id)));
  launch_instances(w, a, 1);
  g.instances.back().replaces = static_cast<std::int32_t>(n);
}

void termination(World& w, std::uint32_t a, std::uint32_t n) {
  AsgRuntime& g = w.asgs[a];
  AsgInstance& inst = g.instances[n];
  if (inst.terminated != SimTime::max()) return;
  ClusterRuntime& c = w.clusters[g.cluster];
  for (TaskId t : tasks_on(w, g.cluster, inst.id)) {
    ServiceRuntime& svc = w.services[w.tasks.rows[index(t)].service];
    if (!w.tasks.rows[index(t)].stop_requested) ++svc.tasks_lost;
    kill_task(w, t, StopCode::termination_notice);
  }
  if (c.state->status(inst.id) == InstanceStatus::active) c.state->set_status(inst.id, InstanceStatus::draining);
  terminate_instance(w, a, n, "EC2 Spot interruption");
  // The group keeps its desired capacity: a new instance replaces this one
  // (already launched at a rebalance recommendation).
  if (!inst.rebalanced) launch_instances(w, a, 1);
  on_cluster_instances_changed(w, g.cluster);
  // Killed tasks stop after DEPROVISIONING; the instance leaves the cluster then.
  w.engine.schedule_in(w.assumptions.fargate_deprovisioning, EventKind::instance_spot, a, n * 4 + 2);
}

}  // namespace

void schedule_instance_spot_interruption(World& w, std::uint32_t a, std::uint32_t n) {
  const AsgRuntime& g = w.asgs[a];
  if (!g.spot_fault || g.spot_fault->rate_per_instance_hour <= 0) return;
  const double wait_ms = w.ec2_spot_rng.exponential(g.spot_fault->rate_per_instance_hour / 3'600'000.0);
  const double left_ms = static_cast<double>((SimTime::max() - w.engine.now()).count());
  if (!(wait_ms < left_ms)) return;
  const Millis wait{static_cast<std::int64_t>(std::llround(wait_ms))};
  w.engine.schedule_in(wait, EventKind::instance_spot, a, n * 4);
  if (const Millis lead = g.spot_fault->rebalance_recommendation; lead > Millis{0})
    w.engine.schedule_in(std::max(Millis{0}, wait - lead), EventKind::instance_spot, a, n * 4 + 3);
}

void on_replacement_in_service(World& w, std::uint32_t a, std::uint32_t n) {
  const std::int32_t old = w.asgs[a].instances[n].replaces;
  if (old < 0) return;
  // Its tasks move to the replacement now; the instance itself ends at its
  // interruption, which in ecsim always follows the recommendation.
  drain(w, a, static_cast<std::uint32_t>(old), "Capacity Rebalancing");
}

void interrupt_spot_instance(World& w, std::uint32_t a) {
  const AsgRuntime& g = w.asgs[a];
  std::vector<std::uint32_t> live;
  for (std::uint32_t n = 0; n < g.instances.size(); ++n) {
    const AsgInstance& inst = g.instances[n];
    if (inst.id != invalid_id<InstanceId> && inst.terminated == SimTime::max() && !inst.interrupted && !inst.rebalanced)
      live.push_back(n);
  }
  if (live.empty()) {
    w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                       fmt::format("(capacity provider {}) EC2 Spot interruption (from the fault's csv) found no "
                                   "running instance.",
                                   g.name));
    return;
  }
  const std::uint32_t n = live[w.ec2_spot_rng.uniform_int(live.size())];
  const Millis lead = g.spot_fault->rebalance_recommendation;
  if (lead <= Millis{0}) {
    notice(w, a, n);
    return;
  }
  recommendation(w, a, n);
  w.engine.schedule_in(lead, EventKind::instance_spot, a, n * 4);
}

void on_instance_spot(World& w, std::uint32_t a, std::uint32_t payload) {
  const std::uint32_t n = payload / 4;
  switch (payload % 4) {
    case 0:
      notice(w, a, n);
      break;
    case 1:
      termination(w, a, n);
      break;
    case 3:
      recommendation(w, a, n);
      break;
    default:
      deregister_terminated(w, a);
      break;
  }
}

}  // namespace ecsim::detail
