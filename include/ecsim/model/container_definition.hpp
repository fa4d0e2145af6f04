#pragma once
/// One container of a task definition (register-task-definition's
/// containerDefinitions items), with the parts ecsim simulates.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// Transport protocol of a port mapping.
enum class TransportProtocol { tcp, udp };

/// ECS spellings of TransportProtocol, indexed by value.
inline constexpr std::string_view transport_protocol_names[] = {"tcp", "udp"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(TransportProtocol) { return transport_protocol_names; }

/// A container port and the host port it takes (bridge/host networking).
struct PortMapping {
  int container_port = 0;        ///< port inside the container
  std::optional<int> host_port;  ///< unset: same as container_port (awsvpc, host) or dynamic (bridge)
  TransportProtocol protocol = TransportProtocol::tcp;  ///< tcp or udp
  std::string name;                                     ///< Service Connect name, kept for reference
  SourceLocation where;                                 ///< where the mapping was written
  bool operator==(const PortMapping&) const = default;
};

/// A container health check. Times are ECS seconds converted to Millis.
// ECS: defaults interval 30 s, timeout 5 s, retries 3, startPeriod 0; ranges
// 5-300, 2-60, 1-10, 0-300 (ecs-facts.md §1.3).
struct HealthCheck {
  std::vector<std::string> command;  ///< e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
  Millis interval{30'000};           ///< time between checks
  Millis timeout{5'000};             ///< time one check may take before it fails
  int retries = 3;                   ///< consecutive failures that make the container UNHEALTHY
  Millis start_period{0};            ///< grace after start during which failures do not count
  SourceLocation where;              ///< where the check was written
  bool operator==(const HealthCheck&) const = default;
};

/// What a container waits for in a dependency (ecs-facts.md §1.5).
enum class DependencyCondition { start, complete, success, healthy };

/// ECS spellings of DependencyCondition, indexed by value.
inline constexpr std::string_view dependency_condition_names[] = {"START", "COMPLETE", "SUCCESS", "HEALTHY"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(DependencyCondition) { return dependency_condition_names; }

/// One dependsOn entry: start this container only once another one reached `condition`.
struct ContainerDependency {
  std::string container_name;                                  ///< the container depended on
  DependencyCondition condition = DependencyCondition::start;  ///< what it must reach first
  SourceLocation where;                                        ///< where the entry was written
  bool operator==(const ContainerDependency&) const = default;
};

/// Kind of a resourceRequirements entry.
enum class ResourceType { gpu, inference_accelerator };

/// ECS spellings of ResourceType, indexed by value.
inline constexpr std::string_view resource_type_names[] = {"GPU", "InferenceAccelerator"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(ResourceType) { return resource_type_names; }

/// A GPU (or inference accelerator) request; ECS writes the value as a string.
struct ResourceRequirement {
  ResourceType type = ResourceType::gpu;  ///< what is requested
  std::string value;                      ///< GPU: a count such as "1"; accelerators: a device name
  SourceLocation where;                   ///< where the entry was written
  bool operator==(const ResourceRequirement&) const = default;
};

/// A container definition. Fields the API names with a unit suffix hold Millis here.
struct ContainerDefinition {
  std::string name;                             ///< unique within the task definition
  std::string image;                            ///< image reference, kept for reports
  int cpu = 0;                                  ///< CPU units reserved (1024 = 1 vCPU); 0 = none
  std::optional<int> memory;                    ///< hard memory limit, MiB
  std::optional<int> memory_reservation;        ///< soft limit, MiB; placement reserves it when set
  bool essential = true;                        ///< ECS: defaults to true (ecs-facts.md §1.5)
  std::vector<PortMapping> port_mappings;       ///< ports the container listens on
  std::optional<HealthCheck> health_check;      ///< container health check, if any
  std::vector<ContainerDependency> depends_on;  ///< startup order
  Millis stop_timeout{30'000};                  ///< SIGTERM-to-SIGKILL wait; ECS default 30 s (ecs-facts.md §1.2)
  std::optional<Millis> start_timeout;          ///< how long to wait for dependencies before giving up
  std::vector<ResourceRequirement> resource_requirements;  ///< GPUs and accelerators
  SourceLocation where;                                    ///< where the container was written
  bool operator==(const ContainerDefinition&) const = default;
};

}  // namespace ecsim
