// Capacity and fault fields of the scenario: spotInterruptions from a CSV of
// times (resolved like a workload's csv, bad rows located in the CSV),
// spotCapacityUnavailable windows, and mixed instance types in a group.
#include <ecsim/io/scenario_loader.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const std::string scenario_dir = ECSIM_SOURCE_DIR "/tests/data/scenarios";

std::string load_errors(const std::string& path) {
  try {
    ecsim::load_scenario_file(path);
  } catch (const ecsim::ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

/// The errors of a scenario given as text ("" when it loads).
std::string text_errors(const std::string& yaml, const std::string& name) {
  try {
    ecsim::load_scenario_text(yaml, name);
  } catch (const ecsim::ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a spotInterruptions csv loads one time per row, after its time_s header") {
  const ecsim::Scenario s = ecsim::load_scenario_file(scenario_dir + "/spot-times.yaml").scenario;
  REQUIRE(s.faults.size() == 1);
  CHECK(s.faults[0].times == std::vector<ecsim::Millis>{600s, 600s, 1800500ms});
  CHECK(s.faults[0].rate_per_task_hour == 0);
}

TEST_CASE("bad rows of a spotInterruptions csv are errors at their line and column in the CSV") {
  CHECK(load_errors(scenario_dir + "/bad-spot-times.yaml") ==
        scenario_dir + "/traces/bad-spot-times.csv:3:1: faults.0.csv: expected a time in seconds (>= 0), got 'soon'\n" +
            scenario_dir + "/traces/bad-spot-times.csv:4:1: faults.0.csv: times must not decrease from row to row");
}

TEST_CASE("a spotInterruptions fault takes exactly one of the rates or csv") {
  const std::string yaml = R"(simulation: {duration: 1h}
clusters: [{clusterName: prod, capacityProviders: [FARGATE_SPOT]}]
faults:
  - {type: spotInterruptions, capacityProvider: FARGATE_SPOT, ratePerTaskHour: 0.1, csv: x.csv}
  - {type: spotCapacityUnavailable, capacityProvider: FARGATE_SPOT, at: 1h}
  - {type: spotCapacityUnavailable, capacityProvider: FARGATE_SPOT, at: 1h, duration: 5m, notice: 1m}
)";
  const std::string errors = text_errors(yaml, "s.yaml");
  CHECK(errors.find("s.yaml:4:5: faults.0: give one of ratePerTaskHour (Fargate Spot), ratePerInstanceHour (EC2 "
                    "Spot) or csv") != std::string::npos);
  CHECK(errors.find("s.yaml:5:5: faults.1: missing required field 'duration'") != std::string::npos);
  CHECK(errors.find("faults.2.notice: 'notice' does not apply to spotCapacityUnavailable faults") !=
        std::string::npos);
}

TEST_CASE("an Auto Scaling group takes instanceType or instanceTypes, each from the catalog, not both") {
  const std::string head = R"(simulation: {duration: 1h}
clusters: [{clusterName: prod, capacityProviders: [asg]}]
capacityProviders:
  - name: asg
    autoScalingGroup: )";
  auto errors = [&](const std::string& group) { return text_errors(head + group + "\n", "g.yaml"); };
  CHECK(errors("{instanceTypes: [c5.xlarge, m5.large], maxSize: 4}").empty());
  const ecsim::Scenario s =
      ecsim::load_scenario_text(head + "{instanceTypes: [c5.xlarge, m5.large], maxSize: 4}\n", "g.yaml").scenario;
  CHECK(s.capacity_providers[0].auto_scaling_group.types() == std::vector<std::string>{"c5.xlarge", "m5.large"});
  CHECK(errors("{instanceType: c5.large, instanceTypes: [c5.xlarge], maxSize: 4}")
            .find("capacityProviders.asg.autoScalingGroup.instanceType: give instanceType or instanceTypes, not "
                  "both") != std::string::npos);
  CHECK(errors("{instanceTypes: [c5.xlarge, c5.xlarg], maxSize: 4}")
            .find("capacityProviders.asg.autoScalingGroup.instanceTypes.1: unknown instance type 'c5.xlarg'; did you "
                  "mean 'c5.xlarge'?") != std::string::npos);
  CHECK(errors("{instanceTypes: [c5.large, c5.large], maxSize: 4}").find("'c5.large' is listed twice") !=
        std::string::npos);
  CHECK(errors("{maxSize: 4}").find("missing required field 'instanceType'") != std::string::npos);
}

TEST_CASE("an external container instance gives cpu and memory instead of a type; EXTERNAL refuses awsvpc") {
  const std::string head = R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - {family: api, networkMode: awsvpc, containerDefinitions: [{name: api, image: nginx, cpu: 256, memory: 256}]}
services:
  - {serviceName: api, cluster: prod, taskDefinition: api, desiredCount: 1, launchType: EXTERNAL}
containerInstances:
  - )";
  auto errors = [&](const std::string& entry) { return text_errors(head + entry + "\n", "x.yaml"); };
  const std::string ok = errors("{cluster: prod, external: true, cpu: 4096, memory: 16384, count: 3}");
  CHECK(ok.find("networkMode awsvpc, which EXTERNAL (ECS Anywhere) instances do not support") != std::string::npos);
  CHECK(ok.find("containerInstances") == std::string::npos);
  const std::string bad = errors("{cluster: prod, external: true, instanceType: m5.large, memory: 512}");
  CHECK(bad.find("containerInstances.0.instanceType: 'instanceType' does not apply to external instances") !=
        std::string::npos);
  CHECK(bad.find("containerInstances.0: missing required field 'cpu'") != std::string::npos);
}
