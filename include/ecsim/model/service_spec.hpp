#pragma once
/// A service: the create-service request (or one describe-services entry).
#include <ecsim/core/time.hpp>
#include <ecsim/model/auto_scaling_spec.hpp>
#include <ecsim/model/capacity_provider_strategy.hpp>
#include <ecsim/model/deployment_configuration.hpp>
#include <ecsim/model/launch_type.hpp>
#include <ecsim/model/placement_constraint.hpp>
#include <ecsim/model/placement_strategy.hpp>
#include <ecsim/model/source_location.hpp>
#include <ecsim/model/toggle.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// REPLICA keeps desiredCount tasks; DAEMON runs one per instance (ecs-facts.md §2.1).
enum class SchedulingStrategy { replica, daemon };

/// ECS spellings of SchedulingStrategy, indexed by value.
inline constexpr std::string_view scheduling_strategy_names[] = {"REPLICA", "DAEMON"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(SchedulingStrategy) { return scheduling_strategy_names; }

/// loadBalancers[].advancedConfiguration: the second target group ECS's own
/// blue/green, linear and canary deployments register the green revision in.
/// The listener rules and the role are kept for reference (ecsim models no
/// listeners).
struct AdvancedConfiguration {
  std::string alternate_target_group_arn;  ///< a targetGroups name (an ARN is reduced to its name)
  std::string production_listener_rule;
  std::string test_listener_rule;
  std::string role_arn;
  SourceLocation where;
  bool operator==(const AdvancedConfiguration&) const = default;
};

/// One loadBalancers entry: which container port registers in which target group.
struct LoadBalancer {
  std::string target_group_arn;    ///< a targetGroups name (an ARN is reduced to its name)
  std::string load_balancer_name;  ///< Classic Load Balancer name, kept for reference
  std::string container_name;      ///< container that receives traffic
  int container_port = 0;          ///< its port
  std::optional<AdvancedConfiguration> advanced_configuration;  ///< ECS-native blue/green
  SourceLocation where;            ///< where the entry was written
  bool operator==(const LoadBalancer&) const = default;
};

/// One serviceRegistries entry (Cloud Map).
struct ServiceRegistry {
  std::string registry_arn;           ///< the Cloud Map service
  std::optional<int> port;            ///< SRV port
  std::string container_name;         ///< container registered
  std::optional<int> container_port;  ///< its port
  SourceLocation where;               ///< where the entry was written
  bool operator==(const ServiceRegistry&) const = default;
};

/// A service. Fields the API names with a unit suffix (…Seconds) hold Millis here.
struct ServiceSpec {
  std::string service_name;               ///< unique in the scenario
  std::string cluster = "default";        ///< ECS: the default cluster unless set
  std::string task_definition;            ///< "family" (latest) or "family:revision"
  int desired_count = 0;                  ///< tasks to keep running (REPLICA)
  std::optional<LaunchType> launch_type;  ///< unset: apply_defaults uses the cluster's strategy or EC2
  std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;  ///< instead of launch_type
  SchedulingStrategy scheduling_strategy = SchedulingStrategy::replica;  ///< REPLICA unless set
  DeploymentController deployment_controller;                            ///< ECS unless set
  DeploymentConfiguration deployment_configuration;                      ///< min/max percent, circuit breaker, ...
  Millis health_check_grace_period{0};       ///< healthCheckGracePeriodSeconds; ECS default 0 (ecs-facts.md §1.4)
  std::vector<LoadBalancer> load_balancers;  ///< at most 5 (ecs-facts.md §11)
  std::vector<ServiceRegistry> service_registries;         ///< Cloud Map registrations
  std::vector<PlacementStrategySpec> placement_strategy;       ///< at most 5 (ecs-facts.md §6.2)
  std::vector<PlacementConstraintSpec> placement_constraints;  ///< with the task definition's, at most 10
  Toggle availability_zone_rebalancing = Toggle::enabled;  ///< ECS: ENABLED on create (ecs-facts.md §2.1)
  std::optional<AutoScalingSpec> auto_scaling;             ///< Service Auto Scaling, if any
  SourceLocation where;                                    ///< where the service was written
  bool operator==(const ServiceSpec&) const = default;
};

}  // namespace ecsim
