#include "scheduler/service_scheduler.hpp"

#include "scheduler/blue_green.hpp"
#include "scheduler/capacity_providers.hpp"
#include "scheduler/faults.hpp"
#include "scheduler/managed_scaling.hpp"
#include "scheduler/container_startup.hpp"
#include "scheduler/duration_draw.hpp"
#include "scheduler/launch_rate.hpp"
#include "scheduler/service_discovery.hpp"
#include "scheduler/spot_capacity.hpp"
#include "scheduler/standalone_tasks.hpp"
#include "scheduler/start_throttle.hpp"

#include <ecsim/cost/billing.hpp>
#include <ecsim/placement/placement_failure.hpp>
#include <ecsim/placement/task_demand.hpp>
#include <ecsim/core/assert.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace ecsim::detail {

namespace {

const std::string& service_name(const World& w, std::uint32_t s) {
  return w.services[s].spec->service_name;
}

void service_message(World& w, std::uint32_t s, std::string text) {
  w.recorder.message(w.engine.now(), RecordType::service_event, s, std::move(text));
}

void transition(World& w, TaskId t, TaskState to) {
  const std::size_t i = index(t);
  const TaskState from = w.tasks.rows[i].state;
  ECSIM_ASSERT(is_legal_transition(from, to), "task states only move forward");
  if (from == TaskState::provisioning) note_provisioning(w, w.tasks.rows[i].service, false);
  if (!w.tasks.rows[i].stop_requested && to == TaskState::running) {
    ServiceRuntime& svc = w.services[w.tasks.rows[i].service];
    --svc.pending;
    ++svc.running;
    ++w.deployments[w.tasks.rows[i].deployment].running;
  }
  w.tasks.rows[i].state = to;
  w.recorder.task_state(w.engine.now(), w.tasks.rows[i].service, w.tasks.rows[i].serial, from, to);
}

void schedule_advance(World& w, TaskId t, Millis after) {
  w.tasks.rows[index(t)].next_event =
      w.engine.schedule_in(after, EventKind::task_advance, index(t));
}

std::vector<TaskId>& pool_of(World& w, std::size_t i) {
  DeploymentRuntime& dep = w.deployments[w.tasks.rows[i].deployment];
  switch (static_cast<TaskPool>(w.tasks.rows[i].pool)) {
    case TaskPool::starting:
      return dep.starting;
    case TaskPool::healthy:
      return dep.healthy_by_zone[w.tasks.rows[i].zone];
    case TaskPool::unhealthy:
    case TaskPool::none:
      break;
  }
  return w.services[w.tasks.rows[i].service].unhealthy_tasks;
}

void pool_insert(World& w, TaskId t, TaskPool p) {
  const std::size_t i = index(t);
  w.tasks.rows[i].pool = static_cast<std::uint8_t>(p);
  std::vector<TaskId>& v = pool_of(w, i);
  w.tasks.rows[i].pool_pos = static_cast<std::uint32_t>(v.size());
  v.push_back(t);
  if (p == TaskPool::healthy) ++w.deployments[w.tasks.rows[i].deployment].healthy_count;
}

void pool_erase(World& w, TaskId t) {
  const std::size_t i = index(t);
  if (static_cast<TaskPool>(w.tasks.rows[i].pool) == TaskPool::none) return;
  std::vector<TaskId>& v = pool_of(w, i);
  const std::uint32_t pos = w.tasks.rows[i].pool_pos;
  v[pos] = v.back();
  w.tasks.rows[index(v[pos])].pool_pos = pos;
  v.pop_back();
  if (static_cast<TaskPool>(w.tasks.rows[i].pool) == TaskPool::healthy) --w.deployments[w.tasks.rows[i].deployment].healthy_count;
  w.tasks.rows[i].pool = static_cast<std::uint8_t>(TaskPool::none);
}

/// desiredStatus becomes STOPPED: the task leaves the scheduler's candidate
/// lists and counts, and stops counting toward its zone.
void mark_stop_requested(World& w, TaskId t, StopCode code) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  ServiceRuntime& svc = w.services[tt.rows[i].service];
  pool_erase(w, t);
  if (tt.rows[i].was_healthy && !svc.spec->service_registries.empty()) deregister_instances(w, t);
  if (tt.rows[i].state == TaskState::running) {
    --svc.running;
    --w.deployments[tt.rows[i].deployment].running;
  } else if (tt.rows[i].state < TaskState::running) --svc.pending;
  ++svc.draining;
  release_provider_slot(w, i);
  tt.rows[i].stop_requested = 1;
  tt.rows[i].stop_code = code;
  tt.rows[i].healthy = 0;
  --svc.zone_tasks[tt.rows[i].zone];
  w.engine.cancel(tt.rows[i].healthy_event);
}

const BehaviorSpec& behavior_of(const World& w, std::uint32_t td) {
  static const BehaviorSpec defaults{};
  const BehaviorSpec* b = w.task_definitions[td].behavior;
  return b ? *b : defaults;
}

std::string new_deployment_id(World& w) {
  // ECS deployment ids are "ecs-svc/" and 19 decimal digits.
  const auto n = w.id_rng.uniform_int(std::int64_t{1'000'000'000'000'000'000},
                                      std::int64_t{9'223'372'036'854'775'807});
  return fmt::format("ecs-svc/{}", n);
}

/// What a task of this definition reserves on an instance, registered once.
DemandId demand_for(World& w, ClusterRuntime& c, std::uint32_t td) {
  if (c.demand_of_td.size() <= td) c.demand_of_td.resize(td + 1, -1);
  if (c.demand_of_td[td] < 0) {
    const TaskDefinition& spec = *w.task_definitions[td].spec;
    TaskNumbers n;
    n.cpu = spec.cpu;
    n.memory_mib = spec.memory;
    n.network_mode = spec.network_mode;
    for (const ContainerDefinition& cd : spec.container_definitions) {
      ContainerNumbers cn;
      cn.cpu = cd.cpu;
      cn.memory_mib = cd.memory;
      cn.memory_reservation_mib = cd.memory_reservation;
      for (const PortMapping& pm : cd.port_mappings) {
        if (spec.network_mode == NetworkMode::bridge) cn.host_ports.push_back(pm.host_port.value_or(0));
        if (spec.network_mode == NetworkMode::host) cn.host_ports.push_back(pm.host_port.value_or(pm.container_port));
      }
      n.containers.push_back(std::move(cn));
    }
    c.demand_of_td[td] = static_cast<std::int32_t>(index(c.state->add_demand(compute_task_demand(n))));
  }
  return make_id<DemandId>(static_cast<std::uint32_t>(c.demand_of_td[td]));
}

/// ECS reports a placement failure as a service event, suppressing an
/// identical message until its cause clears or 6 h pass (ecs-facts §2.4).
void report_placement_failure(World& w, std::uint32_t s, const PlacementFailure& f, ClusterRuntime& c) {
  ServiceRuntime& svc = w.services[s];
  const std::string name = f.closest == invalid_id<InstanceId> ? std::string() : c.state->ec2_instance_id(f.closest);
  if (svc.standalone) {  // RunTask reports the failure to the caller and does not retry
    report_run_task_failure(w, s, f, name);
    return;
  }
  ++svc.placement_failures;
  std::string text = placement_failure_event(svc.spec->service_name, f, name);
  const SimTime now = w.engine.now();
  if (text != svc.last_placement_failure || now - svc.last_placement_failure_at >= w.assumptions.event_dedup_window) {
    svc.last_placement_failure = text;
    svc.last_placement_failure_at = now;
    w.recorder.message(now, RecordType::placement_failure, s, std::move(text));
  }
  if (!svc.placement_retry_pending) {
    svc.placement_retry_pending = true;
    w.engine.schedule_in(w.assumptions.placement_retry, EventKind::reconcile, s, 1);
  }
}

/// Starts one task of the deployment; on EC2 it first needs an instance.
/// Returns invalid_id when no container instance can take it.
TaskId start_task(World& w, std::uint32_t s, std::uint32_t dep) {
  ServiceRuntime& svc = w.services[s];
  TaskTable& tt = w.tasks;
  const TaskId t = tt.add();
  const std::size_t i = index(t);
  TaskRow& row = tt.rows[i];
  row = TaskRow{};  // a recycled row still holds the last task's values
  row.instance = invalid_id<InstanceId>;
  std::uint16_t zone = 0;
  const std::uint8_t entry = take_provider_slot(w.deployments[dep]);
  const ServiceProvider& provider = svc.providers[w.deployments[dep].share_provider[entry]];
  bool waits = false;
  if (svc.ec2) {
    ClusterRuntime& c = w.clusters[svc.cluster];
    const std::uint32_t td = w.deployments[dep].task_definition;
    const PolicyId policy = provider.asg >= 0 ? provider.policy : svc.policy;
    const PlacementResult r = c.placer->place(t, demand_for(w, c, td), svc.group, policy);
    if (r) {
      svc.last_placement_failure.clear();
      row.instance = *r;
      zone = c.instance_zone[index(*r)];
    } else if (provider.asg >= 0) {
      waits = true;  // an Auto Scaling group provider: PROVISIONING until capacity arrives (ecs-facts §7.2)
    } else {
      --w.deployments[dep].share_tasks[entry];
      tt.ids.release(t);
      report_placement_failure(w, s, r.failure(), c);
      return invalid_id<TaskId>;
    }
  } else {
    // Fargate spreads a service's tasks evenly over the cluster's zones; ties
    // go to the first zone in the cluster's order (ecs-facts §2.1, §6). A
    // zone in an outage takes none.
    const int z = fargate_zone(w, svc);
    if (z < 0) {
      --w.deployments[dep].share_tasks[entry];
      tt.ids.release(t);
      return invalid_id<TaskId>;  // every zone is out; the outage's end reconciles
    }
    zone = static_cast<std::uint16_t>(z);
  }
  ++svc.zone_tasks[zone];
  row.provider = entry;
  tt.hourly_usd[i] = task_hourly_usd(w, s, dep, entry);
  if (row.instance != invalid_id<InstanceId>) tt.hourly_usd[i] = ec2_task_hourly_usd(w, svc.cluster, t);

  row.state = TaskState::provisioning;
  note_provisioning(w, s, true);
  row.stop_code = StopCode::none;
  row.pool = static_cast<std::uint8_t>(TaskPool::none);
  row.service = s;
  row.deployment = dep;
  row.task_definition = w.deployments[dep].task_definition;
  row.serial = w.next_serial++;
  w.serial_zone.push_back(zone);
  row.zone = zone;
  tt.started_at[i] = w.engine.now();
  row.service_pos = static_cast<std::uint32_t>(svc.tasks.size());
  svc.tasks.push_back(t);
  ++svc.tasks_started;
  ++svc.pending;
  ++w.deployments[dep].alive;
  pool_insert(w, t, TaskPool::starting);
  // Creation is recorded as PROVISIONING -> PROVISIONING (from: null in events.jsonl).
  w.recorder.task_state(w.engine.now(), s, row.serial, TaskState::provisioning,
                        TaskState::provisioning);
  if (waits)
    wait_for_capacity(w, provider.asg, t);
  else
    schedule_advance(w, t, w.assumptions.fargate_provisioning);
  return t;
}

/// desiredStatus STOPPED: a running task drains (DEACTIVATING, STOPPING),
/// one not yet running is torn down at once.
void request_stop(World& w, TaskId t, StopCode code) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  if (tt.rows[i].stop_requested) return;
  mark_stop_requested(w, t, code);
  if (tt.rows[i].state == TaskState::running) {
    w.engine.cancel(tt.rows[i].next_event);  // a pending essential-container exit
    transition(w, t, TaskState::deactivating);
    // With a load balancer, DEACTIVATING lasts the target group's
    // deregistration delay: ECS waits for draining (ecs-facts §3, §11).
    const TargetGroupSpec* tg = w.deployments[tt.rows[i].deployment].target_group;
    schedule_advance(w, t, tg ? tg->deregistration_delay : w.assumptions.deactivating);
  } else if (tt.rows[i].state < TaskState::running) {
    w.engine.cancel(tt.rows[i].next_event);
    on_task_advance(w, t);  // jumps straight to DEPROVISIONING (below)
  }
}

/// Charges a task's Fargate time when its containers have stopped.
void bill_task(World& w, std::size_t i) {
  if (w.tasks.rows[i].billing_start == never) return;
  const TaskDefinitionRuntime& td = w.task_definitions[w.tasks.rows[i].task_definition];
  // An EC2 task's charge is its share of an instance billed anyway: no minimum.
  const Millis minimum = w.tasks.rows[i].instance != invalid_id<InstanceId> ? Millis{0} : td.min_billing;
  const double charge = charge_usd(w.tasks.hourly_usd[i], w.engine.now() - w.tasks.rows[i].billing_start, minimum);
  ServiceRuntime& svc = w.services[w.tasks.rows[i].service];
  ServiceProvider& provider = svc.providers[task_provider(w, i)];
  svc.stopped_cost_usd += charge;
  provider.stopped_cost_usd += charge;
  provider.running.stop(w.tasks.hourly_usd[i], w.tasks.rows[i].billing_start);
  w.tasks.rows[i].billing_start = never;
}

/// "(task ID) (task ID) ...". A deployment of a large service lists every
/// task it starts, so this writes the ids in place rather than through fmt.
std::string task_list(const World& w, const std::vector<TaskId>& ids) {
  constexpr std::string_view open = "(task ";
  std::string out;
  out.reserve(ids.size() * (open.size() + task_id_chars + 2));
  for (TaskId t : ids) {
    if (!out.empty()) out += ' ';
    out += open;
    append_task_id(out, w, w.tasks.rows[index(t)].serial);
    out += ')';
  }
  return out;
}

/// Decides at RUNNING when the task will count as healthy, or when its
/// checks will have failed (ecs-facts §1.3, §1.4, §11):
/// - container check: runs every interval from container start; the first
///   check after the app is up passes; a failing app turns UNHEALTHY after
///   `retries` failures counted from the end of startPeriod;
/// - target group: a new target turns healthy on its first passing check;
///   a failing one turns unhealthy after unhealthyThresholdCount checks;
/// - both defined: healthy when both are; neither: healthy 40 s after RUNNING;
/// - healthCheckGracePeriodSeconds delays acting on failures.
void schedule_health(World& w, TaskId t, const BehaviorSpec& behavior) {
  const std::size_t i = index(t);
  const TaskDefinitionRuntime& td = w.task_definitions[w.tasks.rows[i].task_definition];
  const ServiceRuntime& svc = w.services[w.tasks.rows[i].service];
  const TargetGroupSpec* tg = w.deployments[w.tasks.rows[i].deployment].target_group;
  if (!td.has_health_check && !tg) {
    w.tasks.rows[i].healthy_event =
        w.engine.schedule_in(w.assumptions.nohc_healthy_delay, EventKind::task_healthy, index(t));
    return;
  }
  // With dependsOn the containers' start-up was planned in ACTIVATING.
  const Millis planned = w.tasks.app_up[i];
  const Millis up = planned >= Millis{0} ? planned : draw(w.startup_rng, behavior.startup);
  if (!behavior.fail_health_checks) {
    Millis at{0};
    if (td.has_health_check) at = std::max(at, first_check_after(up, td.health_check_interval));
    if (tg) at = std::max(at, first_check_after(up, tg->health_check_interval));
    w.tasks.rows[i].healthy_event = w.engine.schedule_in(at, EventKind::task_healthy, index(t));
    return;
  }
  Millis fail_at = Millis::max();
  if (td.has_health_check) {
    fail_at = std::min(fail_at, unhealthy_after(td.health_check_interval, td.health_check_retries,
                                                td.health_check_start_period));
  }
  if (tg) fail_at = std::min(fail_at, tg->health_check_interval * tg->unhealthy_threshold_count);
  fail_at = std::max(fail_at, svc.spec->health_check_grace_period);
  w.tasks.rows[i].healthy_event = w.engine.schedule_in(fail_at, EventKind::task_unhealthy, index(t));
}

/// A task of a deployment failed: never reached RUNNING, failed its health
/// checks, or exited before it was ever healthy. Counts toward the breaker.
void task_failed(World& w, std::size_t i) {
  DeploymentRuntime& dep = w.deployments[w.tasks.rows[i].deployment];
  if (dep.rollout != RolloutState::in_progress) return;
  ++dep.failed_tasks;
  if (dep.failure_threshold > 0 && dep.failed_tasks >= dep.failure_threshold) {
    const std::uint32_t d = w.tasks.rows[i].deployment;
    fail_deployment(w, d, "tasks failed to start",
                    w.services[dep.service].spec->deployment_configuration.deployment_circuit_breaker.rollback);
  }
}

void update_steady_state(World& w, std::uint32_t s, bool steady_now) {
  ServiceRuntime& svc = w.services[s];
  if (steady_now && !svc.steady) {
    service_message(w, s, fmt::format("(service {}) has reached a steady state.", service_name(w, s)));
    svc.steady_event = w.engine.schedule_in(w.assumptions.steady_event_repeat,
                                            EventKind::steady_repeat, s);
  } else if (!steady_now && svc.steady) {
    w.engine.cancel(svc.steady_event);
  }
  svc.steady = steady_now;
}

}  // namespace

std::uint32_t add_deployment(World& w, std::uint32_t s, std::uint32_t td, bool listed) {
  ServiceRuntime& svc = w.services[s];
  for (std::uint32_t d : svc.deployments)
    if (w.deployments[d].status == DeploymentStatus::primary)
      w.deployments[d].status = DeploymentStatus::active;
  DeploymentRuntime dep;
  dep.service = s;
  dep.task_definition = td;
  dep.id = new_deployment_id(w);
  dep.started_at = w.engine.now();
  dep.listed = listed;
  dep.healthy_by_zone.resize(svc.zone_tasks.size());
  dep.target_group = svc.target_group;
  assign_strategy(w, s, dep, svc.strategy);
  if (svc.spec->deployment_configuration.deployment_circuit_breaker.enable)
    dep.failure_threshold = circuit_breaker_threshold(svc.desired_count);
  w.deployments.push_back(std::move(dep));
  const auto idx = static_cast<std::uint32_t>(w.deployments.size() - 1);
  svc.deployments.push_back(idx);
  clear_start_throttle(w, s);
  return idx;
}

int resolve_task_definition(const World& w, const std::string& ref) {
  const auto colon = ref.rfind(':');
  const bool has_revision = colon != std::string::npos;
  int best = -1;
  for (std::size_t i = 0; i < w.task_definitions.size(); ++i) {
    const TaskDefinitionRuntime& td = w.task_definitions[i];
    if (td.registered_at > w.engine.now()) continue;
    if (has_revision ? td.name == ref : td.spec->family == ref) {
      if (best < 0 || td.spec->revision > w.task_definitions[best].spec->revision)
        best = static_cast<int>(i);
    }
  }
  return best;
}

void append_task_id(std::string& out, const World& w, std::uint32_t serial) {
  std::uint64_t state = w.task_id_salt ^ (std::uint64_t{serial} * 0x9E3779B97F4A7C15ull);
  const std::uint64_t words[2] = {splitmix64(state), splitmix64(state)};
  constexpr char digits[] = "0123456789abcdef";
  char text[task_id_chars];
  char* p = text;
  for (std::uint64_t word : words) {
    for (int shift = 60; shift >= 0; shift -= 4) *p++ = digits[(word >> shift) & 0xF];
  }
  out.append(text, task_id_chars);
}

std::string task_id_text(const World& w, std::uint32_t serial) {
  std::string out;
  append_task_id(out, w, serial);
  return out;
}

void create_service(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  const int td = resolve_task_definition(w, svc.spec->task_definition);
  ECSIM_ASSERT(td >= 0, "the loader checked task definition references");
  add_deployment(w, s, static_cast<std::uint32_t>(td), /*listed=*/false);
  request_reconcile(w, s);
}

void update_service(World& w, std::uint32_t s, const UpdateServiceAction& action) {
  ServiceRuntime& svc = w.services[s];
  if (action.desired_count) svc.desired_count = *action.desired_count;
  // A new capacity provider strategy starts a new deployment (ECS).
  const bool new_strategy = !action.capacity_provider_strategy.empty() && action.capacity_provider_strategy != svc.strategy;
  if (new_strategy) svc.strategy = action.capacity_provider_strategy;
  if (action.deployment_configuration) {
    const DeploymentConfiguration& dc = *action.deployment_configuration;
    if (dc.minimum_healthy_percent) svc.minimum_healthy_percent = *dc.minimum_healthy_percent;
    if (dc.maximum_percent) svc.maximum_percent = *dc.maximum_percent;
  }
  const std::uint32_t primary = svc.deployments.back();
  std::uint32_t td = w.deployments[primary].task_definition;
  if (action.task_definition) {
    const int r = resolve_task_definition(w, *action.task_definition);
    ECSIM_ASSERT(r >= 0, "the loader checked task definition references");
    td = static_cast<std::uint32_t>(r);
  }
  if (td != w.deployments[primary].task_definition || action.force_new_deployment || new_strategy) {
    const std::uint32_t d = add_deployment(w, s, td, /*listed=*/true);
    if (uses_blue_green(w, s)) start_blue_green(w, s, d, primary);
  }
  request_reconcile(w, s);
}

ServiceCounts count_tasks(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  ServiceCounts c;
  c.running = svc.running;
  c.pending = svc.pending;
  c.active = svc.running + svc.pending;
  for (std::uint32_t d : svc.deployments) c.healthy += w.deployments[d].healthy_count;
  return c;
}

void request_reconcile(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  if (svc.reconcile_pending) return;
  svc.reconcile_pending = true;
  w.engine.schedule(w.engine.now(), EventKind::reconcile, s);
}

/// next_to_stop among the tasks on one strategy entry: one not yet healthy,
/// else a healthy one from the zone where the service has the most tasks. A
/// scan, which only a scale-in of a service with several providers pays.
TaskId next_to_stop_on(const World& w, const ServiceRuntime& svc, const DeploymentRuntime& dep, bool allow_healthy,
                       std::uint8_t entry) {
  for (auto it = dep.starting.rbegin(); it != dep.starting.rend(); ++it)
    if (w.tasks.rows[index(*it)].provider == entry) return *it;
  if (!allow_healthy) return invalid_id<TaskId>;
  TaskId pick = invalid_id<TaskId>;
  int pick_zone_tasks = -1;
  for (std::size_t z = 0; z < dep.healthy_by_zone.size(); ++z) {
    if (svc.zone_tasks[z] <= pick_zone_tasks) continue;
    const std::vector<TaskId>& v = dep.healthy_by_zone[z];
    for (auto it = v.rbegin(); it != v.rend(); ++it)
      if (w.tasks.rows[index(*it)].provider == entry) {
        pick = *it;
        pick_zone_tasks = svc.zone_tasks[z];
        break;
      }
  }
  return pick;
}

/// The task to stop next from a deployment: one not yet healthy if any,
/// else (when allowed) a healthy one from the zone where the service has the
/// most tasks, so the spread over zones holds (ECS documents AZ balance;
/// which task within a zone is an ecsim choice: the last listed).
TaskId next_to_stop(const World& w, const ServiceRuntime& svc, DeploymentRuntime& dep, bool allow_healthy) {
  // With several capacity providers, the task comes from the one furthest
  // above its share (capacity_provider_split.hpp), so the split holds.
  if (const int entry = entry_to_shrink(dep); entry >= 0)
    if (const TaskId t = next_to_stop_on(w, svc, dep, allow_healthy, static_cast<std::uint8_t>(entry));
        t != invalid_id<TaskId>)
      return t;
  if (!dep.starting.empty()) return dep.starting.back();
  if (!allow_healthy || dep.healthy_count == 0) return invalid_id<TaskId>;
  std::size_t best = dep.healthy_by_zone.size();
  for (std::size_t z = 0; z < dep.healthy_by_zone.size(); ++z)
    if (!dep.healthy_by_zone[z].empty() && (best == dep.healthy_by_zone.size() || svc.zone_tasks[z] > svc.zone_tasks[best]))
      best = z;
  return dep.healthy_by_zone[best].back();
}

int active_of(const DeploymentRuntime& d) { return static_cast<int>(d.starting.size()) + d.healthy_count; }

TaskId start_standalone_task(World& w, std::uint32_t group, std::uint32_t dep) {
  return start_task(w, group, dep);
}

void reconcile(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  svc.reconcile_pending = false;
  if (svc.standalone) return;  // RunTask tasks are not kept at a count
  if (!svc.created) return;    // its createService (timeline) is still to come: no deployment yet
  TaskTable& tt = w.tasks;
  const std::uint32_t primary = svc.deployments.back();
  const int desired = svc.desired_count;
  // ECS rolling update bounds (ecs-facts §3): at most floor(desired × max%)
  // tasks RUNNING or PENDING, at least ceil(desired × min%) RUNNING and healthy.
  const int max_total = static_cast<int>(
      std::floor(static_cast<double>(desired) * svc.maximum_percent / 100.0 + 1e-9));
  const int min_healthy = static_cast<int>(
      std::ceil(static_cast<double>(desired) * svc.minimum_healthy_percent / 100.0 - 1e-9));

  // Counts come from the candidate lists: O(deployments), not O(tasks).
  int healthy = 0, old_active = 0;
  for (std::uint32_t d : svc.deployments) {
    const DeploymentRuntime& dep = w.deployments[d];
    if (dep.alive == 0) continue;
    healthy += dep.healthy_count;
    if (d != primary) old_active += active_of(dep);
  }
  int primary_active = active_of(w.deployments[primary]);
  int total_active = primary_active + old_active + static_cast<int>(svc.unhealthy_tasks.size());
  // A FAILED deployment launches no new tasks (ecs-facts §3, §4); blue/green
  // holds them back while PRE_SCALE_UP hooks run.
  const bool may_start = w.deployments[primary].rollout != RolloutState::failed && !w.deployments[primary].scale_up_held;
  // Blue/green keeps the original's tasks until the script releases them.
  const bool hold_old = w.deployments[primary].holds_original;
  const bool draining_before = svc.draining > 0;

  std::vector<TaskId> stopped_running, stopped_pending, started;
  auto stop = [&](TaskId t) {
    (tt.rows[index(t)].state == TaskState::running ? stopped_running : stopped_pending).push_back(t);
    healthy -= tt.rows[index(t)].healthy;
    --total_active;
    request_stop(w, t, StopCode::service_scheduler_initiated);
  };

  // 1. Scale in: more PRIMARY tasks than desired.
  while (primary_active > desired) {
    stop(next_to_stop(w, svc, w.deployments[primary], true));
    --primary_active;
  }
  // 2. Start PRIMARY tasks, within maximumPercent. Unhealthy tasks get their
  // replacement first (since Oct 2023, ecs-facts §2.3).
  // Tasks that keep failing before RUNNING slow launches down (ecs-facts §2.2).
  const bool throttled = may_start && primary_active < desired && start_throttled(w, s);
  const int need = may_start && !throttled ? desired - primary_active : 0;
  // Blue/green starts the replacement at full size, beside the original
  // (CodeDeploy ignores the percentages on Fargate, ecs-facts §5.1).
  const int room = w.deployments[primary].blue_green >= 0 ? need : std::max(0, max_total - total_active);
  bool rate_limited = false;
  for (int k = 0; k < std::min(need, room); ++k) {
    if (!may_launch(w, s, std::min(need, room) - k)) {  // launch-rate quota: the rest waits for tokens
      rate_limited = true;
      break;
    }
    const TaskId t = start_task(w, s, primary);
    if (t == invalid_id<TaskId>) break;  // reported; retried later or when resources free up
    note_launch(w, s);
    started.push_back(t);
    ++total_active;
  }
  // 2b. Stop unhealthy tasks once the healthy ones cover desiredCount, or at
  // once when maximumPercent leaves no room for a replacement.
  if (healthy >= desired || (!throttled && need > room) || !may_start)
    while (!svc.unhealthy_tasks.empty()) stop(svc.unhealthy_tasks.back());
  // 3. Stop tasks of older deployments, oldest first: ones not yet healthy
  // freely, healthy ones only while minimumHealthyPercent still holds.
  int old_left = 0;
  for (std::uint32_t d : svc.deployments) {
    if (d == primary || w.deployments[d].alive == 0) continue;
    DeploymentRuntime& dep = w.deployments[d];
    if (!may_start || hold_old) {  // a FAILED deployment without rollback leaves the old tasks running
      old_left += active_of(dep);
      continue;
    }
    while (!dep.starting.empty()) stop(dep.starting.back());
    while (dep.healthy_count > 0 && healthy - 1 >= min_healthy) stop(next_to_stop(w, svc, dep, true));
    old_left += dep.healthy_count;
  }

  if (!stopped_running.empty())
    service_message(w, s, fmt::format("(service {}) has stopped {} running tasks: {}.",
                                      service_name(w, s), stopped_running.size(),
                                      task_list(w, stopped_running)));
  if (!stopped_running.empty() && svc.target_group)
    service_message(w, s, fmt::format("(service {}) deregistered {} targets in (target-group {})",
                                      service_name(w, s), stopped_running.size(),
                                      w.deployments[tt.rows[index(stopped_running.front())].deployment].target_group->name));
  if (svc.targets_registered > 0) {
    service_message(w, s, fmt::format("(service {}) registered {} targets in (target-group {})",
                                      service_name(w, s), svc.targets_registered,
                                      w.deployments[primary].target_group->name));
    svc.targets_registered = 0;
  }
  if (!stopped_pending.empty())
    service_message(w, s, fmt::format("(service {}) stopped {} pending tasks.", service_name(w, s),
                                      stopped_pending.size()));
  if (!started.empty())
    service_message(w, s, fmt::format("(service {}) has started {} tasks: {}.", service_name(w, s),
                                      started.size(), task_list(w, started)));

  DeploymentRuntime& dep = w.deployments[primary];
  bool any_starting = !svc.unhealthy_tasks.empty();
  bool others_alive = false;
  for (std::uint32_t d : svc.deployments) {
    if (w.deployments[d].alive == 0) continue;
    any_starting = any_starting || !w.deployments[d].starting.empty();
    if (d != primary) others_alive = true;
  }
  // A deployment that can neither start nor stop anything, with nothing in
  // flight that could change that, is stuck (ecs-facts §3, "Stuck configuration").
  const bool in_flight =
      draining_before || !stopped_running.empty() || !stopped_pending.empty() || any_starting || throttled ||
      rate_limited;
  if (dep.rollout == RolloutState::in_progress && may_start && !hold_old && started.empty() && old_left > 0 &&
      !in_flight && !dep.stuck_reported) {
    dep.stuck_reported = true;
    service_message(w, s, fmt::format(
                              "(service {}) was unable to stop or start tasks during a deployment "
                              "because of the service deployment configuration. Update the "
                              "minimumHealthyPercent or maximumPercent value and try again.",
                              service_name(w, s)));
  }
  if (dep.rollout == RolloutState::in_progress) {
    dep.min_healthy_count = std::min(dep.min_healthy_count, healthy);
    dep.max_running_count = std::max(dep.max_running_count, svc.running + svc.pending);
  }

  // Done when the PRIMARY deployment alone runs desiredCount healthy tasks and
  // every older task has stopped.
  const bool settled = !others_alive && dep.starting.empty() && dep.healthy_count == desired;
  if (settled && dep.rollout == RolloutState::in_progress) {
    dep.rollout = RolloutState::completed;
    dep.finished_at = w.engine.now();
    for (std::uint32_t d : svc.deployments)
      if (d != primary) w.deployments[d].status = DeploymentStatus::inactive;
    service_message(w, s, fmt::format("(service {}) (deployment {}) deployment completed.",
                                      service_name(w, s), dep.id));
  }
  update_steady_state(w, s, settled && svc.draining == 0 && svc.unhealthy_tasks.empty());
  track_below_desired(w, s);
  if (svc.blue_green >= 0) blue_green_after_reconcile(w, static_cast<std::uint32_t>(svc.blue_green));
}

void on_task_advance(World& w, TaskId t) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  const std::uint32_t s = tt.rows[i].service;
  const TaskDefinitionRuntime& td = w.task_definitions[tt.rows[i].task_definition];
  const BehaviorSpec& behavior = behavior_of(w, tt.rows[i].task_definition);
  if (tt.rows[i].stop_requested && tt.rows[i].state < TaskState::running) {
    // Stopped before it ran: containers never started; only the ENI remains.
    bill_task(w, i);
    transition(w, t, TaskState::deprovisioning);
    schedule_advance(w, t, w.assumptions.fargate_deprovisioning);
    return;
  }
  switch (tt.rows[i].state) {
    case TaskState::provisioning:
      if (hold_for_spot_capacity(w, t)) break;  // stays PROVISIONING (spot_capacity.hpp)
      transition(w, t, TaskState::pending);
      schedule_advance(w, t, w.assumptions.fargate_pending);
      break;
    case TaskState::pending:
      // Fargate bills from the start of the image pull (ecs-facts §8.2).
      tt.rows[i].billing_start = w.engine.now();
      w.services[s].providers[task_provider(w, i)].running.start(tt.hourly_usd[i], w.engine.now());
      transition(w, t, TaskState::activating);
      tt.app_up[i] = no_startup_plan;
      if (td.has_dependencies) {
        // Containers start in dependsOn order once the images are pulled;
        // the task runs when the last one has started (ecs-facts §1.5).
        const StartupPlan plan = plan_container_startup(*td.spec, behavior, w.startup_rng);
        tt.app_up[i] = plan.app_up;
        schedule_advance(w, t, draw(w.startup_rng, behavior.image_pull) + plan.activating_extra);
      } else {
        schedule_advance(w, t, draw(w.startup_rng, behavior.image_pull));
      }
      break;
    case TaskState::activating: {
      if ((behavior.fail_start_probability > 0 && w.startup_rng.bernoulli(behavior.fail_start_probability)) ||
          tt.app_up[i] == dependency_never_met) {
        // An essential container failed to start, or waits on a dependency
        // that turned UNHEALTHY: the task never runs.
        mark_stop_requested(w, t, StopCode::task_failed_to_start);
        bill_task(w, i);
        transition(w, t, TaskState::deprovisioning);
        schedule_advance(w, t, w.assumptions.fargate_deprovisioning);
        task_failed(w, i);
        note_start_failure(w, s);
        request_reconcile(w, s);
        break;
      }
      transition(w, t, TaskState::running);
      note_task_running(w, s);
      schedule_health(w, t, behavior);
      schedule_spot_interruption(w, t);
      if (behavior.exit_after) schedule_advance(w, t, *behavior.exit_after);
      if (w.services[s].target_group) ++w.services[s].targets_registered;
      request_reconcile(w, s);
      break;
    }
    case TaskState::deactivating: {
      transition(w, t, TaskState::stopping);
      // SIGTERM; the app exits after its shutdown time, or SIGKILL at
      // stopTimeout. A task whose essential container already exited stops at once.
      const Millis exit_after = tt.rows[i].stop_code == StopCode::essential_container_exited
                                    ? Millis{0}
                                    : std::min(draw(w.startup_rng, behavior.shutdown), td.stop_timeout);
      schedule_advance(w, t, exit_after);
      break;
    }
    case TaskState::stopping:
      bill_task(w, i);
      transition(w, t, TaskState::deprovisioning);
      schedule_advance(w, t, w.assumptions.fargate_deprovisioning);
      break;
    case TaskState::deprovisioning: {
      transition(w, t, TaskState::stopped);
      ServiceRuntime& svc = w.services[s];
      if (svc.ec2 && tt.rows[i].instance != invalid_id<InstanceId>)
        w.clusters[svc.cluster].placer->release(t);  // resources return at STOPPED
      const std::uint32_t pos = tt.rows[i].service_pos;
      svc.tasks[pos] = svc.tasks.back();
      tt.rows[index(svc.tasks[pos])].service_pos = pos;
      svc.tasks.pop_back();
      --svc.draining;
      --w.deployments[tt.rows[i].deployment].alive;
      ++svc.tasks_stopped;
      tt.ids.release(t);
      request_reconcile(w, s);
      break;
    }
    case TaskState::running: {
      // behavior.exitAfter: the essential container exits, which stops the
      // task (stopCode EssentialContainerExited, ecs-facts §1.5).
      const bool never_healthy = !tt.rows[i].was_healthy;
      mark_stop_requested(w, t, StopCode::essential_container_exited);
      transition(w, t, TaskState::deactivating);
      schedule_advance(w, t, w.assumptions.deactivating);
      if (never_healthy) task_failed(w, i);
      request_reconcile(w, s);
      break;
    }
    case TaskState::stopped:
      ECSIM_ASSERT(false, "no lifecycle step ends in STOPPED");
      break;
  }
}

void stop_task(World& w, TaskId t, StopCode code) {
  request_stop(w, t, code);
  request_reconcile(w, w.tasks.rows[index(t)].service);
}

bool place_waiting_task(World& w, TaskId t) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  ServiceRuntime& svc = w.services[tt.rows[i].service];
  ClusterRuntime& c = w.clusters[svc.cluster];
  const ServiceProvider& provider = svc.providers[task_provider(w, i)];
  const PlacementResult r = c.placer->place(t, demand_for(w, c, tt.rows[i].task_definition), svc.group, provider.policy);
  if (!r) return false;
  tt.rows[i].instance = *r;
  svc.max_capacity_wait = std::max(svc.max_capacity_wait, w.engine.now() - tt.started_at[i]);
  tt.hourly_usd[i] = ec2_task_hourly_usd(w, svc.cluster, t);
  const std::uint16_t zone = c.instance_zone[index(*r)];
  --svc.zone_tasks[tt.rows[i].zone];
  ++svc.zone_tasks[zone];
  tt.rows[i].zone = zone;
  w.serial_zone[tt.rows[i].serial] = zone;
  schedule_advance(w, t, w.assumptions.fargate_provisioning);
  return true;
}

void replace_task(World& w, TaskId t) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  if (tt.rows[i].stop_requested || tt.rows[i].unhealthy) return;
  if (tt.rows[i].state < TaskState::running) {
    stop_task(w, t, StopCode::termination_notice);
    return;
  }
  w.engine.cancel(tt.rows[i].healthy_event);
  tt.rows[i].unhealthy = 1;
  pool_erase(w, t);
  pool_insert(w, t, TaskPool::unhealthy);
  request_reconcile(w, tt.rows[i].service);
}

void kill_task(World& w, TaskId t, StopCode code) {
  const std::size_t i = index(t);
  TaskTable& tt = w.tasks;
  if (tt.rows[i].state >= TaskState::deprovisioning) return;  // its containers are already gone
  if (!tt.rows[i].stop_requested) mark_stop_requested(w, t, code);
  w.engine.cancel(tt.rows[i].next_event);
  bill_task(w, i);
  transition(w, t, TaskState::deprovisioning);
  schedule_advance(w, t, w.assumptions.fargate_deprovisioning);
  request_reconcile(w, tt.rows[i].service);
}

void on_task_healthy(World& w, TaskId t) {
  const std::size_t i = index(t);
  if (w.tasks.rows[i].stop_requested) return;
  if (!w.tasks.rows[i].was_healthy && !w.services[w.tasks.rows[i].service].spec->service_registries.empty())
    register_instances(w, t);
  w.tasks.rows[i].healthy = 1;
  w.tasks.rows[i].was_healthy = 1;
  pool_erase(w, t);
  pool_insert(w, t, TaskPool::healthy);
  // resetOnHealthyTask (default true): a healthy task clears the breaker's count.
  DeploymentRuntime& dep = w.deployments[w.tasks.rows[i].deployment];
  if (dep.rollout == RolloutState::in_progress) dep.failed_tasks = 0;
  request_reconcile(w, w.tasks.rows[i].service);
}

void on_task_unhealthy(World& w, TaskId t) {
  const std::size_t i = index(t);
  if (w.tasks.rows[i].stop_requested) return;
  const std::uint32_t s = w.tasks.rows[i].service;
  const ServiceRuntime& svc = w.services[s];
  w.tasks.rows[i].unhealthy = 1;
  pool_erase(w, t);
  pool_insert(w, t, TaskPool::unhealthy);
  if (svc.standalone) return;  // ECS never stops a standalone task for being unhealthy
  const std::string id = task_id_text(w, w.tasks.rows[i].serial);
  if (w.task_definitions[w.tasks.rows[i].task_definition].has_health_check) {
    service_message(w, s, fmt::format("(service {}) (task {}) failed container health checks.",
                                      service_name(w, s), id));
  } else {
    service_message(w, s, fmt::format("(service {}) (task {}) (port {}) is unhealthy in (target-group {}) due to "
                                      "(reason Health checks failed).",
                                      service_name(w, s), id, svc.container_port,
                                      w.deployments[w.tasks.rows[i].deployment].target_group->name));
  }
  if (!w.tasks.rows[i].was_healthy) task_failed(w, i);
  request_reconcile(w, s);
}

int circuit_breaker_threshold(int desired) noexcept {
  const int half = (desired + 1) / 2;  // ceil(0.5 × desired)
  return std::clamp(half, 3, 200);
}

void on_steady_repeat(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  if (!svc.steady) return;
  service_message(w, s, fmt::format("(service {}) has reached a steady state.", service_name(w, s)));
  svc.steady_event =
      w.engine.schedule_in(w.assumptions.steady_event_repeat, EventKind::steady_repeat, s);
}

double service_cost_usd(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  // A task still running has been billed per second so far; its one-minute
  // minimum is settled when it stops.
  double cost = svc.stopped_cost_usd;
  for (const ServiceProvider& p : svc.providers) cost += p.running.usd_at(w.engine.now());
  return cost;
}

}  // namespace ecsim::detail
