#include "ecsim/placement/placer.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "ecsim/core/rng.hpp"

using namespace ecsim;

namespace {

InstanceId add(ClusterState& s, const std::string& type, const std::string& az, int cpu, int mem, int enis = 0,
               int gpus = 0) {
  InstanceSpec spec;
  spec.instance_type = type;
  spec.availability_zone = az;
  spec.cpu_units = cpu;
  spec.memory_mib = mem;
  spec.eni_task_limit = enis;
  spec.gpus = gpus;
  return s.register_instance(spec);
}

PlacementPolicy binpack_memory() { return {{{StrategyType::binpack, "memory"}}, {}}; }

TaskDemand bridge_port(int cpu, int mem, int port) {
  TaskNumbers t;
  t.network_mode = NetworkMode::bridge;
  t.containers.push_back(ContainerNumbers{cpu, mem, std::nullopt, 0, {port}});
  return compute_task_demand(t);
}

/// Places `n` tasks of `demand` one after another in group "service:api";
/// the index of the instance each went to.
std::vector<std::uint32_t> place_in_turn(Placer& placer, ClusterState& s, DemandId demand, PolicyId policy,
                                         std::uint32_t n) {
  const TaskGroupId group = s.group("service:api");
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t t = 0; t < n; ++t) chosen.push_back(index(*placer.place(make_id<TaskId>(t), demand, group, policy)));
  return chosen;
}

}  // namespace

TEST_CASE("six service tasks spread over three AZs land two per AZ") {
  ClusterState s;
  for (const char* az : {"us-east-1a", "us-east-1b", "us-east-1c"}) {
    add(s, "m5.large", az, 2048, 7680);
    add(s, "m5.large", az, 2048, 7680);
  }
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(default_service_policy());
  const DemandId demand = s.add_demand(simple_demand(256, 512));
  const TaskGroupId group = s.group("service:web");
  std::map<std::string, int> per_az;
  for (std::uint32_t t = 0; t < 6; ++t) {
    const PlacementResult r = placer.place(make_id<TaskId>(t), demand, group, policy);
    REQUIRE(r.has_value());
    ++per_az[s.attributes().text(s.availability_zone(*r))];
  }
  CHECK(per_az == std::map<std::string, int>{{"us-east-1a", 2}, {"us-east-1b", 2}, {"us-east-1c", 2}});
  // spread(AZ) alone balances AZs, not instances: inside an AZ the lowest
  // instance id wins every tie, so instance 0 takes both of us-east-1a's tasks.
  CHECK(s.running_tasks(InstanceId{0}) == 2);
  CHECK(s.running_tasks(InstanceId{1}) == 0);
  CHECK(placer.uses_index(policy));
}

TEST_CASE("binpack on memory picks the instance with the least remaining memory that fits") {
  ClusterState s;
  add(s, "m5.large", "us-east-1a", 2048, 4096);
  add(s, "m5.large", "us-east-1a", 2048, 2048);
  add(s, "m5.large", "us-east-1a", 2048, 1024);
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(binpack_memory());
  const TaskGroupId group = s.group("service:api");
  CHECK(*placer.choose(s.add_demand(simple_demand(256, 1500)), group, policy) == InstanceId{1});
  CHECK(*placer.choose(s.add_demand(simple_demand(256, 1024)), group, policy) == InstanceId{2});
  CHECK(*placer.choose(s.add_demand(simple_demand(256, 3000)), group, policy) == InstanceId{0});
  SUBCASE("cpu must fit too: the fullest instance without cpu is skipped") {
    ClusterState t;
    add(t, "c5.large", "us-east-1a", 256, 1024);
    add(t, "c5.large", "us-east-1a", 2048, 4096);
    Placer p(t, 1);
    const PolicyId pol = p.add_policy(binpack_memory());
    CHECK(*p.choose(t.add_demand(simple_demand(512, 512)), t.group("g"), pol) == InstanceId{1});
  }
}

TEST_CASE("binpack on cpu packs one instance before starting the next") {
  ClusterState s;
  add(s, "c5.large", "us-east-1a", 2048, 4096);
  add(s, "c5.large", "us-east-1b", 2048, 4096);
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy({{{StrategyType::binpack, "cpu"}}, {}});
  const DemandId demand = s.add_demand(simple_demand(1024, 256));
  CHECK(place_in_turn(placer, s, demand, policy, 4) == std::vector<std::uint32_t>{0, 0, 1, 1});
}

TEST_CASE("spread over AZs then binpack on memory packs inside the least-loaded AZ") {
  ClusterState s;
  add(s, "m5.large", "us-east-1a", 4096, 8192);  // 0
  add(s, "m5.large", "us-east-1a", 4096, 4096);  // 1: fuller, binpack prefers it in AZ a
  add(s, "m5.large", "us-east-1b", 4096, 8192);  // 2
  add(s, "m5.large", "us-east-1b", 4096, 6144);  // 3
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(
      {{{StrategyType::spread, "attribute:ecs.availability-zone"}, {StrategyType::binpack, "memory"}}, {}});
  const DemandId demand = s.add_demand(simple_demand(256, 1024));
  CHECK(place_in_turn(placer, s, demand, policy, 4) == std::vector<std::uint32_t>{1, 3, 1, 3});
}

TEST_CASE("distinctInstance with three instances places three of five tasks and says why two failed") {
  ClusterState s;
  for (int i = 0; i < 3; ++i) add(s, "m5.large", "us-east-1a", 2048, 8192);
  Placer placer(s, 1);
  const PolicyId policy =
      placer.add_policy({{{StrategyType::binpack, "memory"}}, {{ConstraintType::distinct_instance, ""}}});
  const DemandId demand = s.add_demand(simple_demand(256, 512));
  const TaskGroupId group = s.group("service:db");
  int placed = 0;
  std::vector<PlacementFailure> failures;
  for (std::uint32_t t = 0; t < 5; ++t) {
    const PlacementResult r = placer.place(make_id<TaskId>(t), demand, group, policy);
    if (r) ++placed;
    else failures.push_back(r.failure());
  }
  CHECK(placed == 3);
  REQUIRE(failures.size() == 2);
  CHECK(failures[0].reason == PlacementFailureReason::distinct_instance);
  CHECK(failures[0].closest == InstanceId{0});
  CHECK(placement_failure_event("db", failures[0], "i-100000000") ==
        "(service db) was unable to place a task because no container instance met all of its requirements. "
        "The closest matching container-instance i-100000000 encountered error "
        "\"DistinctInstance placement constraint unsatisfied.\".");
  SUBCASE("another group may still use the instances") {
    CHECK(placer.choose(demand, s.group("service:other"), policy).has_value());
  }
}

TEST_CASE("memberOf examples from the ECS documentation select the right instances") {
  ClusterState s;
  add(s, "g2.2xlarge", "us-east-1a", 8192, 15360);  // 0
  add(s, "t2.small", "us-east-1b", 1024, 2048);     // 1
  add(s, "c5.large", "us-east-1d", 2048, 3840);     // 2
  add(s, "g2.8xlarge", "us-east-1d", 32768, 61440); // 3
  add(s, "t2.small", "us-east-1d", 1024, 2048);     // 4
  Placer placer(s, 1);
  const DemandId demand = s.add_demand(simple_demand(128, 128));
  const TaskGroupId group = s.group("service:web");
  const auto matching = [&](const std::string& expression) {
    ClusterQuery q = ClusterQuery::parse(expression, s.attributes(), s.groups());
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < 5; ++i) {
      InstanceFacts f;
      f.attribute_class = s.attribute_class(make_id<InstanceId>(i));
      if (q.evaluate(s.attributes(), f)) out.push_back(i);
    }
    return out;
  };
  using V = std::vector<std::uint32_t>;
  CHECK(matching("attribute:ecs.instance-type =~ g2.*") == V{0, 3});
  CHECK(matching("attribute:ecs.instance-type matches c5.*") == V{2});
  CHECK(matching("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]") == V{0, 1});
  CHECK(matching("attribute:ecs.instance-type == t2.small or attribute:ecs.availability-zone != us-east-1d") ==
        V{0, 1, 4});
  CHECK(matching("attribute:ecs.instance-type == t2.small and attribute:ecs.availability-zone != us-east-1d") ==
        V{1});
  CHECK(matching("!(attribute:ecs.instance-type =~ g2.* || attribute:ecs.instance-type equals c5.large)") ==
        V{1, 4});
  CHECK(matching("attribute:ecs.availability-zone not_in [us-east-1d]") == V{0, 1});
  CHECK(matching("attribute:stack exists") == V{});
  CHECK(matching("attribute:stack !exists") == V{0, 1, 2, 3, 4});

  SUBCASE("a memberOf constraint steers binpack to the matching instances only") {
    const PolicyId policy = placer.add_policy(
        {{{StrategyType::binpack, "memory"}}, {{ConstraintType::member_of, "attribute:ecs.instance-type =~ g2.*"}}});
    CHECK(*placer.choose(demand, group, policy) == InstanceId{0});
  }
  SUBCASE("not(task:group == database) keeps a task off instances running the database group") {
    const PolicyId db_policy = placer.add_policy(binpack_memory());
    REQUIRE(*placer.place(TaskId{0}, demand, s.group("database"), db_policy) == InstanceId{1});
    const PolicyId policy = placer.add_policy(
        {{{StrategyType::binpack, "memory"}}, {{ConstraintType::member_of, "not(task:group == database)"}}});
    CHECK(*placer.choose(demand, group, policy) == InstanceId{4});
    placer.release(TaskId{0});
    CHECK(*placer.choose(demand, group, policy) == InstanceId{1});
  }
  SUBCASE("custom attributes and runningTasksCount") {
    s.set_attribute(InstanceId{2}, "stack", "prod");
    CHECK(matching("attribute:stack == prod") == V{2});
    const PolicyId policy = placer.add_policy(
        {{{StrategyType::binpack, "memory"}}, {{ConstraintType::member_of, "runningTasksCount == 0 and attribute:stack exists"}}});
    CHECK(*placer.place(TaskId{7}, demand, group, policy) == InstanceId{2});
    CHECK(placer.choose(demand, group, policy).failure().reason == PlacementFailureReason::member_of);
  }
}

TEST_CASE("two bridge tasks with hostPort 80 cannot share an instance") {
  ClusterState s;
  add(s, "m5.large", "us-east-1a", 2048, 8192);
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(binpack_memory());
  const DemandId web = s.add_demand(bridge_port(256, 512, 80));
  const TaskGroupId group = s.group("service:web");
  REQUIRE(placer.place(TaskId{0}, web, group, policy).has_value());
  const PlacementResult second = placer.place(TaskId{1}, web, group, policy);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.failure() == PlacementFailure{PlacementFailureReason::port_in_use, InstanceId{0}, 80, 0});
  CHECK(placement_failure_message(second.failure(), "i-100000000") ==
        "The closest matching container-instance i-100000000 is already using a port required by your task.");
  SUBCASE("a second instance takes it") {
    add(s, "m5.large", "us-east-1a", 2048, 8192);
    CHECK(*placer.choose(web, group, policy) == InstanceId{1});
  }
  SUBCASE("releasing the first frees the port") {
    placer.release(TaskId{0});
    CHECK(*placer.choose(web, group, policy) == InstanceId{0});
  }
  SUBCASE("the agent's reserved ports are never handed out") {
    const DemandId ssh = s.add_demand(bridge_port(256, 512, 22));
    CHECK(placer.choose(ssh, group, policy).failure().port == 22);
  }
}

TEST_CASE("a c5.large without trunking takes two awsvpc tasks") {
  ClusterState s;
  add(s, "c5.large", "us-east-1a", 2048, 3840, /*enis=*/3 - 1);  // ECS: max ENIs - 1 (ecs-facts.md §6.5)
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(binpack_memory());
  const DemandId task = s.add_demand(simple_demand(256, 512, 0, NetworkMode::awsvpc));
  const TaskGroupId group = s.group("service:api");
  CHECK(placer.place(TaskId{0}, task, group, policy).has_value());
  CHECK(placer.place(TaskId{1}, task, group, policy).has_value());
  const PlacementResult third = placer.place(TaskId{2}, task, group, policy);
  CHECK(third.failure().reason == PlacementFailureReason::no_eni_available);
  CHECK(s.remaining(InstanceId{0}).enis == 0);
}

TEST_CASE("a draining instance gets no new tasks") {
  ClusterState s;
  add(s, "m5.large", "us-east-1a", 2048, 2048);
  add(s, "m5.large", "us-east-1a", 2048, 8192);
  Placer placer(s, 1);
  const PolicyId binpack = placer.add_policy(binpack_memory());
  const PolicyId scan = placer.add_policy({{{StrategyType::spread, "instanceId"}}, {}});
  const DemandId demand = s.add_demand(simple_demand(256, 512));
  const TaskGroupId group = s.group("service:api");
  s.set_status(InstanceId{0}, InstanceStatus::draining);
  CHECK(*placer.choose(demand, group, binpack) == InstanceId{1});
  CHECK(*placer.choose(demand, group, scan) == InstanceId{1});
  s.set_status(InstanceId{1}, InstanceStatus::draining);
  CHECK(placer.choose(demand, group, binpack).failure().reason == PlacementFailureReason::no_container_instances);
  CHECK(placement_failure_message(placer.choose(demand, group, scan).failure(), "") ==
        "Reason: No Container Instances were found in your cluster.");
  s.set_status(InstanceId{0}, InstanceStatus::active);
  CHECK(*placer.choose(demand, group, binpack) == InstanceId{0});
}

TEST_CASE("the closest matching instance is the one that passed the most checks") {
  ClusterState s;
  add(s, "t3.small", "us-east-1a", 512, 8192);   // lacks cpu
  add(s, "r5.large", "us-east-1a", 4096, 1024);  // cpu ok, lacks memory: closer
  Placer placer(s, 1);
  const PolicyId policy = placer.add_policy(binpack_memory());
  const PlacementResult r = placer.choose(s.add_demand(simple_demand(1024, 2048)), s.group("g"), policy);
  CHECK(r.failure() == PlacementFailure{PlacementFailureReason::insufficient_memory, InstanceId{1}, 0, 0});
  CHECK(placement_failure_message(r.failure(), "i-1") ==
        "The closest matching container-instance i-1 has insufficient memory available.");
  const PlacementResult cpu = placer.choose(s.add_demand(simple_demand(8192, 512)), s.group("g"), policy);
  CHECK(cpu.failure() == PlacementFailure{PlacementFailureReason::insufficient_cpu, InstanceId{0}, 0, 0});
  CHECK(placement_failure_message(cpu.failure(), "i-0") ==
        "The closest matching container-instance i-0 has insufficient CPU units available.");
}

TEST_CASE("random placement is deterministic for a seed and stays on candidates") {
  const auto run = [](std::uint64_t seed) {
    ClusterState s;
    for (int i = 0; i < 8; ++i) add(s, "m5.large", "us-east-1a", 2048, i == 3 ? 256 : 8192);
    Placer placer(s, seed);
    const PolicyId policy = placer.add_policy({{{StrategyType::random, ""}}, {}});
    const DemandId demand = s.add_demand(simple_demand(128, 512));
    std::vector<std::uint32_t> out;
    for (std::uint32_t t = 0; t < 12; ++t)
      out.push_back(index(*placer.place(make_id<TaskId>(t), demand, s.group("g"), policy)));
    return out;
  };
  const auto a = run(42);
  CHECK(a == run(42));
  CHECK(a != run(43));
  for (const std::uint32_t i : a) CHECK(i != 3);  // instance 3 has no memory for the task
}

TEST_CASE("policies beyond ECS limits or with unknown fields are rejected with a clear message") {
  ClusterState s;
  Placer placer(s, 1);
  PlacementPolicy six;
  six.strategies.assign(6, {StrategyType::random, ""});
  CHECK_THROWS_WITH_AS(placer.add_policy(six), "placement: at most 5 strategies are allowed, got 6", InputError);
  PlacementPolicy eleven;
  eleven.constraints.assign(11, {ConstraintType::distinct_instance, ""});
  CHECK_THROWS_WITH_AS(placer.add_policy(eleven), "placement: at most 10 constraints are allowed, got 11", InputError);
  CHECK_THROWS_WITH_AS(placer.add_policy({{{StrategyType::binpack, "memroy"}}, {}}),
                       "placement strategy binpack: unknown field 'memroy'; did you mean 'memory'?", InputError);
  CHECK_THROWS_WITH_AS(placer.add_policy({{{StrategyType::spread, "az"}}, {}}),
                       "placement strategy spread: unknown field 'az'; expected instanceId, host or attribute:<name>",
                       InputError);
  CHECK_THROWS_WITH_AS(placer.add_policy({{}, {{ConstraintType::distinct_instance, "x == y"}}}),
                       "placement constraint distinctInstance takes no expression, got 'x == y'", InputError);
  CHECK_THROWS_WITH_AS(parse_strategy_type("binpak"), "unknown placement strategy type 'binpak'; did you mean 'binpack'?",
                       InputError);
  CHECK(parse_constraint_type("memberOf") == ConstraintType::member_of);
}

TEST_CASE("the indexed placer and the plain scan choose the same instance on random cases") {
  Rng rng(20240601);
  int compared = 0;
  int placed = 0;
  const char* types[] = {"m5.large", "c5.xlarge", "g4dn.xlarge"};
  const char* zones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};
  const std::vector<PlacementPolicy> policies = {
      {{}, {}},
      {{{StrategyType::binpack, "memory"}}, {}},
      {{{StrategyType::binpack, "cpu"}}, {}},
      {{{StrategyType::spread, "attribute:ecs.availability-zone"}}, {}},
      {{{StrategyType::spread, "attribute:ecs.availability-zone"}, {StrategyType::binpack, "memory"}}, {}},
      {{{StrategyType::spread, "attribute:ecs.instance-type"}, {StrategyType::binpack, "cpu"}},
       {{ConstraintType::distinct_instance, ""}}},
      {{{StrategyType::binpack, "memory"}}, {{ConstraintType::member_of, "attribute:ecs.instance-type =~ (m5|g4dn).*"}}},
      {{{StrategyType::spread, "attribute:rack"}, {StrategyType::binpack, "memory"}},
       {{ConstraintType::member_of, "not(task:group == g1) and attribute:ecs.availability-zone != us-east-1c"}}},
  };
  for (int round = 0; round < 40; ++round) {
    ClusterState s;
    Placer placer(s, 7);
    const int n = 20 + static_cast<int>(rng.uniform_int(180));
    for (int i = 0; i < n; ++i) {
      InstanceSpec spec;
      spec.instance_type = types[rng.uniform_int(3)];
      spec.availability_zone = zones[rng.uniform_int(3)];
      spec.cpu_units = 1024 * static_cast<int>(1 + rng.uniform_int(8));
      spec.memory_mib = 1024 * static_cast<int>(1 + rng.uniform_int(16));
      spec.gpus = static_cast<int>(rng.uniform_int(3));
      spec.eni_task_limit = static_cast<int>(rng.uniform_int(4));
      if (rng.uniform_int(2) == 0) spec.attributes.push_back({"rack", "r" + std::to_string(rng.uniform_int(4))});
      // Odd rounds give most instances their own class: more than 64 classes
      // share mask bits, so the index must re-check what the masks let through.
      if (round % 2 == 1) spec.attributes.push_back({"slot", std::to_string(rng.uniform_int(100))});
      s.register_instance(spec);
    }
    std::vector<PolicyId> ids;
    for (const auto& p : policies) ids.push_back(placer.add_policy(p));
    std::vector<DemandId> demands;
    for (int k = 0; k < 6; ++k)
      demands.push_back(s.add_demand(simple_demand(128 * static_cast<int>(1 + rng.uniform_int(8)),
                                                   256 * static_cast<int>(1 + rng.uniform_int(12)),
                                                   static_cast<int>(rng.uniform_int(2)),
                                                   rng.uniform_int(4) == 0 ? NetworkMode::awsvpc : NetworkMode::bridge)));
    demands.push_back(s.add_demand(bridge_port(128, 256, 8080)));
    std::vector<std::uint32_t> live;
    std::uint32_t next_task = 0;
    for (int step = 0; step < 300; ++step) {
      const PolicyId policy = ids[rng.uniform_int(ids.size())];
      const DemandId demand = demands[rng.uniform_int(demands.size())];
      const TaskGroupId group = s.group("g" + std::to_string(rng.uniform_int(3)));
      const PlacementResult fast = placer.choose(demand, group, policy);
      const PlacementResult slow = placer.choose_by_scan(demand, group, policy);
      ++compared;
      if (fast.instance() != slow.instance() || fast.failure() != slow.failure()) {
        FAIL_CHECK("round " << round << " step " << step << " policy " << index(policy) << ": index chose "
                            << index(fast.instance()) << ", scan chose " << index(slow.instance()));
        break;
      }
      if (fast) {
        s.commit(make_id<TaskId>(next_task), *fast, demand, group);
        live.push_back(next_task++);
        ++placed;
      }
      const std::uint64_t event = rng.uniform_int(10);
      if (event < 3 && !live.empty()) {
        const std::size_t k = rng.uniform_int(live.size());
        placer.release(make_id<TaskId>(live[k]));
        live[k] = live.back();
        live.pop_back();
      } else if (event == 3) {
        const auto id = make_id<InstanceId>(static_cast<std::uint32_t>(rng.uniform_int(s.instance_capacity())));
        if (s.status(id) == InstanceStatus::active) s.set_status(id, InstanceStatus::draining);
        else if (s.status(id) == InstanceStatus::draining) s.set_status(id, InstanceStatus::active);
      } else if (event == 4) {
        const auto id = make_id<InstanceId>(static_cast<std::uint32_t>(rng.uniform_int(s.instance_capacity())));
        if (s.status(id) != InstanceStatus::absent) s.set_attribute(id, "rack", "r" + std::to_string(rng.uniform_int(4)));
      }
    }
    REQUIRE(s.capacity_index(CapacityOrder::memory)->valid());
  }
  CHECK(compared == 12000);
  CHECK(placed > 3000);
}
