// Application Auto Scaling schedule expressions, with virtual time 0 at
// 2026-01-01T00:00:00Z (a Thursday).
#include <ecsim/autoscaling/schedule_expression.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

ScheduleExpression parse(const std::string& text) {
  std::string error;
  auto e = parse_schedule(text, error);
  INFO(text << ": " << error);
  REQUIRE(e);
  return *e;
}

std::string error_of(const std::string& text) {
  std::string error;
  CHECK_FALSE(parse_schedule(text, error));
  return error;
}

double hours(std::optional<SimTime> t) {
  REQUIRE(t);
  return to_seconds(*t) / 3600.0;
}

}  // namespace

TEST_CASE("cron: every day at 08:00 UTC") {
  const auto e = parse("cron(0 8 * * ? *)");
  CHECK(hours(next_fire(e, SimTime{Millis{-1}})) == 8);
  CHECK(hours(next_fire(e, SimTime{Millis{8h}})) == 32);
}

TEST_CASE("cron: weekdays only (day-of-week 1-7 is SUN-SAT)") {
  const auto e = parse("cron(30 9 ? * MON-FRI *)");
  CHECK(hours(next_fire(e, SimTime{Millis{-1}})) == 9.5);        // Thu 1 Jan
  CHECK(hours(next_fire(e, SimTime{Millis{10h}})) == 24 + 9.5);  // Fri 2 Jan
  CHECK(hours(next_fire(e, SimTime{Millis{34h}})) == 4 * 24 + 9.5);  // Mon 5 Jan
  const auto sun = parse("cron(0 12 ? * 1 *)");
  CHECK(hours(next_fire(sun, SimTime{Millis{-1}})) == 3 * 24 + 12);  // Sun 4 Jan
}

TEST_CASE("cron: lists, steps, day of month, month names and years") {
  CHECK(hours(next_fire(parse("cron(0 0 1 * ? *)"), SimTime{Millis{1h}})) == 31 * 24);  // 1 Feb
  CHECK(hours(next_fire(parse("cron(0/15 * * * ? *)"), SimTime{Millis{1h}})) == 1.25);
  CHECK(hours(next_fire(parse("cron(0 6,18 * * ? *)"), SimTime{Millis{7h}})) == 18);
  CHECK(hours(next_fire(parse("cron(0 0 1 MAR ? *)"), SimTime{Millis{0}})) == (31 + 28) * 24);
  CHECK_FALSE(next_fire(parse("cron(0 0 1 1 ? 2025)"), SimTime{Millis{0}}));
  CHECK(hours(next_fire(parse("cron(0 0 1 1 ? 2027)"), SimTime{Millis{0}})) == 365 * 24);
}

TEST_CASE("rate and at") {
  const auto r = parse("rate(5 minutes)");
  CHECK(to_seconds(*next_fire(r, SimTime{Millis{-1}})) == 300);
  CHECK(to_seconds(*next_fire(r, SimTime{Millis{300'000}})) == 600);
  CHECK(to_seconds(*next_fire(parse("rate(1 hour)"), SimTime{Millis{-1}})) == 3600);
  const auto a = parse("at(2026-01-01T02:30:00)");
  CHECK(hours(next_fire(a, SimTime{Millis{-1}})) == 2.5);
  CHECK_FALSE(next_fire(a, SimTime{Millis{9'000'000}}));
  CHECK_FALSE(next_fire(parse("at(2025-12-31T23:00:00)"), SimTime{Millis{-1}}));
}

TEST_CASE("bad expressions say what is wrong") {
  CHECK(error_of("cron(0 8 * * *)").find("6 fields") != std::string::npos);
  CHECK(error_of("cron(0 8 * * * *)").find("'?'") != std::string::npos);
  CHECK(error_of("cron(0 8 L * ? *)").find("not supported") != std::string::npos);
  CHECK(error_of("cron(61 8 * * ? *)").find("outside") != std::string::npos);
  CHECK(error_of("rate(1 minutes)").find("singular") != std::string::npos);
  CHECK(error_of("rate(0 minutes)").find("positive") != std::string::npos);
  CHECK(error_of("at(2026-02-30T00:00:00)").find("not a valid") != std::string::npos);
  CHECK(error_of("every day").find("expected") != std::string::npos);
}
