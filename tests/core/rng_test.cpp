#include "ecsim/core/rng.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "ecsim/core/error.hpp"

using ecsim::Rng;
using ecsim::RngStream;

static_assert(std::uniform_random_bit_generator<Rng>);

namespace {

// Moment checks draw 10^6 values from a fixed seed and allow 5 standard
// errors (SE = sd / sqrt(N) for a mean; sqrt((mu4 - sigma^4) / N) for a
// variance; sqrt(p (1 - p) / N) for a frequency). A correct distribution fails
// such a bound with odds under 1e-6; a wrong method misses it by far.
constexpr int draws = 1'000'000;

struct Moments {
  double mean;
  double variance;
};

template <class Draw>
Moments moments(Draw draw) {
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < draws; ++i) {
    const double x = draw();
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / draws;
  return {mean, sum_sq / draws - mean * mean};
}

std::vector<std::uint64_t> take(Rng& rng, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next());
  return out;
}

}  // namespace

TEST_CASE("splitmix64 from state 0 gives the published first outputs") {
  // Outputs of Vigna's reference splitmix64.c started at x = 0, computed once
  // with that C code in a throwaway program.
  std::uint64_t state = 0;
  CHECK(ecsim::splitmix64(state) == 0xe220a8397b1dcdafULL);
  CHECK(ecsim::splitmix64(state) == 0x6e789e6aa1b965f4ULL);
  CHECK(ecsim::splitmix64(state) == 0x06c45d188009454fULL);
}

TEST_CASE("Rng(42) reproduces the reference xoshiro256** outputs") {
  // splitmix64(x = 42) fills s[0..3]; first 5 outputs of the reference
  // xoshiro256starstar.c, both written out independently in a throwaway C
  // program and run once.
  Rng rng(42);
  CHECK(rng.next() == 0x15780b2e0c2ec716ULL);
  CHECK(rng.next() == 0x6104d9866d113a7eULL);
  CHECK(rng.next() == 0xae17533239e499a1ULL);
  CHECK(rng.next() == 0xecb8ad4703b360a1ULL);
  CHECK(rng.next() == 0xfde6dc7fe2ec5e64ULL);

  Rng zero(0);  // seed 0 is valid: splitmix64 never leaves an all-zero state
  CHECK(zero.next() == 0x99ec5f36cb75f2b4ULL);
  CHECK(zero.next() == 0xbf6e1f784956452aULL);
}

TEST_CASE("operator() and next() are the same generator") {
  Rng a(9);
  Rng b(9);
  CHECK(a() == b.next());
  CHECK(Rng::min() == 0);
  CHECK(Rng::max() == std::numeric_limits<std::uint64_t>::max());
}

TEST_CASE("stream_id is FNV-1a 64 of the name") {
  // Published FNV-1a 64 test vectors for "" and "a"; "api-service" from the
  // same throwaway C program.
  CHECK(ecsim::stream_id("") == 0xcbf29ce484222325ULL);
  CHECK(ecsim::stream_id("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(ecsim::stream_id("api-service") == 0xfb63ba6048629715ULL);
  static_assert(ecsim::stream_id("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("a stream is seeded with splitmix64 of the scenario seed xor splitmix64 of its id") {
  // Pinned because changing the derivation would change every scenario's
  // results; values from the throwaway C program:
  // seed' = sm(42 ^ sm(id)), then xoshiro256** seeded from seed'.
  Rng placement = Rng::stream(42, RngStream::placement);
  CHECK(placement.next() == 0xecc0ac6aa2cf50c3ULL);
  CHECK(placement.next() == 0xdd9aaea092b2b264ULL);
  Rng startup = Rng::stream(42, 2);
  CHECK(startup.next() == 0xdca62e00f3f8dabdULL);
  CHECK(startup.next() == 0xff612e6447330429ULL);
  CHECK(Rng::stream(42, RngStream::startup) == Rng::stream(42, 2));
}

TEST_CASE("the same seed gives identical sequences") {
  Rng a(123456789);
  Rng b(123456789);
  CHECK(take(a, 1000) == take(b, 1000));
  Rng s1 = Rng::stream(7, RngStream::faults);
  Rng s2 = Rng::stream(7, RngStream::faults);
  CHECK(take(s1, 1000) == take(s2, 1000));
  Rng n1 = Rng::stream(7, RngStream::startup, "api-service");
  Rng n2 = Rng::stream(7, RngStream::startup, "api-service");
  CHECK(take(n1, 100) == take(n2, 100));
}

TEST_CASE("different streams, seeds and sub-stream names give different sequences") {
  const std::array all = {RngStream::placement, RngStream::startup, RngStream::faults,
                          RngStream::workload,  RngStream::health,  RngStream::scaling,
                          RngStream::sweep};
  std::vector<std::vector<std::uint64_t>> seen;
  for (const RngStream which : all) {
    Rng rng = Rng::stream(42, which);
    seen.push_back(take(rng, 4));
  }
  Rng other_seed = Rng::stream(43, RngStream::placement);
  seen.push_back(take(other_seed, 4));
  Rng plain = Rng(42);
  seen.push_back(take(plain, 4));
  Rng api = Rng::stream(42, RngStream::startup, "api-service");
  seen.push_back(take(api, 4));
  Rng web = Rng::stream(42, RngStream::startup, "web-service");
  seen.push_back(take(web, 4));
  Rng web_health = Rng::stream(42, RngStream::health, "web-service");
  seen.push_back(take(web_health, 4));
  for (std::size_t i = 0; i < seen.size(); ++i) {
    for (std::size_t j = i + 1; j < seen.size(); ++j) {
      CAPTURE(i);
      CAPTURE(j);
      CHECK(seen[i] != seen[j]);
    }
  }
}

TEST_CASE("draws on one stream do not change another stream") {
  Rng untouched = Rng::stream(42, RngStream::startup);
  const auto expected = take(untouched, 100);

  // Build both streams, draw heavily on placement first, then read startup.
  Rng placement = Rng::stream(42, RngStream::placement);
  Rng startup = Rng::stream(42, RngStream::startup);
  for (int i = 0; i < 10'000; ++i) {
    placement.normal(0.0, 1.0);
    placement.weighted_choice(std::array{1.0, 2.0});
  }
  CHECK(take(startup, 100) == expected);
}

TEST_CASE("uniform01 is the top 53 bits of next() scaled by 2^-53") {
  Rng rng(42);
  // (0x15780b2e0c2ec716 >> 11) * 2^-53, printed with %.17g by the C program.
  CHECK(rng.uniform01() == 0.083862971059882163);
  Rng raw(42);
  raw.next();
  const std::uint64_t second = raw.next();
  CHECK(rng.uniform01() == static_cast<double>(second >> 11) / 9007199254740992.0);
}

TEST_CASE("uniform01 has mean 1/2 and variance 1/12 and stays in [0, 1)") {
  Rng rng(1);
  double lowest = 1.0;
  double highest = 0.0;
  const Moments m = moments([&] {
    const double u = rng.uniform01();
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
    return u;
  });
  // SE of mean: sqrt(1/12)/1000 = 2.9e-4; of variance: sqrt(1/80 - 1/144)/1000 = 7.5e-5.
  CHECK(std::abs(m.mean - 0.5) < 1.5e-3);
  CHECK(std::abs(m.variance - 1.0 / 12.0) < 3.8e-4);
  CHECK(lowest >= 0.0);
  CHECK(highest < 1.0);
}

TEST_CASE("uniform(a, b) maps uniform01 onto [a, b)") {
  Rng a(5);
  Rng b(5);
  for (int i = 0; i < 100; ++i) {
    const double u = b.uniform01();
    CHECK(a.uniform(10.0, 30.0) == 10.0 + 20.0 * u);
  }
}

TEST_CASE("exponential with rate 2 has mean 0.5 and variance 0.25") {
  Rng rng(2);
  const Moments m = moments([&] { return rng.exponential(2.0); });
  // SE of mean: 0.5/1000; of variance: sqrt(9/16 - 1/16)/1000 = 7.1e-4.
  CHECK(std::abs(m.mean - 0.5) < 2.5e-3);
  CHECK(std::abs(m.variance - 0.25) < 3.6e-3);
}

TEST_CASE("exponential is the inverse transform -log1p(-u) / rate of one uniform draw") {
  Rng rng(42);  // first uniform01() of Rng(42), as pinned above
  const double u = 0.083862971059882163;
  CHECK(rng.exponential(4.0) == -std::log1p(-u) / 4.0);
  Rng one_draw(42);
  one_draw.next();
  CHECK(rng == one_draw);
}

TEST_CASE("normal(3, 2) has mean 3 and variance 4") {
  Rng rng(3);
  const Moments m = moments([&] { return rng.normal(3.0, 2.0); });
  // SE of mean: 2/1000; of variance: sqrt(2 * 2^4)/1000 = 5.7e-3.
  CHECK(std::abs(m.mean - 3.0) < 0.01);
  CHECK(std::abs(m.variance - 4.0) < 0.029);
}

TEST_CASE("normal returns the cached spare without drawing") {
  Rng two_normals(11);
  Rng one_normal(11);
  two_normals.normal(0.0, 1.0);
  one_normal.normal(0.0, 1.0);
  CHECK(two_normals == one_normal);  // the cache is part of the state
  two_normals.normal(0.0, 1.0);      // served from the cache
  CHECK_FALSE(two_normals == one_normal);
  CHECK(two_normals.next() == one_normal.next());

  // A copy taken while a spare is cached returns the same spare.
  Rng a(12);
  a.normal(0.0, 1.0);
  Rng b = a;
  CHECK(a.normal(5.0, 2.0) == b.normal(5.0, 2.0));
}

TEST_CASE("lognormal(median 25, sigma 0.3) has median 25 and mean 25 exp(0.045)") {
  Rng rng(4);
  std::vector<double> xs(draws);
  double sum = 0.0;
  for (double& x : xs) {
    x = rng.lognormal(25.0, 0.3);
    sum += x;
  }
  std::nth_element(xs.begin(), xs.begin() + draws / 2, xs.end());
  // SE of the median: 1 / (2 f(25) sqrt(N)) with f(25) = 1/(25*0.3*sqrt(2 pi)),
  // i.e. 9.4e-3; sd of the mean: sqrt((e^0.09 - 1) e^0.09) * 25 = 8.0, SE 8e-3.
  CHECK(std::abs(xs[draws / 2] - 25.0) < 0.047);
  CHECK(std::abs(sum / draws - 25.0 * std::exp(0.045)) < 0.04);
}

TEST_CASE("bernoulli(0.3) is true 30% of the time") {
  Rng rng(5);
  int hits = 0;
  for (int i = 0; i < draws; ++i) hits += rng.bernoulli(0.3) ? 1 : 0;
  // SE: sqrt(0.3 * 0.7)/1000 = 4.6e-4.
  CHECK(std::abs(static_cast<double>(hits) / draws - 0.3) < 2.3e-3);
}

TEST_CASE("bernoulli always takes exactly one draw, even for certain outcomes") {
  Rng rng(6);
  Rng reference(6);
  CHECK_FALSE(rng.bernoulli(0.0));
  CHECK(rng.bernoulli(1.0));
  CHECK_FALSE(rng.bernoulli(-2.0));
  CHECK(rng.bernoulli(3.0));
  for (int i = 0; i < 4; ++i) reference.next();
  CHECK(rng == reference);
}

TEST_CASE("weighted_choice({1, 2, 7}) picks each index in proportion to its weight") {
  Rng rng(7);
  const std::array weights = {1.0, 2.0, 7.0};
  std::array<int, 3> counts{};
  for (int i = 0; i < draws; ++i) ++counts.at(rng.weighted_choice(weights));
  // SE <= sqrt(0.25)/1000 = 5e-4 for any frequency.
  CHECK(std::abs(counts[0] / double(draws) - 0.1) < 2.5e-3);
  CHECK(std::abs(counts[1] / double(draws) - 0.2) < 2.5e-3);
  CHECK(std::abs(counts[2] / double(draws) - 0.7) < 2.5e-3);
}

TEST_CASE("weighted_choice never picks a zero weight and takes one draw") {
  Rng rng(8);
  Rng reference(8);
  const std::array weights = {0.0, 3.0, 0.0};
  for (int i = 0; i < 1000; ++i) CHECK(rng.weighted_choice(weights) == 1);
  for (int i = 0; i < 1000; ++i) reference.next();
  CHECK(rng == reference);
}

TEST_CASE("weighted_choice rejects weights that cannot define a choice") {
  Rng rng(9);
  const Rng before = rng;
  SUBCASE("all zero") {
    CHECK_THROWS_WITH_AS(rng.weighted_choice(std::array{0.0, 0.0}),
                         "weighted choice: at least one weight must be > 0", ecsim::InputError);
  }
  SUBCASE("empty") {
    CHECK_THROWS_WITH_AS(rng.weighted_choice(std::span<const double>{}),
                         "weighted choice: at least one weight must be > 0", ecsim::InputError);
  }
  SUBCASE("negative") {
    CHECK_THROWS_WITH_AS(rng.weighted_choice(std::array{1.0, -1.0}),
                         "weighted choice: weight 2 must be a finite number >= 0",
                         ecsim::InputError);
  }
  SUBCASE("not a number") {
    CHECK_THROWS_WITH_AS(rng.weighted_choice(std::array{std::nan(""), 1.0}),
                         "weighted choice: weight 1 must be a finite number >= 0",
                         ecsim::InputError);
  }
  SUBCASE("infinite") {
    CHECK_THROWS_WITH_AS(
        rng.weighted_choice(std::array{1.0, std::numeric_limits<double>::infinity()}),
        "weighted choice: weight 2 must be a finite number >= 0", ecsim::InputError);
  }
  SUBCASE("sum overflows") {
    const double big = std::numeric_limits<double>::max();
    CHECK_THROWS_WITH_AS(rng.weighted_choice(std::array{big, big}),
                         "weighted choice: the weights add up to more than a double can hold",
                         ecsim::InputError);
  }
  CHECK(rng == before);  // a rejected call draws nothing
}

TEST_CASE("uniform_int(6) gives each face a sixth of the time and nothing else") {
  Rng rng(10);
  std::array<int, 6> counts{};
  bool in_range = true;
  for (int i = 0; i < draws; ++i) {
    const std::uint64_t face = rng.uniform_int(std::uint64_t{6});
    if (face >= 6) {
      in_range = false;
      break;
    }
    ++counts[face];
  }
  REQUIRE(in_range);
  // SE: sqrt(1/6 * 5/6)/1000 = 3.7e-4.
  for (const int c : counts) CHECK(std::abs(c / double(draws) - 1.0 / 6.0) < 1.9e-3);
}

TEST_CASE("uniform_int(n) is the high word of next() * n") {
  // Lemire's multiply-shift on Rng(42)'s first outputs, from the C program
  // (no rejection happens for these).
  Rng rng(42);
  const std::array<std::uint64_t, 8> expected = {0, 2, 4, 5, 5, 4, 4, 5};
  for (const std::uint64_t e : expected) CHECK(rng.uniform_int(std::uint64_t{6}) == e);
}

TEST_CASE("uniform_int(lo, hi) covers both ends inclusively") {
  Rng rng(13);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70'000; ++i) {
    const std::int64_t x = rng.uniform_int(-3, 3);
    REQUIRE(x >= -3);
    REQUIRE(x <= 3);
    ++counts[static_cast<std::size_t>(x + 3)];
  }
  for (const int c : counts) CHECK(c > 9'000);  // expected 10'000 each, sd 93
  CHECK(rng.uniform_int(5, 5) == 5);

  // The full range adds next() to lo, wrapping, with no rejection.
  Rng full(14);
  Rng raw(14);
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  const std::uint64_t offset = raw.next();
  CHECK(full.uniform_int(lo, hi) ==
        static_cast<std::int64_t>(offset + (std::uint64_t{1} << 63)));
  CHECK(full == raw);
}

TEST_CASE("uniform_int rejects the low words that would bias multiply-shift") {
  // n = 3 * 2^62: 2^64 = n + 2^62, so plain multiply-shift maps two outputs
  // onto every multiple of 3 and one onto the rest, making x % 3 == 0 half of
  // all results. Rejecting low words < 2^64 mod n (a quarter of the draws)
  // restores 1/3. SE: sqrt(1/3 * 2/3 / 10^5) = 1.5e-3.
  Rng rng(15);
  const std::uint64_t n = std::uint64_t{3} << 62;
  int multiples_of_3 = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::uint64_t x = rng.uniform_int(n);
    REQUIRE(x < n);
    multiples_of_3 += x % 3 == 0 ? 1 : 0;
  }
  CHECK(std::abs(multiples_of_3 / 100'000.0 - 1.0 / 3.0) < 7.5e-3);
}
