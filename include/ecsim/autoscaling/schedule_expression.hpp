#pragma once
/// Application Auto Scaling schedule expressions: at(yyyy-mm-ddThh:mm:ss),
/// rate(value unit) and cron(Minutes Hours Day-of-month Month Day-of-week
/// Year), evaluated in UTC. Virtual time 0 is schedule_epoch (an ecsim
/// choice: the calendar needs a date, and the diurnal load already starts at
/// midnight).
#include <ecsim/core/time.hpp>

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecsim {

/// The calendar date and time that virtual time 0 stands for:
/// 2026-01-01T00:00:00Z (a Thursday).
inline constexpr int schedule_epoch_year = 2026;

/// A parsed schedule.
struct ScheduleExpression {
  enum class Kind { at, rate, cron } kind = Kind::at;
  Millis at{0};    ///< at: since the simulation start (may be negative: in the past)
  Millis rate{0};  ///< rate: the interval
  // cron: allowed values per field. Day-of-week 1-7 is SUN-SAT as in AWS.
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;  ///< bit d for day d (1-31)
  std::bitset<13> months;         ///< bit m for month m (1-12)
  std::bitset<8> days_of_week;    ///< bit d for 1 (SUN) … 7 (SAT)
  bool any_day_of_month = true;   ///< '*' or '?'
  bool any_day_of_week = true;
  std::bitset<230> years;         ///< bit y - 1970, 1970-2199
};

/// Parses an expression; on failure returns nullopt and says why in `error`.
std::optional<ScheduleExpression> parse_schedule(std::string_view text, std::string& error);

/// The first time the schedule fires strictly after `after`, or nullopt when
/// it never fires again. rate(...) fires at every multiple of the rate after
/// the simulation start (ecsim: AWS does not document the phase).
std::optional<SimTime> next_fire(const ScheduleExpression& e, SimTime after);

}  // namespace ecsim
