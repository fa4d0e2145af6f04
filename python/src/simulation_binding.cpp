// The simulation core for Python: run with the GIL released, and the
// recorder's records and metric samples as numpy columns (integer codes plus
// their names), which python/ecsim/results.py turns into DataFrames without a
// Python object per row.
#include "bindings.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/io/output_writers.hpp>
#include <ecsim/model/task_state.hpp>
#include <ecsim/recorder.hpp>
#include <ecsim/simulation.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace ecsim::detail {

namespace {

/// A Simulation plus a lock: Python threads may share the object, but the
/// engine is single-threaded, so a second concurrent call is refused rather
/// than racing.
struct SimulationCore {
  explicit SimulationCore(Scenario scenario) : sim(std::move(scenario)) {}
  Simulation sim;
  std::mutex busy;
};

/// Holds the core's lock for one call; never blocks (a blocked thread would
/// hold the GIL and stall every other Python thread).
class Exclusive {
 public:
  explicit Exclusive(SimulationCore& core) : lock_(core.busy, std::try_to_lock) {
    if (!lock_.owns_lock()) throw Error("this Simulation is in use by another thread");
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

template <class T>
py::array_t<T> column(std::size_t n) {
  return py::array_t<T>(static_cast<py::ssize_t>(n));
}

py::list names(auto&& range) {
  py::list out;
  for (const auto& name : range) out.append(py::str(std::string(name)));
  return out;
}

py::list service_names(const Simulation& sim) {
  py::list out;
  for (std::uint32_t i = 0; i < sim.service_count(); ++i) out.append(py::str(sim.service_name(i)));
  return out;
}

// events.jsonl as columns. Codes of -1 stand for "absent" (a JSON null or a
// missing key), which pandas' Categorical.from_codes reads as NaN.
py::dict event_columns(const Simulation& sim) {
  const Recorder& rec = sim.recorder();
  const auto& records = rec.records();
  const std::size_t n = records.size();
  auto time = column<double>(n);
  auto type = column<std::int8_t>(n);
  auto service = column<std::int32_t>(n);
  auto task = column<std::int32_t>(n);
  auto from = column<std::int8_t>(n);
  auto to = column<std::int8_t>(n);
  auto message = column<std::int32_t>(n);
  double* time_p = time.mutable_data();
  std::int8_t* type_p = type.mutable_data();
  std::int32_t* service_p = service.mutable_data();
  std::int32_t* task_p = task.mutable_data();
  std::int8_t* from_p = from.mutable_data();
  std::int8_t* to_p = to.mutable_data();
  std::int32_t* message_p = message.mutable_data();

  // Task ids are made once per task, not once per record.
  std::unordered_map<std::uint32_t, std::int32_t> task_codes;
  py::list task_ids;
  py::list texts;
  for (std::size_t i = 0; i < n; ++i) {
    const Record& r = records[i];
    time_p[i] = to_seconds(r.at);
    type_p[i] = static_cast<std::int8_t>(r.type);
    service_p[i] = r.service == Record::no_service ? -1 : static_cast<std::int32_t>(r.service);
    if (r.task == Record::no_task) {
      task_p[i] = -1;
    } else {
      auto [it, fresh] = task_codes.try_emplace(r.task, static_cast<std::int32_t>(task_codes.size()));
      if (fresh) task_ids.append(py::str(sim.task_id(r.task)));
      task_p[i] = it->second;
    }
    if (r.type == RecordType::task_state) {
      // A task's creation is recorded PROVISIONING -> PROVISIONING: from is null.
      from_p[i] = r.from == r.to ? -1 : static_cast<std::int8_t>(r.from);
      to_p[i] = static_cast<std::int8_t>(r.to);
      message_p[i] = -1;
    } else {
      from_p[i] = -1;
      to_p[i] = -1;
      message_p[i] = static_cast<std::int32_t>(py::len(texts));
      const std::string_view text = rec.text(r);
      texts.append(py::str(text.data(), text.size()));
    }
  }
  py::dict d;
  d["time"] = time;
  d["type"] = type;
  d["service"] = service;
  d["task"] = task;
  d["from"] = from;
  d["to"] = to;
  d["message"] = message;
  d["type_names"] = names(record_type_names);
  d["service_names"] = service_names(sim);
  d["state_names"] = names(task_state_names);
  d["task_ids"] = task_ids;
  d["texts"] = texts;
  return d;
}

// metrics.csv as columns, keyed by its header names.
py::dict metric_columns(const Simulation& sim) {
  const auto& samples = sim.recorder().metrics();
  const std::size_t n = samples.size();
  auto time = column<double>(n);
  auto service = column<std::int32_t>(n);
  auto desired = column<std::int64_t>(n);
  auto running = column<std::int64_t>(n);
  auto pending = column<std::int64_t>(n);
  auto healthy = column<std::int64_t>(n);
  auto cpu = column<double>(n);
  auto memory = column<double>(n);
  auto rps = column<double>(n);
  auto cost = column<double>(n);
  auto unserved = column<double>(n);
  auto per_target = column<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const MetricSample& s = samples[i];
    time.mutable_data()[i] = to_seconds(s.at);
    service.mutable_data()[i] = static_cast<std::int32_t>(s.service);
    desired.mutable_data()[i] = s.desired_count;
    running.mutable_data()[i] = s.running_count;
    pending.mutable_data()[i] = s.pending_count;
    healthy.mutable_data()[i] = s.healthy_count;
    cpu.mutable_data()[i] = s.cpu_utilization;
    memory.mutable_data()[i] = s.memory_utilization;
    rps.mutable_data()[i] = s.requests_per_second;
    cost.mutable_data()[i] = s.cost_usd;
    unserved.mutable_data()[i] = s.unserved_requests;
    per_target.mutable_data()[i] = s.request_count_per_target;
  }
  py::dict d;
  d["time"] = time;
  d["service"] = service;
  d["desiredCount"] = desired;
  d["runningCount"] = running;
  d["pendingCount"] = pending;
  d["healthyCount"] = healthy;
  d["cpuUtilization"] = cpu;
  d["memoryUtilization"] = memory;
  d["requestsPerSecond"] = rps;
  d["costUsd"] = cost;
  d["unservedRequests"] = unserved;
  d["requestCountPerTarget"] = per_target;
  d["service_names"] = service_names(sim);
  return d;
}

// Simulation::deployment_usage of every deployment of every service, as
// columns: one row per deployment, each service's oldest (its creation) first.
py::dict deployment_usage_columns(const Simulation& sim) {
  std::vector<std::int32_t> services;
  std::vector<std::string> ids;
  for (std::uint32_t s = 0; s < sim.service_count(); ++s)
    for (std::string& id : sim.deployment_ids(s)) {
      services.push_back(static_cast<std::int32_t>(s));
      ids.push_back(std::move(id));
    }
  const std::size_t n = ids.size();
  auto service = column<std::int32_t>(n);
  auto requests = column<double>(n);
  auto unserved = column<double>(n);
  auto cpu = column<double>(n);
  auto task_seconds = column<double>(n);
  py::list id_list;
  for (std::size_t i = 0; i < n; ++i) {
    const DeploymentUsage u = sim.deployment_usage(ids[i]);
    service.mutable_data()[i] = services[i];
    requests.mutable_data()[i] = u.requests;
    unserved.mutable_data()[i] = u.unserved;
    cpu.mutable_data()[i] = u.cpu_utilization;
    task_seconds.mutable_data()[i] = u.task_seconds;
    id_list.append(py::str(ids[i]));
  }
  py::dict d;
  d["service"] = service;
  d["id"] = id_list;
  d["requests"] = requests;
  d["unservedRequests"] = unserved;
  d["cpuUtilization"] = cpu;
  d["taskSeconds"] = task_seconds;
  d["service_names"] = service_names(sim);
  return d;
}

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<SimulationCore>(m, "Simulation", "One run of a loaded scenario on the virtual clock.")
      .def(py::init([](const LoadedScenario& s) {
             Scenario copy = s.scenario;  // the LoadedScenario may be reused for another run
             py::gil_scoped_release unlocked;
             return std::make_unique<SimulationCore>(std::move(copy));
           }),
           py::arg("scenario"))
      .def_property_readonly("now_ms",
                             [](const SimulationCore& c) { return c.sim.now().time_since_epoch().count(); })
      .def_property_readonly("end_ms",
                             [](const SimulationCore& c) { return c.sim.end().time_since_epoch().count(); })
      .def_property_readonly("name", [](const SimulationCore& c) { return c.sim.scenario().name; })
      .def_property_readonly("seed", [](const SimulationCore& c) { return c.sim.scenario().simulation.seed; })
      .def(
          "run_until",
          [](SimulationCore& c, std::int64_t ms) {
            Exclusive only(c);
            py::gil_scoped_release unlocked;  // threads and Dask workers run side by side
            c.sim.run_until(SimTime{Millis{ms}});
          },
          py::arg("ms"), "Runs every event up to and including `ms` (capped at the end).")
      .def(
          "summary_json",
          [](SimulationCore& c) {
            Exclusive only(c);
            return summary_json(c.sim.summary());
          },
          "summary.json text as of now.")
      .def(
          "report",
          [](SimulationCore& c) {
            Exclusive only(c);
            return report_text(c.sim, c.sim.summary());
          },
          "The terminal report of `ecsim run`.")
      .def(
          "events_jsonl",
          [](SimulationCore& c) {
            Exclusive only(c);
            return events_jsonl(c.sim);
          },
          "events.jsonl text.")
      .def(
          "metrics_csv",
          [](SimulationCore& c) {
            Exclusive only(c);
            return metrics_csv(c.sim);
          },
          "metrics.csv text.")
      .def(
          "write",
          [](SimulationCore& c, const std::string& dir) {
            Exclusive only(c);
            py::gil_scoped_release unlocked;
            write_outputs(c.sim, c.sim.summary(), dir);
          },
          py::arg("dir"), "Writes summary.json, events.jsonl and metrics.csv into `dir`.")
      .def(
          "event_columns",
          [](SimulationCore& c) {
            Exclusive only(c);
            return event_columns(c.sim);
          },
          "events.jsonl as numpy columns of codes plus their names.")
      .def(
          "metric_columns",
          [](SimulationCore& c) {
            Exclusive only(c);
            return metric_columns(c.sim);
          },
          "metrics.csv as numpy columns keyed by its header.")
      .def(
          "deployment_usage_columns",
          [](SimulationCore& c) {
            Exclusive only(c);
            return deployment_usage_columns(c.sim);
          },
          "Each deployment's requests, unserved requests, CPU and task-seconds so far, as columns.");
}

}  // namespace ecsim::detail
