#pragma once
/// A whole scenario: plain data, filled by the loader (io/scenario_loader.hpp)
/// or built in code, then turned into a Simulation. Copies are independent,
/// so a sweep is "copy, tweak, run".
#include <ecsim/model/behavior_spec.hpp>
#include <ecsim/model/capacity_provider_spec.hpp>
#include <ecsim/model/cluster_spec.hpp>
#include <ecsim/model/code_deploy_spec.hpp>
#include <ecsim/model/container_instance_spec.hpp>
#include <ecsim/model/fault_spec.hpp>
#include <ecsim/model/price_overrides.hpp>
#include <ecsim/model/service_spec.hpp>
#include <ecsim/model/simulation_spec.hpp>
#include <ecsim/model/source_location.hpp>
#include <ecsim/model/target_group_spec.hpp>
#include <ecsim/model/task_definition.hpp>
#include <ecsim/model/timeline_spec.hpp>
#include <ecsim/model/workload_spec.hpp>

#include <string>
#include <vector>

namespace ecsim {

/// Everything a run needs, section by section as in a scenario file.
struct Scenario {
  std::string name;                   ///< names the output folder; empty: apply_defaults uses the file's stem
  std::string description;            ///< free text for reports
  SimulationSpec simulation;          ///< run settings
  std::vector<ClusterSpec> clusters;  ///< clusters
  std::vector<CapacityProviderSpec> capacity_providers;    ///< Auto Scaling group providers
  std::vector<ContainerInstanceSpec> container_instances;  ///< fixed instances
  std::vector<TaskDefinition> task_definitions;            ///< registered at the start, in order
  std::vector<ServiceSpec> services;                       ///< created at the start, in order
  std::vector<TargetGroupSpec> target_groups;              ///< ALB/NLB target groups
  std::vector<CodeDeploySpec> code_deploy;                 ///< CodeDeploy blue/green settings
  std::vector<BehaviorSpec> behavior;                      ///< how tasks behave
  std::vector<WorkloadSpec> workloads;                     ///< load per service
  std::vector<FaultSpec> faults;                           ///< injected faults
  std::vector<TimelineEntry> timeline;                     ///< operator actions
  PriceOverrides prices;                                   ///< price table overrides
  SourceLocation where;                                    ///< the scenario file
  bool operator==(const Scenario&) const = default;
};

/// Fills the defaults that depend on other fields, the only defaults not
/// written as member initializers: task definition revisions (1, 2, ... per
/// family, in order: taskDefinitions, then timeline registrations by time),
/// deployment percentages by schedulingStrategy (REPLICA 100/200, DAEMON
/// 0/100), a service's or runTask's capacity (the cluster's
/// defaultCapacityProviderStrategy, else launchType EC2), target-group
/// health-check timeouts by protocol, cluster zones from the region, Auto
/// Scaling group desired capacity and zones, and the scenario name.
/// Idempotent. The loader calls it before validation.
void apply_defaults(Scenario& scenario);

}  // namespace ecsim
