#include <ecsim/simulation.hpp>

#include "scheduler/blue_green.hpp"
#include "scheduler/capacity_providers.hpp"
#include "scheduler/ec2_spot.hpp"
#include "scheduler/faults.hpp"
#include "scheduler/managed_scaling.hpp"
#include "scheduler/spot_capacity.hpp"
#include "autoscaling/auto_scaler.hpp"
#include "metrics/service_metrics.hpp"
#include "scheduler/service_scheduler.hpp"
#include "scheduler/standalone_tasks.hpp"
#include "scheduler/world.hpp"

#include <ecsim/cost/billing.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/model/enum_names.hpp>
#include <ecsim/workload/load_curve.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace ecsim {

using detail::EventKind;
using detail::World;

struct Simulation::Impl {
  Scenario scenario;
  World world;
  SimTime end;
  std::uint32_t next_sample = 0;
  detail::ServiceMetrics metrics;  ///< integrated per-service CloudWatch metrics
  detail::AutoScaler scaler;       ///< Service Auto Scaling
  std::deque<ServiceSpec> run_task_groups;       ///< specs of RunTask groups (stable addresses)
  std::vector<std::uint32_t> timeline_service;  ///< by timeline entry: the service or group it acts on

  Impl(Scenario sc, EcsAssumptions assumptions) : scenario(std::move(sc)) {
    World& w = world;
    w.scenario = &scenario;
    w.assumptions = assumptions;
    const std::uint64_t seed = scenario.simulation.seed;
    w.startup_rng = Rng::stream(seed, RngStream::startup);
    w.id_rng = Rng::stream(seed, stream_id("ids"));
    w.spot_rng = Rng::stream(seed, RngStream::faults, "spot");
    w.ec2_spot_rng = Rng::stream(seed, RngStream::faults, "ec2-spot");
    {
      // Room for a deployment's worth of tasks and their records up front:
      // growing by doubling copied and re-faulted tens of MiB in a large run.
      // Reserved room is address space until used (and huge-page backed).
      std::size_t desired = 0;
      for (const ServiceSpec& spec : scenario.services)
        desired += static_cast<std::size_t>(std::max(spec.desired_count, 0));
      const std::size_t tasks = 2 * desired + 64;
      w.tasks.reserve(tasks);
      w.recorder.reserve(12 * tasks);
    }
    {
      std::uint64_t salt_state = seed ^ 0x7461736b2d696473ull;  // "task-ids"
      w.task_id_salt = splitmix64(salt_state);
    }
    end = SimTime{scenario.simulation.duration};
    w.prices = apply_overrides(price_table(scenario.simulation.region), price_overrides());

    for (const TaskDefinition& td : scenario.task_definitions) register_task_definition(td, sim_start);
    for (std::size_t i = 0; i < scenario.timeline.size(); ++i) {
      const TimelineEntry& e = scenario.timeline[i];
      if (auto* reg = std::get_if<RegisterTaskDefinitionAction>(&e.action))
        register_task_definition(reg->task_definition, SimTime{e.at});
    }
    build_clusters();
    w.instances_in_service = w.instances_peak =
        static_cast<int>(w.instance_hourly_usd.size() + w.external_hourly_usd.size());
    detail::build_auto_scaling_groups(w);
    detail::schedule_faults(w, end);
    for (const ServiceSpec& spec : scenario.services) add_service(spec);
    const auto initial_services = static_cast<std::uint32_t>(w.services.size());
    add_timeline_services();
    metrics.init(w);
    scaler.init(w, EventKind::autoscaling_tick, EventKind::scheduled_action);

    // Service creation happens at t = 0 in scenario order, before any other
    // event at t = 0 (it is scheduled first).
    for (std::uint32_t s = 0; s < initial_services; ++s)
      w.engine.schedule(sim_start, EventKind::timeline, std::numeric_limits<std::uint32_t>::max(), s);
    for (std::uint32_t i = 0; i < scenario.timeline.size(); ++i)
      if (SimTime{scenario.timeline[i].at} < end)  // at the end: never happens (the loader warns)
        w.engine.schedule(SimTime{scenario.timeline[i].at}, EventKind::timeline, i);
    w.engine.schedule(sim_start, EventKind::metrics_sample, 0);
    w.engine.schedule(end, EventKind::run_end, 0);
  }

  PriceTableOverrides price_overrides() const {
    const PriceOverrides& p = scenario.prices;
    PriceTableOverrides o;
    o.fargate_vcpu_hour = p.fargate.vcpu_hour;
    o.fargate_gb_hour = p.fargate.gb_hour;
    o.ephemeral_storage_gb_hour = p.fargate.ephemeral_gb_hour;
    o.fargate_spot_discount = p.fargate.spot_discount;
    o.ec2_spot_discount = p.ec2_spot_discount;
    o.external_instance_hour = p.external_instance_hour;
    for (const auto& [type, price] : p.ec2) o.ec2_on_demand_usd_hour[type] = price;
    return o;
  }

  void register_task_definition(const TaskDefinition& td, SimTime at) {
    detail::TaskDefinitionRuntime rt{};
    rt.spec = &td;
    rt.name = fmt::format("{}:{}", td.family, td.revision);
    rt.registered_at = at;
    rt.behavior = nullptr;
    // The "family:revision" entry wins over the family-wide one.
    for (const BehaviorSpec& b : scenario.behavior) {
      if (b.task_definition == rt.name) rt.behavior = &b;
      if (b.task_definition == td.family && (!rt.behavior || rt.behavior->task_definition != rt.name))
        rt.behavior = &b;
    }
    const OsFamily os = td.runtime_platform.operating_system_family;
    rt.min_billing = fargate_min_billing(os);
    rt.hourly_usd = 0;
    if (td.cpu && td.memory)
      rt.hourly_usd = fargate_hourly_usd(world.prices, *td.cpu, *td.memory,
                                         td.runtime_platform.cpu_architecture, os, false,
                                         td.ephemeral_storage.size_in_gib);
    rt.spot_hourly_usd = std::numeric_limits<double>::quiet_NaN();
    if (td.cpu && td.memory && os != OsFamily::windows)  // Fargate has no Windows Spot
      rt.spot_hourly_usd = fargate_hourly_usd(world.prices, *td.cpu, *td.memory, td.runtime_platform.cpu_architecture,
                                              os, true, td.ephemeral_storage.size_in_gib);
    rt.stop_timeout = Millis{0};
    rt.has_health_check = false;
    rt.health_check_interval = Millis{30'000};
    rt.health_check_retries = 3;
    rt.health_check_start_period = Millis{0};
    for (const ContainerDefinition& c : td.container_definitions) {
      rt.stop_timeout = std::max(rt.stop_timeout, c.stop_timeout);
      rt.has_dependencies = rt.has_dependencies || !c.depends_on.empty();
      if (c.essential && c.health_check) {
        rt.has_health_check = true;
        rt.health_check_interval = c.health_check->interval;
        rt.health_check_retries = c.health_check->retries;
        rt.health_check_start_period = c.health_check->start_period;
      }
    }
    world.task_definitions.push_back(std::move(rt));
  }

  /// Each cluster gets its zones and its fixed container instances (the
  /// containerInstances section), spread round-robin over the zones.
  void build_clusters() {
    World& w = world;
    for (const ClusterSpec& cs : scenario.clusters) {
      detail::ClusterRuntime c;
      c.zones = cs.availability_zones;
      if (c.zones.empty()) c.zones.push_back(scenario.simulation.region + "a");
      c.state = std::make_unique<ClusterState>();
      c.placer = std::make_unique<Placer>(*c.state, Rng::stream(scenario.simulation.seed, RngStream::placement).next());
      w.clusters.push_back(std::move(c));
    }
    std::uint32_t serial = 0;
    for (const ContainerInstanceSpec& ci : scenario.container_instances) {
      std::uint32_t cluster = 0;
      for (std::uint32_t k = 0; k < scenario.clusters.size(); ++k)
        if (scenario.clusters[k].cluster_name == ci.cluster) cluster = k;
      if (w.clusters.empty()) break;
      detail::ClusterRuntime& c = w.clusters[cluster];
      if (ci.external) {
        add_external_instances(c, ci, serial);
        continue;
      }
      const InstanceType& type = instance_type(ci.instance_type);
      for (int n = 0; n < ci.count; ++n, ++serial) {
        std::uint16_t zone = static_cast<std::uint16_t>(c.instance_zone.size() % c.zones.size());
        if (!ci.availability_zone.empty())
          for (std::size_t z = 0; z < c.zones.size(); ++z)
            if (c.zones[z] == ci.availability_zone) zone = static_cast<std::uint16_t>(z);
        InstanceSpec is;
        std::uint64_t id_state = scenario.simulation.seed ^ (0x696e7374616e6365ull + serial);
        is.ec2_instance_id = fmt::format("i-{:017x}", splitmix64(id_state) >> 4);
        is.instance_type = type.name;
        is.availability_zone = c.zones[zone];
        is.cpu_units = registered_cpu(type);
        is.memory_mib = registered_memory_mib(type);
        is.gpus = type.gpus;
        is.eni_task_limit = awsvpc_task_limit(type, false);
        is.cpu_architecture = type.architecture == CpuArchitecture::arm64 ? "arm64" : "x86_64";
        for (const auto& [k, v] : ci.attributes) is.attributes.emplace_back(k, v);
        const InstanceId id = c.state->register_instance(is);
        if (c.instance_zone.size() <= index(id)) c.instance_zone.resize(index(id) + 1);
        c.instance_zone[index(id)] = zone;
        const bool spot = ci.purchase_option == PurchaseOption::spot;
        w.instance_hourly_usd.push_back(ec2_hourly_usd(w.prices, type, spot));
        if (c.instance_hourly_usd.size() <= index(id)) c.instance_hourly_usd.resize(index(id) + 1);
        c.instance_hourly_usd[index(id)] = w.instance_hourly_usd.back();
      }
    }
  }

  /// ECS Anywhere servers: registered with the given CPU and memory, no
  /// Availability Zone (zone 0 for bookkeeping, never hit by an outage), no
  /// awsvpc ENIs; each bills the ECS Anywhere fee for the whole run.
  void add_external_instances(detail::ClusterRuntime& c, const ContainerInstanceSpec& ci, std::uint32_t& serial) {
    World& w = world;
    c.has_external = true;
    for (int n = 0; n < ci.count; ++n, ++serial) {
      InstanceSpec is;
      std::uint64_t id_state = scenario.simulation.seed ^ (0x696e7374616e6365ull + serial);
      is.ec2_instance_id = fmt::format("mi-{:017x}", splitmix64(id_state) >> 4);  // an SSM managed instance id
      is.cpu_units = ci.cpu;
      is.memory_mib = ci.memory;
      is.eni_task_limit = 0;
      is.cpu_architecture = "x86_64";
      for (const auto& [k, v] : ci.attributes) is.attributes.emplace_back(k, v);
      is.attributes.emplace_back(detail::external_attribute, "true");
      const InstanceId id = c.state->register_instance(is);
      const std::size_t k = index(id);
      if (c.instance_zone.size() <= k) c.instance_zone.resize(k + 1);
      if (c.instance_external.size() <= k) c.instance_external.resize(k + 1);
      if (c.instance_hourly_usd.size() <= k) c.instance_hourly_usd.resize(k + 1);
      c.instance_zone[k] = 0;
      c.instance_external[k] = 1;
      c.instance_hourly_usd[k] = w.prices.external_instance_hour;
      w.external_hourly_usd.push_back(w.prices.external_instance_hour);
    }
  }

  PlacementPolicy placement_policy(const ServiceSpec& spec) const {
    PlacementPolicy p;
    for (const PlacementStrategySpec& st : spec.placement_strategy)
      p.strategies.push_back({parse_strategy_type(enum_name(st.type)), st.field});
    for (const PlacementConstraintSpec& pc : spec.placement_constraints)
      p.constraints.push_back({parse_constraint_type(enum_name(pc.type)), pc.expression});
    if (const int td = detail::resolve_task_definition(world, spec.task_definition); td >= 0)
      for (const PlacementConstraintSpec& pc : world.task_definitions[td].spec->placement_constraints)
        p.constraints.push_back({parse_constraint_type(enum_name(pc.type)), pc.expression});
    if (spec.scheduling_strategy == SchedulingStrategy::daemon) {
      // DAEMON: one task per instance, no strategy (ecs-facts §2.1).
      p.strategies.clear();
      p.constraints.push_back({ConstraintType::distinct_instance, {}});
    } else if (p.strategies.empty()) {
      p.strategies = default_service_policy().strategies;
    }
    return p;
  }

  void add_service(const ServiceSpec& spec) {
    detail::ServiceRuntime svc{};
    svc.spec = &spec;
    svc.desired_count = spec.desired_count;
    svc.minimum_healthy_percent = spec.deployment_configuration.minimum_healthy_percent.value_or(100);
    svc.maximum_percent = spec.deployment_configuration.maximum_percent.value_or(200);
    // Fargate: launchType FARGATE or a strategy of FARGATE / FARGATE_SPOT.
    // EC2: launchType EC2 on the fixed containerInstances, or a strategy of
    // Auto Scaling group providers. EXTERNAL: the ECS Anywhere instances.
    const bool strategy_fargate =
        !spec.capacity_provider_strategy.empty() &&
        std::all_of(spec.capacity_provider_strategy.begin(), spec.capacity_provider_strategy.end(),
                    [](const CapacityProviderStrategyItem& i) {
                      return i.capacity_provider == "FARGATE" || i.capacity_provider == "FARGATE_SPOT";
                    });
    const bool strategy_asg = !spec.launch_type && !spec.capacity_provider_strategy.empty() && !strategy_fargate;
    const bool external = spec.launch_type == LaunchType::external;
    // EXTERNAL tasks are placed like EC2 ones, on the cluster's ECS Anywhere instances only.
    const bool ec2 = (spec.launch_type == LaunchType::ec2 && spec.capacity_provider_strategy.empty()) ||
                     strategy_asg || external;
    svc.ec2 = ec2;
    svc.strategy = spec.capacity_provider_strategy;
    svc.cluster = 0;
    for (std::uint32_t c = 0; c < scenario.clusters.size(); ++c)
      if (scenario.clusters[c].cluster_name == spec.cluster) svc.cluster = c;
    if (ec2 && !world.clusters.empty()) {
      detail::ClusterRuntime& c = world.clusters[svc.cluster];
      PlacementPolicy policy = placement_policy(spec);
      if (external)
        policy.constraints.push_back({ConstraintType::member_of, fmt::format("attribute:{} exists", detail::external_attribute)});
      else if (c.has_external)
        policy.constraints.push_back({ConstraintType::member_of, fmt::format("attribute:{} !exists", detail::external_attribute)});
      svc.policy = c.placer->add_policy(policy);
      svc.group = c.state->group("service:" + spec.service_name);
      // Tasks on an Auto Scaling group provider go only to that group's instances.
      if (strategy_asg)
        for (const CapacityProviderStrategyItem& item : spec.capacity_provider_strategy) {
          detail::ServiceProvider& p = svc.providers[detail::service_provider(svc, item.capacity_provider)];
          for (std::size_t a = 0; a < world.asgs.size(); ++a)
            if (world.asgs[a].name == item.capacity_provider) p.asg = static_cast<int>(a);
          PlacementPolicy group_policy = placement_policy(spec);
          group_policy.constraints.push_back({ConstraintType::member_of,
                                        fmt::format("attribute:{} == {}", detail::capacity_provider_attribute,
                                                    item.capacity_provider)});
          p.policy = c.placer->add_policy(group_policy);
        }
      if (spec.scheduling_strategy == SchedulingStrategy::daemon)
        svc.desired_count = static_cast<int>(c.state->active_count());  // one per ACTIVE instance
    }
    const std::size_t zones = world.clusters.empty() ? 1 : world.clusters[svc.cluster].zones.size();
    svc.zone_tasks.assign(zones, 0);
    if (!spec.load_balancers.empty()) {
      const LoadBalancer& lb = spec.load_balancers.front();
      for (const TargetGroupSpec& tg : scenario.target_groups)
        if (tg.name == lb.target_group_arn) svc.target_group = &tg;
      svc.container_port = lb.container_port;
    }
    for (const WorkloadSpec& wl : scenario.workloads)
      if (wl.service == spec.service_name) svc.load = &wl.requests_per_second;
    for (const CodeDeploySpec& cd : scenario.code_deploy)
      if (cd.service == spec.service_name) svc.code_deploy = &cd;
    world.services.push_back(std::move(svc));
  }

  /// Services created by the timeline, and one hidden runtime per RunTask
  /// group (standalone_tasks.hpp), exist from the start so ids stay dense;
  /// they act only from their entry's time.
  void add_timeline_services() {
    World& w = world;
    timeline_service.assign(scenario.timeline.size(), std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i < scenario.timeline.size(); ++i) {
      const TimelineAction& a = scenario.timeline[i].action;
      if (const auto* c = std::get_if<CreateServiceAction>(&a)) {
        timeline_service[i] = static_cast<std::uint32_t>(w.services.size());
        add_service(c->service);
        w.services.back().created = false;
      } else if (const auto* rt = std::get_if<RunTaskAction>(&a)) {
        timeline_service[i] = run_task_group(*rt);
      } else if (const auto* d = std::get_if<DeleteServiceAction>(&a)) {
        for (std::uint32_t s = 0; s < w.services.size(); ++s)
          if (!w.services[s].standalone && w.services[s].spec->service_name == d->service) timeline_service[i] = s;
      }
    }
  }

  /// The hidden runtime of a RunTask group ("family:NAME" unless `group`
  /// is given, as ECS names it), shared by calls with the same settings.
  std::uint32_t run_task_group(const RunTaskAction& rt) {
    World& w = world;
    ServiceSpec spec;
    const int td = detail::resolve_task_definition(w, rt.task_definition);
    const std::string family = td >= 0 ? w.task_definitions[static_cast<std::size_t>(td)].spec->family
                                       : rt.task_definition.substr(0, rt.task_definition.find(':'));
    spec.service_name = rt.group.empty() ? "family:" + family : rt.group;
    spec.cluster = rt.cluster;
    spec.task_definition = rt.task_definition;
    spec.desired_count = 0;
    spec.launch_type = rt.launch_type;
    spec.capacity_provider_strategy = rt.capacity_provider_strategy;
    spec.placement_strategy = rt.placement_strategy;
    spec.placement_constraints = rt.placement_constraints;
    if (!spec.launch_type && spec.capacity_provider_strategy.empty()) spec.launch_type = LaunchType::ec2;
    for (std::uint32_t s = 0; s < w.services.size(); ++s)
      if (w.services[s].standalone && *w.services[s].spec == spec) return s;
    run_task_groups.push_back(std::move(spec));
    add_service(run_task_groups.back());
    w.services.back().standalone = true;
    return static_cast<std::uint32_t>(w.services.size() - 1);
  }

  void on_timeline(std::uint32_t entry, std::uint32_t payload) {
    World& w = world;
    if (entry == std::numeric_limits<std::uint32_t>::max()) {
      detail::create_service(w, payload);
      return;
    }
    const TimelineEntry& e = scenario.timeline[entry];
    if (const auto* u = std::get_if<UpdateServiceAction>(&e.action)) {
      for (std::uint32_t s = 0; s < w.services.size(); ++s) {
        const detail::ServiceRuntime& svc = w.services[s];
        if (!svc.standalone && svc.created && !svc.deleted && svc.spec->service_name == u->service)
          detail::update_service(w, s, *u);
      }
    } else if (const auto* rt = std::get_if<RunTaskAction>(&e.action)) {
      detail::run_standalone_tasks(w, timeline_service[entry], rt->count);
    } else if (std::holds_alternative<CreateServiceAction>(e.action)) {
      w.services[timeline_service[entry]].created = true;
      detail::create_service(w, timeline_service[entry]);
    } else if (std::holds_alternative<DeleteServiceAction>(e.action)) {
      if (timeline_service[entry] < w.services.size()) detail::delete_service(w, timeline_service[entry]);
    } else if (const auto* c = std::get_if<ContinueDeploymentAction>(&e.action)) {
      for (std::uint32_t s = 0; s < w.services.size(); ++s) {
        const detail::ServiceRuntime& svc = w.services[s];
        if (!svc.standalone && svc.created && !svc.deleted && svc.spec->service_name == c->service)
          detail::continue_deployment(w, s, c->deployment_wait_type);
      }
    }
    // RegisterTaskDefinition takes effect through registered_at.
  }

  void on_metrics_sample() {
    World& w = world;
    metrics.advance_all(w, w.engine.now());
    for (std::uint32_t s = 0; s < w.services.size(); ++s)
      if (!w.services[s].standalone && w.services[s].created) w.recorder.metric(sample(s));
    ++next_sample;
    const Millis interval = scenario.simulation.metrics_interval;
    const SimTime next = sim_start + interval * next_sample;
    if (interval > Millis{0} && next <= end) w.engine.schedule(next, EventKind::metrics_sample, next_sample, 0);
  }

  MetricSample sample(std::uint32_t s) {
    const World& w = world;
    const detail::ServiceRuntime& svc = w.services[s];
    const detail::ServiceCounts c = detail::count_tasks(w, s);
    MetricSample m{};
    m.at = w.engine.now();
    m.service = s;
    m.desired_count = svc.desired_count;
    m.running_count = c.running;
    m.pending_count = c.pending;
    m.healthy_count = c.healthy;
    m.cost_usd = detail::service_cost_usd(w, s);
    // Utilization and load are averages over the interval that ends at this
    // row, integrated exactly (lib/metrics); CloudWatch has no datapoint
    // (NaN) for time when no task ran. The first row has no interval: it
    // shows the load at that instant.
    const detail::MetricWindow& win = metrics[s].row;
    m.cpu_utilization = win.cpu_average();
    m.memory_utilization = win.memory_average();
    if (win.span > Millis{0})
      m.requests_per_second = win.requests / to_seconds(win.span);
    else
      m.requests_per_second = metrics[s].curve ? metrics[s].curve->at(w.engine.now()) : 0.0;
    m.unserved_requests = win.unserved;
    m.request_count_per_target = win.request_count_per_target();
    metrics[s].row = detail::MetricWindow{};
    return m;
  }

  /// True when more events are queued for the current instant. Samples and
  /// the end of the run then go to the back of the line, so they see the
  /// state after everything that happens at that instant.
  bool more_at_now() {
    const auto next = world.engine.queue().next_time();
    return next && *next == world.engine.now();
  }

  void dispatch(const Event<EventKind>& ev) {
    World& w = world;
    // The payload counts deferrals: a sample and the end, both deferring at
    // the same instant, would otherwise chase each other forever. The end
    // may wait longer, so the last sample is taken before the run stops.
    const std::uint32_t max_deferrals = ev.kind == EventKind::run_end ? 32 : 16;
    if ((ev.kind == EventKind::metrics_sample || ev.kind == EventKind::run_end) &&
        ev.payload < max_deferrals && more_at_now()) {
      w.engine.schedule(w.engine.now(), ev.kind, ev.subject, ev.payload + 1);
      return;
    }
    // Metrics integrate each service's load over the time its task counts
    // held: before an event changes a service, close the stretch; after it,
    // take the new counts. Events without one service touch them all.
    std::uint32_t touched = std::numeric_limits<std::uint32_t>::max();
    switch (ev.kind) {
      case EventKind::task_advance:
      case EventKind::task_healthy:
      case EventKind::task_unhealthy:
        touched = w.tasks.rows[ev.subject].service;
        break;
      case EventKind::reconcile:
      case EventKind::steady_repeat:
        touched = ev.subject;
        break;
      case EventKind::metrics_sample:
      case EventKind::autoscaling_tick:
      case EventKind::scheduled_action:
      case EventKind::run_end:
        touched = std::numeric_limits<std::uint32_t>::max() - 1;  // counts do not change here
        break;
      default:
        break;
    }
    const bool all = touched == std::numeric_limits<std::uint32_t>::max();
    if (all)
      metrics.advance_all(w, w.engine.now());
    else if (touched < w.services.size())
      metrics.advance(w, touched, w.engine.now());
    dispatch_event(ev);
    if (all)
      metrics.refresh_all(w);
    else if (touched < w.services.size())
      metrics.refresh(w, touched);
  }

  void dispatch_event(const Event<EventKind>& ev) {
    World& w = world;
    switch (ev.kind) {
      case EventKind::task_advance:
        detail::on_task_advance(w, make_id<TaskId>(ev.subject));
        break;
      case EventKind::task_healthy:
        detail::on_task_healthy(w, make_id<TaskId>(ev.subject));
        break;
      case EventKind::task_unhealthy:
        detail::on_task_unhealthy(w, make_id<TaskId>(ev.subject));
        break;
      case EventKind::timeline:
        on_timeline(ev.subject, ev.payload);
        break;
      case EventKind::metrics_sample:
        on_metrics_sample();
        break;
      case EventKind::reconcile:
        if (ev.payload == 1) w.services[ev.subject].placement_retry_pending = false;
        detail::reconcile(w, ev.subject);
        break;
      case EventKind::steady_repeat:
        detail::on_steady_repeat(w, ev.subject);
        break;
      case EventKind::spot_notice:
        detail::on_spot_notice(w, ev.subject, ev.payload);
        break;
      case EventKind::spot_kill:
        detail::on_spot_kill(w, ev.subject, ev.payload);
        break;
      case EventKind::fault:
        detail::on_fault(w, ev.subject, ev.payload);
        break;
      case EventKind::spot_capacity_wait:
        detail::on_spot_capacity_wait(w, ev.subject, ev.payload);
        break;
      case EventKind::instance_registered:
        detail::on_instance_registered(w, ev.subject, ev.payload);
        break;
      case EventKind::managed_scaling:
        detail::on_managed_scaling(w, ev.subject);
        break;
      case EventKind::instance_spot:
        detail::on_instance_spot(w, ev.subject, ev.payload);
        break;
      case EventKind::autoscaling_tick:
        scaler.on_tick(w, metrics);
        break;
      case EventKind::scheduled_action:
        scaler.on_scheduled_action(w, ev.subject);
        break;
      case EventKind::run_end:
        metrics.advance_all(w, w.engine.now());
        w.engine.stop();
        break;
      case EventKind::blue_green_step:
        detail::on_blue_green_step(w, ev.subject, ev.payload);
        break;
    }
  }

  /// The engine's handler: dispatch, plus loading a task event's row while the
  /// event queue repairs its heap (in a large service the row is a cache miss).
  struct Handler {
    Impl& im;

    void operator()(Engine<EventKind>&, const Event<EventKind>& ev) { im.dispatch(ev); }

    void prefetch(const Event<EventKind>& ev) const noexcept {
#if defined(__GNUC__)
      switch (ev.kind) {
        case EventKind::task_advance:
        case EventKind::task_healthy:
        case EventKind::task_unhealthy:
          __builtin_prefetch(&im.world.tasks.rows[ev.subject]);
          break;
        default:
          break;
      }
#else
      static_cast<void>(ev);
#endif
    }
  };
};

Simulation::Simulation(Scenario scenario, EcsAssumptions assumptions)
    : impl_(std::make_unique<Impl>(std::move(scenario), assumptions)) {}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

SimTime Simulation::now() const noexcept { return impl_->world.engine.now(); }
SimTime Simulation::end() const noexcept { return impl_->end; }

void Simulation::run() { run_until(impl_->end); }

void Simulation::run_until(SimTime t) {
  Impl& im = *impl_;
  const SimTime until = std::min(t, im.end);
  im.world.engine.run_until(until, Impl::Handler{im});
  // The run_end event stops the engine at the end; later events stay unfired.
}

const Scenario& Simulation::scenario() const noexcept { return impl_->scenario; }
std::uint64_t Simulation::events_processed() const noexcept { return impl_->world.engine.events_processed(); }
const Recorder& Simulation::recorder() const noexcept { return impl_->world.recorder; }
Recorder& Simulation::recorder() noexcept { return impl_->world.recorder; }

std::string Simulation::task_id(std::uint32_t serial) const {
  return detail::task_id_text(impl_->world, serial);
}

void Simulation::trigger_alarm(const std::string& alarm_name) {
  World& w = impl_->world;
  for (std::uint32_t s = 0; s < w.services.size(); ++s) detail::on_deployment_alarm(w, s, alarm_name);
}

double Simulation::traffic_share(const std::string& deployment_id, SimTime t) const {
  const World& w = impl_->world;
  for (std::uint32_t d = 0; d < w.deployments.size(); ++d)
    if (w.deployments[d].id == deployment_id) return detail::request_share_at(w, d, std::min(t, w.engine.now()));
  return 0.0;
}

DeploymentUsage Simulation::deployment_usage(const std::string& deployment_id) const {
  const World& w = impl_->world;
  for (std::uint32_t d = 0; d < w.deployments.size(); ++d) {
    if (w.deployments[d].id != deployment_id) continue;
    const detail::DeploymentLoad l = impl_->metrics.deployment(d);
    return {l.requests, l.unserved, l.cpu_average(), l.task_seconds};
  }
  return {};
}

std::vector<std::string> Simulation::deployment_ids(std::uint32_t index) const {
  std::vector<std::string> out;
  for (const detail::DeploymentRuntime& d : impl_->world.deployments)
    if (d.service == index) out.push_back(d.id);
  return out;
}

const std::string& Simulation::task_availability_zone(std::uint32_t service, std::uint32_t serial) const {
  static const std::string none;
  const World& w = impl_->world;
  if (w.clusters.empty()) return none;
  return w.clusters[w.services[service].cluster].zones[w.serial_zone.at(serial)];
}

const std::string& Simulation::service_name(std::uint32_t index) const {
  return impl_->world.services[index].spec->service_name;
}

std::uint32_t Simulation::service_count() const noexcept {
  return static_cast<std::uint32_t>(impl_->world.services.size());
}
const detail::World& Simulation::world() const noexcept { return impl_->world; }

namespace {

/// Adds a service's task costs to the run's totals: Fargate ones count
/// toward the total and their provider; EC2 ones are a share of instances
/// already counted. Returns the EC2 share.
double add_task_costs(RunSummary& r, const detail::ServiceRuntime& svc, const std::vector<double>& by_provider) {
  double ec2 = 0;
  for (std::size_t p = 0; p < by_provider.size(); ++p) {
    if (svc.providers[p].kind == detail::ProviderKind::ec2) {
      ec2 += by_provider[p];
      continue;
    }
    r.total_cost_usd += by_provider[p];
    r.cost_by_capacity_provider[svc.providers[p].name] += by_provider[p];
  }
  return ec2;
}

}  // namespace

RunSummary Simulation::summary() const {
  const Impl& im = *impl_;
  const World& w = im.world;
  RunSummary r;
  double ec2_attributed = 0;
  r.scenario = im.scenario.name;
  r.seed = im.scenario.simulation.seed;
  r.duration_seconds = to_seconds(im.scenario.simulation.duration);
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    const detail::ServiceRuntime& svc = w.services[s];
    const detail::ServiceCounts c = detail::count_tasks(w, s);
    if (svc.standalone) {
      StandaloneSummary g;
      g.running_count = c.running;
      g.pending_count = c.pending;
      g.tasks_started = svc.tasks_started;
      g.tasks_stopped = svc.tasks_stopped;
      g.placement_failures = svc.placement_failures;
      g.cost_usd = detail::service_cost_usd(w, s);
      ec2_attributed += add_task_costs(r, svc, detail::service_cost_by_provider(w, s));
      // RunTask calls of one group with different settings (revision, launch
      // type, placement) have runtimes of their own; ECS's group is the name.
      auto same = std::find_if(r.standalone_tasks.begin(), r.standalone_tasks.end(),
                               [&](const auto& e) { return e.first == svc.spec->service_name; });
      if (same == r.standalone_tasks.end()) {
        r.standalone_tasks.emplace_back(svc.spec->service_name, g);
      } else {
        same->second.running_count += g.running_count;
        same->second.pending_count += g.pending_count;
        same->second.tasks_started += g.tasks_started;
        same->second.tasks_stopped += g.tasks_stopped;
        same->second.placement_failures += g.placement_failures;
        same->second.cost_usd += g.cost_usd;
      }
      continue;
    }
    if (!svc.created) continue;  // its createService is still to come
    ServiceSummary ss;
    ss.desired_count = svc.desired_count;
    ss.running_count = c.running;
    ss.pending_count = c.pending;
    ss.healthy_count = c.healthy;
    ss.tasks_started = svc.tasks_started;
    ss.tasks_stopped = svc.tasks_stopped;
    ss.placement_failures = svc.placement_failures;
    ss.spot_interruptions = svc.spot_interruptions;
    ss.steady_state = svc.steady;
    for (const auto& [provider, n] : detail::running_by_provider(w, s)) ss.tasks_by_capacity_provider[provider] = n;
    ss.tasks_lost = svc.tasks_lost;
    ss.max_capacity_wait_seconds = to_seconds(svc.max_capacity_wait);
    ss.seconds_below_desired = to_seconds(detail::time_below_desired(w, s));
    for (std::uint32_t d : svc.deployments) {
      const detail::DeploymentRuntime& dep = w.deployments[d];
      if (!dep.listed) continue;
      DeploymentSummary ds;
      ds.id = dep.id;
      ds.task_definition = w.task_definitions[dep.task_definition].name;
      ds.rollout_state = dep.rollout == detail::RolloutState::completed ? "COMPLETED"
                         : dep.rollout == detail::RolloutState::failed  ? "FAILED"
                                                                        : "IN_PROGRESS";
      ds.started_at = to_seconds(dep.started_at);
      if (dep.finished_at != detail::never) ds.finished_at = to_seconds(dep.finished_at);
      ds.failed_tasks = dep.failed_tasks;
      ds.rolled_back = dep.rolled_back;
      ds.min_healthy_count = dep.min_healthy_count == std::numeric_limits<int>::max() ? 0 : dep.min_healthy_count;
      ds.max_running_count = dep.max_running_count;
      if (dep.rollback) ds.strategy = "ROLLBACK";
      if (dep.blue_green >= 0) {
        const detail::BlueGreenRuntime& bg = w.blue_greens[static_cast<std::size_t>(dep.blue_green)];
        ds.strategy = bg.code_deploy ? (svc.code_deploy ? svc.code_deploy->deployment_config_name
                                                        : CodeDeploySpec{}.deployment_config_name)
                                     : std::string(enum_name(svc.spec->deployment_configuration.strategy));
        for (const detail::DeploymentTimelineEntry& e : bg.timeline)
          ds.timeline.push_back({to_seconds(e.at), e.stage, e.event, e.traffic_percent});
      }
      ss.deployments.push_back(std::move(ds));
    }
    ss.cost_usd = detail::service_cost_usd(w, s);
    ss.scaling_activities = im.scaler.activities(s);
    ss.requests_offered = im.metrics[s].total_requests;
    ss.requests_unserved = im.metrics[s].total_unserved;
    ec2_attributed += add_task_costs(r, svc, detail::service_cost_by_provider(w, s));
    r.services.emplace_back(svc.spec->service_name, std::move(ss));
  }
  // Container instances run, and bill, from the start to now (one-minute minimum).
  r.instances_launched = static_cast<std::int64_t>(w.instance_hourly_usd.size() + w.external_hourly_usd.size());
  r.instances_peak = w.instances_peak;
  for (std::uint32_t a = 0; a < w.asgs.size(); ++a) {
    const detail::AsgRuntime& g = w.asgs[a];
    r.instances_launched += static_cast<std::int64_t>(g.instances.size());
    r.instance_spot_interruptions += g.spot_interruptions;
    for (const detail::AsgInstance& inst : g.instances) r.instances_terminated += inst.terminated != SimTime::max();
    const double c = detail::auto_scaling_group_cost_usd(w, a);
    r.total_cost_usd += c;
    r.cost_by_capacity_provider[g.name] += c;
  }
  for (double rate : w.instance_hourly_usd) {
    const double c = charge_usd(rate, w.engine.now().time_since_epoch(), Millis{60'000});
    r.total_cost_usd += c;
    r.cost_by_capacity_provider["EC2"] += c;
  }
  // ECS Anywhere's fee per registered instance-hour, under "EXTERNAL".
  for (double rate : w.external_hourly_usd) {
    const double c = charge_usd(rate, w.engine.now().time_since_epoch(), Millis{0});
    r.total_cost_usd += c;
    r.cost_by_capacity_provider["EXTERNAL"] += c;
  }
  // EC2 time no task reserved: the instances' cost less what the services were given.
  double ec2_cost = 0;
  for (const auto& [name, v] : r.cost_by_capacity_provider)
    if (name != "FARGATE" && name != "FARGATE_SPOT") ec2_cost += v;
  r.ec2_idle_cost_usd = std::max(0.0, ec2_cost - ec2_attributed);
  const double hours = to_seconds(w.engine.now()) / 3600.0;
  r.monthly_cost_usd = hours > 0 ? r.total_cost_usd / hours * hours_per_month : 0.0;
  return r;
}

}  // namespace ecsim
