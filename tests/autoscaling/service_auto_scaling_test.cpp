// Service Auto Scaling end to end on the virtual clock. The service "web"
// has tasks that take 100 requests/s each at 100 % CPU and idle at 0 %, so
// CPU = load / (100 × serving tasks) × 100 exactly and every figure below
// follows from the documented alarm shapes (ecs-facts §10, §13).
#include <ecsim/simulation.hpp>

#include "autoscaling/scaling_records.hpp"
#include "invariants.hpp"
#include "scheduler/test_scenarios.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace ecsim;
using ecsim::test::check_invariants;
using ecsim::test::contains;
using ecsim::test::Scaling;
using ecsim::test::scalings;
using namespace std::chrono_literals;

namespace {

Scenario scaled_web(int desired, int min_cap, int max_cap) {
  Scenario sc = ecsim::test::prod_cluster_scenario("scaling-test", Millis{2h}, 3, {"us-east-1a", "us-east-1b"});
  sc.task_definitions.push_back(ecsim::test::fargate_task_definition("web"));
  ServiceSpec svc;
  svc.service_name = "web";
  svc.cluster = "prod";
  svc.task_definition = "web:1";
  svc.desired_count = desired;
  svc.launch_type = LaunchType::fargate;
  AutoScalingSpec as;
  as.min_capacity = min_cap;
  as.max_capacity = max_cap;
  svc.auto_scaling = as;
  sc.services.push_back(svc);
  BehaviorSpec b;
  b.task_definition = "web";
  b.image_pull.value = Millis{10s};
  b.requests_per_second_per_task = 100;
  b.cpu_utilization = 0;
  b.memory_utilization = 40;
  sc.behavior.push_back(b);
  return sc;
}

void add_cpu_policy(Scenario& sc, double target, bool disable_scale_in = false) {
  ScalingPolicy p;
  p.policy_name = "cpu";
  p.policy_type = ScalingPolicyType::target_tracking_scaling;
  TargetTrackingScalingPolicyConfiguration c;
  c.target_value = target;
  c.disable_scale_in = disable_scale_in;
  p.target_tracking_scaling_policy_configuration = c;
  sc.services[0].auto_scaling->policies.push_back(p);
}

void load_steps(Scenario& sc, std::vector<std::pair<Millis, double>> pts) {
  WorkloadSpec w;
  w.service = "web";
  w.requests_per_second.kind = LoadModelKind::steps;
  for (auto [t, v] : pts) w.requests_per_second.steps.push_back(LoadPoint{t, v, {}});
  sc.workloads.push_back(w);
}

}  // namespace

TEST_CASE("50 % -> 150 % of target: scale out after three full datapoints, to ceil(5 × 90 / 60) = 8") {
  Scenario sc = scaled_web(5, 1, 20);
  add_cpu_policy(sc, 60, /*disable_scale_in=*/true);
  load_steps(sc, {{0s, 150}, {30min, 450}});  // 30 % CPU, then 90 % on 5 tasks
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  REQUIRE(!s.empty());
  CHECK(s[0].at == 33 * 60);  // datapoints ending 31, 32, 33 min are above 60
  CHECK(contains(s[0].message, "TargetTracking-service/prod/web-AlarmHigh in state ALARM triggered policy cpu"));
  CHECK(contains(s[0].message, "from 5 to 8"));
  // With 8 serving tasks CPU is 56 %, under the target: no further scale-out
  // (the minute the new tasks start still averages 66 %, but within the
  // cooldown the capacity just added counts: ceil(5 × 66 / 60) = 6 < 8).
  CHECK(s.size() == 1);
  CHECK(sim.summary().services[0].second.desired_count == 8);
  CHECK(sim.summary().services[0].second.scaling_activities == 1);
}

TEST_CASE("scale-in waits 15 datapoints below 90 % of target, then the cooldown") {
  Scenario sc = scaled_web(4, 2, 20);
  add_cpu_policy(sc, 50);
  // 47.5 % CPU: inside [45, 50], neither alarm; at 30 min 20 %.
  load_steps(sc, {{0s, 190}, {30min, 80}});
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  REQUIRE(s.size() == 2);
  CHECK(s[0].at == 45 * 60);  // 15 datapoints below 45 %: minutes 31..45
  CHECK(contains(s[0].message, "AlarmLow"));
  CHECK(contains(s[0].message, "from 4 to 3"));  // max(floor(4 × 20/50), 4 − 1)
  CHECK(s[1].at == 50 * 60);  // ScaleInCooldown 300 s
  CHECK(contains(s[1].message, "from 3 to 2"));  // 27 % on 3 tasks
  // Two tasks at 40 % still want fewer, but minCapacity is 2.
  CHECK(sim.summary().services[0].second.desired_count == 2);
}

TEST_CASE("DisableScaleIn never scales in") {
  Scenario sc = scaled_web(4, 1, 20);
  add_cpu_policy(sc, 50, true);
  load_steps(sc, {{0s, 0}});
  Simulation sim(sc);
  sim.run();
  CHECK(scalings(sim).empty());
  CHECK(sim.summary().services[0].second.desired_count == 4);
}

TEST_CASE("max capacity caps a scale-out; min capacity stops scale-in") {
  SUBCASE("max") {
    Scenario sc = scaled_web(4, 1, 5);
    add_cpu_policy(sc, 50);
    load_steps(sc, {{0s, 1000}});  // saturated: 100 % CPU, ceil(4 × 100 / 50) = 8
    Simulation sim = ecsim::test::run_checked(sc).sim;
    const auto s = scalings(sim);
    REQUIRE(!s.empty());
    CHECK(contains(s[0].message, "from 4 to 5"));
    CHECK(s.size() == 1);
    CHECK(sim.summary().services[0].second.desired_count == 5);
    // 1000 requests/s offered, at most 500 served: half goes unserved.
    const ServiceSummary sum = sim.summary().services[0].second;  // a copy: summary() is a temporary
    CHECK(sum.requests_unserved > 0.5 * sum.requests_offered);
  }
  SUBCASE("min") {
    Scenario sc = scaled_web(6, 3, 20);
    add_cpu_policy(sc, 50);
    load_steps(sc, {{0s, 10}});
    Simulation sim = ecsim::test::run_checked(sc).sim;
    CHECK(sim.summary().services[0].second.desired_count == 3);
    for (const Scaling& s : scalings(sim)) CHECK_FALSE(contains(s.message, "to 2."));
  }
}

TEST_CASE("metrics.csv rows: CPU, memory, load and unserved requests integrated over the interval") {
  Scenario sc = scaled_web(2, 1, 20);
  sc.services[0].auto_scaling.reset();
  load_steps(sc, {{0s, 100}, {30min, 250}});
  Simulation sim(sc);
  sim.run();
  const auto& rows = sim.recorder().metrics();
  auto row_at = [&](double t) -> const MetricSample& {
    for (const MetricSample& m : rows)
      if (to_seconds(m.at) == t) return m;
    FAIL("no row at " << t);
    return rows.front();
  };
  // 10 min: two serving tasks, 100 requests/s: 50 % CPU, nothing unserved.
  CHECK(row_at(600).cpu_utilization == doctest::Approx(50));
  CHECK(row_at(600).memory_utilization == doctest::Approx(40));
  CHECK(row_at(600).requests_per_second == doctest::Approx(100));
  CHECK(row_at(600).unserved_requests == doctest::Approx(0));
  // 31 min: 250 requests/s on 2 tasks: 100 % CPU, 50 requests/s over capacity for 60 s.
  CHECK(row_at(1860).cpu_utilization == doctest::Approx(100));
  CHECK(row_at(1860).unserved_requests == doctest::Approx(50 * 60));
  // The first minute: tasks run from 17 s and serve from 57 s (no health
  // check: 40 s after RUNNING). Until then every request goes unserved.
  CHECK(row_at(60).unserved_requests == doctest::Approx(100 * 57));
  CHECK(row_at(60).cpu_utilization == doctest::Approx(50.0 * 3 / 43));
}

TEST_CASE("scheduled actions fire at their cron times and move the desired count inside min/max") {
  Scenario sc = scaled_web(2, 1, 20);
  sc.simulation.duration = Millis{24h};
  ScheduledActionSpec up;
  up.scheduled_action_name = "morning";
  up.schedule = "cron(0 8 * * ? *)";
  up.min_capacity = 6;
  ScheduledActionSpec down;
  down.scheduled_action_name = "evening";
  down.schedule = "cron(30 20 * * ? *)";
  down.min_capacity = 1;
  down.max_capacity = 3;
  sc.services[0].auto_scaling->scheduled_actions = {up, down};
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  std::vector<std::pair<double, std::string>> changes;
  for (const Scaling& x : s)
    if (contains(x.message, "changing the desired capacity")) changes.emplace_back(x.at, x.message);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].first == 8 * 3600);
  CHECK(contains(changes[0].second, "from 2 to 6"));
  CHECK(changes[1].first == 20.5 * 3600);
  CHECK(contains(changes[1].second, "from 6 to 3"));
  CHECK(sim.summary().services[0].second.desired_count == 3);
}

TEST_CASE("step scaling: an alarm 2 of 2 above 60 % adds the step's tasks once per cooldown") {
  Scenario sc = scaled_web(4, 1, 20);
  ScalingPolicy p;
  p.policy_name = "cpu-steps";
  p.policy_type = ScalingPolicyType::step_scaling;
  StepScalingPolicyConfiguration c;
  c.adjustment_type = AdjustmentType::change_in_capacity;
  StepAdjustment small, big;
  small.metric_interval_lower_bound = 0;
  small.metric_interval_upper_bound = 20;
  small.scaling_adjustment = 1;
  big.metric_interval_lower_bound = 20;
  big.scaling_adjustment = 3;
  c.step_adjustments = {small, big};
  p.step_scaling_policy_configuration = c;
  ScalingAlarm al;
  al.alarm_name = "web-cpu-high";
  al.comparison_operator = ComparisonOperator::greater_than_threshold;
  al.threshold = 60;
  al.evaluation_periods = 2;
  p.alarm = al;
  sc.services[0].auto_scaling->policies.push_back(p);
  load_steps(sc, {{0s, 200}, {30min, 360}});  // 50 %, then 90 %: 30 above the threshold
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  REQUIRE(s.size() == 1);
  CHECK(s[0].at == 32 * 60);
  CHECK(contains(s[0].message, "alarm web-cpu-high in state ALARM triggered policy cpu-steps"));
  CHECK(contains(s[0].message, "from 4 to 7"));
}

TEST_CASE("memory target tracking: memory grows with load, so scale-outs come one cooldown apart until under target") {
  Scenario sc = scaled_web(5, 1, 20);
  sc.behavior[0].memory_utilization = 30;
  sc.behavior[0].memory_utilization_at_full_load = 70;  // 30 + 40 × (load per task / 100)
  ScalingPolicy p;
  p.policy_name = "mem";
  p.policy_type = ScalingPolicyType::target_tracking_scaling;
  TargetTrackingScalingPolicyConfiguration c;
  c.target_value = 50;
  c.disable_scale_in = true;
  c.predefined_metric_specification.predefined_metric_type = PredefinedMetricType::ecs_service_average_memory_utilization;
  p.target_tracking_scaling_policy_configuration = c;
  sc.services[0].auto_scaling->policies.push_back(p);
  load_steps(sc, {{0s, 0}, {30min, 375}});
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  REQUIRE(s.size() == 3);
  CHECK(s[0].at == 33 * 60);  // 75 requests/s per task: memory 60 %
  CHECK(contains(s[0].message, "from 5 to 6"));  // ceil(5 × 60 / 50)
  CHECK(s[1].at == 38 * 60);  // ScaleOutCooldown 300 s; 6 tasks: 55 %
  CHECK(contains(s[1].message, "from 6 to 7"));  // ceil(6 × 55 / 50) = ceil(6.6)
  CHECK(s[2].at == 43 * 60);  // 7 tasks: 51.4 %
  CHECK(contains(s[2].message, "from 7 to 8"));  // ceil(7.2); 8 tasks: 48.75 %, under the target
}

TEST_CASE("two policies: scale-in only when every target tracking policy is ready to scale in") {
  auto memory_policy = [] {
    ScalingPolicy p;
    p.policy_name = "mem";
    p.policy_type = ScalingPolicyType::target_tracking_scaling;
    TargetTrackingScalingPolicyConfiguration c;
    c.target_value = 80;  // memory sits at 40 %: below 72 % all along
    c.predefined_metric_specification.predefined_metric_type =
        PredefinedMetricType::ecs_service_average_memory_utilization;
    p.target_tracking_scaling_policy_configuration = c;
    return p;
  };
  SUBCASE("memory alone scales in after 15 datapoints") {
    Scenario sc = scaled_web(4, 1, 20);
    sc.services[0].auto_scaling->policies.push_back(memory_policy());
    load_steps(sc, {{0s, 190}});
    Simulation sim(sc);
    sim.run();
    const auto s = scalings(sim);
    REQUIRE(!s.empty());
    CHECK(s[0].at == 15 * 60);
    CHECK(contains(s[0].message, "policy mem changing the desired capacity from 4 to 3"));
  }
  SUBCASE("with a CPU policy inside its band (47.5 % of 50) nothing scales in") {
    Scenario sc = scaled_web(4, 1, 20);
    add_cpu_policy(sc, 50);
    sc.services[0].auto_scaling->policies.push_back(memory_policy());
    load_steps(sc, {{0s, 190}});
    Simulation sim(sc);
    sim.run();
    CHECK(scalings(sim).empty());
  }
}
