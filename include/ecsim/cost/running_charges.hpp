#pragma once
/// What many things still running have cost so far, each billed per second
/// from its own start at its own rate: the sum of
/// charge_usd(rate, now - start, no minimum) over them, kept up to date as
/// they start and stop, so that reading it does not scan them. A metrics
/// sample of a 100,000-task service used to walk every task for its cost.
#include <ecsim/core/time.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace ecsim {

/// The sum of per-second charges so far of a changing set of runs.
///
/// A run that started at b is billed ceil((now - b) / 1 s) seconds. Writing
/// now = 1000 Q + q and b = 1000 B + beta (ms), that is Q - B, plus one when
/// q > beta. So the sum is (sum of rates) * Q - sum(rate * B) + (sum of the
/// rates whose beta < q): two running sums and a prefix sum over the 1,000
/// possible millisecond offsets, kept in a Fenwick tree. Start, stop and
/// read are each O(log 1000).
class RunningCharges {
 public:
  /// A run at hourly_usd starts being billed at `at`.
  void start(double hourly_usd, SimTime at) noexcept { add(hourly_usd, at, +1); }

  /// The run that start(hourly_usd, at) added stops being billed.
  void stop(double hourly_usd, SimTime at) noexcept { add(hourly_usd, at, -1); }

  /// USD the runs still counted have cost from their starts to now, per
  /// second, partial seconds rounded up as billable_duration rounds them.
  double usd_at(SimTime now) const noexcept {
    if (runs_ == 0) return 0.0;
    const Split n = split(now);
    double rate_seconds = rate_ * static_cast<double>(n.seconds) - rate_start_seconds_;
    for (std::size_t k = n.millis; k > 0; k &= k - 1) rate_seconds += rate_below_[k];  // offsets < q
    return rate_seconds / 3600.0;
  }

  /// How many runs are counted.
  std::int64_t runs() const noexcept { return runs_; }

 private:
  static constexpr std::size_t offsets = 1000;  // milliseconds in a second

  struct Split {
    std::int64_t seconds;  // floor(t / 1 s)
    std::size_t millis;    // t - 1000 * seconds, in [0, 1000)
  };

  static Split split(SimTime t) noexcept {
    const std::int64_t ms = t.time_since_epoch().count();
    std::int64_t s = ms / 1000;
    std::int64_t r = ms % 1000;
    if (r < 0) {  // floor, not truncation, before the epoch
      r += 1000;
      --s;
    }
    return {s, static_cast<std::size_t>(r)};
  }

  void add(double hourly_usd, SimTime at, int sign) noexcept {
    runs_ += sign;
    if (runs_ == 0) {
      // Nothing left: drop the rounding residue of the additions and
      // subtractions, so an idle service reads exactly zero again.
      rate_ = 0.0;
      rate_start_seconds_ = 0.0;
      rate_below_.fill(0.0);
      return;
    }
    const double r = sign * hourly_usd;
    const Split b = split(at);
    rate_ += r;
    rate_start_seconds_ += r * static_cast<double>(b.seconds);
    // Fenwick tree, 1-based: offset beta is counted for every q > beta.
    for (std::size_t k = b.millis + 1; k <= offsets; k += k & (~k + 1)) rate_below_[k] += r;
  }

  std::int64_t runs_ = 0;
  double rate_ = 0.0;               // sum of hourly rates
  double rate_start_seconds_ = 0.0;  // sum of rate * B
  std::array<double, offsets + 1> rate_below_{};
};

}  // namespace ecsim
