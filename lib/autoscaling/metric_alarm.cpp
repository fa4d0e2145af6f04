#include <ecsim/autoscaling/metric_alarm.hpp>

#include <cmath>
#include <limits>

namespace ecsim {

bool breaches(ComparisonOperator op, double value, double threshold) noexcept {
  if (std::isnan(value)) return false;
  switch (op) {
    case ComparisonOperator::greater_than_or_equal_to_threshold: return value >= threshold;
    case ComparisonOperator::greater_than_threshold: return value > threshold;
    case ComparisonOperator::less_than_threshold: return value < threshold;
    case ComparisonOperator::less_than_or_equal_to_threshold: return value <= threshold;
  }
  return false;
}

MetricAlarm::MetricAlarm(ComparisonOperator op, double threshold, int evaluation_periods, int datapoints_to_alarm)
    : op_(op),
      threshold_(threshold),
      n_(evaluation_periods < 1 ? 1 : evaluation_periods),
      m_(datapoints_to_alarm < 1 ? 1 : (datapoints_to_alarm > n_ ? n_ : datapoints_to_alarm)),
      ring_(static_cast<std::size_t>(n_), std::numeric_limits<double>::quiet_NaN()) {}

double MetricAlarm::last() const noexcept { return ring_[(next_ + ring_.size() - 1) % ring_.size()]; }

AlarmState MetricAlarm::add(double value) {
  const double old = ring_[next_];
  if (!std::isnan(old)) {
    --present_;
    if (breaches(op_, old, threshold_)) --breaching_;
  }
  if (!std::isnan(value)) {
    ++present_;
    if (breaches(op_, value, threshold_)) ++breaching_;
  }
  ring_[next_] = value;
  next_ = next_ + 1 == ring_.size() ? 0 : next_ + 1;
  const int present = present_, breaching = breaching_;
  if (breaching >= m_)
    state_ = AlarmState::alarm;
  else if (present == 0)
    state_ = AlarmState::insufficient_data;
  else if (present - breaching > n_ - m_)
    state_ = AlarmState::ok;
  return state_;
}

}  // namespace ecsim
