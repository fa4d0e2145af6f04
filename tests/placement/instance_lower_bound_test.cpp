#include "ecsim/placement/instance_lower_bound.hpp"

#include <doctest/doctest.h>

using namespace ecsim;

TEST_CASE("a homogeneous pool needs the largest per-resource ceiling") {
  const std::vector<Capacity> pool(10, Capacity{2048, 8192, 0, 0});
  CHECK(instance_lower_bound({4096, 8192, 0}, pool) == 2u);     // cpu: 2
  CHECK(instance_lower_bound({4096, 8193 * 2, 0}, pool) == 3u);  // memory: ceil(16386 / 8192) = 3
  CHECK(instance_lower_bound({0, 0, 0}, pool) == 0u);
  CHECK(instance_lower_bound({2048 * 11, 0, 0}, pool) == std::nullopt);
}

TEST_CASE("a heterogeneous pool counts its largest instances first") {
  const std::vector<Capacity> pool{{1024, 1024, 0, 0}, {8192, 2048, 8, 0}, {4096, 65536, 0, 0}};
  CHECK(instance_lower_bound({8192, 1024, 0}, pool) == 1u);
  CHECK(instance_lower_bound({9000, 1024, 0}, pool) == 2u);
  CHECK(instance_lower_bound({1024, 66000, 0}, pool) == 2u);
  CHECK(instance_lower_bound({1024, 1024, 9}, pool) == std::nullopt);
}
