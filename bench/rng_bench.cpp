// Cost of one draw from the deterministic generator and its distributions.
#include <benchmark/benchmark.h>

#include "ecsim/core/rng.hpp"

namespace {

void BM_Rng_Next(benchmark::State& state) {
  ecsim::Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.next());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rng_Next);

void BM_Rng_Exponential(benchmark::State& state) {
  ecsim::Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.exponential(2.0));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rng_Exponential);

// Averages over the cached-spare and fresh-pair calls of the polar method.
void BM_Rng_Normal(benchmark::State& state) {
  ecsim::Rng rng(42);
  for (auto _ : state) benchmark::DoNotOptimize(rng.normal(3.0, 2.0));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rng_Normal);

}  // namespace
