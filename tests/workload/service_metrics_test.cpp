// One stretch of a service's metrics (lib/metrics): ECS's average over
// RUNNING tasks, serving tasks sharing the load, the 100 % cap and memory
// growing with load. Figures worked out from the rules in docs/assumptions.md.
#include "metrics/service_metrics.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace ecsim;
using ecsim::detail::MetricWindow;
using ecsim::detail::ServiceMetrics;
using namespace std::chrono_literals;

namespace {

BehaviorSpec behavior() {
  BehaviorSpec b;
  b.requests_per_second_per_task = 100;
  b.cpu_utilization = 10;  // idle
  b.memory_utilization = 30;
  b.memory_utilization_at_full_load = 60;
  return b;
}

LoadModel constant(double v) {
  LoadModel m;
  m.constant = v;
  return m;
}

}  // namespace

TEST_CASE("two serving tasks and one starting: CPU and memory averaged over the three") {
  const LoadModel m = constant(100);
  const LoadCurve c(m, {}, 1, 1);
  const MetricWindow w = ServiceMetrics::stretch(&c, behavior(), 3, 2, SimTime{}, SimTime{Millis{60s}});
  // Serving: 50 requests/s each = 50 % CPU, memory 30 + 30 × 0.5 = 45 %; the starting one idles.
  CHECK(w.cpu_average() == doctest::Approx((2 * 50 + 10) / 3.0));
  CHECK(w.memory_average() == doctest::Approx((2 * 45 + 30) / 3.0));
  CHECK(w.cpu_min == doctest::Approx(10));
  CHECK(w.cpu_max == doctest::Approx(50));
  CHECK(w.requests == doctest::Approx(6000));
  CHECK(w.unserved == doctest::Approx(0));
  CHECK(w.request_count_per_target() == doctest::Approx(3000));
}

TEST_CASE("beyond 100 % CPU the excess is unserved and memory stops growing") {
  const LoadModel m = constant(300);
  const LoadCurve c(m, {}, 1, 1);
  const MetricWindow w = ServiceMetrics::stretch(&c, behavior(), 2, 2, SimTime{}, SimTime{Millis{60s}});
  CHECK(w.cpu_average() == doctest::Approx(100));
  CHECK(w.memory_average() == doctest::Approx(60));
  CHECK(w.unserved == doctest::Approx(100 * 60));
}

TEST_CASE("no serving task: every request unserved, idle CPU, no RequestCountPerTarget") {
  const LoadModel m = constant(100);
  const LoadCurve c(m, {}, 1, 1);
  const MetricWindow w = ServiceMetrics::stretch(&c, behavior(), 2, 0, SimTime{}, SimTime{Millis{30s}});
  CHECK(w.cpu_average() == doctest::Approx(10));
  CHECK(w.unserved == doctest::Approx(3000));
  CHECK(std::isnan(w.request_count_per_target()));
  const MetricWindow none = ServiceMetrics::stretch(&c, behavior(), 0, 0, SimTime{}, SimTime{Millis{30s}});
  CHECK(std::isnan(none.cpu_average()));  // CloudWatch: no datapoint without a RUNNING task
  CHECK(none.unserved == doctest::Approx(3000));
}
