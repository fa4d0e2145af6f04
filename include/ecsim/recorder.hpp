#pragma once
/// The one place every subsystem reports what happened. Records are compact
/// and append-only; text (service event messages) lives in a side table, so
/// the bulk of records (task state changes) costs no allocation. Writers in
/// lib/io turn the records into events.jsonl and the report.
#include <ecsim/core/error.hpp>
#include <ecsim/core/huge_page_allocator.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/task_state.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// `type` values of events.jsonl (SCENARIO.md).
enum class RecordType : std::uint8_t {
  task_state,
  service_event,
  deployment,
  scaling,
  instance,
  fault,
  placement_failure,
  service_discovery,  ///< Cloud Map (serviceRegistries) registration and deregistration
};

inline constexpr std::array<std::string_view, 8> record_type_names = {
    "task-state", "service-event", "deployment",        "scaling",
    "instance",   "fault",         "placement-failure", "service-discovery"};

constexpr std::string_view to_string(RecordType t) noexcept {
  return record_type_names[static_cast<std::size_t>(t)];
}

/// One thing that happened. `service` indexes the scenario's services (or is
/// no_service); `task` is the task's serial number (its id text is derived
/// from it at output time); `text` indexes Recorder::texts() or is no_text.
struct Record {
  SimTime at;
  RecordType type;
  TaskState from = TaskState::provisioning;
  TaskState to = TaskState::provisioning;
  std::uint32_t service;
  std::uint32_t task;
  std::uint32_t text;

  static constexpr std::uint32_t no_service = 0xFFFFFFFFu;
  static constexpr std::uint32_t no_task = 0xFFFFFFFFu;
  static constexpr std::uint32_t no_text = 0xFFFFFFFFu;
};

/// The event log, in order. Huge-page backed: a large run appends millions.
using RecordLog = std::vector<Record, HugePageAllocator<Record>>;

/// One row of metrics.csv: a service's state at a metric period boundary.
struct MetricSample {
  SimTime at;
  std::uint32_t service;
  int desired_count;
  int running_count;
  int pending_count;
  int healthy_count;
  double cpu_utilization;     ///< percent; NaN when no task runs (CloudWatch has no datapoint)
  double memory_utilization;  ///< percent; NaN when no task runs
  double requests_per_second;
  double cost_usd;            ///< cumulative since the start
  double unserved_requests = 0;  ///< requests beyond the serving tasks' capacity in the interval
  double request_count_per_target = 0;  ///< ALB requests per healthy target in the interval; NaN: none served
};

/// Collects records in time order (callers report at the current time).
class Recorder {
 public:
  /// A run stops with an Error at this many records (~0.5 GB in memory, a few
  /// GB of events.jsonl) rather than exhausting memory (docs/hardening.md).
  static constexpr std::size_t max_records = 20'000'000;
  /// Lowers (or restores) the limit, e.g. for a test.
  void set_record_limit(std::size_t n) noexcept { record_limit_ = n; }

  /// Makes room for n records (at most the limit), so the log does not move
  /// while it grows; untouched room is only address space.
  void reserve(std::size_t n) { records_.reserve(std::min(n, record_limit_)); }

  using Observer = std::function<void(const Record&, std::string_view text)>;

  void task_state(SimTime at, std::uint32_t service, std::uint32_t task, TaskState from,
                  TaskState to) {
    push({at, RecordType::task_state, from, to, service, task, Record::no_text});
  }
  /// A record carrying a message (service events, faults, scaling, …).
  void message(SimTime at, RecordType type, std::uint32_t service, std::string text,
               std::uint32_t task = Record::no_task) {
    texts_.push_back(std::move(text));
    push({at, type, TaskState::provisioning, TaskState::provisioning, service, task,
          static_cast<std::uint32_t>(texts_.size() - 1)});
  }
  void metric(const MetricSample& s) { metrics_.push_back(s); }

  /// Called for every record as it is made (Python hooks, tracing). No cost
  /// when none is attached.
  void attach(Observer o) { observers_.push_back(std::move(o)); }

  const RecordLog& records() const noexcept { return records_; }
  const std::vector<MetricSample>& metrics() const noexcept { return metrics_; }
  std::string_view text(const Record& r) const noexcept {
    return r.text == Record::no_text ? std::string_view{} : std::string_view{texts_[r.text]};
  }

 private:
  void push(const Record& r) {
    if (records_.size() >= record_limit_) [[unlikely]]
      throw Error("the run made more than " + std::to_string(record_limit_) +
                  " records (events.jsonl lines), ecsim's limit; shorten simulation.duration or use fewer tasks");
    records_.push_back(r);
    for (const auto& o : observers_) o(r, text(r));
  }

  std::size_t record_limit_ = max_records;
  RecordLog records_;
  std::vector<std::string> texts_;
  std::vector<MetricSample> metrics_;
  std::vector<Observer> observers_;
};

}  // namespace ecsim
