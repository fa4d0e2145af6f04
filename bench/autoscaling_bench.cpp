// A year of diurnal traffic on N target-tracking Fargate services: one
// CloudWatch tick per virtual minute evaluates every policy from exactly
// integrated datapoints, and the scheduler follows the scaling.
#include "simulation_runs.hpp"

#include <benchmark/benchmark.h>

#include <ecsim/simulation.hpp>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

ecsim::Scenario diurnal_year(int services) {
  ecsim::Scenario sc = ecsim_bench::scenario_skeleton("diurnal-year", ecsim::Millis{24h * 365}, "prod");
  sc.simulation.metrics_interval = ecsim::Millis{1h};  // 438 000 rows for 50 services
  for (int i = 0; i < services; ++i) {
    const std::string name = "svc-" + std::to_string(i);
    ecsim::TaskDefinition td;
    td.family = name;
    td.revision = 1;
    td.network_mode = ecsim::NetworkMode::awsvpc;
    td.requires_compatibilities = {ecsim::LaunchType::fargate};
    td.cpu = 512;
    td.memory = 1024;
    ecsim::ContainerDefinition c;
    c.name = name;
    c.image = name + ":1";
    td.container_definitions.push_back(c);
    sc.task_definitions.push_back(td);
    ecsim::ServiceSpec svc;
    svc.service_name = name;
    svc.cluster = "prod";
    svc.task_definition = name;
    svc.desired_count = 4;
    svc.launch_type = ecsim::LaunchType::fargate;
    ecsim::AutoScalingSpec as;
    as.min_capacity = 2;
    as.max_capacity = 40;
    ecsim::ScalingPolicy p;
    p.policy_name = "cpu60";
    ecsim::TargetTrackingScalingPolicyConfiguration cfg;
    cfg.target_value = 60;
    cfg.scale_out_cooldown = ecsim::Millis{60s};
    p.target_tracking_scaling_policy_configuration = cfg;
    as.policies.push_back(p);
    svc.auto_scaling = as;
    sc.services.push_back(svc);
    ecsim::BehaviorSpec b;
    b.task_definition = name;
    b.requests_per_second_per_task = 200;
    b.cpu_utilization = 5;
    sc.behavior.push_back(b);
    ecsim::WorkloadSpec w;
    w.service = name;
    w.requests_per_second.kind = ecsim::LoadModelKind::diurnal;
    w.requests_per_second.diurnal.min = 300 + 10 * i;
    w.requests_per_second.diurnal.max = 2400 + 20 * i;
    w.requests_per_second.diurnal.peak_at = ecsim::Millis{(10 + i % 8) * 3'600'000LL};
    w.noise.stddev = 0.05;
    sc.workloads.push_back(w);
  }
  return sc;
}

void BM_DiurnalYear(benchmark::State& state) {
  std::int64_t activities = 0;
  ecsim_bench::run_each_iteration(state, diurnal_year(static_cast<int>(state.range(0))), {},
                                  [&](const ecsim::Simulation& sim) {
                                    for (const auto& [name, s] : sim.summary().services) activities += s.scaling_activities;
                                  });
  state.counters["scalings"] = static_cast<double>(activities) / static_cast<double>(state.iterations());
}

}  // namespace

BENCHMARK(BM_DiurnalYear)->Arg(50)->Unit(benchmark::kSecond)->Iterations(1);
