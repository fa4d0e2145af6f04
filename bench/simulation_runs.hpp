#pragma once
// What the whole-simulation benchmarks share: a scenario skeleton (one
// cluster over three zones) and the timed loop, which builds a fresh
// Simulation per iteration outside the timing and reports engine events/s.
#include <ecsim/simulation.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace ecsim_bench {

/// Seed 1, metrics every minute, cluster `cluster` in us-east-1a/b/c.
inline ecsim::Scenario scenario_skeleton(std::string name, ecsim::Millis duration, std::string cluster) {
  ecsim::Scenario sc;
  sc.name = std::move(name);
  sc.simulation.duration = duration;
  sc.simulation.metrics_interval = ecsim::Millis{60'000};
  sc.simulation.seed = 1;
  ecsim::ClusterSpec c;
  c.cluster_name = std::move(cluster);
  c.availability_zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  sc.clusters.push_back(c);
  return sc;
}

/// Times sim.run() of sc once per iteration; items_per_second = events/s and
/// the `events` counter = events per run. after(sim) runs untimed after each
/// run, for counters of the benchmark's own.
template <class AfterRun>
void run_each_iteration(benchmark::State& state, const ecsim::Scenario& sc, const ecsim::EcsAssumptions& assumptions,
                        AfterRun&& after) {
  std::uint64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ecsim::Simulation sim(sc, assumptions);
    state.ResumeTiming();
    sim.run();
    events += sim.events_processed();
    benchmark::DoNotOptimize(sim.now());
    state.PauseTiming();
    after(sim);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}

}  // namespace ecsim_bench
