#pragma once
// Checks over a finished run's event log that hold for every scenario: each
// task is created once, its states only move forward, and the summary's
// counts agree with the log; then the state checks of world_invariants.hpp
// (no instance over-committed, every task counted once).
#include <ecsim/simulation.hpp>

#include "world_invariants.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ecsim::test {

inline void check_invariants(const Simulation& sim) {
  struct Seen {
    bool created = false;
    TaskState last = TaskState::provisioning;
    std::uint32_t service = 0;
  };
  std::map<std::uint32_t, Seen> tasks;
  std::map<std::uint32_t, std::int64_t> started, stopped, running;
  SimTime last_time{};
  for (const Record& r : sim.recorder().records()) {
    CHECK(r.at >= last_time);  // records are in time order
    last_time = r.at;
    if (r.type != RecordType::task_state) continue;
    Seen& s = tasks[r.task];
    if (r.from == r.to) {  // creation
      CHECK_FALSE(s.created);
      s.created = true;
      s.service = r.service;
      ++started[r.service];
      continue;
    }
    CHECK(s.created);
    CHECK(r.from == s.last);
    CHECK(is_legal_transition(r.from, r.to));
    s.last = r.to;
    if (r.to == TaskState::running) ++running[r.service];
    if (r.from == TaskState::running) --running[r.service];
    if (r.to == TaskState::stopped) ++stopped[r.service];
  }
  // Summary entries go by name: timeline-created services and RunTask groups
  // (several runtimes may share a group name) shift the indexes.
  const RunSummary summary = sim.summary();
  std::map<std::string, std::vector<std::uint32_t>> indexes;
  for (std::uint32_t i = 0; i < sim.world().services.size(); ++i) indexes[sim.service_name(i)].push_back(i);
  auto sum = [&](const std::string& name, std::map<std::uint32_t, std::int64_t>& by_index) {
    std::int64_t n = 0;
    for (std::uint32_t i : indexes[name]) n += by_index[i];
    return n;
  };
  // Named pairs, not structured bindings: clang 14 (the sanitizer build)
  // cannot capture those in CAPTURE's lambda.
  for (const auto& entry : summary.services) {
    const std::string& name = entry.first;
    const ServiceSummary& s = entry.second;
    CAPTURE(name);
    CHECK(s.tasks_started == sum(name, started));
    CHECK(s.tasks_stopped == sum(name, stopped));
    CHECK(s.running_count <= sum(name, running));  // RUNNING in the log, less those stopping
    CHECK(s.running_count + s.pending_count <= s.tasks_started - s.tasks_stopped);
    CHECK(s.healthy_count <= s.running_count);
  }
  for (const auto& entry : summary.standalone_tasks) {
    const std::string& name = entry.first;
    const StandaloneSummary& g = entry.second;
    CAPTURE(name);
    CHECK(g.tasks_started == sum(name, started));
    CHECK(g.tasks_stopped == sum(name, stopped));
    CHECK(g.running_count <= sum(name, running));
    CHECK(g.running_count + g.pending_count <= g.tasks_started - g.tasks_stopped);
  }
  check_world_invariants(sim);
}

/// A run to the end whose invariants were checked, with its summary (a
/// copy: summary() returns a temporary that must not be held by reference).
struct FinishedRun {
  Simulation sim;
  RunSummary summary;
  /// The first service's figures.
  const ServiceSummary& service() const { return summary.services.at(0).second; }
  /// The first service's first update (summary.json deployments[0]).
  const DeploymentSummary& deployment() const { return service().deployments.at(0); }
};

/// Runs the scenario to its end and checks the invariants above.
inline FinishedRun run_checked(Scenario sc, EcsAssumptions assumptions = {}) {
  Simulation sim(std::move(sc), assumptions);
  sim.run();
  check_invariants(sim);
  RunSummary summary = sim.summary();
  return FinishedRun{std::move(sim), std::move(summary)};
}

}  // namespace ecsim::test
