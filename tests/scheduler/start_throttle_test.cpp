// ECS's throttle for tasks that never reach RUNNING (ecs-facts §2.2): longer
// and longer waits between launches, one "unable to consistently start tasks"
// event, cleared by a new deployment.
#include <ecsim/simulation.hpp>

#include "invariants.hpp"
#include "scheduler/start_throttle.hpp"
#include "web_scenario.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ecsim;
using namespace ecsim::test;

namespace {

/// Times of "has started" events, in seconds.
std::vector<double> launch_times(const Simulation& sim) {
  std::vector<double> out;
  for (const auto& [at, text] : service_events(sim))
    if (text.find(") has started ") != std::string::npos) out.push_back(at);
  return out;
}

/// The documented default curve: nothing for the first failure, then 30 s
/// doubling, never more than the 27-minute cap.
double expected_wait_s(int step) {
  if (step <= 1) return 0;
  double wait = 30;
  for (int k = 2; k < step; ++k) wait *= 2;
  return std::min(wait, 27.0 * 60);
}

Scenario failing_service() {
  Scenario sc = web_scenario(1);
  sc.simulation.duration = Millis{3h};
  BehaviorSpec bad;
  bad.task_definition = "web:1";
  bad.image_pull.value = Millis{10s};
  bad.fail_start_probability = 1.0;  // every task stops before RUNNING
  sc.behavior.push_back(bad);
  return sc;
}

}  // namespace

TEST_CASE("the back-off grows from 30 s, doubling, to ECS's 27-minute cap") {
  const EcsAssumptions a;
  for (int step = 1; step <= 12; ++step)
    CHECK(to_seconds(detail::throttle_backoff(a, step)) == doctest::Approx(expected_wait_s(step)));
  CHECK(to_seconds(detail::throttle_backoff(a, 1000)) == doctest::Approx(1620));
}

TEST_CASE("a task that keeps failing before RUNNING is relaunched after ever longer waits") {
  Simulation sim = ecsim::test::run_checked(failing_service()).sim;
  const std::vector<double> launches = launch_times(sim);
  REQUIRE(launches.size() >= 8);
  // A launch fails 17 s later (5 s PROVISIONING, 2 s PENDING, 10 s pull);
  // the next launch waits for the back-off of that failure step.
  for (std::size_t k = 1; k < launches.size(); ++k) {
    CAPTURE(k);
    CHECK(launches[k] - launches[k - 1] == doctest::Approx(17 + expected_wait_s(static_cast<int>(k))));
  }
  const auto events = service_events(sim);
  const auto impaired = std::count_if(events.begin(), events.end(), [](const auto& e) {
    return e.second == "(service web) is unable to consistently start tasks successfully.";
  });
  CHECK(impaired == 1);  // the duplicate is suppressed while the cause lasts
}

TEST_CASE("a new task definition clears the throttle at once") {
  Scenario sc = failing_service();
  update_at(sc, Millis{2h}, "web:2", std::nullopt);  // web:2 starts fine
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const std::vector<double> launches = launch_times(sim);
  // By 2 h the service is in its 27-minute waits; the deployment launches at once.
  CHECK(std::find(launches.begin(), launches.end(), 7200.0) != launches.end());
  CHECK(sim.summary().services.at(0).second.running_count == 1);
}
