#pragma once
/// ecsim: the load offered to a service over time.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// Which form a LoadModel takes.
enum class LoadModelKind { constant, steps, diurnal, csv };

/// Scenario spellings of LoadModelKind, indexed by value.
inline constexpr std::string_view load_model_kind_names[] = {"constant", "steps", "diurnal", "csv"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(LoadModelKind) { return load_model_kind_names; }

/// A value that holds from `at` until the next point.
struct LoadPoint {
  Millis at{0};          ///< since the simulation start
  double value = 0;      ///< e.g. requests per second
  SourceLocation where;  ///< where the point was written (a CSV row for csv)
  bool operator==(const LoadPoint&) const = default;
};

/// A daily sine-like curve between min and max, peaking at peak_at.
struct DiurnalLoad {
  double min = 0;                  ///< value at the trough (12 h from the peak)
  double max = 0;                  ///< value at the peak
  Millis peak_at{14 * 3'600'000};  ///< time of day of the peak ("14:00"), from midnight
  SourceLocation where;            ///< where the block was written
  bool operator==(const DiurnalLoad&) const = default;
};

/// One of {constant: V} | {steps: [...]} | {diurnal: {...}} | {csv: FILE}.
struct LoadModel {
  LoadModelKind kind = LoadModelKind::constant;  ///< which form
  double constant = 0;                           ///< constant
  std::vector<LoadPoint> steps;                  ///< steps, sorted by at; csv rows land here too
  DiurnalLoad diurnal;                           ///< diurnal
  std::string csv;                               ///< csv: the file as the scenario names it (columns time_s,value)
  SourceLocation where;                          ///< where the model was written
  bool operator==(const LoadModel&) const = default;
};

/// ecsim: multiplicative noise on a load, one factor per interval:
/// max(0, 1 + stddev × N(0, 1)), seeded by the scenario seed.
struct LoadNoise {
  double stddev = 0;           ///< relative standard deviation; 0 = no noise
  Millis interval{60'000};     ///< how long one factor holds
  SourceLocation where;        ///< where the block was written
  bool operator==(const LoadNoise&) const = default;
};

/// ecsim: a load multiplier per day of the week, by UTC day from virtual
/// time 0 (Thursday 2026-01-01, as the schedule expressions' calendar).
struct WeeklyPattern {
  std::array<double, 7> factor{1, 1, 1, 1, 1, 1, 1};  ///< index 0 = SUN … 6 = SAT
  SourceLocation where;                                ///< where the block was written
  bool active() const noexcept {
    for (double f : factor)
      if (f != 1.0) return true;
    return false;
  }
  bool operator==(const WeeklyPattern&) const = default;
};

/// Load for one service.
struct WorkloadSpec {
  std::string service;            ///< the service receiving it
  LoadModel requests_per_second;  ///< requests per second over time
  LoadNoise noise;                ///< optional noise on top
  WeeklyPattern weekly;           ///< optional day-of-week multipliers
  SourceLocation where;           ///< where the entry was written
  bool operator==(const WorkloadSpec&) const = default;
};

}  // namespace ecsim
