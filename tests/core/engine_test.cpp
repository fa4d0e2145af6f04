#include "ecsim/core/engine.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <tuple>
#include <vector>

#include "ecsim/core/error.hpp"

using namespace std::chrono_literals;

namespace {

using ecsim::Event;
using ecsim::EventHandle;
using ecsim::Millis;
using ecsim::SimTime;

enum class Kind : std::uint16_t { tick, halt, cancel_next, note };
using Engine = ecsim::Engine<Kind>;
using Entry = std::tuple<std::int64_t, Kind, std::uint32_t>;  // (ms, kind, subject)

SimTime at(Millis d) { return ecsim::sim_start + d; }

/// Logs every event and reacts by kind: a tick reschedules itself every
/// payload ms, halt stops the run, cancel_next cancels the handle in `victim`.
struct Recorder {
  std::vector<Entry> log;
  EventHandle victim{};

  void operator()(Engine& e, const Event<Kind>& ev) {
    log.emplace_back(e.now().time_since_epoch().count(), ev.kind, ev.subject);
    switch (ev.kind) {
      case Kind::tick:
        e.schedule_in(Millis{ev.payload}, Kind::tick, ev.subject, ev.payload);
        break;
      case Kind::halt:
        e.stop();
        break;
      case Kind::cancel_next:
        e.cancel(victim);
        break;
      case Kind::note:
        break;
    }
  }
};

}  // namespace

TEST_CASE("two processes ticking every 3 s and 5 s interleave as in SimPy, ties in scheduling order") {
  // SimPy: env.process(clock(env, 'a', 3)); env.process(clock(env, 'b', 5)); env.run(until=15)
  // with events at exactly `until` included here (run_until's bound is inclusive).
  Engine engine;
  Recorder rec;
  engine.schedule(at(3s), Kind::tick, 0, 3'000);
  engine.schedule(at(5s), Kind::tick, 1, 5'000);
  CHECK(engine.run_until(at(15s), rec) == 8);
  // At 15 s process 1 goes first: its tick was scheduled at 10 s, process 0's at 12 s.
  CHECK(rec.log == std::vector<Entry>{{3'000, Kind::tick, 0},
                                      {5'000, Kind::tick, 1},
                                      {6'000, Kind::tick, 0},
                                      {9'000, Kind::tick, 0},
                                      {10'000, Kind::tick, 1},
                                      {12'000, Kind::tick, 0},
                                      {15'000, Kind::tick, 1},
                                      {15'000, Kind::tick, 0}});
  CHECK(engine.now() == at(15s));
  CHECK(engine.queue().size() == 2);
  CHECK(engine.queue().next_time() == at(18s));
}

TEST_CASE("run_until stops at the bound, leaves later events pending and sets now to the bound") {
  Engine engine;
  Recorder rec;
  engine.schedule(at(1s), Kind::note, 1);
  engine.schedule(at(2s), Kind::note, 2);
  engine.schedule(at(2s + 1ms), Kind::note, 3);
  engine.schedule(at(1h), Kind::note, 4);

  CHECK(engine.run_until(at(2s), rec) == 2);  // the event at exactly the bound fires
  CHECK(rec.log == std::vector<Entry>{{1'000, Kind::note, 1}, {2'000, Kind::note, 2}});
  CHECK(engine.now() == at(2s));
  CHECK(engine.queue().size() == 2);

  CHECK(engine.run_until(at(30min), rec) == 1);
  CHECK(engine.now() == at(30min));  // the clock moves to the bound with no event there
  CHECK(engine.run_until(at(30min), rec) == 0);
  CHECK(engine.events_processed() == 3);
  CHECK(engine.queue().size() == 1);
}

TEST_CASE("run fires events until the queue is empty and leaves now at the last event") {
  Engine engine;
  Recorder rec;
  engine.schedule(at(7s), Kind::note, 2);
  engine.schedule(at(4s), Kind::note, 1);
  CHECK(engine.run(rec) == 2);
  CHECK(rec.log == std::vector<Entry>{{4'000, Kind::note, 1}, {7'000, Kind::note, 2}});
  CHECK(engine.now() == at(7s));
  CHECK_FALSE(engine.stopped());
  CHECK(engine.events_processed() == 2);
}

TEST_CASE("stop from inside the handler halts the run after that event") {
  Engine engine;
  Recorder rec;
  engine.schedule(at(1s), Kind::note, 1);
  engine.schedule(at(2s), Kind::halt, 2);
  engine.schedule(at(3s), Kind::note, 3);

  SUBCASE("run") { CHECK(engine.run(rec) == 2); }
  SUBCASE("run_until") { CHECK(engine.run_until(at(10s), rec) == 2); }

  CHECK(engine.stopped());
  CHECK(engine.now() == at(2s));  // not moved on to the bound
  CHECK(engine.queue().size() == 1);
  // The next run starts afresh and picks up where the last one stopped.
  CHECK(engine.run(rec) == 1);
  CHECK_FALSE(engine.stopped());
  CHECK(rec.log == std::vector<Entry>{{1'000, Kind::note, 1}, {2'000, Kind::halt, 2},
                                      {3'000, Kind::note, 3}});
}

TEST_CASE("a handler can cancel an event that has not fired yet") {
  Engine engine;
  Recorder rec;
  engine.schedule(at(1s), Kind::cancel_next, 1);
  rec.victim = engine.schedule(at(5s), Kind::note, 2);
  engine.schedule(at(9s), Kind::note, 3);
  CHECK(engine.run(rec) == 2);
  CHECK(rec.log == std::vector<Entry>{{1'000, Kind::cancel_next, 1}, {9'000, Kind::note, 3}});
  CHECK_FALSE(engine.cancel(rec.victim));
}

TEST_CASE("step fires one event at a time and returns false on an empty queue") {
  Engine engine;
  Recorder rec;
  CHECK_FALSE(engine.step(rec));
  CHECK(engine.now() == ecsim::sim_start);
  engine.schedule_in(250ms, Kind::note, 5);
  CHECK(engine.step(rec));
  CHECK(engine.now() == at(250ms));
  CHECK_FALSE(engine.step(rec));
  CHECK(engine.now() == at(250ms));
  CHECK(rec.log == std::vector<Entry>{{250, Kind::note, 5}});
}

TEST_CASE("scheduling before now throws and changes nothing") {
  Engine engine;
  Recorder rec;
  engine.schedule(at(10s), Kind::note, 1);
  engine.run_until(at(10s), rec);
  CHECK_THROWS_WITH_AS(engine.schedule(at(9s), Kind::note, 2),
                       "cannot schedule an event at 9s: that is before the current time 10s",
                       ecsim::Error);
  CHECK_THROWS_WITH_AS(engine.schedule_in(-1ms, Kind::note, 2),
                       "cannot schedule an event with a negative delay (-1ms)", ecsim::Error);
  CHECK_THROWS_AS(engine.schedule_in(Millis::max(), Kind::note, 2), ecsim::Error);
  CHECK(engine.queue().empty());
  // Now itself is allowed: it fires in this same instant, after what is already queued.
  engine.schedule(at(10s), Kind::note, 3);
  CHECK(engine.run(rec) == 1);
}

TEST_CASE("run_until a time before now throws") {
  Engine engine;
  Recorder rec;
  engine.run_until(at(1min), rec);
  CHECK_THROWS_WITH_AS(engine.run_until(at(30s), rec),
                       "cannot run until 30s: that is before the current time 1m", ecsim::Error);
  CHECK(engine.now() == at(1min));
}
