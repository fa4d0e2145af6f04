// The REPLICA scheduler on Fargate: lifecycle timing, rolling deployments
// within minimumHealthyPercent / maximumPercent (ecs-facts §3), steady state,
// cost. Scenarios are built in code with fixed durations so times are exact.
#include <ecsim/io/output_writers.hpp>
#include <ecsim/simulation.hpp>

#include "scheduler/service_scheduler.hpp"

#include "invariants.hpp"
#include "web_scenario.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ecsim;
using namespace ecsim::test;
using namespace std::chrono_literals;

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("a Fargate task goes PROVISIONING, PENDING, ACTIVATING, RUNNING and the service reaches steady state") {
  Simulation sim = ecsim::test::run_checked(web_scenario(1)).sim;
  std::vector<std::tuple<double, std::string, std::string>> trace;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.task == 0)
      trace.emplace_back(to_seconds(r.at), r.from == r.to ? "" : std::string(to_string(r.from)),
                         std::string(to_string(r.to)));
  const std::vector<std::tuple<double, std::string, std::string>> expected = {
      {0.0, "", "PROVISIONING"},
      {5.0, "PROVISIONING", "PENDING"},
      {7.0, "PENDING", "ACTIVATING"},
      {17.0, "ACTIVATING", "RUNNING"},
  };
  CHECK(trace == expected);
  const auto events = service_events(sim);
  REQUIRE(events.size() >= 3);
  CHECK(events[0].first == 0.0);
  CHECK(starts_with(events[0].second, "(service web) has started 1 tasks: (task "));
  // No load balancer and no health check: healthy 40 s after RUNNING (ecs-facts §1.4).
  CHECK(events[1].first == 57.0);
  CHECK(starts_with(events[1].second, "(service web) (deployment ecs-svc/"));
  CHECK(events[1].second.ends_with(") deployment completed."));
  CHECK(events[2] == std::pair<double, std::string>{57.0, "(service web) has reached a steady state."});
  const RunSummary s = sim.summary();
  CHECK(s.services[0].second.running_count == 1);
  CHECK(s.services[0].second.steady_state);
  CHECK(s.services[0].second.deployments.empty());  // creation is not an update
}

TEST_CASE("the steady-state message repeats every 6 hours while the service stays steady") {
  Scenario sc = web_scenario(1);
  sc.simulation.duration = Millis{13h};
  Simulation sim = ecsim::test::run_checked(sc).sim;
  std::vector<double> steady;
  for (const auto& [t, m] : service_events(sim))
    if (m == "(service web) has reached a steady state.") steady.push_back(t);
  CHECK(steady == std::vector<double>{57.0, 57.0 + 21600, 57.0 + 43200});
}

TEST_CASE("Fargate spreads a service's tasks evenly over the cluster's zones") {
  Simulation sim(web_scenario(6));
  sim.run_until(SimTime{1min});
  CHECK(sim.summary().services[0].second.running_count == 6);
  // Each zone got two: the scheduler balances counts, first zone on ties.
  // (Zones are internal; the balanced start is visible as one batch of 6.)
  const auto events = service_events(sim);
  CHECK(starts_with(events[0].second, "(service web) has started 6 tasks: "));
}

TEST_CASE("a rolling update with min 100 / max 200 starts all new tasks first, then stops the old ones") {
  Scenario sc = web_scenario(4, 100, 200);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const RunSummary r = sim.summary();
  const ServiceSummary& s = r.services[0].second;
  REQUIRE(s.deployments.size() == 1);
  const DeploymentSummary& d = s.deployments[0];
  CHECK(d.task_definition == "web:2");
  CHECK(d.rollout_state == "COMPLETED");
  CHECK(d.started_at == 600.0);
  // New tasks healthy at 600 + 17 + 40; old ones then drain: DEACTIVATING 1 s,
  // STOPPING 2 s (shutdown), DEPROVISIONING 5 s -> STOPPED at 665.
  REQUIRE(d.finished_at.has_value());
  CHECK(*d.finished_at == 665.0);
  CHECK(d.min_healthy_count == 4);  // never below 100 % of desired
  CHECK(d.max_running_count == 8);  // floor(4 × 200 %)
  CHECK(s.tasks_started == 8);
  CHECK(s.tasks_stopped == 4);
  CHECK(s.running_count == 4);
  const auto events = service_events(sim);
  const auto stopped = std::find_if(events.begin(), events.end(), [](const auto& e) {
    return starts_with(e.second, "(service web) has stopped 4 running tasks: ");
  });
  REQUIRE(stopped != events.end());
  CHECK(stopped->first == 657.0);
}

TEST_CASE("a rolling update with min 50 / max 100 stops half the tasks before starting new ones") {
  // desired 4, min 50 %: ceil(2) must stay healthy, so 2 may stop first; max
  // 100 %: floor(4) RUNNING+PENDING, so no task can start before one stops.
  Scenario sc = web_scenario(4, 50, 100);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const Simulation& sim = run.sim;
  const auto events = service_events(sim);
  std::vector<std::string> at_600;
  for (const auto& [t, m] : events)
    if (t == 600.0) at_600.push_back(m);
  REQUIRE(!at_600.empty());
  CHECK(starts_with(at_600[0], "(service web) has stopped 2 running tasks: "));
  const DeploymentSummary& d = run.deployment();
  CHECK(d.rollout_state == "COMPLETED");
  CHECK(d.min_healthy_count == 2);
  CHECK(d.max_running_count == 4);
}

TEST_CASE("desired 1 with min 100 / max 100 cannot deploy and says so once") {
  Scenario sc = web_scenario(1, 100, 100);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  int stuck = 0;
  for (const auto& [t, m] : service_events(sim))
    if (m == "(service web) was unable to stop or start tasks during a deployment because of the "
             "service deployment configuration. Update the minimumHealthyPercent or "
             "maximumPercent value and try again.") {
      ++stuck;
      CHECK(t == 600.0);
    }
  CHECK(stuck == 1);
  CHECK(sim.summary().services[0].second.deployments.at(0).rollout_state == "IN_PROGRESS");
}

TEST_CASE("raising desiredCount starts the difference; lowering it stops the newest tasks") {
  Scenario sc = web_scenario(2);
  update_at(sc, Millis{10min}, std::nullopt, 5);
  update_at(sc, Millis{20min}, std::nullopt, 3);
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const Simulation& sim = run.sim;
  const auto events = service_events(sim);
  bool started3 = false, stopped2 = false;
  for (const auto& [t, m] : events) {
    if (t == 600.0 && starts_with(m, "(service web) has started 3 tasks: ")) started3 = true;
    if (t == 1200.0 && starts_with(m, "(service web) has stopped 2 running tasks: ")) stopped2 = true;
  }
  CHECK(started3);
  CHECK(stopped2);
  const ServiceSummary& s = run.service();
  CHECK(s.desired_count == 3);
  CHECK(s.running_count == 3);
  CHECK(s.tasks_started == 5);
  CHECK(s.tasks_stopped == 2);
  CHECK(s.deployments.empty());
}

TEST_CASE("Fargate bills each task per second from the image pull, at the task size's rate") {
  Scenario sc = web_scenario(1);
  sc.simulation.duration = Millis{1h};
  update_at(sc, Millis{30min}, std::nullopt, 0);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  // 0.5 vCPU × 0.04048 + 1 GB × 0.004445 = $0.024685 per hour. Billing runs
  // from ACTIVATING (7 s) to the end of STOPPING (1800 + 1 + 2 = 1803 s).
  const double expected = 0.024685 * (1803.0 - 7.0) / 3600.0;
  CHECK(sim.summary().total_cost_usd == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("the same scenario and seed give byte-identical outputs") {
  Scenario sc = web_scenario(3, 50, 200);
  update_at(sc, Millis{15min}, "web:2", 6);
  sc.behavior[0].startup = DurationDistribution{.distribution = DistributionKind::lognormal,
                                                .median = Millis{8s}, .sigma = 0.3};
  Simulation a(sc), b(sc);
  a.run();
  ecsim::test::check_invariants(a);
  b.run();
  ecsim::test::check_invariants(b);
  CHECK(events_jsonl(a) == events_jsonl(b));
  CHECK(metrics_csv(a) == metrics_csv(b));
  CHECK(summary_json(a.summary()) == summary_json(b.summary()));
  sc.simulation.seed = 8;
  Simulation c(sc);
  c.run();
  ecsim::test::check_invariants(c);
  CHECK(events_jsonl(a) != events_jsonl(c));  // task ids follow the seed
}

namespace {

void add_health_check(Scenario& sc, int td_index, Millis interval, int retries, Millis start_period) {
  HealthCheck hc;
  hc.command = {"CMD-SHELL", "curl -f http://localhost/ || exit 1"};
  hc.interval = interval;
  hc.retries = retries;
  hc.start_period = start_period;
  sc.task_definitions[td_index].container_definitions[0].health_check = hc;
}

/// web:2 is a bad release: its health checks never pass.
void bad_release(Scenario& sc) {
  BehaviorSpec bad = sc.behavior[0];
  bad.task_definition = "web:2";
  bad.fail_health_checks = true;
  sc.behavior.push_back(bad);
}

int count_messages(const Simulation& sim, const std::string& prefix, const std::string& suffix = "") {
  int n = 0;
  for (const auto& [t, m] : service_events(sim))
    if (starts_with(m, prefix) && m.ends_with(suffix)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the circuit breaker threshold is half of desiredCount rounded up, clamped to 3..200") {
  CHECK(ecsim::detail::circuit_breaker_threshold(1) == 3);
  CHECK(ecsim::detail::circuit_breaker_threshold(3) == 3);
  CHECK(ecsim::detail::circuit_breaker_threshold(6) == 3);
  CHECK(ecsim::detail::circuit_breaker_threshold(7) == 4);
  CHECK(ecsim::detail::circuit_breaker_threshold(25) == 13);
  CHECK(ecsim::detail::circuit_breaker_threshold(400) == 200);
  CHECK(ecsim::detail::circuit_breaker_threshold(1000) == 200);
}

TEST_CASE("a container health check makes a task healthy at the first check after the app is up") {
  Scenario sc = web_scenario(1);
  add_health_check(sc, 0, Millis{10s}, 3, Millis{0});
  sc.behavior[0].startup.value = Millis{25s};
  Simulation sim = ecsim::test::run_checked(sc).sim;
  // RUNNING at 17 s; checks at +10, +20, +30 s; the app is up at +25 s.
  const auto events = service_events(sim);
  CHECK(events[2] == std::pair<double, std::string>{47.0, "(service web) has reached a steady state."});
}

TEST_CASE("a bad revision with the breaker on ends FAILED, then a COMPLETED rollback to the old revision") {
  Scenario sc = web_scenario(4, 100, 200);
  add_health_check(sc, 0, Millis{10s}, 3, Millis{0});
  add_health_check(sc, 1, Millis{10s}, 3, Millis{0});
  sc.services[0].deployment_configuration.deployment_circuit_breaker = {.enable = true, .rollback = true};
  bad_release(sc);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const Simulation& sim = run.sim;
  const ServiceSummary& s = run.service();
  REQUIRE(s.deployments.size() == 2);
  const DeploymentSummary& failed = s.deployments[0];
  const DeploymentSummary& rollback = s.deployments[1];
  CHECK(failed.task_definition == "web:2");
  CHECK(failed.rollout_state == "FAILED");
  CHECK(failed.rolled_back);
  CHECK(failed.failed_tasks == 3);  // desired 4: threshold max(ceil(2), 3) = 3
  CHECK(failed.min_healthy_count == 4);  // the old tasks kept serving
  CHECK(rollback.task_definition == "web:1");
  CHECK(rollback.rollout_state == "COMPLETED");
  CHECK_FALSE(rollback.rolled_back);
  CHECK(count_messages(sim, "(service web) (deployment " + failed.id, ") deployment failed: tasks failed to start.") == 1);
  CHECK(count_messages(sim, "(service web) rolling back to deployment ecs-svc/") == 1);
  CHECK(count_messages(sim, "(service web) (task ", ") failed container health checks.") >= 3);
  CHECK(s.running_count == 4);
  CHECK(s.steady_state);
}

TEST_CASE("without rollback a failed deployment stays FAILED and launches no new tasks") {
  Scenario sc = web_scenario(2, 100, 200);
  sc.services[0].deployment_configuration.deployment_circuit_breaker = {.enable = true, .rollback = false};
  BehaviorSpec bad = sc.behavior[0];
  bad.task_definition = "web:2";
  bad.fail_start_probability = 1.0;
  sc.behavior.push_back(bad);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const Simulation& sim = run.sim;
  const ServiceSummary& s = run.service();
  REQUIRE(s.deployments.size() == 1);
  CHECK(s.deployments[0].rollout_state == "FAILED");
  CHECK_FALSE(s.deployments[0].rolled_back);
  CHECK(s.running_count == 2);  // the old revision keeps running
  CHECK(s.deployments[0].failed_tasks == 3);
  // Nothing starts after the breaker trips.
  double failed_at = -1, last_start = -1;
  for (const auto& [t, m] : service_events(sim)) {
    if (m.ends_with("deployment failed: tasks failed to start.")) failed_at = t;
    if (starts_with(m, "(service web) has started ")) last_start = t;
  }
  REQUIRE(failed_at > 600.0);
  CHECK(last_start < failed_at);
}

TEST_CASE("with a load balancer a task is healthy at the target's first passing check and drains for the deregistration delay") {
  Scenario sc = web_scenario(1);
  TargetGroupSpec tg;
  tg.name = "web-tg";
  tg.health_check_interval = Millis{30s};
  tg.deregistration_delay = Millis{60s};
  sc.target_groups.push_back(tg);
  LoadBalancer lb;
  lb.target_group_arn = "web-tg";
  lb.container_name = "web";
  lb.container_port = 8080;
  sc.services[0].load_balancers.push_back(lb);
  update_at(sc, Millis{10min}, std::nullopt, 0);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto events = service_events(sim);
  // RUNNING at 17 s, app up after 5 s, first target check at +30 s.
  CHECK(std::count(events.begin(), events.end(),
                   std::pair<double, std::string>{47.0, "(service web) has reached a steady state."}) == 1);
  CHECK(count_messages(sim, "(service web) registered 1 targets in (target-group web-tg)") == 1);
  CHECK(count_messages(sim, "(service web) deregistered 1 targets in (target-group web-tg)") == 1);
  // Stop at 600 s: DEACTIVATING 60 s (deregistration delay), STOPPING 2 s, DEPROVISIONING 5 s.
  double stopped_at = -1;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.to == TaskState::stopped) stopped_at = to_seconds(r.at);
  CHECK(stopped_at == 667.0);
}

TEST_CASE("a task whose essential container exits is replaced") {
  Scenario sc = web_scenario(1);
  sc.behavior[0].exit_after = Millis{5min};
  sc.simulation.duration = Millis{12min};
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const ServiceSummary& s = run.service();
  // Exits at 17 s + 5 min, again 5 min after the replacement runs.
  CHECK(s.tasks_started == 3);
  CHECK(s.tasks_stopped == 2);
  CHECK(s.running_count == 1);
}

TEST_CASE("desired 10 with 100 / 200 never drops below 10 healthy nor exceeds 20 running") {
  Scenario sc = web_scenario(10, 100, 200);
  update_at(sc, Millis{10min}, "web:2", std::nullopt);
  const ecsim::test::FinishedRun run = ecsim::test::run_checked(sc);
  const DeploymentSummary& d = run.deployment();
  CHECK(d.rollout_state == "COMPLETED");
  CHECK(d.min_healthy_count == 10);
  CHECK(d.max_running_count == 20);
}
