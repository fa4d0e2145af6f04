// Regressions (found by the property tests): an Availability Zone outage
// and EC2 capacity that is not there yet.
// - A task waiting in PROVISIONING for its Auto Scaling group's capacity has
//   no instance and so no zone; an outage of the cluster's first zone counted
//   it lost and stopped it.
// - An instance launched just before its zone's outage registered during it
//   as ACTIVE, and tasks were placed in the zone while it was out; and tasks
//   waiting for capacity were not placed when an outage ended and its
//   instances came back (only a new instance's registration placed them).
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <fmt/format.h>

#include <doctest/doctest.h>

#include <string>

#include "invariants.hpp"

using namespace ecsim;

namespace {

/// Service "web" (1 task) on group asg0: no instance at the start, managed
/// scaling launches two at the first evaluation (60 s), which register 90 s
/// later. `zones` and `outage` complete the scenario.
std::string scenario(std::string_view zones, std::string_view outage) {
  return fmt::format(R"(simulation: {{duration: 30m}}
clusters: [{{clusterName: c, availabilityZones: {}, capacityProviders: [asg0]}}]
capacityProviders:
  - name: asg0
    cluster: c
    autoScalingGroupProvider: {{managedScaling: {{status: ENABLED, instanceWarmupPeriod: 0}}}}
    autoScalingGroup: {{instanceType: m5.large, minSize: 0, maxSize: 2, desiredCapacity: 0, launchTime: 90s}}
taskDefinitions:
  - {{family: web, networkMode: bridge, requiresCompatibilities: [EC2],
     containerDefinitions: [{{name: web, image: web:1, cpu: 256, memoryReservation: 256}}]}}
services:
  - {{serviceName: web, cluster: c, taskDefinition: web, desiredCount: 1,
     capacityProviderStrategy: [{{capacityProvider: asg0, weight: 1}}]}}
faults: [{}]
)",
                     zones, outage);
}

/// When the service's first task left PROVISIONING, in seconds: 5 s after it
/// was placed (EcsAssumptions::fargate_provisioning).
double placed_at(const Simulation& sim) {
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.from == TaskState::provisioning && r.to == TaskState::pending)
      return to_seconds(r.at);
  return -1;
}

}  // namespace

TEST_CASE("a task waiting for Auto Scaling capacity is not lost to an outage of the first zone") {
  // The outage (30 s - 10 min) starts while the task waits; the group launches
  // into us-east-1b, the zone that is up, and the task is placed there.
  Simulation sim(load_scenario_text(scenario("[us-east-1a, us-east-1b]",
                                             "{type: azOutage, availabilityZone: us-east-1a, at: 30s, duration: 10m}"),
                                    "wait.yaml")
                     .scenario);
  sim.run();
  test::check_invariants(sim);
  const ServiceSummary web = sim.summary().services[0].second;  // a copy: summary() is a temporary
  CHECK(web.tasks_lost == 0);
  CHECK(web.tasks_started == 1);
  CHECK(web.running_count == 1);
  CHECK(placed_at(sim) == doctest::Approx(155));  // registered at 60 s + 90 s
}

TEST_CASE("an instance that registers during its zone's outage takes no task until the zone is back") {
  // Launched at 60 s into us-east-1a, the only zone; out from 120 s to 12 min;
  // the instances register at 150 s, inside the outage.
  Simulation sim(load_scenario_text(scenario("[us-east-1a]",
                                             "{type: azOutage, availabilityZone: us-east-1a, at: 2m, duration: 10m}"),
                                    "late.yaml")
                     .scenario);
  sim.run_until(SimTime{Millis{300'000}});
  test::check_world_invariants(sim);  // no task lives in a zone during its outage
  sim.run();
  test::check_invariants(sim);
  CHECK(placed_at(sim) == doctest::Approx(725));  // placed when the zone came back, at 12 min
  const ServiceSummary web = sim.summary().services[0].second;
  CHECK(web.running_count == 1);
}
