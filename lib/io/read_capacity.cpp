// Readers of clusters, capacity providers (with their Auto Scaling groups and
// managed scaling), capacity provider strategies and container instances.
#include "io/map_reader.hpp"

namespace ecsim::detail {

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CapacityProviderStrategyItem& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS: base 0-100000, weight 0-1000 (ecs-facts.md §7.1).
    m.require("capacityProvider", out.capacity_provider);
    m.read_int("base", out.base, 0, 100'000);
    m.read_int("weight", out.weight, 0, 1000);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ClusterSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("clusterName", out.cluster_name);
    m.read("availabilityZones", out.availability_zones);
    m.read("capacityProviders", out.capacity_providers);
    m.read("defaultCapacityProviderStrategy", out.default_capacity_provider_strategy);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ManagedScaling& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS ranges: ecs-facts.md §7.2.
    m.read("status", out.status);
    m.read_int("targetCapacity", out.target_capacity, 1, 100, "percent");
    m.read_int("minimumScalingStepSize", out.minimum_scaling_step_size, 1, 10'000);
    m.read_int("maximumScalingStepSize", out.maximum_scaling_step_size, 1, 10'000);
    m.read_seconds("instanceWarmupPeriod", out.instance_warmup_period, 0, 10'000);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingGroupProvider& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read("autoScalingGroupArn", out.auto_scaling_group_arn);
    m.read("managedScaling", out.managed_scaling);
    m.read("managedTerminationProtection", out.managed_termination_protection);
    m.read("managedDraining", out.managed_draining);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingGroupSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // A group has one instanceType, or a mixed instances policy's list of them.
    if (m.has("instanceTypes")) {
      if (m.read("instanceTypes", out.instance_types) && out.instance_types.empty())
        m.error_at("instanceTypes", "needs at least one instance type");
      if (m.has("instanceType")) m.error_at("instanceType", "give instanceType or instanceTypes, not both");
    } else {
      m.require("instanceType", out.instance_type);
    }
    m.read_int("minSize", out.min_size, 0, no_limit);
    m.require_int("maxSize", out.max_size, 0, no_limit);
    m.read_int("desiredCapacity", out.desired_capacity, 0, no_limit);
    m.read("purchaseOption", out.purchase_option);
    m.read("launchTime", out.launch_time);
    m.read("availabilityZones", out.availability_zones);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CapacityProviderSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("name", out.name);
    m.read_reference("cluster", out.cluster);
    m.read("autoScalingGroupProvider", out.auto_scaling_group_provider);
    m.require("autoScalingGroup", out.auto_scaling_group);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerInstanceSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read_reference("cluster", out.cluster);
    m.read("external", out.external);
    // ECS: at most 5000 container instances per cluster (ecs-facts.md §12).
    m.read_int("count", out.count, 0, 5000);
    m.read("attributes", out.attributes);
    if (out.external) {
      // An ECS Anywhere server has no EC2 type or zone: its size is given.
      for (std::string_view f : {"instanceType", "availabilityZone", "purchaseOption"})
        if (m.has(f)) m.error_at(f, in_quotes(f) + " does not apply to external instances");
      if (!m.has("cpu")) m.missing("cpu");
      if (!m.has("memory")) m.missing("memory");
      m.read_int("cpu", out.cpu, 128, 10'000'000);
      m.read_int("memory", out.memory, 128, 100'000'000);
    } else {
      m.require("instanceType", out.instance_type);
      m.read("availabilityZone", out.availability_zone);
      m.read("purchaseOption", out.purchase_option);
      for (std::string_view f : {"cpu", "memory"})
        if (m.has(f))
          m.error_at(f, in_quotes(f) + " applies to external instances only (EC2 sizes come from instanceType)");
    }
  });
}

}  // namespace ecsim::detail
