#pragma once
// Checks over the simulated state itself, valid between any two events:
// no container instance holds more than it registered (CPU, memory, ENIs,
// static host ports), the placement bookkeeping agrees with the tasks, and
// every task is counted exactly once. Task sizes are recomputed here from
// the task definitions (compute_task_demand), not read back from the
// placement engine, so a wrong reservation shows up as a difference.
#include <ecsim/placement/task_demand.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "scheduler/world.hpp"

namespace ecsim::test {

/// What the scheduler should have reserved for one task of this definition.
inline TaskDemand expected_demand(const TaskDefinition& td) {
  TaskNumbers n;
  n.cpu = td.cpu;
  n.memory_mib = td.memory;
  n.network_mode = td.network_mode;
  for (const ContainerDefinition& c : td.container_definitions) {
    ContainerNumbers cn;
    cn.cpu = c.cpu;
    cn.memory_mib = c.memory;
    cn.memory_reservation_mib = c.memory_reservation;
    for (const PortMapping& pm : c.port_mappings) {
      // bridge: hostPort (0 = dynamic); host: the container port itself.
      if (td.network_mode == NetworkMode::bridge) cn.host_ports.push_back(pm.host_port.value_or(0));
      if (td.network_mode == NetworkMode::host) cn.host_ports.push_back(pm.host_port.value_or(pm.container_port));
    }
    n.containers.push_back(std::move(cn));
  }
  return compute_task_demand(n);
}

inline void check_world_invariants(const Simulation& sim) {
  const detail::World& w = sim.world();
  const detail::TaskTable& tt = w.tasks;

  struct Use {
    std::int64_t cpu = 0, memory = 0, enis = 0, tasks = 0;
    std::set<std::uint16_t> ports;
  };
  std::vector<std::map<std::uint32_t, Use>> use(w.clusters.size());  // per cluster, by instance index
  std::vector<std::int64_t> placed(w.clusters.size(), 0);
  std::set<std::uint32_t> serials;

  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    const detail::ServiceRuntime& svc = w.services[s];
    CAPTURE(svc.spec->service_name);
    // Task accounting: every task started is either stopped or still listed.
    CHECK(svc.tasks_started - svc.tasks_stopped == static_cast<std::int64_t>(svc.tasks.size()));
    int running = 0, pending = 0, draining = 0, alive_by_deployments = 0;
    for (std::uint32_t d : svc.deployments) alive_by_deployments += w.deployments[d].alive;
    CHECK(alive_by_deployments == static_cast<int>(svc.tasks.size()));
    for (TaskId t : svc.tasks) {
      const std::size_t i = index(t);
      CHECK(tt.rows[i].state != TaskState::stopped);
      CHECK(tt.rows[i].service == s);
      CHECK(serials.insert(tt.rows[i].serial).second);  // no task listed twice
      if (tt.rows[i].stop_requested) ++draining;
      else if (tt.rows[i].state == TaskState::running) ++running;
      else ++pending;
      CHECK_FALSE((tt.rows[i].healthy && tt.rows[i].state != TaskState::running));  // healthy means RUNNING
      if (!svc.ec2) {
        CHECK(tt.rows[i].instance == invalid_id<InstanceId>);
        continue;
      }
      const detail::ClusterRuntime& c = w.clusters[svc.cluster];
      const InstanceId at = tt.rows[i].instance;
      REQUIRE(at != invalid_id<InstanceId>);
      CHECK(c.state->instance_of(t) == at);
      CHECK(c.state->status(at) != InstanceStatus::absent);
      const TaskDemand d = expected_demand(*w.task_definitions[tt.rows[i].task_definition].spec);
      Use& u = use[svc.cluster][index(at)];
      u.cpu += d.cpu;
      u.memory += d.memory_mib;
      u.enis += d.needs_eni() ? 1 : 0;
      ++u.tasks;
      for (std::uint16_t p : d.ports()) CHECK_MESSAGE(u.ports.insert(p).second, "host port ", p, " taken twice");
      ++placed[svc.cluster];
    }
    CHECK(running == svc.running);
    CHECK(pending == svc.pending);
    CHECK(draining == svc.draining);
  }

  for (std::size_t c = 0; c < w.clusters.size(); ++c) {
    const ClusterState& cs = *w.clusters[c].state;
    CHECK(cs.live_tasks() == placed[c]);
    for (const auto& [i, u] : use[c]) {
      const InstanceId id = make_id<InstanceId>(i);
      const Capacity reg = cs.registered(id);
      const Capacity left = cs.remaining(id);
      CAPTURE(cs.ec2_instance_id(id));
      // Not over-committed: what its tasks reserve fits what it registered.
      CHECK(u.cpu <= reg.cpu);
      CHECK(u.memory <= reg.memory_mib);
      CHECK(u.enis <= reg.enis);
      // The placement engine's view agrees with the tasks on the instance.
      CHECK(left.cpu == reg.cpu - u.cpu);
      CHECK(left.memory_mib == reg.memory_mib - u.memory);
      CHECK(left.enis == reg.enis - u.enis);
      CHECK(cs.running_tasks(id) == u.tasks);
    }
    for (std::uint32_t i = 0; i < cs.instance_capacity(); ++i) {  // instances with no task
      const InstanceId id = make_id<InstanceId>(i);
      if (cs.status(id) == InstanceStatus::absent || use[c].count(i)) continue;
      CHECK(cs.remaining(id) == cs.registered(id));
      CHECK(cs.running_tasks(id) == 0u);
    }
  }
}

}  // namespace ecsim::test
