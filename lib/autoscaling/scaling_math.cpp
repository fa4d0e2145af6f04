#include <ecsim/autoscaling/scaling_math.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace ecsim {

namespace {
// Ratios like 4 × 75 / 50 must give exactly 6, not 6.000000001 → 7.
constexpr double eps = 1e-9;
}  // namespace

int tracking_scale_out_capacity(int base, double metric, double target) noexcept {
  if (target <= 0 || std::isnan(metric)) return base;
  return static_cast<int>(std::ceil(base * metric / target - eps));
}

int tracking_scale_in_capacity(int current, double metric, double target, double in_step_fraction) noexcept {
  if (target <= 0 || std::isnan(metric)) return current;
  const int proportional = static_cast<int>(std::floor(current * metric / target + eps));
  const int stepped = current - static_cast<int>(std::ceil(in_step_fraction * current - eps));
  return std::max({proportional, stepped, 0});
}

const StepAdjustment* find_step(std::span<const StepAdjustment> steps, double breach) noexcept {
  for (const StepAdjustment& s : steps) {
    const double lo = s.metric_interval_lower_bound.value_or(-HUGE_VAL);
    const double hi = s.metric_interval_upper_bound.value_or(HUGE_VAL);
    const bool above = lo >= 0;  // steps at or above the threshold
    if (above ? (breach >= lo && breach < hi) : (breach > lo && breach <= hi)) return &s;
  }
  return nullptr;
}

int step_capacity(AdjustmentType type, int current, int adjustment, std::optional<int> min_adjustment_magnitude) noexcept {
  switch (type) {
    case AdjustmentType::change_in_capacity: return std::max(0, current + adjustment);
    case AdjustmentType::exact_capacity: return std::max(0, adjustment);
    case AdjustmentType::percent_change_in_capacity: {
      const double raw = current * adjustment / 100.0;
      int change = static_cast<int>(std::trunc(raw));
      if (change == 0 && raw != 0) change = raw > 0 ? 1 : -1;
      if (min_adjustment_magnitude && std::abs(change) < *min_adjustment_magnitude && adjustment != 0)
        change = adjustment > 0 ? *min_adjustment_magnitude : -*min_adjustment_magnitude;
      return std::max(0, current + change);
    }
  }
  return current;
}

}  // namespace ecsim
