#pragma once
/// Optional overrides of the region's price table (the `prices` section).
#include <ecsim/model/source_location.hpp>

#include <map>
#include <optional>
#include <string>

namespace ecsim {

/// Fargate prices, USD; unset keeps the region's value.
struct FargatePriceOverride {
  std::optional<double> vcpu_hour;          ///< per vCPU-hour
  std::optional<double> gb_hour;            ///< per GB-hour of memory
  std::optional<double> ephemeral_gb_hour;  ///< per GB-hour of storage above 20 GB
  std::optional<double> spot_discount;      ///< Fargate Spot discount, 0-1 (0.7 = 70 % off)
  SourceLocation where;                     ///< where the block was written
  bool operator==(const FargatePriceOverride&) const = default;
};

/// The prices section.
struct PriceOverrides {
  FargatePriceOverride fargate;             ///< Fargate
  std::map<std::string, double> ec2;        ///< on-demand USD per hour, by instance type
  std::optional<double> ec2_spot_discount;  ///< EC2 Spot discount, 0-1
  std::optional<double> external_instance_hour;  ///< ECS Anywhere fee per instance-hour
  SourceLocation where;                     ///< where the section was written
  bool operator==(const PriceOverrides&) const = default;
};

}  // namespace ecsim
