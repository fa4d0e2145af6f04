// The discrete-event model that bench/simpy_compare.py implements in SimPy 3,
// on ecsim's Engine, EventQueue and Rng, so the two can be timed on the same
// workload (bench/README.md, "ecsim vs SimPy").
//
// Model: 100,000 tasks arrive as a Poisson process (100 per second); each
// needs 1, 2 or 4 CPU units (equally likely) for an exponential lifetime
// (mean 75 s). 1,000 hosts of 16 units each; a task goes to the first host,
// in id order, with enough free units, and is rejected when none has them.
// Offered load: 100/s x 75 s x 7/3 units = 17,500 units on 16,000 (109 %), so the
// cluster runs full and a few per cent of tasks are rejected.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "ecsim/core/engine.hpp"
#include "ecsim/core/rng.hpp"
#include "ecsim/core/time.hpp"

namespace {

enum class DesKind : std::uint16_t { arrival, departure };

/// The model's fixed parameters (the SimPy script uses the same numbers).
struct DesParams {
  std::uint32_t tasks = 100'000;
  double arrivals_per_second = 100.0;
  double mean_lifetime_seconds = 75.0;
  std::uint32_t hosts = 1'000;
  int host_units = 16;
};

/// What one run yields; the counts are comparable with SimPy's.
struct DesResult {
  std::uint32_t placed = 0;
  std::uint32_t rejected = 0;
  std::uint64_t events = 0;
  double utilisation = 0;  // time-averaged used units / capacity, up to the last arrival
};

/// Exponential draw in whole milliseconds (virtual time is integer ms).
ecsim::Millis exp_millis(ecsim::Rng& rng, double mean_seconds) {
  return ecsim::Millis{std::llround(rng.exponential(1.0 / mean_seconds) * 1000.0)};
}

DesResult run_model(const DesParams& p, std::uint64_t seed) {
  ecsim::Engine<DesKind> engine;
  engine.queue().reserve(p.hosts * static_cast<std::size_t>(p.host_units) + 16);
  ecsim::Rng arrivals = ecsim::Rng::stream(seed, ecsim::RngStream::workload);
  ecsim::Rng tasks = ecsim::Rng::stream(seed, ecsim::RngStream::startup);
  std::vector<int> free_units(p.hosts, p.host_units);
  static constexpr int sizes[] = {1, 2, 4};
  DesResult r;
  std::uint32_t arrived = 0;
  std::int64_t used = 0;
  double used_ms = 0;  // integral of used units over virtual time so far
  ecsim::SimTime last_change = ecsim::sim_start;
  auto account = [&](ecsim::SimTime now) {
    used_ms += static_cast<double>(used) * static_cast<double>((now - last_change).count());
    last_change = now;
  };

  auto handler = [&](ecsim::Engine<DesKind>& e, const ecsim::Event<DesKind>& ev) {
    account(e.now());
    if (ev.kind == DesKind::departure) {
      free_units[ev.subject] += static_cast<int>(ev.payload);
      used -= ev.payload;
      return;
    }
    const int size = sizes[tasks.uniform_int(3)];
    const ecsim::Millis life = exp_millis(tasks, p.mean_lifetime_seconds);
    std::uint32_t host = 0;
    while (host < p.hosts && free_units[host] < size) ++host;  // first fit
    if (host < p.hosts) {
      free_units[host] -= size;
      used += size;
      ++r.placed;
      e.schedule_in(life, DesKind::departure, host, static_cast<std::uint32_t>(size));
    } else {
      ++r.rejected;
    }
    if (++arrived < p.tasks) {
      e.schedule_in(exp_millis(arrivals, 1.0 / p.arrivals_per_second), DesKind::arrival, 0);
    } else {
      // Utilisation is measured up to the last arrival, as in the SimPy script:
      // afterwards the cluster only drains.
      r.utilisation = used_ms / (static_cast<double>(p.hosts) * p.host_units *
                                 static_cast<double>((e.now() - ecsim::sim_start).count()));
    }
  };

  engine.schedule(ecsim::sim_start, DesKind::arrival, 0);
  r.events = engine.run(handler);
  return r;
}

}  // namespace

// One iteration = the whole model: 100,000 arrivals and their departures.
// items_per_second = tasks per second of wall time.
static void BM_DesCompare_FirstFit(benchmark::State& state) {
  DesParams p;
  p.tasks = static_cast<std::uint32_t>(state.range(0));
  DesResult r;
  for (auto _ : state) {
    r = run_model(p, 1);  // same seed every iteration: the counters are reproducible
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(p.tasks));
  state.counters["placed"] = r.placed;
  state.counters["rejected"] = r.rejected;
  state.counters["events"] = static_cast<double>(r.events);
  state.counters["utilisation"] = r.utilisation;
}
BENCHMARK(BM_DesCompare_FirstFit)->Arg(100'000)->Unit(benchmark::kMillisecond);
