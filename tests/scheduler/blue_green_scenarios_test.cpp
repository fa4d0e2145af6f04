// The shipped blue/green scenarios, end to end: the figures a user reads in
// summary.json, derived from the scenario's settings and the documented rules.
#include <ecsim/io/output_writers.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include "blue_green_run.hpp"
#include "invariants.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace ecsim;

namespace {

Simulation run_shipped(const std::string& name) {
  LoadResult r = load_scenario_file(std::string(ECSIM_SOURCE_DIR) + "/scenarios/" + name);
  Simulation sim = ecsim::test::run_checked(std::move(r.scenario)).sim;
  return sim;
}

/// Times of the timeline steps named `event`, with the traffic after each.
std::vector<std::pair<double, double>> steps(const DeploymentSummary& d, const std::string& event) {
  std::vector<std::pair<double, double>> out;
  for (const DeploymentTimelineStep& s : d.timeline)
    if (s.event == event) out.emplace_back(s.at, s.traffic_percent);
  return out;
}

const ServiceSummary& service(const RunSummary& r, const std::string& name) {
  for (const auto& [n, s] : r.services)
    if (n == name) return s;
  FAIL("no service " << name);
  return r.services.front().second;
}

}  // namespace

TEST_CASE("blue-green-canary: test traffic for 2 minutes, 10 % for 5, then the original goes 10 minutes later") {
  const Simulation sim = run_shipped("blue-green-canary.yaml");
  const RunSummary r = sim.summary();
  const ServiceSummary& api = service(r, "api");
  REQUIRE(api.deployments.size() == 1);
  const DeploymentSummary& d = api.deployments[0];
  CHECK(d.strategy == "CodeDeployDefault.ECSCanary10Percent5Minutes");
  const auto healthy = steps(d, "replacement task set healthy");
  REQUIRE(healthy.size() == 1);
  const double t0 = healthy[0].first + 120;  // testTrafficTime: 2m
  CHECK(steps(d, "production traffic shifted") == std::vector<std::pair<double, double>>{{t0, 10}, {t0 + 300, 100}});
  CHECK(steps(d, "original task set terminated") == std::vector<std::pair<double, double>>{{t0 + 300 + 600, 100}});
  CHECK(d.rollout_state == "COMPLETED");
  // Steps carry CodeDeploy's lifecycle event names.
  std::vector<std::string> stages;
  for (const DeploymentTimelineStep& s : d.timeline) stages.push_back(s.stage);
  CHECK(stages == std::vector<std::string>{"Start", "Install", "Install", "AllowTestTraffic", "AllowTraffic",
                                           "AllowTraffic", "TerminationWait", "End"});
  CHECK(d.max_running_count == 12);  // 6 original + 6 replacement
  CHECK(d.min_healthy_count == 6);
  CHECK(api.running_count == 6);
}

TEST_CASE("ecs-native-linear: a 90 s hook, then 20 % every 3 minutes, then 10 minutes of bake") {
  const Simulation sim = run_shipped("ecs-native-linear.yaml");
  const RunSummary r = sim.summary();
  const DeploymentSummary& d = service(r, "web").deployments.at(0);
  const auto healthy = steps(d, "green service revision healthy");
  REQUIRE(healthy.size() == 1);
  const double t0 = healthy[0].first + 90;
  CHECK(steps(d, "lifecycle hooks at POST_SCALE_UP succeeded") == std::vector<std::pair<double, double>>{{t0, 0}});
  std::vector<std::pair<double, double>> expected;
  for (int k = 0; k < 5; ++k) expected.emplace_back(t0 + 180 * k, 20.0 * (k + 1));
  CHECK(steps(d, "production traffic shifted") == expected);
  REQUIRE(d.finished_at);
  CHECK(*d.finished_at == t0 + 4 * 180 + 600);
  // ECS's lifecycle stage names.
  std::vector<std::string> stages;
  for (const DeploymentTimelineStep& s : d.timeline) stages.push_back(s.stage);
  CHECK(stages == std::vector<std::string>{"RECONCILE_SERVICE", "SCALE_UP", "SCALE_UP", "POST_SCALE_UP",
                                           "POST_SCALE_UP", "PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT",
                                           "PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT",
                                           "PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP"});
  CHECK(d.max_running_count == 16);
}

TEST_CASE("blue-green-manual-approval: traffic waits for ContinueDeployment, then the canary carries 10 %") {
  const Simulation sim = run_shipped("blue-green-manual-approval.yaml");
  const RunSummary r = sim.summary();
  const DeploymentSummary& d = service(r, "orders").deployments.at(0);
  const auto healthy = steps(d, "replacement task set healthy");
  REQUIRE(healthy.size() == 1);
  // Ready as soon as the replacement is healthy; the shift starts at the
  // timeline's continueDeployment (40 min), the rest 15 minutes later.
  CHECK(steps(d, "replacement ready; production traffic waits for ContinueDeployment (at most 60 minutes)") ==
        std::vector<std::pair<double, double>>{{healthy[0].first, 0}});
  CHECK(steps(d, "production traffic shifted") == std::vector<std::pair<double, double>>{{2400, 10}, {3300, 100}});
  CHECK(*d.finished_at == 3300 + 600);
  CHECK(d.rollout_state == "COMPLETED");
  // Service CPU = the average over all 12 tasks (6 per side, 200 requests/s
  // each at 100 %, idle 5 %): waiting, the original takes 800 requests/s
  // (66.7 %) beside the idle replacement; during the canary 720 (60 %) and
  // 80 (6.7 %).
  for (const MetricSample& m : sim.recorder().metrics()) {
    const double at = to_seconds(m.at);
    CAPTURE(at);
    if (at > 720 && at <= 2400) CHECK(m.cpu_utilization == doctest::Approx((6 * 400.0 / 6 + 6 * 5.0) / 12));
    if (at > 2400 && at <= 3300) CHECK(m.cpu_utilization == doctest::Approx((6 * 60.0 + 6 * 20.0 / 3) / 12));
  }
}

TEST_CASE("blue-green-bad-release: no traffic reaches the bad release and the original keeps serving") {
  const Simulation sim = run_shipped("blue-green-bad-release.yaml");
  const RunSummary r = sim.summary();
  for (const char* name : {"checkout-cd", "checkout-ecs"}) {
    CAPTURE(name);
    const ServiceSummary& s = service(r, name);
    REQUIRE(s.deployments.size() == 2);
    CHECK(s.deployments[0].rollout_state == "FAILED");
    CHECK(s.deployments[0].rolled_back);
    CHECK(steps(s.deployments[0], "production traffic shifted").empty());
    CHECK(s.deployments[1].task_definition == "checkout:1");
    CHECK(s.deployments[1].rollout_state == "COMPLETED");
    CHECK(s.healthy_count == 4);
  }
  // CodeDeploy waits 60 minutes for a healthy replacement; the breaker trips
  // at clamp(ceil(0.5 × 4), 3, 200) = 3 failed tasks.
  CHECK(*service(r, "checkout-cd").deployments[0].finished_at == 600 + 3600);
  CHECK(service(r, "checkout-ecs").deployments[0].failed_tasks == 3);
  for (const MetricSample& m : sim.recorder().metrics())
    if (to_seconds(m.at) >= 120) CHECK(m.healthy_count >= 4);
}

TEST_CASE("rolling-vs-blue-green: blue/green takes longer and costs the overlap; both keep 10 healthy") {
  const Simulation sim = run_shipped("rolling-vs-blue-green.yaml");
  const RunSummary r = sim.summary();
  const DeploymentSummary& rolling = service(r, "api-rolling").deployments.at(0);
  const DeploymentSummary& bg = service(r, "api-bluegreen").deployments.at(0);
  CHECK(rolling.max_running_count == 20);  // floor(10 × 200 %)
  CHECK(bg.max_running_count == 20);       // original + replacement
  CHECK(rolling.min_healthy_count == 10);
  CHECK(bg.min_healthy_count == 10);
  // Replacement tasks launch at 600 s, RUNNING at 632 (5 + 2 + 25 s), the app
  // answers 20 s later, so the 15 s target-group check at +30 s passes: 662 s.
  CHECK(steps(bg, "production traffic shifted") ==
        std::vector<std::pair<double, double>>{{662, 10}, {962, 100}});
  CHECK(*bg.finished_at == 962 + 300);
  // Extra cost over the unreleased baseline: 10 more tasks billed from the
  // image pull (607 s) until the originals have drained (60 s) and exited
  // (3 s) after the termination at 1262 s, at $0.04937 per task-hour.
  const double extra = service(r, "api-bluegreen").cost_usd - service(r, "api-baseline").cost_usd;
  CHECK(extra == doctest::Approx(10 * (1262 + 60 + 3 - 607) / 3600.0 * 0.04937).epsilon(1e-4));
  CHECK(service(r, "api-rolling").cost_usd - service(r, "api-baseline").cost_usd < extra);
}

TEST_CASE("the blue/green scenarios give byte-identical outputs for the same seed") {
  for (const char* name : {"blue-green-canary.yaml", "ecs-native-linear.yaml", "blue-green-bad-release.yaml",
                           "rolling-vs-blue-green.yaml", "blue-green-manual-approval.yaml"}) {
    CAPTURE(name);
    const Simulation a = run_shipped(name);
    const Simulation b = run_shipped(name);
    CHECK(summary_json(a.summary()) == summary_json(b.summary()));
    CHECK(events_jsonl(a) == events_jsonl(b));
  }
}

TEST_CASE("a CloudWatch alarm of a StepScaling policy in ALARM fails the CodeDeploy deployment watching it") {
  // web:2 saturates its tasks (10 requests/s each at 100 % CPU): from the
  // first 10 % step (40 requests/s on four tasks) they run at 100 % beside
  // the original's four at 10 %, so the service's average CPU (55 %) passes
  // the alarm's 50 % in the first full one-minute period; the deployment
  // watches that alarm.
  const std::string yaml = R"(name: alarm-rollback
simulation: {duration: 40m, seed: 2}
clusters: [{clusterName: prod, availabilityZones: [us-east-1a, us-east-1b]}]
targetGroups: [{name: web-tg}]
taskDefinitions:
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "512", memory: "1024",
     containerDefinitions: [{name: web, image: web:1, portMappings: [{containerPort: 80}]}]}
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "512", memory: "1024",
     containerDefinitions: [{name: web, image: web:2, portMappings: [{containerPort: 80}]}]}
services:
  - serviceName: web
    cluster: prod
    taskDefinition: "web:1"
    desiredCount: 4
    launchType: FARGATE
    deploymentController: {type: CODE_DEPLOY}
    loadBalancers: [{targetGroupArn: web-tg, containerName: web, containerPort: 80}]
    autoScaling:
      minCapacity: 4
      maxCapacity: 4
      policies:
        - policyName: cpu-high
          policyType: StepScaling
          stepScalingPolicyConfiguration:
            AdjustmentType: ChangeInCapacity
            StepAdjustments: [{MetricIntervalLowerBound: 0, ScalingAdjustment: 1}]
          alarm: {AlarmName: web-cpu-high, MetricName: CPUUtilization, ComparisonOperator: GreaterThanThreshold,
                  Threshold: 50, EvaluationPeriods: 1, Period: 60}
codeDeploy:
  - service: web
    deploymentConfigName: CodeDeployDefault.ECSLinear10PercentEvery1Minutes
    alarmConfiguration: {enabled: true, alarms: [{name: web-cpu-high}]}
behavior:
  - {taskDefinition: "web:1", requestsPerSecondPerTask: 1000}
  - {taskDefinition: "web:2", requestsPerSecondPerTask: 10}
workloads:
  - {service: web, requestsPerSecond: {constant: 400}}
timeline:
  - {at: 10m, updateService: {service: web, taskDefinition: "web:2"}}
)";
  Simulation sim = ecsim::test::run_checked(load_scenario_text(yaml, "alarm.yaml").scenario).sim;
  const RunSummary r = sim.summary();
  const auto& deps = r.services[0].second.deployments;
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].rollout_state == "FAILED");
  CHECK(deps[0].rolled_back);
  REQUIRE(deps[0].finished_at);
  CHECK(*deps[0].finished_at > 600);
  CHECK(*deps[0].finished_at <= 600 + 120);  // the first full one-minute period after the update
  CHECK(deps[1].rollout_state == "COMPLETED");
  CHECK(test::logged_ending(sim, "deployment failed: alarm detected."));
}
