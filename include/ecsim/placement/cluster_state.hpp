#pragma once
/// ClusterState: the container instances of one cluster as struct-of-arrays
/// over dense InstanceIds (STYLE §2.5), the tasks placed on them, and the
/// capacity indexes kept in step with every change. Placer reads it to choose
/// and calls commit()/release(); everything else (the scheduler, capacity
/// providers) registers, drains and deregisters instances here.
///
/// An ACTIVE instance with less CPU, memory or GPUs left than the smallest
/// registered demand asks for can take no task until something is released,
/// so it is kept out of the indexes ("parked"): searches then never step over
/// it and its last placement costs one erase instead of a move. A new, smaller
/// demand puts such instances back.
///
/// Invalidation: a deregistered InstanceId may be handed out again by the next
/// register_instance(); epoch(id) changes whenever an id's attributes change
/// or the id is reused, so caches keyed by (instance, epoch) stay correct.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecsim/core/ids.hpp"
#include "ecsim/core/time.hpp"
#include "ecsim/placement/attribute_table.hpp"
#include "ecsim/placement/capacity_index.hpp"
#include "ecsim/placement/flat_count_map.hpp"
#include "ecsim/placement/placement_ids.hpp"
#include "ecsim/placement/port_table.hpp"
#include "ecsim/placement/task_demand.hpp"
#include "ecsim/placement/task_group_table.hpp"

namespace ecsim {

/// A registered instance is ACTIVE or DRAINING; `absent` marks a free row.
enum class InstanceStatus : std::uint8_t { absent, active, draining };

/// What an instance brings when it registers: plain numbers (the caller turns
/// an instance type into them, e.g. registered_cpu(t), awsvpc_task_limit(t)).
struct InstanceSpec {
  std::string ec2_instance_id;    ///< e.g. "i-0abc"; generated from the row when empty
  std::string instance_type;      ///< `ecs.instance-type`
  std::string availability_zone;  ///< `ecs.availability-zone`
  int cpu_units = 0;              ///< registered CPU (1024 per vCPU)
  int memory_mib = 0;             ///< registered memory
  int gpus = 0;
  int eni_task_limit = 0;         ///< awsvpc tasks it can hold (max ENIs - 1, or the trunk limit)
  std::string os_type = "linux";            ///< `ecs.os-type`
  std::string cpu_architecture = "x86_64";  ///< `ecs.cpu-architecture`
  std::string ami_id;                       ///< `ecs.ami-id`; omitted when empty
  std::vector<std::pair<std::string, std::string>> attributes;  ///< custom attributes
  Millis registered_at{0};        ///< for `registeredAt` queries
};

/// Instances, tasks and capacity indexes of one cluster.
class ClusterState {
 public:
  explicit ClusterState(PortConfig ports = {});

  // ---- instances -------------------------------------------------------
  /// Registers an ACTIVE instance. Throws InputError for negative numbers or
  /// an attribute name/value ECS would reject (ecs-facts.md §6.3).
  InstanceId register_instance(const InstanceSpec& spec);
  /// ACTIVE <-> DRAINING. A DRAINING instance takes no new tasks (ecs-facts.md §9).
  void set_status(InstanceId id, InstanceStatus status);
  /// Removes an instance; its tasks must have been released first (a bug otherwise).
  void deregister_instance(InstanceId id);
  /// Adds or replaces a custom attribute. Throws InputError for invalid names/values.
  void set_attribute(InstanceId id, std::string_view name, std::string_view value);
  /// Removes a custom attribute (no-op when absent).
  void remove_attribute(InstanceId id, std::string_view name);
  /// The agent's connection state, for `agentConnected` queries.
  void set_agent_connected(InstanceId id, bool connected);

  /// ACTIVE, DRAINING, or absent for a free or never-used id.
  InstanceStatus status(InstanceId id) const noexcept {
    return index(id) < status_.size() ? status_[index(id)] : InstanceStatus::absent;
  }
  /// What is left for new tasks.
  Capacity remaining(InstanceId id) const noexcept {
    const std::uint32_t i = index(id);
    return {remaining_cpu_[i], remaining_memory_[i], remaining_gpus_[i], eni_limit_[i] - eni_used_[i]};
  }
  /// What the instance registered with.
  Capacity registered(InstanceId id) const noexcept {
    const std::uint32_t i = index(id);
    return {registered_cpu_[i], registered_memory_[i], registered_gpus_[i], eni_limit_[i]};
  }
  /// Tasks placed on the instance and not released.
  std::uint32_t running_tasks(InstanceId id) const noexcept { return running_tasks_[index(id)]; }
  /// The instance's attribute class.
  AttributeClassId attribute_class(InstanceId id) const noexcept { return class_[index(id)]; }
  /// The class's bit in CapacityIndex masks (class id mod 64).
  std::uint8_t class_bit(InstanceId id) const noexcept { return class_bit_of(class_[index(id)]); }
  /// The bit a class maps to.
  static std::uint8_t class_bit_of(AttributeClassId c) noexcept { return static_cast<std::uint8_t>(index(c) & 63U); }
  /// The instance's `ecs.availability-zone` pair.
  AttrValueId availability_zone(InstanceId id) const noexcept {
    return attributes_.value_of(class_[index(id)], AttributeTable::availability_zone);
  }
  /// The EC2 instance id text.
  const std::string& ec2_instance_id(InstanceId id) const { return ec2_id_[index(id)]; }
  /// Registration time.
  Millis registered_at(InstanceId id) const noexcept { return registered_at_[index(id)]; }
  /// Agent connection state.
  bool agent_connected(InstanceId id) const noexcept { return agent_connected_[index(id)] != 0; }
  /// Changes on attribute edits and id reuse; see the file comment.
  std::uint32_t epoch(InstanceId id) const noexcept { return epoch_[index(id)]; }
  /// One past the highest instance index ever used: loop bound for scans.
  std::uint32_t instance_capacity() const noexcept { return static_cast<std::uint32_t>(status_.size()); }
  /// Number of ACTIVE instances.
  std::uint32_t active_count() const noexcept { return active_count_; }
  /// Number of registered (ACTIVE or DRAINING) instances.
  std::uint32_t registered_count() const noexcept { return ids_.live(); }

  // ---- names -----------------------------------------------------------
  /// Interned attributes (read by queries).
  const AttributeTable& attributes() const noexcept { return attributes_; }
  /// Interned attributes, for compiling queries.
  AttributeTable& attributes() noexcept { return attributes_; }
  /// Task group names.
  TaskGroupTable& groups() noexcept { return groups_; }
  /// Task group names.
  const TaskGroupTable& groups() const noexcept { return groups_; }
  /// The id of a task group name, interned on first use.
  TaskGroupId group(std::string_view name) { return groups_.intern(name); }

  // ---- demands and tasks -----------------------------------------------
  /// Registers a task demand once (per task definition); tasks refer to it by id.
  DemandId add_demand(const TaskDemand& demand);
  /// A registered demand.
  const TaskDemand& demand(DemandId id) const noexcept { return demands_[index(id)]; }
  /// True when the instance's free resources and ports take d (status ignored).
  bool fits(InstanceId id, const TaskDemand& d) const noexcept {
    const std::uint32_t i = index(id);
    return remaining_cpu_[i] >= d.cpu && remaining_memory_[i] >= d.memory_mib && remaining_gpus_[i] >= d.gpus &&
           (!d.needs_eni() || eni_used_[i] < eni_limit_[i]) && ports_.available(i, d);
  }
  /// Records task on instance (which must fit it) and updates every index.
  void commit(TaskId task, InstanceId id, DemandId demand, TaskGroupId group);
  /// Returns a placed task's resources; a task not placed is a bug.
  void release(TaskId task);
  /// The instance of a placed task, invalid_id<InstanceId> otherwise.
  InstanceId instance_of(TaskId task) const noexcept {
    return index(task) < task_instance_.size() ? task_instance_[index(task)] : invalid_id<InstanceId>;
  }
  /// The group of a placed task.
  TaskGroupId group_of(TaskId task) const noexcept { return task_group_[index(task)]; }
  /// The demand of a placed task.
  DemandId demand_of(TaskId task) const noexcept { return task_demand_[index(task)]; }
  /// Tasks placed and not released.
  std::uint32_t live_tasks() const noexcept { return live_tasks_; }
  /// Sizes the task columns for task indexes below n, so commit never grows them.
  void reserve_tasks(std::uint32_t n);
  /// Sizes the instance columns for n instances.
  void reserve_instances(std::uint32_t n);

  // ---- per-group counts (kept only once something asks for them) --------
  /// Starts counting tasks per (group, instance): distinctInstance,
  /// spread(instanceId) and task:group need it.
  void track_instance_groups();
  /// True once track_instance_groups() was called.
  bool tracks_instance_groups() const noexcept { return track_instance_groups_; }
  /// Tasks of group on the instance (needs track_instance_groups()).
  std::uint32_t group_count_on(TaskGroupId group, InstanceId id) const noexcept {
    return group_on_instance_.get(pair_key(index(group), index(id)));
  }
  /// Starts counting tasks per (group, value of attribute), for spread on it.
  void track_attribute(AttributeId attribute);
  /// True once track_attribute(attribute) was called.
  bool tracks_attribute(AttributeId attribute) const noexcept;
  /// Tasks of group on instances whose attribute has value (needs track_attribute()).
  std::uint32_t group_count_in(TaskGroupId group, AttrValueId value) const noexcept {
    return group_in_value_.get(pair_key(index(group), index(value)));
  }

  // ---- indexes ---------------------------------------------------------
  /// Builds (once) the index ordered by order; later changes keep it current.
  void enable_index(CapacityOrder order);
  /// The index ordered by order, or nullptr when not enabled.
  const CapacityIndex* capacity_index(CapacityOrder order) const noexcept {
    return indexes_[static_cast<std::size_t>(order)].enabled ? &indexes_[static_cast<std::size_t>(order)].index
                                                             : nullptr;
  }
  /// Also keeps one index per attribute class for order ("bucketed by
  /// constraint class"): a query restricted to some classes then searches
  /// only their instances, instead of wading through others' in the global index.
  void enable_class_indexes(CapacityOrder order);
  /// The index of one attribute class, or nullptr when class indexes for
  /// order are off or the class has no index yet.
  const CapacityIndex* class_index(CapacityOrder order, AttributeClassId c) const noexcept {
    const ClassIndexes& ci = class_indexes_[static_cast<std::size_t>(order)];
    if (!ci.enabled || index(c) >= ci.by_class.size()) return nullptr;
    return &ci.by_class[index(c)];
  }
  /// The ports table.
  const PortTable& ports() const noexcept { return ports_; }

  /// Bytes held per instance row (columns and indexes).
  std::size_t instance_bytes() const noexcept;
  /// Bytes held for tasks (task columns and group counts).
  std::size_t task_bytes() const noexcept;

 private:
  static std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) noexcept {
    return (std::uint64_t{a} << 32) | b;
  }
  void reindex(std::uint32_t i);    // after a capacity change
  void index_insert(std::uint32_t i);
  void index_erase(std::uint32_t i);
  bool takes_no_demand(std::uint32_t i) const noexcept;
  void unpark_fitting();
  void set_class(std::uint32_t i, std::vector<AttrValueId> values);
  void count_groups(std::uint32_t i, TaskGroupId g, bool add);

  struct IndexSlot {
    CapacityIndex index;
    bool enabled = false;
  };

  struct ClassIndexes {
    bool enabled = false;
    // Heap-held so the indexes' pointer to it survives moves of ClusterState.
    std::unique_ptr<std::vector<std::uint32_t>> leaf_of = std::make_unique<std::vector<std::uint32_t>>();
    std::vector<CapacityIndex> by_class;
  };

  CapacityIndex& class_index_for(std::size_t order, std::uint32_t instance);

  IdAllocator<InstanceId> ids_;
  AttributeTable attributes_;
  TaskGroupTable groups_;
  PortTable ports_;

  // Instance columns, by index(InstanceId).
  std::vector<InstanceStatus> status_;
  std::vector<std::int32_t> registered_cpu_, registered_memory_, registered_gpus_;
  std::vector<std::int32_t> remaining_cpu_, remaining_memory_, remaining_gpus_;
  std::vector<std::int32_t> eni_limit_, eni_used_;
  std::vector<std::uint32_t> running_tasks_;
  std::vector<AttributeClassId> class_;
  std::vector<std::uint32_t> epoch_;
  std::vector<std::uint8_t> agent_connected_;
  std::vector<Millis> registered_at_;
  std::vector<std::string> ec2_id_;  // cold
  // 1 for an ACTIVE instance left out of the indexes because no registered
  // demand fits what it has left (see takes_no_demand()).
  std::vector<std::uint8_t> parked_;
  std::uint32_t active_count_ = 0;

  // Task columns, by index(TaskId).
  std::vector<InstanceId> task_instance_;
  std::vector<DemandId> task_demand_;
  std::vector<TaskGroupId> task_group_;
  std::uint32_t live_tasks_ = 0;
  std::vector<TaskDemand> demands_;
  Capacity smallest_demand_;  // per resource, the least any registered demand asks (0s before the first)

  bool track_instance_groups_ = false;
  detail::FlatCountMap group_on_instance_;  // (group, instance) -> tasks
  std::vector<AttributeId> tracked_attributes_;
  detail::FlatCountMap group_in_value_;     // (group, attribute value) -> tasks

  IndexSlot indexes_[3] = {{CapacityIndex(CapacityOrder::memory)},
                           {CapacityIndex(CapacityOrder::cpu)},
                           {CapacityIndex(CapacityOrder::id)}};
  ClassIndexes class_indexes_[3];
};

}  // namespace ecsim
