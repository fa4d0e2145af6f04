#include <ecsim/core/error.hpp>
#include <ecsim/model/instance_type.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace ecsim;

TEST_CASE("the instance catalog holds at least 40 uniquely named, priced types") {
  const auto types = instance_types();
  CHECK(types.size() >= 40);
  std::set<std::string> names;
  for (const InstanceType& t : types) {
    CAPTURE(t.name);
    CHECK(names.insert(t.name).second);
    CHECK(t.on_demand_usd_hour > 0);
    CHECK(t.vcpu > 0);
    CHECK(t.memory_mib > 0);
    CHECK(t.max_enis >= 2);
    CHECK(find_instance_type(t.name) == &t);
  }
  CHECK(types.front().name == "c5.large");  // catalog order is the file's order
}

TEST_CASE("catalog rows carry the sizes and prices of ecs-facts section 9") {
  const InstanceType& c5 = instance_type("c5.2xlarge");
  CHECK(c5.vcpu == 8);
  CHECK(c5.memory_mib == 16384);
  CHECK(c5.max_enis == 4);
  CHECK(c5.on_demand_usd_hour == 0.34);
  CHECK(c5.architecture == CpuArchitecture::x86_64);
  const InstanceType& m6g = instance_type("m6g.large");
  CHECK(m6g.architecture == CpuArchitecture::arm64);
  CHECK(m6g.on_demand_usd_hour == 0.077);
  CHECK(instance_type("t3.medium").on_demand_usd_hour == 0.0416);
  CHECK(instance_type("r5.xlarge").memory_mib == 32768);
  CHECK(instance_type("g4dn.xlarge").gpus == 1);
  CHECK(instance_type("p3.2xlarge").gpus == 1);
  CHECK(instance_type("m5.large").gpus == 0);
}

TEST_CASE("an instance registers 1024 CPU units per vCPU and 97.5 percent of its memory") {
  const InstanceType& m5 = instance_type("m5.large");
  CHECK(registered_cpu(m5) == 2048);
  CHECK(registered_memory_mib(m5) == 7987);  // floor(8192 × 0.975)
  CHECK(registered_cpu(instance_type("c5.9xlarge")) == 36864);
  CHECK(registered_memory_mib(instance_type("t3.micro")) == 998);  // floor(1024 × 0.975)
}

TEST_CASE("ECS_RESERVED_MEMORY and the overhead fraction lower registered memory") {
  const InstanceType& m5 = instance_type("m5.large");
  CHECK(registered_memory_mib(m5, {.memory_overhead_frac = 0.025, .reserved_memory_mib = 256}) == 7731);
  CHECK(registered_memory_mib(m5, {.memory_overhead_frac = 0.0, .reserved_memory_mib = 0}) == 8192);
  InstanceType even = m5;
  even.memory_mib = 40960;  // 40960 × 0.975 is exactly 39936
  CHECK(registered_memory_mib(even) == 39936);
  CHECK(registered_memory_mib(m5, {.memory_overhead_frac = 0.0, .reserved_memory_mib = 9000}) == 0);
}

TEST_CASE("awsvpc tasks per instance are ENIs minus the primary, or the trunk limit with trunking") {
  const InstanceType& c5 = instance_type("c5.large");
  CHECK(awsvpc_task_limit(c5, false) == 2);
  CHECK(awsvpc_task_limit(c5, true) == 10);
  CHECK(awsvpc_task_limit(instance_type("c5.2xlarge"), true) == 40);
  CHECK(awsvpc_task_limit(instance_type("m5.24xlarge"), false) == 14);
}

TEST_CASE("t3 instances do not get more awsvpc tasks from trunking") {
  for (const char* name : {"t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge"}) {
    CAPTURE(name);
    const InstanceType& t3 = instance_type(name);
    CHECK(t3.trunk_task_eni_limit == 0);
    CHECK(awsvpc_task_limit(t3, true) == awsvpc_task_limit(t3, false));
  }
  CHECK(awsvpc_task_limit(instance_type("t3.micro"), true) == 1);
}

TEST_CASE("an unknown instance type is rejected, suggesting the nearest known name") {
  CHECK(find_instance_type("m5.larg") == nullptr);
  CHECK(find_instance_type("M5.LARGE") == nullptr);  // EC2 names are lower case
  CHECK_THROWS_WITH_AS(instance_type("m5.larg"), "unknown instance type 'm5.larg'; did you mean 'm5.large'?",
                       InputError);
  CHECK_THROWS_WITH_AS(instance_type("c5.2xlrage"),
                       "unknown instance type 'c5.2xlrage'; did you mean 'c5.2xlarge'?", InputError);
  CHECK_THROWS_WITH_AS(instance_type("quantum.huge"), "unknown instance type 'quantum.huge'", InputError);
}
