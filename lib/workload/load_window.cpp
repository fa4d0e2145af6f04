#include <ecsim/workload/load_window.hpp>

#include <ecsim/core/rng.hpp>
#include <ecsim/workload/load_curve.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace ecsim {

namespace {

constexpr double day_ms = 86'400'000.0;
constexpr std::int64_t half_day_ms = 43'200'000;
constexpr double omega = 2.0 * std::numbers::pi / day_ms;  // radians per millisecond

/// A point of a piece: its time, the load there and the antiderivative
/// (from the piece's start, value × ms).
struct Cut {
  double t = 0, v = 0, F = 0;
};

/// The load on [t0, t1], where it is flat, linear or one monotone half-wave
/// of a + b cos(ω (t − p)). Times in milliseconds.
struct Piece {
  enum Kind { flat, line, wave } kind = flat;
  double t0 = 0, t1 = 0;
  double a = 0, b = 0, p = 0;  // flat: a; line: a + b (t − t0); wave: a + b cos(ω (t − p))

  /// The value and antiderivative at t.
  /// cos and sin of ω (t − p) at one time, kept across windows: a window
  /// usually starts where the last one ended (the wave's p is fixed).
  TrigMemo* memo = nullptr;

  Cut cut(double t) const noexcept {
    const double d = t - t0;
    switch (kind) {
      case flat: return {t, a, a * d};
      case line: return {t, a + b * d, a * d + b * d * d / 2};
      case wave: {
        double c, sn;
        if (memo && memo->t == t) {
          c = memo->c;
          sn = memo->s;
        } else {
          const double theta = omega * (t - p);
          c = std::cos(theta);
          sn = std::sin(theta);
          if (memo) *memo = {t, c, sn};
        }
        return {t, a + b * c, a * d + b / omega * sn};
      }
    }
    return {t, a, a * d};
  }
  /// The time in [t0, t1] where the (monotone) piece takes `level`, which
  /// lies between its end values.
  double time_of(double level) const noexcept {
    switch (kind) {
      case flat: return t0;
      case line: return b == 0 ? t0 : t0 + (level - a) / b;
      case wave: {
        if (b == 0) return t0;
        const double x = std::clamp((level - a) / b, -1.0, 1.0);
        const double mid = omega * ((t0 + t1) / 2 - p);
        const double k = std::floor(mid / std::numbers::pi);
        const bool even = std::fmod(std::fabs(k), 2.0) == 0.0;
        const double theta = k * std::numbers::pi + (even ? std::acos(x) : std::numbers::pi - std::acos(x));
        return std::clamp(p + theta / omega, t0, t1);
      }
    }
    return t0;
  }
};

std::ptrdiff_t last_at_or_before(const std::vector<LoadPoint>& pts, std::int64_t t) {
  auto it = std::upper_bound(pts.begin(), pts.end(), t, [](std::int64_t v, const LoadPoint& q) { return v < q.at.count(); });
  return (it - pts.begin()) - 1;
}

constexpr std::int64_t day_ms_int = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/// 0 = SUN … 6 = SAT for the UTC day holding t; day 0 is a Thursday.
std::size_t day_of_week(std::int64_t t) {
  const std::int64_t d = floor_div(t, day_ms_int);
  return static_cast<std::size_t>(((d + 4) % 7 + 7) % 7);
}

constexpr std::int64_t no_break = std::numeric_limits<std::int64_t>::max();

/// The model's next breakpoint after t, and the piece that starts at t.
std::int64_t next_break(const LoadModel& m, std::int64_t t) {
  switch (m.kind) {
    case LoadModelKind::constant: return no_break;
    case LoadModelKind::steps:
    case LoadModelKind::csv: {
      const auto k = last_at_or_before(m.steps, t);
      const auto next = static_cast<std::size_t>(k + 1);
      return next < m.steps.size() ? m.steps[next].at.count() : no_break;
    }
    case LoadModelKind::diurnal: {
      // Peaks and troughs: peak_at + k × 12 h.
      const std::int64_t rel = t - m.diurnal.peak_at.count();
      std::int64_t q = rel / half_day_ms;
      if (rel < 0 && rel % half_day_ms != 0) --q;  // floor division
      return m.diurnal.peak_at.count() + (q + 1) * half_day_ms;
    }
  }
  return no_break;
}

Piece piece_at(const LoadModel& m, std::int64_t t, std::int64_t end) {
  Piece pc;
  pc.t0 = static_cast<double>(t);
  pc.t1 = static_cast<double>(end);
  switch (m.kind) {
    case LoadModelKind::constant: pc.a = m.constant; break;
    case LoadModelKind::steps: {
      const auto k = last_at_or_before(m.steps, t);
      pc.a = k < 0 ? 0.0 : m.steps[static_cast<std::size_t>(k)].value;
      break;
    }
    case LoadModelKind::csv: {
      const auto& pts = m.steps;
      if (pts.empty()) break;
      const auto k = last_at_or_before(pts, t);
      if (k < 0) { pc.a = pts.front().value; break; }
      const auto i = static_cast<std::size_t>(k);
      if (i + 1 >= pts.size()) { pc.a = pts.back().value; break; }
      pc.kind = Piece::line;
      const double span = static_cast<double>((pts[i + 1].at - pts[i].at).count());
      pc.b = (pts[i + 1].value - pts[i].value) / span;
      pc.a = pts[i].value + pc.b * (pc.t0 - static_cast<double>(pts[i].at.count()));
      break;
    }
    case LoadModelKind::diurnal:
      pc.kind = Piece::wave;
      pc.a = (m.diurnal.min + m.diurnal.max) / 2;
      pc.b = (m.diurnal.max - m.diurnal.min) / 2;
      pc.p = static_cast<double>(m.diurnal.peak_at.count());
      break;
  }
  return pc;
}

}  // namespace

LoadCurve::LoadCurve(const LoadModel& model, const LoadNoise& noise, std::uint64_t seed, std::uint64_t noise_key,
                     const WeeklyPattern& weekly)
    : model_(&model),
      noise_(noise),
      seed_(seed),
      noise_key_(noise_key),
      weekly_(weekly),
      weekly_active_(weekly.active()) {}

double LoadCurve::noise_factor(std::int64_t k) const noexcept {
  if (noise_.stddev <= 0) return 1.0;
  if (k == cached_interval_) return cached_factor_;
  constexpr std::int64_t block_size = 4096;
  const std::int64_t block = k >= 0 ? k / block_size : -((-k + block_size - 1) / block_size);
  const std::int64_t at = k - block * block_size;
  if (block != block_ || at < block_next_) {
    block_ = block;
    block_next_ = 0;
    block_rng_ = Rng::stream(seed_, stream_id("workload-noise") ^ (noise_key_ * 0x9E3779B97F4A7C15ull) ^
                                        static_cast<std::uint64_t>(block));
  }
  double z = 0;
  while (block_next_ <= at) {
    z = block_rng_.normal(0.0, 1.0);
    ++block_next_;
  }
  cached_interval_ = k;
  cached_factor_ = std::max(0.0, 1.0 + noise_.stddev * z);
  return cached_factor_;
}

double LoadCurve::at(SimTime t) const noexcept {
  double v = load_at(*model_, t);
  if (weekly_active_) v *= weekly_.factor[day_of_week(t.time_since_epoch().count())];
  if (noise_.stddev <= 0 || noise_.interval <= Millis{0}) return v;
  return v * noise_factor(t.time_since_epoch().count() / noise_.interval.count());
}

LoadWindowStats LoadCurve::window(SimTime a, SimTime b, double lo, double hi) const noexcept {
  LoadWindowStats s;
  std::int64_t t = a.time_since_epoch().count();
  const std::int64_t end = b.time_since_epoch().count();
  if (t >= end) {
    s.min = s.max = at(a);
    return s;
  }
  const bool noisy = noise_.stddev > 0 && noise_.interval > Millis{0};
  const std::int64_t ni = noisy ? noise_.interval.count() : 1;
  s.min = std::numeric_limits<double>::infinity();
  s.max = -s.min;
  while (t < end) {
    std::int64_t stop = std::min(next_break(*model_, t), end);
    double f = 1.0;
    if (weekly_active_) {
      stop = std::min(stop, (floor_div(t, day_ms_int) + 1) * day_ms_int);
      f = weekly_.factor[day_of_week(t)];
    }
    if (noisy) {
      const std::int64_t k = t / ni;
      stop = std::min(stop, (k + 1) * ni);
      f *= noise_factor(k);
    }
    Piece pc = piece_at(*model_, t, stop);
    pc.a *= f;
    pc.b *= f;
    // Each cut point carries the load and its antiderivative there (one
    // sin/cos pair per point). Between cut points the piece lies wholly
    // below lo, inside the band or above hi, and being monotone its class
    // is that of the mean of the two end values.
    Cut cuts[4];
    int n = 0;
    pc.memo = &trig_;
    cuts[n++] = pc.cut(pc.t0);
    const Cut last = pc.cut(pc.t1);  // leaves the memo at the window's end, the next one's start
    pc.memo = nullptr;
    s.min = std::min({s.min, cuts[0].v, last.v});
    s.max = std::max({s.max, cuts[0].v, last.v});
    const double vlo = std::min(cuts[0].v, last.v), vhi = std::max(cuts[0].v, last.v);
    for (double level : {lo, hi})
      if (level > vlo && level < vhi) {
        Cut c = pc.cut(pc.time_of(level));
        c.v = level;
        cuts[n++] = c;
      }
    cuts[n++] = last;
    if (n == 4 && cuts[1].t > cuts[2].t) std::swap(cuts[1], cuts[2]);
    for (int i = 0; i + 1 < n; ++i) {
      const Cut& x = cuts[i];
      const Cut& y = cuts[i + 1];
      const double dt = y.t - x.t;
      if (dt <= 0) continue;
      const double mid = (x.v + y.v) / 2;
      const double raw = y.F - x.F;
      s.total += raw;
      if (mid < lo) {
        s.clamped += lo * dt;
        s.below_hi += raw;
      } else if (mid > hi) {
        s.clamped += hi * dt;
        s.below_hi += hi * dt;
      } else {
        s.clamped += raw;
        s.below_hi += raw;
      }
    }
    t = stop;
  }
  s.total /= 1000.0;
  s.clamped /= 1000.0;
  s.below_hi /= 1000.0;
  return s;
}

}  // namespace ecsim
