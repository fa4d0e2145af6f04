#include "scheduler/managed_scaling.hpp"

#include "scheduler/capacity_providers.hpp"
#include "scheduler/ec2_spot.hpp"
#include "scheduler/service_scheduler.hpp"

#include <ecsim/cost/billing.hpp>
#include <ecsim/model/instance_type.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace ecsim::detail {

namespace {

constexpr Millis evaluation_period{60'000};  // CapacityProviderReservation is evaluated every minute
constexpr int scale_in_datapoints = 15;      // the scale-in alarm needs 15 one-minute datapoints

void instance_event(World& w, const std::string& text) {
  w.recorder.message(w.engine.now(), RecordType::instance, Record::no_service, text);
}

void launch(World& w, std::uint32_t a, int count, bool registered_now) {
  AsgRuntime& g = w.asgs[a];
  const AutoScalingGroupSpec& spec = g.spec->auto_scaling_group;
  for (int k = 0; k < count; ++k) {
    AsgInstance inst;
    // The group balances its zones: each launch goes to the next one in
    // turn, skipping zones in an outage while another is up.
    const std::vector<std::uint8_t>& down = w.clusters[g.cluster].zone_down;
    std::size_t pick = g.instances.size() % g.zones.size();
    for (std::size_t step = 0; step < g.zones.size(); ++step) {
      const std::size_t z = (g.instances.size() + step) % g.zones.size();
      if (g.zones[z] >= down.size() || !down[g.zones[z]]) {
        pick = z;
        break;
      }
    }
    inst.zone = g.zones[pick];
    inst.type = g.launch_type;
    inst.launched = w.engine.now();
    inst.warm_at = registered_now ? w.engine.now()
                                  : w.engine.now() + g.spec->auto_scaling_group_provider.managed_scaling.instance_warmup_period;
    g.instances.push_back(inst);
    ++g.in_service;
    ++w.instances_in_service;
    const auto n = static_cast<std::uint32_t>(g.instances.size() - 1);
    if (registered_now)
      on_instance_registered(w, a, n);
    else
      w.engine.schedule_in(spec.launch_time, EventKind::instance_registered, a, n);
  }
  w.instances_peak = std::max(w.instances_peak, w.instances_in_service);
}

/// The group's instance as a container instance of its cluster.
InstanceId register_with_cluster(World& w, AsgRuntime& g, const AsgInstance& inst, std::uint32_t n) {
  ClusterRuntime& c = w.clusters[g.cluster];
  const InstanceType& type = *g.types[inst.type];
  InstanceSpec is;
  std::uint64_t id_state = w.scenario->simulation.seed ^ (0x6173672d696e7374ull + (std::uint64_t{n} << 16) +
                                                          static_cast<std::uint64_t>(&g - w.asgs.data()));
  is.ec2_instance_id = fmt::format("i-{:017x}", splitmix64(id_state) >> 4);
  is.instance_type = type.name;
  is.availability_zone = c.zones[inst.zone];
  is.cpu_units = registered_cpu(type);
  is.memory_mib = registered_memory_mib(type);
  is.gpus = type.gpus;
  is.eni_task_limit = awsvpc_task_limit(type, false);
  is.cpu_architecture = type.architecture == CpuArchitecture::arm64 ? "arm64" : "x86_64";
  is.attributes.emplace_back(capacity_provider_attribute, g.name);
  is.registered_at = w.engine.now().time_since_epoch();
  const InstanceId id = c.state->register_instance(is);
  if (c.instance_zone.size() <= index(id)) c.instance_zone.resize(index(id) + 1);
  c.instance_zone[index(id)] = inst.zone;
  if (c.instance_hourly_usd.size() <= index(id)) c.instance_hourly_usd.resize(index(id) + 1);
  c.instance_hourly_usd[index(id)] = g.type_hourly_usd[inst.type];
  return id;
}

/// Tasks of non-DAEMON services on each of the cluster's instances.
std::vector<int> replica_tasks_by_instance(const World& w, std::uint32_t cluster) {
  std::vector<int> n(w.clusters[cluster].state->instance_capacity(), 0);
  for (const ServiceRuntime& svc : w.services) {
    if (svc.cluster != cluster || !svc.ec2 || svc.spec->scheduling_strategy == SchedulingStrategy::daemon) continue;
    for (TaskId t : svc.tasks) {
      const InstanceId id = w.tasks.rows[index(t)].instance;
      if (id != invalid_id<InstanceId>) ++n[index(id)];
    }
  }
  return n;
}

/// DAEMON services run one task per ACTIVE instance of their cluster.
void update_daemons(World& w, std::uint32_t cluster) {
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    ServiceRuntime& svc = w.services[s];
    if (svc.cluster != cluster || svc.spec->scheduling_strategy != SchedulingStrategy::daemon) continue;
    svc.desired_count = static_cast<int>(w.clusters[cluster].state->active_count());
  }
}

void reconcile_cluster(World& w, std::uint32_t cluster) {
  for (std::uint32_t s = 0; s < w.services.size(); ++s)
    if (w.services[s].cluster == cluster) request_reconcile(w, s);
}

/// The waiting task is still waiting (not stopped or placed since).
bool still_waiting(const World& w, TaskId t, std::uint32_t serial) {
  const std::size_t i = index(t);
  return w.tasks.ids.alive(t) && w.tasks.rows[i].serial == serial && !w.tasks.rows[i].stop_requested &&
         w.tasks.rows[i].instance == invalid_id<InstanceId> && w.tasks.rows[i].state == TaskState::provisioning;
}

void place_waiting(World& w, std::uint32_t a) {
  AsgRuntime& g = w.asgs[a];
  std::vector<std::pair<TaskId, std::uint32_t>> left;
  for (const auto& [t, serial] : g.waiting) {
    if (!still_waiting(w, t, serial)) continue;
    if (!place_waiting_task(w, t)) left.emplace_back(t, serial);
  }
  g.waiting = std::move(left);
}

/// Which type the group launches, and the reservation's smallest and largest.
/// ecsim has no per-type capacity limit, so EC2 Auto Scaling's default
/// strategies reduce to one type: on-demand `prioritized` launches the first
/// listed; Spot `price-capacity-optimized` the lowest-priced (ties: first listed).
void choose_types(AsgRuntime& g, bool spot) {
  auto size_key = [&](std::size_t k) {
    return std::pair{registered_cpu(*g.types[k]), registered_memory_mib(*g.types[k])};
  };
  g.launch_type = g.smallest = g.largest = 0;
  for (std::size_t k = 1; k < g.types.size(); ++k) {
    const auto t = static_cast<std::uint8_t>(k);
    if (spot && g.type_hourly_usd[k] < g.type_hourly_usd[g.launch_type]) g.launch_type = t;
    if (size_key(k) < size_key(g.smallest)) g.smallest = t;
    if (size_key(g.largest) < size_key(k)) g.largest = t;
  }
}

}  // namespace

void place_waiting_tasks(World& w, std::uint32_t cluster) {
  for (std::uint32_t a = 0; a < w.asgs.size(); ++a)
    if (w.asgs[a].cluster == cluster) place_waiting(w, a);
}

void launch_instances(World& w, std::uint32_t a, int count) { launch(w, a, count, /*registered_now=*/false); }

void terminate_instance(World& w, std::uint32_t a, std::uint32_t n, std::string_view why) {
  AsgRuntime& g = w.asgs[a];
  AsgInstance& inst = g.instances[n];
  if (inst.terminated != SimTime::max()) return;
  inst.terminated = w.engine.now();
  --g.in_service;
  --w.instances_in_service;
  const std::string name =
      inst.id == invalid_id<InstanceId> ? std::string("(not registered)") : w.clusters[g.cluster].state->ec2_instance_id(inst.id);
  instance_event(w, fmt::format("(capacity provider {}) terminated container instance {} ({}).", g.name, name, why));
  deregister_terminated(w, a);
}

void deregister_terminated(World& w, std::uint32_t a) {
  AsgRuntime& g = w.asgs[a];
  ClusterRuntime& c = w.clusters[g.cluster];
  for (AsgInstance& inst : g.instances) {
    if (inst.terminated == SimTime::max() || inst.deregistered || inst.id == invalid_id<InstanceId>) continue;
    if (c.state->running_tasks(inst.id) != 0) continue;
    c.state->deregister_instance(inst.id);
    inst.deregistered = true;
  }
}

void build_auto_scaling_groups(World& w) {
  const Scenario& sc = *w.scenario;
  for (const CapacityProviderSpec& cp : sc.capacity_providers) {
    AsgRuntime g;
    g.spec = &cp;
    g.name = cp.name;
    g.cluster = 0;
    for (std::uint32_t k = 0; k < sc.clusters.size(); ++k) {
      const ClusterSpec& cs = sc.clusters[k];
      if (cs.cluster_name == cp.cluster ||
          std::find(cs.capacity_providers.begin(), cs.capacity_providers.end(), cp.name) != cs.capacity_providers.end())
        g.cluster = k;
    }
    if (w.clusters.empty()) continue;
    const ClusterRuntime& c = w.clusters[g.cluster];
    for (const std::string& z : cp.auto_scaling_group.availability_zones)
      for (std::size_t k = 0; k < c.zones.size(); ++k)
        if (c.zones[k] == z) g.zones.push_back(static_cast<std::uint16_t>(k));
    if (g.zones.empty())
      for (std::size_t k = 0; k < c.zones.size(); ++k) g.zones.push_back(static_cast<std::uint16_t>(k));
    for (const FaultSpec& f : sc.faults)
      if (f.type == FaultType::spot_interruptions && f.capacity_provider == cp.name &&
          cp.auto_scaling_group.purchase_option == PurchaseOption::spot)
        g.spot_fault = &f;
    const bool spot = cp.auto_scaling_group.purchase_option == PurchaseOption::spot;
    for (const std::string& name : cp.auto_scaling_group.types()) {
      g.types.push_back(&instance_type(name));
      g.type_hourly_usd.push_back(ec2_hourly_usd(w.prices, *g.types.back(), spot));
    }
    choose_types(g, spot);
    w.asgs.push_back(std::move(g));
  }
  for (std::uint32_t a = 0; a < w.asgs.size(); ++a) {
    const AutoScalingGroupSpec& spec = w.asgs[a].spec->auto_scaling_group;
    launch(w, a, spec.desired_capacity.value_or(spec.min_size), /*registered_now=*/true);
    if (w.asgs[a].spec->auto_scaling_group_provider.managed_scaling.status == Toggle::enabled)
      w.engine.schedule_in(evaluation_period, EventKind::managed_scaling, a);
  }
}

void wait_for_capacity(World& w, int a, TaskId t) {
  w.asgs[static_cast<std::size_t>(a)].waiting.emplace_back(t, w.tasks.rows[index(t)].serial);
}

void on_instance_registered(World& w, std::uint32_t a, std::uint32_t n) {
  AsgRuntime& g = w.asgs[a];
  AsgInstance& inst = g.instances[n];
  inst.id = register_with_cluster(w, g, inst, n);
  ClusterRuntime& c = w.clusters[g.cluster];
  // Launched before its zone's outage began, it comes up inside it: lost
  // with the zone's other instances until the outage ends (faults.cpp).
  const bool zone_out = inst.zone < c.zone_down.size() && c.zone_down[inst.zone];
  if (zone_out) {
    c.state->set_status(inst.id, InstanceStatus::draining);
    c.state->set_agent_connected(inst.id, false);
    c.zone_lost[inst.zone].push_back(inst.id);
  }
  instance_event(w, fmt::format("(capacity provider {}) container instance {} registered in {} ({}).", g.name,
                                c.state->ec2_instance_id(inst.id), c.zones[inst.zone],
                                zone_out ? "lost to the zone's outage until it ends" : "ACTIVE"));
  schedule_instance_spot_interruption(w, a, n);
  on_replacement_in_service(w, a, n);
  update_daemons(w, g.cluster);
  // ECS places a DAEMON service's task before replica tasks on a new
  // instance (it reserves their resources first).
  for (std::uint32_t s = 0; s < w.services.size(); ++s)
    if (w.services[s].cluster == g.cluster && w.services[s].spec->scheduling_strategy == SchedulingStrategy::daemon)
      reconcile(w, s);
  place_waiting(w, a);
  reconcile_cluster(w, g.cluster);
}

Reservation capacity_provider_reservation(const World& w, std::uint32_t a) {
  const AsgRuntime& g = w.asgs[a];
  const ClusterRuntime& c = w.clusters[g.cluster];
  const InstanceType& smallest = *g.types[g.smallest];
  const InstanceType& largest = *g.types[g.largest];
  Reservation r;
  r.in_group = g.in_service;
  const std::vector<int> replica = replica_tasks_by_instance(w, g.cluster);
  int busy = 0;
  for (const AsgInstance& inst : g.instances) {
    if (inst.terminated != SimTime::max()) continue;
    if (inst.id == invalid_id<InstanceId>) continue;  // launching: not yet needed by any task
    if (replica[index(inst.id)] > 0)
      ++busy;
    else if (c.state->status(inst.id) == InstanceStatus::active)
      ++r.empty;
  }
  // Waiting tasks, binpacked first-fit onto fresh instances of the group's
  // largest type; a task that does not fit its smallest is left out
  // (ecs-facts §7.2: the largest and smallest types of a mixed group).
  struct Bin {
    int cpu, memory, enis;
  };
  std::vector<Bin> bins;
  for (const auto& [t, serial] : g.waiting) {
    if (!still_waiting(w, t, serial)) continue;
    const std::uint32_t td = w.tasks.rows[index(t)].task_definition;
    const TaskDemand& d = c.state->demand(make_id<DemandId>(static_cast<std::uint32_t>(c.demand_of_td[td])));
    const int eni = d.needs_eni() ? 1 : 0;
    auto fits = [&](const Bin& b) { return b.cpu >= d.cpu && b.memory >= d.memory_mib && b.enis >= eni; };
    if (!fits(Bin{registered_cpu(smallest), registered_memory_mib(smallest), awsvpc_task_limit(smallest, false)}))
      continue;  // bigger than the smallest instance type: excluded (ecs-facts §7.2)
    auto it = std::find_if(bins.begin(), bins.end(), fits);
    if (it == bins.end()) {
      bins.push_back(Bin{registered_cpu(largest), registered_memory_mib(largest), awsvpc_task_limit(largest, false)});
      it = bins.end() - 1;
    }
    it->cpu -= d.cpu;
    it->memory -= d.memory_mib;
    it->enis -= eni;
  }
  r.needed = busy + static_cast<int>(bins.size());
  if (r.in_group == 0)
    r.percent = r.needed > 0 ? 200 : 100;
  else
    r.percent = static_cast<int>(std::ceil(100.0 * r.needed / r.in_group - 1e-9));
  return r;
}

int scale_out_step(const ManagedScaling& ms, const Reservation& r, int max_size) {
  // Target tracking on the reservation: enough instances that M / N meets
  // targetCapacity. From an empty group the reservation is 200 %, which
  // doubles nothing: ECS launches two instances then (ecs-facts §7.2).
  int want = 0;
  if (r.in_group == 0)
    want = 2;
  else
    want = static_cast<int>(std::ceil(100.0 * r.needed / ms.target_capacity - 1e-9)) - r.in_group;
  want = std::clamp(want, ms.minimum_scaling_step_size, ms.maximum_scaling_step_size);
  return std::max(0, std::min(want, max_size - r.in_group));
}

void on_managed_scaling(World& w, std::uint32_t a) {
  AsgRuntime& g = w.asgs[a];
  const ManagedScaling& ms = g.spec->auto_scaling_group_provider.managed_scaling;
  // Instances drained for scale-in terminate once their last task has stopped.
  for (std::uint32_t k = 0; k < g.instances.size(); ++k) {
    const AsgInstance& inst = g.instances[k];
    if (inst.draining && !inst.interrupted && inst.terminated == SimTime::max() &&
        w.clusters[g.cluster].state->running_tasks(inst.id) == 0)
      terminate_instance(w, a, k, "scale-in");
  }
  deregister_terminated(w, a);
  const Reservation r = capacity_provider_reservation(w, a);
  w.engine.schedule_in(evaluation_period, EventKind::managed_scaling, a);
  if (r.percent > ms.target_capacity) {
    g.low_evaluations = 0;
    // Scale-out waits while an instance launched is still warming up.
    for (const AsgInstance& inst : g.instances)
      if (inst.terminated == SimTime::max() && inst.warm_at > w.engine.now()) return;
    const int step = scale_out_step(ms, r, g.spec->auto_scaling_group.max_size);
    if (step <= 0) return;
    w.recorder.message(w.engine.now(), RecordType::scaling, Record::no_service,
                       fmt::format("(capacity provider {}) CapacityProviderReservation {} % > target {} %: "
                                   "desired capacity {} -> {}.",
                                   g.name, r.percent, ms.target_capacity, g.in_service, g.in_service + step));
    launch(w, a, step, /*registered_now=*/false);
    return;
  }
  if (r.percent >= ms.target_capacity || r.empty == 0) {
    g.low_evaluations = 0;
    return;
  }
  if (++g.low_evaluations < scale_in_datapoints) return;
  // Scale in: only instances without non-daemon tasks go (ECS removes scale-in
  // protection only from those), down to the reservation's target and minSize.
  const int keep = std::max({g.spec->auto_scaling_group.min_size,
                             static_cast<int>(std::ceil(100.0 * r.needed / ms.target_capacity - 1e-9)),
                             g.in_service - ms.maximum_scaling_step_size});
  int remove = std::min(r.empty, g.in_service - keep);
  if (remove <= 0) return;
  g.low_evaluations = 0;
  w.recorder.message(w.engine.now(), RecordType::scaling, Record::no_service,
                     fmt::format("(capacity provider {}) CapacityProviderReservation {} % < target {} % for {} "
                                 "minutes: desired capacity {} -> {}.",
                                 g.name, r.percent, ms.target_capacity, scale_in_datapoints, g.in_service,
                                 g.in_service - remove));
  ClusterRuntime& c = w.clusters[g.cluster];
  const std::vector<int> replica = replica_tasks_by_instance(w, g.cluster);
  const bool draining = g.spec->auto_scaling_group_provider.managed_draining == Toggle::enabled;
  // Newest first (an ecsim choice; the group's termination policy decides in AWS).
  for (std::size_t k = g.instances.size(); k-- > 0 && remove > 0;) {
    AsgInstance& inst = g.instances[k];
    if (inst.terminated != SimTime::max() || inst.id == invalid_id<InstanceId> || replica[index(inst.id)] > 0 ||
        c.state->status(inst.id) != InstanceStatus::active)
      continue;
    --remove;
    if (draining)
      instance_event(w, fmt::format("(capacity provider {}) container instance {} is DRAINING before termination.",
                                    g.name, c.state->ec2_instance_id(inst.id)));
    c.state->set_status(inst.id, InstanceStatus::draining);
    inst.draining = true;
    // DAEMON tasks on it stop with the instance.
    for (std::uint32_t s = 0; s < w.services.size(); ++s) {
      ServiceRuntime& svc = w.services[s];
      if (svc.cluster != g.cluster) continue;
      std::vector<TaskId> on_it;
      for (TaskId t : svc.tasks)
        if (w.tasks.rows[index(t)].instance == inst.id) on_it.push_back(t);
      for (TaskId t : on_it) kill_task(w, t, StopCode::termination_notice);
    }
    if (c.state->running_tasks(inst.id) == 0) terminate_instance(w, a, static_cast<std::uint32_t>(k), "scale-in");
  }
  on_cluster_instances_changed(w, g.cluster);
}

double auto_scaling_group_cost_usd(const World& w, std::uint32_t a) {
  const AsgRuntime& g = w.asgs[a];
  double cost = 0;
  for (const AsgInstance& inst : g.instances) {
    const SimTime end = std::min(inst.terminated, w.engine.now());
    // EC2 bills per second from launch with a one-minute minimum (ecs-facts §9);
    // a running instance has been billed per second so far.
    const Millis minimum = inst.terminated == SimTime::max() ? Millis{0} : default_min_billing;
    cost += charge_usd(g.type_hourly_usd[inst.type], end - inst.launched, minimum);
  }
  return cost;
}

void on_cluster_instances_changed(World& w, std::uint32_t cluster) {
  update_daemons(w, cluster);
  reconcile_cluster(w, cluster);
}

}  // namespace ecsim::detail
