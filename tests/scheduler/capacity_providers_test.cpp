// Services on a capacity provider strategy: the base/weight split of running
// tasks (ecs-facts §7.1), scale-in keeping it, and cost by provider at the
// Fargate and Fargate Spot rates (§8.2).
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace ecsim;
using ecsim::test::item;
using ecsim::test::strategy_scenario;
using namespace std::chrono_literals;

TEST_CASE("base 2 FARGATE weight 1 + FARGATE_SPOT weight 3 at desired 10 runs 4 on FARGATE, 6 on FARGATE_SPOT") {
  Simulation sim = ecsim::test::run_checked(strategy_scenario(10, {item("FARGATE", 2, 1), item("FARGATE_SPOT", 0, 3)})).sim;
  const RunSummary r = sim.summary();
  const ServiceSummary& s = r.services[0].second;
  CHECK(s.running_count == 10);
  CHECK(s.tasks_by_capacity_provider == std::map<std::string, int>{{"FARGATE", 4}, {"FARGATE_SPOT", 6}});

  // Cost by provider, by hand: 0.5 vCPU / 1 GB is 0.5 × 0.04048 + 1 × 0.004445
  // = $0.024685 per hour on demand, 30 % of that on Spot (70 % discount).
  // Every task bills from the image pull (7 s) to the end (3600 s).
  const double hours = (3600.0 - 7.0) / 3600.0;
  const double on_demand = 4 * 0.024685 * hours;
  const double spot = 6 * 0.024685 * 0.3 * hours;
  CHECK(r.cost_by_capacity_provider.at("FARGATE") == doctest::Approx(on_demand).epsilon(1e-9));
  CHECK(r.cost_by_capacity_provider.at("FARGATE_SPOT") == doctest::Approx(spot).epsilon(1e-9));
  CHECK(s.cost_usd == doctest::Approx(on_demand + spot).epsilon(1e-9));
  CHECK(r.total_cost_usd == doctest::Approx(on_demand + spot).epsilon(1e-9));
}

TEST_CASE("desired below the base runs every task on the base provider") {
  Simulation sim = ecsim::test::run_checked(strategy_scenario(1, {item("FARGATE", 2, 1), item("FARGATE_SPOT", 0, 3)})).sim;
  CHECK(sim.summary().services[0].second.tasks_by_capacity_provider == std::map<std::string, int>{{"FARGATE", 1}});
}

TEST_CASE("weights 1:1 with desired 5 run 3 on the first provider and 2 on the second") {
  Simulation sim = ecsim::test::run_checked(strategy_scenario(5, {item("FARGATE_SPOT", 0, 1), item("FARGATE", 0, 1)})).sim;
  CHECK(sim.summary().services[0].second.tasks_by_capacity_provider ==
        std::map<std::string, int>{{"FARGATE", 2}, {"FARGATE_SPOT", 3}});
}

TEST_CASE("scaling in from 10 to 5 keeps the split: 3 on FARGATE, 2 on FARGATE_SPOT") {
  // 5 tasks = base 2 + 3 split 1:3 (0.75 and 2.25): the larger remainder
  // gives FARGATE the third, so 3 and 2. Scaling out again restores 4 and 6.
  Scenario sc = strategy_scenario(10, {item("FARGATE", 2, 1), item("FARGATE_SPOT", 0, 3)}, Millis{2h});
  ecsim::test::set_desired_at(sc, Millis{30min}, 5);
  Simulation sim(sc);
  sim.run_until(SimTime{50min});
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.running_count == 5);
  CHECK(s.tasks_by_capacity_provider == std::map<std::string, int>{{"FARGATE", 3}, {"FARGATE_SPOT", 2}});
  CHECK(s.tasks_stopped == 5);
}

TEST_CASE("a strategy change through updateService starts a deployment onto the new split") {
  Scenario sc = strategy_scenario(4, {item("FARGATE", 0, 1)}, Millis{1h});
  UpdateServiceAction u;
  u.service = "web";
  u.capacity_provider_strategy = {item("FARGATE_SPOT", 0, 1)};
  sc.timeline.push_back(TimelineEntry{Millis{10min}, u, {}});
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const ServiceSummary s = sim.summary().services[0].second;
  REQUIRE(s.deployments.size() == 1);
  CHECK(s.deployments[0].rollout_state == "COMPLETED");
  CHECK(s.tasks_by_capacity_provider == std::map<std::string, int>{{"FARGATE_SPOT", 4}});
}

TEST_CASE("a launch type service reports its tasks under FARGATE") {
  Simulation sim(strategy_scenario(3, {}));
  sim.run();
  CHECK(sim.summary().services[0].second.tasks_by_capacity_provider == std::map<std::string, int>{{"FARGATE", 3}});
}
