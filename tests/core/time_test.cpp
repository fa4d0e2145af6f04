#include "ecsim/core/time.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <limits>
#include <string>

#include "ecsim/core/error.hpp"

using namespace std::chrono_literals;
using ecsim::InputError;
using ecsim::Millis;
using ecsim::parse_duration;

namespace {
constexpr const char* expected_forms =
    "expected a number followed by ms, s, m, h or d (e.g. \"90s\", \"1h30m\") or integer seconds";

std::string invalid(const std::string& text, const std::string& why) {
  return "invalid duration '" + text + "': " + why;
}
}  // namespace

TEST_CASE("parse_duration reads each single unit") {
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("90s") == 90s);
  CHECK(parse_duration("15m") == 15min);
  CHECK(parse_duration("2h") == 2h);
  CHECK(parse_duration("1d") == 24h);
  CHECK(parse_duration("0ms") == 0ms);
}

TEST_CASE("parse_duration reads combinations written largest unit first") {
  CHECK(parse_duration("1h30m") == 90min);
  CHECK(parse_duration("1m30s") == 90s);
  CHECK(parse_duration("2d12h") == 60h);
  CHECK(parse_duration("1s500ms") == 1500ms);
  CHECK(parse_duration("1d2h3m4s5ms") == Millis{93'784'005});
}

TEST_CASE("parse_duration reads a bare integer as seconds") {
  CHECK(parse_duration("90") == 90s);
  CHECK(parse_duration("0") == 0s);
  CHECK(parse_duration("007") == 7s);
}

TEST_CASE("parse_duration ignores surrounding whitespace") {
  CHECK(parse_duration("  90s\t") == 90s);
  CHECK(parse_duration("\n1h30m ") == 90min);
  CHECK(parse_duration(" 45 ") == 45s);
}

TEST_CASE("parse_duration rejects an unknown unit, quoting the input") {
  CHECK_THROWS_WITH_AS(parse_duration("1x"), invalid("1x", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("5H"), invalid("5H", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("3 min"), invalid("3 min", expected_forms).c_str(),
                       InputError);
}

TEST_CASE("parse_duration rejects empty text and text without a number") {
  CHECK_THROWS_WITH_AS(parse_duration(""), invalid("", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("   "), invalid("", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("h"), invalid("h", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("1hm"), invalid("1hm", expected_forms).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("+5s"), invalid("+5s", expected_forms).c_str(), InputError);
}

TEST_CASE("parse_duration rejects trailing garbage and unitless parts after a unit") {
  CHECK_THROWS_WITH_AS(parse_duration("90s!"), invalid("90s!", expected_forms).c_str(),
                       InputError);
  CHECK_THROWS_WITH_AS(parse_duration("1h30"), invalid("1h30", expected_forms).c_str(),
                       InputError);
  CHECK_THROWS_WITH_AS(parse_duration("1h 30m"), invalid("1h 30m", expected_forms).c_str(),
                       InputError);
}

TEST_CASE("parse_duration rejects negative durations") {
  CHECK_THROWS_WITH_AS(parse_duration("-5s"),
                       invalid("-5s", "durations cannot be negative").c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration(" -1"),
                       invalid("-1", "durations cannot be negative").c_str(), InputError);
}

TEST_CASE("parse_duration rejects fractions and says how to write them whole") {
  CHECK_THROWS_WITH_AS(
      parse_duration("1.5h"),
      invalid("1.5h", "fractions are not accepted; write \"90m\" instead of \"1.5h\"").c_str(),
      InputError);
  CHECK_THROWS_WITH_AS(
      parse_duration("0.5s"),
      invalid("0.5s", "fractions are not accepted; write \"500ms\" instead of \"0.5s\"").c_str(),
      InputError);
  CHECK_THROWS_WITH_AS(
      parse_duration("1.5"),
      invalid("1.5", "fractions are not accepted; write \"1500ms\" instead of \"1.5\"").c_str(),
      InputError);
  CHECK_THROWS_WITH_AS(
      parse_duration("1h0.25m"),
      invalid("1h0.25m", "fractions are not accepted; write \"15s\" instead of \"0.25m\"")
          .c_str(),
      InputError);
  CHECK_THROWS_WITH_AS(
      parse_duration("0.5ms"),
      invalid("0.5ms", "fractions are not accepted; durations are whole milliseconds").c_str(),
      InputError);
}

TEST_CASE("parse_duration rejects units that repeat or come out of order") {
  const std::string why =
      "units must go from largest to smallest, each at most once (e.g. \"1h30m\")";
  CHECK_THROWS_WITH_AS(parse_duration("30m1h"), invalid("30m1h", why).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("1h1h"), invalid("1h1h", why).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("500ms1s"), invalid("500ms1s", why).c_str(), InputError);
}

TEST_CASE("parse_duration rejects values beyond int64 milliseconds") {
  const std::string why = "too large; the maximum is 106751991167d7h12m55s807ms";
  CHECK(parse_duration("106751991167d7h12m55s807ms") == Millis::max());
  CHECK_THROWS_WITH_AS(parse_duration("106751991167d7h12m55s808ms"),
                       invalid("106751991167d7h12m55s808ms", why).c_str(), InputError);
  CHECK_THROWS_WITH_AS(parse_duration("106751991168d"), invalid("106751991168d", why).c_str(),
                       InputError);
  CHECK_THROWS_WITH_AS(parse_duration("99999999999999999999"),
                       invalid("99999999999999999999", why).c_str(), InputError);
}

TEST_CASE("format_duration writes the largest units first and skips zero parts") {
  CHECK(ecsim::format_duration(90min) == "1h30m");
  CHECK(ecsim::format_duration(500ms) == "500ms");
  CHECK(ecsim::format_duration(0ms) == "0s");
  CHECK(ecsim::format_duration(51h) == "2d3h");
  CHECK(ecsim::format_duration(Millis{86'400'001}) == "1d1ms");
  CHECK(ecsim::format_duration(-90s) == "-1m30s");
  CHECK(ecsim::format_duration(Millis::min()) == "-106751991167d7h12m55s808ms");
}

TEST_CASE("format_duration output parses back to the same duration") {
  for (const Millis d : {Millis{0}, Millis{1}, Millis{999}, Millis{1000}, Millis{59'999},
                         Millis{3'600'000}, Millis{93'784'005}, Millis{86'400'000LL * 365},
                         Millis::max()}) {
    CAPTURE(d.count());
    CHECK(parse_duration(ecsim::format_duration(d)) == d);
  }
}

TEST_CASE("to_seconds gives seconds as a double for outputs") {
  CHECK(ecsim::to_seconds(Millis{1500}) == 1.5);
  CHECK(ecsim::to_seconds(ecsim::sim_start) == 0.0);
  CHECK(ecsim::to_seconds(ecsim::sim_start + 30min + 250ms) == 1800.25);
}
