// Injected faults: Fargate Spot interruptions (two-minute warning, SIGTERM,
// stopCode SpotInterruption, replacement; ecs-facts §8.2) and Availability
// Zone outages (tasks lost, no placement in the zone until it returns).
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>

using namespace ecsim;
using ecsim::test::item;
using ecsim::test::strategy_scenario;
using namespace std::chrono_literals;

namespace {

FaultSpec spot_fault(double rate_per_task_hour) {
  FaultSpec f;
  f.type = FaultType::spot_interruptions;
  f.capacity_provider = "FARGATE_SPOT";
  f.rate_per_task_hour = rate_per_task_hour;
  return f;
}

FaultSpec outage(const std::string& zone, Millis at, Millis duration) {
  FaultSpec f;
  f.type = FaultType::az_outage;
  f.availability_zone = zone;
  f.at = at;
  f.duration = duration;
  return f;
}

struct TaskLife {
  double created = -1, stopping = -1, deprovisioning = -1, stopped = -1;
};

std::map<std::uint32_t, TaskLife> task_lives(const Simulation& sim) {
  std::map<std::uint32_t, TaskLife> out;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::task_state) continue;
    TaskLife& l = out[r.task];
    const double t = to_seconds(r.at);
    if (r.from == r.to) l.created = t;
    if (r.to == TaskState::deactivating || (r.to == TaskState::stopping && l.stopping < 0)) l.stopping = t;
    if (r.to == TaskState::deprovisioning) l.deprovisioning = t;
    if (r.to == TaskState::stopped) l.stopped = t;
  }
  return out;
}

}  // namespace

TEST_CASE("an interrupted Fargate Spot task gets SIGTERM at the warning, is gone two minutes later, and is replaced") {
  Scenario sc = strategy_scenario(4, {item("FARGATE_SPOT", 0, 1)}, Millis{6h});
  sc.faults.push_back(spot_fault(1.0));  // once per task-hour on average
  // A 300 s deregistration delay: only the two-minute deadline ends the task.
  TargetGroupSpec tg;
  tg.name = "web-tg";
  sc.target_groups.push_back(tg);
  LoadBalancer lb;
  lb.target_group_arn = "web-tg";
  lb.container_name = "web";
  lb.container_port = 8080;
  sc.services[0].load_balancers.push_back(lb);
  Simulation sim = ecsim::test::run_checked(sc).sim;

  const auto lives = task_lives(sim);
  int notices = 0;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::fault) continue;
    ++notices;
    CHECK(std::string(sim.recorder().text(r)).find("Your Spot Task was interrupted.") != std::string::npos);
    const double at = to_seconds(r.at);
    const TaskLife& l = lives.at(r.task);
    CHECK(l.stopping == at);  // desiredStatus STOPPED and draining at the warning
    if (at + 120 <= 6 * 3600.0) CHECK(l.deprovisioning == doctest::Approx(at + 120).epsilon(1e-12));  // killed at the deadline
    // The service starts a replacement at the warning.
    int replacements = 0;
    for (const auto& [serial, other] : lives)
      if (other.created == at) ++replacements;
    CHECK(replacements >= 1);
  }
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.spot_interruptions == notices);
  // About 4 tasks × 6 h × 1 per task-hour = 24 (Poisson: 24 ± 5 σ within 0..49).
  CHECK(notices > 0);
  CHECK(notices < 49);
  CHECK(s.tasks_started == 4 + notices);
}

TEST_CASE("Spot interruptions are drawn from the seed: same seed same run, another seed another") {
  auto run = [](std::uint64_t seed) {
    Scenario sc = strategy_scenario(20, {item("FARGATE_SPOT", 0, 1)}, Millis{12h});
    sc.simulation.seed = seed;
    sc.faults.push_back(spot_fault(0.05));
    Simulation sim(sc);
    sim.run();
    return sim.summary();
  };
  CHECK(run(5) == run(5));
  const RunSummary a = run(5), b = run(6);
  CHECK(!(a == b));
}

TEST_CASE("the interruption rate matches the fault's rate per task-hour over a long run") {
  // 50 tasks × 100 h at 0.05 per task-hour: 250 expected; ±4 σ (σ ≈ 15.8).
  Scenario sc = strategy_scenario(50, {item("FARGATE_SPOT", 0, 1)}, Millis{100h});
  sc.faults.push_back(spot_fault(0.05));
  Simulation sim(sc);
  sim.run();
  const std::int64_t n = sim.summary().services[0].second.spot_interruptions;
  CHECK(n > 250 - 64);
  CHECK(n < 250 + 64);
}

TEST_CASE("FARGATE tasks of a mixed strategy are never interrupted; the Spot ones come back to FARGATE_SPOT") {
  Scenario sc = strategy_scenario(10, {item("FARGATE", 2, 1), item("FARGATE_SPOT", 0, 3)}, Millis{4h});
  sc.faults.push_back(spot_fault(0.5));
  Simulation sim(sc);
  sim.run_until(SimTime{4h - 1min});  // replacements of late interruptions may still be starting
  ecsim::test::check_invariants(sim);
  const RunSummary r = sim.summary();
  const ServiceSummary& s = r.services[0].second;
  CHECK(s.spot_interruptions > 0);
  // Every replacement went back to FARGATE_SPOT, so FARGATE kept its 4 and
  // no FARGATE task ever stopped.
  CHECK(s.tasks_by_capacity_provider.at("FARGATE") == 4);
  CHECK(s.tasks_started == 10 + s.spot_interruptions);
}

TEST_CASE("during an Availability Zone outage its tasks are lost and no task is placed there") {
  Scenario sc = strategy_scenario(6, {}, Millis{2h});
  sc.faults.push_back(outage("us-east-1a", Millis{1h}, Millis{20min}));
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto lives = task_lives(sim);
  int lost = 0, placed_during = 0;
  for (const auto& [serial, l] : lives) {
    const std::string& zone = sim.task_availability_zone(0, serial);
    if (l.created >= 3600 && l.created < 3600 + 1200) {
      ++placed_during;
      CHECK(zone != "us-east-1a");
    }
    if (l.deprovisioning == 3600) {
      ++lost;
      CHECK(zone == "us-east-1a");
    }
  }
  // 6 tasks over 3 zones: 2 in us-east-1a, lost at once and replaced elsewhere.
  CHECK(lost == 2);
  CHECK(placed_during == 2);
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.tasks_lost == 2);
  CHECK(s.running_count == 6);
  // Below 6 healthy: at the start until 57 s (RUNNING at 17 s, healthy 40 s
  // later), and from the outage until the replacements are healthy (57 s).
  CHECK(s.seconds_below_desired == doctest::Approx(57.0 + 57.0));
  int fault_events = 0;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::fault) ++fault_events;
  CHECK(fault_events == 2);  // the outage and the zone's return
}

TEST_CASE("after an outage the zone takes tasks again") {
  Scenario sc = strategy_scenario(3, {}, Millis{2h});
  sc.faults.push_back(outage("us-east-1b", Millis{10min}, Millis{10min}));
  ecsim::test::set_desired_at(sc, Millis{30min}, 9);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  std::set<std::string> zones_after;
  for (const auto& [serial, l] : task_lives(sim))
    if (l.created >= 1800) zones_after.insert(sim.task_availability_zone(0, serial));
  CHECK(zones_after.count("us-east-1b") == 1);
}
