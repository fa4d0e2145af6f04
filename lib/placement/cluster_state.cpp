#include "ecsim/placement/cluster_state.hpp"

#include <algorithm>
#include <cctype>

#include "ecsim/core/assert.hpp"
#include "ecsim/core/error.hpp"

namespace ecsim {

namespace {

// ECS: custom attribute names are 1-128 of [A-Za-z0-9-_/.]; values 1-128
// characters without leading or trailing space (ecs-facts.md §6.3).
void check_attribute(std::string_view name, std::string_view value) {
  if (name.empty() || name.size() > 128)
    throw InputError("attribute name '" + std::string(name) + "' must be 1-128 characters");
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/' || c == '.'))
      throw InputError("attribute name '" + std::string(name) + "' may use letters, digits and - _ / . only");
  if (value.empty() || value.size() > 128)
    throw InputError("attribute " + std::string(name) + ": value must be 1-128 characters");
  if (std::isspace(static_cast<unsigned char>(value.front())) || std::isspace(static_cast<unsigned char>(value.back())))
    throw InputError("attribute " + std::string(name) + ": value '" + std::string(value) +
                     "' may not start or end with a space");
}

template <class T>
void grow(std::vector<T>& v, std::uint32_t n, const T& fill) {
  if (v.size() < n) v.resize(n, fill);
}

template <class T>
std::size_t bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

ClusterState::ClusterState(PortConfig ports) : ports_(std::move(ports)) {}

void ClusterState::reserve_instances(std::uint32_t n) {
  ids_.reserve(n);
  for (auto* v : {&registered_cpu_, &registered_memory_, &registered_gpus_, &remaining_cpu_, &remaining_memory_,
                  &remaining_gpus_, &eni_limit_, &eni_used_})
    v->reserve(n);
  status_.reserve(n);
  parked_.reserve(n);
  running_tasks_.reserve(n);
  class_.reserve(n);
  epoch_.reserve(n);
  agent_connected_.reserve(n);
  registered_at_.reserve(n);
  ec2_id_.reserve(n);
}

void ClusterState::reserve_tasks(std::uint32_t n) {
  grow(task_instance_, n, invalid_id<InstanceId>);
  grow(task_demand_, n, DemandId{0});
  grow(task_group_, n, TaskGroupId{0});
}

InstanceId ClusterState::register_instance(const InstanceSpec& spec) {
  if (spec.cpu_units < 0 || spec.memory_mib < 0 || spec.gpus < 0 || spec.eni_task_limit < 0)
    throw InputError("instance " + spec.ec2_instance_id + ": cpu, memory, GPUs and ENIs must be >= 0");
  std::vector<AttrValueId> values;
  const auto builtin = [&](AttributeId a, const std::string& v) {
    if (!v.empty()) values.push_back(attributes_.intern_value(a, v));
  };
  builtin(AttributeTable::availability_zone, spec.availability_zone);
  builtin(AttributeTable::instance_type, spec.instance_type);
  builtin(AttributeTable::os_type, spec.os_type);
  builtin(AttributeTable::cpu_architecture, spec.cpu_architecture);
  builtin(AttributeTable::ami_id, spec.ami_id);
  for (const auto& [name, value] : spec.attributes) {
    check_attribute(name, value);
    const AttributeId a = attributes_.intern_name(name);
    std::erase_if(values, [&](AttrValueId v) { return attributes_.attribute_of(v) == a; });
    values.push_back(attributes_.intern_value(a, value));
  }

  const InstanceId id = ids_.allocate();
  const std::uint32_t i = index(id);
  const std::uint32_t n = i + 1;
  grow(status_, n, InstanceStatus::absent);
  grow(parked_, n, std::uint8_t{0});
  for (auto* v : {&registered_cpu_, &registered_memory_, &registered_gpus_, &remaining_cpu_, &remaining_memory_,
                  &remaining_gpus_, &eni_limit_, &eni_used_})
    grow(*v, n, 0);
  grow(running_tasks_, n, 0U);
  grow(class_, n, AttributeClassId{0});
  grow(epoch_, n, 0U);
  grow(agent_connected_, n, std::uint8_t{1});
  grow(registered_at_, n, Millis{0});
  grow(ec2_id_, n, std::string());
  ports_.resize(n);

  status_[i] = InstanceStatus::active;
  registered_cpu_[i] = remaining_cpu_[i] = spec.cpu_units;
  registered_memory_[i] = remaining_memory_[i] = spec.memory_mib;
  registered_gpus_[i] = remaining_gpus_[i] = spec.gpus;
  eni_limit_[i] = spec.eni_task_limit;
  eni_used_[i] = 0;
  running_tasks_[i] = 0;
  class_[i] = attributes_.intern_class(std::move(values));
  ++epoch_[i];
  agent_connected_[i] = 1;
  registered_at_[i] = spec.registered_at;
  ec2_id_[i] = spec.ec2_instance_id.empty() ? "i-" + std::to_string(100000000 + i) : spec.ec2_instance_id;
  ++active_count_;
  index_insert(i);
  return id;
}

void ClusterState::set_status(InstanceId id, InstanceStatus status) {
  const std::uint32_t i = index(id);
  ECSIM_ASSERT(ids_.alive(id), "status change of an unregistered instance");
  ECSIM_ASSERT(status != InstanceStatus::absent, "use deregister_instance to remove an instance");
  if (status_[i] == status) return;
  status_[i] = status;
  if (status == InstanceStatus::active) {
    ++active_count_;
    index_insert(i);
  } else {
    --active_count_;
    index_erase(i);
  }
}

void ClusterState::deregister_instance(InstanceId id) {
  const std::uint32_t i = index(id);
  ECSIM_ASSERT(ids_.alive(id), "deregistering an unregistered instance");
  ECSIM_ASSERT(running_tasks_[i] == 0, "release an instance's tasks before deregistering it");
  if (status_[i] == InstanceStatus::active) {
    --active_count_;
    index_erase(i);
  }
  status_[i] = InstanceStatus::absent;
  ++epoch_[i];
  ids_.release(id);
}

void ClusterState::set_class(std::uint32_t i, std::vector<AttrValueId> values) {
  const AttributeClassId c = attributes_.intern_class(std::move(values));
  if (c == class_[i]) return;
  const bool indexed = status_[i] == InstanceStatus::active;
  if (indexed) index_erase(i);
  class_[i] = c;
  ++epoch_[i];
  if (indexed) index_insert(i);
  // Counts per attribute value moved with the instance; attribute edits are
  // rare, so recount from the task columns instead of keeping per-instance task lists.
  if (!tracked_attributes_.empty() && running_tasks_[i] > 0) {
    group_in_value_.clear();
    for (std::uint32_t t = 0; t < task_instance_.size(); ++t) {
      const InstanceId on = task_instance_[t];
      if (on == invalid_id<InstanceId>) continue;
      for (const AttributeId a : tracked_attributes_)
        group_in_value_.increment(pair_key(index(task_group_[t]), index(attributes_.value_of(class_[index(on)], a))));
    }
  }
}

void ClusterState::set_attribute(InstanceId id, std::string_view name, std::string_view value) {
  ECSIM_ASSERT(ids_.alive(id), "attribute of an unregistered instance");
  check_attribute(name, value);
  if (name.substr(0, 4) == "ecs.")
    throw InputError("attribute " + std::string(name) + " is set by ECS itself; custom attributes may not start with 'ecs.'");
  const AttributeId a = attributes_.intern_name(name);
  const auto current = attributes_.class_values(class_[index(id)]);
  std::vector<AttrValueId> values(current.begin(), current.end());
  std::erase_if(values, [&](AttrValueId v) { return attributes_.attribute_of(v) == a; });
  values.push_back(attributes_.intern_value(a, value));
  set_class(index(id), std::move(values));
}

void ClusterState::remove_attribute(InstanceId id, std::string_view name) {
  ECSIM_ASSERT(ids_.alive(id), "attribute of an unregistered instance");
  const auto a = attributes_.find_name(name);
  if (!a) return;
  const auto current = attributes_.class_values(class_[index(id)]);
  std::vector<AttrValueId> values(current.begin(), current.end());
  std::erase_if(values, [&](AttrValueId v) { return attributes_.attribute_of(v) == *a; });
  set_class(index(id), std::move(values));
}

void ClusterState::set_agent_connected(InstanceId id, bool connected) {
  agent_connected_[index(id)] = connected ? 1 : 0;
}

DemandId ClusterState::add_demand(const TaskDemand& demand) {
  demands_.push_back(demand);
  const Capacity before = smallest_demand_;
  if (demands_.size() == 1) {
    smallest_demand_ = {demand.cpu, demand.memory_mib, demand.gpus, 0};
  } else {
    smallest_demand_.cpu = std::min(smallest_demand_.cpu, demand.cpu);
    smallest_demand_.memory_mib = std::min(smallest_demand_.memory_mib, demand.memory_mib);
    smallest_demand_.gpus = std::min(smallest_demand_.gpus, demand.gpus);
  }
  // Parking only ever happened against the old minimum: a smaller one may
  // make parked instances useful again.
  if (demands_.size() > 1 && !(smallest_demand_ == before)) unpark_fitting();
  return make_id<DemandId>(static_cast<std::uint32_t>(demands_.size() - 1));
}

bool ClusterState::takes_no_demand(std::uint32_t i) const noexcept {
  return remaining_cpu_[i] < smallest_demand_.cpu || remaining_memory_[i] < smallest_demand_.memory_mib ||
         remaining_gpus_[i] < smallest_demand_.gpus;
}

void ClusterState::unpark_fitting() {
  for (std::uint32_t i = 0; i < parked_.size(); ++i)
    if (parked_[i] != 0 && !takes_no_demand(i)) index_insert(i);
}

void ClusterState::count_groups(std::uint32_t i, TaskGroupId g, bool add) {
  if (track_instance_groups_) {
    if (add) group_on_instance_.increment(pair_key(index(g), i));
    else group_on_instance_.decrement(pair_key(index(g), i));
  }
  for (const AttributeId a : tracked_attributes_) {
    const std::uint64_t k = pair_key(index(g), index(attributes_.value_of(class_[i], a)));
    if (add) group_in_value_.increment(k);
    else group_in_value_.decrement(k);
  }
}

void ClusterState::commit(TaskId task, InstanceId id, DemandId demand_id, TaskGroupId group) {
  const std::uint32_t i = index(id);
  const TaskDemand& d = demands_[index(demand_id)];
  ECSIM_ASSERT(status_[i] != InstanceStatus::absent, "commit to an unregistered instance");
  ECSIM_ASSERT(fits(id, d), "commit of a task that does not fit");
  const std::uint32_t t = index(task);
  if (t >= task_instance_.size()) reserve_tasks(std::max<std::uint32_t>(t + 1, static_cast<std::uint32_t>(task_instance_.size() * 2)));
  ECSIM_ASSERT(task_instance_[t] == invalid_id<InstanceId>, "task already placed");
  remaining_cpu_[i] -= d.cpu;
  remaining_memory_[i] -= d.memory_mib;
  remaining_gpus_[i] -= d.gpus;
  if (d.needs_eni()) ++eni_used_[i];
  if (d.static_port_count != 0 || d.dynamic_port_count != 0) ports_.take(i, d);
  ++running_tasks_[i];
  if (track_instance_groups_ || !tracked_attributes_.empty()) count_groups(i, group, true);
  task_instance_[t] = id;
  task_demand_[t] = demand_id;
  task_group_[t] = group;
  ++live_tasks_;
  reindex(i);
}

void ClusterState::release(TaskId task) {
  const std::uint32_t t = index(task);
  ECSIM_ASSERT(t < task_instance_.size() && task_instance_[t] != invalid_id<InstanceId>, "release of a task not placed");
  const std::uint32_t i = index(task_instance_[t]);
  const TaskDemand& d = demands_[index(task_demand_[t])];
  remaining_cpu_[i] += d.cpu;
  remaining_memory_[i] += d.memory_mib;
  remaining_gpus_[i] += d.gpus;
  if (d.needs_eni()) --eni_used_[i];
  if (d.static_port_count != 0 || d.dynamic_port_count != 0) ports_.give_back(i, d);
  --running_tasks_[i];
  if (track_instance_groups_ || !tracked_attributes_.empty()) count_groups(i, task_group_[t], false);
  task_instance_[t] = invalid_id<InstanceId>;
  --live_tasks_;
  reindex(i);
}

void ClusterState::track_instance_groups() {
  if (track_instance_groups_) return;
  track_instance_groups_ = true;
  for (std::uint32_t t = 0; t < task_instance_.size(); ++t)
    if (task_instance_[t] != invalid_id<InstanceId>)
      group_on_instance_.increment(pair_key(index(task_group_[t]), index(task_instance_[t])));
}

bool ClusterState::tracks_attribute(AttributeId attribute) const noexcept {
  return std::find(tracked_attributes_.begin(), tracked_attributes_.end(), attribute) != tracked_attributes_.end();
}

void ClusterState::track_attribute(AttributeId attribute) {
  if (tracks_attribute(attribute)) return;
  tracked_attributes_.push_back(attribute);
  for (std::uint32_t t = 0; t < task_instance_.size(); ++t) {
    const InstanceId on = task_instance_[t];
    if (on == invalid_id<InstanceId>) continue;
    group_in_value_.increment(
        pair_key(index(task_group_[t]), index(attributes_.value_of(class_[index(on)], attribute))));
  }
}

void ClusterState::enable_index(CapacityOrder order) {
  IndexSlot& slot = indexes_[static_cast<std::size_t>(order)];
  if (slot.enabled) return;
  slot.enabled = true;
  slot.index.clear();
  for (std::uint32_t i = 0; i < status_.size(); ++i)
    if (status_[i] == InstanceStatus::active && parked_[i] == 0)
      slot.index.insert(i, remaining(make_id<InstanceId>(i)), class_bit_of(class_[i]));
}

void ClusterState::enable_class_indexes(CapacityOrder order) {
  const auto o = static_cast<std::size_t>(order);
  ClassIndexes& ci = class_indexes_[o];
  if (ci.enabled) return;
  ci.enabled = true;
  for (std::uint32_t i = 0; i < status_.size(); ++i)
    if (status_[i] == InstanceStatus::active && parked_[i] == 0)
      class_index_for(o, i).insert(i, remaining(make_id<InstanceId>(i)), class_bit_of(class_[i]));
}

CapacityIndex& ClusterState::class_index_for(std::size_t order, std::uint32_t i) {
  ClassIndexes& ci = class_indexes_[order];
  const std::uint32_t c = index(class_[i]);
  while (ci.by_class.size() <= c) ci.by_class.emplace_back(static_cast<CapacityOrder>(order), ci.leaf_of.get());
  return ci.by_class[c];
}

void ClusterState::reindex(std::uint32_t i) {
  if (status_[i] != InstanceStatus::active) return;
  const bool useless = takes_no_demand(i);
  if (parked_[i] != 0) {
    if (!useless) index_insert(i);
    return;
  }
  if (useless) {
    index_erase(i);
    parked_[i] = 1;
    return;
  }
  const Capacity c = remaining(make_id<InstanceId>(i));
  for (std::size_t o = 0; o < 3; ++o) {
    if (indexes_[o].enabled) indexes_[o].index.update(i, c);
    if (class_indexes_[o].enabled) class_indexes_[o].by_class[index(class_[i])].update(i, c);
  }
}

// Adds an ACTIVE instance to every enabled index, or parks it.
void ClusterState::index_insert(std::uint32_t i) {
  parked_[i] = takes_no_demand(i) ? 1 : 0;
  if (parked_[i] != 0) return;
  const Capacity c = remaining(make_id<InstanceId>(i));
  for (std::size_t o = 0; o < 3; ++o) {
    if (indexes_[o].enabled) indexes_[o].index.insert(i, c, class_bit_of(class_[i]));
    if (class_indexes_[o].enabled) class_index_for(o, i).insert(i, c, class_bit_of(class_[i]));
  }
}

// Takes an instance out of every enabled index (or out of the parked set).
void ClusterState::index_erase(std::uint32_t i) {
  if (parked_[i] != 0) {
    parked_[i] = 0;
    return;
  }
  for (std::size_t o = 0; o < 3; ++o) {
    if (indexes_[o].enabled) indexes_[o].index.erase(i);
    if (class_indexes_[o].enabled) class_indexes_[o].by_class[index(class_[i])].erase(i);
  }
}

std::size_t ClusterState::instance_bytes() const noexcept {
  std::size_t b = bytes(status_) + bytes(parked_) + bytes(registered_cpu_) + bytes(registered_memory_) + bytes(registered_gpus_) +
                  bytes(remaining_cpu_) + bytes(remaining_memory_) + bytes(remaining_gpus_) + bytes(eni_limit_) +
                  bytes(eni_used_) + bytes(running_tasks_) + bytes(class_) + bytes(epoch_) +
                  bytes(agent_connected_) + bytes(registered_at_) + bytes(ec2_id_) + ports_.instance_bytes();
  for (const IndexSlot& slot : indexes_)
    if (slot.enabled) b += slot.index.memory_bytes();
  for (const ClassIndexes& ci : class_indexes_) {
    if (!ci.enabled) continue;
    b += bytes(*ci.leaf_of);
    for (const CapacityIndex& idx : ci.by_class) b += idx.memory_bytes();
  }
  return b;
}

std::size_t ClusterState::task_bytes() const noexcept {
  return bytes(task_instance_) + bytes(task_demand_) + bytes(task_group_) + group_on_instance_.memory_bytes() +
         group_in_value_.memory_bytes() + ports_.task_bytes();
}

}  // namespace ecsim
