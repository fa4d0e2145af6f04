// Checks of clusters, capacity providers (Auto Scaling groups, managed
// scaling), container instances and capacity provider strategies.
#include "io/scenario_checker.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/model/instance_type.hpp>

#include <algorithm>
#include <set>

namespace ecsim::detail {

void ScenarioChecker::check_clusters() {
  std::vector<SourceLocation> wheres;
  for (const ClusterSpec& c : s_.clusters) wheres.push_back(c.where);
  check_unique(cluster_names_, wheres, "clusters", "clusterName", "cluster");
  for (std::size_t i = 0; i < s_.clusters.size(); ++i) {
    const ClusterSpec& c = s_.clusters[i];
    const std::string path = "clusters." + seg(c.cluster_name, i);
    for (std::size_t j = 0; j < c.capacity_providers.size(); ++j) {
      const std::string& name = c.capacity_providers[j];
      if (!is_fargate_provider(name) && !provider(name))
        error(c.where, path + ".capacityProviders." + std::to_string(j), "capacityProviders",
              "no capacity provider named " + q(name) + suggest(name, provider_names_));
    }
    // ECS: at most 20 capacity providers per cluster (ecs-facts.md §7.1).
    if (c.capacity_providers.size() > 20)
      error(c.where, path + ".capacityProviders", "capacityProviders", "a cluster takes at most 20 capacity providers");
    check_strategy(c.default_capacity_provider_strategy, c.cluster_name, path + ".defaultCapacityProviderStrategy",
                   c.where, "defaultCapacityProviderStrategy");
  }
}

void ScenarioChecker::check_capacity_providers() {
  std::vector<SourceLocation> wheres;
  std::vector<std::string> names;
  for (const CapacityProviderSpec& cp : s_.capacity_providers) {
    wheres.push_back(cp.where);
    names.push_back(cp.name);
  }
  check_unique(names, wheres, "capacityProviders", "name", "capacity provider");
  for (std::size_t i = 0; i < s_.capacity_providers.size(); ++i) {
    const CapacityProviderSpec& cp = s_.capacity_providers[i];
    const std::string path = "capacityProviders." + seg(cp.name, i);
    // ECS: FARGATE and FARGATE_SPOT are reserved names (ecs-facts.md §7.1).
    if (is_fargate_provider(cp.name))
      error(cp.where, path + ".name", "name", q(cp.name) + " is reserved for the built-in Fargate provider");
    check_cluster_ref(cp.where, path, cp.cluster);
    const AutoScalingGroupSpec& g = cp.auto_scaling_group;
    const std::string gpath = path + ".autoScalingGroup";
    check_instance_type(g.where, gpath, g.instance_type);
    for (std::size_t k = 0; k < g.instance_types.size(); ++k) {
      const std::string tpath = gpath + ".instanceTypes." + std::to_string(k);
      try {
        instance_type(g.instance_types[k]);
      } catch (const InputError& e) {
        error(g.where, tpath, "instanceTypes", e.what());
      }
      if (std::find(g.instance_types.begin(), g.instance_types.begin() + static_cast<std::ptrdiff_t>(k),
                    g.instance_types[k]) != g.instance_types.begin() + static_cast<std::ptrdiff_t>(k))
        error(g.where, tpath, "instanceTypes", q(g.instance_types[k]) + " is listed twice");
    }
    // EC2 Auto Scaling: a mixed instances policy takes up to 40 instance types.
    if (g.instance_types.size() > 40)
      error(g.where, gpath + ".instanceTypes", "instanceTypes",
            "at most 40 instance types, got " + std::to_string(g.instance_types.size()));
    if (g.max_size < g.min_size)
      error(g.where, gpath + ".maxSize", "maxSize", "must be at least minSize (" + std::to_string(g.min_size) + ")");
    else if (g.desired_capacity && (*g.desired_capacity < g.min_size || *g.desired_capacity > g.max_size))
      error(g.where, gpath + ".desiredCapacity", "desiredCapacity",
            "must be between minSize and maxSize (" + std::to_string(g.min_size) + " and " +
                std::to_string(g.max_size) + ")");
    const ManagedScaling& ms = cp.auto_scaling_group_provider.managed_scaling;
    if (ms.minimum_scaling_step_size > ms.maximum_scaling_step_size)
      error(ms.where, path + ".autoScalingGroupProvider.managedScaling.minimumScalingStepSize",
            "minimumScalingStepSize",
            "must not exceed maximumScalingStepSize (" + std::to_string(ms.maximum_scaling_step_size) + ")");
    // ECS: managed termination protection needs managed scaling (ecs-facts.md §7.2).
    if (cp.auto_scaling_group_provider.managed_termination_protection == Toggle::enabled &&
        ms.status != Toggle::enabled)
      error(cp.auto_scaling_group_provider.where, path + ".autoScalingGroupProvider.managedTerminationProtection",
            "managedTerminationProtection", "managed termination protection needs managedScaling status ENABLED");
  }
}

void ScenarioChecker::check_container_instances() {
  for (std::size_t i = 0; i < s_.container_instances.size(); ++i) {
    const ContainerInstanceSpec& ci = s_.container_instances[i];
    const std::string path = "containerInstances." + std::to_string(i);
    check_cluster_ref(ci.where, path, ci.cluster);
    check_instance_type(ci.where, path, ci.instance_type);
    const ClusterSpec* c = cluster(ci.cluster);
    if (c && !ci.availability_zone.empty() &&
        std::find(c->availability_zones.begin(), c->availability_zones.end(), ci.availability_zone) ==
            c->availability_zones.end())
      error(ci.where, path + ".availabilityZone", "availabilityZone",
            "cluster " + q(ci.cluster) + " has no Availability Zone " + q(ci.availability_zone) +
                suggest(ci.availability_zone, c->availability_zones));
  }
}

void ScenarioChecker::check_strategy(const std::vector<CapacityProviderStrategyItem>& items,
                                     const std::string& cluster_name, const std::string& path,
                                     const SourceLocation& owner, const std::string& key) {
  if (items.empty()) return;
  // ECS: at most 20 providers per strategy; one base; some weight > 0; no
  // mixing Fargate and Auto Scaling group providers (ecs-facts.md §7.1).
  if (items.size() > 20) error(owner, path, key, "a strategy takes at most 20 capacity providers");
  const ClusterSpec* c = cluster(cluster_name);
  int with_base = 0;
  bool any_weight = false;
  bool fargate = false;
  bool asg = false;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const CapacityProviderStrategyItem& item = items[i];
    const std::string ipath = path + "." + std::to_string(i);
    any_weight = any_weight || item.weight > 0;
    if (item.base > 0 && ++with_base == 2)
      error(item.where, ipath + ".base", "base", "only one capacity provider in a strategy may set base");
    const std::string& name = item.capacity_provider;
    if (name.empty()) continue;
    if (!seen.insert(name).second)
      error(item.where, ipath + ".capacityProvider", "capacityProvider",
            "capacity provider " + q(name) + " appears twice in the strategy");
    const CapacityProviderSpec* cp = provider(name);
    if (!is_fargate_provider(name) && !cp) {
      error(item.where, ipath + ".capacityProvider", "capacityProvider",
            "no capacity provider named " + q(name) + suggest(name, provider_names_));
      continue;
    }
    (is_fargate_provider(name) ? fargate : asg) = true;
    const bool listed =
        c && std::find(c->capacity_providers.begin(), c->capacity_providers.end(), name) != c->capacity_providers.end();
    if (c && !listed && !(cp && cp->cluster == cluster_name))
      error(item.where, ipath + ".capacityProvider", "capacityProvider",
            "capacity provider " + q(name) + " is not associated with cluster " + q(cluster_name) +
                " (list it in the cluster's capacityProviders)");
  }
  if (!any_weight)
    error(owner, path, key, "at least one capacity provider needs a weight above 0 (weight defaults to 0)");
  if (fargate && asg)
    error(owner, path, key, "a strategy cannot mix FARGATE or FARGATE_SPOT with Auto Scaling group providers");
}

}  // namespace ecsim::detail
