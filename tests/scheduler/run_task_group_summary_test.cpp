// Regression (found by the property tests): two RunTask calls of one group
// with different settings (here a placement strategy) got two runtimes and
// two summary entries of the same name; summary.json's standaloneTasks is an
// object keyed by group, so the second hid the first's tasks and cost. ECS's
// group is the name: one entry with every task of the group.
#include <ecsim/io/output_writers.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "invariants.hpp"

namespace {

constexpr std::string_view yaml = R"(simulation: {duration: 30m}
clusters: [{clusterName: c}]
containerInstances: [{cluster: c, instanceType: m5.large, count: 2}]
taskDefinitions:
  - {family: batch, requiresCompatibilities: [EC2],
     containerDefinitions: [{name: b, image: b:1, cpu: 256, memoryReservation: 256}]}
timeline:
  - {at: 1m, runTask: {cluster: c, taskDefinition: batch, count: 2, launchType: EC2}}
  - {at: 2m, runTask: {cluster: c, taskDefinition: batch, count: 3, launchType: EC2,
                       placementStrategy: [{type: spread, field: instanceId}]}}
)";

}  // namespace

TEST_CASE("RunTask calls of one group with different settings are one group in the summary") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "group.yaml");
  ecsim::Simulation sim(r.scenario);
  sim.run();
  ecsim::test::check_invariants(sim);
  const ecsim::RunSummary summary = sim.summary();
  REQUIRE(summary.standalone_tasks.size() == 1);
  CHECK(summary.standalone_tasks[0].first == "family:batch");
  CHECK(summary.standalone_tasks[0].second.tasks_started == 5);  // 2 + 3, all fit on two m5.large
  CHECK(summary.standalone_tasks[0].second.running_count == 5);

  const auto json = nlohmann::json::parse(ecsim::summary_json(summary));
  CHECK(json["standaloneTasks"].size() == 1);
  CHECK(json["standaloneTasks"]["family:batch"]["tasksStarted"] == 5);
}
