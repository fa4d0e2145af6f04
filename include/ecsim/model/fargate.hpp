#pragma once
/// Fargate task sizes: the cpu/memory pairs Fargate accepts, the cpu and memory
/// strings ECS reads, and ephemeral storage limits (ecs-facts.md §8.1).
#include <ecsim/model/platform.hpp>

#include <span>
#include <string_view>

namespace ecsim {

/// Ephemeral storage every Fargate task gets without asking (ecs-facts.md §8.1).
inline constexpr int fargate_default_ephemeral_gib = 20;
/// Smallest explicit ephemeralStorage.sizeInGiB (ecs-facts.md §8.1).
inline constexpr int fargate_min_ephemeral_gib = 21;
/// Largest ephemeralStorage.sizeInGiB (ecs-facts.md §8.1).
inline constexpr int fargate_max_ephemeral_gib = 200;

/// Reads a task-level cpu: CPU units ("512") or vCPUs ("0.5 vCPU", "1 vcpu",
/// "2vCPU"; 1 vCPU = 1024 units), with any surrounding whitespace. Throws
/// InputError for anything else, zero, or vCPUs that are not whole units.
int parse_task_cpu(std::string_view text);

/// Reads a task-level memory: MiB ("1024") or GB ("1 GB", "0.5GB", "2 gb";
/// GiB also accepted). ECS counts 1 GB as 1024 MiB. Throws InputError for
/// anything else, zero, or GB that are not whole MiB.
int parse_task_memory(std::string_view text);

/// The cpu values Fargate accepts, smallest first.
std::span<const int> fargate_cpu_options() noexcept;

/// The memory values (MiB) Fargate accepts with this cpu, smallest first;
/// empty when cpu itself is not a Fargate size.
std::span<const int> fargate_memory_options(int cpu) noexcept;

/// Whether Fargate runs a task of this size on this OS.
bool is_valid_fargate_size(int cpu, int memory_mib, OsFamily os = OsFamily::linux) noexcept;

/// Throws InputError naming the valid choices when Fargate cannot run a task
/// of this size. Windows tasks need at least 1 vCPU, and the 8 and 16 vCPU
/// sizes are Linux-only (ecs-facts.md §8.1).
void validate_fargate_size(int cpu, int memory_mib, OsFamily os = OsFamily::linux);

/// Throws InputError unless gib is a valid explicit ephemeralStorage.sizeInGiB
/// (21-200). Leave storage unset, not 20, to get the default.
void validate_ephemeral_storage(int gib);

}  // namespace ecsim
