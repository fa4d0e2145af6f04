#pragma once
/// The pending-event set of the simulation: a radix heap over (time, insertion
/// sequence), with O(1) cancellation through generation-checked handles.
///
/// Virtual time never goes back, which is what a radix heap needs: entries sit
/// in buckets by the highest base-256 digit in which their time differs from
/// the last minimum (and their value of that digit), and move only towards
/// bucket 0, at most once per digit: twice for an event minutes ahead. Pushes append and
/// pops read bucket vectors in order, and an entry carries its whole event, so
/// a pop touches no per-event table: a queue of millions of events costs
/// sequential memory traffic, not a cache miss per level of a tree.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "ecsim/core/time.hpp"

namespace ecsim {

/// Names one scheduled event. The generation makes a handle go stale once its
/// event fires or is cancelled, even after the slot is reused by a new event.
/// A value-initialised handle never names an event.
struct EventHandle {
  std::uint32_t slot = 0;        ///< index into the queue's slot table
  std::uint32_t generation = 0;  ///< matches the slot's generation while the event is pending

  /// Same slot and generation.
  friend bool operator==(const EventHandle&, const EventHandle&) = default;
};

/// A fired event. Larger payloads live in per-kind side tables; payload is then their index.
template <class Kind>
struct Event {
  SimTime at;               ///< when it fires
  std::uint64_t seq;        ///< insertion counter: breaks ties between equal times, FIFO
  Kind kind;                ///< what happens; the handler switches on it
  std::uint32_t subject;    ///< the id it happens to (task, instance, service...)
  std::uint32_t payload;    ///< kind-specific extra value or side-table index

  /// Field-wise equality, for traces and tests.
  friend bool operator==(const Event&, const Event&) = default;
};

namespace detail {

struct EventQueueTestPeer;  // lets tests count the stored entries

/// Maps a time to an unsigned key with the same order (sign bit flipped).
inline std::uint64_t time_key(SimTime at) noexcept {
  return static_cast<std::uint64_t>(at.time_since_epoch().count()) ^ (std::uint64_t{1} << 63);
}

/// The time a time_key came from.
inline SimTime key_time(std::uint64_t key) noexcept {
  return SimTime{Millis{static_cast<std::int64_t>(key ^ (std::uint64_t{1} << 63))}};
}

}  // namespace detail

/// Pending events, popped earliest (time, seq) first; equal times pop in push order,
/// which keeps runs deterministic. Kind is the caller's event enum.
///
/// Any time may be pushed, but the queue is fast for a simulation's pattern:
/// pushes at or after the time of the current minimum. Cancellation is lazy:
/// cancel() clears the slot's live bit and the entry is dropped when it is
/// reached, or when dead entries outnumber live ones (then every bucket is
/// compacted, so memory stays within twice the live count). Handles stay valid
/// across pushes, pops and reserve(); clear() makes every handle stale.
template <class Kind>
class EventQueue {
 public:
  static_assert(std::is_enum_v<Kind>, "Kind must be an event enum");
  static_assert(std::is_trivially_copyable_v<Event<Kind>>,
                "events are copied around the buckets; they must stay trivially copyable");

  /// Schedules an event; amortised O(1) at or after the time of the queue's
  /// minimum, O(log n) before it (see early_). Allocates only while the slot
  /// table or a bucket grows past its peak.
  EventHandle push(SimTime at, Kind kind, std::uint32_t subject, std::uint32_t payload = 0) {
    const std::uint64_t key = detail::time_key(at);
    const bool early = key < last_;
    const std::size_t b = early ? 0 : bucket_of(key);
    Bucket& bucket = early ? early_ : buckets_[b];
    // Allocate first, so a bad_alloc leaves the queue as it was.
    if (bucket.size() == bucket.capacity()) bucket.reserve(std::max<std::size_t>(16, 2 * bucket.size()));
    if (free_slots_.empty()) grow_slots();
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    // A slot's generation moves on when it is taken, so every handle it gave
    // out before is stale; pop and cancel only clear the live bit.
    std::uint32_t& generation = generations_[slot];
    if (++generation == 0) generation = 1;  // 0 is reserved for value-initialised handles
    set_live(slot, true);
    // Bucket 0 holds the minimum's time in push order; a new seq is the largest.
    bucket.push_back(Entry{key, next_seq_++, subject, payload, slot, kind});
    if (early) {
      std::push_heap(early_.begin(), early_.end(), later);
    } else if (b > 0) {
      mark_occupied(b);
    }
    ++live_;
    return EventHandle{slot, generation};
  }

  /// Cancels a pending event in O(1); false if it already fired, was cancelled,
  /// or the handle is stale (its slot now holds another event, which stays untouched).
  bool cancel(EventHandle h) noexcept {
    if (!pending(h)) return false;
    set_live(h.slot, false);
    --live_;
    ++dead_;
    if (dead_ > live_) compact();
    return true;
  }

  /// True while the event h names is scheduled and not yet fired or cancelled.
  bool pending(EventHandle h) const noexcept {
    return h.slot < generations_.size() && is_live(h.slot) && generations_[h.slot] == h.generation;
  }

  /// Removes and returns the earliest live event; nullopt when none is left.
  std::optional<Event<Kind>> pop() {
    return pop([](const Event<Kind>&) noexcept {});
  }

  /// As pop(), and calls prefetch(e) for the event after it, when the queue
  /// can tell cheaply which one that is: what the next handler will touch
  /// (e.g. its subject's row) then loads while this event is handled.
  template <class Prefetch>
  std::optional<Event<Kind>> pop(Prefetch&& prefetch) {
    const Entry* first = settle_front();
    if (first == nullptr) return std::nullopt;
    const Entry top = *first;
    if (first == early_.data()) {
      std::pop_heap(early_.begin(), early_.end(), later);
      early_.pop_back();
    } else {
      ++front_;
    }
    set_live(top.slot, false);
    --live_;
    free_slots_.push_back(top.slot);
#if defined(__GNUC__)
    // The free list is LIFO: the handler's next push takes this slot and bumps
    // its generation, untouched since the slot's last push. Load it now.
    __builtin_prefetch(&generations_[top.slot], 1);
#endif
    if (const Entry* next = likely_next(); next != nullptr) prefetch(event_of(*next));
    return event_of(top);
  }

  /// Time of the earliest live event, nullopt when none; drops cancelled entries it passes.
  std::optional<SimTime> next_time() {
    const Entry* first = settle_front();
    if (first == nullptr) return std::nullopt;
    return detail::key_time(first->key);
  }

  /// Number of live (pending, not cancelled) events.
  std::size_t size() const noexcept { return live_; }

  /// True when no live event is pending.
  bool empty() const noexcept { return live_ == 0; }

  /// Makes room for n pending events in the slot table (buckets size themselves).
  void reserve(std::size_t n) {
    generations_.reserve(n);
    live_bits_.reserve(n / 64 + 1);
    free_slots_.reserve(n + 1);
  }

  /// Drops every event and makes every outstanding handle stale; keeps capacity.
  void clear() noexcept {
    std::fill(live_bits_.begin(), live_bits_.end(), std::uint64_t{0});
    for (Bucket& b : buckets_) b.clear();
    early_.clear();
    occupied_levels_ = 0;
    occupied_digits_ = {};
    front_ = 0;
    last_ = 0;
    free_slots_.clear();
    // Reverse order so the lowest slots are reused first, as in a fresh queue.
    for (std::size_t i = generations_.size(); i-- > 0;) free_slots_.push_back(static_cast<std::uint32_t>(i));
    live_ = 0;
    dead_ = 0;
  }

 private:
  friend struct detail::EventQueueTestPeer;

  /// A pending event with its sort key: 32 bytes, read in order.
  struct Entry {
    std::uint64_t key;      // detail::time_key(at)
    std::uint64_t seq;      // Event::seq; unique, so (key, seq) orders every entry
    std::uint32_t subject;
    std::uint32_t payload;
    std::uint32_t slot;     // its handle's slot: live bit and generation
    Kind kind;
  };
  static_assert(sizeof(Entry) <= 32, "entries are moved between buckets; keep them small");

  using Bucket = std::vector<Entry>;
  // Bucket 0, then one per (level, digit) of the 64-bit time key in base 256.
  static constexpr unsigned digit_bits = 8;
  static constexpr std::size_t digits = std::size_t{1} << digit_bits;
  static constexpr std::size_t levels = 64 / digit_bits;
  static constexpr std::size_t bucket_count = 1 + levels * digits;
  static constexpr std::size_t mask_words = digits / 64;

  /// Strict (time, seq) order.
  static bool earlier(const Entry& x, const Entry& y) noexcept {
    return x.key < y.key || (x.key == y.key && x.seq < y.seq);
  }
  /// Min-heap order for early_.
  static bool later(const Entry& x, const Entry& y) noexcept { return earlier(y, x); }

  bool is_live(std::uint32_t slot) const noexcept { return (live_bits_[slot / 64] >> (slot % 64)) & 1u; }
  void set_live(std::uint32_t slot, bool live) noexcept {
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    live_bits_[slot / 64] = live ? (live_bits_[slot / 64] | bit) : (live_bits_[slot / 64] & ~bit);
  }

  /// One more slot on the free list. The free list never holds more ids than
  /// there are slots; keeping its capacity ahead lets pop() and cancel()
  /// return slots without allocating.
  void grow_slots() {
    const std::size_t n = generations_.size();
    if (free_slots_.capacity() <= n) free_slots_.reserve(2 * n + 16);
    if (live_bits_.size() * 64 <= n) live_bits_.push_back(0);
    generations_.push_back(0);
    free_slots_.push_back(static_cast<std::uint32_t>(n));
  }

  static Event<Kind> event_of(const Entry& e) noexcept {
    return {detail::key_time(e.key), e.seq, e.kind, e.subject, e.payload};
  }

  /// An entry that will probably pop next, without moving any: the next of
  /// bucket 0, else one of the earliest level-0 bucket (all of one time).
  /// Cancelled or early entries may make it wrong; it only steers a prefetch.
  const Entry* likely_next() const noexcept {
    if (front_ < buckets_[0].size()) return &buckets_[0][front_];
    if ((occupied_levels_ & 1u) == 0) return nullptr;
    for (std::size_t w = 0; w < mask_words; ++w) {
      if (occupied_digits_[0][w] != 0)
        return &buckets_[1 + w * 64 + static_cast<std::size_t>(std::countr_zero(occupied_digits_[0][w]))].front();
    }
    return nullptr;
  }

  /// Bucket 0: time equal to the last minimum. Otherwise the highest base-256
  /// digit in which the time differs from it is at level L, and the time's
  /// digit there is d: bucket 1 + L * 256 + d. Times in a lower level, or in a
  /// lower digit of the same level, are earlier; so the lowest occupied bucket
  /// holds the minimum, and an entry moves down at most once per level.
  std::size_t bucket_of(std::uint64_t key) const noexcept {
    if (key == last_) return 0;
    const unsigned level = static_cast<unsigned>(63 - std::countl_zero(key ^ last_)) / digit_bits;
    return 1 + level * digits + static_cast<std::size_t>((key >> (level * digit_bits)) & (digits - 1));
  }
  void mark_occupied(std::size_t b) noexcept {
    const std::size_t level = (b - 1) / digits;
    const std::size_t digit = (b - 1) % digits;
    occupied_levels_ |= 1u << level;
    occupied_digits_[level][digit / 64] |= std::uint64_t{1} << (digit % 64);
  }
  void mark_empty(std::size_t b) noexcept {
    const std::size_t level = (b - 1) / digits;
    const std::size_t digit = (b - 1) % digits;
    std::array<std::uint64_t, mask_words>& words = occupied_digits_[level];
    words[digit / 64] &= ~(std::uint64_t{1} << (digit % 64));
    if (std::all_of(words.begin(), words.end(), [](std::uint64_t w) { return w == 0; }))
      occupied_levels_ &= ~(1u << level);
  }
  /// The lowest occupied bucket; occupied_levels_ must not be 0.
  std::size_t lowest_occupied() const noexcept {
    const auto level = static_cast<std::size_t>(std::countr_zero(occupied_levels_));
    const std::array<std::uint64_t, mask_words>& words = occupied_digits_[level];
    std::size_t w = 0;
    while (words[w] == 0) ++w;
    return 1 + level * digits + w * 64 + static_cast<std::size_t>(std::countr_zero(words[w]));
  }

  /// The earliest live entry (early_'s top or buckets_[0][front_]), dropping
  /// cancelled ones on the way; nullptr when none is left.
  const Entry* settle_front() {
    // Everything in early_ is before last_, so before every bucket.
    while (!early_.empty()) {
      const std::uint32_t slot = early_.front().slot;
      if (is_live(slot)) return early_.data();
      std::pop_heap(early_.begin(), early_.end(), later);
      early_.pop_back();
      free_slots_.push_back(slot);  // a cancelled entry: its slot is free now
      --dead_;
    }
    for (;;) {
      Bucket& now_bucket = buckets_[0];
      while (front_ < now_bucket.size()) {
        const std::uint32_t slot = now_bucket[front_].slot;
        if (is_live(slot)) return &now_bucket[front_];
        free_slots_.push_back(slot);
        --dead_;
        ++front_;
      }
      now_bucket.clear();
      front_ = 0;
      if (occupied_levels_ == 0) return nullptr;
      refill_now_bucket();
    }
  }

  /// Bucket 0 is used up: the lowest occupied bucket holds the minimum. It
  /// becomes the new last minimum and the bucket's entries move down; those at
  /// that time land in bucket 0, which is then put in push order.
  void refill_now_bucket() {
    const std::size_t b = lowest_occupied();
    Bucket& from = buckets_[b];
    std::uint64_t lowest = from.front().key;
    for (const Entry& e : from) lowest = std::min(lowest, e.key);
    last_ = lowest;
    mark_empty(b);
    for (const Entry& e : from) {
      const std::size_t to = bucket_of(e.key);  // always below b
      buckets_[to].push_back(e);
      if (to > 0) mark_occupied(to);
    }
    from.clear();
    Bucket& now_bucket = buckets_[0];
    if (now_bucket.size() > 1)
      std::sort(now_bucket.begin(), now_bucket.end(),
                [](const Entry& x, const Entry& y) noexcept { return x.seq < y.seq; });
  }

  /// Drops cancelled (and already popped) entries from every bucket, in order.
  void compact() noexcept {
    drop_dead(early_, 0);
    std::make_heap(early_.begin(), early_.end(), later);
    drop_dead(buckets_[0], front_);
    front_ = 0;
    // Only the occupied buckets: a small queue that cancels a lot compacts often.
    for (std::size_t level = 0; level < levels; ++level) {
      for (std::size_t w = 0; w < mask_words; ++w) {
        for (std::uint64_t bits = occupied_digits_[level][w]; bits != 0; bits &= bits - 1) {
          const std::size_t b = 1 + level * digits + w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
          drop_dead(buckets_[b], 0);
          if (buckets_[b].empty()) mark_empty(b);
        }
      }
    }
    dead_ = 0;
  }

  /// Keeps the live entries of v from `from` on, in order; frees the others' slots.
  void drop_dead(Bucket& v, std::size_t from) noexcept {
    std::size_t w = 0;
    for (std::size_t r = from; r < v.size(); ++r) {
      const Entry e = v[r];
      if (is_live(e.slot)) {
        v[w++] = e;
      } else {
        free_slots_.push_back(e.slot);
      }
    }
    v.resize(w);
  }

  std::array<Bucket, bucket_count> buckets_;
  // Events pushed before last_, i.e. after a peek (next_time) moved the
  // minimum past the clock: a small binary heap, empty in the engine's loop.
  Bucket early_;
  std::uint32_t occupied_levels_ = 0;  // bit L: some bucket of level L is not empty
  std::array<std::array<std::uint64_t, mask_words>, levels> occupied_digits_{};  // by level, bit d: not empty
  std::uint64_t last_ = 0;      // time key of the last minimum; bucket order is relative to it
  std::size_t front_ = 0;       // next entry of bucket 0; those before it have been popped
  std::vector<std::uint32_t> generations_;  // by slot
  std::vector<std::uint64_t> live_bits_;    // by slot: pending and not cancelled
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_ = 0;
  std::size_t dead_ = 0;
  std::uint64_t next_seq_ = 0;  // Event::seq, never reset
};

}  // namespace ecsim
