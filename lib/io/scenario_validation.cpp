// Cross-object checks on a Scenario: references, ECS rules that tie several
// fields together, and dependsOn cycles (Boost.Graph).
#include "io/scenario_validation.hpp"

#include "io/scenario_limits.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/enum_names.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/instance_type.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace ecsim::detail {
namespace {

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string seg(const std::string& name, std::size_t index) { return name.empty() ? std::to_string(index) : name; }

bool is_fargate_provider(std::string_view name) { return name == "FARGATE" || name == "FARGATE_SPOT"; }

/// "web" or "web:3" split into family and revision (0 = latest).
std::pair<std::string, int> split_reference(const std::string& ref) {
  const std::size_t colon = ref.rfind(':');
  if (colon == std::string::npos || colon + 1 == ref.size()) return {ref, 0};
  const std::string rev = ref.substr(colon + 1);
  if (!std::all_of(rev.begin(), rev.end(), [](char c) { return c >= '0' && c <= '9'; }) || rev.size() > 9)
    return {ref, 0};
  return {ref.substr(0, colon), std::stoi(rev)};
}

// ------------------------------------------------------------------ dependsOn cycles

using DependencyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<DependencyGraph>::vertex_descriptor;
using Edge = boost::graph_traits<DependencyGraph>::edge_descriptor;

struct CycleFound {
  std::vector<Vertex> cycle;  // v0 -> v1 -> ... -> v0, v0 not repeated
};

/// Records DFS tree parents; a back edge closes a cycle through the gray path.
class CycleVisitor : public boost::default_dfs_visitor {
 public:
  explicit CycleVisitor(std::vector<Vertex>& parent) : parent_(&parent) {}
  void tree_edge(Edge e, const DependencyGraph& g) const { (*parent_)[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const DependencyGraph& g) const {
    const Vertex from = boost::source(e, g);
    const Vertex to = boost::target(e, g);
    std::vector<Vertex> path{from};
    for (Vertex v = from; v != to; v = (*parent_)[v]) path.push_back((*parent_)[v]);
    std::reverse(path.begin(), path.end());  // to ... from
    throw CycleFound{path};
  }

 private:
  std::vector<Vertex>* parent_;
};

/// The first dependsOn cycle (by container order), as container indexes.
std::optional<std::vector<std::size_t>> find_cycle(const TaskDefinition& td) {
  const auto& containers = td.container_definitions;
  DependencyGraph g(containers.size());
  for (std::size_t i = 0; i < containers.size(); ++i) {
    for (const ContainerDependency& d : containers[i].depends_on) {
      for (std::size_t j = 0; j < containers.size(); ++j)
        if (containers[j].name == d.container_name) boost::add_edge(i, j, g);
    }
  }
  std::vector<Vertex> parent(containers.size());
  std::vector<boost::default_color_type> colors(containers.size());
  try {
    boost::depth_first_search(g, CycleVisitor(parent),
                              boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g)));
  } catch (const CycleFound& found) {
    return std::vector<std::size_t>(found.cycle.begin(), found.cycle.end());
  }
  return std::nullopt;
}

// ------------------------------------------------------------------ the checker

class Checker {
 public:
  explicit Checker(const Scenario& s) : s_(s) {}

  std::vector<ValidationIssue> run() {
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

  void error(const SourceLocation& where, std::string field, std::string key, std::string message) {
    issues_.push_back(ValidationIssue{where, std::move(field), std::move(key), std::move(message), false});
  }
  void warn(const SourceLocation& where, std::string field, std::string key, std::string message) {
    issues_.push_back(ValidationIssue{where, std::move(field), std::move(key), std::move(message), true});
  }

  static std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
    if (const auto near = closest_match(word, std::span<const std::string>(candidates)); near && *near != word)
      return "; did you mean " + q(*near) + "?";
    return "";
  }

  void index() {
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

  const ClusterSpec* cluster(const std::string& name) const {
    for (const ClusterSpec& c : s_.clusters)
      if (c.cluster_name == name) return &c;
    return nullptr;
  }

  const CapacityProviderSpec* provider(const std::string& name) const {
    for (const CapacityProviderSpec& cp : s_.capacity_providers)
      if (cp.name == name) return &cp;
    return nullptr;
  }

  const TargetGroupSpec* target_group(const std::string& name) const {
    for (const TargetGroupSpec& tg : s_.target_groups)
      if (tg.name == name) return &tg;
    return nullptr;
  }

  /// The service entry with this name created at or before `at`, if any.
  const SvcEntry* service(const std::string& name, Millis at) const {
    for (const SvcEntry& e : services_)
      if (e.svc->service_name == name && e.at <= at) return &e;
    return nullptr;
  }

  void check_cluster_ref(const SourceLocation& where, const std::string& path, const std::string& name) {
    if (name.empty() || cluster(name)) return;
    error(where, path + ".cluster", "cluster", "no cluster named " + q(name) + suggest(name, cluster_names_));
  }

  void check_instance_type(const SourceLocation& where, const std::string& path, const std::string& name) {
    if (name.empty()) return;
    try {
      instance_type(name);
    } catch (const InputError& e) {
      error(where, path + ".instanceType", "instanceType", e.what());
    }
  }

  /// Resolves "family" (latest registered by `at`) or "family:revision";
  /// reports what is wrong at where/field/key and returns nullptr if it does not resolve.
  const TaskDefinition* resolve_task_definition(const std::string& ref, Millis at, const SourceLocation& where,
                                                const std::string& field, const std::string& key,
                                                bool any_time = false) {
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
      error(where, field, key,
            "task definition " + q(family) + " has no revision " + std::to_string(revision) + " (revisions: " + list +
                ")");
    }
    return nullptr;
  }

  // ---------------------------------------------------------------- sections

  void check_simulation() {
    const SimulationSpec& sim = s_.simulation;
    if (sim.duration > Millis{0} && sim.metrics_interval > sim.duration)
      warn(sim.where, "simulation.metricsInterval", "metricsInterval",
           "is longer than the simulation (" + format_duration(sim.duration) + "); metrics.csv will have one row");
  }

  void check_unique(const std::vector<std::string>& names, const std::vector<SourceLocation>& wheres,
                    const std::string& section, const std::string& key, const std::string& what) {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;
      const auto [it, inserted] = first.emplace(names[i], i);
      if (!inserted)
        error(wheres[i], section + "." + names[i] + "." + key, key,
              "duplicate " + what + " " + q(names[i]) + " (also at line " + std::to_string(wheres[it->second].line) +
                  ")");
    }
  }

  void check_clusters() {
    std::vector<SourceLocation> wheres;
    for (const ClusterSpec& c : s_.clusters) wheres.push_back(c.where);
    check_unique(cluster_names_, wheres, "clusters", "clusterName", "cluster");
    for (std::size_t i = 0; i < s_.clusters.size(); ++i) {
      const ClusterSpec& c = s_.clusters[i];
      const std::string path = "clusters." + seg(c.cluster_name, i);
      for (std::size_t j = 0; j < c.capacity_providers.size(); ++j) {
        const std::string& name = c.capacity_providers[j];
        if (!is_fargate_provider(name) && !provider(name))
          error(c.where, path + ".capacityProviders." + std::to_string(j), "capacityProviders",
                "no capacity provider named " + q(name) + suggest(name, provider_names_));
      }
      // ECS: at most 20 capacity providers per cluster (ecs-facts.md §7.1).
      if (c.capacity_providers.size() > 20)
        error(c.where, path + ".capacityProviders", "capacityProviders",
              "a cluster takes at most 20 capacity providers");
      check_strategy(c.default_capacity_provider_strategy, c.cluster_name, path + ".defaultCapacityProviderStrategy",
                     c.where, "defaultCapacityProviderStrategy");
    }
  }

  void check_capacity_providers() {
    std::vector<SourceLocation> wheres;
    std::vector<std::string> names;
    for (const CapacityProviderSpec& cp : s_.capacity_providers) {
      wheres.push_back(cp.where);
      names.push_back(cp.name);
    }
    check_unique(names, wheres, "capacityProviders", "name", "capacity provider");
    for (std::size_t i = 0; i < s_.capacity_providers.size(); ++i) {
      const CapacityProviderSpec& cp = s_.capacity_providers[i];
      const std::string path = "capacityProviders." + seg(cp.name, i);
      // ECS: FARGATE and FARGATE_SPOT are reserved names (ecs-facts.md §7.1).
      if (is_fargate_provider(cp.name))
        error(cp.where, path + ".name", "name", q(cp.name) + " is reserved for the built-in Fargate provider");
      check_cluster_ref(cp.where, path, cp.cluster);
      const AutoScalingGroupSpec& g = cp.auto_scaling_group;
      const std::string gpath = path + ".autoScalingGroup";
      check_instance_type(g.where, gpath, g.instance_type);
      for (std::size_t k = 0; k < g.instance_types.size(); ++k) {
        const std::string tpath = gpath + ".instanceTypes." + std::to_string(k);
        try {
          instance_type(g.instance_types[k]);
        } catch (const InputError& e) {
          error(g.where, tpath, "instanceTypes", e.what());
        }
        if (std::find(g.instance_types.begin(), g.instance_types.begin() + static_cast<std::ptrdiff_t>(k),
                      g.instance_types[k]) != g.instance_types.begin() + static_cast<std::ptrdiff_t>(k))
          error(g.where, tpath, "instanceTypes", q(g.instance_types[k]) + " is listed twice");
      }
      // EC2 Auto Scaling: a mixed instances policy takes up to 40 instance types.
      if (g.instance_types.size() > 40)
        error(g.where, gpath + ".instanceTypes", "instanceTypes",
              "at most 40 instance types, got " + std::to_string(g.instance_types.size()));
      if (g.max_size < g.min_size)
        error(g.where, gpath + ".maxSize", "maxSize", "must be at least minSize (" + std::to_string(g.min_size) + ")");
      else if (g.desired_capacity && (*g.desired_capacity < g.min_size || *g.desired_capacity > g.max_size))
        error(g.where, gpath + ".desiredCapacity", "desiredCapacity",
              "must be between minSize and maxSize (" + std::to_string(g.min_size) + " and " +
                  std::to_string(g.max_size) + ")");
      const ManagedScaling& ms = cp.auto_scaling_group_provider.managed_scaling;
      if (ms.minimum_scaling_step_size > ms.maximum_scaling_step_size)
        error(ms.where, path + ".autoScalingGroupProvider.managedScaling.minimumScalingStepSize",
              "minimumScalingStepSize",
              "must not exceed maximumScalingStepSize (" + std::to_string(ms.maximum_scaling_step_size) + ")");
      // ECS: managed termination protection needs managed scaling (ecs-facts.md §7.2).
      if (cp.auto_scaling_group_provider.managed_termination_protection == Toggle::enabled &&
          ms.status != Toggle::enabled)
        error(cp.auto_scaling_group_provider.where, path + ".autoScalingGroupProvider.managedTerminationProtection",
              "managedTerminationProtection", "managed termination protection needs managedScaling status ENABLED");
    }
  }

  void check_container_instances() {
    for (std::size_t i = 0; i < s_.container_instances.size(); ++i) {
      const ContainerInstanceSpec& ci = s_.container_instances[i];
      const std::string path = "containerInstances." + std::to_string(i);
      check_cluster_ref(ci.where, path, ci.cluster);
      check_instance_type(ci.where, path, ci.instance_type);
      const ClusterSpec* c = cluster(ci.cluster);
      if (c && !ci.availability_zone.empty() &&
          std::find(c->availability_zones.begin(), c->availability_zones.end(), ci.availability_zone) ==
              c->availability_zones.end())
        error(ci.where, path + ".availabilityZone", "availabilityZone",
              "cluster " + q(ci.cluster) + " has no Availability Zone " + q(ci.availability_zone) +
                  suggest(ci.availability_zone, c->availability_zones));
    }
  }

  // ---------------------------------------------------------------- task definitions

  static bool requires_fargate(const TaskDefinition& td) {
    return std::find(td.requires_compatibilities.begin(), td.requires_compatibilities.end(), LaunchType::fargate) !=
           td.requires_compatibilities.end();
  }

  void check_task_definition(const TaskDefinition& td, const std::string& path) {
    const auto& containers = td.container_definitions;
    // ECS: at most 10 containers per task definition (ecs-facts.md §12).
    if (containers.size() > 10)
      error(td.where, path + ".containerDefinitions", "containerDefinitions",
            "a task definition takes at most 10 containers, got " + std::to_string(containers.size()));
    std::set<std::string> names;
    bool any_essential = false;
    int cpu_sum = 0;
    for (const ContainerDefinition& c : containers) {
      const std::string cpath = path + ".containerDefinitions." + c.name;
      if (!c.name.empty() && !names.insert(c.name).second)
        error(c.where, cpath + ".name", "name", "duplicate container name " + q(c.name));
      any_essential = any_essential || c.essential;
      cpu_sum += c.cpu;
      check_container(td, c, cpath);
    }
    // ECS: every task needs at least one essential container (ecs-facts.md §1.5).
    if (!containers.empty() && !any_essential)
      error(td.where, path + ".containerDefinitions", "containerDefinitions",
            "a task definition needs at least one essential container");
    if (td.cpu && cpu_sum > *td.cpu)
      error(td.where, path + ".cpu", "cpu",
            "the containers reserve " + std::to_string(cpu_sum) + " CPU units, more than the task's " +
                std::to_string(*td.cpu));
    if (const auto cycle = find_cycle(td)) {
      std::string text;
      for (std::size_t i : *cycle) text += containers[i].name + " -> ";
      text += containers[cycle->front()].name;
      const ContainerDefinition& first = containers[cycle->front()];
      error(first.where, path + ".containerDefinitions." + first.name + ".dependsOn", "dependsOn",
            "dependsOn cycle: " + text);
    }
    for (std::size_t i = 0; i < td.placement_constraints.size(); ++i) {
      const PlacementConstraintSpec& pc = td.placement_constraints[i];
      // ECS: task definitions accept only memberOf constraints.
      if (pc.type == PlacementConstraintType::distinct_instance)
        error(pc.where, path + ".placementConstraints." + std::to_string(i) + ".type", "type",
              "task definitions accept only memberOf constraints; put distinctInstance on the service");
      check_constraint(pc, path + ".placementConstraints." + std::to_string(i));
    }
    if (requires_fargate(td)) {
      check_fargate(td, path);
    } else if (td.cpu && (*td.cpu < 128 || *td.cpu > 196'608)) {
      // ECS: EC2 task-level cpu 128-196608 units (ecs-facts.md §8.1).
      error(td.where, path + ".cpu", "cpu", "must be between 128 and 196608 CPU units, got " + std::to_string(*td.cpu));
    }
  }

  void check_container(const TaskDefinition& td, const ContainerDefinition& c, const std::string& cpath) {
    if (!td.memory && !c.memory && !c.memory_reservation)
      error(c.where, cpath + ".memory", "",
            "required (or memoryReservation) when the task definition has no task-level memory");
    if (c.memory && c.memory_reservation && *c.memory_reservation > *c.memory)
      error(c.where, cpath + ".memoryReservation", "memoryReservation",
            "must not exceed memory (" + std::to_string(*c.memory) + ")");
    if (td.memory && c.memory && *c.memory > *td.memory)
      error(c.where, cpath + ".memory", "memory",
            "is more than the task's memory (" + std::to_string(*td.memory) + " MiB)");
    for (std::size_t i = 0; i < c.port_mappings.size(); ++i) {
      const PortMapping& pm = c.port_mappings[i];
      // ECS: with awsvpc the host port is the container port.
      if (td.network_mode == NetworkMode::awsvpc && pm.host_port && *pm.host_port != pm.container_port)
        error(pm.where, cpath + ".portMappings." + std::to_string(i) + ".hostPort", "hostPort",
              "with networkMode awsvpc, hostPort must be left out or equal containerPort (" +
                  std::to_string(pm.container_port) + ")");
    }
    for (const ContainerDependency& d : c.depends_on) {
      const std::string dpath = cpath + ".dependsOn." + d.container_name;
      const ContainerDefinition* dep = nullptr;
      for (const ContainerDefinition& other : td.container_definitions)
        if (other.name == d.container_name) dep = &other;
      if (!dep) {
        std::vector<std::string> names;
        for (const ContainerDefinition& other : td.container_definitions) names.push_back(other.name);
        error(d.where, dpath + ".containerName", "containerName",
              "no container named " + q(d.container_name) + " in this task definition" +
                  suggest(d.container_name, names));
        continue;
      }
      // ECS: COMPLETE and SUCCESS are not allowed on an essential container (ecs-facts.md §1.5).
      if ((d.condition == DependencyCondition::complete || d.condition == DependencyCondition::success) &&
          dep->essential)
        error(d.where, dpath + ".condition", "condition",
              "condition " + std::string(enum_name(d.condition)) + " is not allowed on an essential container (" +
                  q(dep->name) + " is essential)");
      // ECS: HEALTHY needs a health check on the dependency (ecs-facts.md §1.5).
      if (d.condition == DependencyCondition::healthy && !dep->health_check)
        error(d.where, dpath + ".condition", "condition", "condition HEALTHY needs a healthCheck on " + q(dep->name));
    }
    if (requires_fargate(td)) {
      // ECS: Fargate stopTimeout and startTimeout are 2-120 s (ecs-facts.md §1.2).
      if (c.stop_timeout < Millis{2'000} || c.stop_timeout > Millis{120'000})
        error(c.where, cpath + ".stopTimeout", "stopTimeout", "must be between 2 and 120 seconds on Fargate");
      if (c.start_timeout && (*c.start_timeout < Millis{2'000} || *c.start_timeout > Millis{120'000}))
        error(c.where, cpath + ".startTimeout", "startTimeout", "must be between 2 and 120 seconds on Fargate");
    }
  }

  void check_fargate(const TaskDefinition& td, const std::string& path) {
    // ECS: Fargate tasks use awsvpc and give task-level cpu and memory (ecs-facts.md §8.1).
    if (td.network_mode != NetworkMode::awsvpc)
      error(td.where, path + ".networkMode", "networkMode", "Fargate requires networkMode awsvpc");
    if (!td.cpu) error(td.where, path + ".cpu", "", "Fargate requires a task-level cpu");
    if (!td.memory) error(td.where, path + ".memory", "", "Fargate requires a task-level memory");
    if (td.cpu && td.memory) {
      try {
        validate_fargate_size(*td.cpu, *td.memory, td.runtime_platform.operating_system_family);
      } catch (const InputError& e) {
        const bool cpu_wrong = fargate_memory_options(*td.cpu).empty();
        error(td.where, path + (cpu_wrong ? ".cpu" : ".memory"), cpu_wrong ? "cpu" : "memory", e.what());
      }
    }
    if (!td.placement_constraints.empty())
      error(td.where, path + ".placementConstraints", "placementConstraints",
            "placement constraints are not supported on Fargate");
  }

  void check_constraint(const PlacementConstraintSpec& pc, const std::string& path) {
    if (pc.type == PlacementConstraintType::member_of && pc.expression.empty())
      error(pc.where, path + ".expression", "", "memberOf needs an expression");
    if (pc.type == PlacementConstraintType::distinct_instance && !pc.expression.empty())
      error(pc.where, path + ".expression", "expression", "distinctInstance takes no expression");
    // ECS: expressions are at most 2000 characters (ecs-facts.md §6.3).
    if (pc.expression.size() > 2000)
      error(pc.where, path + ".expression", "expression", "expressions are at most 2000 characters");
  }

  // ---------------------------------------------------------------- capacity and placement

  void check_strategy(const std::vector<CapacityProviderStrategyItem>& items, const std::string& cluster_name,
                      const std::string& path, const SourceLocation& owner, const std::string& key) {
    if (items.empty()) return;
    // ECS: at most 20 providers per strategy; one base; some weight > 0; no
    // mixing Fargate and Auto Scaling group providers (ecs-facts.md §7.1).
    if (items.size() > 20) error(owner, path, key, "a strategy takes at most 20 capacity providers");
    const ClusterSpec* c = cluster(cluster_name);
    int with_base = 0;
    bool any_weight = false;
    bool fargate = false;
    bool asg = false;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const CapacityProviderStrategyItem& item = items[i];
      const std::string ipath = path + "." + std::to_string(i);
      any_weight = any_weight || item.weight > 0;
      if (item.base > 0 && ++with_base == 2)
        error(item.where, ipath + ".base", "base", "only one capacity provider in a strategy may set base");
      const std::string& name = item.capacity_provider;
      if (name.empty()) continue;
      if (!seen.insert(name).second)
        error(item.where, ipath + ".capacityProvider", "capacityProvider",
              "capacity provider " + q(name) + " appears twice in the strategy");
      const CapacityProviderSpec* cp = provider(name);
      if (!is_fargate_provider(name) && !cp) {
        error(item.where, ipath + ".capacityProvider", "capacityProvider",
              "no capacity provider named " + q(name) + suggest(name, provider_names_));
        continue;
      }
      (is_fargate_provider(name) ? fargate : asg) = true;
      const bool listed = c && std::find(c->capacity_providers.begin(), c->capacity_providers.end(), name) !=
                                   c->capacity_providers.end();
      if (c && !listed && !(cp && cp->cluster == cluster_name))
        error(item.where, ipath + ".capacityProvider", "capacityProvider",
              "capacity provider " + q(name) + " is not associated with cluster " + q(cluster_name) +
                  " (list it in the cluster's capacityProviders)");
    }
    if (!any_weight)
      error(owner, path, key, "at least one capacity provider needs a weight above 0 (weight defaults to 0)");
    if (fargate && asg)
      error(owner, path, key, "a strategy cannot mix FARGATE or FARGATE_SPOT with Auto Scaling group providers");
  }

  /// The launch type tasks get: the given one, else the strategy's kind.
  static std::optional<LaunchType> effective_launch_type(const std::optional<LaunchType>& launch_type,
                                                         const std::vector<CapacityProviderStrategyItem>& strategy) {
    if (launch_type) return launch_type;
    if (strategy.empty()) return std::nullopt;
    return is_fargate_provider(strategy.front().capacity_provider) ? LaunchType::fargate : LaunchType::ec2;
  }

  void check_placement(const std::vector<PlacementStrategySpec>& strategies,
                       const std::vector<PlacementConstraintSpec>& constraints, const TaskDefinition* td, bool on_fargate,
                       const std::string& path, const SourceLocation& owner) {
    // ECS: Fargate supports no placement strategies or constraints (ecs-facts.md §2.1).
    if (on_fargate && !strategies.empty())
      error(owner, path + ".placementStrategy", "placementStrategy",
            "placement strategies are not supported on Fargate");
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

  void check_launch(const TaskDefinition* td, const std::optional<LaunchType>& launch, const std::string& td_ref,
                    const SourceLocation& where, const std::string& path) {
    // ECS Anywhere runs bridge, host and none network modes, not awsvpc.
    if (td && launch == LaunchType::external && td->network_mode == NetworkMode::awsvpc)
      error(where, path + ".taskDefinition", "taskDefinition",
            "task definition " + q(td_ref) + " uses networkMode awsvpc, which EXTERNAL (ECS Anywhere) instances do "
            "not support; use bridge or host");
    if (!td || launch != LaunchType::fargate || requires_fargate(*td)) return;
    error(where, path + ".taskDefinition", "taskDefinition",
          "task definition " + q(td_ref) +
              " cannot run on Fargate: add FARGATE to its requiresCompatibilities (with networkMode awsvpc and "
              "task-level cpu and memory)");
  }

  // ---------------------------------------------------------------- services

  void check_service(const ServiceSpec& svc, const std::string& path, Millis at) {
    const SourceLocation& w = svc.where;
    if (!svc.service_name.empty()) {
      for (const SvcEntry& e : services_) {
        if (e.svc == &svc) break;
        if (e.svc->service_name == svc.service_name)
          error(
              w, path + ".serviceName", "serviceName",
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
      if (fargate)
        error(w, path + ".schedulingStrategy", "schedulingStrategy", "DAEMON services cannot run on Fargate");
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

  void check_load_balancers(const ServiceSpec& svc, const TaskDefinition* td, const std::string& path) {
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
        error(
            lb.where, lpath + ".containerPort", "containerPort",
            "container " + q(lb.container_name) + " has no port mapping for port " + std::to_string(lb.container_port));
    }
  }

  void check_auto_scaling(const ServiceSpec& svc, const AutoScalingSpec& as, const std::string& path) {
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

  // ---------------------------------------------------------------- other sections

  void check_target_groups() {
    std::vector<SourceLocation> wheres;
    for (const TargetGroupSpec& tg : s_.target_groups) wheres.push_back(tg.where);
    check_unique(target_group_names_, wheres, "targetGroups", "name", "target group");
  }

  void check_code_deploy() {
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

  /// Deployment alarms fire when a StepScaling policy's alarm of that name
  /// is in ALARM; ecsim knows no other CloudWatch alarms.
  void warn_undefined_alarm(const std::string& alarm, const SourceLocation& where, const std::string& path) {
    std::vector<std::string> names;
    for (const ServiceSpec& svc : s_.services) {
      if (!svc.auto_scaling) continue;
      for (const ScalingPolicy& p : svc.auto_scaling->policies)
        if (p.alarm) names.push_back(p.alarm->alarm_name.empty() ? p.policy_name + "-alarm" : p.alarm->alarm_name);
    }
    if (std::find(names.begin(), names.end(), alarm) == names.end())
      warn(where, path, "", "no StepScaling policy defines alarm " + q(alarm) + suggest(alarm, names) +
                                "; ecsim never raises it on its own");
  }

  void check_behavior() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s_.behavior.size(); ++i) {
      const BehaviorSpec& b = s_.behavior[i];
      const std::string path = "behavior." + seg(b.task_definition, i);
      if (b.task_definition.empty()) continue;
      if (!seen.insert(b.task_definition).second)
        error(b.where, path + ".taskDefinition", "taskDefinition",
              "behavior for " + q(b.task_definition) + " is given twice");
      resolve_task_definition(b.task_definition, Millis::max(), b.where, path + ".taskDefinition", "taskDefinition",
                              true);
    }
  }

  void check_workloads() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s_.workloads.size(); ++i) {
      const WorkloadSpec& w = s_.workloads[i];
      const std::string path = "workloads." + seg(w.service, i);
      if (w.service.empty()) continue;
      if (!seen.insert(w.service).second)
        error(w.where, path + ".service", "service", "service " + q(w.service) + " already has a workload");
      if (!service(w.service, Millis::max()))
        error(w.where, path + ".service", "service",
              "no service named " + q(w.service) + suggest(w.service, service_names_));
    }
  }

  void check_faults() {
    std::vector<std::string> zones;
    for (const ClusterSpec& c : s_.clusters)
      for (const std::string& z : c.availability_zones)
        if (std::find(zones.begin(), zones.end(), z) == zones.end()) zones.push_back(z);
    for (std::size_t i = 0; i < s_.faults.size(); ++i) {
      const FaultSpec& f = s_.faults[i];
      const std::string path = "faults." + std::to_string(i);
      if (f.type == FaultType::spot_interruptions && !f.capacity_provider.empty()) {
        const CapacityProviderSpec* cp = provider(f.capacity_provider);
        const std::string cpath = path + ".capacityProvider";
        if (f.capacity_provider == "FARGATE_SPOT") {
          if (f.rate_per_instance_hour > 0)
            error(f.where, path + ".ratePerInstanceHour", "ratePerInstanceHour",
                  "Fargate Spot interrupts tasks: use ratePerTaskHour");
          if (f.rebalance_recommendation > Millis{0})
            error(f.where, path + ".rebalanceRecommendation", "rebalanceRecommendation",
                  "rebalance recommendations come to EC2 Spot instances, not Fargate Spot tasks");
        } else if (!cp) {
          std::vector<std::string> names = provider_names_;
          error(f.where, cpath, "capacityProvider",
                "no capacity provider named " + q(f.capacity_provider) + suggest(f.capacity_provider, names));
        } else if (cp->auto_scaling_group.purchase_option != PurchaseOption::spot) {
          error(f.where, cpath, "capacityProvider",
                "capacity provider " + q(f.capacity_provider) +
                    " runs on-demand instances; Spot interruptions need purchaseOption spot (or FARGATE_SPOT)");
        } else if (f.rate_per_task_hour > 0) {
          error(f.where, path + ".ratePerTaskHour", "ratePerTaskHour",
                "EC2 Spot interrupts instances: use ratePerInstanceHour");
        }
      }
      // ecsim models the shortage on Fargate Spot only (an ecsim field, so no ECS rule to follow).
      if (f.type == FaultType::spot_capacity_unavailable && !f.capacity_provider.empty() &&
          f.capacity_provider != "FARGATE_SPOT")
        error(f.where, path + ".capacityProvider", "capacityProvider",
              "spotCapacityUnavailable applies to FARGATE_SPOT only, got " + q(f.capacity_provider));
      if (f.type == FaultType::spot_interruptions && !f.times.empty() && s_.simulation.duration > Millis{0} &&
          f.times.back() >= s_.simulation.duration)
        warn(f.where, path + ".csv", "csv",
             "has times at or after the end of the simulation (" + format_duration(s_.simulation.duration) +
                 "); those rows never happen");
      if (f.type == FaultType::az_outage || f.type == FaultType::spot_capacity_unavailable) {
        if (f.type == FaultType::az_outage && !f.availability_zone.empty() &&
            std::find(zones.begin(), zones.end(), f.availability_zone) == zones.end())
          error(f.where, path + ".availabilityZone", "availabilityZone",
                "no cluster uses Availability Zone " + q(f.availability_zone) + suggest(f.availability_zone, zones));
        if (f.at >= s_.simulation.duration && s_.simulation.duration > Millis{0})
          warn(f.where, path + ".at", "at",
               "starts after the simulation ends (" + format_duration(s_.simulation.duration) + "); it never happens");
      }
    }
  }

  void check_timeline() {
    for (std::size_t i = 0; i < s_.timeline.size(); ++i) {
      const TimelineEntry& e = s_.timeline[i];
      const std::string path = "timeline." + std::to_string(i);
      if (s_.simulation.duration > Millis{0} && e.at >= s_.simulation.duration)
        warn(e.where, path + ".at", "at",
             "is at or after the end of the simulation (" + format_duration(s_.simulation.duration) +
                 "); it never happens");
      if (const auto* up = std::get_if<UpdateServiceAction>(&e.action)) {
        const std::string apath = path + ".updateService";
        const SvcEntry* svc = up->service.empty() ? nullptr : service(up->service, e.at);
        if (!up->service.empty() && !svc)
          error(up->where, apath + ".service", "service",
                "no service named " + q(up->service) + " exists at " + format_duration(e.at) +
                    suggest(up->service, service_names_));
        const TaskDefinition* td = nullptr;
        if (up->task_definition)
          td = resolve_task_definition(*up->task_definition, e.at, up->where, apath + ".taskDefinition",
                                       "taskDefinition");
        if (svc && td)
          check_launch(td, effective_launch_type(svc->svc->launch_type, svc->svc->capacity_provider_strategy),
                       *up->task_definition, up->where, apath);
        if (svc && !up->capacity_provider_strategy.empty())
          check_strategy(up->capacity_provider_strategy, svc->svc->cluster, apath + ".capacityProviderStrategy",
                         up->where, "capacityProviderStrategy");
        if (svc && up->deployment_configuration && up->deployment_configuration->maximum_percent &&
            *up->deployment_configuration->maximum_percent < 100 &&
            svc->svc->scheduling_strategy == SchedulingStrategy::replica)
          error(up->deployment_configuration->where, apath + ".deploymentConfiguration.maximumPercent",
                "maximumPercent",
                "must be at least 100 for REPLICA services, got " +
                    std::to_string(*up->deployment_configuration->maximum_percent));
      } else if (const auto* run = std::get_if<RunTaskAction>(&e.action)) {
        const std::string apath = path + ".runTask";
        check_cluster_ref(run->where, apath, run->cluster);
        const TaskDefinition* td = resolve_task_definition(run->task_definition, e.at, run->where,
                                                           apath + ".taskDefinition", "taskDefinition");
        const ClusterSpec* c = cluster(run->cluster);
        if (!(c && run->capacity_provider_strategy == c->default_capacity_provider_strategy))
          check_strategy(run->capacity_provider_strategy, run->cluster, apath + ".capacityProviderStrategy", run->where,
                         "capacityProviderStrategy");
        const auto launch = effective_launch_type(run->launch_type, run->capacity_provider_strategy);
        check_launch(td, launch, run->task_definition, run->where, apath);
        check_placement(run->placement_strategy, run->placement_constraints, td, launch == LaunchType::fargate, apath,
                        run->where);
      } else if (const auto* del = std::get_if<DeleteServiceAction>(&e.action)) {
        if (!del->service.empty() && !service(del->service, e.at))
          error(del->where, path + ".deleteService.service", "service",
                "no service named " + q(del->service) + " exists at " + format_duration(e.at) +
                    suggest(del->service, service_names_));
      } else if (const auto* cont = std::get_if<ContinueDeploymentAction>(&e.action)) {
        // CodeDeploy's ContinueDeployment: only a CODE_DEPLOY service has a
        // CodeDeploy deployment to continue.
        const SvcEntry* svc = cont->service.empty() ? nullptr : service(cont->service, e.at);
        if (!cont->service.empty() && !svc)
          error(cont->where, path + ".continueDeployment.service", "service",
                "no service named " + q(cont->service) + " exists at " + format_duration(e.at) +
                    suggest(cont->service, service_names_));
        else if (svc && svc->svc->deployment_controller.type != DeploymentControllerType::code_deploy)
          error(cont->where, path + ".continueDeployment.service", "service",
                "service " + q(cont->service) + " has no CodeDeploy deployments to continue (deploymentController " +
                    std::string(enum_name(svc->svc->deployment_controller.type)) + ")");
      }
    }
  }

  const Scenario& s_;
  std::vector<ValidationIssue> issues_;
  std::vector<TdEntry> task_definitions_;
  std::vector<SvcEntry> services_;
  std::vector<std::string> cluster_names_, provider_names_, target_group_names_, families_, service_names_;
};

}  // namespace

std::vector<ValidationIssue> validate_scenario(const Scenario& scenario) {
  std::vector<ValidationIssue> issues = Checker(scenario).run();
  for (ValidationIssue& i : check_scenario_limits(scenario)) issues.push_back(std::move(i));  // scenario_limits.cpp
  return issues;
}

}  // namespace ecsim::detail
