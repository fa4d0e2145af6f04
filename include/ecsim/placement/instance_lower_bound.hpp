#pragma once
/// InstanceLowerBound: the fewest instances any placement could use for a
/// given total demand, to set beside what a strategy actually used.
///
/// For each resource (CPU, memory, GPUs) it takes the pool's instances
/// largest-first until their capacity covers the demand; the bound is the
/// largest of those counts. Any placement must use instances whose capacities
/// sum to at least the demand in every resource, and no k instances hold more
/// than the k largest, so the bound is valid for heterogeneous pools; for a
/// homogeneous pool it is max over resources of ceil(total / per-instance).
/// It ignores fragmentation (tasks are not divisible), so it can be below any
/// achievable packing.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ecsim/placement/capacity_index.hpp"

namespace ecsim {

/// Total demand of a set of tasks.
struct ResourceTotals {
  std::int64_t cpu = 0;         ///< CPU units
  std::int64_t memory_mib = 0;  ///< MiB
  std::int64_t gpus = 0;

  friend bool operator==(const ResourceTotals&, const ResourceTotals&) = default;
};

/// Lower bound on instances over one fixed pool; see the file comment.
class InstanceLowerBound {
 public:
  /// Sorts the pool's capacities once; each query is then O(log n).
  explicit InstanceLowerBound(std::span<const Capacity> pool);

  /// The bound for demand, or nullopt when the whole pool cannot hold it.
  std::optional<std::uint32_t> operator()(const ResourceTotals& demand) const noexcept;

 private:
  // Prefix sums of capacities sorted largest first, one per resource.
  std::vector<std::int64_t> cpu_, memory_, gpus_;
};

/// One-off form of InstanceLowerBound.
std::optional<std::uint32_t> instance_lower_bound(const ResourceTotals& demand, std::span<const Capacity> pool);

}  // namespace ecsim
