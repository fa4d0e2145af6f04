// `file:` entries: real ECS JSON in the shapes the AWS CLI reads and prints,
// spliced into a scenario, with errors located inside the JSON file.
#include <ecsim/io/scenario_loader.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const std::string json_dir = ECSIM_SOURCE_DIR "/tests/data/ecs-json";
const std::string scenario_dir = ECSIM_SOURCE_DIR "/tests/data/scenarios";

std::string file_errors(const std::string& path, const ecsim::LoadOptions& options = {}) {
  try {
    ecsim::load_scenario_file(path, options);
  } catch (const ecsim::ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

const ecsim::TaskDefinition& family(const ecsim::Scenario& s, std::string_view name) {
  const auto it = std::find_if(s.task_definitions.begin(), s.task_definitions.end(),
                               [&](const ecsim::TaskDefinition& td) { return td.family == name; });
  REQUIRE(it != s.task_definitions.end());
  return *it;
}

}  // namespace

TEST_CASE("register-task-definition input loads through file:") {
  const ecsim::Scenario s = ecsim::load_scenario_file(json_dir + "/scenario.yaml").scenario;
  const ecsim::TaskDefinition& td = family(s, "checkout");
  CHECK(td.revision == 1);
  CHECK(td.cpu == 1024);
  CHECK(td.memory == 2048);
  CHECK(td.network_mode == ecsim::NetworkMode::awsvpc);
  CHECK(td.requires_compatibilities == std::vector<ecsim::LaunchType>{ecsim::LaunchType::fargate});
  CHECK(td.runtime_platform.cpu_architecture == ecsim::CpuArchitecture::arm64);
  REQUIRE(td.container_definitions.size() == 2);
  const ecsim::ContainerDefinition& app = td.container_definitions[0];
  CHECK(app.port_mappings[0].container_port == 9000);
  CHECK(app.port_mappings[0].host_port == 9000);
  REQUIRE(app.health_check.has_value());
  CHECK(app.health_check->interval == 15s);
  CHECK(app.health_check->timeout == 4s);
  CHECK(app.health_check->retries == 2);
  CHECK(app.health_check->start_period == 45s);
  REQUIRE(app.depends_on.size() == 1);
  CHECK(app.depends_on[0].container_name == "envoy");
  CHECK(app.depends_on[0].condition == ecsim::DependencyCondition::healthy);
  CHECK(td.container_definitions[1].memory_reservation == 128);
  CHECK(td.where.file == json_dir + "/register-task-definition.json");
  CHECK(td.where.line == 1);
}

TEST_CASE("describe-task-definition output loads through file: and keeps its revision") {
  const ecsim::Scenario s = ecsim::load_scenario_file(json_dir + "/scenario.yaml").scenario;
  const ecsim::TaskDefinition& td = family(s, "ledger");
  CHECK(td.revision == 7);
  CHECK(td.network_mode == ecsim::NetworkMode::bridge);
  CHECK_FALSE(td.cpu.has_value());
  REQUIRE(td.container_definitions.size() == 1);
  CHECK(td.container_definitions[0].cpu == 256);
  CHECK(td.container_definitions[0].memory == 900);
  CHECK(td.container_definitions[0].port_mappings[0].host_port == 0);
  CHECK(td.container_definitions[0].stop_timeout == 75s);
  CHECK(td.where.line == 2);
  CHECK(s.services[1].task_definition == "ledger:7");
}

TEST_CASE("describe-services output loads through file: with its read-only fields ignored") {
  const ecsim::LoadResult r = ecsim::load_scenario_file(json_dir + "/scenario.yaml");
  const ecsim::Scenario& s = r.scenario;
  REQUIRE(s.services.size() == 2);
  const ecsim::ServiceSpec& svc = s.services[0];
  CHECK(svc.service_name == "checkout");
  CHECK(svc.cluster == "payments");
  CHECK(svc.task_definition == "checkout:1");
  CHECK(svc.desired_count == 6);
  CHECK(svc.launch_type == ecsim::LaunchType::fargate);
  CHECK(svc.deployment_configuration.minimum_healthy_percent == 50);
  CHECK(svc.deployment_configuration.maximum_percent == 150);
  CHECK(svc.deployment_configuration.deployment_circuit_breaker.enable);
  CHECK(svc.health_check_grace_period == 90s);
  CHECK(svc.load_balancers[0].target_group_arn == "checkout-tg");
  CHECK(svc.where == ecsim::SourceLocation{json_dir + "/describe-services.json", 3, 9});
  // Only what ecsim cannot simulate yet is worth a word; empty lists and
  // read-only fields (events, deployments, runningCount...) pass quietly.
  std::vector<std::string> texts;
  for (const auto& w : r.warnings) {
    CHECK(w.message.find("not simulated yet") != std::string::npos);
    texts.push_back(w.text());
  }
  CHECK(std::count(texts.begin(), texts.end(),
                   json_dir +
                       "/describe-services.json:65:13: warning: "
                       "services.checkout.availabilityZoneRebalancing: parsed but not simulated yet; it "
                       "has no effect on this run") == 1);
}

TEST_CASE("a timeline registerTaskDefinition takes a file: entry too") {
  const ecsim::Scenario s = ecsim::load_scenario_file(json_dir + "/scenario.yaml").scenario;
  const auto& reg = std::get<ecsim::RegisterTaskDefinitionAction>(s.timeline[0].action);
  CHECK(reg.task_definition.family == "checkout");
  CHECK(reg.task_definition.revision == 2);
  CHECK(reg.task_definition.container_definitions[0].image == "checkout:4.3.0");
}

TEST_CASE("--set reaches into a service loaded from JSON") {
  ecsim::LoadOptions options;
  options.set = {"services.checkout.desiredCount=9", "taskDefinitions.ledger.containerDefinitions.ledger.memory=700"};
  const ecsim::Scenario s = ecsim::load_scenario_file(json_dir + "/scenario.yaml", options).scenario;
  CHECK(s.services[0].desired_count == 9);
  CHECK(family(s, "ledger").container_definitions[0].memory == 700);
}

TEST_CASE("errors inside a file: entry point at that file's lines and columns") {
  CHECK(file_errors(json_dir + "/bad.yaml") ==
        json_dir +
            "/bad-task-definition.json:6:13: taskDefinitions.broken.memory: Fargate does not support cpu 256 "
            "with memory 4096 MiB; valid memory values for cpu 256 are 512, 1024, 2048 MiB\n" +
            json_dir +
            "/bad-task-definition.json:11:7: taskDefinitions.broken.containerDefinitions.app.essentail: "
            "unknown field 'essentail'; did you mean 'essential'?\n" +
            json_dir +
            "/bad-task-definition.json:12:62: taskDefinitions.broken.containerDefinitions.app.healthCheck."
            "retries: must be between 1 and 10, got 12");
}

TEST_CASE("a file: path may not leave the scenario's folder") {
  CHECK(file_errors(scenario_dir + "/escape.yaml") ==
        scenario_dir +
            "/escape.yaml:3:11: taskDefinitions.0.file: '../ecs-json/register-task-definition.json' is "
            "outside the scenario's folder; files must be in it");
}

TEST_CASE("a file: entry naming no file is reported where it is written") {
  const std::string f = scenario_dir + "/missing-file.yaml";
  CHECK(file_errors(f) == f + ":3:11: taskDefinitions.0.file: file 'taskdefs/nowhere.json' not found\n" + f +
                              ":4:11: taskDefinitions.1.file: file 'register.json' not found\n" + f +
                              ":5:5: taskDefinitions.1.registry: a 'file:' entry takes no other fields");
}

TEST_CASE("a scenario file that does not exist is a located error, not a crash") {
  CHECK(file_errors(scenario_dir + "/no-such-scenario.yaml") ==
        scenario_dir + "/no-such-scenario.yaml: file not found");
}

TEST_CASE("a CSV trace loads as workload steps, its errors located in the CSV") {
  CHECK(file_errors(scenario_dir + "/bad-trace.yaml") ==
        scenario_dir + "/traces/bad.csv:3:5: workloads.web.requestsPerSecond.csv: expected a value >= 0, got 'lots'\n" +
            scenario_dir +
            "/traces/bad.csv:4:1: workloads.web.requestsPerSecond.csv: times must increase from row to row");
}
