#include <ecsim/io/output_writers.hpp>

#include <ecsim/core/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace ecsim {

namespace {

using Json = nlohmann::ordered_json;

/// Dollars rounded to a millionth: enough for per-second billing, and it keeps
/// binary noise (0.30000000000000004) out of the files.
double usd(double v) { return std::round(v * 1e6) / 1e6; }

Json deployment_json(const DeploymentSummary& d) {
  Json j;
  j["id"] = d.id;
  j["taskDefinition"] = d.task_definition;
  j["rolloutState"] = d.rollout_state;
  j["startedAt"] = d.started_at;
  j["finishedAt"] = d.finished_at ? Json(*d.finished_at) : Json(nullptr);
  j["failedTasks"] = d.failed_tasks;
  j["rolledBack"] = d.rolled_back;
  j["minHealthyCount"] = d.min_healthy_count;
  j["maxRunningCount"] = d.max_running_count;
  j["strategy"] = d.strategy;
  Json steps = Json::array();
  for (const DeploymentTimelineStep& st : d.timeline)
    steps.push_back(
        {{"time", st.at}, {"stage", st.stage}, {"event", st.event}, {"trafficPercent", st.traffic_percent}});
  j["timeline"] = steps;
  return j;
}

std::string clock(double seconds) {
  const auto s = static_cast<long long>(seconds);
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

std::string csv_number(double v) {
  if (std::isnan(v)) return {};  // no datapoint, as CloudWatch shows none
  return fmt::format("{:.6g}", v);
}

/// Traffic and Service Auto Scaling: requests unserved, scaling activities,
/// and the last scaling events.
template <class Bold>
std::string autoscaling_report(const Simulation& sim, const RunSummary& r, Bold bold) {
  std::string out;
  bool any = false;
  for (const auto& [name, s] : r.services) {
    if (s.requests_offered <= 0 && s.scaling_activities == 0) continue;
    if (!any) out += "\n" + bold("traffic and auto scaling") + "\n";
    any = true;
    const double pct = s.requests_offered > 0 ? 100.0 * s.requests_unserved / s.requests_offered : 0.0;
    out += fmt::format("  {:<20} requests {:.0f}, unserved {:.0f} ({:.2f} %), scaling activities {}\n", name,
                       s.requests_offered, s.requests_unserved, pct, s.scaling_activities);
  }
  std::vector<const Record*> scaling;
  for (const Record& rec : sim.recorder().records())
    if (rec.type == RecordType::scaling) scaling.push_back(&rec);
  const std::size_t shown = std::min<std::size_t>(scaling.size(), 8);
  if (shown > 0) out += "\n" + bold("last scaling activities") + "\n";
  for (std::size_t k = scaling.size() - shown; k < scaling.size(); ++k) {
    std::string text(sim.recorder().text(*scaling[k]));
    if (text.size() > 150) text = text.substr(0, 147) + "...";
    // Managed instance scaling belongs to a capacity provider, not a service.
    const std::uint32_t svc = scaling[k]->service;
    out += fmt::format("  {}  {:<16} {}\n", clock(to_seconds(scaling[k]->at)),
                       svc == Record::no_service ? std::string("-") : sim.service_name(svc), text);
  }
  return out;
}

}  // namespace

std::string summary_json(const RunSummary& r) {
  Json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["durationSeconds"] = r.duration_seconds;
  Json services = Json::object();
  Json by_service = Json::object();
  for (const auto& [name, s] : r.services) {
    Json js;
    js["desiredCount"] = s.desired_count;
    js["runningCount"] = s.running_count;
    js["pendingCount"] = s.pending_count;
    js["healthyCount"] = s.healthy_count;
    js["tasksStarted"] = s.tasks_started;
    js["tasksStopped"] = s.tasks_stopped;
    js["placementFailures"] = s.placement_failures;
    js["spotInterruptions"] = s.spot_interruptions;
    js["tasksLost"] = s.tasks_lost;
    js["secondsBelowDesired"] = s.seconds_below_desired;
    js["maxCapacityWaitSeconds"] = s.max_capacity_wait_seconds;
    js["steadyState"] = s.steady_state;
    Json providers = Json::object();
    for (const auto& [p, n] : s.tasks_by_capacity_provider) providers[p] = n;
    js["tasksByCapacityProvider"] = providers;
    Json deps = Json::array();
    for (const auto& d : s.deployments) deps.push_back(deployment_json(d));
    js["deployments"] = deps;
    js["costUsd"] = usd(s.cost_usd);
    js["scalingActivities"] = s.scaling_activities;
    js["requestsOffered"] = std::round(s.requests_offered);
    js["unservedRequests"] = std::round(s.requests_unserved);
    services[name] = js;
    by_service[name] = usd(s.cost_usd);
  }
  j["services"] = services;
  if (!r.standalone_tasks.empty()) {
    Json groups = Json::object();
    for (const auto& [group, g] : r.standalone_tasks)
      groups[group] = {{"runningCount", g.running_count},     {"pendingCount", g.pending_count},
                       {"tasksStarted", g.tasks_started},     {"tasksStopped", g.tasks_stopped},
                       {"placementFailures", g.placement_failures}, {"costUsd", usd(g.cost_usd)}};
    j["standaloneTasks"] = groups;
  }
  j["instances"] = {{"launched", r.instances_launched},
                    {"terminated", r.instances_terminated},
                    {"peak", r.instances_peak},
                    {"spotInterruptions", r.instance_spot_interruptions}};
  Json by_provider = Json::object();
  for (const auto& [p, v] : r.cost_by_capacity_provider) by_provider[p] = usd(v);
  j["cost"] = {{"totalUsd", usd(r.total_cost_usd)},
               {"monthlyProjectionUsd", usd(r.monthly_cost_usd)},
               {"byService", by_service},
               {"byCapacityProvider", by_provider},
               {"ec2IdleUsd", usd(r.ec2_idle_cost_usd)}};
  return j.dump(2) + "\n";
}

std::string events_jsonl(const Simulation& sim) {
  std::string out;
  const Recorder& rec = sim.recorder();
  for (const Record& r : rec.records()) {
    Json j;
    j["time"] = to_seconds(r.at);
    j["type"] = std::string(to_string(r.type));
    if (r.service != Record::no_service) j["service"] = sim.service_name(r.service);
    if (r.task != Record::no_task) j["task"] = sim.task_id(r.task);
    if (r.type == RecordType::task_state) {
      // A task's creation is recorded PROVISIONING -> PROVISIONING: it came from nothing.
      const bool created = r.from == r.to;
      j["from"] = created ? Json(nullptr) : Json(std::string(to_string(r.from)));
      j["to"] = std::string(to_string(r.to));
    } else {
      j["message"] = std::string(rec.text(r));
    }
    out += j.dump();
    out += '\n';
  }
  return out;
}

std::string metrics_csv(const Simulation& sim) {
  std::string out =
      "time,service,desiredCount,runningCount,pendingCount,healthyCount,cpuUtilization,"
      "memoryUtilization,requestsPerSecond,costUsd,unservedRequests,requestCountPerTarget\n";
  for (const MetricSample& m : sim.recorder().metrics()) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{:.6f},{},{}\n", to_seconds(m.at),
                       sim.service_name(m.service), m.desired_count, m.running_count,
                       m.pending_count, m.healthy_count, csv_number(m.cpu_utilization),
                       csv_number(m.memory_utilization), csv_number(m.requests_per_second),
                       m.cost_usd, csv_number(m.unserved_requests), csv_number(m.request_count_per_target));
  }
  return out;
}

std::string report_text(const Simulation& sim, const RunSummary& r, bool colour) {
  std::string out;
  auto bold = [colour](std::string_view t) {
    return colour ? fmt::format("\033[1m{}\033[0m", t) : std::string(t);
  };
  auto outcome = [colour](const std::string& state) {
    if (!colour) return fmt::format("{:<11}", state);
    const char* code = state == "COMPLETED" ? "32" : state == "FAILED" ? "31" : "33";
    return fmt::format("\033[{}m{:<11}\033[0m", code, state);
  };
  const Scenario& sc = sim.scenario();
  out += fmt::format("{} (seed {}, {} simulated, {})\n\n", bold("ecsim: " + r.scenario), r.seed,
                     format_duration(sc.simulation.duration), sc.simulation.region);
  out += fmt::format("{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>10}\n", "service",
                     "desired", "running", "pending", "healthy", "started", "stopped", "steady",
                     "cost");
  for (const auto& [name, s] : r.services)
    out += fmt::format("{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>10}\n", name,
                       s.desired_count, s.running_count, s.pending_count, s.healthy_count,
                       s.tasks_started, s.tasks_stopped, s.steady_state ? "yes" : "no",
                       fmt::format("${:.2f}", s.cost_usd));
  for (const auto& [group, g] : r.standalone_tasks)  // RunTask groups: no desired count, no health
    out += fmt::format("{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>10}\n", group, "-",
                       g.running_count, g.pending_count, "-", g.tasks_started, g.tasks_stopped, "-",
                       fmt::format("${:.2f}", g.cost_usd));

  bool any_deployment = false;
  for (const auto& [name, s] : r.services) {
    for (const auto& d : s.deployments) {
      if (!any_deployment) out += "\n" + bold("deployments") + "\n";
      any_deployment = true;
      out += fmt::format("  {:<20} {} {:<18} {} started {}  {}  min healthy {}, max running {}\n",
                         name, d.id, d.task_definition, outcome(d.rollout_state), clock(d.started_at),
                         d.finished_at ? "finished " + clock(*d.finished_at) : std::string("not finished"),
                         d.min_healthy_count, d.max_running_count);
      // Blue/green: each step with the replacement's share of production traffic.
      for (const DeploymentTimelineStep& st : d.timeline)
        out += fmt::format("      {}  {:>5}%  {:<28} {}\n", clock(st.at), fmt::format("{:g}", st.traffic_percent),
                           st.stage, st.event);
    }
  }

  std::int64_t placement_failures = 0, interruptions = 0, lost = 0;
  for (const auto& [name, s] : r.services) {
    placement_failures += s.placement_failures;
    interruptions += s.spot_interruptions;
    lost += s.tasks_lost;
  }
  out += fmt::format("\nplacement failures {}, spot interruptions {}, tasks lost to outages {}\n",
                     placement_failures, interruptions, lost);
  for (const auto& [name, s] : r.services)
    if (s.seconds_below_desired > 0 && r.duration_seconds > 0)
      out += fmt::format("  {:<22} below desired healthy count {} of {} ({:.2f} % availability)\n", name,
                         clock(s.seconds_below_desired), clock(r.duration_seconds),
                         100.0 * (1.0 - s.seconds_below_desired / r.duration_seconds));
  for (const auto& [name, s] : r.services)
    if (s.max_capacity_wait_seconds > 0)
      out += fmt::format("  {:<22} tasks waited up to {} in PROVISIONING for an instance\n", name,
                         clock(s.max_capacity_wait_seconds));
  if (r.instances_launched > 0)
    out += fmt::format("container instances: launched {}, terminated {}, peak {}\n", r.instances_launched,
                       r.instances_terminated, r.instances_peak);
  // Faults as they happened (the first few).
  std::size_t faults = 0;
  for (const Record& rec : sim.recorder().records()) {
    if (rec.type != RecordType::fault) continue;
    if (++faults > 5) continue;
    out += fmt::format("  {}  {}\n", clock(to_seconds(rec.at)), sim.recorder().text(rec));
  }
  if (faults > 5) out += fmt::format("  ... {} fault events in all (events.jsonl)\n", faults);

  out += autoscaling_report(sim, r, bold);

  out += fmt::format("\n{}\n  total                ${:.2f}\n", bold("cost"), r.total_cost_usd);
  out += fmt::format("  projected per month  ${:.2f}  (this run's rate over 730 h)\n",
                     r.monthly_cost_usd);
  for (const auto& [p, v] : r.cost_by_capacity_provider)
    out += fmt::format("  {:<20} ${:.2f}\n", p, v);
  if (r.ec2_idle_cost_usd > 0)
    out += fmt::format("  {:<20} ${:.2f}  (EC2 capacity no task reserved)\n", "idle EC2", r.ec2_idle_cost_usd);

  // The last service events, as the console shows them (newest last here).
  std::vector<const Record*> events;
  for (const Record& rec : sim.recorder().records())
    if (rec.type == RecordType::service_event || rec.type == RecordType::placement_failure)
      events.push_back(&rec);
  const std::size_t shown = std::min<std::size_t>(events.size(), 8);
  if (shown > 0) out += "\n" + bold("last service events") + "\n";
  for (std::size_t k = events.size() - shown; k < events.size(); ++k) {
    std::string text(sim.recorder().text(*events[k]));
    if (text.size() > 110) text = text.substr(0, 107) + "...";
    out += fmt::format("  {}  {}\n", clock(to_seconds(events[k]->at)), text);
  }
  return out;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".partial";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw Error(fmt::format("cannot write {}", tmp.string()));
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.flush();
    if (!f) throw Error(fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(fmt::format("cannot rename {} to {}: {}", tmp.string(), path.string(), ec.message()));
}

void write_outputs(const Simulation& sim, const RunSummary& summary, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("cannot create output folder {}: {}", dir.string(), ec.message()));
  write_file_atomically(dir / "summary.json", summary_json(summary));
  write_file_atomically(dir / "events.jsonl", events_jsonl(sim));
  write_file_atomically(dir / "metrics.csv", metrics_csv(sim));
}

}  // namespace ecsim
