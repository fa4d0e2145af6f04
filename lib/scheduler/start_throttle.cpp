#include "scheduler/start_throttle.hpp"

#include "scheduler/launch_rate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ecsim::detail {

Millis throttle_backoff(const EcsAssumptions& a, int steps) noexcept {
  if (steps <= 1) return Millis{0};
  Millis wait = a.throttle_backoff_initial;
  for (int k = 2; k < steps && wait < a.throttle_backoff_max; ++k) wait *= 2;
  return std::min(wait, a.throttle_backoff_max);
}

void note_start_failure(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  const SimTime now = w.engine.now();
  if (svc.standalone || svc.last_start_failure_at == now) return;
  svc.last_start_failure_at = now;
  ++svc.start_failures;
  const Millis wait = throttle_backoff(w.assumptions, svc.start_failures);
  if (wait <= Millis{0}) return;
  svc.throttled_until = now + wait;
  if (!svc.throttle_reported) {
    // Reported once until a task runs again: ECS suppresses the duplicate,
    // so a long back-off reads as silence in the event list.
    svc.throttle_reported = true;
    w.recorder.message(now, RecordType::service_event, s,
                       fmt::format("(service {}) is unable to consistently start tasks successfully.",
                                   svc.spec->service_name));
  }
}

void note_task_running(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  svc.start_failures = 0;
  svc.throttle_reported = false;
}

void clear_start_throttle(World& w, std::uint32_t s) {
  note_task_running(w, s);
  w.services[s].throttled_until = w.engine.now();
}

bool start_throttled(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  if (w.engine.now() >= svc.throttled_until) return false;
  wake_service_at(w, s, svc.throttled_until);
  return true;
}

}  // namespace ecsim::detail
