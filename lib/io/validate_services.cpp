// Checks of services: launch type and placement, deployment controller and
// configuration (rolling, blue/green), load balancers and target groups,
// CodeDeploy entries and auto scaling.
#include "io/scenario_checker.hpp"

#include <ecsim/model/enum_names.hpp>

#include <algorithm>
#include <set>

namespace ecsim::detail {

void ScenarioChecker::check_service(const ServiceSpec& svc, const std::string& path, Millis at) {
  const SourceLocation& w = svc.where;
  if (!svc.service_name.empty()) {
    for (const SvcEntry& e : services_) {
      if (e.svc == &svc) break;
      if (e.svc->service_name == svc.service_name)
        error(w, path + ".serviceName", "serviceName",
              "duplicate service " + q(svc.service_name) + " (also at line " + std::to_string(e.svc->where.line) + ")");
    }
  }
  check_cluster_ref(w, path, svc.cluster);
  const TaskDefinition* td =
      resolve_task_definition(svc.task_definition, at, w, path + ".taskDefinition", "taskDefinition");
  const ClusterSpec* c = cluster(svc.cluster);
  const bool copied = c && svc.capacity_provider_strategy == c->default_capacity_provider_strategy;
  if (!copied)
    check_strategy(svc.capacity_provider_strategy, svc.cluster, path + ".capacityProviderStrategy", w,
                   "capacityProviderStrategy");
  const auto launch = effective_launch_type(svc.launch_type, svc.capacity_provider_strategy);
  const bool fargate = launch == LaunchType::fargate;
  check_launch(td, launch, svc.task_definition, w, path);
  const bool daemon = svc.scheduling_strategy == SchedulingStrategy::daemon;
  const DeploymentConfiguration& dc = svc.deployment_configuration;
  const std::string dpath = path + ".deploymentConfiguration";
  const auto controller = svc.deployment_controller.type;
  if (daemon) {
    // ECS: DAEMON runs on EC2 only, with the ECS controller, without
    // placement strategies or auto scaling (ecs-facts.md §2.1).
    if (fargate) error(w, path + ".schedulingStrategy", "schedulingStrategy", "DAEMON services cannot run on Fargate");
    if (controller != DeploymentControllerType::ecs)
      error(w, path + ".schedulingStrategy", "schedulingStrategy",
            "DAEMON services need deploymentController ECS, not " + std::string(enum_name(controller)));
    if (!svc.placement_strategy.empty())
      error(w, path + ".placementStrategy", "placementStrategy", "DAEMON services take no placement strategy");
    if (svc.auto_scaling)
      error(w, path + ".autoScaling", "autoScaling", "DAEMON services cannot use Service Auto Scaling");
  } else if (dc.maximum_percent && *dc.maximum_percent < 100) {
    // ECS: a REPLICA service may not run fewer than desiredCount tasks by design (ecs-facts.md §3).
    error(dc.where, dpath + ".maximumPercent", "maximumPercent",
          "must be at least 100 for REPLICA services, got " + std::to_string(*dc.maximum_percent));
  }
  if (dc.minimum_healthy_percent && dc.maximum_percent && !daemon && *dc.maximum_percent >= 100 &&
      *dc.minimum_healthy_percent > *dc.maximum_percent)
    error(dc.where, dpath + ".minimumHealthyPercent", "minimumHealthyPercent",
          "must not exceed maximumPercent (" + std::to_string(*dc.maximum_percent) + ")");
  // ECS: the circuit breaker and deployment alarms work with the ECS controller only (ecs-facts.md §3, §4).
  if (controller != DeploymentControllerType::ecs && dc.deployment_circuit_breaker.enable)
    error(dc.deployment_circuit_breaker.where, dpath + ".deploymentCircuitBreaker.enable", "enable",
          "the circuit breaker needs deploymentController ECS");
  if (controller != DeploymentControllerType::ecs && dc.alarms.enable)
    error(dc.alarms.where, dpath + ".alarms.enable", "enable", "deployment alarms need deploymentController ECS");
  if (controller == DeploymentControllerType::code_deploy && svc.load_balancers.empty())
    error(w, path + ".loadBalancers", "", "a CODE_DEPLOY service needs a load balancer target group");
  // ECS: BLUE_GREEN, LINEAR and CANARY move traffic through a load balancer
  // or Service Connect (ecs-facts.md §5.2); ecsim simulates the load balancer.
  const bool blue_green = dc.strategy != DeploymentStrategy::rolling;
  if (blue_green && controller != DeploymentControllerType::ecs)
    error(dc.where, dpath + ".strategy", "strategy",
          "strategy " + std::string(enum_name(dc.strategy)) + " needs deploymentController ECS");
  else if (blue_green && svc.load_balancers.empty())
    error(dc.where, dpath + ".strategy", "strategy",
          "strategy " + std::string(enum_name(dc.strategy)) + " needs a load balancer target group to shift traffic");
  // ECS: with a load balancer, the green revision registers in a second
  // (alternate) target group, named by advancedConfiguration.
  for (std::size_t i = 0; blue_green && controller == DeploymentControllerType::ecs && i < svc.load_balancers.size();
       ++i)
    if (!svc.load_balancers[i].advanced_configuration)
      error(svc.load_balancers[i].where, path + ".loadBalancers." + std::to_string(i), "",
            "strategy " + std::string(enum_name(dc.strategy)) +
                " needs advancedConfiguration {alternateTargetGroupArn} naming the target group for the green "
                "revision");
  if (!blue_green && !dc.lifecycle_hooks.empty())
    warn(dc.where, dpath + ".lifecycleHooks", "lifecycleHooks",
         "lifecycle hooks run only with strategy BLUE_GREEN, LINEAR or CANARY; they have no effect here");
  check_load_balancers(svc, td, path);
  check_placement(svc.placement_strategy, svc.placement_constraints, td, fargate, path, w);
  if (svc.auto_scaling) check_auto_scaling(svc, *svc.auto_scaling, path + ".autoScaling");
}

std::optional<LaunchType> ScenarioChecker::effective_launch_type(
    const std::optional<LaunchType>& launch_type, const std::vector<CapacityProviderStrategyItem>& strategy) {
  if (launch_type) return launch_type;
  if (strategy.empty()) return std::nullopt;
  return is_fargate_provider(strategy.front().capacity_provider) ? LaunchType::fargate : LaunchType::ec2;
}

void ScenarioChecker::check_launch(const TaskDefinition* td, const std::optional<LaunchType>& launch,
                                   const std::string& td_ref, const SourceLocation& where, const std::string& path) {
  // ECS Anywhere runs bridge, host and none network modes, not awsvpc.
  if (td && launch == LaunchType::external && td->network_mode == NetworkMode::awsvpc)
    error(where, path + ".taskDefinition", "taskDefinition",
          "task definition " + q(td_ref) +
              " uses networkMode awsvpc, which EXTERNAL (ECS Anywhere) instances do "
              "not support; use bridge or host");
  if (!td || launch != LaunchType::fargate || requires_fargate(*td)) return;
  error(where, path + ".taskDefinition", "taskDefinition",
        "task definition " + q(td_ref) +
            " cannot run on Fargate: add FARGATE to its requiresCompatibilities (with networkMode awsvpc and "
            "task-level cpu and memory)");
}

void ScenarioChecker::check_placement(const std::vector<PlacementStrategySpec>& strategies,
                                      const std::vector<PlacementConstraintSpec>& constraints, const TaskDefinition* td,
                                      bool on_fargate, const std::string& path, const SourceLocation& owner) {
  // ECS: Fargate supports no placement strategies or constraints (ecs-facts.md §2.1).
  if (on_fargate && !strategies.empty())
    error(owner, path + ".placementStrategy", "placementStrategy", "placement strategies are not supported on Fargate");
  if (on_fargate && !constraints.empty())
    error(owner, path + ".placementConstraints", "placementConstraints",
          "placement constraints are not supported on Fargate");
  // ECS: at most 5 strategies, 10 constraints with the task definition's (ecs-facts.md §6.2, §6.3).
  if (strategies.size() > 5)
    error(owner, path + ".placementStrategy", "placementStrategy", "at most 5 placement strategies are allowed");
  const std::size_t all_constraints = constraints.size() + (td ? td->placement_constraints.size() : 0);
  if (all_constraints > 10)
    error(owner, path + ".placementConstraints", "placementConstraints",
          "at most 10 placement constraints are allowed, counting the task definition's; got " +
              std::to_string(all_constraints));
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    const PlacementStrategySpec& ps = strategies[i];
    const std::string spath = path + ".placementStrategy." + std::to_string(i) + ".field";
    if (ps.type == PlacementStrategyType::binpack && ps.field != "cpu" && ps.field != "memory")
      error(ps.where, spath, ps.field.empty() ? "" : "field",
            "binpack needs field cpu or memory" + (ps.field.empty() ? std::string() : ", got " + q(ps.field)));
    if (ps.type == PlacementStrategyType::spread && ps.field != "instanceId" && ps.field != "host" &&
        !ps.field.starts_with("attribute:"))
      error(ps.where, spath, ps.field.empty() ? "" : "field",
            "spread needs field instanceId, host or attribute:NAME (e.g. attribute:ecs.availability-zone)" +
                (ps.field.empty() ? std::string() : ", got " + q(ps.field)));
  }
  for (std::size_t i = 0; i < constraints.size(); ++i)
    check_constraint(constraints[i], path + ".placementConstraints." + std::to_string(i));
}

void ScenarioChecker::check_load_balancers(const ServiceSpec& svc, const TaskDefinition* td, const std::string& path) {
  // ECS: at most 5 target groups per service (ecs-facts.md §11).
  if (svc.load_balancers.size() > 5)
    error(svc.where, path + ".loadBalancers", "loadBalancers", "a service takes at most 5 load balancers");
  for (std::size_t i = 0; i < svc.load_balancers.size(); ++i) {
    const LoadBalancer& lb = svc.load_balancers[i];
    const std::string lpath = path + ".loadBalancers." + std::to_string(i);
    if (!lb.target_group_arn.empty() && !target_group(lb.target_group_arn))
      error(lb.where, lpath + ".targetGroupArn", "targetGroupArn",
            "no target group named " + q(lb.target_group_arn) + suggest(lb.target_group_arn, target_group_names_));
    if (const auto& ac = lb.advanced_configuration) {
      const std::string apath = lpath + ".advancedConfiguration.alternateTargetGroupArn";
      const std::string& alt = ac->alternate_target_group_arn;
      if (!alt.empty() && !target_group(alt))
        error(ac->where, apath, "alternateTargetGroupArn",
              "no target group named " + q(alt) + suggest(alt, target_group_names_));
      else if (!alt.empty() && alt == lb.target_group_arn)
        error(ac->where, apath, "alternateTargetGroupArn",
              "must name a target group other than targetGroupArn (" + q(alt) + ")");
      if (svc.deployment_configuration.strategy == DeploymentStrategy::rolling ||
          svc.deployment_controller.type != DeploymentControllerType::ecs)
        warn(ac->where, lpath + ".advancedConfiguration", "advancedConfiguration",
             "used only by strategy BLUE_GREEN, LINEAR or CANARY with deploymentController ECS; no effect here");
    }
    if (!td || lb.container_name.empty()) continue;
    const ContainerDefinition* container = nullptr;
    std::vector<std::string> names;
    for (const ContainerDefinition& c : td->container_definitions) {
      names.push_back(c.name);
      if (c.name == lb.container_name) container = &c;
    }
    if (!container) {
      error(lb.where, lpath + ".containerName", "containerName",
            "task definition " + q(td->family) + " has no container named " + q(lb.container_name) +
                suggest(lb.container_name, names));
      continue;
    }
    const bool mapped = std::any_of(container->port_mappings.begin(), container->port_mappings.end(),
                                    [&](const PortMapping& pm) { return pm.container_port == lb.container_port; });
    if (!mapped && lb.container_port > 0)
      error(lb.where, lpath + ".containerPort", "containerPort",
            "container " + q(lb.container_name) + " has no port mapping for port " + std::to_string(lb.container_port));
  }
}

void ScenarioChecker::check_auto_scaling(const ServiceSpec& svc, const AutoScalingSpec& as, const std::string& path) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < as.policies.size(); ++i) {
    const ScalingPolicy& p = as.policies[i];
    const std::string ppath = path + ".policies." + seg(p.policy_name, i);
    if (!p.policy_name.empty() && !names.insert(p.policy_name).second)
      error(p.where, ppath + ".policyName", "policyName", "duplicate policy name " + q(p.policy_name));
    const auto& tt = p.target_tracking_scaling_policy_configuration;
    const bool alb_metric = (tt && tt->predefined_metric_specification.predefined_metric_type ==
                                       PredefinedMetricType::alb_request_count_per_target) ||
                            (p.alarm && p.alarm->metric_name == ServiceMetric::request_count_per_target);
    if (alb_metric && svc.load_balancers.empty())
      error(p.where, ppath, "", "scaling on ALB requests needs the service to have a load balancer");
  }
}

void ScenarioChecker::check_target_groups() {
  std::vector<SourceLocation> wheres;
  for (const TargetGroupSpec& tg : s_.target_groups) wheres.push_back(tg.where);
  check_unique(target_group_names_, wheres, "targetGroups", "name", "target group");
}

void ScenarioChecker::check_code_deploy() {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s_.code_deploy.size(); ++i) {
    const CodeDeploySpec& cd = s_.code_deploy[i];
    const std::string path = "codeDeploy." + seg(cd.service, i);
    if (cd.service.empty()) continue;
    if (!seen.insert(cd.service).second)
      error(cd.where, path + ".service", "service", "service " + q(cd.service) + " already has a codeDeploy entry");
    const SvcEntry* e = service(cd.service, Millis::max());
    if (!e)
      error(cd.where, path + ".service", "service",
            "no service named " + q(cd.service) + suggest(cd.service, service_names_));
    else if (e->svc->deployment_controller.type != DeploymentControllerType::code_deploy)
      error(cd.where, path + ".service", "service",
            "service " + q(cd.service) + " does not use deploymentController CODE_DEPLOY");
    for (std::size_t j = 0; j < cd.target_groups.size(); ++j)
      if (!target_group(cd.target_groups[j]))
        error(cd.where, path + ".targetGroups." + std::to_string(j), "targetGroups",
              "no target group named " + q(cd.target_groups[j]) + suggest(cd.target_groups[j], target_group_names_));
    for (const std::string& alarm : cd.alarms) warn_undefined_alarm(alarm, cd.where, path + ".alarmConfiguration");
  }
  for (const ServiceSpec& svc : s_.services)
    if (svc.deployment_configuration.alarms.enable)
      for (const std::string& alarm : svc.deployment_configuration.alarms.alarm_names)
        warn_undefined_alarm(alarm, svc.deployment_configuration.alarms.where,
                             "services." + svc.service_name + ".deploymentConfiguration.alarms");
}

void ScenarioChecker::warn_undefined_alarm(const std::string& alarm, const SourceLocation& where,
                                           const std::string& path) {
  std::vector<std::string> names;
  for (const ServiceSpec& svc : s_.services) {
    if (!svc.auto_scaling) continue;
    for (const ScalingPolicy& p : svc.auto_scaling->policies)
      if (p.alarm) names.push_back(p.alarm->alarm_name.empty() ? p.policy_name + "-alarm" : p.alarm->alarm_name);
  }
  if (std::find(names.begin(), names.end(), alarm) == names.end())
    warn(where, path, "",
         "no StepScaling policy defines alarm " + q(alarm) + suggest(alarm, names) +
             "; ecsim never raises it on its own");
}

}  // namespace ecsim::detail
