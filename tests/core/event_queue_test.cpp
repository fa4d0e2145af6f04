#include "ecsim/core/event_queue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ecsim::detail {
/// Reaches the queue's internals that no public call exposes.
struct EventQueueTestPeer {
  template <class K>
  static std::size_t stored_entries(const EventQueue<K>& q) {
    std::size_t n = q.early_.size();
    for (const auto& bucket : q.buckets_) n += bucket.size();
    return n - q.front_;  // bucket 0 keeps its popped entries until it is used up
  }
};
}  // namespace ecsim::detail

namespace {

using ecsim::Event;
using ecsim::EventHandle;
using ecsim::Millis;
using ecsim::SimTime;
using Peer = ecsim::detail::EventQueueTestPeer;

enum class Kind : std::uint16_t { arrive, depart };
using Queue = ecsim::EventQueue<Kind>;

SimTime at_ms(std::int64_t ms) { return SimTime{Millis{ms}}; }

/// Tiny deterministic generator (Knuth's MMIX LCG), so the sequences never depend on a library.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }
};

/// Pops everything, returning the subjects in pop order.
std::vector<std::uint32_t> drain_subjects(Queue& q) {
  std::vector<std::uint32_t> out;
  while (auto ev = q.pop()) out.push_back(ev->subject);
  return out;
}

}  // namespace

TEST_CASE("equal-time events pop in insertion order") {
  Queue q;
  q.push(at_ms(500), Kind::arrive, 1);
  q.push(at_ms(500), Kind::depart, 2);
  q.push(at_ms(100), Kind::arrive, 3);
  q.push(at_ms(500), Kind::arrive, 4);
  q.push(at_ms(100), Kind::depart, 5);
  CHECK(drain_subjects(q) == std::vector<std::uint32_t>{3, 5, 1, 2, 4});
}

TEST_CASE("pop returns the event as pushed, with its insertion sequence number") {
  Queue q;
  q.push(at_ms(20), Kind::arrive, 7, 70);
  q.push(at_ms(10), Kind::depart, 8, 80);
  CHECK(q.pop() == Event<Kind>{at_ms(10), 1, Kind::depart, 8, 80});
  CHECK(q.pop() == Event<Kind>{at_ms(20), 0, Kind::arrive, 7, 70});
  CHECK(q.pop() == std::nullopt);
}

TEST_CASE("events pop in time order for a random push pattern") {
  Queue q;
  Lcg rng{12345};
  std::vector<std::pair<std::int64_t, std::uint32_t>> reference;  // (time, subject)
  for (std::uint32_t i = 0; i < 10'000; ++i) {
    const std::int64_t t = rng.below(5'000);  // many ties
    q.push(at_ms(t), Kind::arrive, i);
    reference.emplace_back(t, i);
  }
  // A stable sort by time is exactly (time, insertion order).
  std::stable_sort(reference.begin(), reference.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<std::int64_t, std::uint32_t>> popped;
  while (auto ev = q.pop()) popped.emplace_back(ev->at.time_since_epoch().count(), ev->subject);
  CHECK(popped == reference);
}

TEST_CASE("a cancelled event never fires") {
  Queue q;
  q.push(at_ms(1), Kind::arrive, 1);
  const EventHandle h = q.push(at_ms(2), Kind::arrive, 2);
  q.push(at_ms(3), Kind::arrive, 3);
  CHECK(q.pending(h));
  CHECK(q.cancel(h));
  CHECK_FALSE(q.pending(h));
  CHECK(drain_subjects(q) == std::vector<std::uint32_t>{1, 3});
}

TEST_CASE("cancelling twice, a fired handle or a stale handle returns false and cancels nothing else") {
  Queue q;
  const EventHandle first = q.push(at_ms(10), Kind::arrive, 1);
  const EventHandle second = q.push(at_ms(20), Kind::arrive, 2);

  SUBCASE("twice") {
    CHECK(q.cancel(second));
    CHECK_FALSE(q.cancel(second));
    CHECK(q.size() == 1);
    CHECK(drain_subjects(q) == std::vector<std::uint32_t>{1});
  }
  SUBCASE("after it fired") {
    REQUIRE(q.pop()->subject == 1);
    CHECK_FALSE(q.pending(first));
    CHECK_FALSE(q.cancel(first));
    CHECK(q.size() == 1);
    CHECK(drain_subjects(q) == std::vector<std::uint32_t>{2});
  }
  SUBCASE("stale: its slot now holds a newer event") {
    REQUIRE(q.pop()->subject == 1);
    const EventHandle reused = q.push(at_ms(30), Kind::arrive, 3);
    REQUIRE(reused.slot == first.slot);  // the freed slot is reused first
    CHECK_FALSE(q.cancel(first));
    CHECK(q.pending(reused));
    CHECK(drain_subjects(q) == std::vector<std::uint32_t>{2, 3});
  }
  SUBCASE("never issued") {
    CHECK_FALSE(q.cancel(EventHandle{}));
    CHECK_FALSE(q.cancel(EventHandle{99, 1}));
    CHECK_FALSE(q.pending(EventHandle{}));
    CHECK(drain_subjects(q) == std::vector<std::uint32_t>{1, 2});
  }
}

TEST_CASE("size counts live events only") {
  Queue q;
  CHECK(q.empty());
  const EventHandle a = q.push(at_ms(5), Kind::arrive, 1);
  q.push(at_ms(6), Kind::arrive, 2);
  q.push(at_ms(7), Kind::arrive, 3);
  CHECK(q.size() == 3);
  q.cancel(a);
  CHECK(q.size() == 2);
  q.pop();
  CHECK(q.size() == 1);
  CHECK_FALSE(q.empty());
  q.pop();
  CHECK(q.size() == 0);
  CHECK(q.empty());
}

TEST_CASE("next_time skips cancelled events") {
  Queue q;
  CHECK(q.next_time() == std::nullopt);
  const EventHandle a = q.push(at_ms(100), Kind::arrive, 1);
  const EventHandle b = q.push(at_ms(200), Kind::arrive, 2);
  q.push(at_ms(300), Kind::arrive, 3);
  CHECK(q.next_time() == at_ms(100));
  q.cancel(a);
  q.cancel(b);
  CHECK(q.next_time() == at_ms(300));
  CHECK(q.pop()->subject == 3);
  CHECK(q.next_time() == std::nullopt);
}

TEST_CASE("cancelled entries never outnumber live ones in the heap") {
  Queue q;
  std::vector<EventHandle> handles;
  for (std::uint32_t i = 0; i < 1'000; ++i) handles.push_back(q.push(at_ms(i), Kind::arrive, i));
  // Cancel the latest 900: lazy deletion alone would keep them all until the end.
  for (std::uint32_t i = 100; i < 1'000; ++i) {
    REQUIRE(q.cancel(handles[i]));
    CHECK(Peer::stored_entries(q) <= 2 * q.size() + 1);
  }
  CHECK(q.size() == 100);
  std::vector<std::uint32_t> expected(100);
  for (std::uint32_t i = 0; i < 100; ++i) expected[i] = i;
  CHECK(drain_subjects(q) == expected);
}

TEST_CASE("clear drops all events and makes their handles stale") {
  Queue q;
  const EventHandle a = q.push(at_ms(1), Kind::arrive, 1);
  q.push(at_ms(2), Kind::arrive, 2);
  q.clear();
  CHECK(q.empty());
  CHECK(q.pop() == std::nullopt);
  const EventHandle b = q.push(at_ms(3), Kind::depart, 3);
  CHECK(b.slot == a.slot);
  CHECK_FALSE(q.pending(a));
  CHECK_FALSE(q.cancel(a));
  CHECK(drain_subjects(q) == std::vector<std::uint32_t>{3});
}

namespace {

/// Runs 100k random pushes, pops and cancels against a std::multimap reference;
/// push_time(now, rng) picks each push's time from the last popped time.
template <class PushTime>
void check_against_reference(PushTime push_time) {
  Queue q;
  q.reserve(64);
  Lcg rng{2024};
  using Key = std::pair<std::int64_t, std::uint64_t>;  // (time, push order)
  std::map<Key, std::uint32_t> reference;               // -> subject
  struct Issued {
    EventHandle handle;
    Key key;
  };
  std::vector<Issued> issued;
  std::int64_t now = 0;
  std::uint64_t pushes = 0;
  std::uint64_t pops = 0;
  std::uint64_t cancels = 0;
  bool same = true;
  for (int op = 0; op < 100'000 && same; ++op) {
    const std::uint32_t r = rng.below(100);
    if (r < 45) {
      const std::int64_t t = push_time(now, rng);
      const Key key{t, pushes++};
      const auto subject = static_cast<std::uint32_t>(op);
      issued.push_back({q.push(at_ms(t), Kind::arrive, subject), key});
      reference.emplace(key, subject);
    } else if (r < 80) {
      const std::optional<Event<Kind>> ev = q.pop();
      if (reference.empty()) {
        same = !ev.has_value();
      } else {
        const auto first = reference.begin();
        same = ev.has_value() && ev->at == at_ms(first->first.first) &&
               ev->seq == first->first.second && ev->subject == first->second;
        now = first->first.first;
        reference.erase(first);
        ++pops;
      }
    } else if (!issued.empty()) {  // any handle ever issued: live, fired, cancelled or stale
      const Issued& pick = issued[rng.below(static_cast<std::uint32_t>(issued.size()))];
      const bool expected = reference.erase(pick.key) == 1;
      same = q.cancel(pick.handle) == expected;
      cancels += expected ? 1 : 0;
    }
    same = same && q.size() == reference.size();
    if (same && !reference.empty()) same = q.next_time() == at_ms(reference.begin()->first.first);
  }
  CHECK(same);
  CHECK(pops > 30'000);
  CHECK(cancels > 1'000);
  std::vector<std::uint32_t> rest;
  for (const auto& [key, subject] : reference) rest.push_back(subject);
  CHECK(drain_subjects(q) == rest);
}

}  // namespace

TEST_CASE("interleaved push, pop and cancel match a multimap reference over 100k operations") {
  // At or after the last popped time, as a simulation pushes.
  check_against_reference([](std::int64_t now, Lcg& rng) { return now + rng.below(200); });
}

TEST_CASE("pushes before the queue's minimum, even before the last pop, still pop in (time, push) order") {
  // next_time() may have moved the queue's minimum ahead of the clock; a push
  // between the two (a sample peeking, then scheduling) must still come first.
  check_against_reference(
      [](std::int64_t now, Lcg& rng) { return now - 300 + static_cast<std::int64_t>(rng.below(600)); });
}

TEST_CASE("events from a millisecond to years ahead, mixed, pop in (time, push) order") {
  // Delays of every size, so entries wait at every level of the queue's buckets.
  check_against_reference([](std::int64_t now, Lcg& rng) {
    const std::uint32_t magnitude = rng.below(40);  // up to 2^40 ms, about 35 years
    return now + static_cast<std::int64_t>((std::uint64_t{rng.next()} << 8) % (std::uint64_t{1} << magnitude | 1));
  });
}

TEST_CASE("an event pushed after a peek, before the peeked time, pops first and in push order") {
  Queue q;
  q.push(at_ms(10), Kind::arrive, 1);
  CHECK(q.pop()->subject == 1);
  q.push(at_ms(5'000), Kind::arrive, 2);
  CHECK(q.next_time() == at_ms(5'000));
  q.push(at_ms(60), Kind::depart, 3);
  q.push(at_ms(60), Kind::depart, 4);
  q.push(at_ms(5'000), Kind::depart, 5);
  CHECK(q.next_time() == at_ms(60));
  CHECK(drain_subjects(q) == std::vector<std::uint32_t>{3, 4, 2, 5});
}
