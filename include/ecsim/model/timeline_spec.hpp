#pragma once
/// ecsim: the API calls an operator makes during the run, each at a time.
/// Actions take the ECS requests' field names.
#include <ecsim/core/time.hpp>
#include <ecsim/model/capacity_provider_strategy.hpp>
#include <ecsim/model/deployment_configuration.hpp>
#include <ecsim/model/launch_type.hpp>
#include <ecsim/model/placement_constraint.hpp>
#include <ecsim/model/placement_strategy.hpp>
#include <ecsim/model/service_spec.hpp>
#include <ecsim/model/source_location.hpp>
#include <ecsim/model/task_definition.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ecsim {

/// update-service: unset fields keep their current value.
struct UpdateServiceAction {
  std::string service;                                                   ///< the service to change
  std::optional<std::string> task_definition;                            ///< new "family" or "family:revision"
  std::optional<int> desired_count;                                      ///< new desired count
  bool force_new_deployment = false;                                     ///< redeploy even if nothing changed
  std::optional<DeploymentConfiguration> deployment_configuration;       ///< unset percentages keep theirs
  std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;  ///< empty = keep
  std::optional<Millis> health_check_grace_period;                       ///< healthCheckGracePeriodSeconds
  SourceLocation where;                                                  ///< where the action was written
  bool operator==(const UpdateServiceAction&) const = default;
};

/// register-task-definition: adds the next revision of a family.
struct RegisterTaskDefinitionAction {
  TaskDefinition task_definition;  ///< revision numbered by apply_defaults
  bool operator==(const RegisterTaskDefinitionAction&) const = default;
};

/// run-task: standalone tasks.
struct RunTaskAction {
  std::string cluster = "default";                                       ///< ECS: the default cluster unless set
  std::string task_definition;                                           ///< "family" or "family:revision"
  int count = 1;                                                         ///< ECS: 1-10 per call (ecs-facts.md §12)
  std::optional<LaunchType> launch_type;                                 ///< unset: as for services
  std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;  ///< instead of launch_type
  std::string group;                                                     ///< task group for spread; default family:NAME
  std::vector<PlacementStrategySpec> placement_strategy;                     ///< EC2 only
  std::vector<PlacementConstraintSpec> placement_constraints;                ///< EC2 only
  SourceLocation where;                                                  ///< where the action was written
  bool operator==(const RunTaskAction&) const = default;
};

/// create-service during the run.
struct CreateServiceAction {
  ServiceSpec service;  ///< defaults as for the services section
  bool operator==(const CreateServiceAction&) const = default;
};

/// delete-service.
struct DeleteServiceAction {
  std::string service;   ///< the service to delete
  bool force = false;    ///< delete without scaling to 0 first
  SourceLocation where;  ///< where the action was written
  bool operator==(const DeleteServiceAction&) const = default;
};

/// ContinueDeployment's deploymentWaitType: which wait of a CodeDeploy
/// deployment it ends.
enum class DeploymentWaitType { ready_wait, termination_wait };
/// CodeDeploy spellings of DeploymentWaitType, indexed by value.
inline constexpr std::string_view deployment_wait_type_names[] = {"READY_WAIT", "TERMINATION_WAIT"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(DeploymentWaitType) { return deployment_wait_type_names; }

/// ecsim: CodeDeploy's ContinueDeployment for the deployment in progress on a
/// CODE_DEPLOY service: READY_WAIT starts the production traffic shift a
/// STOP_DEPLOYMENT deploymentReadyOption holds; TERMINATION_WAIT ends the
/// termination wait (the original task set goes now).
struct ContinueDeploymentAction {
  std::string service;  ///< the service (ecsim names the deployment by its service)
  DeploymentWaitType deployment_wait_type = DeploymentWaitType::ready_wait;
  SourceLocation where;  ///< where the action was written
  bool operator==(const ContinueDeploymentAction&) const = default;
};

/// One of the actions above.
using TimelineAction = std::variant<UpdateServiceAction, RegisterTaskDefinitionAction, RunTaskAction,
                                    CreateServiceAction, DeleteServiceAction, ContinueDeploymentAction>;

/// An action at a time since the simulation start.
struct TimelineEntry {
  Millis at{0};           ///< when
  TimelineAction action;  ///< what
  SourceLocation where;   ///< where the entry was written
  bool operator==(const TimelineEntry&) const = default;
};

}  // namespace ecsim
