// A Spot fleet for a day: one service of N tasks on FARGATE_SPOT, each
// interrupted at 5 % per task-hour (warning, SIGTERM, kill at two minutes,
// replacement). items_per_second = engine events per second; the issue's
// target is a 24 h run of 10,000 tasks in under 2 s.
#include "simulation_runs.hpp"

#include <ecsim/simulation.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

ecsim::Scenario spot_fleet(int tasks) {
  ecsim::Scenario sc = ecsim_bench::scenario_skeleton("bench-spot-fleet", ecsim::Millis{24h}, "bench");
  sc.clusters[0].capacity_providers = {"FARGATE", "FARGATE_SPOT"};
  ecsim::TaskDefinition td;
  td.family = "worker";
  td.revision = 1;
  td.network_mode = ecsim::NetworkMode::awsvpc;
  td.requires_compatibilities = {ecsim::LaunchType::fargate};
  td.cpu = 256;
  td.memory = 512;
  ecsim::ContainerDefinition c;
  c.name = "worker";
  c.image = "worker:1";
  td.container_definitions.push_back(c);
  sc.task_definitions.push_back(td);
  ecsim::ServiceSpec svc;
  svc.service_name = "worker";
  svc.cluster = "bench";
  svc.task_definition = "worker:1";
  svc.desired_count = tasks;
  ecsim::CapacityProviderStrategyItem spot;
  spot.capacity_provider = "FARGATE_SPOT";
  spot.weight = 1;
  svc.capacity_provider_strategy = {spot};
  sc.services.push_back(svc);
  ecsim::BehaviorSpec b;
  b.task_definition = "worker";
  b.image_pull = ecsim::DurationDistribution{.distribution = ecsim::DistributionKind::lognormal,
                                             .median = ecsim::Millis{20s}, .sigma = 0.4};
  sc.behavior.push_back(b);
  ecsim::FaultSpec f;
  f.type = ecsim::FaultType::spot_interruptions;
  f.capacity_provider = "FARGATE_SPOT";
  f.rate_per_task_hour = 0.05;
  sc.faults.push_back(f);
  return sc;
}

void BM_SpotFleet(benchmark::State& state) {
  std::int64_t interruptions = 0;
  ecsim_bench::run_each_iteration(state, spot_fleet(static_cast<int>(state.range(0))), {},
                                  [&](const ecsim::Simulation& sim) {
                                    interruptions += sim.summary().services[0].second.spot_interruptions;
                                  });
  state.counters["interruptions"] = static_cast<double>(interruptions) / static_cast<double>(state.iterations());
}

}  // namespace

BENCHMARK(BM_SpotFleet)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
