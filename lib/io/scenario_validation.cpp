// Cross-object checks on a Scenario: references, ECS rules that tie several
// fields together, and dependsOn cycles. This file runs the checks and holds
// the lookups they share; scenario_checker.hpp lists where each section's are.
#include "io/scenario_validation.hpp"

#include "io/scenario_checker.hpp"
#include "io/scenario_limits.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>
#include <ecsim/model/instance_type.hpp>

#include <algorithm>
#include <map>

namespace ecsim::detail {
namespace {

/// "web" or "web:3" split into family and revision (0 = latest).
std::pair<std::string, int> split_reference(const std::string& ref) {
  const std::size_t colon = ref.rfind(':');
  if (colon == std::string::npos || colon + 1 == ref.size()) return {ref, 0};
  const std::string rev = ref.substr(colon + 1);
  if (!std::all_of(rev.begin(), rev.end(), [](char c) { return c >= '0' && c <= '9'; }) || rev.size() > 9)
    return {ref, 0};
  return {ref.substr(0, colon), std::stoi(rev)};
}

}  // namespace

std::vector<ValidationIssue> ScenarioChecker::run() {
  index();
  check_simulation();
  check_clusters();
  check_capacity_providers();
  check_container_instances();
  for (const TdEntry& e : task_definitions_) check_task_definition(*e.td, e.path);
  for (const SvcEntry& e : services_) check_service(*e.svc, e.path, e.at);
  check_target_groups();
  check_code_deploy();
  check_behavior();
  check_workloads();
  check_faults();
  check_timeline();
  return std::move(issues_);
}

// append, not "'" + std::string(s) + "'": GCC 12 -O3 gives a false -Wrestrict on that here.
std::string ScenarioChecker::q(std::string_view s) { return std::string("'").append(s).append("'"); }

std::string ScenarioChecker::seg(const std::string& name, std::size_t index) {
  return name.empty() ? std::to_string(index) : name;
}

std::string ScenarioChecker::suggest(std::string_view word, const std::vector<std::string>& candidates) {
  if (const auto near = closest_match(word, std::span<const std::string>(candidates)); near && *near != word)
    return "; did you mean " + q(*near) + "?";
  return "";
}

void ScenarioChecker::index() {
  for (std::size_t i = 0; i < s_.task_definitions.size(); ++i) {
    const TaskDefinition& td = s_.task_definitions[i];
    task_definitions_.push_back({&td, "taskDefinitions." + seg(td.family, i), Millis{0}});
  }
  for (std::size_t i = 0; i < s_.services.size(); ++i) {
    const ServiceSpec& svc = s_.services[i];
    services_.push_back({&svc, "services." + seg(svc.service_name, i), Millis{0}});
  }
  for (std::size_t i = 0; i < s_.timeline.size(); ++i) {
    const TimelineEntry& e = s_.timeline[i];
    const std::string path = "timeline." + std::to_string(i);
    if (const auto* reg = std::get_if<RegisterTaskDefinitionAction>(&e.action))
      task_definitions_.push_back({&reg->task_definition, path + ".registerTaskDefinition", e.at});
    if (const auto* create = std::get_if<CreateServiceAction>(&e.action))
      services_.push_back({&create->service, path + ".createService", e.at});
  }
  for (const ClusterSpec& c : s_.clusters) cluster_names_.push_back(c.cluster_name);
  for (const CapacityProviderSpec& cp : s_.capacity_providers) provider_names_.push_back(cp.name);
  provider_names_.push_back("FARGATE");
  provider_names_.push_back("FARGATE_SPOT");
  for (const TargetGroupSpec& tg : s_.target_groups) target_group_names_.push_back(tg.name);
  for (const TdEntry& e : task_definitions_)
    if (std::find(families_.begin(), families_.end(), e.td->family) == families_.end())
      families_.push_back(e.td->family);
  for (const SvcEntry& e : services_) service_names_.push_back(e.svc->service_name);
}

const ClusterSpec* ScenarioChecker::cluster(const std::string& name) const {
  for (const ClusterSpec& c : s_.clusters)
    if (c.cluster_name == name) return &c;
  return nullptr;
}

const CapacityProviderSpec* ScenarioChecker::provider(const std::string& name) const {
  for (const CapacityProviderSpec& cp : s_.capacity_providers)
    if (cp.name == name) return &cp;
  return nullptr;
}

const TargetGroupSpec* ScenarioChecker::target_group(const std::string& name) const {
  for (const TargetGroupSpec& tg : s_.target_groups)
    if (tg.name == name) return &tg;
  return nullptr;
}

const ScenarioChecker::SvcEntry* ScenarioChecker::service(const std::string& name, Millis at) const {
  for (const SvcEntry& e : services_)
    if (e.svc->service_name == name && e.at <= at) return &e;
  return nullptr;
}

void ScenarioChecker::check_cluster_ref(const SourceLocation& where, const std::string& path, const std::string& name) {
  if (name.empty() || cluster(name)) return;
  error(where, path + ".cluster", "cluster", "no cluster named " + q(name) + suggest(name, cluster_names_));
}

void ScenarioChecker::check_instance_type(const SourceLocation& where, const std::string& path,
                                          const std::string& name) {
  if (name.empty()) return;
  try {
    instance_type(name);
  } catch (const InputError& e) {
    error(where, path + ".instanceType", "instanceType", e.what());
  }
}

const TaskDefinition* ScenarioChecker::resolve_task_definition(const std::string& ref, Millis at,
                                                               const SourceLocation& where, const std::string& field,
                                                               const std::string& key, bool any_time) {
  if (ref.empty()) return nullptr;
  const auto [family, revision] = split_reference(ref);
  const TaskDefinition* found = nullptr;
  const TaskDefinition* later = nullptr;
  std::vector<int> revisions;
  Millis later_at{0};
  for (const TdEntry& e : task_definitions_) {
    if (e.td->family != family) continue;
    revisions.push_back(e.td->revision);
    if (revision != 0 && e.td->revision != revision) continue;
    if (any_time || e.at <= at) {
      if (!found || e.td->revision > found->revision) found = e.td;
    } else if (!later) {
      later = e.td;
      later_at = e.at;
    }
  }
  if (found) return found;
  if (revisions.empty()) {
    error(where, field, key, "no task definition " + q(family) + suggest(family, families_));
  } else if (later) {
    error(where, field, key,
          "task definition " + q(ref) + " is only registered at " + format_duration(later_at) + ", later than this");
  } else {
    std::sort(revisions.begin(), revisions.end());
    std::string list;
    for (int r : revisions) list += (list.empty() ? "" : ", ") + std::to_string(r);
    error(
        where, field, key,
        "task definition " + q(family) + " has no revision " + std::to_string(revision) + " (revisions: " + list + ")");
  }
  return nullptr;
}

void ScenarioChecker::check_unique(const std::vector<std::string>& names, const std::vector<SourceLocation>& wheres,
                                   const std::string& section, const std::string& key, const std::string& what) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;
    const auto [it, inserted] = first.emplace(names[i], i);
    if (!inserted)
      error(
          wheres[i], section + "." + names[i] + "." + key, key,
          "duplicate " + what + " " + q(names[i]) + " (also at line " + std::to_string(wheres[it->second].line) + ")");
  }
}

void ScenarioChecker::check_simulation() {
  const SimulationSpec& sim = s_.simulation;
  if (sim.duration > Millis{0} && sim.metrics_interval > sim.duration)
    warn(sim.where, "simulation.metricsInterval", "metricsInterval",
         "is longer than the simulation (" + format_duration(sim.duration) + "); metrics.csv will have one row");
}

std::vector<ValidationIssue> validate_scenario(const Scenario& scenario) {
  std::vector<ValidationIssue> issues = ScenarioChecker(scenario).run();
  for (ValidationIssue& i : check_scenario_limits(scenario)) issues.push_back(std::move(i));  // scenario_limits.cpp
  return issues;
}

}  // namespace ecsim::detail
