#pragma once
/// The simulation section: how long to run, with which seed, where.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <cstdint>
#include <string>

namespace ecsim {

/// Run settings. duration is the only required field of a scenario.
struct SimulationSpec {
  Millis duration{0};                ///< virtual time to simulate; must be > 0
  std::uint64_t seed = 0;            ///< same seed, same output
  std::string region = "us-east-1";  ///< selects the default price table and zone names
  Millis metrics_interval{60'000};   ///< one metrics.csv row per service per interval
  SourceLocation where;              ///< where the section was written
  bool operator==(const SimulationSpec&) const = default;
};

}  // namespace ecsim
