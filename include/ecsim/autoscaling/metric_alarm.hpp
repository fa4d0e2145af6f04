#pragma once
/// A CloudWatch metric alarm evaluated over its own datapoints: ALARM when at
/// least DatapointsToAlarm of the last EvaluationPeriods datapoints breach
/// the threshold. Missing datapoints (no task ran) are treated as CloudWatch
/// treats them by default ("missing"): they neither breach nor clear.
#include <ecsim/model/auto_scaling_spec.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace ecsim {

enum class AlarmState : std::uint8_t { insufficient_data, ok, alarm };

/// CloudWatch spellings of AlarmState.
inline constexpr std::string_view alarm_state_names[] = {"INSUFFICIENT_DATA", "OK", "ALARM"};

/// True when `value` breaches `threshold` under `op`.
bool breaches(ComparisonOperator op, double value, double threshold) noexcept;

class MetricAlarm {
 public:
  MetricAlarm(ComparisonOperator op, double threshold, int evaluation_periods, int datapoints_to_alarm);

  /// Adds the datapoint of the period that just ended (NaN: none) and
  /// returns the new state. Rules (M of N over the newest N datapoints):
  /// ALARM when M breach; INSUFFICIENT_DATA when all N are missing; OK when
  /// the present non-breaching ones make M breaches impossible; otherwise
  /// the state holds.
  AlarmState add(double value);

  AlarmState state() const noexcept { return state_; }
  /// The newest datapoint (NaN: none yet or missing).
  double last() const noexcept;
  double threshold() const noexcept { return threshold_; }

 private:
  ComparisonOperator op_;
  double threshold_;
  int n_;
  int m_;
  std::vector<double> ring_;  ///< the newest N datapoints, NaN when missing
  std::size_t next_ = 0;
  int present_ = 0;    ///< non-missing datapoints in the ring
  int breaching_ = 0;  ///< breaching datapoints in the ring
  AlarmState state_ = AlarmState::insufficient_data;
};

}  // namespace ecsim
