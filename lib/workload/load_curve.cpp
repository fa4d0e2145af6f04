#include <ecsim/workload/load_curve.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ecsim {

namespace {

/// Index of the last point with at <= t, or -1.
std::ptrdiff_t last_at_or_before(const std::vector<LoadPoint>& pts, Millis t) {
  auto it = std::upper_bound(pts.begin(), pts.end(), t,
                             [](Millis v, const LoadPoint& p) { return v < p.at; });
  return (it - pts.begin()) - 1;
}

}  // namespace

double load_at(const LoadModel& model, SimTime t) noexcept {
  const Millis since = t.time_since_epoch();
  switch (model.kind) {
    case LoadModelKind::constant:
      return model.constant;
    case LoadModelKind::steps: {
      const auto k = last_at_or_before(model.steps, since);
      return k < 0 ? 0.0 : model.steps[static_cast<std::size_t>(k)].value;
    }
    case LoadModelKind::csv: {
      const auto& pts = model.steps;
      if (pts.empty()) return 0.0;
      const auto k = last_at_or_before(pts, since);
      if (k < 0) return pts.front().value;
      const auto i = static_cast<std::size_t>(k);
      if (i + 1 >= pts.size()) return pts.back().value;
      const double span = static_cast<double>((pts[i + 1].at - pts[i].at).count());
      const double frac = span > 0 ? static_cast<double>((since - pts[i].at).count()) / span : 0.0;
      return pts[i].value + (pts[i + 1].value - pts[i].value) * frac;
    }
    case LoadModelKind::diurnal: {
      constexpr double day_ms = 86'400'000.0;
      const double phase =
          static_cast<double>((since - model.diurnal.peak_at).count()) / day_ms;
      const double shape = (1.0 + std::cos(2.0 * std::numbers::pi * phase)) / 2.0;
      return model.diurnal.min + (model.diurnal.max - model.diurnal.min) * shape;
    }
  }
  return 0.0;
}

}  // namespace ecsim
