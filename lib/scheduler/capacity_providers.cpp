#include "scheduler/capacity_providers.hpp"

#include "scheduler/service_scheduler.hpp"

#include <ecsim/core/assert.hpp>
#include <ecsim/core/error.hpp>
#include <ecsim/cost/billing.hpp>

#include <fmt/format.h>

#include <cmath>

namespace ecsim::detail {

namespace {

ProviderKind kind_of(const std::string& name) {
  if (name == "FARGATE") return ProviderKind::fargate;
  if (name == "FARGATE_SPOT") return ProviderKind::fargate_spot;
  return ProviderKind::ec2;
}

}  // namespace

std::uint8_t service_provider(ServiceRuntime& svc, const std::string& name) {
  for (std::size_t i = 0; i < svc.providers.size(); ++i)
    if (svc.providers[i].name == name) return static_cast<std::uint8_t>(i);
  ECSIM_ASSERT(svc.providers.size() < 255, "a strategy names at most 20 providers");
  ServiceProvider& p = svc.providers.emplace_back();
  p.name = name;
  p.kind = kind_of(name);
  return static_cast<std::uint8_t>(svc.providers.size() - 1);
}

void assign_strategy(World& w, std::uint32_t s, DeploymentRuntime& dep,
                     const std::vector<CapacityProviderStrategyItem>& strategy) {
  ServiceRuntime& svc = w.services[s];
  dep.shares.clear();
  dep.share_provider.clear();
  if (strategy.empty()) {
    dep.shares.push_back({0, 1});
    const char* launch = svc.spec->launch_type == LaunchType::external ? "EXTERNAL" : svc.ec2 ? "EC2" : "FARGATE";
    dep.share_provider.push_back(service_provider(svc, launch));
  } else {
    for (const CapacityProviderStrategyItem& item : strategy) {
      dep.shares.push_back({item.base, item.weight});
      dep.share_provider.push_back(service_provider(svc, item.capacity_provider));
    }
  }
  dep.share_tasks.assign(dep.shares.size(), 0);
}

std::uint8_t take_provider_slot(DeploymentRuntime& dep) {
  const std::size_t e = dep.shares.size() == 1 ? 0 : next_provider(dep.shares, dep.share_tasks);
  ++dep.share_tasks[e];
  return static_cast<std::uint8_t>(e);
}

void release_provider_slot(World& w, std::size_t i) {
  DeploymentRuntime& dep = w.deployments[w.tasks.rows[i].deployment];
  --dep.share_tasks[w.tasks.rows[i].provider];
}

std::uint8_t task_provider(const World& w, std::size_t i) {
  return w.deployments[w.tasks.rows[i].deployment].share_provider[w.tasks.rows[i].provider];
}

ProviderKind task_provider_kind(const World& w, std::size_t i) {
  return w.services[w.tasks.rows[i].service].providers[task_provider(w, i)].kind;
}

double task_hourly_usd(const World& w, std::uint32_t s, std::uint32_t d, std::uint8_t entry) {
  const DeploymentRuntime& dep = w.deployments[d];
  const TaskDefinitionRuntime& td = w.task_definitions[dep.task_definition];
  switch (w.services[s].providers[dep.share_provider[entry]].kind) {
    case ProviderKind::fargate:
      return td.hourly_usd;
    case ProviderKind::fargate_spot:
      if (std::isnan(td.spot_hourly_usd))
        throw Error(fmt::format("service '{}': task definition {} cannot run on FARGATE_SPOT (Fargate offers "
                                "no Spot capacity for Windows)",
                                w.services[s].spec->service_name, td.name));
      return td.spot_hourly_usd;
    case ProviderKind::ec2:
      break;
  }
  return 0.0;
}

double ec2_task_hourly_usd(const World& w, std::uint32_t cluster, TaskId t) {
  const ClusterRuntime& c = w.clusters[cluster];
  const InstanceId id = c.state->instance_of(t);
  if (id == invalid_id<InstanceId> || index(id) >= c.instance_hourly_usd.size()) return 0.0;
  const Capacity reg = c.state->registered(id);
  const TaskDemand& d = c.state->demand(c.state->demand_of(t));
  const double cpu = reg.cpu > 0 ? static_cast<double>(d.cpu) / reg.cpu : 0.0;
  const double memory = reg.memory_mib > 0 ? static_cast<double>(d.memory_mib) / reg.memory_mib : 0.0;
  return c.instance_hourly_usd[index(id)] * (cpu + memory) / 2.0;
}

int entry_to_shrink(const DeploymentRuntime& dep) {
  if (dep.shares.size() <= 1) return -1;
  return static_cast<int>(provider_to_shrink(dep.shares, dep.share_tasks));
}

std::vector<std::pair<std::string, int>> running_by_provider(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  std::vector<int> n(svc.providers.size(), 0);
  for (TaskId t : svc.tasks) {
    const std::size_t i = index(t);
    if (w.tasks.rows[i].state == TaskState::running && !w.tasks.rows[i].stop_requested) ++n[task_provider(w, i)];
  }
  std::vector<std::pair<std::string, int>> out;
  for (std::size_t p = 0; p < n.size(); ++p)
    if (n[p] > 0) out.emplace_back(svc.providers[p].name, n[p]);
  return out;
}

std::vector<double> service_cost_by_provider(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  std::vector<double> cost(svc.providers.size(), 0.0);
  // As service_cost_usd: a live task is billed per second so far.
  for (std::size_t p = 0; p < svc.providers.size(); ++p)
    cost[p] = svc.providers[p].stopped_cost_usd + svc.providers[p].running.usd_at(w.engine.now());
  return cost;
}

void track_below_desired(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  const bool below_now = count_tasks(w, s).healthy < svc.desired_count;
  if (below_now == svc.below) return;
  const SimTime now = w.engine.now();
  if (svc.below) svc.below_desired += now - svc.below_since;
  svc.below = below_now;
  svc.below_since = now;
}

Millis time_below_desired(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  return svc.below ? svc.below_desired + (w.engine.now() - svc.below_since) : svc.below_desired;
}

}  // namespace ecsim::detail
