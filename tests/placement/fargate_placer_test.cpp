#include "ecsim/placement/fargate_placer.hpp"

#include <doctest/doctest.h>

#include "ecsim/core/error.hpp"

using namespace ecsim;

TEST_CASE("Fargate tasks balance across AZs with ties going to the first AZ") {
  FargatePlacer f({"us-east-1a", "us-east-1b", "us-east-1c"});
  const TaskGroupId web{0};
  std::vector<int> azs;
  for (int i = 0; i < 7; ++i) azs.push_back(f.place(web, 256).availability_zone);
  CHECK(azs == std::vector<int>{0, 1, 2, 0, 1, 2, 0});
  f.release(web, 1, 256);
  CHECK(f.place(web, 256).availability_zone == 1);
  CHECK(f.tasks_in(web, 0) == 3);
  CHECK(f.place(TaskGroupId{1}, 256).availability_zone == 0);  // groups balance independently
}

TEST_CASE("Fargate refuses tasks past the account's vCPU quota") {
  FargatePlacer f({"us-east-1a"}, 2);
  const TaskGroupId g{0};
  CHECK(f.place(g, 1024));
  CHECK(f.place(g, 1024));
  const FargatePlacement third = f.place(g, 256);
  CHECK_FALSE(third);
  CHECK(third.failure.reason == PlacementFailureReason::fargate_vcpu_quota);
  CHECK(placement_failure_event("api", third.failure, "") ==
        "(service api) was unable to place a task. Reason: You've reached the limit on the number of vCPUs you can "
        "run concurrently");
  f.release(g, 0, 1024);
  CHECK(f.place(g, 512));
  CHECK(f.cpu_units_in_use() == 1536);
  CHECK_THROWS_WITH_AS(FargatePlacer({}, 10), "Fargate placement needs at least one Availability Zone (subnet)",
                       InputError);
  CHECK_THROWS_WITH_AS(FargatePlacer({"a"}, 0), "fargate_vcpu_quota must be > 0, got 0", InputError);
}
