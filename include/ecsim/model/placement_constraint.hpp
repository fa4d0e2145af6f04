#pragma once
/// A task placement constraint (placementConstraints items of services and
/// task definitions).
#include <ecsim/model/source_location.hpp>

#include <span>
#include <string>
#include <string_view>

namespace ecsim {

/// distinctInstance or memberOf (ecs-facts.md §6.3).
enum class PlacementConstraintType { distinct_instance, member_of };

/// ECS spellings of PlacementConstraintType, indexed by value.
inline constexpr std::string_view placement_constraint_type_names[] = {"distinctInstance", "memberOf"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(PlacementConstraintType) {
  return placement_constraint_type_names;
}

/// One binding rule on where a task may run.
struct PlacementConstraintSpec {
  PlacementConstraintType type = PlacementConstraintType::distinct_instance;  ///< which rule
  std::string expression;  ///< memberOf: a cluster query language expression
  SourceLocation where;    ///< where the item was written
  bool operator==(const PlacementConstraintSpec&) const = default;
};

}  // namespace ecsim
