// How a capacity provider strategy splits tasks: base first, then by weight
// (ecs-facts §7.1), the remainder to the provider furthest below its share.
#include <ecsim/scheduler/capacity_provider_split.hpp>

#include <doctest/doctest.h>

#include <vector>

using ecsim::ProviderShare;
using ecsim::split_tasks;

TEST_CASE("base 2 on FARGATE weight 1, FARGATE_SPOT weight 3, 10 tasks: 4 and 6") {
  // 2 base tasks, then 8 split 1:3 -> 2 and 6.
  const std::vector<ProviderShare> s = {{2, 1}, {0, 3}};
  CHECK(split_tasks(s, 10) == std::vector<int>{4, 6});
}

TEST_CASE("fewer tasks than the base all go to the base provider") {
  const std::vector<ProviderShare> s = {{2, 1}, {0, 3}};
  CHECK(split_tasks(s, 0) == std::vector<int>{0, 0});
  CHECK(split_tasks(s, 1) == std::vector<int>{1, 0});
  CHECK(split_tasks(s, 2) == std::vector<int>{2, 0});
  // The third task is the first beyond the base: weight 3 of 4 is the larger share.
  CHECK(split_tasks(s, 3) == std::vector<int>{2, 1});
}

TEST_CASE("weights 1:1 with an odd count: the extra task goes to the first provider") {
  const std::vector<ProviderShare> s = {{0, 1}, {0, 1}};
  CHECK(split_tasks(s, 5) == std::vector<int>{3, 2});
  CHECK(split_tasks(s, 1) == std::vector<int>{1, 0});
  CHECK(split_tasks(s, 6) == std::vector<int>{3, 3});
}

TEST_CASE("weights 1:4 give one task in five to the first provider") {
  const std::vector<ProviderShare> s = {{0, 1}, {0, 4}};
  CHECK(split_tasks(s, 10) == std::vector<int>{2, 8});
  CHECK(split_tasks(s, 100) == std::vector<int>{20, 80});
}

TEST_CASE("the remainder goes by largest remainder: 5 tasks at base 2, weights 1:3 are 3 and 2") {
  // 3 beyond the base: shares 0.75 and 2.25 -> 0 and 2 whole, the last task to
  // the larger remainder (0.75) -> 1 and 2; with the base 3 and 2.
  const std::vector<ProviderShare> s = {{2, 1}, {0, 3}};
  CHECK(split_tasks(s, 5) == std::vector<int>{3, 2});
}

TEST_CASE("a provider with weight 0 gets its base and nothing more") {
  const std::vector<ProviderShare> s = {{3, 0}, {0, 1}};
  CHECK(split_tasks(s, 2) == std::vector<int>{2, 0});
  CHECK(split_tasks(s, 10) == std::vector<int>{3, 7});
}

TEST_CASE("a scale-in takes the task back from where the last scale-out put it") {
  const std::vector<std::vector<ProviderShare>> strategies = {
      {{2, 1}, {0, 3}}, {{0, 1}, {0, 1}}, {{0, 1}, {0, 4}}, {{5, 2}, {0, 1}, {0, 3}}, {{3, 0}, {0, 1}}};
  for (const auto& s : strategies) {
    for (int n = 1; n <= 40; ++n) {
      std::vector<int> tasks = split_tasks(s, n);
      --tasks[ecsim::provider_to_shrink(s, tasks)];
      CAPTURE(n);
      CHECK(tasks == split_tasks(s, n - 1));
    }
  }
}

TEST_CASE("after an interruption the next task goes back to the provider that lost one") {
  const std::vector<ProviderShare> s = {{2, 1}, {0, 3}};
  std::vector<int> tasks = {4, 6};
  --tasks[1];  // a FARGATE_SPOT task was interrupted
  CHECK(ecsim::next_provider(s, tasks) == 1);
  tasks = {3, 6};  // a FARGATE task stopped: the base is refilled first
  CHECK(ecsim::next_provider(s, tasks) == 0);
}
