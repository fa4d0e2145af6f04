#include "ecsim/placement/fargate_placer.hpp"

#include "ecsim/core/error.hpp"

namespace ecsim {

FargatePlacer::FargatePlacer(std::vector<std::string> availability_zones, int fargate_vcpu_quota)
    : zones_(std::move(availability_zones)), quota_units_(std::int64_t{fargate_vcpu_quota} * 1024) {
  if (zones_.empty()) throw InputError("Fargate placement needs at least one Availability Zone (subnet)");
  if (fargate_vcpu_quota <= 0)
    throw InputError("fargate_vcpu_quota must be > 0, got " + std::to_string(fargate_vcpu_quota));
}

FargatePlacement FargatePlacer::place(TaskGroupId group, int cpu_units) noexcept {
  FargatePlacement out;
  // ECS: a task that would pass the account's vCPU quota does not start (ecs-facts.md §2.4, §12).
  if (used_units_ + cpu_units > quota_units_) {
    out.failure.reason = PlacementFailureReason::fargate_vcpu_quota;
    return out;
  }
  int best = 0;
  std::uint32_t best_count = tasks_in(group, 0);
  for (int az = 1; az < static_cast<int>(zones_.size()); ++az) {
    const std::uint32_t c = tasks_in(group, az);
    if (c < best_count) {
      best = az;
      best_count = c;
    }
  }
  counts_.increment(key(group, best));
  used_units_ += cpu_units;
  out.availability_zone = best;
  return out;
}

void FargatePlacer::release(TaskGroupId group, int availability_zone, int cpu_units) noexcept {
  counts_.decrement(key(group, availability_zone));
  used_units_ -= cpu_units;
}

}  // namespace ecsim
