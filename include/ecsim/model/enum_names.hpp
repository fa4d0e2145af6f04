#pragma once
/// ECS spells its enums as strings ("FARGATE", "REPLICA"); ecsim keeps one
/// name table per enum, found by argument-dependent lookup:
///   constexpr std::span<const std::string_view> enum_names(LaunchType);
/// The table is indexed by the enumerator's value, so enumerators count from 0.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace ecsim {

/// The ECS spelling of an enumerator ("FARGATE" for LaunchType::fargate).
template <class E>
constexpr std::string_view enum_name(E value) {
  return enum_names(E{})[static_cast<std::size_t>(value)];
}

/// The enumerator spelled exactly `name` (ECS names are case-sensitive), if any.
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
  const auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace ecsim
