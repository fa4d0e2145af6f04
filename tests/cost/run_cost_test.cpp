// What a run costs, against hand arithmetic from the price table (ecs-facts
// §8.2, §9): Fargate per second from the image pull with a one-minute
// minimum, Fargate Spot at the discount, ARM and ephemeral storage rates,
// EC2 instances by the hour, and the cumulative cost in metrics.csv.
#include <ecsim/model/instance_type.hpp>
#include <ecsim/simulation.hpp>

#include "../scheduler/test_scenarios.hpp"
#include "invariants.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace ecsim;
using ecsim::test::item;
using ecsim::test::strategy_scenario;
using namespace std::chrono_literals;

namespace {

/// Tasks bill from the image pull, 7 s after launch: a run of 730 h + 7 s
/// bills exactly 730 h of one task.
constexpr Millis month_plus_pull = Millis{730h} + Millis{7s};

Scenario one_task_month(int cpu, int memory, std::vector<CapacityProviderStrategyItem> strategy = {}) {
  Scenario sc = strategy_scenario(1, std::move(strategy), month_plus_pull);
  sc.task_definitions[0] = ecsim::test::fargate_task_definition("web", cpu, memory);
  return sc;
}

/// Cluster "prod" in one zone with one m5.large container instance.
Scenario one_m5_large(const std::string& name, Millis duration) {
  Scenario sc;
  sc.name = name;
  sc.simulation.duration = duration;
  ClusterSpec c;
  c.cluster_name = "prod";
  c.availability_zones = {"us-east-1a"};
  sc.clusters.push_back(c);
  ContainerInstanceSpec ci;
  ci.cluster = "prod";
  ci.instance_type = "m5.large";
  sc.container_instances.push_back(ci);
  return sc;
}

double cents(double usd) { return std::round(usd * 100.0) / 100.0; }

double run_cost(const Scenario& sc) {
  Simulation sim = ecsim::test::run_checked(sc).sim;
  return sim.summary().total_cost_usd;
}

}  // namespace

TEST_CASE("1 vCPU / 2 GB on Fargate for 730 hours costs $36.04") {
  // 730 × (0.04048 + 2 × 0.004445) = 730 × 0.04937.
  const double cost = run_cost(one_task_month(1024, 2048));
  CHECK(cost == doctest::Approx(730 * 0.04937).epsilon(1e-12));
  CHECK(cents(cost) == 36.04);
}

TEST_CASE("the same task on FARGATE_SPOT at a 70 % discount costs 30 % of that: $10.81") {
  const double cost = run_cost(one_task_month(1024, 2048, {item("FARGATE_SPOT", 0, 1)}));
  CHECK(cost == doctest::Approx(730 * 0.04937 * 0.3).epsilon(1e-12));
  CHECK(cents(cost) == 10.81);
}

TEST_CASE("prices.fargate.spotDiscount replaces the Spot discount") {
  Scenario sc = one_task_month(1024, 2048, {item("FARGATE_SPOT", 0, 1)});
  sc.prices.fargate.spot_discount = 0.5;
  CHECK(run_cost(sc) == doctest::Approx(730 * 0.04937 * 0.5).epsilon(1e-12));
}

TEST_CASE("1 vCPU / 2 GB on ARM64 for 730 hours costs 730 × 0.0395 = $28.835") {
  Scenario sc = one_task_month(1024, 2048);
  sc.task_definitions[0].runtime_platform.cpu_architecture = CpuArchitecture::arm64;
  CHECK(run_cost(sc) == doctest::Approx(730 * (0.03238 + 2 * 0.00356)).epsilon(1e-12));
}

TEST_CASE("50 GB of ephemeral storage adds 30 GB × $0.000111 per hour: $2.43 a month") {
  Scenario sc = one_task_month(1024, 2048);
  sc.task_definitions[0].ephemeral_storage.size_in_gib = 50;
  const double cost = run_cost(sc);
  CHECK(cost - 730 * 0.04937 == doctest::Approx(30 * 0.000111 * 730).epsilon(1e-9));
  CHECK(cents(cost - 730 * 0.04937) == 2.43);
}

TEST_CASE("an m5.large container instance for 730 hours costs 730 × $0.096 = $70.08") {
  Simulation sim(one_m5_large("one-instance", Millis{730h}));
  sim.run();
  const RunSummary r = sim.summary();
  CHECK(r.cost_by_capacity_provider.at("EC2") == doctest::Approx(730 * 0.096).epsilon(1e-12));
  CHECK(cents(r.total_cost_usd) == 70.08);
  CHECK(r.monthly_cost_usd == doctest::Approx(730 * 0.096).epsilon(1e-12));
}

TEST_CASE("a task that runs less than a minute is billed one minute") {
  // 0.5 vCPU / 1 GB = $0.024685 per hour. Scaled to 0 at 20 s, it bills from
  // 7 s to the end of STOPPING at 23 s: 16 s, charged as 60 s.
  Scenario sc = strategy_scenario(1, {}, Millis{1h});
  ecsim::test::set_desired_at(sc, Millis{20s}, 0);
  CHECK(run_cost(sc) == doctest::Approx(0.024685 * 60 / 3600).epsilon(1e-12));
}

TEST_CASE("metrics.csv's costUsd is cumulative and matches the hand figure at each sample") {
  Scenario sc = strategy_scenario(2, {item("FARGATE", 1, 0), item("FARGATE_SPOT", 0, 1)}, Millis{2h});
  sc.simulation.metrics_interval = Millis{30min};
  Simulation sim(sc);
  sim.run();
  // One task on each: (1 + 0.3) × $0.024685 per hour, from 7 s.
  const double per_hour = 1.3 * 0.024685;
  int checked = 0;
  double last = -1;
  for (const MetricSample& m : sim.recorder().metrics()) {
    const double t = to_seconds(m.at);
    CHECK(m.cost_usd >= last);
    last = m.cost_usd;
    if (t < 7) continue;
    CHECK(m.cost_usd == doctest::Approx(per_hour * (t - 7) / 3600).epsilon(1e-9));
    ++checked;
  }
  CHECK(checked == 4);  // 30, 60, 90, 120 min
}

TEST_CASE("EC2 cost goes to services by their share of reserved CPU and memory; the rest is idle") {
  Scenario sc = one_m5_large("ec2-share", Millis{1h});
  TaskDefinition td = ecsim::test::ec2_task_definition("api");
  td.container_definitions[0].cpu = 1024;
  td.container_definitions[0].memory = 2048;
  sc.task_definitions.push_back(td);
  ServiceSpec svc;
  svc.service_name = "api";
  svc.cluster = "prod";
  svc.task_definition = "api:1";
  svc.desired_count = 1;
  svc.launch_type = LaunchType::ec2;
  sc.services.push_back(svc);
  BehaviorSpec b;
  b.task_definition = "api";
  b.image_pull.value = Millis{10s};
  sc.behavior.push_back(b);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const RunSummary r = sim.summary();
  // m5.large registers 2048 CPU units and 8 GiB less 2.5 % of memory
  // (docs/assumptions.md); the task reserves 1024 units and 2048 MiB.
  const double memory_share = 2048.0 / registered_memory_mib(instance_type("m5.large"));
  const double share = (1024.0 / 2048.0 + memory_share) / 2.0;
  const double service = 0.096 * share * (3600.0 - 7.0) / 3600.0;  // from the image pull, as on Fargate
  CHECK(r.services[0].second.cost_usd == doctest::Approx(service).epsilon(1e-9));
  CHECK(r.total_cost_usd == doctest::Approx(0.096).epsilon(1e-12));  // the instance, counted once
  CHECK(r.cost_by_capacity_provider.at("EC2") == doctest::Approx(0.096).epsilon(1e-12));
  CHECK(r.ec2_idle_cost_usd == doctest::Approx(0.096 - service).epsilon(1e-9));
}
