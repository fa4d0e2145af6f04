#pragma once
// Scheduler tests' common scenario: Fargate service "web" with fixed
// durations, so every time in the event log is exact.
#include <ecsim/simulation.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ecsim::test {

using namespace std::chrono_literals;

inline TaskDefinition fargate_td(const std::string& family, int revision) {
  TaskDefinition td;
  td.family = family;
  td.revision = revision;
  td.network_mode = NetworkMode::awsvpc;
  td.requires_compatibilities = {LaunchType::fargate};
  td.cpu = 512;
  td.memory = 1024;
  ContainerDefinition c;
  c.name = family;
  c.image = family + ":v" + std::to_string(revision);
  td.container_definitions.push_back(c);
  return td;
}

/// One cluster over three zones, one Fargate service "web" of `desired` tasks;
/// image pull 10 s, so a task runs 17 s after launch (5 s PROVISIONING, 2 s
/// PENDING) and counts healthy 40 s later (no health check, no LB).
inline Scenario web_scenario(int desired, int min_pct = 100, int max_pct = 200) {
  Scenario sc;
  sc.name = "web-test";
  sc.simulation.duration = Millis{2h};
  sc.simulation.seed = 7;
  ClusterSpec cluster;
  cluster.cluster_name = "prod";
  cluster.availability_zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  sc.clusters.push_back(cluster);
  sc.task_definitions.push_back(fargate_td("web", 1));
  sc.task_definitions.push_back(fargate_td("web", 2));
  ServiceSpec svc;
  svc.service_name = "web";
  svc.cluster = "prod";
  svc.task_definition = "web:1";
  svc.desired_count = desired;
  svc.launch_type = LaunchType::fargate;
  svc.deployment_configuration.minimum_healthy_percent = min_pct;
  svc.deployment_configuration.maximum_percent = max_pct;
  sc.services.push_back(svc);
  BehaviorSpec b;
  b.task_definition = "web";
  b.image_pull.value = Millis{10s};
  b.shutdown.value = Millis{2s};
  sc.behavior.push_back(b);
  return sc;
}

inline void update_at(Scenario& sc, Millis at, std::optional<std::string> td, std::optional<int> desired) {
  UpdateServiceAction u;
  u.service = "web";
  u.task_definition = std::move(td);
  u.desired_count = desired;
  sc.timeline.push_back(TimelineEntry{at, u, {}});
}

inline std::vector<std::pair<double, std::string>> service_events(const Simulation& sim) {
  std::vector<std::pair<double, std::string>> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::service_event)
      out.emplace_back(to_seconds(r.at), std::string(sim.recorder().text(r)));
  return out;
}

}  // namespace ecsim::test
