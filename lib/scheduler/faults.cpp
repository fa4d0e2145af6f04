#include "scheduler/faults.hpp"

#include "scheduler/capacity_providers.hpp"
#include "scheduler/ec2_spot.hpp"
#include "scheduler/managed_scaling.hpp"
#include "scheduler/service_scheduler.hpp"
#include "scheduler/spot_capacity.hpp"

#include <ecsim/core/time.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecsim::detail {

std::string clock(SimTime t) {
  const std::int64_t s = t.time_since_epoch().count() / 1000;
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

bool same_task(const World& w, std::uint32_t slot, std::uint32_t serial) {
  return slot < w.tasks.rows.size() && w.tasks.ids.alive(make_id<TaskId>(slot)) && w.tasks.rows[slot].serial == serial &&
         w.tasks.rows[slot].state != TaskState::stopped;
}

void schedule_faults(World& w, SimTime end) {
  const std::vector<FaultSpec>& faults = w.scenario->faults;
  for (std::uint32_t f = 0; f < faults.size(); ++f) {
    const FaultSpec& spec = faults[f];
    if (spec.type == FaultType::spot_interruptions && spec.capacity_provider == "FARGATE_SPOT")
      w.fargate_spot_fault = &spec;
    // A file of interruption times: each row interrupts one task or instance.
    // With a rebalance recommendation, the row's instance is chosen (and
    // recommended) that long before its notice.
    if (spec.type == FaultType::spot_interruptions)
      for (const Millis at : spec.times)
        if (SimTime{at} <= end)
          w.engine.schedule(SimTime{std::max(Millis{0}, at - spec.rebalance_recommendation)}, EventKind::fault, f, 2);
    if ((spec.type == FaultType::az_outage || spec.type == FaultType::spot_capacity_unavailable) &&
        SimTime{spec.at} <= end) {
      w.engine.schedule(SimTime{spec.at}, EventKind::fault, f, 0);
      if (SimTime{spec.at + spec.duration} <= end) w.engine.schedule(SimTime{spec.at + spec.duration}, EventKind::fault, f, 1);
    }
  }
  for (ClusterRuntime& c : w.clusters) {
    c.zone_down.assign(c.zones.size(), 0);
    c.zone_lost.assign(c.zones.size(), {});
  }
}

void schedule_spot_interruption(World& w, TaskId t) {
  const std::size_t i = index(t);
  const FaultSpec* f = w.fargate_spot_fault;
  if (!f || f->rate_per_task_hour <= 0 || task_provider_kind(w, i) != ProviderKind::fargate_spot) return;
  // Interruptions arrive as a Poisson process per running task: the wait is
  // exponential with the fault's rate (per hour -> per millisecond).
  const double wait_ms = w.spot_rng.exponential(f->rate_per_task_hour / 3'600'000.0);
  const double left_ms = static_cast<double>((SimTime::max() - w.engine.now()).count());
  if (!(wait_ms < left_ms)) return;
  w.engine.schedule_in(Millis{static_cast<std::int64_t>(std::llround(wait_ms))}, EventKind::spot_notice,
                       static_cast<std::uint32_t>(i), w.tasks.rows[i].serial);
}

void on_spot_notice(World& w, std::uint32_t slot, std::uint32_t serial) {
  if (!same_task(w, slot, serial) || w.tasks.rows[slot].stop_requested) return;  // already on its way out
  const TaskId t = make_id<TaskId>(slot);
  const std::uint32_t s = w.tasks.rows[slot].service;
  ServiceRuntime& svc = w.services[s];
  ++svc.spot_interruptions;
  const Millis notice = w.fargate_spot_fault->notice;
  // ECS's stoppedReason for a Fargate Spot interruption (ecs-facts §8.2).
  w.recorder.message(w.engine.now(), RecordType::fault, s,
                     fmt::format("(service {}) (task {}) Your Spot Task was interrupted. stopCode SpotInterruption: "
                                 "SIGTERM now, stopped by {}.",
                                 svc.spec->service_name, task_id_text(w, serial), clock(w.engine.now() + notice)),
                     serial);
  stop_task(w, t, StopCode::spot_interruption);
  w.engine.schedule_in(notice, EventKind::spot_kill, slot, serial);
}

void on_spot_kill(World& w, std::uint32_t slot, std::uint32_t serial) {
  if (!same_task(w, slot, serial)) return;
  kill_task(w, make_id<TaskId>(slot), StopCode::spot_interruption);
}

void interrupt_fargate_spot_task(World& w) {
  // Candidates in service order, then each service's task list: a
  // deterministic order, so the seeded draw picks the same task every run.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> running;  // (slot, serial)
  for (const ServiceRuntime& svc : w.services)
    for (TaskId t : svc.tasks) {
      const std::size_t i = index(t);
      if (w.tasks.rows[i].state == TaskState::running && !w.tasks.rows[i].stop_requested &&
          task_provider_kind(w, i) == ProviderKind::fargate_spot)
        running.emplace_back(static_cast<std::uint32_t>(i), w.tasks.rows[i].serial);
    }
  if (running.empty()) {
    w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                       "Fargate Spot interruption (from the fault's csv) found no RUNNING FARGATE_SPOT task.");
    return;
  }
  const auto& [slot, serial] = running[w.spot_rng.uniform_int(running.size())];
  on_spot_notice(w, slot, serial);
}

void on_fault(World& w, std::uint32_t f, std::uint32_t phase) {
  const FaultSpec& spec = w.scenario->faults[f];
  if (spec.type == FaultType::spot_interruptions && phase == 2) {
    if (spec.capacity_provider == "FARGATE_SPOT") {
      interrupt_fargate_spot_task(w);
    } else {
      for (std::uint32_t a = 0; a < w.asgs.size(); ++a)
        if (w.asgs[a].spot_fault == &spec) interrupt_spot_instance(w, a);
    }
    return;
  }
  if (spec.type == FaultType::spot_capacity_unavailable) {
    on_spot_capacity_window(w, spec, phase);
    return;
  }
  if (spec.type != FaultType::az_outage) return;
  const bool start = phase == 0;
  int tasks_lost = 0, instances_lost = 0;
  for (std::uint32_t ci = 0; ci < w.clusters.size(); ++ci) {
    ClusterRuntime& c = w.clusters[ci];
    const auto it = std::find(c.zones.begin(), c.zones.end(), spec.availability_zone);
    if (it == c.zones.end()) continue;
    const auto z = static_cast<std::uint16_t>(it - c.zones.begin());
    c.zone_down[z] = start ? 1 : 0;
    // The zone's container instances take no tasks while it is out, and
    // come back ACTIVE (still billed throughout: they were not terminated).
    if (start) {
      for (std::uint32_t k = 0; k < c.instance_zone.size() && k < c.state->instance_capacity(); ++k) {
        const InstanceId id = make_id<InstanceId>(k);
        if (c.instance_zone[k] != z || c.state->status(id) != InstanceStatus::active ||
            (k < c.instance_external.size() && c.instance_external[k]))
          continue;  // EXTERNAL instances are in no zone
        c.state->set_status(id, InstanceStatus::draining);
        c.state->set_agent_connected(id, false);
        c.zone_lost[z].push_back(id);
        ++instances_lost;
      }
    } else {
      // Those still registered (not terminated meanwhile) come back.
      for (InstanceId id : c.zone_lost[z]) {
        if (index(id) >= c.state->instance_capacity() || c.state->status(id) != InstanceStatus::draining) continue;
        c.state->set_status(id, InstanceStatus::active);
        c.state->set_agent_connected(id, true);
      }
      c.zone_lost[z].clear();
      place_waiting_tasks(w, ci);  // tasks waiting for an Auto Scaling group's capacity may fit there now
    }
    for (std::uint32_t s = 0; s < w.services.size(); ++s) {
      ServiceRuntime& svc = w.services[s];
      if (svc.cluster != ci) continue;
      if (start) {
        // Fargate tasks and tasks on the zone's instances are gone.
        std::vector<TaskId> lost;
        // A task waiting for an Auto Scaling group's capacity has no instance,
        // so no zone, yet: it keeps waiting.
        for (TaskId t : svc.tasks) {
          const TaskRow& row = w.tasks.rows[index(t)];
          if (row.instance != invalid_id<InstanceId> && index(row.instance) < c.instance_external.size() &&
              c.instance_external[index(row.instance)])
            continue;  // EXTERNAL instances are in no zone
          if (row.zone == z && row.state < TaskState::deprovisioning &&
              (!svc.ec2 || row.instance != invalid_id<InstanceId>))
            lost.push_back(t);
        }
        for (TaskId t : lost) {
          if (!w.tasks.rows[index(t)].stop_requested) {
            ++svc.tasks_lost;
            ++tasks_lost;
          }
          kill_task(w, t, StopCode::infrastructure_health);
        }
      }
      request_reconcile(w, s);
    }
  }
  const std::string text =
      start ? fmt::format("Availability Zone {} outage: {} tasks and {} container instances lost; no placements there "
                          "until {}.",
                          spec.availability_zone, tasks_lost, instances_lost, clock(SimTime{spec.at + spec.duration}))
            : fmt::format("Availability Zone {} is back; placements there resume.", spec.availability_zone);
  w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service, text);
}

int fargate_zone(const World& w, const ServiceRuntime& svc) {
  const std::vector<std::uint8_t>* down = w.clusters.empty() ? nullptr : &w.clusters[svc.cluster].zone_down;
  int best = -1;
  for (std::size_t z = 0; z < svc.zone_tasks.size(); ++z) {
    if (down && z < down->size() && (*down)[z]) continue;
    if (best < 0 || svc.zone_tasks[z] < svc.zone_tasks[static_cast<std::size_t>(best)]) best = static_cast<int>(z);
  }
  return best;
}

}  // namespace ecsim::detail
