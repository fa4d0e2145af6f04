#include <ecsim/cost/billing.hpp>
#include <ecsim/cost/running_charges.hpp>
#include <ecsim/core/rng.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <vector>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

SimTime at_ms(std::int64_t ms) { return SimTime{Millis{ms}}; }

struct Run {
  double hourly_usd;
  SimTime start;
};

/// What the scan over every running task computed before RunningCharges.
double scanned_usd(const std::vector<Run>& runs, SimTime now) {
  double usd = 0.0;
  for (const Run& r : runs) usd += charge_usd(r.hourly_usd, now - r.start, Millis{0});
  return usd;
}

}  // namespace

TEST_CASE("a running task's cost so far is billed per started second, without the minimum") {
  RunningCharges c;
  CHECK(c.usd_at(at_ms(5'000)) == 0.0);
  c.start(3.6, at_ms(1'250));  // $0.001 per second
  CHECK(c.usd_at(at_ms(1'250)) == doctest::Approx(0.0));
  CHECK(c.usd_at(at_ms(1'251)) == doctest::Approx(0.001));  // a started second bills whole
  CHECK(c.usd_at(at_ms(2'250)) == doctest::Approx(0.001));
  CHECK(c.usd_at(at_ms(2'251)) == doctest::Approx(0.002));
  CHECK(c.usd_at(at_ms(1'250 + 3'600'000)) == doctest::Approx(3.6));
  CHECK(c.runs() == 1);
}

TEST_CASE("a stopped run no longer counts, and an empty set reads exactly zero") {
  RunningCharges c;
  c.start(0.04048, at_ms(17));
  c.start(0.1, at_ms(60'999));
  c.stop(0.04048, at_ms(17));
  CHECK(c.usd_at(at_ms(120'999)) == doctest::Approx(0.1 * 60 / 3600));
  c.stop(0.1, at_ms(60'999));
  CHECK(c.runs() == 0);
  CHECK(c.usd_at(at_ms(10'000'000)) == 0.0);
}

TEST_CASE("the running sum equals a scan of every run for any mix of rates, starts and reads") {
  Rng rng(42);
  RunningCharges c;
  std::vector<Run> live;
  std::int64_t now = 0;
  for (int step = 0; step < 20'000; ++step) {
    now += rng.uniform_int(std::int64_t{0}, std::int64_t{5'000});
    if (!live.empty() && rng.bernoulli(0.45)) {
      const std::size_t k = rng.uniform_int(live.size());
      c.stop(live[k].hourly_usd, live[k].start);
      live[k] = live.back();
      live.pop_back();
    } else {
      const Run r{rng.uniform(0.001, 2.0), at_ms(now)};
      c.start(r.hourly_usd, r.start);
      live.push_back(r);
    }
    if (step % 97 == 0) {
      const SimTime read = at_ms(now + rng.uniform_int(std::int64_t{0}, std::int64_t{3'000}));
      CAPTURE(step);
      REQUIRE(c.usd_at(read) == doctest::Approx(scanned_usd(live, read)).epsilon(1e-9));
    }
  }
  CHECK(c.runs() == static_cast<std::int64_t>(live.size()));
}
