#pragma once
/// Deterministic random numbers: a specified generator (xoshiro256**) and our
/// own distribution code, so a scenario and seed give the same draws with any
/// standard library. std::*_distribution is never used: its algorithms are
/// unspecified and differ between libstdc++, libc++ and MSVC.
///
/// Residual risk: log, log1p, exp and sqrt come from <cmath>. glibc gives the
/// same results on every run of one platform, but bit-identity of the
/// transcendental functions across platforms or libms is not guaranteed.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "ecsim/core/assert.hpp"
#include "ecsim/core/error.hpp"

namespace ecsim {

namespace detail {
/// 128-bit product for Lemire's method; __extension__ keeps -pedantic quiet.
__extension__ typedef unsigned __int128 Uint128;
}  // namespace detail

/// One step of splitmix64 (Steele, Lea & Flood; Vigna's public-domain code):
/// advances state and returns its mixed output. Used for seeding and stream ids.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// FNV-1a 64-bit hash of a name, so subsystems get stable sub-stream ids
/// (e.g. one per service) that do not depend on declaration order.
constexpr std::uint64_t stream_id(std::string_view name) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// The fixed random streams of a simulation. Each subsystem draws from its own
/// stream, so extra draws in one (say, a new fault) never shift another's.
/// Values are part of the reproducibility contract: never renumber them.
enum class RngStream : std::uint64_t {
  placement = 1,
  startup = 2,
  faults = 3,
  workload = 4,
  health = 5,
  scaling = 6,
  sweep = 7,
};

/// xoshiro256** 1.0 (Blackman & Vigna), seeded by splitmix64 as its authors
/// recommend. Satisfies std::uniform_random_bit_generator. Copying an Rng
/// forks it: both copies then produce the same draws.
class Rng {
 public:
  using result_type = std::uint64_t;

  /// Fills the four state words with successive splitmix64 outputs of seed.
  /// Any seed, 0 included, is fine: splitmix64 outputs zero for one counter
  /// value only, so the forbidden all-zero state cannot occur.
  explicit Rng(std::uint64_t seed) noexcept {
    for (auto& word : s_) word = splitmix64(seed);
  }

  /// The generator for one stream of a scenario: seeded with
  /// splitmix64(scenario_seed ^ splitmix64(id)), so nearby seeds and nearby
  /// ids still give unrelated sequences.
  static Rng stream(std::uint64_t scenario_seed, std::uint64_t id) noexcept {
    std::uint64_t id_state = id;
    std::uint64_t mixed = scenario_seed ^ splitmix64(id_state);
    return Rng(splitmix64(mixed));
  }

  /// The generator of one of the fixed simulation streams.
  static Rng stream(std::uint64_t scenario_seed, RngStream which) noexcept {
    return stream(scenario_seed, static_cast<std::uint64_t>(which));
  }

  /// A named sub-stream of a fixed stream (e.g. startup times of one service);
  /// the id is splitmix64 of the stream number xor-ed with stream_id(name).
  static Rng stream(std::uint64_t scenario_seed, RngStream which, std::string_view name) noexcept {
    std::uint64_t which_state = static_cast<std::uint64_t>(which);
    return stream(scenario_seed, splitmix64(which_state) ^ stream_id(name));
  }

  /// Smallest output, for std::uniform_random_bit_generator.
  static constexpr result_type min() noexcept { return 0; }
  /// Largest output: every 64-bit value can occur.
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// Next raw 64-bit output (reference xoshiro256** step).
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Same as next(), for std::uniform_random_bit_generator.
  result_type operator()() noexcept { return next(); }

  /// Uniform in [0, 1): the top 53 bits of next() times 2^-53, so every value
  /// is an exact multiple of 2^-53. One draw.
  double uniform01() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform in [a, b) as a + (b - a) * uniform01(). One draw.
  double uniform(double a, double b) noexcept { return a + (b - a) * uniform01(); }

  /// Unbiased integer in [0, n), n > 0: Lemire's multiply-shift (the high
  /// word of next() * n) with rejection of the few low words that would bias
  /// it. Usually one draw; n == 0 is a bug (returns 0 in release builds).
  std::uint64_t uniform_int(std::uint64_t n) noexcept {
    ECSIM_ASSERT(n > 0, "uniform_int needs a non-empty range");
    if (n == 0) return 0;
    detail::Uint128 product = static_cast<detail::Uint128>(next()) * n;
    auto low = static_cast<std::uint64_t>(product);
    if (low < n) {
      const std::uint64_t threshold = (std::uint64_t{0} - n) % n;  // 2^64 mod n
      while (low < threshold) {
        product = static_cast<detail::Uint128>(next()) * n;
        low = static_cast<std::uint64_t>(product);
      }
    }
    return static_cast<std::uint64_t>(product >> 64);
  }

  /// Unbiased integer in [lo, hi], both inclusive; lo <= hi: lo plus
  /// uniform_int(hi - lo + 1), or lo plus next() for the full int64 range.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) noexcept {
    ECSIM_ASSERT(lo <= hi, "uniform_int needs lo <= hi");
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    const std::uint64_t offset = span == 0 ? next() : uniform_int(span);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);
  }

  /// Exponential with the given rate (mean 1/rate), by inverse transform:
  /// -log1p(-u) / rate with u in [0, 1), which stays finite. One draw.
  double exponential(double rate) noexcept { return -std::log1p(-uniform01()) / rate; }

  /// Normal by Marsaglia's polar method. Each accepted pair gives two
  /// standard normals: one is returned, the other is cached and returned
  /// (scaled) by the next call without drawing. The cache is part of the
  /// state: copies carry it and operator== compares it.
  double normal(double mean, double stddev) noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return mean + stddev * spare_;
    }
    double u = 0.0;
    double v = 0.0;
    double r2 = 0.0;
    do {
      u = 2.0 * uniform01() - 1.0;
      v = 2.0 * uniform01() - 1.0;
      r2 = u * u + v * v;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(r2) / r2);
    spare_ = v * factor;
    has_spare_ = true;
    return mean + stddev * (u * factor);
  }

  /// Log-normal given by its median, as scenarios write it
  /// (`{distribution: lognormal, median: 25s, sigma: 0.3}`):
  /// exp(normal(log(median), sigma)). The mean is median * exp(sigma^2 / 2).
  double lognormal(double median, double sigma) noexcept {
    return std::exp(normal(std::log(median), sigma));
  }

  /// True with probability p, as uniform01() < p. Always takes exactly one
  /// draw, even for p <= 0 or p >= 1, so changing a probability never shifts
  /// the rest of the stream.
  bool bernoulli(double p) noexcept { return uniform01() < p; }

  /// Index i with probability weights[i] / sum: one uniform draw scaled by the
  /// sum, then a linear cumulative scan (lists are short). A zero weight is
  /// never picked. Throws InputError unless every weight is finite and >= 0
  /// and at least one is > 0.
  std::size_t weighted_choice(std::span<const double> weights) {
    double total = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const double w = weights[i];
      if (!(w >= 0.0) || !std::isfinite(w)) {
        throw InputError("weighted choice: weight " + std::to_string(i + 1) +
                         " must be a finite number >= 0");
      }
      if (w > 0.0) last_positive = i;
      total += w;
    }
    if (!(total > 0.0)) throw InputError("weighted choice: at least one weight must be > 0");
    if (!std::isfinite(total)) {
      throw InputError("weighted choice: the weights add up to more than a double can hold");
    }
    const double target = uniform01() * total;
    double cumulative = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      cumulative += weights[i];
      if (target < cumulative) return i;
    }
    return last_positive;  // target rounded up to total
  }

  /// Equal when both produce the same future draws (state and normal cache).
  friend bool operator==(const Rng&, const Rng&) = default;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }

  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace ecsim
