// ECS's launch-rate quotas (ecs-facts §12): Fargate's account token bucket
// (burst 100, 20 a second) and a service's 500 launches a minute.
#include <ecsim/simulation.hpp>

#include "invariants.hpp"
#include "scheduler/launch_rate.hpp"
#include "web_scenario.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using namespace ecsim;
using namespace ecsim::test;

namespace {

/// Times (s) at which tasks were created, one entry per task.
std::vector<double> creations(const Simulation& sim) {
  std::vector<double> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.from == r.to) out.push_back(to_seconds(r.at));
  return out;
}

long launched_by(const std::vector<double>& times, double t) {
  return std::count_if(times.begin(), times.end(), [t](double x) { return x <= t + 1e-9; });
}

}  // namespace

TEST_CASE("a token bucket lets the burst through, then one launch per interval") {
  detail::LaunchBucket b;
  const SimTime t0{};
  int taken = 0;
  while (detail::launch_fits(b, t0, 100, Millis{50})) {
    detail::take_launch(b, t0, 100, Millis{50});
    ++taken;
  }
  CHECK(taken == 100);
  CHECK(detail::next_launch_at(b, 100, Millis{50}) == t0 + Millis{50});
  CHECK(detail::next_launch_at(b, 100, Millis{50}, 10) == t0 + Millis{500});
  CHECK(detail::launch_fits(b, t0 + Millis{1000}, 100, Millis{50}, 20));
  CHECK_FALSE(detail::launch_fits(b, t0 + Millis{1000}, 100, Millis{50}, 21));
}

TEST_CASE("a large Fargate service launches 100 tasks at once, then 20 a second") {
  Scenario sc = web_scenario(400);
  sc.simulation.duration = Millis{10min};
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const std::vector<double> t = creations(sim);
  REQUIRE(t.size() == 400);
  CHECK(launched_by(t, 0) == 100);
  CHECK(launched_by(t, 5) == 200);
  CHECK(launched_by(t, 9.999) == 290);
  CHECK(*std::max_element(t.begin(), t.end()) == doctest::Approx(15));
  // No second holds more than the refill once the burst is spent.
  for (double s = 1; s < 15; s += 1) CHECK(launched_by(t, s + 1) - launched_by(t, s) <= 20);
}

TEST_CASE("a service launches at most 500 tasks a minute once its burst is spent") {
  Scenario sc = web_scenario(1500);
  sc.simulation.duration = Millis{30min};
  EcsAssumptions a;
  a.fargate_launch_burst = 0;  // the account's Fargate bucket out of the way
  a.max_provisioning_tasks_per_cluster = 0;  // and the PROVISIONING quota (500 start at once)
  Simulation sim = ecsim::test::run_checked(sc, a).sim;
  const std::vector<double> t = creations(sim);
  REQUIRE(t.size() == 1500);
  CHECK(launched_by(t, 0) == 500);
  CHECK(launched_by(t, 60) == 1000);
  CHECK(launched_by(t, 120) == 1500);
  CHECK(launched_by(t, 119) < 1500);
}

TEST_CASE("limits set to 0 launch everything at once") {
  Scenario sc = web_scenario(700);
  sc.simulation.duration = Millis{5min};
  EcsAssumptions a;
  a.fargate_launch_burst = 0;
  a.service_launch_burst = 0;
  a.max_provisioning_tasks_per_cluster = 0;
  Simulation sim(sc, a);
  sim.run();
  CHECK(launched_by(creations(sim), 0) == 700);
}
