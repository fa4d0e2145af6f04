#include "ecsim/placement/task_demand.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "ecsim/core/error.hpp"

namespace ecsim {

namespace {

struct NetworkModeName {
  NetworkMode mode;
  std::string_view name;
};

constexpr std::array<NetworkModeName, 4> network_mode_names{{
    {NetworkMode::bridge, "bridge"},
    {NetworkMode::host, "host"},
    {NetworkMode::awsvpc, "awsvpc"},
    {NetworkMode::none, "none"},
}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

void require_non_negative(int value, std::string_view what) {
  if (value < 0) throw InputError(std::string(what) + " must be >= 0, got " + std::to_string(value));
}

}  // namespace

std::string_view to_string(NetworkMode mode) noexcept {
  for (const auto& row : network_mode_names)
    if (row.mode == mode) return row.name;
  return "bridge";
}

NetworkMode parse_network_mode(std::string_view text) {
  for (const auto& row : network_mode_names)
    if (equals_ignoring_case(text, row.name)) return row.mode;
  throw InputError("invalid networkMode '" + std::string(text) +
                   "': expected bridge, host, awsvpc or none");
}

TaskDemand simple_demand(int cpu, int memory_mib, int gpus, NetworkMode mode) noexcept {
  TaskDemand d;
  d.cpu = cpu;
  d.memory_mib = memory_mib;
  d.gpus = gpus;
  d.network_mode = mode;
  return d;
}

TaskDemand compute_task_demand(const TaskNumbers& task) {
  TaskDemand d;
  d.network_mode = task.network_mode;
  int cpu_sum = 0;
  int memory_sum = 0;
  std::vector<int> ports;
  for (std::size_t i = 0; i < task.containers.size(); ++i) {
    const ContainerNumbers& c = task.containers[i];
    const std::string where = "container " + std::to_string(i + 1);
    require_non_negative(c.cpu, where + " cpu");
    require_non_negative(c.gpus, where + " GPU count");
    cpu_sum += c.cpu;
    d.gpus += c.gpus;
    // ECS: the soft limit is what is reserved when set (ecs-facts.md §6.4).
    const std::optional<int> reserved = c.memory_reservation_mib ? c.memory_reservation_mib : c.memory_mib;
    if (reserved) {
      require_non_negative(*reserved, where + " memory");
      memory_sum += *reserved;
    } else if (!task.memory_mib) {
      throw InputError(where + ": set memory or memoryReservation (or a task-level memory) to run on EC2");
    }
    if (task.network_mode == NetworkMode::awsvpc || task.network_mode == NetworkMode::none) continue;
    for (const int port : c.host_ports) {
      if (port < 0 || port > 65535)
        throw InputError(where + ": hostPort " + std::to_string(port) + " is outside 0-65535");
      if (port == 0) {
        if (task.network_mode == NetworkMode::host)
          throw InputError(where + ": host network mode needs a hostPort equal to the containerPort, not 0");
        ++d.dynamic_port_count;
        continue;
      }
      ports.push_back(port);
    }
  }
  if (task.cpu) require_non_negative(*task.cpu, "task cpu");
  if (task.memory_mib) require_non_negative(*task.memory_mib, "task memory");
  d.cpu = task.cpu ? *task.cpu : cpu_sum;
  d.memory_mib = task.memory_mib ? *task.memory_mib : memory_sum;
  std::sort(ports.begin(), ports.end());
  if (const auto dup = std::adjacent_find(ports.begin(), ports.end()); dup != ports.end())
    throw InputError("hostPort " + std::to_string(*dup) + " is mapped twice in one task");
  if (ports.size() > static_cast<std::size_t>(TaskDemand::max_static_ports))
    throw InputError("a task maps " + std::to_string(ports.size()) + " static host ports; ecsim allows at most " +
                     std::to_string(TaskDemand::max_static_ports));
  for (const int port : ports) d.static_ports[d.static_port_count++] = static_cast<std::uint16_t>(port);
  return d;
}

}  // namespace ecsim
