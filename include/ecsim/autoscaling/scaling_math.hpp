#pragma once
/// How Application Auto Scaling turns a metric into a new capacity.
/// Target tracking's formula is not documented (ecs-facts.md §10, §13:
/// `tt_formula=proportional`): scale out to ceil(base × metric / target),
/// scale in to max(floor(current × metric / target), current − ceil(0.1 ×
/// current)). Rounding is conservative, up on the way out and down on the
/// way in (documented). Step scaling follows the StepScalingPolicyConfiguration
/// reference.
#include <ecsim/model/auto_scaling_spec.hpp>

#include <optional>
#include <span>

namespace ecsim {

/// Scale-out capacity: ceil(base × metric / target).
int tracking_scale_out_capacity(int base, double metric, double target) noexcept;

/// Scale-in capacity: max(floor(current × metric / target),
/// current − ceil(in_step_fraction × current)), never below 0.
int tracking_scale_in_capacity(int current, double metric, double target, double in_step_fraction = 0.1) noexcept;

/// The step whose interval holds `breach` (metric − threshold): bounds are
/// lower-inclusive above the threshold and upper-inclusive below it, as
/// AWS's examples read. nullptr when none does.
const StepAdjustment* find_step(std::span<const StepAdjustment> steps, double breach) noexcept;

/// New capacity from `current` for one step: ChangeInCapacity adds the
/// adjustment; PercentChangeInCapacity adds current × adjustment / 100
/// truncated toward zero but at least 1 in size, then raised to
/// MinAdjustmentMagnitude; ExactCapacity sets it. Never below 0.
int step_capacity(AdjustmentType type, int current, int adjustment, std::optional<int> min_adjustment_magnitude) noexcept;

}  // namespace ecsim
