#include "ecsim/placement/instance_lower_bound.hpp"

#include <algorithm>
#include <functional>

namespace ecsim {

namespace {

std::vector<std::int64_t> prefix_largest_first(std::span<const Capacity> pool, std::int32_t Capacity::*field) {
  std::vector<std::int64_t> v;
  v.reserve(pool.size());
  for (const Capacity& c : pool) v.push_back(c.*field);
  std::sort(v.begin(), v.end(), std::greater<>());
  for (std::size_t i = 1; i < v.size(); ++i) v[i] += v[i - 1];
  return v;
}

// Fewest leading instances whose capacity covers need; nullopt if none do.
std::optional<std::uint32_t> cover(const std::vector<std::int64_t>& prefix, std::int64_t need) {
  if (need <= 0) return 0;
  const auto it = std::lower_bound(prefix.begin(), prefix.end(), need);
  if (it == prefix.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - prefix.begin() + 1);
}

}  // namespace

InstanceLowerBound::InstanceLowerBound(std::span<const Capacity> pool)
    : cpu_(prefix_largest_first(pool, &Capacity::cpu)),
      memory_(prefix_largest_first(pool, &Capacity::memory_mib)),
      gpus_(prefix_largest_first(pool, &Capacity::gpus)) {}

std::optional<std::uint32_t> InstanceLowerBound::operator()(const ResourceTotals& demand) const noexcept {
  const auto c = cover(cpu_, demand.cpu);
  const auto m = cover(memory_, demand.memory_mib);
  const auto g = cover(gpus_, demand.gpus);
  if (!c || !m || !g) return std::nullopt;
  return std::max({*c, *m, *g});
}

std::optional<std::uint32_t> instance_lower_bound(const ResourceTotals& demand, std::span<const Capacity> pool) {
  return InstanceLowerBound(pool)(demand);
}

}  // namespace ecsim
