#pragma once
/// Why a task could not be placed, in the terms ECS reports it: the closest
/// matching instance and what it lacked (ecs-facts.md §2.4).
#include <cstdint>
#include <string>
#include <string_view>

#include "ecsim/core/ids.hpp"

namespace ecsim {

/// The reason ECS would give.
enum class PlacementFailureReason : std::uint8_t {
  none,                    ///< placed
  no_container_instances,  ///< no ACTIVE instance in the cluster
  insufficient_cpu,
  insufficient_gpu,
  insufficient_memory,
  port_in_use,             ///< `port` is reserved or taken
  no_eni_available,        ///< awsvpc: every task ENI slot is used
  distinct_instance,       ///< distinctInstance ruled out every instance left
  member_of,               ///< memberOf (constraint `constraint`) ruled out every instance left
  fargate_vcpu_quota,      ///< Fargate: the account's concurrent vCPU quota is reached
};

/// A failure with its data. The closest instance is the one that passed the
/// most checks in ECS's order (CPU, GPU, memory, ports, ENI, then constraints
/// in order); ties go to the lowest instance id.
struct PlacementFailure {
  PlacementFailureReason reason = PlacementFailureReason::none;
  InstanceId closest = invalid_id<InstanceId>;  ///< for resource and constraint reasons
  std::uint16_t port = 0;                       ///< for port_in_use
  std::uint8_t constraint = 0;                  ///< for member_of: index into the policy's constraints

  friend bool operator==(const PlacementFailure&, const PlacementFailure&) = default;
};

/// The sentence ECS appends to "(service X) was unable to place a task because
/// no container instance met all of its requirements.", e.g. "The closest
/// matching container-instance {id} has insufficient CPU units available.";
/// instance_name is how the caller names the closest instance. GPU, ENI and
/// constraint wordings follow the same pattern with ECS's failure reason names
/// (modelled, not observed). For fargate_vcpu_quota it is ECS's own Reason text.
std::string placement_failure_message(const PlacementFailure& failure, std::string_view instance_name);

/// The whole service event: "(service {service}) was unable to place a task ..." (ecs-facts.md §2.4).
std::string placement_failure_event(std::string_view service, const PlacementFailure& failure,
                                    std::string_view instance_name);

}  // namespace ecsim
