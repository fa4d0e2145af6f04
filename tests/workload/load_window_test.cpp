// Exact load integrals (lib/workload/load_window.cpp): the figures are the
// areas under each curve, worked out by hand from its definition.
#include <ecsim/workload/load_window.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

SimTime at(Millis m) { return SimTime{m}; }

LoadModel steps_model(std::initializer_list<std::pair<Millis, double>> pts) {
  LoadModel m;
  m.kind = LoadModelKind::steps;
  for (auto [t, v] : pts) m.steps.push_back(LoadPoint{t, v, {}});
  return m;
}

}  // namespace

TEST_CASE("constant load: area is value × time; the band clamps it") {
  LoadModel m;
  m.constant = 250;
  const LoadCurve c(m, {}, 1, 1);
  const LoadWindowStats s = c.window(at(0ms), at(60s), 0, 200);
  CHECK(s.total == doctest::Approx(250 * 60));
  CHECK(s.clamped == doctest::Approx(200 * 60));
  CHECK(s.below_hi == doctest::Approx(200 * 60));
  CHECK(s.min == 250);
  CHECK(s.max == 250);
  // Below the band's floor the clamp lifts it, min(L, hi) does not.
  const LoadWindowStats f = c.window(at(0ms), at(10s), 300, 400);
  CHECK(f.clamped == doctest::Approx(300 * 10));
  CHECK(f.below_hi == doctest::Approx(250 * 10));
}

TEST_CASE("steps: each value holds from its time; zero before the first") {
  const LoadModel m = steps_model({{10s, 100}, {30s, 300}});
  const LoadCurve c(m, {}, 1, 1);
  const LoadWindowStats s = c.window(at(0ms), at(60s), 0, 200);
  CHECK(s.total == doctest::Approx(100 * 20 + 300 * 30));
  CHECK(s.below_hi == doctest::Approx(100 * 20 + 200 * 30));
  CHECK(s.min == 0);
  CHECK(s.max == 300);
  CHECK(c.at(at(29'999ms)) == 100);
  CHECK(c.at(at(30s)) == 300);
}

TEST_CASE("csv: linear between rows, crossing points split the band exactly") {
  LoadModel m;
  m.kind = LoadModelKind::csv;
  m.steps = {LoadPoint{0s, 0, {}}, LoadPoint{60s, 600, {}}};
  const LoadCurve c(m, {}, 1, 1);
  const LoadWindowStats s = c.window(at(0ms), at(60s), 100, 300);
  CHECK(s.total == doctest::Approx(0.5 * 600 * 60));
  // 0-10 s under the floor (held at 100), 10-30 s the ramp, 30-60 s capped.
  CHECK(s.clamped == doctest::Approx(100 * 10 + (100 + 300) / 2.0 * 20 + 300 * 30));
  CHECK(s.below_hi == doctest::Approx(0.5 * 300 * 30 + 300 * 30));
  // Held flat after the last row.
  CHECK(c.window(at(60s), at(120s), 0, 1e9).total == doctest::Approx(600 * 60));
}

TEST_CASE("diurnal: a day averages (min+max)/2; the part above the mean is 2b/ω") {
  LoadModel m;
  m.kind = LoadModelKind::diurnal;
  m.diurnal.min = 100;
  m.diurnal.max = 500;
  m.diurnal.peak_at = Millis{14h};
  const LoadCurve c(m, {}, 1, 1);
  const double a = 300, b = 200, day = 86'400, omega = 2 * std::numbers::pi / day;
  const LoadWindowStats s = c.window(at(0ms), at(Millis{24h}), 0, a);
  CHECK(s.total == doctest::Approx(a * day));
  // ∫ min(a + b cos, a) over a period = a·T − 2b/ω.
  CHECK(s.below_hi == doctest::Approx(a * day - 2 * b / omega));
  CHECK(s.max == doctest::Approx(500));
  CHECK(s.min == doctest::Approx(100));
  // Six hours either side of the peak: a·T + 2b/ω.
  const LoadWindowStats p = c.window(at(Millis{8h}), at(Millis{20h}), 0, 1e9);
  CHECK(p.total == doctest::Approx(a * 43'200 + 2 * b / omega));
  CHECK(c.at(at(Millis{14h})) == doctest::Approx(500));
  CHECK(c.at(at(Millis{2h})) == doctest::Approx(100));
}

TEST_CASE("noise: seeded, per interval, mean one; none when stddev is 0") {
  LoadModel m;
  m.constant = 100;
  LoadNoise n;
  n.stddev = 0.2;
  n.interval = Millis{60s};
  const LoadCurve a(m, n, 42, 7), b(m, n, 42, 7), other(m, n, 43, 7);
  CHECK(a.noise_factor(5) == b.noise_factor(5));
  CHECK(a.noise_factor(5) != other.noise_factor(5));
  // One window over many intervals equals the sum of the per-interval factors.
  double sum = 0, sq = 0;
  const int k = 2000;
  for (int i = 0; i < k; ++i) {
    sum += a.noise_factor(i);
    sq += (a.noise_factor(i) - 1) * (a.noise_factor(i) - 1);
  }
  const LoadWindowStats s = a.window(at(0ms), at(Millis{60'000LL * k}), 0, 1e9);
  CHECK(s.total == doctest::Approx(100 * 60 * sum));
  CHECK(sum / k == doctest::Approx(1.0).epsilon(0.02));
  CHECK(std::sqrt(sq / k) == doctest::Approx(0.2).epsilon(0.1));
  const LoadCurve quiet(m, {}, 42, 7);
  CHECK(quiet.window(at(0ms), at(60s), 0, 1e9).total == doctest::Approx(6000));
}

TEST_CASE("weekly: each UTC day scaled by its factor; day 0 is a Thursday") {
  LoadModel m;
  m.constant = 100;
  WeeklyPattern week;
  week.factor[6] = 0.5;  // SAT
  week.factor[0] = 0.5;  // SUN
  const LoadCurve c(m, {}, 1, 1, week);
  CHECK(c.at(at(Millis{24h + 23h})) == 100);   // Friday
  CHECK(c.at(at(Millis{48h})) == 50);          // Saturday
  CHECK(c.at(at(Millis{96h})) == 100);         // Monday
  const LoadWindowStats s = c.window(at(0ms), at(Millis{24h * 7}), 0, 1e9);
  CHECK(s.total == doctest::Approx(100.0 * 86'400 * (5 + 2 * 0.5)));
  CHECK(s.min == 50);
  // A window across midnight Friday → Saturday splits there.
  CHECK(c.window(at(Millis{47h}), at(Millis{49h}), 0, 1e9).total == doctest::Approx(100.0 * 3600 + 50.0 * 3600));
}
