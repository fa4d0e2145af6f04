// Auto Scaling group capacity providers with managed scaling (ecs-facts
// §7.2): tasks wait in PROVISIONING for capacity, the group grows by what
// the CapacityProviderReservation formula asks (within the scaling steps,
// after the warm-up) and shrinks only by empty instances after 15 minutes.
#include "scheduler/managed_scaling.hpp"

#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

/// A c5.large group (2 vCPU: four 512-unit bridge tasks each), one instance
/// to start, launch 90 s, warm-up 300 s; service "web" of 4 tasks on it.
Scenario asg_scenario(int max_step = 10, int max_size = 10) {
  Scenario sc = ecsim::test::prod_cluster_scenario("asg-test", Millis{2h}, 3);
  sc.clusters[0].capacity_providers = {"asg"};
  CapacityProviderSpec cp = ecsim::test::c5_large_group("asg", 0, max_size, 1);
  cp.auto_scaling_group_provider.managed_scaling.status = Toggle::enabled;
  cp.auto_scaling_group_provider.managed_scaling.maximum_scaling_step_size = max_step;
  ecsim::test::add_ec2_web(sc, cp, 4);
  return sc;
}

struct Scaling {
  double at;
  int from, to;
};

std::vector<Scaling> scalings(const Simulation& sim) {
  std::vector<Scaling> out;
  const std::regex re("desired capacity (\\d+) -> (\\d+)");
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::scaling) continue;
    const std::string text(sim.recorder().text(r));
    std::smatch m;
    if (std::regex_search(text, m, re)) out.push_back({to_seconds(r.at), std::stoi(m[1]), std::stoi(m[2])});
  }
  return out;
}

std::vector<double> registrations(const Simulation& sim) {
  std::vector<double> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::instance && sim.recorder().text(r).find("registered") != std::string_view::npos)
      out.push_back(to_seconds(r.at));
  return out;
}

}  // namespace

TEST_CASE("the reservation formula: M / N × 100, 200 when the group is empty") {
  ManagedScaling ms;  // target 100, steps 1..10000
  // 16 waiting tasks need 4 more c5.large beside the 1 busy one: M 5, N 1.
  const detail::Reservation r{5, 1, 0, 500};
  CHECK(detail::scale_out_step(ms, r, 10) == 4);  // to N = ceil(5 × 100 / 100) = 5
  ms.target_capacity = 50;                        // keep half the group spare
  CHECK(detail::scale_out_step(ms, r, 20) == 9);  // ceil(5 × 100 / 50) = 10
  CHECK(detail::scale_out_step(ms, r, 6) == 5);   // maxSize 6
  ms.maximum_scaling_step_size = 3;
  CHECK(detail::scale_out_step(ms, r, 20) == 3);
  ms = ManagedScaling{};
  ms.minimum_scaling_step_size = 3;
  CHECK(detail::scale_out_step(ms, {2, 1, 0, 200}, 10) == 3);  // at least the minimum step
  CHECK(detail::scale_out_step(ManagedScaling{}, {3, 0, 0, 200}, 10) == 2);  // from empty: two
}

TEST_CASE("a scale-up that needs instances: tasks wait in PROVISIONING, the group launches what the formula asks") {
  Scenario sc = asg_scenario();
  ecsim::test::set_desired_at(sc, Millis{10min}, 20);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  // At 10:00 16 tasks cannot be placed: the 11:00 evaluation finds M = 1 busy
  // + 16 / 4 = 5, N = 1: CapacityProviderReservation 500 %, launch 4.
  const auto s = scalings(sim);
  REQUIRE(!s.empty());
  CHECK(s[0].at == 660.0);
  CHECK(s[0].from == 1);
  CHECK(s[0].to == 5);
  // They register after the launch time (90 s); the waiting tasks start then.
  const auto reg = registrations(sim);
  REQUIRE(reg.size() == 5);  // the first at the start, then the four
  CHECK(reg[0] == 0.0);
  for (std::size_t k = 1; k < reg.size(); ++k) CHECK(reg[k] == 750.0);
  int left_provisioning_early = 0, waited = 0;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::task_state || r.from != TaskState::provisioning || r.to != TaskState::pending) continue;
    const double t = to_seconds(r.at);
    if (t > 600 && t < 750) ++left_provisioning_early;
    if (t == 755.0) ++waited;  // placed at 750, PROVISIONING 5 s more
  }
  CHECK(left_provisioning_early == 0);
  CHECK(waited == 16);
  const RunSummary r = sim.summary();
  CHECK(r.services[0].second.running_count == 20);
  CHECK(r.services[0].second.tasks_by_capacity_provider == std::map<std::string, int>{{"asg", 20}});
  CHECK(r.instances_launched == 5);
  CHECK(r.instances_peak == 5);
  CHECK(r.services[0].second.placement_failures == 0);  // waiting for capacity is not a placement failure
  CHECK(r.services[0].second.max_capacity_wait_seconds == 150.0);  // 600 s to 750 s
}

TEST_CASE("managed scaling never launches more than maximumScalingStepSize at once and waits out the warm-up") {
  Scenario sc = asg_scenario(/*max_step=*/2);
  ecsim::test::set_desired_at(sc, Millis{10min}, 20);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto s = scalings(sim);
  REQUIRE(s.size() >= 2);
  for (const Scaling& x : s) CHECK(x.to - x.from <= 2);
  CHECK(s[0].at == 660.0);
  CHECK(s[0].to == 3);
  // The next scale-out comes once the two new instances are warm (300 s).
  CHECK(s[1].at == 960.0);
  CHECK(sim.summary().services[0].second.running_count == 20);
}

TEST_CASE("after a scale-in, only empty instances are terminated, after 15 minutes below target") {
  Scenario sc = asg_scenario();
  ecsim::test::set_desired_at(sc, Millis{10min}, 20);
  ecsim::test::set_desired_at(sc, Millis{40min}, 4);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const RunSummary r = sim.summary();
  CHECK(r.services[0].second.running_count == 4);
  CHECK(r.instances_terminated > 0);
  CHECK(r.instances_terminated <= 4);
  double first_termination = -1;
  for (const Record& rec : sim.recorder().records())
    if (rec.type == RecordType::instance && sim.recorder().text(rec).find("terminated") != std::string_view::npos &&
        first_termination < 0)
      first_termination = to_seconds(rec.at);
  CHECK(first_termination >= 2400 + 15 * 60);
  // No task was lost: every stop was the scheduler's (8 + 16 started, 16 stopped).
  CHECK(r.services[0].second.tasks_stopped == 16);
}

TEST_CASE("an Auto Scaling group's instances bill from launch to termination") {
  Scenario sc = asg_scenario();
  sc.simulation.duration = Millis{1h};
  Simulation sim(sc);
  sim.run();
  // One c5.large all hour: $0.085.
  CHECK(sim.summary().cost_by_capacity_provider.at("asg") == doctest::Approx(0.085).epsilon(1e-12));
}

TEST_CASE("a DAEMON service places a task on an instance that joins mid-run") {
  Scenario sc = asg_scenario();
  ServiceSpec daemon;
  daemon.service_name = "agent";
  daemon.cluster = "prod";
  daemon.task_definition = "web:1";
  daemon.launch_type = LaunchType::ec2;
  daemon.scheduling_strategy = SchedulingStrategy::daemon;
  daemon.deployment_configuration.minimum_healthy_percent = 0;
  daemon.deployment_configuration.maximum_percent = 100;
  sc.services.insert(sc.services.begin(), daemon);
  ecsim::test::set_desired_at(sc, Millis{10min}, 20);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const RunSummary r = sim.summary();
  const int instances = static_cast<int>(r.instances_launched - r.instances_terminated);
  CHECK(instances > 1);
  CHECK(r.services[0].second.desired_count == instances);
  CHECK(r.services[0].second.running_count == instances);
  CHECK(r.services[1].second.running_count == 20);
}

TEST_CASE("a mixed on-demand group launches its first listed type and sizes the reservation on its largest") {
  Scenario sc = asg_scenario();
  sc.capacity_providers[0].auto_scaling_group.instance_type.clear();
  sc.capacity_providers[0].auto_scaling_group.instance_types = {"c5.xlarge", "c5.large"};
  ecsim::test::set_desired_at(sc, Millis{10min}, 20);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  // c5.xlarge (4 vCPU) holds eight 512-unit tasks: 4 of the 16 new ones fit
  // beside the first 4, 12 wait = 2 more c5.xlarge: M 3, N 1, launch 2.
  const auto s = scalings(sim);
  REQUIRE(!s.empty());
  CHECK(s[0].at == 660.0);
  CHECK(s[0].to == 3);
  const RunSummary r = sim.summary();
  CHECK(r.services[0].second.running_count == 20);
  CHECK(r.instances_launched == 3);
  // Each instance bills at its own type's price: c5.xlarge $0.17 an hour.
  const double hours = 2.0 + 2 * (2.0 - 660.0 / 3600);
  CHECK(r.cost_by_capacity_provider.at("asg") == doctest::Approx(0.17 * hours).epsilon(1e-9));
}

TEST_CASE("a mixed Spot group launches its lowest-priced type (price-capacity-optimized without capacity pools)") {
  Scenario sc = asg_scenario();
  sc.simulation.duration = Millis{1h};
  sc.capacity_providers[0].auto_scaling_group.instance_type.clear();
  sc.capacity_providers[0].auto_scaling_group.instance_types = {"c5.xlarge", "m5.large", "c5.large"};
  sc.capacity_providers[0].auto_scaling_group.purchase_option = PurchaseOption::spot;
  Simulation sim(sc);
  sim.run();
  // One c5.large ($0.085) at the default EC2 Spot discount of 65 %.
  CHECK(sim.summary().cost_by_capacity_provider.at("asg") == doctest::Approx(0.085 * 0.35).epsilon(1e-9));
}
