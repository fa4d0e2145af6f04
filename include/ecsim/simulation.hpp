#pragma once
/// A scenario running on the virtual clock: construct, run (or run_until),
/// then read the recorder and the summary. The state behind it lives in
/// lib/ (pimpl), so this header stays light and the internals can change.
#include <ecsim/core/time.hpp>
#include <ecsim/model/scenario.hpp>
#include <ecsim/recorder.hpp>
#include <ecsim/run_summary.hpp>
#include <ecsim/scheduler/ecs_assumptions.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ecsim {

namespace detail {
struct World;  // lib/scheduler/world.hpp
}

/// What one deployment's tasks were sent and did (Simulation::deployment_usage).
struct DeploymentUsage {
  double requests = 0;          ///< production requests that reached its tasks
  double unserved = 0;          ///< of those, beyond what its serving tasks could take
  double cpu_utilization = 0;   ///< average CPU % of one of its RUNNING tasks; NaN if none ran
  double task_seconds = 0;      ///< RUNNING task-seconds
};

/// One run of a validated Scenario (the loader's output). Same scenario and
/// seed give the same records, byte for byte.
class Simulation {
 public:
  explicit Simulation(Scenario scenario, EcsAssumptions assumptions = {});
  ~Simulation();
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;

  /// The virtual clock.
  SimTime now() const noexcept;
  /// The end of the run: simulation.duration after the start.
  SimTime end() const noexcept;
  /// Runs to the end of the scenario.
  void run();
  /// Runs every event up to and including `t` (at most the end); a `t`
  /// before now() throws Error.
  void run_until(SimTime t);

  const Scenario& scenario() const noexcept;
  /// Engine events handled so far (the benchmarks' unit of work).
  std::uint64_t events_processed() const noexcept;
  const Recorder& recorder() const noexcept;
  Recorder& recorder() noexcept;
  /// The figures of summary.json as of now().
  RunSummary summary() const;
  /// The 32-hex task id ECS would show for the task with this serial number
  /// (Record::task). Derived from the seed, so stable per run.
  std::string task_id(std::uint32_t serial) const;
  /// The CloudWatch alarm `alarm_name` goes into ALARM now. A deployment in
  /// progress that watches it (codeDeploy alarmConfiguration, or
  /// deploymentConfiguration.alarms) fails: traffic back to the original and,
  /// as configured, a rollback. Until alarms are evaluated from metrics this
  /// is how a run (a test, a notebook) raises one.
  void trigger_alarm(const std::string& alarm_name);
  /// The share (0-1) of its service's production requests that the deployment
  /// with this id (summary.json deployments[].id, or the service's creation)
  /// received at time `t` <= now(): a blue/green deployment's traffic weights,
  /// else its share of the service's healthy tasks now. 0 for an unknown id.
  double traffic_share(const std::string& deployment_id, SimTime t) const;
  /// The totals of the deployment with this id from its start, as integrated
  /// by the last event or metrics sample (metrics.csv rows are exact at their
  /// times). During a blue/green traffic shift each side gets its weight of
  /// the requests; otherwise its healthy tasks' share. Zeros for an unknown id.
  DeploymentUsage deployment_usage(const std::string& deployment_id) const;
  /// The ids of service number `index`'s deployments, oldest first: its
  /// creation's (not in summary.json), then each update's.
  std::vector<std::string> deployment_ids(std::uint32_t index) const;
  /// Name of service number `index` (Record::service).
  const std::string& service_name(std::uint32_t index) const;
  /// How many service indexes records and metrics use: the scenario's
  /// services, then services the timeline creates and RunTask groups.
  std::uint32_t service_count() const noexcept;
  /// The simulated state itself (lib/scheduler/world.hpp), read-only: for
  /// invariant checks in tests, which must see instances and tasks, not
  /// only the log.
  const detail::World& world() const noexcept;
  /// The Availability Zone the service's task (by serial, as in Record::task)
  /// was placed in.
  const std::string& task_availability_zone(std::uint32_t service, std::uint32_t serial) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecsim
