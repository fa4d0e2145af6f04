#pragma once
/// A task placement strategy (placementStrategy items).
#include <ecsim/model/source_location.hpp>

#include <span>
#include <string>
#include <string_view>

namespace ecsim {

/// binpack, random or spread (ecs-facts.md §6.2).
enum class PlacementStrategyType { binpack, random, spread };

/// ECS spellings of PlacementStrategyType, indexed by value.
inline constexpr std::string_view placement_strategy_type_names[] = {"binpack", "random", "spread"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(PlacementStrategyType) { return placement_strategy_type_names; }

/// One strategy; several apply in order, each refining the previous one.
struct PlacementStrategySpec {
  PlacementStrategyType type = PlacementStrategyType::random;  ///< which strategy
  std::string field;     ///< binpack: cpu|memory; spread: instanceId, host or attribute:NAME
  SourceLocation where;  ///< where the item was written
  bool operator==(const PlacementStrategySpec&) const = default;
};

}  // namespace ecsim
