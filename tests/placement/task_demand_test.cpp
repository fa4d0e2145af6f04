#include "ecsim/placement/task_demand.hpp"

#include <doctest/doctest.h>

#include "ecsim/core/error.hpp"

using namespace ecsim;

TEST_CASE("task-level cpu and memory win over the containers' numbers") {
  TaskNumbers t;
  t.cpu = 1024;
  t.memory_mib = 2048;
  t.containers = {ContainerNumbers{256, 512, std::nullopt, 0, {}}, ContainerNumbers{256, 512, std::nullopt, 0, {}}};
  const TaskDemand d = compute_task_demand(t);
  CHECK(d.cpu == 1024);
  CHECK(d.memory_mib == 2048);
}

TEST_CASE("without task-level numbers ECS reserves the sum of the containers, soft limit first") {
  TaskNumbers t;
  t.containers = {ContainerNumbers{256, 1024, 512, 0, {}},            // reserves 512: memoryReservation
                  ContainerNumbers{128, 300, std::nullopt, 1, {}},    // reserves 300: memory
                  ContainerNumbers{0, std::nullopt, 128, 2, {}}};     // reserves 128
  const TaskDemand d = compute_task_demand(t);
  CHECK(d.cpu == 384);
  CHECK(d.memory_mib == 940);
  CHECK(d.gpus == 3);
}

TEST_CASE("bridge ports become static or dynamic host ports; awsvpc takes an ENI instead") {
  TaskNumbers t;
  t.containers = {ContainerNumbers{128, 128, std::nullopt, 0, {8080, 0, 443}},
                  ContainerNumbers{128, 128, std::nullopt, 0, {0}}};
  TaskDemand d = compute_task_demand(t);
  CHECK(std::vector<std::uint16_t>(d.ports().begin(), d.ports().end()) == std::vector<std::uint16_t>{443, 8080});
  CHECK(d.dynamic_port_count == 2);
  CHECK_FALSE(d.needs_eni());
  t.network_mode = NetworkMode::awsvpc;
  d = compute_task_demand(t);
  CHECK(d.static_port_count == 0);
  CHECK(d.dynamic_port_count == 0);
  CHECK(d.needs_eni());
}

TEST_CASE("bad container numbers are reported in the user's terms") {
  TaskNumbers t;
  t.containers = {ContainerNumbers{128, std::nullopt, std::nullopt, 0, {}}};
  CHECK_THROWS_WITH_AS(compute_task_demand(t),
                       "container 1: set memory or memoryReservation (or a task-level memory) to run on EC2", InputError);
  t.containers = {ContainerNumbers{128, 128, std::nullopt, 0, {80}}, ContainerNumbers{128, 128, std::nullopt, 0, {80}}};
  CHECK_THROWS_WITH_AS(compute_task_demand(t), "hostPort 80 is mapped twice in one task", InputError);
  t.containers = {ContainerNumbers{-1, 128, std::nullopt, 0, {}}};
  CHECK_THROWS_WITH_AS(compute_task_demand(t), "container 1 cpu must be >= 0, got -1", InputError);
  t.network_mode = NetworkMode::host;
  t.containers = {ContainerNumbers{128, 128, std::nullopt, 0, {0}}};
  CHECK_THROWS_WITH_AS(compute_task_demand(t),
                       "container 1: host network mode needs a hostPort equal to the containerPort, not 0", InputError);
  CHECK(parse_network_mode("AWSVPC") == NetworkMode::awsvpc);
  CHECK_THROWS_WITH_AS(parse_network_mode("nat"), "invalid networkMode 'nat': expected bridge, host, awsvpc or none",
                       InputError);
}
