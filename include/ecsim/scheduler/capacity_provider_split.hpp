#pragma once
/// How a capacity provider strategy shares a service's tasks out: `base`
/// tasks on the provider that sets it first, the rest in proportion to
/// `weight` (ecs-facts.md §7.1). ECS does not document how it rounds the
/// remainder; ecsim gives each next task to the provider furthest below its
/// share (`cp_split_rounding=largest_remainder`, ties to the earlier entry),
/// and a scale-in takes a task back from the provider furthest above its
/// share (ties to the later entry), so scaling in undoes the last scale-out.
#include <cstddef>
#include <span>
#include <vector>

namespace ecsim {

/// One strategy entry's numbers.
struct ProviderShare {
  int base = 0;    ///< tasks this provider gets before weights apply
  int weight = 0;  ///< its share of the tasks beyond all bases
};

/// Index of the entry that takes the next task, given how many tasks each
/// entry holds now (`tasks` parallel to `shares`). At least one weight must
/// be above 0 unless a base is still unfilled.
std::size_t next_provider(std::span<const ProviderShare> shares, std::span<const int> tasks) noexcept;

/// Index of the entry that gives up a task when the service scales in. Only
/// entries holding a task are candidates; `tasks` must not be all zero.
std::size_t provider_to_shrink(std::span<const ProviderShare> shares, std::span<const int> tasks) noexcept;

/// How `total` tasks split over the entries when placed one by one from none.
std::vector<int> split_tasks(std::span<const ProviderShare> shares, int total);

}  // namespace ecsim
