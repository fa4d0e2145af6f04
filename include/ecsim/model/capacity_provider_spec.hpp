#pragma once
/// An Auto Scaling group capacity provider: create-capacity-provider's
/// autoScalingGroupProvider, plus the group itself (an ecsim block, since
/// the group lives in EC2 Auto Scaling, not in ECS).
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>
#include <ecsim/model/toggle.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// managedScaling (ecs-facts.md §7.2).
// ECS: targetCapacity 1-100 (default 100), minimumScalingStepSize default 1,
// maximumScalingStepSize 1-10000 (default 10000), instanceWarmupPeriod
// 0-10000 s (default 300). status has no documented default; omitted means
// DISABLED here, as ECS treats a provider created without managed scaling.
struct ManagedScaling {
  Toggle status = Toggle::disabled;        ///< ENABLED lets ECS drive the group's desired capacity
  int target_capacity = 100;               ///< CapacityProviderReservation to hold, percent
  int minimum_scaling_step_size = 1;       ///< fewest instances launched per scale-out
  int maximum_scaling_step_size = 10'000;  ///< most instances launched or removed at once
  Millis instance_warmup_period{300'000};  ///< instanceWarmupPeriod (seconds in files)
  SourceLocation where;                    ///< where the block was written
  bool operator==(const ManagedScaling&) const = default;
};

/// autoScalingGroupProvider.
struct AutoScalingGroupProvider {
  std::string auto_scaling_group_arn;                        ///< kept for reference; the group is autoScalingGroup
  ManagedScaling managed_scaling;                            ///< cluster auto scaling
  Toggle managed_termination_protection = Toggle::disabled;  ///< ECS: DISABLED unless set
  Toggle managed_draining = Toggle::enabled;                 ///< ECS: ENABLED unless set
  SourceLocation where;                                      ///< where the block was written
  bool operator==(const AutoScalingGroupProvider&) const = default;
};

/// ecsim: on-demand or Spot instances.
enum class PurchaseOption { on_demand, spot };

/// Scenario spellings of PurchaseOption, indexed by value.
inline constexpr std::string_view purchase_option_names[] = {"on-demand", "spot"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(PurchaseOption) { return purchase_option_names; }

/// ecsim: the EC2 Auto Scaling group behind a provider.
struct AutoScalingGroupSpec {
  std::string instance_type;                                   ///< catalog name, e.g. c5.large
  /// A mixed instances group's types, in priority order (instead of instance_type).
  std::vector<std::string> instance_types;
  int min_size = 0;                                            ///< MinSize
  int max_size = 0;                                            ///< MaxSize
  std::optional<int> desired_capacity;                         ///< unset: apply_defaults uses min_size
  PurchaseOption purchase_option = PurchaseOption::on_demand;  ///< on-demand or spot
  Millis launch_time{90'000};                   ///< ecsim assumption: launch until the instance registers
  std::vector<std::string> availability_zones;  ///< empty: apply_defaults uses the cluster's
  SourceLocation where;                         ///< where the block was written
  bool operator==(const AutoScalingGroupSpec&) const = default;

  /// The group's instance types: instance_types, or the one instance_type.
  std::vector<std::string> types() const { return instance_types.empty() ? std::vector<std::string>{instance_type} : instance_types; }
};

/// One capacity provider of the EC2 kind (FARGATE and FARGATE_SPOT are built in).
struct CapacityProviderSpec {
  std::string name;     ///< unique; not FARGATE/FARGATE_SPOT, no aws/ecs/fargate prefix
  std::string cluster;  ///< ecsim: the cluster it is associated with, if not listed there
  AutoScalingGroupProvider auto_scaling_group_provider;  ///< ECS settings
  AutoScalingGroupSpec auto_scaling_group;               ///< the group
  SourceLocation where;                                  ///< where the provider was written
  bool operator==(const CapacityProviderSpec&) const = default;
};

}  // namespace ecsim
