#pragma once
/// Where a task runs: ECS's LaunchType, also used for a task definition's
/// requiresCompatibilities (the API's Compatibility enum has the same names).
#include <span>
#include <string_view>

namespace ecsim {

/// EC2 instances, Fargate, or external (ECS Anywhere) instances.
enum class LaunchType { ec2, fargate, external };

/// ECS spellings of LaunchType, indexed by value.
inline constexpr std::string_view launch_type_names[] = {"EC2", "FARGATE", "EXTERNAL"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(LaunchType) { return launch_type_names; }

}  // namespace ecsim
