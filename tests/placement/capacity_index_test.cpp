#include "ecsim/placement/capacity_index.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "ecsim/core/rng.hpp"

using namespace ecsim;

TEST_CASE("first_fit on the memory order is the least remaining memory that fits, lowest id on ties") {
  CapacityIndex idx(CapacityOrder::memory);
  idx.insert(0, {1024, 4096, 0, 0}, 0);
  idx.insert(1, {1024, 2048, 0, 0}, 0);
  idx.insert(2, {256, 2048, 0, 0}, 0);
  idx.insert(3, {1024, 2048, 0, 0}, 1);
  const auto any = [](std::uint32_t) { return true; };
  CHECK(idx.first_fit({512, 2000, 0, 0}, ~0ULL, any) == 1);
  CHECK(idx.first_fit({128, 2000, 0, 0}, ~0ULL, any) == 1);
  CHECK(idx.first_fit({512, 2000, 0, 0}, 0b10, any) == 3);  // only class bit 1
  CHECK(idx.first_fit({512, 3000, 0, 0}, ~0ULL, any) == 0);
  CHECK(idx.first_fit({2048, 1, 0, 0}, ~0ULL, any) == CapacityIndex::not_found);
  CHECK(idx.first_fit({512, 2000, 0, 0}, ~0ULL, [](std::uint32_t i) { return i != 1; }) == 3);
  idx.update(1, {1024, 1024, 0, 0});
  CHECK(idx.first_fit({512, 1000, 0, 0}, ~0ULL, any) == 1);
  idx.erase(1);
  CHECK(idx.first_fit({512, 1000, 0, 0}, ~0ULL, any) == 3);
  CHECK(idx.size() == 3);
}

TEST_CASE("the index agrees with a brute-force search through inserts, updates and erases") {
  for (const CapacityOrder order : {CapacityOrder::memory, CapacityOrder::cpu, CapacityOrder::id}) {
    CapacityIndex idx(order);
    Rng rng(99);
    constexpr std::uint32_t n = 1500;
    std::vector<Capacity> cap(n);
    std::vector<bool> in(n, false);
    std::vector<std::uint8_t> bit(n);
    const auto random_capacity = [&] {
      return Capacity{static_cast<std::int32_t>(rng.uniform_int(100)), static_cast<std::int32_t>(rng.uniform_int(100)),
                      static_cast<std::int32_t>(rng.uniform_int(3)), static_cast<std::int32_t>(rng.uniform_int(3))};
    };
    int mismatches = 0;
    for (int step = 0; step < 24000; ++step) {
      const auto i = static_cast<std::uint32_t>(rng.uniform_int(n));
      // Phases that grow, churn, then drain the tree exercise splits and unlinks.
      const bool draining = step > 18000;
      if (!in[i] && !draining) {
        cap[i] = random_capacity();
        bit[i] = static_cast<std::uint8_t>(rng.uniform_int(64));
        idx.insert(i, cap[i], bit[i]);
        in[i] = true;
      } else if (in[i] && (draining || rng.uniform_int(4) == 0)) {
        idx.erase(i);
        in[i] = false;
      } else if (in[i]) {
        cap[i] = random_capacity();
        idx.update(i, cap[i]);
      }
      const Capacity need = random_capacity();
      const std::uint64_t mask = rng.uniform_int(4) == 0 ? rng.next() : ~0ULL;
      const auto skip = static_cast<std::uint32_t>(rng.uniform_int(7));
      const auto pred = [skip](std::uint32_t x) { return x % 7 != skip; };
      std::uint32_t best = CapacityIndex::not_found;
      std::uint64_t best_key = ~0ULL;
      for (std::uint32_t j = 0; j < n; ++j) {
        const Capacity& c = cap[j];
        if (!in[j] || c.cpu < need.cpu || c.memory_mib < need.memory_mib || c.gpus < need.gpus || c.enis < need.enis ||
            ((mask >> bit[j]) & 1U) == 0 || !pred(j))
          continue;
        const std::uint64_t primary = order == CapacityOrder::memory ? std::uint64_t(c.memory_mib)
                                      : order == CapacityOrder::cpu  ? std::uint64_t(c.cpu)
                                                                     : 0;
        const std::uint64_t k = (primary << 32) | j;
        if (k < best_key) {
          best_key = k;
          best = j;
        }
      }
      if (idx.first_fit(need, mask, pred) != best) ++mismatches;
      if (step % 3000 == 0) REQUIRE(idx.valid());
    }
    CHECK(mismatches == 0);
    CHECK(idx.valid());
  }
}

TEST_CASE("keys inserted in ascending order fill nodes and stay searchable") {
  CapacityIndex idx(CapacityOrder::memory);
  constexpr std::uint32_t n = 5000;
  for (std::uint32_t i = 0; i < n; ++i) idx.insert(i, {1024, 4096, 0, 0}, 0);
  CHECK(idx.valid());
  CHECK(idx.size() == n);
  const auto any = [](std::uint32_t) { return true; };
  CHECK(idx.first_fit({512, 4096, 0, 0}, ~0ULL, any) == 0);
  CHECK(idx.first_fit({512, 4096, 0, 0}, ~0ULL, [](std::uint32_t i) { return i >= 4321; }) == 4321);
  // Descending inserts split nodes in half; ascending ones leave them nearly full.
  CapacityIndex half(CapacityOrder::memory);
  for (std::uint32_t i = n; i-- > 0;) half.insert(i, {1024, 4096, 0, 0}, 0);
  CHECK(half.valid());
  CHECK(idx.memory_bytes() < half.memory_bytes());
}
