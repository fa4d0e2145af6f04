#pragma once
/// The pending-event set of the simulation: a 4-ary implicit heap ordered by
/// (time, insertion sequence), with O(1) cancellation through generation-checked
/// handles. It is the hottest structure in ecsim, so it stores small trivially
/// copyable entries in one cache-aligned array and allocates only when it grows.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
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

struct EventQueueTestPeer;  // lets tests reach the sequence renumbering and dead-entry count

/// Places element 1 of every allocation on a 64-byte boundary. With the heap root
/// at index 0, the children of node i start at 4i+1, so each group of four 16-byte
/// siblings fills exactly one cache line and a level of the walk down costs one miss.
template <class T>
struct SiblingAlignedAllocator {
  using value_type = T;  ///< allocator requirement
  static constexpr std::size_t line = 64;
  static constexpr std::size_t lead = line - sizeof(T);  // bytes before element 0
  static_assert(sizeof(T) <= line && line % alignof(T) == 0);

  SiblingAlignedAllocator() = default;
  /// Rebinding copy (allocator requirement).
  template <class U>
  SiblingAlignedAllocator(const SiblingAlignedAllocator<U>&) noexcept {}

  /// Raw storage for n objects, element 1 cache-line aligned.
  T* allocate(std::size_t n) {
    auto* base = static_cast<std::byte*>(::operator new(n * sizeof(T) + lead, std::align_val_t{line}));
    return reinterpret_cast<T*>(base + lead);
  }
  /// Releases storage from allocate().
  void deallocate(T* p, std::size_t) noexcept {
    ::operator delete(reinterpret_cast<std::byte*>(p) - lead, std::align_val_t{line});
  }

  /// Stateless: any two compare equal.
  template <class U>
  bool operator==(const SiblingAlignedAllocator<U>&) const noexcept {
    return true;
  }
};

/// A heap entry: 16 bytes holding the whole sort key, so sifting never leaves the array.
/// hi is the time with its sign bit flipped (signed order becomes unsigned order);
/// lo is a 32-bit sequence number above the slot index. Sequence numbers are unique
/// among entries, so the slot bits never decide an order.
struct HeapEntry {
  std::uint64_t lo;  ///< key sequence << 32 | slot
  std::uint64_t hi;  ///< time in ms ^ sign bit

  static constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

  /// Packs a key and the slot it refers to.
  static HeapEntry make(SimTime at, std::uint32_t key_seq, std::uint32_t slot) noexcept {
    return {(std::uint64_t{key_seq} << 32) | slot,
            static_cast<std::uint64_t>(at.time_since_epoch().count()) ^ sign_bit};
  }
  /// The event time.
  SimTime at() const noexcept {
    return SimTime{Millis{static_cast<std::int64_t>(hi ^ sign_bit)}};
  }
  /// The slot table index.
  std::uint32_t slot() const noexcept { return static_cast<std::uint32_t>(lo); }
  /// Replaces the key sequence, keeping time and slot.
  void set_key_seq(std::uint32_t key_seq) noexcept {
    lo = (std::uint64_t{key_seq} << 32) | slot();
  }
};

/// Strict (time, sequence) order. One 128-bit compare is branch-free on x86-64 and AArch64.
inline bool entry_less(const HeapEntry& a, const HeapEntry& b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 Key;
  return ((Key{a.hi} << 64) | a.lo) < ((Key{b.hi} << 64) | b.lo);
#else
  return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
#endif
}

}  // namespace detail

/// Pending events, popped earliest (time, seq) first; equal times pop in push order,
/// which keeps runs deterministic. Kind is the caller's event enum.
///
/// Cancellation is lazy: cancel() marks the slot and the entry is dropped when it
/// reaches the top, or when dead entries outnumber live ones (then the heap is
/// compacted, so memory stays within twice the live count). Handles stay valid
/// across pushes, pops and reserve(); clear() makes every handle stale.
template <class Kind>
class EventQueue {
 public:
  static_assert(std::is_enum_v<Kind>, "Kind must be an event enum");
  static_assert(std::is_trivially_copyable_v<Event<Kind>>,
                "events are copied around the heap; they must stay trivially copyable");

  /// Schedules an event; amortised O(log n), no allocation once capacity is reserved.
  EventHandle push(SimTime at, Kind kind, std::uint32_t subject, std::uint32_t payload = 0) {
    if (next_key_seq_ == max_key_seq) renumber();
    // Allocate first, so a bad_alloc leaves the queue as it was.
    if (free_slots_.empty()) {
      // The free list never holds more ids than there are slots; keeping its
      // capacity ahead lets pop() and cancel() return slots without allocating.
      if (free_slots_.capacity() <= slots_.size()) free_slots_.reserve(2 * slots_.size() + 16);
      slots_.push_back(Slot{});
      free_slots_.push_back(static_cast<std::uint32_t>(slots_.size() - 1));
    }
    heap_.push_back(detail::HeapEntry{});
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    Slot& s = slots_[slot];
    s.seq = next_seq_++;
    s.subject = subject;
    s.payload = payload;
    s.kind = kind;
    s.live = true;
    sift_up(heap_.size() - 1, detail::HeapEntry::make(at, next_key_seq_++, slot));
    ++live_;
    return EventHandle{slot, s.generation};
  }

  /// Cancels a pending event in O(1); false if it already fired, was cancelled,
  /// or the handle is stale (its slot now holds another event, which stays untouched).
  bool cancel(EventHandle h) noexcept {
    if (!pending(h)) return false;
    Slot& s = slots_[h.slot];
    s.live = false;
    bump(s.generation);
    --live_;
    ++dead_;
    if (dead_ > live_) compact();
    return true;
  }

  /// True while the event h names is scheduled and not yet fired or cancelled.
  bool pending(EventHandle h) const noexcept {
    return h.slot < slots_.size() && slots_[h.slot].live &&
           slots_[h.slot].generation == h.generation;
  }

  /// Removes and returns the earliest live event; nullopt when none is left.
  std::optional<Event<Kind>> pop() noexcept {
    return pop([](const Event<Kind>&) noexcept {});
  }

  /// As pop(), and calls prefetch(event) before the heap is repaired, so that
  /// what the handler will touch (e.g. the subject's row) loads meanwhile.
  template <class Prefetch>
  std::optional<Event<Kind>> pop(Prefetch&& prefetch) noexcept {
    while (!heap_.empty()) {
      const detail::HeapEntry top = heap_.front();
      const std::uint32_t slot = top.slot();
      Slot& s = slots_[slot];
      if (!s.live) {
        remove_top();
        free_slots_.push_back(slot);
        --dead_;
        continue;
      }
      const Event<Kind> ev{top.at(), s.seq, s.kind, s.subject, s.payload};
      prefetch(ev);
      s.live = false;
      bump(s.generation);
      --live_;
      remove_top();
      free_slots_.push_back(slot);
      // The next pop reads the new top's slot, last touched when it was pushed:
      // start loading it now, while this event is handled.
#if defined(__GNUC__)
      if (!heap_.empty()) __builtin_prefetch(&slots_[heap_.front().slot()]);
#endif
      return ev;
    }
    return std::nullopt;
  }

  /// Time of the earliest live event, nullopt when none; drops cancelled entries on top.
  std::optional<SimTime> next_time() noexcept {
    while (!heap_.empty()) {
      const detail::HeapEntry top = heap_.front();
      if (slots_[top.slot()].live) return top.at();
      remove_top();
      free_slots_.push_back(top.slot());
      --dead_;
    }
    return std::nullopt;
  }

  /// Number of live (pending, not cancelled) events.
  std::size_t size() const noexcept { return live_; }

  /// True when no live event is pending.
  bool empty() const noexcept { return live_ == 0; }

  /// Makes room for n pending events so pushes up to that many never allocate.
  void reserve(std::size_t n) {
    heap_.reserve(n);
    slots_.reserve(n);
    free_slots_.reserve(n + 1);
  }

  /// Drops every event and makes every outstanding handle stale; keeps capacity.
  void clear() noexcept {
    for (Slot& s : slots_) {
      if (s.live) {
        s.live = false;
        bump(s.generation);
      }
    }
    heap_.clear();
    free_slots_.clear();
    // Reverse order so the lowest slots are reused first, as in a fresh queue.
    for (std::size_t i = slots_.size(); i-- > 0;) free_slots_.push_back(static_cast<std::uint32_t>(i));
    live_ = 0;
    dead_ = 0;
    next_key_seq_ = 0;
  }

 private:
  friend struct detail::EventQueueTestPeer;

  /// Per-event data that sifting does not need, indexed by EventHandle::slot.
  struct Slot {
    std::uint64_t seq = 0;
    std::uint32_t subject = 0;
    std::uint32_t payload = 0;
    std::uint32_t generation = 1;  // 0 is reserved for value-initialised handles
    Kind kind{};
    bool live = false;  // false: free, fired, or cancelled with its entry still in the heap
  };

  using Entry = detail::HeapEntry;
  static constexpr std::size_t arity = 4;
  static constexpr std::size_t entries_per_line = 64 / sizeof(Entry);
  static constexpr std::uint32_t max_key_seq = std::numeric_limits<std::uint32_t>::max();

  static std::size_t first_child(std::size_t p) noexcept { return arity * p + 1; }
  static std::size_t parent(std::size_t c) noexcept { return (c - 1) / arity; }

  static void bump(std::uint32_t& generation) noexcept {
    if (++generation == 0) generation = 1;
  }

  /// Index of the smallest of the n entries from c (n a power of two): a fixed
  /// tournament that compiles to conditional moves, no data-dependent branches.
  template <std::size_t n>
  static std::size_t min_of_group(const Entry* h, std::size_t c) noexcept {
    if constexpr (n == 1) {
      return c;
    } else {
      const std::size_t a = min_of_group<n / 2>(h, c);
      const std::size_t b = min_of_group<n / 2>(h, c + n / 2);
      return detail::entry_less(h[b], h[a]) ? b : a;
    }
  }

  /// Index of the smallest of the children [c, end).
  std::size_t min_child(std::size_t c, std::size_t end) const noexcept {
    const Entry* h = heap_.data();
    if (c + arity <= end) return min_of_group<arity>(h, c);
    std::size_t m = c;
    for (std::size_t i = c + 1; i < end; ++i) {
      if (detail::entry_less(h[i], h[m])) m = i;
    }
    return m;
  }

  /// Starts loading the children of every sibling in the group at c: the walk
  /// down needs one of them, and fetching them while the siblings are compared
  /// overlaps the memory latency of consecutive levels.
  void prefetch_grandchildren(std::size_t c, std::size_t end) const noexcept {
#if defined(__GNUC__)
    const std::size_t g = first_child(c);
    if (g < end) {
      const Entry* h = heap_.data() + g;
      for (std::size_t i = 0; i < arity * arity; i += entries_per_line) __builtin_prefetch(h + i);
    }
#else
    static_cast<void>(c);
    static_cast<void>(end);
#endif
  }

  /// Moves e up from the hole at pos until its parent is not later.
  void sift_up(std::size_t pos, Entry e) noexcept {
    Entry* h = heap_.data();
    while (pos > 0) {
      const std::size_t p = parent(pos);
      if (!detail::entry_less(e, h[p])) break;
      h[pos] = h[p];
      pos = p;
    }
    h[pos] = e;
  }

  /// Moves e down from the hole at pos until no child is earlier.
  void sift_down(std::size_t pos, Entry e) noexcept {
    Entry* h = heap_.data();
    const std::size_t end = heap_.size();
    for (std::size_t c = first_child(pos); c < end; c = first_child(pos)) {
      const std::size_t m = min_child(c, end);
      if (!detail::entry_less(h[m], e)) break;
      h[pos] = h[m];
      pos = m;
    }
    h[pos] = e;
  }

  /// Removes the root. Bottom-up: the hole walks down to a leaf along the smaller
  /// children, then the last entry (usually a late one) sifts up from there; that
  /// saves one compare per level over the textbook sift-down.
  void remove_top() noexcept {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t end = heap_.size();
    if (end == 0) return;
    Entry* h = heap_.data();
    std::size_t hole = 0;
    for (std::size_t c = first_child(hole); c < end; c = first_child(hole)) {
      prefetch_grandchildren(c, end);
      const std::size_t m = min_child(c, end);
      h[hole] = h[m];
      hole = m;
    }
    sift_up(hole, last);
  }

  /// Drops cancelled entries and rebuilds the heap in O(n) (Floyd).
  void compact() noexcept {
    std::size_t w = 0;
    for (std::size_t r = 0; r < heap_.size(); ++r) {
      const Entry e = heap_[r];
      if (slots_[e.slot()].live) {
        heap_[w++] = e;
      } else {
        free_slots_.push_back(e.slot());
      }
    }
    heap_.resize(w);
    dead_ = 0;
    if (w <= 1) return;
    for (std::size_t p = parent(w - 1) + 1; p-- > 0;) sift_down(p, heap_[p]);
  }

  /// Reassigns key sequences 0..n-1 in key order before the 32-bit counter wraps
  /// (every 2^32 pushes). A sorted array is a valid heap, so no rebuild is needed.
  void renumber() noexcept {
    compact();
    std::sort(heap_.begin(), heap_.end(), detail::entry_less);
    std::uint32_t k = 0;
    for (Entry& e : heap_) e.set_key_seq(k++);
    next_key_seq_ = k;
  }

  std::vector<Entry, detail::SiblingAlignedAllocator<Entry>> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_ = 0;
  std::size_t dead_ = 0;
  std::uint64_t next_seq_ = 0;        // Event::seq, never reset
  std::uint32_t next_key_seq_ = 0;    // the heap's compact copy of seq
};

}  // namespace ecsim
