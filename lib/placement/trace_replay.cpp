#include "ecsim/placement/trace_replay.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <queue>

#include "ecsim/core/error.hpp"
#include "ecsim/placement/instance_lower_bound.hpp"
#include "ecsim/placement/placer.hpp"

namespace ecsim {

namespace {

// A CSV with a header row, read by column name so column order does not matter.
class CsvFile {
 public:
  CsvFile(const std::string& path, std::vector<std::string> columns) : path_(path) {
    in_.open(path);
    if (!in_) throw InputError("cannot open trace file " + path);
    std::string header;
    std::getline(in_, header);
    line_ = 1;
    const std::vector<std::string_view> names = split(header);
    for (const std::string& c : columns) {
      const auto it = std::find(names.begin(), names.end(), c);
      if (it == names.end()) throw ScenarioError(path_, 1, 0, c, "missing column");
      index_.push_back(static_cast<std::size_t>(it - names.begin()));
    }
    columns_ = std::move(columns);
  }

  bool next() {
    while (std::getline(in_, row_)) {
      ++line_;
      if (!row_.empty() && row_.back() == '\r') row_.pop_back();
      if (row_.empty()) continue;
      cells_ = split(row_);
      return true;
    }
    return false;
  }

  std::string_view text(std::size_t column) const {
    const std::size_t i = index_[column];
    if (i >= cells_.size()) throw ScenarioError(path_, line_, 0, columns_[column], "missing value");
    return cells_[i];
  }

  std::int64_t number(std::size_t column, bool allow_empty = false) const {
    const std::string_view t = text(column);
    if (t.empty() && allow_empty) return 0;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || v < 0)
      throw ScenarioError(path_, line_, 0, columns_[column], "'" + std::string(t) + "' is not a whole number >= 0");
    return v;
  }

  int small(std::size_t column) const {
    const std::int64_t v = number(column);
    if (v > 2'000'000'000) throw ScenarioError(path_, line_, 0, columns_[column], "value too large");
    return static_cast<int>(v);
  }

 private:
  static std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = s.find(',', start);
      out.push_back(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (comma == std::string_view::npos) return out;
      start = comma + 1;
    }
  }

  std::string path_;
  std::ifstream in_;
  std::string row_;
  std::vector<std::string_view> cells_;
  std::vector<std::string> columns_;
  std::vector<std::size_t> index_;
  int line_ = 0;
};

// 1000 millicores = 1024 CPU units, to the nearest unit.
int cpu_units(int milli) { return static_cast<int>((std::int64_t{milli} * 1024 + 500) / 1000); }

}  // namespace

Trace load_alibaba_trace(const std::string& directory) {
  Trace trace;
  {
    CsvFile f(directory + "/nodes.csv", {"sn", "cpu_milli", "memory_mib", "gpu", "model"});
    while (f.next())
      trace.nodes.push_back({std::string(f.text(0)), f.small(1), f.small(2), f.small(3), std::string(f.text(4))});
  }
  {
    CsvFile f(directory + "/pods.csv",
              {"name", "cpu_milli", "memory_mib", "num_gpu", "creation_time", "deletion_time"});
    while (f.next()) {
      TracePod p{std::string(f.text(0)), f.small(1), f.small(2), f.small(3),
                 Millis{f.number(4) * 1000}, Millis{f.number(5, true) * 1000}};
      trace.pods.push_back(std::move(p));
    }
  }
  return trace;
}

ReplayResult replay_trace(const Trace& trace, const PlacementPolicy& policy, std::uint64_t seed,
                          std::uint32_t copies) {
  const auto pods = static_cast<std::uint32_t>(trace.pods.size());
  ClusterState state;
  state.reserve_instances(static_cast<std::uint32_t>(trace.nodes.size()));
  state.reserve_tasks(pods * copies);
  static constexpr const char* zones[] = {"openb-a", "openb-b", "openb-c"};
  std::vector<Capacity> pool;
  for (std::size_t i = 0; i < trace.nodes.size(); ++i) {
    const TraceNode& n = trace.nodes[i];
    InstanceSpec spec;
    spec.ec2_instance_id = n.name;
    spec.instance_type = "openb." + (n.gpu_model.empty() ? std::string("cpu") : n.gpu_model);
    spec.availability_zone = zones[i % 3];
    spec.cpu_units = cpu_units(n.cpu_milli);
    spec.memory_mib = n.memory_mib;
    spec.gpus = n.gpus;
    state.register_instance(spec);
    pool.push_back({spec.cpu_units, spec.memory_mib, spec.gpus, 0});
  }
  const InstanceLowerBound lower_bound(pool);
  Placer placer(state, seed);
  const PolicyId pid = placer.add_policy(policy);
  const TaskGroupId group = state.group("alibaba-openb");
  std::vector<DemandId> demand(trace.pods.size());
  for (std::size_t i = 0; i < trace.pods.size(); ++i) {
    const TracePod& p = trace.pods[i];
    demand[i] = state.add_demand(simple_demand(cpu_units(p.cpu_milli), p.memory_mib, p.gpus));
  }

  // Task ids are pod + copy * pods; arrivals go by time, then pod, then copy.
  std::vector<std::uint32_t> arrivals(static_cast<std::size_t>(pods) * copies);
  for (std::uint32_t i = 0; i < pods; ++i)
    for (std::uint32_t c = 0; c < copies; ++c) arrivals[std::size_t{i} * copies + c] = i + c * pods;
  std::stable_sort(arrivals.begin(), arrivals.end(), [&](std::uint32_t a, std::uint32_t b) {
    return trace.pods[a % pods].created < trace.pods[b % pods].created;
  });
  using Departure = std::pair<Millis, std::uint32_t>;  // (time, task): task ids break time ties
  std::priority_queue<Departure, std::vector<Departure>, std::greater<>> departures;

  ReplayResult out;
  ResourceTotals running;
  std::uint32_t in_use = 0;
  std::int64_t in_use_cpu = 0, in_use_memory = 0, in_use_gpus = 0;
  double alloc_cpu_time = 0, cap_cpu_time = 0, alloc_mem_time = 0, cap_mem_time = 0, alloc_gpu_time = 0,
         cap_gpu_time = 0;
  Millis now{0};
  bool started = false;
  const auto advance = [&](Millis t) {
    if (started) {
      const double dt = static_cast<double>((t - now).count());
      alloc_cpu_time += dt * static_cast<double>(running.cpu);
      alloc_mem_time += dt * static_cast<double>(running.memory_mib);
      alloc_gpu_time += dt * static_cast<double>(running.gpus);
      cap_cpu_time += dt * static_cast<double>(in_use_cpu);
      cap_mem_time += dt * static_cast<double>(in_use_memory);
      cap_gpu_time += dt * static_cast<double>(in_use_gpus);
    }
    started = true;
    now = t;
  };
  const auto track = [&](InstanceId id, std::int64_t sign) {
    const Capacity reg = state.registered(id);
    in_use = static_cast<std::uint32_t>(in_use + sign);
    in_use_cpu += sign * reg.cpu;
    in_use_memory += sign * reg.memory_mib;
    in_use_gpus += sign * reg.gpus;
  };
  const auto depart = [&](const Departure& d) {
    advance(d.first);
    const TaskId task = make_id<TaskId>(d.second);
    const InstanceId on = state.instance_of(task);
    const TaskDemand& dem = state.demand(demand[d.second % pods]);
    placer.release(task);
    running.cpu -= dem.cpu;
    running.memory_mib -= dem.memory_mib;
    running.gpus -= dem.gpus;
    if (state.running_tasks(on) == 0) track(on, -1);
  };

  for (const std::uint32_t i : arrivals) {
    const TracePod& p = trace.pods[i % pods];
    while (!departures.empty() && departures.top().first <= p.created) {
      depart(departures.top());
      departures.pop();
    }
    advance(p.created);
    const TaskId task = make_id<TaskId>(i);
    const PlacementResult r = placer.place(task, demand[i % pods], group, pid);
    if (!r) {
      ++out.failed;
      continue;
    }
    ++out.placed;
    if (state.running_tasks(*r) == 1) track(*r, +1);
    const TaskDemand& dem = state.demand(demand[i % pods]);
    running.cpu += dem.cpu;
    running.memory_mib += dem.memory_mib;
    running.gpus += dem.gpus;
    out.peak_instances_used = std::max(out.peak_instances_used, in_use);
    out.peak_lower_bound = std::max(out.peak_lower_bound, lower_bound(running).value_or(0));
    departures.emplace(std::max(p.deleted, p.created), i);
  }
  while (!departures.empty()) {
    depart(departures.top());
    departures.pop();
  }
  out.cpu_utilisation = cap_cpu_time > 0 ? alloc_cpu_time / cap_cpu_time : 0;
  out.memory_utilisation = cap_mem_time > 0 ? alloc_mem_time / cap_mem_time : 0;
  out.gpu_utilisation = cap_gpu_time > 0 ? alloc_gpu_time / cap_gpu_time : 0;
  return out;
}

}  // namespace ecsim
