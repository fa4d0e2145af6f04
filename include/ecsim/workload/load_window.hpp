#pragma once
/// Exact statistics of a service's load over a stretch of virtual time: the
/// integral of the load, of the load clamped to a band, and its extremes.
/// The load is cut into pieces on which it is flat, linear or a monotone
/// half-wave of the diurnal cosine, each with a closed-form integral and
/// inverse, so a one-minute CloudWatch datapoint costs a few pieces, not a
/// sample per task.
#include <ecsim/core/rng.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/workload_spec.hpp>

#include <cstdint>
#include <limits>

namespace ecsim {

/// What one window of load adds up to. Integrals are in value × seconds
/// (requests, for a requests-per-second load).
struct LoadWindowStats {
  double total = 0;     ///< ∫ L dt
  double clamped = 0;   ///< ∫ clamp(L, lo, hi) dt
  double below_hi = 0;  ///< ∫ min(L, hi) dt
  double min = 0;       ///< smallest L in the window
  double max = 0;       ///< largest L in the window
};

/// cos and sin of the diurnal phase at time t (ms), remembered (internal).
struct TrigMemo {
  double t = -1, c = 1, s = 0;
};

/// A service's load over time: the workload's model times its optional noise.
class LoadCurve {
 public:
  /// `noise_key` picks this workload's noise stream (with the scenario seed);
  /// `weekly` multiplies each UTC day (day 0, virtual time 0, is a Thursday).
  LoadCurve(const LoadModel& model, const LoadNoise& noise, std::uint64_t seed, std::uint64_t noise_key,
            const WeeklyPattern& weekly = {});

  /// The load at t (noise included).
  double at(SimTime t) const noexcept;

  /// Statistics over [a, b) for the band [lo, hi] (lo <= hi). An empty
  /// window gives zeros, with min and max the load at a.
  LoadWindowStats window(SimTime a, SimTime b, double lo, double hi) const noexcept;

  /// Noise factor for noise interval k: max(0, 1 + stddev × N(0, 1)). Blocks
  /// of 4096 intervals each draw in order from their own stream, so any
  /// interval can be computed on its own and a forward walk costs one draw.
  double noise_factor(std::int64_t k) const noexcept;

 private:
  const LoadModel* model_;
  LoadNoise noise_;
  std::uint64_t seed_;
  std::uint64_t noise_key_;
  WeeklyPattern weekly_;
  bool weekly_active_;
  // Caches only (values depend on k alone): the last interval's factor and
  // the open block's stream, positioned at interval block_next_.
  mutable std::int64_t cached_interval_ = std::numeric_limits<std::int64_t>::min();
  mutable double cached_factor_ = 1.0;
  mutable std::int64_t block_ = std::numeric_limits<std::int64_t>::min();
  mutable std::int64_t block_next_ = 0;
  mutable Rng block_rng_{0};
  mutable TrigMemo trig_;
};

}  // namespace ecsim
