#pragma once
/// A task definition's networkMode, shared by the scenario model and placement.
#include <cstdint>
#include <span>
#include <string_view>

namespace ecsim {

/// Docker networking mode of the task's containers: bridge and host use host
/// ports, awsvpc gives each task its own ENI.
enum class NetworkMode : std::uint8_t { bridge, host, awsvpc, none };

/// ECS spellings of NetworkMode, indexed by value.
inline constexpr std::string_view network_mode_ecs_names[] = {"bridge", "host", "awsvpc", "none"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(NetworkMode) { return network_mode_ecs_names; }

}  // namespace ecsim
