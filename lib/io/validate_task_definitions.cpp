// Checks of task definitions: containers, memory, ports, dependsOn
// conditions and cycles (Boost.Graph), Fargate sizes and placement constraints.
#include "io/scenario_checker.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/model/enum_names.hpp>
#include <ecsim/model/fargate.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>
#include <set>

namespace ecsim::detail {
namespace {

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

}  // namespace

bool ScenarioChecker::requires_fargate(const TaskDefinition& td) {
  return std::find(td.requires_compatibilities.begin(), td.requires_compatibilities.end(), LaunchType::fargate) !=
         td.requires_compatibilities.end();
}

void ScenarioChecker::check_task_definition(const TaskDefinition& td, const std::string& path) {
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

void ScenarioChecker::check_container(const TaskDefinition& td, const ContainerDefinition& c,
                                      const std::string& cpath) {
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
      error(
          d.where, dpath + ".containerName", "containerName",
          "no container named " + q(d.container_name) + " in this task definition" + suggest(d.container_name, names));
      continue;
    }
    // ECS: COMPLETE and SUCCESS are not allowed on an essential container (ecs-facts.md §1.5).
    if ((d.condition == DependencyCondition::complete || d.condition == DependencyCondition::success) && dep->essential)
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

void ScenarioChecker::check_fargate(const TaskDefinition& td, const std::string& path) {
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

void ScenarioChecker::check_constraint(const PlacementConstraintSpec& pc, const std::string& path) {
  if (pc.type == PlacementConstraintType::member_of && pc.expression.empty())
    error(pc.where, path + ".expression", "", "memberOf needs an expression");
  if (pc.type == PlacementConstraintType::distinct_instance && !pc.expression.empty())
    error(pc.where, path + ".expression", "expression", "distinctInstance takes no expression");
  // ECS: expressions are at most 2000 characters (ecs-facts.md §6.3).
  if (pc.expression.size() > 2000)
    error(pc.where, path + ".expression", "expression", "expressions are at most 2000 characters");
}

}  // namespace ecsim::detail
