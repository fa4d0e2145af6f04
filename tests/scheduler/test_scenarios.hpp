#pragma once
// Small scenarios built in code for the capacity provider and fault tests:
// fixed durations, so times and costs can be worked out by hand.
#include <ecsim/model/scenario.hpp>
#include <ecsim/simulation.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace ecsim::test {

inline TaskDefinition fargate_task_definition(const std::string& family, int cpu = 512, int memory = 1024) {
  TaskDefinition td;
  td.family = family;
  td.revision = 1;
  td.network_mode = NetworkMode::awsvpc;
  td.requires_compatibilities = {LaunchType::fargate};
  td.cpu = cpu;
  td.memory = memory;
  ContainerDefinition c;
  c.name = family;
  c.image = family + ":v1";
  td.container_definitions.push_back(c);
  return td;
}

/// One cluster over three zones with FARGATE and FARGATE_SPOT, one service
/// "web" of `desired` tasks on `strategy`; image pull 10 s, so a task runs
/// 17 s after launch and bills from 7 s (no health check, no LB).
inline Scenario strategy_scenario(int desired, std::vector<CapacityProviderStrategyItem> strategy,
                                  Millis duration = std::chrono::hours(1)) {
  Scenario sc;
  sc.name = "strategy-test";
  sc.simulation.duration = duration;
  sc.simulation.seed = 11;
  ClusterSpec cluster;
  cluster.cluster_name = "prod";
  cluster.availability_zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  cluster.capacity_providers = {"FARGATE", "FARGATE_SPOT"};
  sc.clusters.push_back(cluster);
  sc.task_definitions.push_back(fargate_task_definition("web"));
  ServiceSpec svc;
  svc.service_name = "web";
  svc.cluster = "prod";
  svc.task_definition = "web:1";
  svc.desired_count = desired;
  svc.capacity_provider_strategy = std::move(strategy);
  if (svc.capacity_provider_strategy.empty()) svc.launch_type = LaunchType::fargate;
  svc.deployment_configuration.minimum_healthy_percent = 100;
  svc.deployment_configuration.maximum_percent = 200;
  sc.services.push_back(svc);
  BehaviorSpec b;
  b.task_definition = "web";
  b.image_pull.value = Millis{10'000};
  b.shutdown.value = Millis{2'000};
  sc.behavior.push_back(b);
  return sc;
}

inline CapacityProviderStrategyItem item(const std::string& provider, int base, int weight) {
  CapacityProviderStrategyItem i;
  i.capacity_provider = provider;
  i.base = base;
  i.weight = weight;
  return i;
}

/// EC2 (bridge) task definition `family:1` with one 512-unit / 512 MiB container.
inline TaskDefinition ec2_task_definition(const std::string& family) {
  TaskDefinition td;
  td.family = family;
  td.revision = 1;
  td.network_mode = NetworkMode::bridge;
  td.requires_compatibilities = {LaunchType::ec2};
  ContainerDefinition c;
  c.name = family;
  c.image = family + ":1";
  c.cpu = 512;
  c.memory = 512;
  td.container_definitions.push_back(c);
  return td;
}

/// Service "web" in cluster "prod" of `desired` tasks of web:1, all on
/// capacity provider `provider`, rolling within 100/200 percent.
inline ServiceSpec web_on_provider(const std::string& provider, int desired) {
  ServiceSpec svc;
  svc.service_name = "web";
  svc.cluster = "prod";
  svc.task_definition = "web:1";
  svc.desired_count = desired;
  svc.capacity_provider_strategy = {item(provider, 0, 1)};
  svc.deployment_configuration.minimum_healthy_percent = 100;
  svc.deployment_configuration.maximum_percent = 200;
  return svc;
}

inline void set_desired_at(Scenario& sc, Millis at, int desired) {
  UpdateServiceAction u;
  u.service = "web";
  u.desired_count = desired;
  sc.timeline.push_back(TimelineEntry{at, u, {}});
}

}  // namespace ecsim::test
