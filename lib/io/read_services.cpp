// Readers of services and their deployments: controller, configuration
// (rolling, circuit breaker, alarms, BLUE_GREEN/LINEAR/CANARY), lifecycle
// hooks, and what puts a service behind a load balancer and shifts its
// traffic: loadBalancers (with ECS blue/green's advancedConfiguration),
// service registries, target groups and CodeDeploy settings.
#include "io/map_reader.hpp"

#include <ecsim/core/spelling.hpp>

#include <algorithm>

namespace ecsim::detail {

void read_launch_type_or_strategy(MapReader& m, std::optional<LaunchType>& launch_type,
                                  std::vector<CapacityProviderStrategyItem>& strategy) {
  m.read("launchType", launch_type);
  m.read("capacityProviderStrategy", strategy);
  if (m.has("launchType") && !strategy.empty())
    m.error_at("launchType", "launchType and capacityProviderStrategy cannot both be set; ECS rejects that");
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ServiceSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("serviceName", out.service_name);
    m.read_reference("clusterArn", out.cluster);  // describe-services output names the cluster by ARN
    m.read_reference("cluster", out.cluster);
    m.require_reference("taskDefinition", out.task_definition);
    m.read_int("desiredCount", out.desired_count, 0, no_limit);
    read_launch_type_or_strategy(m, out.launch_type, out.capacity_provider_strategy);
    m.read("schedulingStrategy", out.scheduling_strategy);
    m.read("deploymentController", out.deployment_controller);
    m.read("deploymentConfiguration", out.deployment_configuration);
    // ECS: healthCheckGracePeriodSeconds 0-2147483647 (ecs-facts.md §1.4).
    m.read_seconds("healthCheckGracePeriodSeconds", out.health_check_grace_period, 0, 2'147'483'647);
    m.read("loadBalancers", out.load_balancers);
    m.read("serviceRegistries", out.service_registries);
    m.read("placementStrategy", out.placement_strategy);
    m.read("placementConstraints", out.placement_constraints);
    m.read("availabilityZoneRebalancing", out.availability_zone_rebalancing);
    m.read("autoScaling", out.auto_scaling);
    // ECS documents desiredCount as required for REPLICA services; starting at
    // 0 keeps such a scenario usable while saying so.
    if (!m.has("desiredCount") && out.scheduling_strategy == SchedulingStrategy::replica)
      ctx.warn(n, p, "desiredCount is not set; ECS requires it for REPLICA services, so ecsim starts with 0 tasks");
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentController& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) { m.require("type", out.type); });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentCircuitBreaker& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("enable", out.enable);
    m.require("rollback", out.rollback);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentAlarms& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("alarmNames", out.alarm_names);
    m.require("enable", out.enable);
    m.require("rollback", out.rollback);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LinearConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS: stepPercent 3.0-100.0, stepBakeTimeInMinutes 0-1440 (ecs-facts.md §5.2).
    m.read_number("stepPercent", out.step_percent, 3.0, 100.0);
    m.read_minutes("stepBakeTimeInMinutes", out.step_bake_time, 0, 1440);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CanaryConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS: canaryPercent 0.1-100.0, canaryBakeTimeInMinutes 0-1440 (ecs-facts.md §5.2).
    m.read_number("canaryPercent", out.canary_percent, 0.1, 100.0);
    m.read_minutes("canaryBakeTimeInMinutes", out.canary_bake_time, 0, 1440);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS: minimumHealthyPercent 0-100; maximumPercent >= 100 for REPLICA is
    // checked with the service, which knows its schedulingStrategy.
    m.read_int("minimumHealthyPercent", out.minimum_healthy_percent, 0, 100);
    m.read_int("maximumPercent", out.maximum_percent, 0, no_limit);
    m.read("deploymentCircuitBreaker", out.deployment_circuit_breaker);
    m.read("alarms", out.alarms);
    m.read("strategy", out.strategy);
    // ECS: bake time up to 1440 minutes (ecs-facts.md §13 bake_time_max_min).
    m.read_minutes("bakeTimeInMinutes", out.bake_time, 0, 1440);
    m.read("linearConfiguration", out.linear_configuration);
    m.read("canaryConfiguration", out.canary_configuration);
    m.read("lifecycleHooks", out.lifecycle_hooks);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LifecycleHook& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read("hookTargetArn", out.hook_target_arn);
    m.read("roleArn", out.role_arn);
    m.require("lifecycleStages", out.lifecycle_stages);
    if (const YAML::Node* t = m.find("timeoutConfiguration")) {
      MapReader tc(ctx, *t, m.child("timeoutConfiguration"));
      if (tc.ok()) {
        // ECS: timeoutInMinutes 1-20160, default 1440; action default ROLLBACK.
        tc.read_minutes("timeoutInMinutes", out.timeout, 1, 20'160);
        tc.read("action", out.timeout_action);
        tc.finish();
      }
    }
    m.find("hookDetails");  // passed to the Lambda; nothing for ecsim to read
    m.find("targetType");
    m.read("duration", out.duration);
    m.read("result", out.result);
  });
}

// ------------------------------------------------------------------ load balancers, target groups, CodeDeploy

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AdvancedConfiguration& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    if (!m.has("alternateTargetGroupArn")) m.missing("alternateTargetGroupArn");
    m.read_reference("alternateTargetGroupArn", out.alternate_target_group_arn);
    m.read("productionListenerRule", out.production_listener_rule);
    m.read("testListenerRule", out.test_listener_rule);
    m.read("roleArn", out.role_arn);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadBalancer& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read_reference("targetGroupArn", out.target_group_arn);
    m.read("loadBalancerName", out.load_balancer_name);
    if (!m.has("targetGroupArn") && !m.has("loadBalancerName")) m.missing("targetGroupArn");
    m.require("containerName", out.container_name);
    m.require_int("containerPort", out.container_port, 1, 65'535);
    m.read("advancedConfiguration", out.advanced_configuration);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ServiceRegistry& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read("registryArn", out.registry_arn);
    m.read_int("port", out.port, 1, 65'535);
    m.read("containerName", out.container_name);
    m.read_int("containerPort", out.container_port, 1, 65'535);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TargetGroupSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ELB ranges: ecs-facts.md §11.
    m.require("name", out.name);
    m.read("protocol", out.protocol);
    m.read_int("port", out.port, 1, 65'535);
    m.read_seconds("healthCheckIntervalSeconds", out.health_check_interval, 5, 300);
    m.read_seconds("healthCheckTimeoutSeconds", out.health_check_timeout, 2, 120);
    m.read_int("healthyThresholdCount", out.healthy_threshold_count, 2, 10);
    m.read_int("unhealthyThresholdCount", out.unhealthy_threshold_count, 2, 10);
    m.read_seconds("deregistrationDelay", out.deregistration_delay, 0, 3600);
    if (m.read_seconds("slowStart", out.slow_start, 0, 900) && out.slow_start > Millis{0} &&
        out.slow_start < Millis{30'000})
      m.error_at("slowStart", "must be 0 (off) or between 30 and 900 seconds");
    if (out.health_check_timeout && *out.health_check_timeout >= out.health_check_interval)
      m.error_at("healthCheckTimeoutSeconds", "must be shorter than healthCheckIntervalSeconds (" +
                                                  std::to_string(out.health_check_interval.count() / 1000) + ")");
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CodeDeploySpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("service", out.service);
    m.read("trafficRoutingConfig", out.traffic_routing_config);
    if (m.read("deploymentConfigName", out.deployment_config_name) && !out.traffic_routing_config) {
      const auto& names = code_deploy_config_names;
      if (std::find(std::begin(names), std::end(names), out.deployment_config_name) == std::end(names)) {
        std::string message = "unknown deployment configuration " + in_quotes(out.deployment_config_name);
        if (const auto near = closest_match(out.deployment_config_name, std::span<const std::string_view>(names)))
          message += "; did you mean " + in_quotes(*near) + "?";
        m.error_at("deploymentConfigName", message);
      }
    }
    // CodeDeploy: terminationWaitTimeInMinutes at most 2880 (ecs-facts.md §5.1).
    if (m.read("terminationWaitTime", out.termination_wait_time) && out.termination_wait_time > Millis{2880LL * 60'000})
      m.error_at("terminationWaitTime", "must be at most 2880m (2 days)");
    if (m.read("targetGroups", out.target_groups) && (out.target_groups.empty() || out.target_groups.size() > 2))
      m.error_at("targetGroups", "expected one or two target groups (blue, green)");
    for (std::string& tg : out.target_groups) tg = arn_name(tg);
    m.read("testTrafficTime", out.test_traffic_time);
    if (const YAML::Node* r = m.find("deploymentReadyOption")) {
      MapReader ro(ctx, *r, m.child("deploymentReadyOption"));
      if (ro.ok()) {
        out.deployment_ready_option.where = ro.where();
        ro.read("actionOnTimeout", out.deployment_ready_option.action_on_timeout);
        // CodeDeploy states no range; ecsim bounds it as terminationWaitTime (2 days).
        ro.read_minutes("waitTimeInMinutes", out.deployment_ready_option.wait_time, 0, 2880);
        ro.finish();
      }
    }
    if (const YAML::Node* a = m.find("alarmConfiguration")) {
      // CodeDeploy's alarmConfiguration: {enabled, alarms: [{name}]}.
      MapReader ac(ctx, *a, m.child("alarmConfiguration"));
      if (ac.ok()) {
        bool enabled = true;
        ac.read("enabled", enabled);
        ac.find("ignorePollAlarmFailure");
        if (const YAML::Node* list = ac.find("alarms"); list && list->IsSequence()) {
          std::size_t k = 0;
          for (auto it = list->begin(); it != list->end(); ++it, ++k) {
            MapReader alarm(ctx, *it, ac.child("alarms").item(std::to_string(k)));
            std::string name;
            if (alarm.ok() && alarm.require("name", name) && enabled) out.alarms.push_back(name);
            alarm.finish();
          }
        } else if (list) {
          ac.error_at("alarms", "expected a list of {name: ...}");
        }
        ac.finish();
      }
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TrafficRoutingConfig& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("type", out.type);
    // CodeDeploy: percentages are whole numbers 1-99 (canary) / 1-100 (linear); intervals in minutes.
    auto block = [&](std::string_view key, std::string_view percent_key, std::string_view interval_key,
                     double max_pct) {
      const YAML::Node* b = m.find(key);
      if (!b) {
        m.error_at("", "type " + in_quotes(enum_name(out.type)) + " needs " + in_quotes(key));
        return;
      }
      MapReader tb(ctx, *b, m.child(key));
      if (!tb.ok()) return;
      tb.read_number(percent_key, out.percentage, 1, max_pct);
      tb.read_minutes(interval_key, out.interval, 1, 2880);
      tb.finish();
    };
    if (out.type == TrafficRoutingType::time_based_canary)
      block("timeBasedCanary", "canaryPercentage", "canaryInterval", 99);
    if (out.type == TrafficRoutingType::time_based_linear)
      block("timeBasedLinear", "linearPercentage", "linearInterval", 100);
  });
}

}  // namespace ecsim::detail
