#pragma once
/// ecsim: injected faults (Spot interruptions, Availability Zone outages).
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <span>
#include <string>
#include <string_view>

namespace ecsim {

/// Kind of fault.
enum class FaultType { spot_interruptions, az_outage };

/// Scenario spellings of FaultType, indexed by value.
inline constexpr std::string_view fault_type_names[] = {"spotInterruptions", "azOutage"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(FaultType) { return fault_type_names; }

/// One fault; which fields matter depends on type.
struct FaultSpec {
  FaultType type = FaultType::spot_interruptions;  ///< which fault
  std::string capacity_provider;                   ///< spotInterruptions: FARGATE_SPOT or a spot ASG provider
  double rate_per_task_hour = 0;                   ///< spotInterruptions on Fargate Spot
  double rate_per_instance_hour = 0;               ///< spotInterruptions on EC2 Spot
  Millis notice{120'000};                          ///< warning before the stop: 2 min (ecs-facts.md §8.2, §9)
  std::string availability_zone;                   ///< azOutage: the zone
  Millis at{0};                                    ///< azOutage: start
  Millis duration{0};                              ///< azOutage: length
  SourceLocation where;                            ///< where the fault was written
  bool operator==(const FaultSpec&) const = default;
};

}  // namespace ecsim
