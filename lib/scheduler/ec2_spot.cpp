#include "scheduler/ec2_spot.hpp"

#include "scheduler/managed_scaling.hpp"
#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ecsim::detail {

namespace {

std::string clock(SimTime t) {
  const std::int64_t s = t.time_since_epoch().count() / 1000;
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

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
  // Spot draining (ecsim: on with managedDraining): DRAINING at the notice,
  // service tasks replaced elsewhere within their deployment bounds.
  if (g.spec->auto_scaling_group_provider.managed_draining == Toggle::enabled &&
      c.state->status(inst.id) == InstanceStatus::active) {
    c.state->set_status(inst.id, InstanceStatus::draining);
    w.recorder.message(w.engine.now(), RecordType::instance, Record::no_service,
                       fmt::format("(capacity provider {}) container instance {} is DRAINING (Spot interruption).",
                                   g.name, c.state->ec2_instance_id(inst.id)));
    for (TaskId t : on_it) {
      if (is_daemon(w, t))
        stop_task(w, t, StopCode::termination_notice);
      else
        replace_task(w, t);
    }
    for (std::uint32_t s = 0; s < w.services.size(); ++s) {
      ServiceRuntime& svc = w.services[s];
      if (svc.cluster != g.cluster) continue;
      if (svc.spec->scheduling_strategy == SchedulingStrategy::daemon)
        svc.desired_count = static_cast<int>(c.state->active_count());
      request_reconcile(w, s);
    }
  }
  w.engine.schedule_in(warning, EventKind::instance_spot, a, n * 4 + 1);
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
  // The group keeps its desired capacity: a new instance replaces this one.
  launch_instances(w, a, 1);
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    ServiceRuntime& svc = w.services[s];
    if (svc.cluster != g.cluster) continue;
    if (svc.spec->scheduling_strategy == SchedulingStrategy::daemon)
      svc.desired_count = static_cast<int>(c.state->active_count());
    request_reconcile(w, s);
  }
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
  w.engine.schedule_in(Millis{static_cast<std::int64_t>(std::llround(wait_ms))}, EventKind::instance_spot, a, n * 4);
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
    default:
      deregister_terminated(w, a);
      break;
  }
}

}  // namespace ecsim::detail
