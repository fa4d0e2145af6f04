#pragma once
/// A cluster: create-cluster plus put-cluster-capacity-providers, and the
/// Availability Zones ecsim spreads its instances and tasks over.
#include <ecsim/model/capacity_provider_strategy.hpp>
#include <ecsim/model/source_location.hpp>

#include <string>
#include <vector>

namespace ecsim {

/// One cluster.
struct ClusterSpec {
  std::string cluster_name;                     ///< unique in the scenario
  std::vector<std::string> availability_zones;  ///< ecsim: empty = apply_defaults uses <region>a, b, c
  std::vector<std::string> capacity_providers;  ///< providers associated with the cluster
  std::vector<CapacityProviderStrategyItem> default_capacity_provider_strategy;  ///< for services without one
  SourceLocation where;                                                          ///< where the cluster was written
  bool operator==(const ClusterSpec&) const = default;
};

}  // namespace ecsim
