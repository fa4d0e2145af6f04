#pragma once
/// Strong dense ids (STYLE §2.4): each id is one 32-bit index with its own
/// type, so a TaskId passed where an InstanceId is expected does not compile.
/// Index i names row i of the struct-of-arrays tables (STYLE §2.5).
#include <cstdint>
#include <vector>

#include "ecsim/core/assert.hpp"

namespace ecsim {

/// A task (one running copy of a task definition).
enum class TaskId : std::uint32_t {};
/// A container instance (an EC2 host registered to a cluster).
enum class InstanceId : std::uint32_t {};
/// An ECS service.
enum class ServiceId : std::uint32_t {};
/// An ECS cluster.
enum class ClusterId : std::uint32_t {};
/// A task definition revision (`family:revision`).
enum class TaskDefinitionId : std::uint32_t {};
/// A capacity provider (an Auto Scaling group or FARGATE / FARGATE_SPOT).
enum class CapacityProviderId : std::uint32_t {};
/// One deployment of a service (PRIMARY or ACTIVE).
enum class DeploymentId : std::uint32_t {};

namespace detail {
/// Marks the enums above as dense ids; nothing else qualifies.
template <class T>
inline constexpr bool is_dense_id = false;
template <>
inline constexpr bool is_dense_id<TaskId> = true;
template <>
inline constexpr bool is_dense_id<InstanceId> = true;
template <>
inline constexpr bool is_dense_id<ServiceId> = true;
template <>
inline constexpr bool is_dense_id<ClusterId> = true;
template <>
inline constexpr bool is_dense_id<TaskDefinitionId> = true;
template <>
inline constexpr bool is_dense_id<CapacityProviderId> = true;
template <>
inline constexpr bool is_dense_id<DeploymentId> = true;
}  // namespace detail

/// One of ecsim's strong id enums; keeps index()/make_id() off other enums.
template <class Id>
concept DenseId = detail::is_dense_id<Id>;

/// The row index an id names.
template <DenseId Id>
constexpr std::uint32_t index(Id id) noexcept {
  return static_cast<std::uint32_t>(id);
}

/// The id of row i.
template <DenseId Id>
constexpr Id make_id(std::uint32_t i) noexcept {
  return Id{i};
}

/// "No id" (e.g. the instance of a task not yet placed); never allocated.
template <DenseId Id>
inline constexpr Id invalid_id = Id{0xFFFFFFFFu};

/// Hands out dense ids and takes them back on a LIFO free list, so SoA
/// columns stay compact and a freed row is reused while still in cache.
/// Invalidation: capacity() never shrinks; a released id may come back from
/// the next allocate(), so whoever kept a released id must drop it (or pair
/// it with a generation, STYLE §2.4).
template <DenseId Id>
class IdAllocator {
 public:
  /// The most recently released id if any, else index capacity().
  Id allocate() {
    if (!free_.empty()) {
      const Id id = free_.back();
      free_.pop_back();
      alive_[index(id)] = 1;
      ++live_;
      return id;
    }
    ECSIM_ASSERT(alive_.size() < 0xFFFFFFFFu, "id space exhausted");
    const auto i = static_cast<std::uint32_t>(alive_.size());
    alive_.push_back(1);
    ++live_;
    return make_id<Id>(i);
  }

  /// Frees id for reuse. Returns false, changing nothing, when id is not
  /// alive (never allocated, already released, or invalid_id): the caller
  /// decides whether that is a bug.
  bool release(Id id) {
    if (!alive(id)) return false;
    alive_[index(id)] = 0;
    free_.push_back(id);
    --live_;
    return true;
  }

  /// True between allocate() and release() of id.
  bool alive(Id id) const noexcept {
    const std::uint32_t i = index(id);
    return i < alive_.size() && alive_[i] != 0;
  }

  /// One past the highest index ever allocated: size SoA columns by this.
  std::uint32_t capacity() const noexcept { return static_cast<std::uint32_t>(alive_.size()); }

  /// Number of ids currently alive.
  std::uint32_t live() const noexcept { return live_; }

  /// Reserves room for n ids so allocation up to n never reallocates.
  void reserve(std::uint32_t n) {
    alive_.reserve(n);
    free_.reserve(n);
  }

 private:
  std::vector<std::uint8_t> alive_;  // by index; uint8_t, not vector<bool>, for plain loads
  std::vector<Id> free_;             // released ids, most recent at the back
  std::uint32_t live_ = 0;
};

}  // namespace ecsim
