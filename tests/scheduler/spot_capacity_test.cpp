// Spot interruptions from a list of times, Fargate Spot capacity shortages
// (tasks stay PROVISIONING, ECS's "Capacity is unavailable" event, no
// fallback to FARGATE), and the quota of tasks in PROVISIONING per cluster.
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

using namespace ecsim;
using ecsim::test::item;
using ecsim::test::strategy_scenario;
using namespace std::chrono_literals;

namespace {

FaultSpec spot_times(std::vector<Millis> times) {
  FaultSpec f;
  f.type = FaultType::spot_interruptions;
  f.capacity_provider = "FARGATE_SPOT";
  f.times = std::move(times);
  return f;
}

FaultSpec spot_shortage(Millis at, Millis duration) {
  FaultSpec f;
  f.type = FaultType::spot_capacity_unavailable;
  f.capacity_provider = "FARGATE_SPOT";
  f.at = at;
  f.duration = duration;
  return f;
}

std::vector<std::pair<double, std::uint32_t>> interruptions(const Simulation& sim) {
  std::vector<std::pair<double, std::uint32_t>> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::fault &&
        std::string(sim.recorder().text(r)).find("Your Spot Task was interrupted.") != std::string::npos)
      out.emplace_back(to_seconds(r.at), r.task);
  return out;
}

}  // namespace

TEST_CASE("each row of a spotInterruptions csv interrupts one running FARGATE_SPOT task at its time") {
  Scenario sc = strategy_scenario(4, {item("FARGATE_SPOT", 0, 1)}, Millis{1h});
  sc.faults.push_back(spot_times({600s, 600s, 1800s}));
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto got = interruptions(sim);
  REQUIRE(got.size() == 3);
  CHECK(got[0].first == 600);
  CHECK(got[1].first == 600);
  CHECK(got[2].first == 1800);
  CHECK(got[0].second != got[1].second);  // two rows at one time: two different tasks
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.spot_interruptions == 3);
  CHECK(s.tasks_started == 4 + 3);  // each replaced
  CHECK(s.running_count == 4);
}

TEST_CASE("which task a csv row interrupts comes from the seed") {
  auto victims = [](std::uint64_t seed) {
    Scenario sc = strategy_scenario(20, {item("FARGATE_SPOT", 0, 1)}, Millis{2h});
    sc.simulation.seed = seed;
    sc.faults.push_back(spot_times({10min, 20min, 30min, 40min, 50min}));
    Simulation sim(sc);
    sim.run();
    std::vector<std::uint32_t> out;
    for (const auto& [at, task] : interruptions(sim)) out.push_back(task);
    return out;
  };
  CHECK(victims(3) == victims(3));
  CHECK(victims(3).size() == 5);
  CHECK(victims(3) != victims(4));
}

TEST_CASE("a csv row with no FARGATE_SPOT task running interrupts nothing and says so") {
  Scenario sc = strategy_scenario(3, {item("FARGATE", 0, 1)}, Millis{1h});
  sc.clusters[0].capacity_providers = {"FARGATE", "FARGATE_SPOT"};
  sc.faults.push_back(spot_times({600s}));
  Simulation sim(sc);
  sim.run();
  CHECK(sim.summary().services[0].second.spot_interruptions == 0);
  int notes = 0;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::fault &&
        std::string(sim.recorder().text(r)).find("found no RUNNING FARGATE_SPOT task") != std::string::npos)
      ++notes;
  CHECK(notes == 1);
}

TEST_CASE("while Fargate Spot capacity is unavailable new FARGATE_SPOT tasks stay PROVISIONING, then run") {
  // 4 tasks run from the start; at 1h10m desired goes to 8 inside a 1h-1h30m shortage.
  Scenario sc = strategy_scenario(4, {item("FARGATE_SPOT", 0, 1)}, Millis{3h});
  sc.faults.push_back(spot_shortage(1h, 30min));
  ecsim::test::set_desired_at(sc, 70min, 8);
  EcsAssumptions a;
  a.spot_capacity_wait = 1h;  // longer than the shortage: nobody gives up
  Simulation sim = ecsim::test::run_checked(sc, a).sim;
  std::map<std::uint32_t, double> created, pending;
  int unavailable_events = 0;
  for (const Record& r : sim.recorder().records()) {
    if (r.type == RecordType::task_state && r.from == r.to) created[r.task] = to_seconds(r.at);
    if (r.type == RecordType::task_state && r.to == TaskState::pending) pending[r.task] = to_seconds(r.at);
    if (r.type == RecordType::placement_failure &&
        std::string(sim.recorder().text(r)) ==
            "(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try "
            "again later or in a different availability zone.")
      ++unavailable_events;
  }
  int held = 0;
  for (const auto& [task, at] : created) {
    if (at < 70 * 60.0) continue;
    ++held;
    REQUIRE(pending.count(task) == 1);
    CHECK(pending.at(task) == 90 * 60.0);  // left PROVISIONING when the shortage ended
  }
  CHECK(held == 4);
  CHECK(unavailable_events == 1);  // identical messages are suppressed
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.running_count == 8);
  CHECK(s.tasks_by_capacity_provider.at("FARGATE_SPOT") == 8);  // no fallback to FARGATE
}

TEST_CASE("a FARGATE_SPOT task waiting longer than spot_capacity_wait stops and is started again") {
  Scenario sc = strategy_scenario(2, {item("FARGATE_SPOT", 0, 1)}, Millis{2h});
  sc.faults.push_back(spot_shortage(0s, 25min));
  EcsAssumptions a;
  a.spot_capacity_wait = 10min;
  Simulation sim = ecsim::test::run_checked(sc, a).sim;
  // Tasks created at 0 wait from 5 s (end of PROVISIONING) to 10m05s, stop,
  // and their replacements wait again; the third round runs at 25 min.
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.tasks_started == 6);
  CHECK(s.running_count == 2);
  double first_running = -1;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.to == TaskState::running && first_running < 0) first_running = to_seconds(r.at);
  CHECK(first_running >= 25 * 60.0);
}

TEST_CASE("a cluster never holds more tasks in PROVISIONING than the quota; the rest start as they leave it") {
  Scenario sc = strategy_scenario(10, {}, Millis{1h});
  EcsAssumptions a;
  a.max_provisioning_tasks_per_cluster = 3;
  Simulation sim = ecsim::test::run_checked(sc, a).sim;
  int provisioning = 0, peak = 0;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::task_state) continue;
    if (r.from == r.to) ++provisioning;
    else if (r.from == TaskState::provisioning) --provisioning;
    peak = std::max(peak, provisioning);
  }
  CHECK(peak == 3);
  CHECK(sim.summary().services[0].second.running_count == 10);
  CHECK(sim.summary().services[0].second.tasks_started == 10);
}
