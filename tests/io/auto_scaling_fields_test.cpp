// Loading the Service Auto Scaling and workload fields this build simulates:
// scheduled actions, alarm statistics, noise; bad values name file, line,
// column and field path.
#include <ecsim/io/scenario_loader.hpp>

#include <doctest/doctest.h>

#include "io/load_errors.hpp"

#include <string>

namespace {

std::string load_errors(std::string_view yaml) { return ecsim::test::load_errors(yaml, {}, "a.yaml"); }

// Lines 1-11: a Fargate service "web"; its autoScaling block opens on line 12.
const std::string base = std::string(ecsim::test::fargate_web_head) +
                         R"(  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 2, launchType: FARGATE,
     autoScaling: {minCapacity: 1, maxCapacity: 4,
)";

std::string with(std::string_view more) { return base + std::string(more); }

}  // namespace

TEST_CASE("scheduled actions and step alarms load as written") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(with(R"y(       scheduledActions: [{scheduledActionName: up, schedule: "cron(0 8 ? * MON-FRI *)",
                           scalableTargetAction: {MinCapacity: 3}}],
       policies: [{policyName: s, stepScalingPolicyConfiguration: {AdjustmentType: ExactCapacity,
                     StepAdjustments: [{MetricIntervalLowerBound: 0, ScalingAdjustment: 4}]},
                   alarm: {MetricName: MemoryUtilization, ComparisonOperator: GreaterThanThreshold,
                           Threshold: 80, Period: 120, Statistic: Maximum, AlarmName: mem-high}}]}}
workloads: [{service: web, requestsPerSecond: 100, noise: {stddev: 0.1, interval: 5m}, weekly: {SAT: 0.5}}]
)y"),
                                                        "a.yaml");
  const ecsim::AutoScalingSpec& as = *r.scenario.services[0].auto_scaling;
  REQUIRE(as.scheduled_actions.size() == 1);
  CHECK(as.scheduled_actions[0].schedule == "cron(0 8 ? * MON-FRI *)");
  CHECK(as.scheduled_actions[0].min_capacity == 3);
  CHECK_FALSE(as.scheduled_actions[0].max_capacity);
  const ecsim::ScalingAlarm& al = *as.policies[0].alarm;
  CHECK(al.statistic == ecsim::AlarmStatistic::maximum);
  CHECK(al.alarm_name == "mem-high");
  CHECK(al.period == ecsim::Millis{120'000});
  CHECK(r.scenario.workloads[0].noise.stddev == 0.1);
  CHECK(r.scenario.workloads[0].noise.interval == ecsim::Millis{300'000});
  CHECK(r.scenario.workloads[0].weekly.factor[6] == 0.5);  // SAT
  CHECK(r.scenario.workloads[0].weekly.factor[1] == 1.0);  // MON: not named
  for (const ecsim::Diagnostic& d : r.warnings) CHECK(d.text().find("not simulated") == std::string::npos);
}

TEST_CASE("a bad schedule is an error at its line with the reason") {
  CHECK(load_errors(with(R"y(       scheduledActions: [{scheduledActionName: up, schedule: "cron(0 8 * * *)",
                           scalableTargetAction: {MinCapacity: 3}}]}}
)y")) == "a.yaml:13:63: services.web.autoScaling.scheduledActions.up.schedule: cron needs 6 fields: Minutes Hours "
        "Day-of-month Month Day-of-week Year");
  CHECK(load_errors(with(R"y(       scheduledActions: [{scheduledActionName: up, schedule: "cron(0 8 L * ? *)",
                           scalableTargetAction: {MinCapacity: 3}}]}}
)y")).find("(L, W and # forms) is not supported") != std::string::npos);
  CHECK(load_errors(with(R"y(       scheduledActions: [{scheduledActionName: up, schedule: "rate(5 minutes)",
                           scalableTargetAction: {}}]}}
)y")).find("give MinCapacity, MaxCapacity or both") != std::string::npos);
}

TEST_CASE("an alarm period that is not whole minutes is refused: ECS metrics are one-minute") {
  const std::string e = load_errors(with(R"y(       policies: [{policyName: s, stepScalingPolicyConfiguration: {AdjustmentType: ChangeInCapacity,
                     StepAdjustments: [{MetricIntervalLowerBound: 0, ScalingAdjustment: 1}]},
                   alarm: {ComparisonOperator: GreaterThanThreshold, Threshold: 80, Period: 30}}]}}
)y"));
  CHECK(e.find("a.yaml:15:") == 0);
  CHECK(e.find("services.web.autoScaling.policies.s.alarm.Period: ECS service metrics have one-minute datapoints") !=
        std::string::npos);
}
