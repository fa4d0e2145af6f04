#pragma once
/// Task group names interned to TaskGroupIds. ECS names a service's group
/// `service:<name>` and a standalone task's `family:<name>` unless given one
/// (ecs-facts.md §6.2); the table does not care, any non-empty text is a name.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecsim/placement/placement_ids.hpp"

namespace ecsim {

/// Group names <-> ids; ids are dense, never reused.
class TaskGroupTable {
 public:
  /// The id of name, interning it on first use.
  TaskGroupId intern(std::string_view name) {
    if (const auto it = ids_.find(std::string(name)); it != ids_.end()) return it->second;
    const auto id = make_id<TaskGroupId>(static_cast<std::uint32_t>(names_.size()));
    names_.emplace_back(name);
    ids_.emplace(std::string(name), id);
    return id;
  }
  /// The name of a group.
  const std::string& name(TaskGroupId id) const { return names_[index(id)]; }
  /// Number of groups interned.
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(names_.size()); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, TaskGroupId> ids_;
};

}  // namespace ecsim
