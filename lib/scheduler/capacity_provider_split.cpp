#include <ecsim/scheduler/capacity_provider_split.hpp>

#include <algorithm>
#include <cstdint>

namespace ecsim {

namespace {

/// Tasks of an entry that count toward the weighted split (those beyond its base).
int beyond_base(const ProviderShare& s, int tasks) noexcept { return std::max(0, tasks - s.base); }

/// How far an entry is below its weighted share of `placed` tasks, scaled by
/// the total weight so the comparison stays in integers:
/// weight × placed − total_weight × (tasks beyond base).
std::int64_t deficit(const ProviderShare& s, int tasks, std::int64_t placed, std::int64_t total_weight) noexcept {
  return static_cast<std::int64_t>(s.weight) * placed - total_weight * beyond_base(s, tasks);
}

struct WeightsAndPlaced {
  std::int64_t total_weight = 0;  ///< sum of the entries' weights
  std::int64_t placed = 0;        ///< tasks beyond the bases
};

WeightsAndPlaced weights_and_placed(std::span<const ProviderShare> shares, std::span<const int> tasks) noexcept {
  WeightsAndPlaced out;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    out.total_weight += shares[i].weight;
    out.placed += beyond_base(shares[i], tasks[i]);
  }
  return out;
}

}  // namespace

std::size_t next_provider(std::span<const ProviderShare> shares, std::span<const int> tasks) noexcept {
  // The base comes first (only one entry may set it).
  for (std::size_t i = 0; i < shares.size(); ++i)
    if (tasks[i] < shares[i].base) return i;
  const auto [total_weight, placed] = weights_and_placed(shares, tasks);
  // The next task makes placed + 1; it goes where the shortfall is largest.
  std::size_t best = shares.size();
  std::int64_t best_deficit = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].weight <= 0) continue;  // weight 0 never receives tasks beyond its base
    const std::int64_t d = deficit(shares[i], tasks[i], placed + 1, total_weight);
    if (best == shares.size() || d > best_deficit) {
      best = i;
      best_deficit = d;
    }
  }
  return best == shares.size() ? 0 : best;
}

std::size_t provider_to_shrink(std::span<const ProviderShare> shares, std::span<const int> tasks) noexcept {
  const auto [total_weight, placed] = weights_and_placed(shares, tasks);
  // Tasks beyond the bases go first, from the entry most above its share
  // after the removal; the base is given up last.
  std::size_t best = shares.size();
  std::int64_t best_excess = 0;
  if (placed > 0) {
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (beyond_base(shares[i], tasks[i]) == 0) continue;
      const std::int64_t excess = -deficit(shares[i], tasks[i], placed - 1, total_weight);
      if (best == shares.size() || excess >= best_excess) {
        best = i;
        best_excess = excess;
      }
    }
    if (best != shares.size()) return best;
  }
  for (std::size_t i = shares.size(); i-- > 0;)
    if (tasks[i] > 0) return i;
  return 0;
}

std::vector<int> split_tasks(std::span<const ProviderShare> shares, int total) {
  std::vector<int> tasks(shares.size(), 0);
  if (shares.empty()) return tasks;
  for (int n = 0; n < total; ++n) ++tasks[next_provider(shares, tasks)];
  return tasks;
}

}  // namespace ecsim
