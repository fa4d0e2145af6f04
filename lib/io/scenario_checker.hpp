#pragma once
// Private to the scenario validator: ScenarioChecker runs the cross-object
// checks of validate_scenario section by section. Its members are defined
// by concept: lookups and the run in scenario_validation.cpp, the rest in
// validate_capacity.cpp, validate_task_definitions.cpp, validate_services.cpp
// and validate_timeline.cpp.
#include "io/scenario_validation.hpp"

#include <ecsim/core/time.hpp>
#include <ecsim/model/scenario.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim::detail {

/// Checks one Scenario (defaults applied); collects issues in the order the
/// sections are checked.
class ScenarioChecker {
 public:
  explicit ScenarioChecker(const Scenario& s) : s_(s) {}

  /// Every cross-object issue of the scenario.
  std::vector<ValidationIssue> run();

 private:
  struct TdEntry {
    const TaskDefinition* td;
    std::string path;
    Millis at;  // when it is registered
  };
  struct SvcEntry {
    const ServiceSpec* svc;
    std::string path;
    Millis at;  // when it is created
  };

  /// "'s'", as messages quote names.
  static std::string q(std::string_view s);
  /// A list item's path segment: its name, else its index.
  static std::string seg(const std::string& name, std::size_t index);
  static bool is_fargate_provider(std::string_view name) { return name == "FARGATE" || name == "FARGATE_SPOT"; }
  /// "; did you mean 'x'?" when a candidate is close to word, else "".
  static std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

  void error(const SourceLocation& where, std::string field, std::string key, std::string message) {
    issues_.push_back(ValidationIssue{where, std::move(field), std::move(key), std::move(message), false});
  }
  void warn(const SourceLocation& where, std::string field, std::string key, std::string message) {
    issues_.push_back(ValidationIssue{where, std::move(field), std::move(key), std::move(message), true});
  }

  // scenario_validation.cpp: indexes, lookups, shared checks
  void index();
  const ClusterSpec* cluster(const std::string& name) const;
  const CapacityProviderSpec* provider(const std::string& name) const;
  const TargetGroupSpec* target_group(const std::string& name) const;
  /// The service entry with this name created at or before `at`, if any.
  const SvcEntry* service(const std::string& name, Millis at) const;
  void check_cluster_ref(const SourceLocation& where, const std::string& path, const std::string& name);
  void check_instance_type(const SourceLocation& where, const std::string& path, const std::string& name);
  /// Resolves "family" (latest registered by `at`) or "family:revision";
  /// reports what is wrong at where/field/key and returns nullptr if it does not resolve.
  const TaskDefinition* resolve_task_definition(const std::string& ref, Millis at, const SourceLocation& where,
                                                const std::string& field, const std::string& key,
                                                bool any_time = false);
  void check_unique(const std::vector<std::string>& names, const std::vector<SourceLocation>& wheres,
                    const std::string& section, const std::string& key, const std::string& what);
  void check_simulation();

  // validate_capacity.cpp
  void check_clusters();
  void check_capacity_providers();
  void check_container_instances();
  void check_strategy(const std::vector<CapacityProviderStrategyItem>& items, const std::string& cluster_name,
                      const std::string& path, const SourceLocation& owner, const std::string& key);

  // validate_task_definitions.cpp
  static bool requires_fargate(const TaskDefinition& td);
  void check_task_definition(const TaskDefinition& td, const std::string& path);
  void check_container(const TaskDefinition& td, const ContainerDefinition& c, const std::string& cpath);
  void check_fargate(const TaskDefinition& td, const std::string& path);
  void check_constraint(const PlacementConstraintSpec& pc, const std::string& path);

  // validate_services.cpp
  /// The launch type tasks get: the given one, else the strategy's kind.
  static std::optional<LaunchType> effective_launch_type(const std::optional<LaunchType>& launch_type,
                                                         const std::vector<CapacityProviderStrategyItem>& strategy);
  void check_placement(const std::vector<PlacementStrategySpec>& strategies,
                       const std::vector<PlacementConstraintSpec>& constraints, const TaskDefinition* td,
                       bool on_fargate, const std::string& path, const SourceLocation& owner);
  void check_launch(const TaskDefinition* td, const std::optional<LaunchType>& launch, const std::string& td_ref,
                    const SourceLocation& where, const std::string& path);
  void check_service(const ServiceSpec& svc, const std::string& path, Millis at);
  void check_load_balancers(const ServiceSpec& svc, const TaskDefinition* td, const std::string& path);
  void check_auto_scaling(const ServiceSpec& svc, const AutoScalingSpec& as, const std::string& path);
  void check_target_groups();
  void check_code_deploy();
  /// Deployment alarms fire when a StepScaling policy's alarm of that name
  /// is in ALARM; ecsim knows no other CloudWatch alarms.
  void warn_undefined_alarm(const std::string& alarm, const SourceLocation& where, const std::string& path);

  // validate_timeline.cpp: behavior, workloads, faults, timeline
  void check_behavior();
  void check_workloads();
  void check_faults();
  void check_timeline();

  const Scenario& s_;
  std::vector<ValidationIssue> issues_;
  std::vector<TdEntry> task_definitions_;
  std::vector<SvcEntry> services_;
  std::vector<std::string> cluster_names_, provider_names_, target_group_names_, families_, service_names_;
};

}  // namespace ecsim::detail
