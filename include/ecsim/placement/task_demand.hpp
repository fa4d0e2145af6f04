#pragma once
/// What one task takes from a container instance, computed the way ECS
/// reserves it, and the plain container numbers it is computed from.
#include <ecsim/model/network_mode.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace ecsim {


/// "bridge", "host", "awsvpc" or "none", as in a task definition.
std::string_view to_string(NetworkMode mode) noexcept;

/// Reads a networkMode (any case). Throws InputError naming the valid modes.
NetworkMode parse_network_mode(std::string_view text);

/// The numbers of one container definition that placement needs.
struct ContainerNumbers {
  int cpu = 0;                                ///< `cpu` units; 0 when unset
  std::optional<int> memory_mib;              ///< `memory`, the hard limit
  std::optional<int> memory_reservation_mib;  ///< `memoryReservation`, the soft limit
  int gpus = 0;                               ///< `resourceRequirements` of type GPU
  /// `hostPort` of each port mapping; 0 asks bridge mode for a dynamic port.
  /// In host mode pass the containerPort (host mode maps it 1:1).
  std::vector<int> host_ports;

  friend bool operator==(const ContainerNumbers&, const ContainerNumbers&) = default;
};

/// The numbers of one task definition that placement needs.
struct TaskNumbers {
  std::optional<int> cpu;         ///< task-level `cpu` units
  std::optional<int> memory_mib;  ///< task-level `memory`
  NetworkMode network_mode = NetworkMode::bridge;
  std::vector<ContainerNumbers> containers;

  friend bool operator==(const TaskNumbers&, const TaskNumbers&) = default;
};

/// What a task reserves on an instance. Fixed size, so placing a task never
/// allocates; registered once per task definition (Placer::add_demand).
struct TaskDemand {
  /// Static host ports one task may hold; ecsim's limit, above ECS's usual use.
  static constexpr int max_static_ports = 16;

  int cpu = 0;         ///< CPU units
  int memory_mib = 0;  ///< MiB
  int gpus = 0;
  NetworkMode network_mode = NetworkMode::bridge;
  std::array<std::uint16_t, max_static_ports> static_ports{};  ///< sorted, first static_port_count used
  std::uint8_t static_port_count = 0;
  int dynamic_port_count = 0;  ///< bridge mappings with hostPort 0

  /// The static host ports, ascending.
  std::span<const std::uint16_t> ports() const noexcept { return {static_ports.data(), static_port_count}; }
  /// True when the task takes one ENI of the instance (awsvpc).
  bool needs_eni() const noexcept { return network_mode == NetworkMode::awsvpc; }

  friend bool operator==(const TaskDemand&, const TaskDemand&) = default;
};

/// A demand from plain numbers (handy in tests and benchmarks): no ports.
TaskDemand simple_demand(int cpu, int memory_mib, int gpus = 0,
                         NetworkMode mode = NetworkMode::bridge) noexcept;

/// ECS's reservation for a task on EC2 (ecs-facts.md §6.4):
/// - cpu: task-level `cpu` when set, else the sum of the containers' `cpu`;
/// - memory: task-level `memory` when set, else the sum over containers of
///   `memoryReservation` when set, else `memory` (the soft limit is what ECS
///   reserves);
/// - GPUs: the sum of the containers' GPU resourceRequirements;
/// - ports: bridge/host hostPorts become static ports (hostPort 0 in bridge
///   mode a dynamic one); awsvpc tasks use their own ENI, so no host ports.
/// Throws InputError when a number is negative, a container has neither a
/// task-level nor a container-level memory, a host port is out of range or
/// repeated, or there are more than max_static_ports static ports.
TaskDemand compute_task_demand(const TaskNumbers& task);

}  // namespace ecsim
