#include <ecsim/autoscaling/schedule_expression.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <span>
#include <chrono>
#include <vector>

namespace ecsim {

namespace {

namespace chr = std::chrono;

constexpr std::string_view month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                            "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::string_view day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t k = s.find(sep, start);
    out.emplace_back(s.substr(start, k == std::string_view::npos ? std::string_view::npos : k - start));
    if (k == std::string_view::npos) break;
    start = k + 1;
  }
  return out;
}

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

/// A number or (for months and days of week) a three-letter name.
std::optional<int> field_value(std::string_view s, std::span<const std::string_view> names, int first) {
  if (auto v = parse_int(s)) return v;
  const std::string u = upper(s);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == u) return first + static_cast<int>(i);
  return std::nullopt;
}

/// Parses one cron field into `set` (values lo..hi). `star` reports * or ?.
bool parse_field(std::string_view text, int lo, int hi, std::span<const std::string_view> names, bool question_ok,
                 std::vector<bool>& set, bool& star, std::string& error, std::string_view what) {
  set.assign(static_cast<std::size_t>(hi + 1), false);
  star = false;
  if (text == "?") {
    if (!question_ok) {
      error = std::string(what) + ": '?' is allowed only in day-of-month or day-of-week";
      return false;
    }
    star = true;
    for (int v = lo; v <= hi; ++v) set[static_cast<std::size_t>(v)] = true;
    return true;
  }
  for (const std::string& part : split(text, ',')) {
    std::string range = part;
    int step = 1;
    if (const auto slash = part.find('/'); slash != std::string::npos) {
      const auto s = parse_int(std::string_view(part).substr(slash + 1));
      if (!s || *s <= 0) {
        error = std::string(what) + ": bad step in '" + part + "'";
        return false;
      }
      step = *s;
      range = part.substr(0, slash);
    }
    int a = lo, b = hi;
    if (range == "*") {
      if (part == "*") star = true;
    } else if (const auto dash = range.find('-'); dash != std::string::npos) {
      const auto x = field_value(std::string_view(range).substr(0, dash), names, lo);
      const auto y = field_value(std::string_view(range).substr(dash + 1), names, lo);
      if (!x || !y) {
        error = std::string(what) + ": bad range '" + range + "'";
        return false;
      }
      a = *x;
      b = *y;
    } else {
      const auto x = field_value(range, names, lo);
      if (!x) {
        if (range.find_first_of("LW#") != std::string::npos)
          error = std::string(what) + ": '" + range + "' (L, W and # forms) is not supported by ecsim";
        else
          error = std::string(what) + ": bad value '" + range + "'";
        return false;
      }
      a = *x;
      b = part.find('/') != std::string::npos ? hi : *x;
    }
    if (a < lo || b > hi || a > b) {
      error = std::string(what) + ": '" + part + "' is outside " + std::to_string(lo) + "-" + std::to_string(hi);
      return false;
    }
    for (int v = a; v <= b; v += step) set[static_cast<std::size_t>(v)] = true;
  }
  return true;
}

template <std::size_t N>
void copy_bits(const std::vector<bool>& v, std::bitset<N>& out, int offset = 0) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] && i >= static_cast<std::size_t>(offset) && i - offset < N) out.set(i - offset);
}

chr::sys_days epoch_day() { return chr::sys_days{chr::year{schedule_epoch_year} / 1 / 1}; }

}  // namespace

std::optional<ScheduleExpression> parse_schedule(std::string_view text, std::string& error) {
  ScheduleExpression e;
  const auto open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') {
    error = "expected at(...), rate(...) or cron(...)";
    return std::nullopt;
  }
  const std::string_view kind = text.substr(0, open);
  const std::string_view body = text.substr(open + 1, text.size() - open - 2);
  if (kind == "at") {
    // yyyy-mm-ddThh:mm:ss
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char t = 0;
    if (body.size() != 19 || std::sscanf(std::string(body).c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &t, &h,
                                         &mi, &s) != 7 || t != 'T') {
      error = "expected at(yyyy-mm-ddThh:mm:ss)";
      return std::nullopt;
    }
    const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(mo)}, chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 59) {
      error = "at(" + std::string(body) + ") is not a valid date and time";
      return std::nullopt;
    }
    const auto days = (chr::sys_days{ymd} - epoch_day()).count();
    e.kind = ScheduleExpression::Kind::at;
    e.at = Millis{((static_cast<std::int64_t>(days) * 24 + h) * 3600 + mi * 60 + s) * 1000};
    return e;
  }
  if (kind == "rate") {
    const auto parts = split(body, ' ');
    const auto n = parts.size() == 2 ? parse_int(parts[0]) : std::nullopt;
    if (!n || *n <= 0) {
      error = "expected rate(value unit) with a positive whole value, e.g. rate(5 minutes)";
      return std::nullopt;
    }
    const std::string& u = parts[1];
    std::int64_t unit = 0;
    if (u == "minute" || u == "minutes") unit = 60'000;
    else if (u == "hour" || u == "hours") unit = 3'600'000;
    else if (u == "day" || u == "days") unit = 86'400'000;
    if (unit == 0 || ((u.back() == 's') != (*n != 1))) {
      error = "rate unit must be minute(s), hour(s) or day(s), singular for 1 and plural otherwise";
      return std::nullopt;
    }
    e.kind = ScheduleExpression::Kind::rate;
    e.rate = Millis{*n * unit};
    return e;
  }
  if (kind == "cron") {
    const auto f = split(body, ' ');
    if (f.size() != 6) {
      error = "cron needs 6 fields: Minutes Hours Day-of-month Month Day-of-week Year";
      return std::nullopt;
    }
    e.kind = ScheduleExpression::Kind::cron;
    std::vector<bool> set;
    bool star = false;
    if (!parse_field(f[0], 0, 59, {}, false, set, star, error, "minutes")) return std::nullopt;
    copy_bits(set, e.minutes);
    if (!parse_field(f[1], 0, 23, {}, false, set, star, error, "hours")) return std::nullopt;
    copy_bits(set, e.hours);
    if (!parse_field(f[2], 1, 31, {}, true, set, e.any_day_of_month, error, "day-of-month")) return std::nullopt;
    copy_bits(set, e.days_of_month);
    if (!parse_field(f[3], 1, 12, month_names, false, set, star, error, "month")) return std::nullopt;
    copy_bits(set, e.months);
    if (!parse_field(f[4], 1, 7, day_names, true, set, e.any_day_of_week, error, "day-of-week")) return std::nullopt;
    copy_bits(set, e.days_of_week);
    if (!parse_field(f[5], 1970, 2199, {}, false, set, star, error, "year")) return std::nullopt;
    copy_bits(set, e.years, 1970);
    if (f[2] != "?" && f[4] != "?") {
      error = "one of day-of-month and day-of-week must be '?'";
      return std::nullopt;
    }
    return e;
  }
  error = "expected at(...), rate(...) or cron(...), got '" + std::string(kind) + "(...)'";
  return std::nullopt;
}

std::optional<SimTime> next_fire(const ScheduleExpression& e, SimTime after) {
  const std::int64_t t = after.time_since_epoch().count();
  switch (e.kind) {
    case ScheduleExpression::Kind::at:
      if (e.at.count() > t && e.at.count() >= 0) return SimTime{e.at};
      return std::nullopt;
    case ScheduleExpression::Kind::rate: {
      const std::int64_t r = e.rate.count();
      const std::int64_t k = t < 0 ? 1 : t / r + 1;
      return SimTime{Millis{k * r}};
    }
    case ScheduleExpression::Kind::cron: break;
  }
  // Walk days from the one holding `after`; within a matching day take the
  // first listed hour:minute after `after`. Cron fires on whole minutes.
  constexpr std::int64_t day_ms = 86'400'000;
  std::int64_t day = t < 0 ? -1 : t / day_ms;
  for (int n = 0; n < 366 * 230; ++n, ++day) {
    const chr::sys_days sd = epoch_day() + chr::days{day};
    const chr::year_month_day ymd{sd};
    const int year = static_cast<int>(ymd.year());
    if (year > 2199) return std::nullopt;
    if (year < 1970 || !e.years.test(static_cast<std::size_t>(year - 1970))) continue;
    if (!e.months.test(static_cast<unsigned>(ymd.month()))) continue;
    const unsigned dow = chr::weekday{sd}.c_encoding() + 1;  // 1 = SUN
    if (!e.any_day_of_month && !e.days_of_month.test(static_cast<unsigned>(ymd.day()))) continue;
    if (!e.any_day_of_week && !e.days_of_week.test(dow)) continue;
    for (int h = 0; h < 24; ++h) {
      if (!e.hours.test(static_cast<std::size_t>(h))) continue;
      for (int m = 0; m < 60; ++m) {
        if (!e.minutes.test(static_cast<std::size_t>(m))) continue;
        const std::int64_t at = day * day_ms + (h * 60 + m) * 60'000;
        if (at > t && at >= 0) return SimTime{Millis{at}};
      }
    }
  }
  return std::nullopt;
}

}  // namespace ecsim
