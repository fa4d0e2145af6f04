// Property tests: 1,000 seeded random scenarios (scenario_generator.hpp) run
// to completion, checked against rules that hold for every run:
// - check_invariants (tests/invariants.hpp): tasks created once, states only
//   forward, counts agree with the summary;
// - check_world_invariants (tests/world_invariants.hpp), between events at
//   20 instants of every run and before and after each timeline action: no
//   container instance over-committed (CPU, memory, ENIs, host ports),
//   placement bookkeeping equal to the tasks placed, every task counted once;
// - money is conserved: each service's (and RunTask group's) cost equals its tasks' billed time
//   (from the event log: the image pull starts billing, DEPROVISIONING ends
//   it, one-minute minimum) at the Fargate price of its size, and the total
//   is the services plus the container instances;
// - minimumHealthyPercent (ecs-facts §3): the scheduler never stops a healthy
//   task of an older deployment when that leaves fewer than
//   ceil(desiredCount × minimumHealthyPercent / 100) healthy tasks; a
//   deployment whose healthy count still went lower has a cause ECS
//   documents, visible in the log: a healthy task's essential container
//   exited, the service was below the minimum when the deployment began, or
//   another update-service or a delete-service changed the service meanwhile.
#include <ecsim/cost/billing.hpp>
#include <ecsim/cost/price_table.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "invariants.hpp"
#include "property/scenario_generator.hpp"
#include "scheduler/world.hpp"
#include "world_invariants.hpp"

using namespace ecsim;

namespace {

int min_healthy_tasks(int desired, int percent) {
  // ECS rounds the minimum up (ecs-facts §3); integer arithmetic, no float.
  return (desired * percent + 99) / 100;
}

int healthy_tasks(const detail::World& w, std::uint32_t s) {
  int n = 0;
  for (TaskId t : w.services[s].tasks) n += w.tasks.rows[index(t)].healthy && !w.tasks.rows[index(t)].stop_requested;
  return n;
}

/// What the run showed, for the coverage figures.
struct Coverage {
  int scenarios = 0, ec2 = 0, fargate = 0, daemon = 0, deployments = 0, completed = 0, failed = 0,
      rolled_back = 0, placement_failures = 0, standalone_groups = 0, created = 0, deleted = 0, unhealthy = 0, exits = 0, below_min_with_cause = 0,
      scheduler_stops_of_healthy = 0;
  std::int64_t tasks = 0;
};

/// Watches records as they are made: checks each scheduler stop of a healthy
/// task against minimumHealthyPercent and notes the causes that allow fewer
/// healthy tasks.
struct StopWatcher {
  const Simulation* sim = nullptr;
  std::multimap<std::uint32_t, SimTime> exits_of_healthy;  ///< by service
  std::map<std::pair<std::uint32_t, SimTime>, int> healthy_at_rollback;
  int scheduler_stops_of_healthy = 0;
  int violations = 0;
  std::string first_violation;

  void on_record(const Record& r, std::string_view text) {
    const detail::World& w = sim->world();
    if (r.type == RecordType::service_event && text.find("rolling back to deployment") != std::string_view::npos)
      healthy_at_rollback[{r.service, r.at}] = healthy_tasks(w, r.service);
    if (r.type != RecordType::task_state || r.to != TaskState::deactivating) return;
    const detail::ServiceRuntime& svc = w.services[r.service];
    if (svc.standalone) return;  // RunTask: nothing reconciles it
    for (TaskId t : svc.tasks) {
      const std::size_t i = index(t);
      if (w.tasks.rows[i].serial != r.task) continue;
      if (!w.tasks.rows[i].was_healthy || w.tasks.rows[i].unhealthy) return;
      if (w.tasks.rows[i].stop_code == StopCode::essential_container_exited) {
        exits_of_healthy.emplace(r.service, r.at);
        return;
      }
      if (w.tasks.rows[i].stop_code != StopCode::service_scheduler_initiated) return;
      if (w.tasks.rows[i].deployment == svc.deployments.back()) return;  // scale-in of the PRIMARY deployment
      ++scheduler_stops_of_healthy;
      const int left = healthy_tasks(w, r.service);  // this task no longer counts
      const int floor = min_healthy_tasks(svc.desired_count, svc.minimum_healthy_percent);
      if (left < floor && violations++ == 0)
        first_violation = fmt::format("at {} ms the scheduler stopped a healthy task of service {}, leaving {} "
                                      "healthy, below minimumHealthyPercent's {}",
                                      r.at.time_since_epoch().count(), svc.spec->service_name, left, floor);
      return;
    }
  }
};

/// Before and after each update-service: healthy tasks just before, the
/// service's desiredCount and minimumHealthyPercent just after.
struct UpdateSnapshot {
  int healthy_before = 0;
  int desired = 0;
  int min_percent = 0;
};

/// Fargate billing rebuilt from the event log (ecs-facts §8.2): from the start
/// of the image pull (PENDING -> ACTIVATING) until DEPROVISIONING begins, at
/// least one minute; a task still billing at the end counts its time so far.
double fargate_cost_from_log(const Simulation& sim, std::uint32_t service, double hourly) {
  std::map<std::uint32_t, SimTime> billing_since;
  double cost = 0;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::task_state || r.service != service) continue;
    if (r.from == TaskState::pending && r.to == TaskState::activating) billing_since[r.task] = r.at;
    if (r.to == TaskState::deprovisioning) {
      auto it = billing_since.find(r.task);
      if (it == billing_since.end()) continue;  // stopped before its image pull
      cost += charge_usd(hourly, r.at - it->second, Millis{60'000});
      billing_since.erase(it);
    }
  }
  for (const auto& [task, since] : billing_since) cost += charge_usd(hourly, sim.now() - since, Millis{0});
  return cost;
}

void check_money(const Simulation& sim, const test::GeneratedScenario& g) {
  const Scenario& sc = sim.scenario();
  const PriceTable& prices = price_table(sc.simulation.region);
  const RunSummary summary = sim.summary();
  // What summary.json says each service and RunTask group cost.
  std::map<std::string, double> reported;
  for (const auto& [name, s] : summary.services) reported[name] = s.cost_usd;
  for (const auto& [name, s] : summary.standalone_tasks) reported[name] = s.cost_usd;
  // What the event log says they cost (RunTask calls of one group may have
  // runtimes of their own: summed by name).
  std::map<std::string, double> expected;
  const detail::World& w = sim.world();
  for (std::uint32_t s = 0; s < w.services.size(); ++s) {
    const std::string& name = w.services[s].spec->service_name;
    CAPTURE(name);
    REQUIRE(g.family_of.count(name) == 1);
    const test::GeneratedScenario::Family& fam = g.families[g.family_of.at(name)];
    const double hourly = fam.fargate ? fargate_hourly_usd(prices, fam.cpu, fam.memory, CpuArchitecture::x86_64,
                                                           OsFamily::linux, false)
                                      : 0.0;
    expected[name] += fam.fargate ? fargate_cost_from_log(sim, s, hourly) : 0.0;
  }
  // EC2 services report a share of the instances' cost (capacity branch's
  // rule), already in the instances' total: only Fargate ones are checked
  // and added here.
  double services = 0;
  for (const auto& entry : reported) {  // no structured binding: clang 14 cannot CAPTURE one
    const auto& name = entry.first;
    const auto& usd = entry.second;
    CAPTURE(name);
    if (!g.families[g.family_of.at(name)].fargate) continue;
    CHECK(usd == doctest::Approx(expected[name]).epsilon(1e-9));
    services += usd;
  }
  // A service missing from the summary is one whose createService is still to come.
  for (const auto& [name, usd] : expected)
    if (!reported.count(name)) CHECK(usd == 0.0);
  double instances = 0;
  for (const ContainerInstanceSpec& ci : sc.container_instances)
    instances += ci.count * charge_usd(ec2_hourly_usd(prices, instance_type(ci.instance_type), false),
                                       sim.now().time_since_epoch(), Millis{60'000});
  CHECK(summary.total_cost_usd == doctest::Approx(services + instances).epsilon(1e-9));
  double by_provider = 0;
  for (const auto& [provider, usd] : summary.cost_by_capacity_provider) by_provider += usd;
  CHECK(by_provider == doctest::Approx(summary.total_cost_usd).epsilon(1e-9));
  // Cumulative cost in metrics.csv never goes down.
  std::map<std::uint32_t, double> last;
  for (const MetricSample& m : sim.recorder().metrics()) {
    CHECK(m.cost_usd >= last[m.service] - 1e-12);
    last[m.service] = m.cost_usd;
  }
}

void run_one(std::uint64_t seed, Coverage& cov) {
  const test::GeneratedScenario g = test::generate_scenario(seed);
  CAPTURE(seed);
  CAPTURE(g.yaml);
  LoadResult loaded;
  REQUIRE_NOTHROW(loaded = load_scenario_text(g.yaml, "property.yaml"));
  Simulation sim(loaded.scenario);
  StopWatcher watch;
  watch.sim = &sim;
  sim.recorder().attach([&watch](const Record& r, std::string_view text) { watch.on_record(r, text); });

  // Instants to stop and look: evenly over the run, and around every update.
  const Scenario& sc = sim.scenario();
  std::set<SimTime> stops;
  for (int k = 1; k < 20; ++k) stops.insert(SimTime{sc.simulation.duration * k / 20});
  std::map<std::pair<std::uint32_t, SimTime>, UpdateSnapshot> updates;
  std::multimap<std::uint32_t, SimTime> update_times;  // by service
  auto service_index = [&](const std::string& name) {
    for (std::uint32_t s = 0; s < sc.services.size(); ++s)
      if (sc.services[s].service_name == name) return s;
    FAIL("no service " << name);
    return 0u;
  };
  for (const TimelineEntry& e : sc.timeline) {
    // deleteService scales to 0: a documented cause of fewer healthy tasks.
    if (const auto* d = std::get_if<DeleteServiceAction>(&e.action); d && e.at < sc.simulation.duration)
      update_times.emplace(service_index(d->service), SimTime{e.at});
    const auto* u = std::get_if<UpdateServiceAction>(&e.action);
    if (!u || e.at >= sc.simulation.duration) continue;
    stops.insert(SimTime{e.at} - Millis{1});
    stops.insert(SimTime{e.at});
    update_times.emplace(service_index(u->service), SimTime{e.at});
  }
  for (SimTime t : stops) {
    sim.run_until(t);
    test::check_world_invariants(sim);
    const detail::World& w = sim.world();
    for (const auto& [s, at] : update_times) {
      UpdateSnapshot& snap = updates[{s, at}];
      if (t == at - Millis{1}) snap.healthy_before = healthy_tasks(w, s);
      if (t == at) {
        snap.desired = w.services[s].desired_count;
        snap.min_percent = w.services[s].minimum_healthy_percent;
      }
    }
  }
  sim.run();
  test::check_invariants(sim);  // with check_world_invariants at the end
  check_money(sim, g);
  CHECK_MESSAGE(watch.violations == 0, watch.first_violation);

  // Deployments that went below minimumHealthyPercent have a logged cause.
  const detail::World& w = sim.world();
  for (const detail::DeploymentRuntime& dep : w.deployments) {
    if (!dep.listed) continue;
    ++cov.deployments;
    cov.completed += dep.rollout == detail::RolloutState::completed;
    cov.failed += dep.rollout == detail::RolloutState::failed;
    cov.rolled_back += dep.rolled_back;
    if (dep.min_healthy_count == std::numeric_limits<int>::max()) continue;  // never reconciled while in progress
    const SimTime until = dep.finished_at == detail::never ? sim.now() : dep.finished_at;
    int required = 0;
    bool below_at_start = false;
    if (auto it = updates.find({dep.service, dep.started_at}); it != updates.end()) {
      required = min_healthy_tasks(it->second.desired, it->second.min_percent);
      below_at_start = it->second.healthy_before < required;
    } else if (auto rb = watch.healthy_at_rollback.find({dep.service, dep.started_at});
               rb != watch.healthy_at_rollback.end()) {
      const detail::ServiceRuntime& svc = w.services[dep.service];
      required = min_healthy_tasks(svc.desired_count, svc.minimum_healthy_percent);
      below_at_start = rb->second < required;
    } else {
      FAIL("deployment " << dep.id << " began neither with an update nor with a rollback");
    }
    if (dep.min_healthy_count >= required) continue;
    auto in_window = [&](const std::multimap<std::uint32_t, SimTime>& m, bool strictly_after) {
      auto [lo, hi] = m.equal_range(dep.service);
      return std::any_of(lo, hi, [&](const auto& kv) {
        return (strictly_after ? kv.second > dep.started_at : kv.second >= dep.started_at) && kv.second <= until;
      });
    };
    const bool cause = below_at_start || in_window(watch.exits_of_healthy, false) || in_window(update_times, true);
    CHECK_MESSAGE(cause, "deployment ", dep.id, " of service ", w.services[dep.service].spec->service_name,
                  " had ", dep.min_healthy_count, " healthy tasks, under the minimum of ", required,
                  ", with no cause in the log");
    cov.below_min_with_cause += cause;
  }

  ++cov.scenarios;
  bool ec2 = false, fargate = false;
  for (const detail::ServiceRuntime& svc : w.services) {
    cov.standalone_groups += svc.standalone && svc.tasks_started > 0;
    cov.created += !svc.standalone && svc.spec->service_name == "late" && svc.created;
    cov.deleted += svc.deleted;
    (svc.ec2 ? ec2 : fargate) = true;
    cov.daemon += svc.spec->scheduling_strategy == SchedulingStrategy::daemon;
    cov.placement_failures += svc.placement_failures > 0;
    cov.tasks += svc.tasks_started;
  }
  cov.ec2 += ec2;
  cov.fargate += fargate;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::service_event) {
      const std::string_view text = sim.recorder().text(r);
      if (text.find("failed container health checks") != std::string_view::npos ||
          text.find("is unhealthy in") != std::string_view::npos) {
        ++cov.unhealthy;
        break;
      }
    }
  cov.exits += !watch.exits_of_healthy.empty();
  cov.scheduler_stops_of_healthy += watch.scheduler_stops_of_healthy;
}

}  // namespace

TEST_CASE("the generator is deterministic and its scenarios differ") {
  CHECK(test::generate_scenario(42).yaml == test::generate_scenario(42).yaml);
  CHECK(test::generate_scenario(42).yaml != test::generate_scenario(43).yaml);
}

TEST_CASE("1,000 random scenarios run to completion keeping every invariant") {
  constexpr std::uint64_t count = 1000;
  Coverage cov;
  for (std::uint64_t seed = 1; seed <= count; ++seed) run_one(seed, cov);
  MESSAGE("property scenarios: ", cov.scenarios, " (", cov.ec2, " with EC2 services, ", cov.fargate,
          " with Fargate services, ", cov.daemon, " DAEMON services), ", cov.tasks, " tasks, ", cov.deployments,
          " deployments (", cov.completed, " completed, ", cov.failed, " failed, ", cov.rolled_back,
          " rolled back), ", cov.placement_failures, " services with placement failures, ", cov.unhealthy,
          " runs with failed health checks, ", cov.exits, " with exits of healthy tasks, ",
          cov.scheduler_stops_of_healthy, " scheduler stops of healthy old tasks checked, ",
          cov.below_min_with_cause, " deployments below the minimum with a logged cause; ", cov.standalone_groups,
          " RunTask groups that started tasks, ", cov.created, " services created and ", cov.deleted,
          " deleted by the timeline");
  CHECK(cov.scenarios == count);
  // The generator must keep reaching every feature it is meant to cover.
  CHECK(cov.ec2 >= 100);
  CHECK(cov.fargate >= 100);
  CHECK(cov.daemon >= 50);
  CHECK(cov.completed >= 100);
  CHECK(cov.failed >= 20);
  CHECK(cov.rolled_back >= 10);
  CHECK(cov.placement_failures >= 20);
  CHECK(cov.unhealthy >= 20);
  CHECK(cov.scheduler_stops_of_healthy >= 100);
  CHECK(cov.standalone_groups >= 100);
  CHECK(cov.created >= 50);
  CHECK(cov.deleted >= 50);
}
