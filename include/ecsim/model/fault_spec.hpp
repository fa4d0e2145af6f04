#pragma once
/// ecsim: injected faults (Spot interruptions, Spot capacity shortages,
/// Availability Zone outages).
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// Kind of fault.
enum class FaultType { spot_interruptions, az_outage, spot_capacity_unavailable };

/// Scenario spellings of FaultType, indexed by value.
inline constexpr std::string_view fault_type_names[] = {"spotInterruptions", "azOutage",
                                                        "spotCapacityUnavailable"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(FaultType) { return fault_type_names; }

/// One fault; which fields matter depends on type.
struct FaultSpec {
  FaultType type = FaultType::spot_interruptions;  ///< which fault
  std::string capacity_provider;                   ///< spotInterruptions: FARGATE_SPOT or a spot ASG provider;
                                                   ///< spotCapacityUnavailable: FARGATE_SPOT
  double rate_per_task_hour = 0;                   ///< spotInterruptions on Fargate Spot
  double rate_per_instance_hour = 0;               ///< spotInterruptions on EC2 Spot
  std::string csv;                                 ///< spotInterruptions: file of times (column time_s), as resolved
  std::vector<Millis> times;                       ///< spotInterruptions: the csv's times, non-decreasing
  Millis notice{120'000};                          ///< warning before the stop: 2 min (ecs-facts.md §8.2, §9)
  Millis rebalance_recommendation{0};              ///< EC2 Spot: recommendation this long before the notice; 0 none
  std::string availability_zone;                   ///< azOutage: the zone
  Millis at{0};                                    ///< azOutage, spotCapacityUnavailable: start
  Millis duration{0};                              ///< azOutage, spotCapacityUnavailable: length
  SourceLocation where;                            ///< where the fault was written
  bool operator==(const FaultSpec&) const = default;
};

}  // namespace ecsim
