// Loading scenarios: ECS defaults, every-error-at-once reporting, limits and
// --set overrides. Scenarios are small YAML strings, so each expected
// position can be read off the text above it.
#include <ecsim/io/scenario_loader.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

// What load_scenario_text reports, one diagnostic per line; "" when it loads.
std::string load_errors(std::string_view yaml, const ecsim::LoadOptions& options = {}) {
  try {
    ecsim::load_scenario_text(yaml, "s.yaml", options);
  } catch (const ecsim::ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

// A valid Fargate scenario the tests below vary.
constexpr std::string_view fargate_web = R"(simulation: {duration: 1h}
clusters:
  - clusterName: prod
taskDefinitions:
  - family: web
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "0.25 vCPU"
    memory: "512"
    containerDefinitions:
      - name: web
        image: nginx:1.27
        portMappings: [{containerPort: 80}]
        healthCheck: {command: [CMD-SHELL, "true"]}
services:
  - serviceName: web
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
)";

}  // namespace

TEST_CASE("a minimal Fargate service gets the ECS defaults") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(fargate_web);
  const ecsim::Scenario& s = r.scenario;
  CHECK(r.warnings.empty());
  CHECK(s.name == "scenario");
  CHECK(s.simulation.duration == 1h);
  CHECK(s.simulation.seed == 0);
  CHECK(s.simulation.region == "us-east-1");
  CHECK(s.simulation.metrics_interval == 60s);
  REQUIRE(s.clusters.size() == 1);
  CHECK(s.clusters[0].availability_zones == std::vector<std::string>{"us-east-1a", "us-east-1b", "us-east-1c"});

  REQUIRE(s.task_definitions.size() == 1);
  const ecsim::TaskDefinition& td = s.task_definitions[0];
  CHECK(td.revision == 1);
  CHECK(td.cpu == 256);
  CHECK(td.memory == 512);
  CHECK(td.network_mode == ecsim::NetworkMode::awsvpc);
  CHECK(td.ephemeral_storage.size_in_gib == 20);
  REQUIRE(td.container_definitions.size() == 1);
  const ecsim::ContainerDefinition& c = td.container_definitions[0];
  CHECK(c.essential);
  CHECK(c.stop_timeout == 30s);
  CHECK(c.port_mappings[0].protocol == ecsim::TransportProtocol::tcp);
  CHECK_FALSE(c.port_mappings[0].host_port.has_value());
  REQUIRE(c.health_check.has_value());
  CHECK(c.health_check->interval == 30s);
  CHECK(c.health_check->timeout == 5s);
  CHECK(c.health_check->retries == 3);
  CHECK(c.health_check->start_period == 0s);

  REQUIRE(s.services.size() == 1);
  const ecsim::ServiceSpec& svc = s.services[0];
  CHECK(svc.desired_count == 2);
  CHECK(svc.scheduling_strategy == ecsim::SchedulingStrategy::replica);
  CHECK(svc.deployment_controller.type == ecsim::DeploymentControllerType::ecs);
  CHECK(svc.deployment_configuration.minimum_healthy_percent == 100);
  CHECK(svc.deployment_configuration.maximum_percent == 200);
  CHECK_FALSE(svc.deployment_configuration.deployment_circuit_breaker.enable);
  CHECK_FALSE(svc.deployment_configuration.deployment_circuit_breaker.rollback);
  CHECK(svc.deployment_configuration.strategy == ecsim::DeploymentStrategy::rolling);
  CHECK(svc.health_check_grace_period == 0s);
  CHECK(svc.availability_zone_rebalancing == ecsim::Toggle::enabled);
  CHECK(svc.launch_type == ecsim::LaunchType::fargate);
}

TEST_CASE("objects keep the 1-based position they were written at") {
  const ecsim::Scenario s = ecsim::load_scenario_text(fargate_web, "web.yaml").scenario;
  CHECK(s.simulation.where == ecsim::SourceLocation{"web.yaml", 1, 13});
  CHECK(s.task_definitions[0].where == ecsim::SourceLocation{"web.yaml", 5, 5});
  CHECK(s.task_definitions[0].container_definitions[0].where == ecsim::SourceLocation{"web.yaml", 11, 9});
  CHECK(s.services[0].where == ecsim::SourceLocation{"web.yaml", 16, 5});
}

TEST_CASE("a target group gets the ELB defaults, with the timeout by protocol") {
  const ecsim::Scenario s = ecsim::load_scenario_text(R"(simulation: {duration: 1h}
targetGroups:
  - {name: web-tg}
  - {name: nlb-tg, protocol: TCP}
)")
                                .scenario;
  const ecsim::TargetGroupSpec& alb = s.target_groups[0];
  CHECK(alb.protocol == ecsim::TargetGroupProtocol::http);
  CHECK(alb.health_check_interval == 30s);
  CHECK(alb.health_check_timeout == 5s);
  CHECK(alb.healthy_threshold_count == 5);
  CHECK(alb.unhealthy_threshold_count == 2);
  CHECK(alb.deregistration_delay == 300s);
  CHECK(alb.slow_start == 0s);
  CHECK(s.target_groups[1].health_check_timeout == 10s);
}

TEST_CASE("a REPLICA service without desiredCount starts at 0 and says so") {
  std::string yaml(fargate_web);
  yaml.erase(yaml.find("    desiredCount: 2\n"), 20);
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml);
  CHECK(r.scenario.services[0].desired_count == 0);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].text() ==
        "<string>:16:5: warning: services.web: desiredCount is not set; ECS requires it for REPLICA services, so "
        "ecsim starts with 0 tasks");
}

TEST_CASE("a DAEMON service defaults to minimumHealthyPercent 0 and maximumPercent 100") {
  const ecsim::Scenario s = ecsim::load_scenario_text(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - family: agent
    containerDefinitions: [{name: agent, image: agent:1, memory: 128}]
services:
  - {serviceName: agent, cluster: prod, taskDefinition: agent, schedulingStrategy: DAEMON}
)")
                                .scenario;
  const ecsim::ServiceSpec& svc = s.services[0];
  CHECK(svc.deployment_configuration.minimum_healthy_percent == 0);
  CHECK(svc.deployment_configuration.maximum_percent == 100);
  CHECK(svc.launch_type == ecsim::LaunchType::ec2);
  CHECK(s.task_definitions[0].network_mode == ecsim::NetworkMode::bridge);
}

TEST_CASE("a service without launchType takes its cluster's default capacity provider strategy") {
  const ecsim::Scenario s = ecsim::load_scenario_text(R"(simulation: {duration: 1h}
clusters:
  - clusterName: prod
    capacityProviders: [FARGATE, FARGATE_SPOT]
    defaultCapacityProviderStrategy:
      - {capacityProvider: FARGATE, base: 1, weight: 1}
      - {capacityProvider: FARGATE_SPOT, weight: 3}
taskDefinitions:
  - family: web
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "1 GB"
    containerDefinitions: [{name: web, image: nginx}]
services:
  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 4}
)")
                                .scenario;
  const ecsim::ServiceSpec& svc = s.services[0];
  CHECK_FALSE(svc.launch_type.has_value());
  REQUIRE(svc.capacity_provider_strategy.size() == 2);
  CHECK(svc.capacity_provider_strategy[0].capacity_provider == "FARGATE");
  CHECK(svc.capacity_provider_strategy[0].base == 1);
  CHECK(svc.capacity_provider_strategy[1].capacity_provider == "FARGATE_SPOT");
  CHECK(svc.capacity_provider_strategy[1].weight == 3);
  CHECK(s.task_definitions[0].memory == 1024);
}

TEST_CASE("revisions count registrations per family: the list first, then the timeline by time") {
  const ecsim::Scenario s = ecsim::load_scenario_text(R"(simulation: {duration: 2h}
taskDefinitions:
  - {family: web, containerDefinitions: [{name: web, image: web:1, memory: 256}]}
  - {family: job, containerDefinitions: [{name: job, image: job:1, memory: 256}]}
  - {family: web, containerDefinitions: [{name: web, image: web:2, memory: 256}]}
timeline:
  - {at: 50m, registerTaskDefinition: {family: web, containerDefinitions: [{name: web, image: web:4, memory: 256}]}}
  - {at: 20m, registerTaskDefinition: {family: web, containerDefinitions: [{name: web, image: web:3, memory: 256}]}}
)")
                                .scenario;
  CHECK(s.task_definitions[0].revision == 1);
  CHECK(s.task_definitions[1].revision == 1);
  CHECK(s.task_definitions[2].revision == 2);
  const auto& late = std::get<ecsim::RegisterTaskDefinitionAction>(s.timeline[0].action).task_definition;
  const auto& early = std::get<ecsim::RegisterTaskDefinitionAction>(s.timeline[1].action).task_definition;
  CHECK(early.revision == 3);
  CHECK(late.revision == 4);
  CHECK(late.container_definitions[0].image == "web:4");
}

TEST_CASE("every section of the scenario contract loads into its value type") {
  const ecsim::LoadResult r = ecsim::load_scenario_file(ECSIM_SOURCE_DIR "/tests/data/scenarios/all-sections.yaml");
  const ecsim::Scenario& s = r.scenario;
  CHECK(s.name == "all-sections");
  CHECK(s.simulation.seed == 42);
  CHECK(s.simulation.metrics_interval == 30s);

  REQUIRE(s.capacity_providers.size() == 1);
  const ecsim::CapacityProviderSpec& cp = s.capacity_providers[0];
  CHECK(cp.auto_scaling_group_provider.managed_scaling.status == ecsim::Toggle::enabled);
  CHECK(cp.auto_scaling_group_provider.managed_scaling.maximum_scaling_step_size == 10);
  CHECK(cp.auto_scaling_group_provider.managed_scaling.instance_warmup_period == 300s);
  CHECK(cp.auto_scaling_group_provider.managed_draining == ecsim::Toggle::enabled);
  CHECK(cp.auto_scaling_group.instance_type == "c5.large");
  CHECK(cp.auto_scaling_group.desired_capacity == 3);
  CHECK(cp.auto_scaling_group.purchase_option == ecsim::PurchaseOption::spot);
  CHECK(cp.auto_scaling_group.launch_time == 90s);
  CHECK(cp.auto_scaling_group.availability_zones.size() == 3);

  REQUIRE(s.container_instances.size() == 1);
  CHECK(s.container_instances[0].count == 6);
  CHECK(s.container_instances[0].attributes.at("team") == "search");

  const ecsim::ServiceSpec& api = s.services[0];
  CHECK(api.deployment_configuration.deployment_circuit_breaker.enable);
  CHECK(api.deployment_configuration.deployment_circuit_breaker.rollback);
  CHECK(api.health_check_grace_period == 60s);
  CHECK(api.load_balancers[0].target_group_arn == "api-tg");
  REQUIRE(api.auto_scaling.has_value());
  CHECK(api.auto_scaling->min_capacity == 2);
  CHECK(api.auto_scaling->max_capacity == 20);
  const ecsim::ScalingPolicy& cpu70 = api.auto_scaling->policies[0];
  REQUIRE(cpu70.target_tracking_scaling_policy_configuration.has_value());
  CHECK(cpu70.target_tracking_scaling_policy_configuration->target_value == 70.0);
  CHECK(cpu70.target_tracking_scaling_policy_configuration->scale_out_cooldown == 60s);
  CHECK(cpu70.target_tracking_scaling_policy_configuration->scale_in_cooldown == 300s);
  const ecsim::ScalingPolicy& steps = api.auto_scaling->policies[1];
  CHECK(steps.policy_type == ecsim::ScalingPolicyType::step_scaling);
  REQUIRE(steps.step_scaling_policy_configuration.has_value());
  CHECK(steps.step_scaling_policy_configuration->step_adjustments[1].metric_interval_lower_bound == 10.0);
  CHECK(steps.step_scaling_policy_configuration->step_adjustments[1].scaling_adjustment == 3);
  REQUIRE(steps.alarm.has_value());
  CHECK(steps.alarm->threshold == 85.0);

  const ecsim::ServiceSpec& search = s.services[1];
  CHECK(search.launch_type == ecsim::LaunchType::ec2);
  REQUIRE(search.placement_strategy.size() == 2);
  CHECK(search.placement_strategy[1].type == ecsim::PlacementStrategyType::binpack);
  CHECK(search.placement_constraints[1].expression == "attribute:ecs.instance-type =~ c5.*");

  CHECK(s.code_deploy[0].deployment_config_name == "CodeDeployDefault.ECSCanary10Percent5Minutes");
  CHECK(s.code_deploy[0].termination_wait_time == 5min);

  REQUIRE(s.behavior.size() == 2);
  CHECK(s.behavior[0].startup.distribution == ecsim::DistributionKind::lognormal);
  CHECK(s.behavior[0].startup.median == 25s);
  CHECK(s.behavior[0].startup.sigma == 0.3);
  CHECK(s.behavior[0].image_pull.value == 20s);
  CHECK(s.behavior[1].fail_health_checks);

  REQUIRE(s.workloads.size() == 3);
  CHECK(s.workloads[0].requests_per_second.kind == ecsim::LoadModelKind::diurnal);
  CHECK(s.workloads[0].requests_per_second.diurnal.peak_at == 14h);
  CHECK(s.workloads[1].requests_per_second.kind == ecsim::LoadModelKind::csv);
  REQUIRE(s.workloads[1].requests_per_second.steps.size() == 3);
  CHECK(s.workloads[1].requests_per_second.steps[1].at == 90s);
  CHECK(s.workloads[1].requests_per_second.steps[1].value == 450.5);
  CHECK(s.workloads[2].requests_per_second.kind == ecsim::LoadModelKind::constant);
  CHECK(s.workloads[2].requests_per_second.constant == 120.0);

  REQUIRE(s.faults.size() == 3);
  CHECK(s.faults[0].rate_per_task_hour == 0.05);
  CHECK(s.faults[2].type == ecsim::FaultType::az_outage);
  CHECK(s.faults[2].at == 1h);
  CHECK(s.faults[2].duration == 20min);

  REQUIRE(s.timeline.size() == 4);
  const auto& update = std::get<ecsim::UpdateServiceAction>(s.timeline[0].action);
  CHECK(update.task_definition == "api-service:2");
  CHECK(s.timeline[1].at == 55min);
  CHECK(std::get<ecsim::UpdateServiceAction>(s.timeline[1].action).desired_count == 10);
  CHECK(std::get<ecsim::RunTaskAction>(s.timeline[2].action).count == 1);
  CHECK(std::get<ecsim::DeleteServiceAction>(s.timeline[3].action).service == "search");

  CHECK(s.prices.fargate.vcpu_hour == 0.04048);
  CHECK(s.prices.fargate.spot_discount == 0.7);
  CHECK(s.prices.ec2.at("c5.large") == 0.09);
}

TEST_CASE("ARNs in references are reduced to the names the scenario uses") {
  const ecsim::Scenario s = ecsim::load_scenario_text(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
targetGroups: [{name: web-tg}]
taskDefinitions:
  - family: web
    containerDefinitions: [{name: web, image: nginx, memory: 256, portMappings: [{containerPort: 80}]}]
services:
  - serviceName: web
    cluster: arn:aws:ecs:us-east-1:111122223333:cluster/prod
    taskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web:1
    desiredCount: 1
    loadBalancers:
      - {targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/0f1e2d3c4b5a6978",
         containerName: web, containerPort: 80}
)")
                                .scenario;
  CHECK(s.services[0].cluster == "prod");
  CHECK(s.services[0].task_definition == "web:1");
  CHECK(s.services[0].load_balancers[0].target_group_arn == "web-tg");
}

// ---------------------------------------------------------------- errors

TEST_CASE("every problem in a file is reported at once, in file order") {
  const std::string errors = load_errors(R"(simulation:
  duration: 2h
  sed: 4
taskDefinitions:
  - family: web
    containerDefinitions:
      - {name: web, image: nginx, memory: lots}
services:
  - serviceName: web
    cluster: nowhere
    taskDefinition: web
    desiredCont: 3
)");
  // The desiredCount warning (line 9) is not an error, so it stays out of this list.
  CHECK(errors ==
        "s.yaml:3:3: simulation.sed: unknown field 'sed'; did you mean 'seed'?\n"
        "s.yaml:7:43: taskDefinitions.web.containerDefinitions.web.memory: expected an integer, got 'lots'\n"
        "s.yaml:10:14: services.web.cluster: no cluster named 'nowhere'\n"
        "s.yaml:12:5: services.web.desiredCont: unknown field 'desiredCont'; did you mean 'desiredCount'?");
}

TEST_CASE("ScenarioErrors lists each problem with its file, position and field path") {
  try {
    ecsim::load_scenario_text("simulation: {duration: 1h, region: 5, seed: -1}\n", "x.yaml");
    FAIL("expected ScenarioErrors");
  } catch (const ecsim::ScenarioErrors& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const ecsim::Diagnostic& d = e.diagnostics()[0];
    CHECK(d.file == "x.yaml");
    CHECK(d.line == 1);
    CHECK(d.column == 45);
    CHECK(d.field == "simulation.seed");
    CHECK(d.message == "expected a non-negative integer, got '-1'");
    CHECK_FALSE(d.warning);
  }
}

TEST_CASE("an unknown enum value gets a suggestion, or the list of valid values") {
  std::string yaml(fargate_web);
  yaml.replace(yaml.rfind("FARGATE"), 7, "FARGTE");
  CHECK(load_errors(yaml) == "s.yaml:20:17: services.web.launchType: unknown value 'FARGTE'; did you mean 'FARGATE'?");
  yaml.replace(yaml.find("FARGTE"), 6, "LAMBDA");
  CHECK(load_errors(yaml) ==
        "s.yaml:20:17: services.web.launchType: unknown value 'LAMBDA'; expected one of EC2, FARGATE, EXTERNAL");
}

TEST_CASE("a missing required field names the object that lacks it") {
  CHECK(load_errors("simulation: {seed: 1}\n") == "s.yaml:1:13: simulation: missing required field 'duration'");
  CHECK(load_errors("name: x\n") == "s.yaml:1:1: missing required field 'simulation'");
}

TEST_CASE("a duration that does not parse is reported with the reason") {
  CHECK(load_errors("simulation: {duration: 2 hours}\n") ==
        "s.yaml:1:24: simulation.duration: invalid duration '2 hours': expected a number followed by ms, s, m, h "
        "or d (e.g. \"90s\", \"1h30m\") or integer seconds");
}

TEST_CASE("a syntax error is reported with its 1-based line and column") {
  CHECK(load_errors("simulation:\n  duration: [1h\n") == "s.yaml:3:1: syntax error: end of sequence flow not found");
}

TEST_CASE("a field written twice in one map is an error") {
  CHECK(load_errors("simulation: {duration: 1h}\nname: a\nname: b\n") ==
        "s.yaml:3:1: name: field 'name' appears twice (first on line 2)");
}

TEST_CASE("health-check values outside the ECS ranges are rejected") {
  const auto check = [](std::string_view field_and_value) {
    return load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: web
    containerDefinitions:
      - name: web
        image: nginx
        memory: 256
        healthCheck:
          command: [CMD, "true"]
          )" + std::string(field_and_value) +
                       "\n");
  };
  CHECK(check("interval: 4") ==
        "s.yaml:10:21: taskDefinitions.web.containerDefinitions.web.healthCheck.interval: must be between 5 and 300 "
        "seconds, got 4");
  CHECK(check("timeout: 61") ==
        "s.yaml:10:20: taskDefinitions.web.containerDefinitions.web.healthCheck.timeout: must be between 2 and 60 "
        "seconds, got 61");
  CHECK(check("retries: 11") ==
        "s.yaml:10:20: taskDefinitions.web.containerDefinitions.web.healthCheck.retries: must be between 1 and 10, "
        "got 11");
  CHECK(check("startPeriod: 301") ==
        "s.yaml:10:24: taskDefinitions.web.containerDefinitions.web.healthCheck.startPeriod: must be between 0 and "
        "300 seconds, got 301");
  CHECK(check("interval: 300") == "");
}

TEST_CASE("deployment percentages outside the ECS ranges are rejected") {
  const auto check = [](std::string_view config) {
    std::string yaml(fargate_web);
    return load_errors(yaml + "    deploymentConfiguration: " + std::string(config) + "\n");
  };
  CHECK(check("{minimumHealthyPercent: 101}") ==
        "s.yaml:21:54: services.web.deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100, got 101");
  CHECK(check("{maximumPercent: 90}") ==
        "s.yaml:21:47: services.web.deploymentConfiguration.maximumPercent: must be at least 100 for REPLICA "
        "services, got 90");
  CHECK(check("{minimumHealthyPercent: 0, maximumPercent: 100}") == "");
}

TEST_CASE("errors stop after 50 with a final too-many-errors line") {
  std::string yaml = "simulation: {duration: 1h}\nclusters:\n";
  for (int i = 0; i < 60; ++i) yaml += "  - {clusterName: c" + std::to_string(i) + ", colour: red}\n";
  try {
    ecsim::load_scenario_text(yaml, "s.yaml");
    FAIL("expected ScenarioErrors");
  } catch (const ecsim::ScenarioErrors& e) {
    REQUIRE(e.diagnostics().size() == 51);
    CHECK(e.diagnostics()[0].text() == "s.yaml:3:23: clusters.c0.colour: unknown field 'colour'");
    CHECK(e.diagnostics()[49].text() == "s.yaml:52:24: clusters.c49.colour: unknown field 'colour'");
    CHECK(e.diagnostics()[50].text() == "s.yaml: too many errors; stopped after 50");
  }
}

// ---------------------------------------------------------------- field tables

TEST_CASE("fields with nothing to simulate are accepted without a word") {
  std::string yaml(fargate_web);
  yaml.insert(yaml.find("        portMappings"),
              "        environment: [{name: MODE, value: live}]\n"
              "        logConfiguration: {logDriver: awslogs}\n");
  yaml += "    enableExecuteCommand: true\n    propagateTags: SERVICE\n    tags: [{key: team, value: web}]\n";
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml);
  CHECK(r.warnings.empty());
}

TEST_CASE("fields parsed but not simulated yet load with a warning each") {
  std::string yaml(fargate_web);
  yaml +=
      "    serviceConnectConfiguration: {enabled: true}\n"
      "    deploymentController: {type: EXTERNAL}\n"
      "    availabilityZoneRebalancing: DISABLED\n";
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "s.yaml");
  REQUIRE(r.warnings.size() == 3);
  CHECK(r.warnings[0].text() ==
        "s.yaml:21:5: warning: services.web.serviceConnectConfiguration: parsed but not simulated yet; it has no effect on this "
        "run");
  CHECK(r.warnings[1].text() ==
        "s.yaml:22:34: warning: services.web.deploymentController.type: 'EXTERNAL' is parsed but not "
        "simulated yet; it has no effect on this run");
  CHECK(r.warnings[2].text() ==
        "s.yaml:23:5: warning: services.web.availabilityZoneRebalancing: parsed but not simulated "
        "yet; it has no effect on this run");
}

TEST_CASE("blue/green fields load: CodeDeploy custom configuration, lifecycle hooks") {
  std::string yaml(fargate_web);
  yaml +=
      "    loadBalancers:\n"
      "      - {targetGroupArn: web-tg, containerName: web, containerPort: 80,\n"
      "         advancedConfiguration: {productionListenerRule: rule-1, roleArn: role,\n"
      "           alternateTargetGroupArn: \"arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web-tg-green/0123\"}}\n"
      "    deploymentConfiguration:\n"
      "      strategy: CANARY\n"
      "      canaryConfiguration: {canaryPercent: 20, canaryBakeTimeInMinutes: 4}\n"
      "      lifecycleHooks:\n"
      "        - {hookTargetArn: \"arn:aws:lambda:us-east-1:1:function:f\", lifecycleStages: [POST_SCALE_UP],\n"
      "           timeoutConfiguration: {timeoutInMinutes: 3, action: CONTINUE}, duration: 5m, result: FAILED}\n"
      "targetGroups: [{name: web-tg}, {name: web-tg-green}]\n";
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "s.yaml");
  CHECK(r.warnings.empty());
  const ecsim::LoadBalancer& lb = r.scenario.services[0].load_balancers.at(0);
  REQUIRE(lb.advanced_configuration);
  CHECK(lb.advanced_configuration->alternate_target_group_arn == "web-tg-green");  // the ARN's name
  CHECK(lb.advanced_configuration->production_listener_rule == "rule-1");
  const ecsim::DeploymentConfiguration& dc = r.scenario.services[0].deployment_configuration;
  CHECK(dc.strategy == ecsim::DeploymentStrategy::canary);
  CHECK(dc.canary_configuration.canary_percent == 20);
  REQUIRE(dc.lifecycle_hooks.size() == 1);
  const ecsim::LifecycleHook& h = dc.lifecycle_hooks[0];
  CHECK(h.lifecycle_stages == std::vector<ecsim::LifecycleStage>{ecsim::LifecycleStage::post_scale_up});
  CHECK(h.timeout == 3min);
  CHECK(h.timeout_action == ecsim::HookTimeoutAction::continue_deployment);
  CHECK(h.duration == 5min);
  CHECK(h.result == ecsim::HookResult::failed);
}

// ---------------------------------------------------------------- limits

TEST_CASE("an alias bomb is refused before anything walks the expanded tree") {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string name = std::to_string(i);
    const std::string previous = std::to_string(i - 1);
    yaml.append("a").append(name).append(": &a").append(name).append(" [");
    for (int j = 0; j < 10; ++j) yaml.append(j ? ", *a" : "*a").append(previous);
    yaml += "]\n";
  }
  yaml += "simulation: {duration: *a9}\n";  // 10^10 nodes once expanded
  CHECK(load_errors(yaml) ==
        "s.yaml:1:19: the document expands to more than 1000000 nodes (aliases repeat what they name); refusing to "
        "load the file");
}

TEST_CASE("nesting deeper than 64 levels is refused") {
  const std::string deep = "simulation: {duration: 1h}\nname: " + std::string(100, '[') + std::string(100, ']') + "\n";
  CHECK(load_errors(deep) == "s.yaml:2:71: nesting is deeper than the limit of 64 levels; refusing to load the file");
  // Deeper than yaml-cpp's own recursion guard: still a clean error, not a crash.
  const std::string deeper = "x: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CHECK(load_errors(deeper).starts_with("s.yaml:1:"));
  CHECK(load_errors(deeper).ends_with(": nesting is deeper than the limit of 64 levels; refusing to load the file"));
}

TEST_CASE("text over 16 MiB is refused naming the file") {
  const std::string huge = "simulation: {duration: 1h}\n#" + std::string(16u << 20, 'x') + "\n";
  CHECK(load_errors(huge) == "s.yaml: the text is 16777245 bytes, over the limit of 16 MiB");
}

// ---------------------------------------------------------------- overrides

TEST_CASE("--set changes values before validation, naming list items by their name field") {
  ecsim::LoadOptions options;
  options.set = {"services.web.desiredCount=8", "simulation.duration=3h", "simulation.seed=7",
                 "services.web.deploymentConfiguration.maximumPercent=150",
                 "taskDefinitions.web.containerDefinitions.web.healthCheck.retries=5"};
  const ecsim::Scenario s = ecsim::load_scenario_text(fargate_web, "s.yaml", options).scenario;
  CHECK(s.services[0].desired_count == 8);
  CHECK(s.simulation.duration == 3h);
  CHECK(s.simulation.seed == 7);
  CHECK(s.services[0].deployment_configuration.maximum_percent == 150);
  CHECK(s.services[0].deployment_configuration.minimum_healthy_percent == 100);
  CHECK(s.task_definitions[0].container_definitions[0].health_check->retries == 5);
}

TEST_CASE("--seed replaces simulation.seed") {
  ecsim::LoadOptions options;
  options.seed = 99;
  options.set = {"simulation.seed=7"};
  CHECK(ecsim::load_scenario_text(fargate_web, "s.yaml", options).scenario.simulation.seed == 99);
}

TEST_CASE("--set fixes a value the file got wrong, since it applies before validation") {
  std::string yaml(fargate_web);
  yaml.replace(yaml.find("desiredCount: 2"), 15, "desiredCount: two");
  CHECK(load_errors(yaml) == "s.yaml:19:19: services.web.desiredCount: expected an integer, got 'two'");
  ecsim::LoadOptions options;
  options.set = {"services.web.desiredCount=3"};
  CHECK(load_errors(yaml, options) == "");
}

TEST_CASE("--set values are checked like values in the file") {
  ecsim::LoadOptions options;
  options.set = {"services.web.desiredCount=many", "services.web.launchType=FARGTE"};
  CHECK(load_errors(fargate_web, options) ==
        "--set: services.web.desiredCount: expected an integer, got 'many'\n"
        "--set: services.web.launchType: unknown value 'FARGTE'; did you mean 'FARGATE'?");
}

TEST_CASE("--set with a path that names nothing is an error naming the path") {
  const auto error_for = [](std::string set) {
    ecsim::LoadOptions options;
    options.set = {std::move(set)};
    return load_errors(fargate_web, options);
  };
  CHECK(error_for("services.wbe.desiredCount=3") ==
        "--set: services.wbe.desiredCount: 'services' has no item named 'wbe'; did you mean 'web'?");
  CHECK(error_for("services.web.desiredCont=3") ==
        "--set: services.web.desiredCont: unknown field 'desiredCont'; did you mean 'desiredCount'?");
  CHECK(error_for("simulation.duration.hours=3") ==
        "--set: simulation.duration.hours: 'simulation.duration' is a single value, not a section");
  CHECK(error_for("desiredCount") == "--set: expected PATH=VALUE, got 'desiredCount'");
  CHECK(error_for("services..desiredCount=1") == "--set: services..desiredCount: a path needs names between its dots");
}

TEST_CASE("a custom CodeDeploy configuration, test traffic and alarms load") {
  std::string yaml(fargate_web);
  yaml +=
      "    deploymentController: {type: CODE_DEPLOY}\n"
      "    loadBalancers: [{targetGroupArn: web-tg, containerName: web, containerPort: 80}]\n"
      "targetGroups: [{name: web-tg}]\n"
      "codeDeploy:\n"
      "  - service: web\n"
      "    deploymentConfigName: my-canary\n"
      "    trafficRoutingConfig: {type: TimeBasedCanary, timeBasedCanary: {canaryPercentage: 15, canaryInterval: 7}}\n"
      "    testTrafficTime: 3m\n"
      "    alarmConfiguration: {enabled: true, alarms: [{name: p99-latency}]}\n";
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "s.yaml");
  REQUIRE(r.warnings.size() == 1);  // no StepScaling policy defines the alarm
  CHECK(r.warnings[0].text() ==
        "s.yaml:25:5: warning: codeDeploy.web.alarmConfiguration: no StepScaling policy defines alarm "
        "'p99-latency'; ecsim never raises it on its own");
  const ecsim::CodeDeploySpec& cd = r.scenario.code_deploy.at(0);
  CHECK(cd.deployment_config_name == "my-canary");
  REQUIRE(cd.traffic_routing_config);
  CHECK(cd.traffic_routing_config->type == ecsim::TrafficRoutingType::time_based_canary);
  CHECK(cd.traffic_routing_config->percentage == 15);
  CHECK(cd.traffic_routing_config->interval == 7min);
  CHECK(cd.test_traffic_time == 3min);
  CHECK(cd.alarms == std::vector<std::string>{"p99-latency"});
}
