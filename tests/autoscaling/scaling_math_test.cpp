// Capacity arithmetic of Application Auto Scaling and CloudWatch alarm states.
#include <ecsim/autoscaling/metric_alarm.hpp>
#include <ecsim/autoscaling/scaling_math.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace ecsim;

TEST_CASE("target tracking: proportional out (rounded up), stepped in (rounded down)") {
  CHECK(tracking_scale_out_capacity(4, 75, 50) == 6);   // exactly 6, not 7
  CHECK(tracking_scale_out_capacity(4, 76, 50) == 7);   // 6.08 rounds up
  CHECK(tracking_scale_in_capacity(10, 30, 70) == 9);   // floor(4.3) = 4, but at most 10 % at a time
  CHECK(tracking_scale_in_capacity(4, 25, 50) == 3);
  CHECK(tracking_scale_in_capacity(3, 100.0 / 3, 50) == 2);
  CHECK(tracking_scale_in_capacity(1, 0, 50) == 0);
}

TEST_CASE("step scaling: the step holding the breach, and the adjustment types") {
  std::vector<StepAdjustment> steps(3);
  steps[0].metric_interval_lower_bound = 0;
  steps[0].metric_interval_upper_bound = 20;
  steps[0].scaling_adjustment = 1;
  steps[1].metric_interval_lower_bound = 20;
  steps[1].scaling_adjustment = 3;
  steps[2].metric_interval_upper_bound = 0;
  steps[2].scaling_adjustment = -1;
  CHECK(find_step(steps, 0)->scaling_adjustment == 1);
  CHECK(find_step(steps, 19.9)->scaling_adjustment == 1);
  CHECK(find_step(steps, 20)->scaling_adjustment == 3);
  CHECK(find_step(steps, -5)->scaling_adjustment == -1);
  CHECK(step_capacity(AdjustmentType::change_in_capacity, 4, 3, {}) == 7);
  CHECK(step_capacity(AdjustmentType::change_in_capacity, 2, -5, {}) == 0);
  CHECK(step_capacity(AdjustmentType::exact_capacity, 4, 9, {}) == 9);
  // The documented example: 4 tasks × 25 % = 1, raised to MinAdjustmentMagnitude 2.
  CHECK(step_capacity(AdjustmentType::percent_change_in_capacity, 4, 25, 2) == 6);
  CHECK(step_capacity(AdjustmentType::percent_change_in_capacity, 4, 25, {}) == 5);
  CHECK(step_capacity(AdjustmentType::percent_change_in_capacity, 10, 15, {}) == 11);   // 1.5 → 1
  CHECK(step_capacity(AdjustmentType::percent_change_in_capacity, 3, 10, {}) == 4);     // 0.3 → 1
  CHECK(step_capacity(AdjustmentType::percent_change_in_capacity, 10, -25, {}) == 8);   // −2.5 → −2
}

TEST_CASE("alarm: M of N datapoints; missing data neither breaches nor clears") {
  const double none = std::nan("");
  MetricAlarm a(ComparisonOperator::greater_than_threshold, 50, 3, 2);
  CHECK(a.state() == AlarmState::insufficient_data);
  CHECK(a.add(none) == AlarmState::insufficient_data);
  CHECK(a.add(60) == AlarmState::insufficient_data);  // one breach, one present: undecided
  CHECK(a.add(70) == AlarmState::alarm);             // 2 of 3
  CHECK(a.add(40) == AlarmState::alarm);             // 60, 70, 40: still 2 of 3
  CHECK(a.add(40) == AlarmState::ok);                // 70,40,40: one breach
  CHECK(a.add(50) == AlarmState::ok);                // 50 is not above 50
  MetricAlarm b(ComparisonOperator::less_than_or_equal_to_threshold, 10, 1, 1);
  CHECK(b.add(10) == AlarmState::alarm);
  CHECK(b.add(11) == AlarmState::ok);
  CHECK(b.add(none) == AlarmState::insufficient_data);
}
