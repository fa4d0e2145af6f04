#include "scheduler/spot_capacity.hpp"

#include "scheduler/capacity_providers.hpp"
#include "scheduler/faults.hpp"
#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

namespace ecsim::detail {

namespace {

bool still_waiting(const World& w, std::uint32_t slot, std::uint32_t serial) {
  const TaskRow& row = w.tasks.rows[slot];
  return same_task(w, slot, serial) && !row.stop_requested && row.state == TaskState::provisioning;
}

/// ECS's service event for a launch Fargate cannot serve (the RunTask error
/// text, as the service reports it); suppressed while identical, as ECS does.
void report_unavailable(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  std::string text = fmt::format("(service {}) was unable to place a task. Reason: Capacity is unavailable at this "
                                 "time. Please try again later or in a different availability zone.",
                                 svc.spec->service_name);
  const SimTime now = w.engine.now();
  if (text == svc.last_placement_failure && now - svc.last_placement_failure_at < w.assumptions.event_dedup_window)
    return;
  svc.last_placement_failure = text;
  svc.last_placement_failure_at = now;
  ++svc.placement_failures;
  w.recorder.message(now, RecordType::placement_failure, s, std::move(text));
}

}  // namespace

bool hold_for_spot_capacity(World& w, TaskId t) {
  const std::size_t i = index(t);
  if (w.spot_capacity_outages == 0 || w.tasks.rows[i].stop_requested ||
      task_provider_kind(w, i) != ProviderKind::fargate_spot)
    return false;
  w.spot_capacity_waiting.emplace_back(static_cast<std::uint32_t>(i), w.tasks.rows[i].serial);
  // Held in next_event, so a stop request cancels the give-up.
  w.tasks.rows[i].next_event = w.engine.schedule_in(w.assumptions.spot_capacity_wait, EventKind::spot_capacity_wait,
                                               static_cast<std::uint32_t>(i), w.tasks.rows[i].serial);
  report_unavailable(w, w.tasks.rows[i].service);
  return true;
}

void on_spot_capacity_window(World& w, const FaultSpec& f, std::uint32_t phase) {
  if (phase == 0) {
    ++w.spot_capacity_outages;
    w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                       fmt::format("Fargate Spot capacity is unavailable until {}: FARGATE_SPOT tasks stay "
                                   "PROVISIONING (no fallback to FARGATE).",
                                   clock(SimTime{f.at + f.duration})));
    return;
  }
  if (w.spot_capacity_outages > 0) --w.spot_capacity_outages;
  if (w.spot_capacity_outages > 0) return;
  int resumed = 0;
  for (const auto& [slot, serial] : w.spot_capacity_waiting) {
    if (!still_waiting(w, slot, serial)) continue;
    w.engine.cancel(w.tasks.rows[slot].next_event);
    w.tasks.rows[slot].next_event = w.engine.schedule_in(Millis{0}, EventKind::task_advance, slot);
    ++resumed;
  }
  w.spot_capacity_waiting.clear();
  for (ServiceRuntime& svc : w.services) svc.last_placement_failure.clear();  // the next shortage reports afresh
  w.recorder.message(w.engine.now(), RecordType::fault, Record::no_service,
                     fmt::format("Fargate Spot capacity is available again; {} waiting tasks proceed.", resumed));
}

void on_spot_capacity_wait(World& w, std::uint32_t slot, std::uint32_t serial) {
  if (!still_waiting(w, slot, serial)) return;
  w.tasks.rows[slot].next_event = EventHandle{};
  stop_task(w, make_id<TaskId>(slot), StopCode::task_failed_to_start);
}

}  // namespace ecsim::detail
