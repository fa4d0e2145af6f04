// ecsim.Cluster: the EC2 placement core (ClusterState + Placer) on its own,
// for questions a whole scenario is too big for ("where would these tasks
// go on these instances with this strategy?"). Instances and tasks are named
// as ECS names them: EC2 instance ids and task numbers in placing order.
#include "bindings.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/placement/cluster_state.hpp>
#include <ecsim/placement/placement_policy.hpp>
#include <ecsim/placement/placer.hpp>
#include <ecsim/placement/task_demand.hpp>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace ecsim::detail {

namespace {

std::string dict_text(const py::dict& d, const char* key, const char* what) {
  if (!d.contains(key)) throw InputError(fmt::format("{} needs '{}'", what, key));
  return py::str(d[key]).cast<std::string>();
}

/// Strategies and constraints as a scenario file writes them:
/// [{"type": "spread", "field": "attribute:ecs.availability-zone"}, ...].
PlacementPolicy policy_from(const py::list& strategy, const py::list& constraints) {
  PlacementPolicy p;
  for (const auto& item : strategy) {
    const auto d = py::cast<py::dict>(item);
    PlacementStrategy s;
    s.type = parse_strategy_type(dict_text(d, "type", "a placement strategy"));
    if (d.contains("field")) s.field = py::str(d["field"]).cast<std::string>();
    p.strategies.push_back(std::move(s));
  }
  for (const auto& item : constraints) {
    const auto d = py::cast<py::dict>(item);
    PlacementConstraint c;
    c.type = parse_constraint_type(dict_text(d, "type", "a placement constraint"));
    if (d.contains("expression")) c.expression = py::str(d["expression"]).cast<std::string>();
    p.constraints.push_back(std::move(c));
  }
  return p;
}

class PyCluster {
 public:
  explicit PyCluster(std::uint64_t seed)
      : state_(std::make_unique<ClusterState>()), placer_(std::make_unique<Placer>(*state_, seed)) {}

  std::vector<std::string> add_instances(const std::string& type_name, const std::string& az,
                                         const std::map<std::string, std::string>& attributes, int count,
                                         bool trunking) {
    if (count < 1) throw InputError(fmt::format("count must be 1 or more, got {}", count));
    const InstanceType& type = instance_type(type_name);  // InputError with a did-you-mean
    std::vector<std::string> ids;
    for (int k = 0; k < count; ++k) {
      InstanceSpec spec;
      spec.instance_type = type.name;
      spec.availability_zone = az;
      spec.cpu_units = registered_cpu(type);
      spec.memory_mib = registered_memory_mib(type);
      spec.gpus = type.gpus;
      spec.eni_task_limit = awsvpc_task_limit(type, trunking);
      spec.cpu_architecture = std::string(to_string(type.architecture));
      spec.attributes.assign(attributes.begin(), attributes.end());
      const InstanceId id = state_->register_instance(spec);
      ids.push_back(state_->ec2_instance_id(id));
      by_name_[ids.back()] = id;
    }
    return ids;
  }

  /// Places count tasks one by one; returns the instance of each placed task
  /// and, when one could not be placed, ECS's reason (then stops: the next
  /// task, the same size, would not fit either).
  std::pair<std::vector<std::string>, std::optional<std::string>> place(
      int cpu, int memory, int count, const py::list& strategy, const py::list& constraints,
      const std::string& group, const std::string& network_mode, int gpus) {
    if (count < 0) throw InputError(fmt::format("count must be 0 or more, got {}", count));
    if (cpu < 0 || memory <= 0 || gpus < 0)
      throw InputError(fmt::format("a task needs cpu >= 0, memory > 0 and gpus >= 0 (got {}, {}, {})", cpu,
                                   memory, gpus));
    const PolicyId policy = policy_for(policy_from(strategy, constraints));
    const NetworkMode mode = parse_network_mode(network_mode);
    const auto key = std::make_tuple(cpu, memory, gpus, static_cast<int>(mode));
    auto demand = demands_.find(key);
    if (demand == demands_.end())
      demand = demands_.emplace(key, state_->add_demand(simple_demand(cpu, memory, gpus, mode))).first;
    const TaskGroupId task_group = state_->group(group);
    std::vector<std::string> placed;
    for (int k = 0; k < count; ++k) {
      const TaskId task = make_id<TaskId>(next_task_++);
      const PlacementResult r = placer_->place(task, demand->second, task_group, policy);
      if (!r) {
        --next_task_;
        const auto& f = r.failure();
        const std::string closest =
            f.closest == invalid_id<InstanceId> ? std::string() : state_->ec2_instance_id(f.closest);
        return {std::move(placed), placement_failure_message(f, closest)};
      }
      placed.push_back(state_->ec2_instance_id(*r));
    }
    return {std::move(placed), std::nullopt};
  }

  py::dict instance(const std::string& name) const {
    const InstanceId id = find(name);
    const Capacity left = state_->remaining(id), total = state_->registered(id);
    py::dict d;
    d["availabilityZone"] = state_->attributes().text(state_->availability_zone(id));
    d["runningTasks"] = state_->running_tasks(id);
    d["registeredCpu"] = total.cpu;
    d["registeredMemory"] = total.memory_mib;
    d["remainingCpu"] = left.cpu;
    d["remainingMemory"] = left.memory_mib;
    d["remainingEnis"] = left.enis;
    return d;
  }

  std::vector<std::string> instances() const {
    std::vector<std::pair<std::uint32_t, std::string>> rows;
    for (const auto& [name, id] : by_name_) rows.emplace_back(index(id), name);
    std::sort(rows.begin(), rows.end());
    std::vector<std::string> out;
    for (auto& r : rows) out.push_back(std::move(r.second));
    return out;
  }

  std::uint32_t task_count() const { return state_->live_tasks(); }

 private:
  InstanceId find(const std::string& name) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) throw InputError(fmt::format("no instance '{}' in this cluster", name));
    return it->second;
  }

  PolicyId policy_for(const PlacementPolicy& p) {
    for (const auto& [known, id] : policies_)
      if (known == p) return id;
    const PolicyId id = placer_->add_policy(p);  // InputError for a bad field or expression
    policies_.emplace_back(p, id);
    return id;
  }

  std::unique_ptr<ClusterState> state_;
  std::unique_ptr<Placer> placer_;
  std::unordered_map<std::string, InstanceId> by_name_;
  std::vector<std::pair<PlacementPolicy, PolicyId>> policies_;
  std::map<std::tuple<int, int, int, int>, DemandId> demands_;
  std::uint32_t next_task_ = 0;
};

}  // namespace

void bind_placement(py::module_& m) {
  py::class_<PyCluster>(m, "Cluster", "EC2 container instances and ECS task placement (the simulator's own).")
      .def(py::init<std::uint64_t>(), py::arg("seed") = 0)
      .def("add_instances", &PyCluster::add_instances, py::arg("instance_type"), py::arg("availability_zone"),
           py::arg("attributes"), py::arg("count"), py::arg("trunking"))
      .def("place", &PyCluster::place, py::arg("cpu"), py::arg("memory"), py::arg("count"),
           py::arg("strategy"), py::arg("constraints"), py::arg("group"), py::arg("network_mode"),
           py::arg("gpus"))
      .def("instance", &PyCluster::instance, py::arg("instance_id"))
      .def("instances", &PyCluster::instances)
      .def_property_readonly("task_count", &PyCluster::task_count);
}

}  // namespace ecsim::detail
