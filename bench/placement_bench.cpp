// Placement core benchmarks: placements per second (items_per_second) on
// clusters of 1,000 to 1,000,000 instances, against the naive scan baseline.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ecsim/core/rng.hpp"
#include "ecsim/placement/placer.hpp"
#include "ecsim/placement/trace_replay.hpp"

using namespace ecsim;

namespace {

// Two instance types in three AZs, alternating, so memberOf on a type keeps half.
struct Workload {
  ClusterState state;
  Placer placer{state, 1};
  PolicyId policy{};
  TaskGroupId group{};
  std::vector<DemandId> sequence;  // task sizes, fixed seed
  std::uint32_t instances = 0;
};

// tasks: length of the task-size sequence; task_ids: how many task ids the run uses.
void build(Workload& w, std::uint32_t instances, const PlacementPolicy& policy, std::uint32_t tasks,
           std::uint32_t task_ids) {
  static const char* zones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};
  w.instances = instances;
  w.state.reserve_instances(instances);
  w.state.reserve_tasks(task_ids);
  for (std::uint32_t i = 0; i < instances; ++i) {
    InstanceSpec spec;
    const bool m5 = i % 2 == 0;
    spec.instance_type = m5 ? "m5.4xlarge" : "c5.4xlarge";
    spec.availability_zone = zones[i % 3];
    spec.cpu_units = 16384;
    spec.memory_mib = m5 ? 63488 : 31232;
    spec.ec2_instance_id = "i-" + std::to_string(i);
    w.state.register_instance(spec);
  }
  // Mixed task sizes: 4 CPU sizes x 4 memory sizes, drawn with a fixed seed.
  std::vector<DemandId> demands;
  for (const int cpu : {256, 512, 1024, 2048})
    for (const int mem : {512, 1024, 2048, 4096}) demands.push_back(w.state.add_demand(simple_demand(cpu, mem)));
  Rng rng(12345);
  w.sequence.resize(tasks);
  for (auto& d : w.sequence) d = demands[rng.uniform_int(demands.size())];
  w.policy = w.placer.add_policy(policy);
  w.group = w.state.group("service:bench");
}

void report(benchmark::State& state, Workload& w, std::int64_t placements) {
  state.SetItemsProcessed(placements);
  state.counters["bytes_per_instance"] =
      static_cast<double>(w.state.instance_bytes()) / static_cast<double>(w.instances);
}

// Places `tasks` tasks per iteration into the cluster; releases them outside
// the timed region so every iteration starts from the same state.
void run_fill(benchmark::State& state, const PlacementPolicy& policy, std::uint32_t tasks_per_instance,
              bool naive) {
  const auto instances = static_cast<std::uint32_t>(state.range(0));
  std::uint32_t tasks = std::min<std::uint32_t>(1'000'000, tasks_per_instance * instances);
  // The scan costs O(instances) per task; fewer tasks keep the baseline's run short.
  if (naive) tasks = std::min<std::uint32_t>(tasks, instances >= 100'000 ? 300 : 20'000);
  Workload w;
  build(w, instances, policy, tasks, tasks);
  std::int64_t placed = 0;
  std::int64_t failed = 0;
  double bytes_per_task = 0;
  for (auto _ : state) {
    for (std::uint32_t t = 0; t < tasks; ++t) {
      const DemandId d = w.sequence[t];
      const PlacementResult r = naive ? w.placer.choose_by_scan(d, w.group, w.policy)
                                      : w.placer.choose(d, w.group, w.policy);
      benchmark::DoNotOptimize(r);
      if (r) {
        w.state.commit(make_id<TaskId>(t), *r, d, w.group);
        ++placed;
      } else {
        ++failed;
      }
    }
    state.PauseTiming();
    bytes_per_task = static_cast<double>(w.state.task_bytes()) / std::max<double>(1, w.state.live_tasks());
    for (std::uint32_t t = 0; t < tasks; ++t)
      if (w.state.instance_of(make_id<TaskId>(t)) != invalid_id<InstanceId>) w.placer.release(make_id<TaskId>(t));
    state.ResumeTiming();
  }
  report(state, w, placed + failed);
  state.counters["bytes_per_task"] = bytes_per_task;
  state.counters["failed"] = static_cast<double>(failed);
}

PlacementPolicy binpack_memory() { return {{{StrategyType::binpack, "memory"}}, {}}; }

}  // namespace

static void BM_Place_Binpack(benchmark::State& state) { run_fill(state, binpack_memory(), 12, false); }

static void BM_Place_NaiveBinpack(benchmark::State& state) { run_fill(state, binpack_memory(), 12, true); }

static void BM_Place_SpreadBinpack(benchmark::State& state) {
  run_fill(state, {{{StrategyType::spread, "attribute:ecs.availability-zone"}, {StrategyType::binpack, "memory"}}, {}},
           12, false);
}

static void BM_Place_MemberOf(benchmark::State& state) {
  run_fill(state,
           {{{StrategyType::binpack, "memory"}}, {{ConstraintType::member_of, "attribute:ecs.instance-type =~ m5.*"}}},
           6, false);
}

// Steady state: the cluster holds ~6 tasks per instance; each step releases a
// random live task and places a new one in its place (same task id, next size).
static void BM_Place_Churn(benchmark::State& state) {
  const auto instances = static_cast<std::uint32_t>(state.range(0));
  const std::uint32_t live = std::min<std::uint32_t>(500'000, 6 * instances);
  constexpr std::uint32_t steps = 200'000;
  Workload w;
  build(w, instances, binpack_memory(), live + steps, live);
  std::vector<std::uint8_t> placed(live, 0);
  for (std::uint32_t t = 0; t < live; ++t)
    placed[t] = w.placer.place(make_id<TaskId>(t), w.sequence[t], w.group, w.policy) ? 1 : 0;
  Rng rng(777);
  std::vector<std::uint32_t> victims(steps);
  for (auto& v : victims) v = static_cast<std::uint32_t>(rng.uniform_int(live));
  std::uint32_t size_cursor = live;
  std::int64_t placements = 0;
  for (auto _ : state) {
    for (std::uint32_t s = 0; s < steps; ++s) {
      const std::uint32_t t = victims[s];
      if (placed[t] != 0) w.placer.release(make_id<TaskId>(t));
      const DemandId d = w.sequence[size_cursor];
      if (++size_cursor == live + steps) size_cursor = 0;
      const PlacementResult r = w.placer.place(make_id<TaskId>(t), d, w.group, w.policy);
      benchmark::DoNotOptimize(r);
      placed[t] = r ? 1 : 0;
      ++placements;
    }
  }
  report(state, w, placements);
  state.counters["bytes_per_task"] =
      static_cast<double>(w.state.task_bytes()) / std::max<double>(1, w.state.live_tasks());
}

static void BM_Replay_Alibaba(benchmark::State& state, PlacementPolicy policy) {
  // The trace ships in the source tree, two levels above this file.
  const std::filesystem::path dir =
      std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "traces" / "alibaba-openb";
  if (!std::filesystem::exists(dir / "pods.csv")) {
    state.SkipWithError("data/traces/alibaba-openb not found next to the sources");
    return;
  }
  const Trace trace = load_alibaba_trace(dir.string());
  std::int64_t tasks = 0;
  for (auto _ : state) {
    const ReplayResult r = replay_trace(trace, policy, 42, 10);
    benchmark::DoNotOptimize(r);
    tasks += r.placed + r.failed;
  }
  state.SetItemsProcessed(tasks);
}

BENCHMARK(BM_Place_Binpack)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Place_SpreadBinpack)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Place_MemberOf)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Place_Churn)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Place_NaiveBinpack)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Replay_Alibaba, binpack_memory, PlacementPolicy{{{StrategyType::binpack, "memory"}}, {}})
    ->Unit(benchmark::kMillisecond);
