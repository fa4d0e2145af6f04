#pragma once
// Checks over Auto Scaling group capacity providers, valid between any two
// events: the group's count is its instances not yet terminated, within
// minSize and maxSize, and the run's instance count adds up; a terminated
// instance runs no task (its tasks were stopped with it); an instance
// drained for scale-in held no service task (ECS protects those from
// scale-in); every registered instance the group still has is known to its
// cluster.
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "scheduler/world.hpp"

namespace ecsim::test {

inline void check_auto_scaling_groups(const Simulation& sim) {
  const detail::World& w = sim.world();
  const detail::TaskTable& tt = w.tasks;
  int in_service = 0;
  for (const ContainerInstanceSpec& ci : sim.scenario().container_instances) in_service += ci.count;
  for (const detail::AsgRuntime& g : w.asgs) {
    CAPTURE(g.name);
    const ClusterState& cs = *w.clusters[g.cluster].state;
    // Live tasks per instance of this group, and whether any is a replica's.
    std::vector<int> live(cs.instance_capacity(), 0), replica(cs.instance_capacity(), 0);
    for (const detail::ServiceRuntime& svc : w.services) {
      if (svc.cluster != g.cluster || !svc.ec2) continue;
      for (TaskId t : svc.tasks) {
        const std::size_t i = index(t);
        if (tt.rows[i].instance == invalid_id<InstanceId> || tt.rows[i].state >= TaskState::deprovisioning) continue;
        ++live[index(tt.rows[i].instance)];
        replica[index(tt.rows[i].instance)] += svc.spec->scheduling_strategy != SchedulingStrategy::daemon;
      }
    }
    int not_terminated = 0;
    for (const detail::AsgInstance& inst : g.instances) {
      not_terminated += inst.terminated == SimTime::max();
      if (inst.id == invalid_id<InstanceId> || inst.deregistered) continue;
      CHECK(cs.status(inst.id) != InstanceStatus::absent);
      CAPTURE(cs.ec2_instance_id(inst.id));
      if (inst.terminated != SimTime::max()) CHECK(live[index(inst.id)] == 0);
      if (inst.draining && !inst.interrupted) CHECK(replica[index(inst.id)] == 0);
    }
    CHECK(g.in_service == not_terminated);
    CHECK(g.in_service <= g.spec->auto_scaling_group.max_size);
    CHECK(g.in_service >= g.spec->auto_scaling_group.min_size);  // scale-in stops there; Spot losses are replaced
    in_service += g.in_service;
  }
  CHECK(w.instances_in_service == in_service);
  CHECK(w.instances_peak >= w.instances_in_service);
}

}  // namespace ecsim::test
