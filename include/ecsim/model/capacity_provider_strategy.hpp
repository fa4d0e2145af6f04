#pragma once
/// One entry of a capacityProviderStrategy (services, runTask, a cluster's
/// defaultCapacityProviderStrategy).
#include <ecsim/model/source_location.hpp>

#include <string>

namespace ecsim {

/// How many tasks go to one capacity provider: `base` first, then in
/// proportion to `weight`.
// ECS: base 0-100000, only one item may set it; weight 0-1000, default 0 in
// the API, and at least one item needs weight > 0 (ecs-facts.md §7.1).
struct CapacityProviderStrategyItem {
  std::string capacity_provider;  ///< FARGATE, FARGATE_SPOT or a capacityProviders name
  int base = 0;                   ///< tasks placed here before weights apply
  int weight = 0;                 ///< share of the tasks beyond the base
  SourceLocation where;           ///< where the item was written
  bool operator==(const CapacityProviderStrategyItem&) const = default;
};

}  // namespace ecsim
