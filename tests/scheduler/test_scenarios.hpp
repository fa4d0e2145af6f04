#pragma once
// Small scenarios built in code for the capacity provider and fault tests:
// fixed durations, so times and costs can be worked out by hand.
#include <ecsim/model/scenario.hpp>
#include <ecsim/simulation.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ecsim::test {

/// A scenario with one cluster "prod" over `zones` and nothing on it yet.
inline Scenario prod_cluster_scenario(const std::string& name, Millis duration, std::uint64_t seed,
                                      std::vector<std::string> zones = {"us-east-1a", "us-east-1b", "us-east-1c"}) {
  Scenario sc;
  sc.name = name;
  sc.simulation.duration = duration;
  sc.simulation.seed = seed;
  ClusterSpec cluster;
  cluster.cluster_name = "prod";
  cluster.availability_zones = std::move(zones);
  sc.clusters.push_back(cluster);
  return sc;
}

/// Capacity provider `name` on "prod": an Auto Scaling group of c5.large
/// instances (2 vCPU: four 512-unit tasks each) of the given sizes.
inline CapacityProviderSpec c5_large_group(const std::string& name, int min_size, int max_size, int desired) {
  CapacityProviderSpec cp;
  cp.name = name;
  cp.cluster = "prod";
  cp.auto_scaling_group.instance_type = "c5.large";
  cp.auto_scaling_group.min_size = min_size;
  cp.auto_scaling_group.max_size = max_size;
  cp.auto_scaling_group.desired_capacity = desired;
  return cp;
}

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
  Scenario sc = prod_cluster_scenario("strategy-test", duration, 11);
  sc.clusters[0].capacity_providers = {"FARGATE", "FARGATE_SPOT"};
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

/// Adds capacity provider `cp` and, on it, service "web" of `desired`
/// EC2 tasks of web:1 (ec2_task_definition) with a 10-second image pull.
inline void add_ec2_web(Scenario& sc, const CapacityProviderSpec& cp, int desired) {
  sc.capacity_providers.push_back(cp);
  sc.task_definitions.push_back(ec2_task_definition("web"));
  sc.services.push_back(web_on_provider(cp.name, desired));
  BehaviorSpec b;
  b.task_definition = "web";
  b.image_pull.value = Millis{10'000};
  sc.behavior.push_back(b);
}

inline void set_desired_at(Scenario& sc, Millis at, int desired) {
  UpdateServiceAction u;
  u.service = "web";
  u.desired_count = desired;
  sc.timeline.push_back(TimelineEntry{at, u, {}});
}

}  // namespace ecsim::test
