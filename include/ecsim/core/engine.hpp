#pragma once
/// The simulation loop: a virtual clock plus the event queue. The handler is a
/// template parameter (a struct whose operator() switches on the event kind), so
/// dispatching an event is a direct, inlinable call rather than a virtual one.
#include <cstdint>
#include <optional>
#include <string>

#include "ecsim/core/error.hpp"
#include "ecsim/core/event_queue.hpp"
#include "ecsim/core/time.hpp"

namespace ecsim {

/// Fires events in (time, seq) order and advances now() to each event's time.
/// A handler is anything callable as h(Engine&, const Event<Kind>&); it may
/// schedule, cancel and stop() from inside the call. A handler that also has
/// h.prefetch(const Event<Kind>&) is called with the event likely to come
/// after the one being handled, to start loading the memory it will touch.
template <class Kind>
class Engine {
 public:
  /// The current virtual time: the time of the event being handled, or where the last run stopped.
  SimTime now() const noexcept { return now_; }

  /// Schedules an event at an absolute time. A time before now() is a bug in
  /// the caller; it throws Error instead of corrupting the order.
  EventHandle schedule(SimTime at, Kind kind, std::uint32_t subject, std::uint32_t payload = 0) {
    if (at < now_) {
      throw Error("cannot schedule an event at " + format_duration(at.time_since_epoch()) +
                  ": that is before the current time " + format_duration(now_.time_since_epoch()));
    }
    return queue_.push(at, kind, subject, payload);
  }

  /// Schedules an event delay after now(); a negative or overflowing delay throws Error.
  EventHandle schedule_in(Millis delay, Kind kind, std::uint32_t subject, std::uint32_t payload = 0) {
    if (delay < Millis::zero()) {
      throw Error("cannot schedule an event with a negative delay (" + format_duration(delay) + ")");
    }
    if (delay > SimTime::max() - now_) {
      throw Error("cannot schedule an event " + format_duration(delay) +
                  " from now: that is past the end of virtual time");
    }
    return queue_.push(now_ + delay, kind, subject, payload);
  }

  /// Cancels a pending event; false if it already fired or was cancelled.
  bool cancel(EventHandle h) noexcept { return queue_.cancel(h); }

  /// Fires the earliest event: sets now() to its time and calls h(*this, event).
  /// Returns false, changing nothing, when no event is pending.
  template <class Handler>
  bool step(Handler&& h) {
    std::optional<Event<Kind>> ev;
    if constexpr (requires(const Event<Kind>& e) { h.prefetch(e); }) {
      ev = queue_.pop([&h](const Event<Kind>& e) { h.prefetch(e); });
    } else {
      ev = queue_.pop();
    }
    if (!ev) return false;
    now_ = ev->at;
    ++processed_;
    h(*this, *ev);
    return true;
  }

  /// Fires every event with time <= end, then sets now() to end, like SimPy's
  /// run(until=end). Later events stay pending. If a handler calls stop(), it
  /// returns right after that event and now() stays at that event's time.
  /// Returns the number of events fired; an end before now() throws Error.
  template <class Handler>
  std::uint64_t run_until(SimTime end, Handler&& h) {
    if (end < now_) {
      throw Error("cannot run until " + format_duration(end.time_since_epoch()) +
                  ": that is before the current time " + format_duration(now_.time_since_epoch()));
    }
    stopped_ = false;
    std::uint64_t count = 0;
    while (!stopped_) {
      const std::optional<SimTime> next = queue_.next_time();
      if (!next || *next > end) break;
      step(h);
      ++count;
    }
    if (!stopped_) now_ = end;
    return count;
  }

  /// Fires events until none is pending or a handler calls stop(); now() stays
  /// at the last event's time. Returns the number of events fired.
  template <class Handler>
  std::uint64_t run(Handler&& h) {
    stopped_ = false;
    std::uint64_t count = 0;
    while (!stopped_ && step(h)) ++count;
    return count;
  }

  /// Asks the current run() or run_until() to return after the event being handled.
  void stop() noexcept { stopped_ = true; }

  /// True when the last run() or run_until() ended because of stop().
  bool stopped() const noexcept { return stopped_; }

  /// Events fired over the engine's lifetime.
  std::uint64_t events_processed() const noexcept { return processed_; }

  /// Direct access, e.g. to reserve() capacity up front.
  EventQueue<Kind>& queue() noexcept { return queue_; }

 private:
  EventQueue<Kind> queue_;
  SimTime now_ = sim_start;
  std::uint64_t processed_ = 0;
  bool stopped_ = false;
};

}  // namespace ecsim
