// Standalone tasks (timeline runTask) and services created or deleted by the
// timeline, as an operator would check them in the outputs.
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include "invariants.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ecsim;
using namespace ecsim::test;

namespace {

// One m5.large (2 vCPU = 2048 CPU units) and a 1-vCPU migration task that
// exits after 2 minutes; a Fargate service "web".
const char* const base_yaml = R"(simulation: {duration: 30m, seed: 3}
clusters:
  - clusterName: production
    availabilityZones: [us-east-1a, us-east-1b]
containerInstances:
  - {cluster: production, instanceType: m5.large, count: 1}
taskDefinitions:
  - family: migrate
    requiresCompatibilities: [EC2]
    cpu: "1024"
    memory: "1024"
    containerDefinitions:
      - {name: migrate, image: "migrate:1", memoryReservation: 1024}
  - family: web
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "512"
    containerDefinitions:
      - {name: web, image: "web:1"}
behavior:
  - {taskDefinition: migrate, exitAfter: 2m}
services:
  - {serviceName: web, cluster: production, taskDefinition: web, desiredCount: 2, launchType: FARGATE}
timeline:
)";

Simulation run(const std::string& timeline) {
  LoadResult r = load_scenario_text(std::string(base_yaml) + timeline, "s.yaml");
  CHECK(r.warnings.empty());  // simulated, so no "not simulated yet" warning
  Simulation sim = ecsim::test::run_checked(std::move(r.scenario)).sim;
  return sim;
}

}  // namespace

TEST_CASE("runTask places what fits, reports the rest as RunTask failures, and never replaces its tasks") {
  const Simulation sim = run("  - {at: 5m, runTask: {cluster: production, taskDefinition: migrate, count: 3}}\n");
  const RunSummary s = sim.summary();
  REQUIRE(s.standalone_tasks.size() == 1);
  const auto& [group, g] = s.standalone_tasks.front();
  CHECK(group == "family:migrate");
  CHECK(g.tasks_started == 2);  // two 1-vCPU tasks fill the m5.large
  CHECK(g.placement_failures == 1);
  CHECK(g.tasks_stopped == 2);  // both exited after 2 minutes, nothing replaced them
  CHECK(g.running_count == 0);
  int failures = 0;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::placement_failure) {
      ++failures;
      CHECK(to_seconds(r.at) == doctest::Approx(300));
      CHECK(std::string(sim.recorder().text(r)).find("(group family:migrate) RunTask failure: RESOURCE:CPU") == 0);
    }
  CHECK(failures == 1);
  // The group is not a service.
  REQUIRE(s.services.size() == 1);
  CHECK(s.services.front().first == "web");
}

TEST_CASE("a standalone task that fails its health checks keeps running") {
  const std::string yaml = std::string(base_yaml) +
                           "  - {at: 1m, runTask: {cluster: production, taskDefinition: checked, count: 1}}\n";
  std::string with_check = yaml;
  with_check.insert(with_check.find("behavior:"),
                    "  - family: checked\n"
                    "    requiresCompatibilities: [EC2]\n"
                    "    containerDefinitions:\n"
                    "      - name: app\n"
                    "        image: app:1\n"
                    "        memoryReservation: 256\n"
                    "        healthCheck: {command: [CMD-SHELL, exit 1], interval: 10, retries: 3}\n");
  with_check.insert(with_check.find("services:"), "  - {taskDefinition: checked, failHealthChecks: true}\n");
  LoadResult r = load_scenario_text(with_check, "s.yaml");
  Simulation sim = ecsim::test::run_checked(std::move(r.scenario)).sim;
  const StandaloneSummary g = sim.summary().standalone_tasks.at(0).second;  // a copy: summary() is a temporary
  CHECK(g.tasks_started == 1);
  CHECK(g.running_count == 1);
  CHECK(g.tasks_stopped == 0);
}

TEST_CASE("createService adds a service at its time; deleteService scales one to 0") {
  const Simulation sim = run(
      "  - {at: 10m, createService: {serviceName: late, cluster: production, taskDefinition: web, desiredCount: 1, "
      "launchType: FARGATE}}\n"
      "  - {at: 20m, deleteService: {service: web, force: true}}\n");
  const RunSummary s = sim.summary();
  REQUIRE(s.services.size() == 2);
  CHECK(s.services[1].first == "late");
  CHECK(s.services[1].second.running_count == 1);
  CHECK(s.services[0].second.desired_count == 0);
  CHECK(s.services[0].second.running_count == 0);
  CHECK(s.services[0].second.tasks_stopped == 2);
  // No metrics for "late" before it existed; every row after 10 m has it.
  for (const MetricSample& m : sim.recorder().metrics())
    if (sim.service_name(m.service) == "late") CHECK(to_seconds(m.at) >= 600);
}
