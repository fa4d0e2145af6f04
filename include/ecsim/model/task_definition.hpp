#pragma once
/// A task definition: the register-task-definition request (or the
/// describe-task-definition output), with the parts ecsim simulates.
#include <ecsim/model/network_mode.hpp>
#include <ecsim/model/container_definition.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/launch_type.hpp>
#include <ecsim/model/placement_constraint.hpp>
#include <ecsim/model/platform.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// runtimePlatform: which OS and CPU architecture the task needs.
struct RuntimePlatform {
  CpuArchitecture cpu_architecture = CpuArchitecture::x86_64;  ///< X86_64 or ARM64
  OsFamily operating_system_family = OsFamily::linux;          ///< LINUX or a Windows edition
  SourceLocation where;                                        ///< where the block was written
  bool operator==(const RuntimePlatform&) const = default;
};

/// ephemeralStorage: task scratch space (Fargate bills what exceeds the default).
struct EphemeralStorage {
  int size_in_gib = fargate_default_ephemeral_gib;  ///< ECS: 20 GiB unless set (ecs-facts.md §8.1)
  SourceLocation where;                             ///< where the block was written
  bool operator==(const EphemeralStorage&) const = default;
};

/// One revision of a task definition family.
struct TaskDefinition {
  std::string family;                                      ///< name shared by all revisions
  int revision = 0;                                        ///< 1, 2, ...; 0 until apply_defaults numbers registrations
  NetworkMode network_mode = NetworkMode::bridge;          ///< ECS: bridge unless set (Linux)
  std::vector<LaunchType> requires_compatibilities;        ///< e.g. [FARGATE]
  std::optional<int> cpu;                                  ///< task-level CPU units; required on Fargate
  std::optional<int> memory;                               ///< task-level memory, MiB; required on Fargate
  RuntimePlatform runtime_platform;                        ///< OS family and architecture
  EphemeralStorage ephemeral_storage;                      ///< scratch space
  std::vector<PlacementConstraintSpec> placement_constraints;  ///< memberOf constraints
  std::vector<ContainerDefinition> container_definitions;  ///< at most 10 (ECS quota)
  SourceLocation where;                                    ///< where the definition was written
  bool operator==(const TaskDefinition&) const = default;
};

}  // namespace ecsim
