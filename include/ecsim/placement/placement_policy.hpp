#pragma once
/// A service's or task's placement policy as written: up to 5 strategies
/// applied in order and up to 10 constraints (ecs-facts.md §6.2, §6.3).
/// Plain data; Placer::add_policy validates and compiles it once.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// `placementStrategy[].type`.
enum class StrategyType : std::uint8_t { binpack, spread, random };

/// `placementConstraints[].type`.
enum class ConstraintType : std::uint8_t { distinct_instance, member_of };

/// One `placementStrategy` entry.
struct PlacementStrategy {
  StrategyType type = StrategyType::spread;
  /// binpack: `cpu` or `memory`; spread: `instanceId`, `host` or
  /// `attribute:<name>`; random: empty.
  std::string field;

  friend bool operator==(const PlacementStrategy&, const PlacementStrategy&) = default;
};

/// One `placementConstraints` entry.
struct PlacementConstraint {
  ConstraintType type = ConstraintType::member_of;
  std::string expression;  ///< memberOf only: a cluster query language expression

  friend bool operator==(const PlacementConstraint&, const PlacementConstraint&) = default;
};

/// Strategies and constraints together.
struct PlacementPolicy {
  std::vector<PlacementStrategy> strategies;
  std::vector<PlacementConstraint> constraints;

  friend bool operator==(const PlacementPolicy&, const PlacementPolicy&) = default;
};

/// ECS's limit on strategies per task or service.
inline constexpr std::size_t max_placement_strategies = 5;
/// ECS's limit on constraints per task (definition and run time together).
inline constexpr std::size_t max_placement_constraints = 10;

/// Reads a strategy type ("binpack", "spread", "random"). Throws InputError
/// with a did-you-mean suggestion otherwise.
StrategyType parse_strategy_type(std::string_view text);
/// The ECS spelling of a strategy type.
std::string_view to_string(StrategyType type) noexcept;
/// Reads a constraint type ("distinctInstance", "memberOf"). Throws InputError with a suggestion.
ConstraintType parse_constraint_type(std::string_view text);
/// The ECS spelling of a constraint type.
std::string_view to_string(ConstraintType type) noexcept;

/// ECS's default for service tasks on EC2 when none is given:
/// spread(attribute:ecs.availability-zone) (ecs-facts.md §2.1).
PlacementPolicy default_service_policy();

}  // namespace ecsim
