// Cross-object rules checked after reading: references, ECS rules tying
// fields together, dependsOn cycles. Each rule gets a failing scenario and
// the exact message a user would see.
#include <ecsim/io/scenario_loader.hpp>

#include <doctest/doctest.h>

#include <algorithm>

#include <string>
#include <variant>

namespace {

std::string load_errors(std::string_view yaml) {
  try {
    ecsim::load_scenario_text(yaml, "v.yaml");
  } catch (const ecsim::ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> load_warnings(std::string_view yaml) {
  std::vector<std::string> out;
  for (const ecsim::Diagnostic& d : ecsim::load_scenario_text(yaml, "v.yaml").warnings) out.push_back(d.text());
  return out;
}

// Lines 1-8: a cluster, a Fargate task definition and a target group.
constexpr std::string_view base = R"(simulation: {duration: 1h}
clusters: [{clusterName: prod, capacityProviders: [FARGATE, FARGATE_SPOT]}]
targetGroups: [{name: web-tg}]
taskDefinitions:
  - family: web
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "512"
    containerDefinitions: [{name: web, image: nginx, portMappings: [{containerPort: 80}]}]
)";

// base plus lines from 11 on.
std::string with(std::string_view more) { return std::string(base) + std::string(more); }

}  // namespace

TEST_CASE("a service naming a missing cluster, task definition or target group is rejected with suggestions") {
  CHECK(load_errors(with(R"(services:
  - serviceName: web
    cluster: prd
    taskDefinition: webb
    desiredCount: 1
    launchType: FARGATE
    loadBalancers: [{targetGroupArn: web-gt, containerName: web, containerPort: 80}]
)")) == "v.yaml:13:14: services.web.cluster: no cluster named 'prd'; did you mean 'prod'?\n"
        "v.yaml:14:21: services.web.taskDefinition: no task definition 'webb'; did you mean 'web'?\n"
        "v.yaml:17:38: services.web.loadBalancers.0.targetGroupArn: no target group named 'web-gt'; did you mean "
        "'web-tg'?");
}

TEST_CASE("a task definition revision must exist when it is used") {
  CHECK(load_errors(with(R"(services:
  - {serviceName: web, cluster: prod, taskDefinition: "web:2", desiredCount: 1, launchType: FARGATE}
)")) == "v.yaml:12:55: services.web.taskDefinition: task definition 'web' has no revision 2 (revisions: 1)");
  CHECK(load_errors(with(R"(services:
  - {serviceName: web, cluster: prod, taskDefinition: "web:2", desiredCount: 1, launchType: FARGATE}
timeline:
  - {at: 20m, registerTaskDefinition: {family: web, containerDefinitions: [{name: web, image: nginx:2}],
      networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512"}}
)")) == "v.yaml:12:55: services.web.taskDefinition: task definition 'web:2' is only registered at 20m, later than "
        "this");
}

TEST_CASE("a capacity provider strategy follows the ECS rules") {
  SUBCASE("providers must exist") {
    CHECK(load_errors(with(R"(services:
  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 1,
     capacityProviderStrategy: [{capacityProvider: FARGATE_SPOTT, weight: 1}]}
)")) == "v.yaml:13:52: services.web.capacityProviderStrategy.0.capacityProvider: no capacity provider named "
        "'FARGATE_SPOTT'; did you mean 'FARGATE_SPOT'?");
  }
  SUBCASE("providers must be associated with the service's cluster") {
    CHECK(load_errors(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
     containerDefinitions: [{name: web, image: nginx}]}
services:
  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 1,
     capacityProviderStrategy: [{capacityProvider: FARGATE, weight: 1}]}
)") == "v.yaml:8:52: services.web.capacityProviderStrategy.0.capacityProvider: capacity provider 'FARGATE' is not "
       "associated with cluster 'prod' (list it in the cluster's capacityProviders)");
  }
  SUBCASE("some weight must be above 0 and only one item may set base") {
    CHECK(load_errors(with(R"(services:
  - serviceName: web
    cluster: prod
    taskDefinition: web
    desiredCount: 1
    capacityProviderStrategy:
      - {capacityProvider: FARGATE, base: 1}
      - {capacityProvider: FARGATE_SPOT, base: 2}
)")) == "v.yaml:17:7: services.web.capacityProviderStrategy: at least one capacity provider needs a weight above 0 "
        "(weight defaults to 0)\n"
        "v.yaml:18:48: services.web.capacityProviderStrategy.1.base: only one capacity provider in a strategy may "
        "set base");
  }
  SUBCASE("launchType and capacityProviderStrategy exclude each other") {
    CHECK(load_errors(with(R"(services:
  - serviceName: web
    cluster: prod
    taskDefinition: web
    desiredCount: 1
    launchType: FARGATE
    capacityProviderStrategy: [{capacityProvider: FARGATE, weight: 1}]
)")) == "v.yaml:16:17: services.web.launchType: launchType and capacityProviderStrategy cannot both be set; ECS "
        "rejects that");
  }
}

TEST_CASE("a dependsOn cycle is reported with the containers on it") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: app
    memory: "1024"
    containerDefinitions:
      - name: web
        image: web
        dependsOn: [{containerName: sidecar, condition: START}]
      - name: proxy
        image: proxy
        essential: false
      - name: sidecar
        image: sidecar
        essential: false
        dependsOn: [{containerName: proxy, condition: START}, {containerName: web, condition: START}]
)") == "v.yaml:8:20: taskDefinitions.app.containerDefinitions.web.dependsOn: dependsOn cycle: web -> sidecar -> web");
}

TEST_CASE("dependsOn conditions follow the ECS rules") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: app
    memory: "1024"
    containerDefinitions:
      - name: web
        image: web
        dependsOn:
          - {containerName: migrate, condition: SUCCESS}
          - {containerName: cache, condition: HEALTHY}
          - {containerName: cahce, condition: START}
      - {name: migrate, image: migrate}
      - {name: cache, image: redis, essential: false}
)") == "v.yaml:9:49: taskDefinitions.app.containerDefinitions.web.dependsOn.migrate.condition: condition SUCCESS is "
       "not allowed on an essential container ('migrate' is essential)\n"
       "v.yaml:10:47: taskDefinitions.app.containerDefinitions.web.dependsOn.cache.condition: condition HEALTHY "
       "needs a healthCheck on 'cache'\n"
       "v.yaml:11:29: taskDefinitions.app.containerDefinitions.web.dependsOn.cahce.containerName: no container named "
       "'cahce' in this task definition; did you mean 'cache'?");
}

TEST_CASE("a task definition needs an essential container") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: app
    memory: "1024"
    containerDefinitions:
      - {name: a, image: a, essential: false}
      - {name: b, image: b, essential: false}
)") == "v.yaml:6:7: taskDefinitions.app.containerDefinitions: a task definition needs at least one essential "
       "container");
}

TEST_CASE("Fargate task definitions need awsvpc and a size Fargate offers") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: small
    networkMode: bridge
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "4 GB"
    containerDefinitions: [{name: app, image: app}]
  - family: odd
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "768"
    memory: "2048"
    containerDefinitions: [{name: app, image: app}]
  - family: unsized
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    containerDefinitions: [{name: app, image: app, memory: 512}]
)") == "v.yaml:4:18: taskDefinitions.small.networkMode: Fargate requires networkMode awsvpc\n"
       "v.yaml:7:13: taskDefinitions.small.memory: Fargate does not support cpu 256 with memory 4096 MiB; valid "
       "memory values for cpu 256 are 512, 1024, 2048 MiB\n"
       "v.yaml:12:10: taskDefinitions.odd.cpu: Fargate does not support cpu 768; valid cpu values are 256, 512, "
       "1024, 2048, 4096, 8192, 16384\n"
       "v.yaml:15:5: taskDefinitions.unsized.cpu: Fargate requires a task-level cpu\n"
       "v.yaml:15:5: taskDefinitions.unsized.memory: Fargate requires a task-level memory");
}

TEST_CASE("a Fargate service needs a Fargate task definition and no placement rules") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - {family: classic, containerDefinitions: [{name: app, image: app, memory: 256}]}
services:
  - serviceName: app
    cluster: prod
    taskDefinition: classic
    desiredCount: 1
    launchType: FARGATE
    placementStrategy: [{type: binpack, field: memory}]
)") == "v.yaml:8:21: services.app.taskDefinition: task definition 'classic' cannot run on Fargate: add FARGATE to "
       "its requiresCompatibilities (with networkMode awsvpc and task-level cpu and memory)\n"
       "v.yaml:11:24: services.app.placementStrategy: placement strategies are not supported on Fargate");
}

TEST_CASE("placement strategies need the field their type reads") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - {family: app, containerDefinitions: [{name: app, image: app, memory: 256}]}
services:
  - serviceName: app
    cluster: prod
    taskDefinition: app
    desiredCount: 1
    placementStrategy: [{type: binpack, field: disk}, {type: spread}]
    placementConstraints: [{type: memberOf}]
)") == "v.yaml:10:48: services.app.placementStrategy.0.field: binpack needs field cpu or memory, got 'disk'\n"
       "v.yaml:10:55: services.app.placementStrategy.1.field: spread needs field instanceId, host or attribute:NAME "
       "(e.g. attribute:ecs.availability-zone)\n"
       "v.yaml:11:28: services.app.placementConstraints.0.expression: memberOf needs an expression");
}

TEST_CASE("scheduling and deployment options follow the ECS rules") {
  CHECK(load_errors(with(R"(services:
  - serviceName: agent
    cluster: prod
    taskDefinition: web
    launchType: FARGATE
    schedulingStrategy: DAEMON
  - serviceName: blue
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentController: {type: CODE_DEPLOY}
    deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: false}}
)")) == "v.yaml:16:25: services.agent.schedulingStrategy: DAEMON services cannot run on Fargate\n"
        "v.yaml:17:5: services.blue.loadBalancers: a CODE_DEPLOY service needs a load balancer target group\n"
        "v.yaml:23:66: services.blue.deploymentConfiguration.deploymentCircuitBreaker.enable: the circuit breaker "
        "needs deploymentController ECS");
}

TEST_CASE("a load balancer must name a container port of the task definition") {
  CHECK(load_errors(with(R"(services:
  - serviceName: web
    cluster: prod
    taskDefinition: web
    desiredCount: 1
    launchType: FARGATE
    loadBalancers:
      - {targetGroupArn: web-tg, containerName: wbe, containerPort: 80}
      - {targetGroupArn: web-tg, containerName: web, containerPort: 8080}
)")) == "v.yaml:18:49: services.web.loadBalancers.0.containerName: task definition 'web' has no container named 'wbe'; "
        "did you mean 'web'?\n"
        "v.yaml:19:69: services.web.loadBalancers.1.containerPort: container 'web' has no port mapping for port 8080");
}

TEST_CASE("names must be unique within their section") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
clusters:
  - clusterName: prod
  - clusterName: prod
)") == "v.yaml:4:18: clusters.prod.clusterName: duplicate cluster 'prod' (also at line 3)");
}

TEST_CASE("instance types come from the catalog") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
containerInstances:
  - {cluster: prod, instanceType: m5.xlarg, count: 2}
)") == "v.yaml:4:35: containerInstances.0.instanceType: unknown instance type 'm5.xlarg'; did you mean 'm5.xlarge'?");
}

TEST_CASE("behavior, workloads and codeDeploy entries must name what exists") {
  CHECK(load_errors(with(R"(services:
  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 1, launchType: FARGATE}
behavior:
  - {taskDefinition: wbe, failHealthChecks: true}
workloads:
  - {service: webb, requestsPerSecond: {constant: 100}}
codeDeploy:
  - {service: web, deploymentConfigName: CodeDeployDefault.ECSAllAtOnce}
)")) == "v.yaml:14:22: behavior.wbe.taskDefinition: no task definition 'wbe'; did you mean 'web'?\n"
        "v.yaml:16:15: workloads.webb.service: no service named 'webb'; did you mean 'web'?\n"
        "v.yaml:18:15: codeDeploy.web.service: service 'web' does not use deploymentController CODE_DEPLOY");
}

TEST_CASE("faults must target Spot capacity and zones the clusters use") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
clusters: [{clusterName: prod, capacityProviders: [ec2]}]
capacityProviders:
  - {name: ec2, cluster: prod, autoScalingGroup: {instanceType: c5.large, maxSize: 4}}
faults:
  - {type: spotInterruptions, capacityProvider: ec2, ratePerInstanceHour: 0.1}
  - {type: azOutage, availabilityZone: us-east-1z, at: 10m, duration: 5m}
  - {type: azOutage, availabilityZone: us-east-1a, at: 10m}
)") == "v.yaml:6:49: faults.0.capacityProvider: capacity provider 'ec2' runs on-demand instances; Spot interruptions "
       "need purchaseOption spot (or FARGATE_SPOT)\n"
       "v.yaml:7:40: faults.1.availabilityZone: no cluster uses Availability Zone 'us-east-1z'; did you mean "
       "'us-east-1a'?\n"
       "v.yaml:8:5: faults.2: missing required field 'duration'");
}

TEST_CASE("timeline actions must name services that exist by then") {
  CHECK(load_errors(with(R"(timeline:
  - {at: 5m, updateService: {service: web, desiredCount: 3}}
  - {at: 10m, createService: {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 1,
                              launchType: FARGATE}}
  - {at: 20m, deleteService: {service: api}}
)")) == "v.yaml:12:39: timeline.0.updateService.service: no service named 'web' exists at 5m\n"
        "v.yaml:15:40: timeline.2.deleteService.service: no service named 'api' exists at 20m");
}

TEST_CASE("a timeline action after the end of the simulation is a warning") {
  const std::vector<std::string> warnings = load_warnings(with(R"(services:
  - {serviceName: web, cluster: prod, taskDefinition: web, desiredCount: 1, launchType: FARGATE}
timeline:
  - {at: 2h, updateService: {service: web, desiredCount: 3}}
)"));
  // (The base scenario's target group adds a "not simulated yet" warning.)
  CHECK(std::count(warnings.begin(), warnings.end(),
                   "v.yaml:14:10: warning: timeline.0.at: is at or after the end of the simulation "
                   "(1h); it never happens") == 1);
}

TEST_CASE("container settings follow the network mode and launch type") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: app
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "512"
    containerDefinitions:
      - name: app
        image: app
        stopTimeout: 300
        memoryReservation: 256
        memory: 128
        portMappings: [{containerPort: 80, hostPort: 8080}]
)") == "v.yaml:11:22: taskDefinitions.app.containerDefinitions.app.stopTimeout: must be between 2 and 120 seconds on "
       "Fargate\n"
       "v.yaml:12:28: taskDefinitions.app.containerDefinitions.app.memoryReservation: must not exceed memory (128)\n"
       "v.yaml:14:54: taskDefinitions.app.containerDefinitions.app.portMappings.0.hostPort: with networkMode awsvpc, "
       "hostPort must be left out or equal containerPort (80)");
}

TEST_CASE("an EC2 container needs memory when the task definition has none") {
  CHECK(load_errors(R"(simulation: {duration: 1h}
taskDefinitions:
  - family: app
    containerDefinitions: [{name: app, image: app}]
)") == "v.yaml:4:28: taskDefinitions.app.containerDefinitions.app.memory: required (or memoryReservation) when the "
       "task definition has no task-level memory");
}

TEST_CASE("ECS-native blue/green strategies need the ECS controller and a load balancer") {
  CHECK(load_errors(with(R"(services:
  - serviceName: a
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentConfiguration: {strategy: LINEAR}
  - serviceName: b
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentController: {type: CODE_DEPLOY}
    loadBalancers: [{targetGroupArn: web-tg, containerName: web, containerPort: 80}]
    deploymentConfiguration: {strategy: CANARY}
)")) == "v.yaml:17:41: services.a.deploymentConfiguration.strategy: strategy LINEAR needs a load balancer target "
        "group to shift traffic\n"
        "v.yaml:25:41: services.b.deploymentConfiguration.strategy: strategy CANARY needs deploymentController ECS");
}

TEST_CASE("ECS-native blue/green with a load balancer needs advancedConfiguration naming a second target group") {
  // Line 11 on: services, then a second target group.
  const auto service = [](std::string_view lb) {
    return with(std::string(R"(services:
  - serviceName: a
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentConfiguration: {strategy: BLUE_GREEN, bakeTimeInMinutes: 5}
    loadBalancers:
      - {targetGroupArn: web-tg, containerName: web, containerPort: 80)") +
                std::string(lb) + "}\n");
  };
  CHECK(load_errors(service("")) ==
        "v.yaml:19:9: services.a.loadBalancers.0: strategy BLUE_GREEN needs advancedConfiguration "
        "{alternateTargetGroupArn} naming the target group for the green revision");
  CHECK(load_errors(service(", advancedConfiguration: {alternateTargetGroupArn: web-tg-2}")) ==
        "v.yaml:19:122: services.a.loadBalancers.0.advancedConfiguration.alternateTargetGroupArn: no target group "
        "named 'web-tg-2'; did you mean 'web-tg'?");
  CHECK(load_errors(service(", advancedConfiguration: {alternateTargetGroupArn: web-tg}")) ==
        "v.yaml:19:122: services.a.loadBalancers.0.advancedConfiguration.alternateTargetGroupArn: must name a target "
        "group other than targetGroupArn ('web-tg')");
  CHECK(load_errors(service(", advancedConfiguration: {roleArn: r}")) ==
        "v.yaml:19:96: services.a.loadBalancers.0.advancedConfiguration: missing required field "
        "'alternateTargetGroupArn'");
  std::string ok = service(", advancedConfiguration: {alternateTargetGroupArn: web-tg-green}");
  ok.replace(ok.find("[{name: web-tg}]"), 16, "[{name: web-tg}, {name: web-tg-green}]");
  CHECK(load_errors(ok).empty());
}

TEST_CASE("continueDeployment names a CODE_DEPLOY service; deploymentReadyOption loads") {
  const std::string services = R"(services:
  - serviceName: cd
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentController: {type: CODE_DEPLOY}
    loadBalancers: [{targetGroupArn: web-tg, containerName: web, containerPort: 80}]
  - serviceName: plain
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
codeDeploy:
  - service: cd
    deploymentReadyOption: {actionOnTimeout: STOP_DEPLOYMENT, waitTimeInMinutes: 45}
timeline:
)";
  const std::string yaml =
      with(services + "  - {at: 20m, continueDeployment: {service: cd, deploymentWaitType: TERMINATION_WAIT}}\n");
  const ecsim::LoadResult ok = ecsim::load_scenario_text(yaml, "v.yaml");
  CHECK(ok.warnings.empty());
  const ecsim::DeploymentReadyOption& ro = ok.scenario.code_deploy.at(0).deployment_ready_option;
  CHECK(ro.action_on_timeout == ecsim::ReadyActionOnTimeout::stop_deployment);
  CHECK(ro.wait_time == std::chrono::minutes(45));
  CHECK(std::get<ecsim::ContinueDeploymentAction>(ok.scenario.timeline.at(0).action).deployment_wait_type ==
        ecsim::DeploymentWaitType::termination_wait);
  CHECK(load_errors(with(services + "  - {at: 20m, continueDeployment: {service: plain}}\n")) ==
        "v.yaml:28:45: timeline.0.continueDeployment.service: service 'plain' has no CodeDeploy deployments to "
        "continue (deploymentController ECS)");
  CHECK(load_errors(with(services + "  - {at: 20m, continueDeployment: {service: cdd}}\n")) ==
        "v.yaml:28:45: timeline.0.continueDeployment.service: no service named 'cdd' exists at 20m; did you mean "
        "'cd'?");
}

TEST_CASE("a custom CodeDeploy traffic routing needs its block, with CodeDeploy's ranges") {
  CHECK(load_errors(with(R"(services:
  - serviceName: web
    cluster: prod
    taskDefinition: web
    desiredCount: 2
    launchType: FARGATE
    deploymentController: {type: CODE_DEPLOY}
    loadBalancers: [{targetGroupArn: web-tg, containerName: web, containerPort: 80}]
codeDeploy:
  - service: web
    deploymentConfigName: my-canary
    trafficRoutingConfig: {type: TimeBasedCanary}
  - service: web
    deploymentConfigName: my-linear
    trafficRoutingConfig: {type: TimeBasedLinear, timeBasedLinear: {linearPercentage: 0, linearInterval: 2}}
)")) == "v.yaml:22:27: codeDeploy.web.trafficRoutingConfig: type 'TimeBasedCanary' needs 'timeBasedCanary'\n"
        "v.yaml:23:14: codeDeploy.web.service: service 'web' already has a codeDeploy entry\n"
        "v.yaml:25:87: codeDeploy.web.trafficRoutingConfig.timeBasedLinear.linearPercentage: must be between 1 and "
        "100, got 0");
}
