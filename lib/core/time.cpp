#include "ecsim/core/time.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "ecsim/core/error.hpp"

namespace ecsim {
namespace {

/// One duration unit as written in a scenario.
struct Unit {
  std::string_view suffix;
  std::int64_t ms;
};

// Largest first: parse_duration requires this order and format_duration emits it.
constexpr std::array<Unit, 5> units{{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};
constexpr std::size_t seconds_unit = 3;  // a bare number counts as seconds

constexpr std::string_view accepted =
    "expected a number followed by ms, s, m, h or d (e.g. \"90s\", \"1h30m\") or integer seconds";

constexpr std::int64_t max_ms = std::numeric_limits<std::int64_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw InputError("invalid duration '" + std::string(text) + "': " + std::string(why));
}

/// Reads the unit at the front of s ("ms" before "m"), if any.
std::optional<std::size_t> match_unit(std::string_view s) {
  // "ms" must win over "m" when both match.
  if (s.starts_with("ms")) return units.size() - 1;
  for (std::size_t i = 0; i + 1 < units.size(); ++i) {
    if (s.starts_with(units[i].suffix)) return i;
  }
  return std::nullopt;
}

/// Parses a run of digits into out; false on int64 overflow.
bool parse_digits(std::string_view digits, std::int64_t& out) {
  std::int64_t v = 0;
  for (char c : digits) {
    const int d = c - '0';
    if (v > (max_ms - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

/// Explains a fractional component such as "1.5h" and, when the value is a
/// whole number of milliseconds, says how to write it ("90m").
[[noreturn]] void fail_fraction(std::string_view text, std::string_view component,
                                std::string_view whole, std::string_view fraction,
                                std::size_t unit) {
  std::string why = "fractions are not accepted; ";
  std::int64_t w = 0;
  std::int64_t f = 0;
  // Exact arithmetic: value_ms = (whole * 10^k + fraction) * unit_ms / 10^k.
  if (fraction.size() <= 9 && parse_digits(whole, w) && parse_digits(fraction, f)) {
    std::int64_t scale = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
    const std::int64_t unit_ms = units[unit].ms;
    __extension__ typedef __int128 Wide;  // exact product of two int64
    const Wide numerator = (static_cast<Wide>(w) * scale + f) * unit_ms;
    if (numerator % scale != 0) {
      fail(text, why + "durations are whole milliseconds");
    }
    const Wide total = numerator / scale;
    if (total <= max_ms) {
      const auto ms = static_cast<std::int64_t>(total);
      for (std::size_t u = unit; u < units.size(); ++u) {
        if (ms % units[u].ms == 0) {
          fail(text, why + "write \"" + std::to_string(ms / units[u].ms) +
                         std::string(units[u].suffix) + "\" instead of \"" +
                         std::string(component) + "\"");
        }
      }
    }
  }
  fail(text, why + "use a smaller unit (e.g. \"90m\", not \"1.5h\")");
}

}  // namespace

Millis parse_duration(std::string_view input) {
  const std::string_view text = trim(input);
  if (text.empty()) fail(text, accepted);
  if (text.front() == '-') fail(text, "durations cannot be negative");

  std::string_view rest = text;
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units before this index are used up
  while (!rest.empty()) {
    const std::string_view component_start = rest;
    std::size_t n = 0;
    while (n < rest.size() && is_digit(rest[n])) ++n;
    const std::string_view whole = rest.substr(0, n);
    rest.remove_prefix(n);

    std::string_view fraction;
    const bool has_point = !rest.empty() && rest.front() == '.';
    if (has_point) {
      std::size_t m = 1;
      while (m < rest.size() && is_digit(rest[m])) ++m;
      fraction = rest.substr(1, m - 1);
      rest.remove_prefix(m);
    }
    if (whole.empty() && fraction.empty()) fail(text, accepted);  // "h", "1h x", "."

    std::optional<std::size_t> unit = match_unit(rest);
    if (!unit) {
      // Only a whole text that is one bare number means seconds ("90", "1.5").
      if (!rest.empty() || component_start.size() != text.size()) fail(text, accepted);
      unit = seconds_unit;
    } else {
      rest.remove_prefix(units[*unit].suffix.size());
    }
    const std::string_view component =
        component_start.substr(0, component_start.size() - rest.size());

    if (has_point) {
      if (fraction.empty()) fail(text, accepted);  // "5.h"
      fail_fraction(text, component, whole, fraction, *unit);
    }
    if (*unit < next_unit) {
      fail(text, "units must go from largest to smallest, each at most once (e.g. \"1h30m\")");
    }
    next_unit = *unit + 1;

    std::int64_t value = 0;
    const std::int64_t unit_ms = units[*unit].ms;
    if (!parse_digits(whole, value) || value > max_ms / unit_ms ||
        value * unit_ms > max_ms - total) {
      fail(text, "too large; the maximum is " + format_duration(Millis{max_ms}));
    }
    total += value * unit_ms;
  }
  return Millis{total};
}

std::string format_duration(Millis d) {
  std::int64_t count = d.count();
  if (count == 0) return "0s";
  std::string out;
  // Unsigned magnitude: -INT64_MIN does not fit an int64.
  std::uint64_t left = static_cast<std::uint64_t>(count);
  if (count < 0) {
    out += '-';
    left = ~left + 1;
  }
  for (const Unit& u : units) {
    const auto unit_ms = static_cast<std::uint64_t>(u.ms);
    if (left >= unit_ms) {
      out += std::to_string(left / unit_ms);
      out += u.suffix;
      left %= unit_ms;
    }
  }
  return out;
}

double to_seconds(Millis d) noexcept { return static_cast<double>(d.count()) / 1000.0; }

double to_seconds(SimTime t) noexcept { return to_seconds(t.time_since_epoch()); }

}  // namespace ecsim
