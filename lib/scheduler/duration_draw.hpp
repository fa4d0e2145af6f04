#pragma once
// One draw from a behaviour's duration distribution.
#include <ecsim/core/rng.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/duration_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ecsim::detail {

/// Clamped at zero and rounded to whole milliseconds (virtual time is integer).
inline Millis draw(Rng& rng, const DurationDistribution& d) {
  double ms = 0;
  switch (d.distribution) {
    case DistributionKind::fixed:
      return d.value;
    case DistributionKind::uniform:
      ms = rng.uniform(static_cast<double>(d.min.count()), static_cast<double>(d.max.count()));
      break;
    case DistributionKind::normal:
      ms = rng.normal(static_cast<double>(d.mean.count()), static_cast<double>(d.stddev.count()));
      break;
    case DistributionKind::lognormal:
      ms = rng.lognormal(static_cast<double>(d.median.count()), d.sigma);
      break;
    case DistributionKind::exponential:
      ms = d.mean.count() > 0 ? rng.exponential(1.0 / static_cast<double>(d.mean.count())) : 0.0;
      break;
  }
  return Millis{static_cast<std::int64_t>(std::llround(std::max(0.0, ms)))};
}

/// The first periodic check at or after `up`, checks running every
/// `interval` from time 0 (at least one interval in).
inline Millis first_check_after(Millis up, Millis interval) {
  const std::int64_t iv = std::max<std::int64_t>(1, interval.count());
  return Millis{std::max<std::int64_t>(1, (up.count() + iv - 1) / iv) * iv};
}

/// When a failing container health check has turned UNHEALTHY: `retries`
/// failures in a row, counting only checks after `startPeriod`.
inline Millis unhealthy_after(Millis interval, int retries, Millis start_period) {
  const std::int64_t iv = std::max<std::int64_t>(1, interval.count());
  const std::int64_t first_counted = start_period.count() / iv + 1;
  return Millis{(first_counted + retries - 1) * iv};
}

}  // namespace ecsim::detail
