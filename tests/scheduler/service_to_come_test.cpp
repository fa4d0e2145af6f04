// Regressions (found by the property tests): a service whose timeline
// createService is still to come exists in the world from the start (ids
// stay dense) but has no deployment yet. Events before its creation that
// visit every service of the cluster, a zone outage's reconcile and a step
// scaling alarm offered to deployment alarms, read its (missing) primary
// deployment and crashed the run.
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include <string>

#include "invariants.hpp"

namespace {

ecsim::RunSummary run(std::string_view yaml) {
  ecsim::Simulation sim(ecsim::load_scenario_text(yaml, "to-come.yaml").scenario);
  sim.run();
  ecsim::test::check_invariants(sim);
  return sim.summary();
}

}  // namespace

TEST_CASE("a zone outage before a createService leaves the service to come alone") {
  // The only instance is in us-east-1b, out from 5m to 15m; "late" is created
  // at 8m, waits for the zone and starts its task when it is back.
  const ecsim::RunSummary summary = run(R"(simulation: {duration: 30m}
clusters: [{clusterName: c, availabilityZones: [us-east-1a, us-east-1b]}]
containerInstances: [{cluster: c, instanceType: t3.medium, availabilityZone: us-east-1b}]
taskDefinitions:
  - {family: app, networkMode: host, requiresCompatibilities: [EC2],
     containerDefinitions: [{name: main, image: app:1, cpu: 256, memoryReservation: 512}]}
faults: [{type: azOutage, availabilityZone: us-east-1b, at: 5m, duration: 10m}]
timeline:
  - {at: 8m, createService: {serviceName: late, cluster: c, taskDefinition: app, launchType: EC2, desiredCount: 1}}
)");
  REQUIRE(summary.services.size() == 1);
  const ecsim::ServiceSummary late = summary.services[0].second;  // a copy: summary's parts are its own
  CHECK(late.tasks_started == 1);
  CHECK(late.running_count == 1);
}

TEST_CASE("a scaling alarm before a createService leaves the service to come alone") {
  // The alarm is in ALARM from the first minute (idle CPU is 10 %, above 5 %);
  // "late" is created at 10m.
  const ecsim::RunSummary summary = run(R"(simulation: {duration: 20m}
clusters: [{clusterName: c}]
taskDefinitions:
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
     containerDefinitions: [{name: web, image: web:1}]}
services:
  - serviceName: web
    cluster: c
    taskDefinition: web
    launchType: FARGATE
    desiredCount: 1
    autoScaling:
      minCapacity: 1
      maxCapacity: 3
      policies:
        - policyName: out
          stepScalingPolicyConfiguration:
            AdjustmentType: ChangeInCapacity
            StepAdjustments: [{MetricIntervalLowerBound: 0, ScalingAdjustment: 1}]
            Cooldown: 60
          alarm: {MetricName: CPUUtilization, ComparisonOperator: GreaterThanThreshold, Threshold: 5,
                  EvaluationPeriods: 1, Period: 60}
timeline:
  - {at: 10m, createService: {serviceName: late, cluster: c, taskDefinition: web, launchType: FARGATE,
                              desiredCount: 2}}
)");
  REQUIRE(summary.services.size() == 2);
  const ecsim::ServiceSummary web = summary.services[0].second;
  const ecsim::ServiceSummary late = summary.services[1].second;
  CHECK(web.scaling_activities >= 1);  // the alarm fired and scaled web out
  CHECK(web.desired_count == 3);
  CHECK(late.desired_count == 2);
  CHECK(late.tasks_started == 2);
}
