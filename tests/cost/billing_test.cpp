#include <ecsim/cost/billing.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

using namespace ecsim;
using namespace std::chrono_literals;

static_assert(billable_duration(Millis{10'000}) == Millis{60'000}, "usable in constant expressions");

TEST_CASE("runtimes bill per second, rounded up, with a one-minute minimum") {
  CHECK(billable_duration(10s) == 60s);
  CHECK(billable_duration(Millis{61'200}) == 62s);
  CHECK(billable_duration(2h) == 7200s);
  CHECK(billable_duration(60s) == 60s);
  CHECK(billable_duration(Millis{60'001}) == 61s);
  CHECK(billable_duration(Millis{0}) == 60s);
  CHECK(billable_duration(Millis{-5'000}) == 60s);
}

TEST_CASE("a Fargate Windows task bills at least 15 minutes, Linux at least one") {
  CHECK(fargate_windows_min_billing == 900s);
  CHECK(fargate_min_billing(OsFamily::windows) == 900s);
  CHECK(fargate_min_billing(OsFamily::linux) == 60s);
  CHECK(billable_duration(10min, fargate_windows_min_billing) == 900s);
  CHECK(billable_duration(Millis{900'500}, fargate_windows_min_billing) == 901s);
}

TEST_CASE("a charge is the hourly price times the billable hours") {
  CHECK(charge_usd(0.34, 2h) == doctest::Approx(0.68).epsilon(1e-12));
  CHECK(charge_usd(3.6, 10s) == doctest::Approx(0.06).epsilon(1e-12));      // the minute minimum
  CHECK(charge_usd(3.6, Millis{61'200}) == doctest::Approx(0.062).epsilon(1e-12));  // 62 s
  CHECK(charge_usd(3.6, 10s, Millis{0}) == doctest::Approx(0.01).epsilon(1e-12));
}

TEST_CASE("a month is 730 hours") {
  CHECK(hours_per_month == 730.0);
  CHECK(std::llround(monthly_usd(0.04937) * 100) == 3604);
  CHECK(monthly_usd(0.34) == doctest::Approx(248.2).epsilon(1e-12));
}
