// The service scheduler under a rolling deployment: a REPLICA service of N
// tasks on EC2 container instances with room for 2N (maximumPercent 200)
// rolls to a new revision. items_per_second = engine events per second.
#include "simulation_runs.hpp"

#include <ecsim/simulation.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

ecsim::TaskDefinition ec2_td(int revision) {
  ecsim::TaskDefinition td;
  td.family = "api";
  td.revision = revision;
  td.network_mode = ecsim::NetworkMode::bridge;
  td.requires_compatibilities = {ecsim::LaunchType::ec2};
  ecsim::ContainerDefinition c;
  c.name = "api";
  c.image = "api:" + std::to_string(revision);
  c.cpu = 256;
  c.memory_reservation = 512;
  td.container_definitions.push_back(c);
  return td;
}

ecsim::Scenario rolling_scenario(int tasks) {
  ecsim::Scenario sc = ecsim_bench::scenario_skeleton("bench-rolling", ecsim::Millis{40min}, "bench");
  ecsim::ContainerInstanceSpec ci;
  ci.cluster = "bench";
  ci.instance_type = "m5.4xlarge";  // 16 vCPU: 64 tasks of 256 CPU units
  ci.count = (2 * tasks) / 64 + 3;
  sc.container_instances.push_back(ci);
  sc.task_definitions = {ec2_td(1), ec2_td(2)};
  ecsim::ServiceSpec svc;
  svc.service_name = "api";
  svc.cluster = "bench";
  svc.task_definition = "api:1";
  svc.desired_count = tasks;
  svc.launch_type = ecsim::LaunchType::ec2;
  svc.deployment_configuration.minimum_healthy_percent = 100;
  svc.deployment_configuration.maximum_percent = 200;
  sc.services.push_back(svc);
  ecsim::BehaviorSpec b;
  b.task_definition = "api";
  b.image_pull = ecsim::DurationDistribution{.distribution = ecsim::DistributionKind::lognormal,
                                             .median = ecsim::Millis{20s}, .sigma = 0.4};
  sc.behavior.push_back(b);
  ecsim::UpdateServiceAction u;
  u.service = "api";
  u.task_definition = "api:2";
  sc.timeline.push_back(ecsim::TimelineEntry{ecsim::Millis{10min}, u, {}});
  return sc;
}

void BM_RollingDeploy(benchmark::State& state) {
  // Engine throughput, not ECS's quotas: without the launch-rate and
  // PROVISIONING limits a 100,000-task deployment fits in the same 40
  // virtual minutes.
  ecsim::EcsAssumptions unlimited;
  unlimited.service_launch_burst = 0;
  unlimited.fargate_launch_burst = 0;
  unlimited.max_provisioning_tasks_per_cluster = 0;
  ecsim_bench::run_each_iteration(state, rolling_scenario(static_cast<int>(state.range(0))), unlimited,
                                  [](const ecsim::Simulation&) {});
}

}  // namespace

BENCHMARK(BM_RollingDeploy)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
