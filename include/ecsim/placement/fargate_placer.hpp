#pragma once
/// FargatePlacer: Fargate tasks have no container instance to choose; ECS
/// spreads a service's tasks over the Availability Zones of its subnets and
/// supports no strategies or constraints (ecs-facts.md §2.1). ecsim keeps the
/// task counts per AZ equal (ties go to the first AZ in the cluster's order)
/// and refuses a task that would take the account past its concurrent vCPU
/// quota (`fargate_vcpu_quota`, default 6000; ecs-facts.md §12, §13).
#include <cstdint>
#include <string>
#include <vector>

#include "ecsim/placement/flat_count_map.hpp"
#include "ecsim/placement/placement_failure.hpp"
#include "ecsim/placement/placement_ids.hpp"

namespace ecsim {

/// The AZ a Fargate task went to, or why it could not start.
struct FargatePlacement {
  int availability_zone = -1;  ///< index into FargatePlacer::availability_zones(), -1 on failure
  PlacementFailure failure;    ///< fargate_vcpu_quota on failure

  /// True when the task was placed.
  explicit operator bool() const noexcept { return availability_zone >= 0; }
};

/// AZ balancing and the vCPU quota for Fargate tasks.
class FargatePlacer {
 public:
  /// ecsim's default for the account's Fargate On-Demand vCPU quota (ecs-facts.md §13).
  static constexpr int default_vcpu_quota = 6000;

  /// Throws InputError when the AZ list is empty or the quota is not positive.
  explicit FargatePlacer(std::vector<std::string> availability_zones, int fargate_vcpu_quota = default_vcpu_quota);

  /// Places one task of group needing cpu_units (1024 per vCPU).
  FargatePlacement place(TaskGroupId group, int cpu_units) noexcept;
  /// Returns a task placed by place().
  void release(TaskGroupId group, int availability_zone, int cpu_units) noexcept;

  /// Tasks of group running in an AZ.
  std::uint32_t tasks_in(TaskGroupId group, int availability_zone) const noexcept {
    return counts_.get(key(group, availability_zone));
  }
  /// CPU units of all running Fargate tasks.
  std::int64_t cpu_units_in_use() const noexcept { return used_units_; }
  /// The AZs, in the cluster's order.
  const std::vector<std::string>& availability_zones() const noexcept { return zones_; }

 private:
  static std::uint64_t key(TaskGroupId group, int az) noexcept {
    return (std::uint64_t{index(group)} << 32) | static_cast<std::uint32_t>(az);
  }

  std::vector<std::string> zones_;
  std::int64_t quota_units_;
  std::int64_t used_units_ = 0;
  detail::FlatCountMap counts_;  // (group, az) -> tasks
};

}  // namespace ecsim
