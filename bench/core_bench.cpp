// Event queue throughput in the "hold" pattern of a discrete-event simulation:
// a steady pending set where each fired event schedules a later one.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>

#include "ecsim/core/event_queue.hpp"
#include "ecsim/core/time.hpp"

namespace {

enum class BenchKind : std::uint16_t { tick };
using Queue = ecsim::EventQueue<BenchKind>;

/// xorshift64*: a few cycles per number, so the generator does not dominate the timing.
struct XorShift {
  std::uint64_t state;
  std::uint64_t next() noexcept {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
  }
  /// A delay in [0, ~17.5 min): spread wide enough that new events land all over the heap.
  ecsim::Millis delay() noexcept { return ecsim::Millis{static_cast<std::int64_t>(next() >> 44)}; }
};

/// N pending events at random times in the same range as the delays.
void fill(Queue& q, XorShift& rng, std::int64_t n) {
  q.reserve(static_cast<std::size_t>(2 * n + 16));
  for (std::int64_t i = 0; i < n; ++i) {
    q.push(ecsim::sim_start + rng.delay(), BenchKind::tick, static_cast<std::uint32_t>(i));
  }
}

// One iteration = pop the earliest event + push its successor.
void BM_EventQueue_PushPop(benchmark::State& state) {
  Queue q;
  XorShift rng{0x9E3779B97F4A7C15ULL};
  fill(q, rng, state.range(0));
  for (auto _ : state) {
    const auto ev = q.pop();
    benchmark::DoNotOptimize(ev);
    q.push(ev->at + rng.delay(), ev->kind, ev->subject);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueue_PushPop)->Arg(1'000)->Arg(1'000'000);

// As PushPop, plus one extra push and one cancel per iteration, so cancellation
// and lazy deletion (dead entries reaching the top, compaction) are in the cost.
// The victim is a random recent handle from a ring; if it already fired, the
// extra event is cancelled instead, which keeps exactly N events pending.
void BM_EventQueue_PushPopCancel(benchmark::State& state) {
  Queue q;
  XorShift rng{0xD1B54A32D192ED03ULL};
  fill(q, rng, state.range(0));
  constexpr std::size_t ring_size = 256;
  std::array<ecsim::EventHandle, ring_size> ring{};
  for (auto& h : ring) h = q.push(ecsim::sim_start + rng.delay(), BenchKind::tick, 0);
  for (std::size_t i = 0; i < ring_size; ++i) q.pop();  // back to N pending
  for (auto _ : state) {
    const auto ev = q.pop();
    benchmark::DoNotOptimize(ev);
    const ecsim::EventHandle next = q.push(ev->at + rng.delay(), ev->kind, ev->subject);
    const ecsim::EventHandle extra = q.push(ev->at + rng.delay(), ev->kind, ev->subject);
    ecsim::EventHandle& victim = ring[rng.next() & (ring_size - 1)];
    if (!q.cancel(victim)) q.cancel(extra);
    victim = next;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueue_PushPopCancel)->Arg(1'000)->Arg(1'000'000);

}  // namespace
