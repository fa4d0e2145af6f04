#pragma once
/// Virtual time. The simulation clock counts whole milliseconds in an int64:
/// floating-point time would make event order depend on rounding, and ms is
/// finer than anything ECS reports (ecs-facts.md gives rules in seconds).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ecsim {

/// A span of virtual time in milliseconds.
using Millis = std::chrono::duration<std::int64_t, std::milli>;

/// The simulation's clock: it starts at 0 and only moves when the engine fires an event.
struct SimClock {
  using rep = std::int64_t;                                    ///< milliseconds
  using period = std::milli;                                   ///< one tick is 1 ms
  using duration = Millis;                                     ///< a span on this clock
  using time_point = std::chrono::time_point<SimClock, Millis>;  ///< an instant on this clock
  static constexpr bool is_steady = true;                      ///< virtual time never goes back
};

/// An instant of virtual time, measured from the simulation start.
using SimTime = SimClock::time_point;

/// The simulation start, t = 0.
inline constexpr SimTime sim_start{};

/// Reads a scenario duration: "500ms", "90s", "15m", "2h", "1d", combinations
/// largest unit first ("1h30m", "1s500ms") or integer seconds ("90").
/// Surrounding whitespace is ignored. Throws InputError quoting the text.
Millis parse_duration(std::string_view text);

/// Writes d the way parse_duration reads it, largest unit first and without
/// zero parts ("1h30m", "500ms", "2d3h"); zero is "0s". Negative spans get a
/// leading '-' (parse_duration rejects those: scenarios have no use for them).
std::string format_duration(Millis d);

/// Seconds as a double, for outputs only (they report times in seconds).
double to_seconds(Millis d) noexcept;

/// Seconds since the simulation start, for outputs only.
double to_seconds(SimTime t) noexcept;

}  // namespace ecsim
