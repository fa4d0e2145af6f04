#pragma once
// Checks over a finished run's event log that hold for every scenario: each
// task is created once, its states only move forward, and the summary's
// counts agree with the log; then the state checks of world_invariants.hpp
// (no instance over-committed, every task counted once).
#include <ecsim/simulation.hpp>

#include "world_invariants.hpp"

#include <doctest/doctest.h>

#include <map>

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
  const RunSummary summary = sim.summary();
  for (std::uint32_t i = 0; i < summary.services.size(); ++i) {
    const ServiceSummary& s = summary.services[i].second;
    CAPTURE(summary.services[i].first);
    CHECK(s.tasks_started == started[i]);
    CHECK(s.tasks_stopped == stopped[i]);
    CHECK(s.running_count <= running[i]);  // RUNNING in the log, less those stopping
    CHECK(s.running_count + s.pending_count <= s.tasks_started - s.tasks_stopped);
    CHECK(s.healthy_count <= s.running_count);
  }
  check_world_invariants(sim);
}

}  // namespace ecsim::test
