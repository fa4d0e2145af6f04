// apply_defaults: the defaults that depend on other fields. Every other
// default is a member initializer in include/ecsim/model/.
#include <ecsim/model/scenario.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

namespace ecsim {
namespace {

const ClusterSpec* find_cluster(const Scenario& s, const std::string& name) {
  for (const ClusterSpec& c : s.clusters)
    if (c.cluster_name == name) return &c;
  return nullptr;
}

void number_revision(TaskDefinition& td, std::map<std::string, int>& latest) {
  int& last = latest[td.family];
  if (td.revision == 0)
    td.revision = ++last;
  else
    last = std::max(last, td.revision);
}

// ECS: with neither launchType nor capacityProviderStrategy, CreateService and
// RunTask use the cluster's defaultCapacityProviderStrategy, else launch type
// EC2 (ecs-facts.md §7.1).
void default_capacity(const Scenario& s, const std::string& cluster, std::optional<LaunchType>& launch_type,
                      std::vector<CapacityProviderStrategyItem>& strategy) {
  if (launch_type || !strategy.empty()) return;
  const ClusterSpec* c = find_cluster(s, cluster);
  if (c && !c->default_capacity_provider_strategy.empty())
    strategy = c->default_capacity_provider_strategy;
  else
    launch_type = LaunchType::ec2;
}

void service_defaults(const Scenario& s, ServiceSpec& svc) {
  // ECS: REPLICA 100/200, DAEMON 0/100 (ecs-facts.md §3).
  const bool daemon = svc.scheduling_strategy == SchedulingStrategy::daemon;
  DeploymentConfiguration& dc = svc.deployment_configuration;
  if (!dc.minimum_healthy_percent) dc.minimum_healthy_percent = daemon ? 0 : 100;
  if (!dc.maximum_percent) dc.maximum_percent = daemon ? 100 : 200;
  default_capacity(s, svc.cluster, svc.launch_type, svc.capacity_provider_strategy);
}

}  // namespace

void apply_defaults(Scenario& s) {
  if (s.name.empty()) {
    const std::string stem = std::filesystem::path(s.where.file).stem().string();
    s.name = stem.empty() || stem.front() == '<' ? "scenario" : stem;
  }
  for (ClusterSpec& c : s.clusters) {
    if (c.availability_zones.empty())
      for (const char* zone : {"a", "b", "c"}) c.availability_zones.push_back(s.simulation.region + zone);
  }
  for (CapacityProviderSpec& cp : s.capacity_providers) {
    AutoScalingGroupSpec& g = cp.auto_scaling_group;
    if (!g.desired_capacity) g.desired_capacity = g.min_size;
    if (g.availability_zones.empty()) {
      const ClusterSpec* c = find_cluster(s, cp.cluster);
      for (const ClusterSpec& other : s.clusters) {
        if (c) break;
        if (std::find(other.capacity_providers.begin(), other.capacity_providers.end(), cp.name) !=
            other.capacity_providers.end())
          c = &other;
      }
      if (c) g.availability_zones = c->availability_zones;
    }
  }
  // Revisions follow registration order: the taskDefinitions list, then the
  // timeline's registrations by time.
  std::map<std::string, int> latest;
  for (TaskDefinition& td : s.task_definitions) number_revision(td, latest);
  std::vector<TimelineEntry*> by_time;
  for (TimelineEntry& e : s.timeline) by_time.push_back(&e);
  std::stable_sort(by_time.begin(), by_time.end(),
                   [](const TimelineEntry* a, const TimelineEntry* b) { return a->at < b->at; });
  for (TimelineEntry* e : by_time) {
    if (auto* reg = std::get_if<RegisterTaskDefinitionAction>(&e->action))
      number_revision(reg->task_definition, latest);
  }
  for (ServiceSpec& svc : s.services) service_defaults(s, svc);
  for (TimelineEntry& e : s.timeline) {
    if (auto* create = std::get_if<CreateServiceAction>(&e.action)) service_defaults(s, create->service);
    if (auto* run = std::get_if<RunTaskAction>(&e.action))
      default_capacity(s, run->cluster, run->launch_type, run->capacity_provider_strategy);
  }
  // ELB: HTTP/HTTPS health checks time out after 5 s, the others after 10 s
  // (ecs-facts.md §11; the ELBv2 API says 6 s for HTTP, the ALB guide 5 s).
  for (TargetGroupSpec& tg : s.target_groups) {
    if (tg.health_check_timeout) continue;
    const bool http = tg.protocol == TargetGroupProtocol::http || tg.protocol == TargetGroupProtocol::https;
    tg.health_check_timeout = Millis{http ? 5'000 : 10'000};
  }
}

}  // namespace ecsim
