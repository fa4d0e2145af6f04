#pragma once
/// ECS's ENABLED/DISABLED switches (managedScaling.status,
/// availabilityZoneRebalancing, managedDraining, ...).
#include <span>
#include <string_view>

namespace ecsim {

/// An ECS "ENABLED" / "DISABLED" setting.
enum class Toggle { disabled, enabled };

/// ECS spellings of Toggle, indexed by value.
inline constexpr std::string_view toggle_names[] = {"DISABLED", "ENABLED"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(Toggle) { return toggle_names; }

}  // namespace ecsim
