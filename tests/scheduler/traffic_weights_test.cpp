// During a blue/green traffic shift the load balancer sends each side its
// weight of the production requests, so a canary's tasks run at the canary's
// share of the load and the service's metrics (the average over all its
// tasks, as ECSServiceAverageCPUUtilization) show it.
#include <ecsim/simulation.hpp>

#include "blue_green_run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <tuple>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

constexpr double load = 200;  // requests per second, constant

/// web_canary at a constant 200 requests/s: 100 requests/s per task at
/// 100 % CPU, canary 10 % from 647 s, all at 1547 s, original gone at 1847 s.
Scenario canary() { return test::web_canary(load); }

/// A deployment's figures between two reads of deployment_usage.
struct Between {
  double requests, unserved, cpu;
};
Between between(const DeploymentUsage& a, const DeploymentUsage& b) {
  const double cpu_a = a.task_seconds > 0 ? a.cpu_utilization * a.task_seconds : 0.0;
  return {b.requests - a.requests, b.unserved - a.unserved,
          (b.cpu_utilization * b.task_seconds - cpu_a) / (b.task_seconds - a.task_seconds)};
}

/// Sum of requests and unserved requests of the service's metrics.csv rows in (from, to].
std::pair<double, double> offered_and_unserved(const Simulation& sim, double from, double to) {
  double offered = 0, unserved = 0;
  for (const MetricSample& m : sim.recorder().metrics()) {
    const double at = to_seconds(m.at);
    if (at <= from || at > to) continue;
    offered += m.requests_per_second * 60;
    unserved += m.unserved_requests;
  }
  return {offered, unserved};
}

struct Ids {
  std::string blue, green;
};
Ids ids(const Simulation& sim) {
  const auto& w = sim.world();
  return {w.deployments[w.services[0].deployments.front()].id, sim.summary().services[0].second.deployments.at(0).id};
}

}  // namespace

TEST_CASE("a 10 % canary sends 10 % of the requests to the replacement; the service average covers both") {
  Simulation sim(canary());
  sim.run_until(SimTime{Millis{720s}});
  const Ids id = ids(sim);
  const DeploymentUsage blue0 = sim.deployment_usage(id.blue), green0 = sim.deployment_usage(id.green);
  sim.run_until(SimTime{Millis{1500s}});
  const DeploymentUsage blue1 = sim.deployment_usage(id.blue), green1 = sim.deployment_usage(id.green);
  const Between blue = between(blue0, blue1), green = between(green0, green1);
  constexpr double span = 1500 - 720;
  // 20 requests/s over four green tasks, 180 over four blue ones.
  CHECK(green.requests == doctest::Approx(0.1 * load * span));
  CHECK(blue.requests == doctest::Approx(0.9 * load * span));
  CHECK(green.cpu == doctest::Approx(5.0));
  CHECK(blue.cpu == doctest::Approx(45.0));
  CHECK(green.unserved + blue.unserved == 0.0);
  // Every request offered reached one side.
  const auto [offered, unserved] = offered_and_unserved(sim, 720, 1500);
  CHECK(offered == doctest::Approx(load * span));
  CHECK(green.requests + blue.requests == doctest::Approx(offered));
  CHECK(unserved == 0.0);
  for (const MetricSample& m : sim.recorder().metrics())
    if (to_seconds(m.at) > 720) CHECK(m.cpu_utilization == doctest::Approx((4 * 45.0 + 4 * 5.0) / 8));

  // Termination wait (1547-1847 s): green takes everything, blue sits idle;
  // spread evenly over all eight tasks each would run at 25 %.
  sim.run_until(SimTime{Millis{1800s}});
  for (const MetricSample& m : sim.recorder().metrics())
    if (to_seconds(m.at) > 1560 && to_seconds(m.at) <= 1800)
      CHECK(m.cpu_utilization == doctest::Approx((4 * 50.0 + 4 * 2.0) / 8));
  sim.run();
  ecsim::test::check_invariants(sim);
  CHECK(sim.summary().services[0].second.deployments.at(0).rollout_state == "COMPLETED");
}

TEST_CASE("a replacement too slow for the load drops requests once it has the traffic, though blue is idle") {
  Scenario sc = canary();
  BehaviorSpec slow = sc.behavior[0];
  slow.task_definition = "web:2";
  slow.requests_per_second_per_task = 25;  // four tasks take 100 of the 200 requests/s
  sc.behavior.push_back(slow);
  Simulation sim(std::move(sc));
  sim.run_until(SimTime{Millis{1800s}});
  // The canary's 20 requests/s fit: nothing dropped, green at 20 %.
  auto [offered, unserved] = offered_and_unserved(sim, 720, 1500);
  CHECK(offered == doctest::Approx(load * 780));
  CHECK(unserved == 0.0);
  // All traffic on green: half of it is beyond green's capacity.
  std::tie(offered, unserved) = offered_and_unserved(sim, 1560, 1800);
  CHECK(offered == doctest::Approx(load * 240));
  CHECK(unserved == doctest::Approx(100.0 * 240));
  const Ids id = ids(sim);
  const DeploymentUsage green = sim.deployment_usage(id.green), blue = sim.deployment_usage(id.blue);
  double all_shifted = 0;
  const RunSummary summary = sim.summary();  // a copy: the loop must not outlive summary()'s temporary
  for (const DeploymentTimelineStep& s : summary.services[0].second.deployments.at(0).timeline)
    if (s.traffic_percent == 100) all_shifted = s.at;
  CHECK(all_shifted == 1547);
  CHECK(green.unserved == doctest::Approx(100.0 * (1800 - all_shifted)));
  CHECK(blue.unserved == 0.0);
}
