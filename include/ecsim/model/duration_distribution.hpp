#pragma once
/// ecsim: a random duration (image pull, startup), drawn per task by the simulator.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <span>
#include <string_view>

namespace ecsim {

/// Shape of a DurationDistribution.
enum class DistributionKind { fixed, uniform, normal, lognormal, exponential };

/// Scenario spellings of DistributionKind, indexed by value.
inline constexpr std::string_view distribution_kind_names[] = {"fixed", "uniform", "normal", "lognormal",
                                                               "exponential"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(DistributionKind) { return distribution_kind_names; }

/// A duration that is fixed (`startup: 25s`) or drawn from a distribution
/// (`{distribution: lognormal, median: 25s, sigma: 0.3}`). Only the fields of
/// the chosen kind matter: fixed uses value; uniform min, max; normal mean,
/// stddev; lognormal median, sigma; exponential mean.
struct DurationDistribution {
  DistributionKind distribution = DistributionKind::fixed;  ///< which shape
  Millis value{0};                                          ///< fixed
  Millis min{0};                                            ///< uniform lower bound
  Millis max{0};                                            ///< uniform upper bound
  Millis mean{0};                                           ///< normal, exponential
  Millis stddev{0};                                         ///< normal
  Millis median{0};                                         ///< lognormal
  double sigma = 0;                                         ///< lognormal: standard deviation of the log
  SourceLocation where{};                                   ///< where it was written
  bool operator==(const DurationDistribution&) const = default;
};

}  // namespace ecsim
