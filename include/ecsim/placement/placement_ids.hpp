#pragma once
/// Ids owned by the placement layer. They are dense like core/ids.hpp's (one
/// 32-bit index each, STYLE §2.4) and are registered as DenseId so index() and
/// make_id() work on them; they live here because only placement hands them out.
#include <cstdint>

#include "ecsim/core/ids.hpp"

namespace ecsim {

/// A task group: the tasks a spread strategy or distinctInstance counts
/// together (a service's tasks, or `group` of standalone tasks).
enum class TaskGroupId : std::uint32_t {};
/// A registered task demand (cpu, memory, GPUs, ports of one task definition).
enum class DemandId : std::uint32_t {};
/// A compiled placement policy (strategies + constraints), validated once.
enum class PolicyId : std::uint32_t {};
/// An interned attribute name such as `ecs.availability-zone`.
enum class AttributeId : std::uint32_t {};
/// An interned (attribute, value) pair; unique per pair, so counts never mix attributes.
enum class AttrValueId : std::uint32_t {};
/// An interned attribute set: instances in one class answer every
/// attribute-only query the same way, so such queries are evaluated per class.
enum class AttributeClassId : std::uint32_t {};

namespace detail {
template <>
inline constexpr bool is_dense_id<TaskGroupId> = true;
template <>
inline constexpr bool is_dense_id<DemandId> = true;
template <>
inline constexpr bool is_dense_id<PolicyId> = true;
template <>
inline constexpr bool is_dense_id<AttributeId> = true;
template <>
inline constexpr bool is_dense_id<AttrValueId> = true;
template <>
inline constexpr bool is_dense_id<AttributeClassId> = true;
}  // namespace detail

}  // namespace ecsim
