// Faults on EC2 capacity: EC2 Spot interruption notices (two minutes, with
// or without draining; ecs-facts §9) and an Availability Zone outage taking
// an Auto Scaling group's instances in that zone.
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

/// Three c5.large Spot instances (one per zone, four 512-unit tasks each),
/// service "web" of 6 tasks: room for every task's replacement.
Scenario spot_asg(bool draining, double rate_per_instance_hour) {
  Scenario sc = ecsim::test::prod_cluster_scenario("ec2-spot-test", Millis{3h}, 17);
  sc.clusters[0].capacity_providers = {"spot"};
  CapacityProviderSpec cp = ecsim::test::c5_large_group("spot", 3, 6, 3);
  cp.auto_scaling_group_provider.managed_draining = draining ? Toggle::enabled : Toggle::disabled;
  cp.auto_scaling_group.purchase_option = PurchaseOption::spot;
  ecsim::test::add_ec2_web(sc, cp, 6);
  if (rate_per_instance_hour > 0) {
    FaultSpec f;
    f.type = FaultType::spot_interruptions;
    f.capacity_provider = "spot";
    f.rate_per_instance_hour = rate_per_instance_hour;
    sc.faults.push_back(f);
  }
  return sc;
}

std::vector<double> times_of(const Simulation& sim, RecordType type, std::string_view needle) {
  std::vector<double> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == type && sim.recorder().text(r).find(needle) != std::string_view::npos) out.push_back(to_seconds(r.at));
  return out;
}

bool contains(const std::vector<double>& v, double x) {
  for (double y : v)
    if (y == doctest::Approx(x).epsilon(1e-12)) return true;
  return false;
}

}  // namespace

TEST_CASE("an EC2 Spot notice drains the instance, its tasks move before the two minutes run out, the group replaces it") {
  Simulation sim = ecsim::test::run_checked(spot_asg(/*draining=*/true, 0.5)).sim;
  const auto notices = times_of(sim, RecordType::fault, "EC2 Spot interruption notice");
  const auto draining = times_of(sim, RecordType::instance, "is DRAINING (Spot interruption)");
  const auto terminated = times_of(sim, RecordType::instance, "(EC2 Spot interruption)");
  const auto registered = times_of(sim, RecordType::instance, "registered");
  REQUIRE(!notices.empty());
  for (double t : notices) {
    CAPTURE(t);
    CHECK(contains(draining, t));
    if (t + 120 < 3 * 3600.0) CHECK(contains(terminated, t + 120));
    if (t + 120 + 90 < 3 * 3600.0) CHECK(contains(registered, t + 120 + 90));  // launch time 90 s
  }
  const RunSummary r = sim.summary();
  // Replacements started at the notice were healthy within 57 s, so the old
  // tasks stopped before the instance went: none was lost.
  CHECK(r.services[0].second.tasks_lost == 0);
  CHECK(r.instances_terminated == static_cast<std::int64_t>(terminated.size()));
  CHECK(r.instance_spot_interruptions == static_cast<std::int64_t>(notices.size()));
  CHECK(r.instances_launched == 3 + static_cast<std::int64_t>(terminated.size()));
}

TEST_CASE("without draining, the tasks on an interrupted instance are lost at termination") {
  Simulation sim = ecsim::test::run_checked(spot_asg(/*draining=*/false, 0.5)).sim;
  // Each notice says how many tasks the instance held; all of them are lost.
  const std::regex re("\\((\\d+) tasks\\)");
  std::int64_t on_interrupted = 0;
  int notices = 0;
  for (const Record& rec : sim.recorder().records()) {
    if (rec.type != RecordType::fault || to_seconds(rec.at) + 120 >= 3 * 3600.0) continue;
    const std::string text(sim.recorder().text(rec));
    std::smatch m;
    REQUIRE(std::regex_search(text, m, re));
    on_interrupted += std::stoi(m[1]);
    ++notices;
  }
  REQUIRE(notices > 0);
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.tasks_lost == on_interrupted);
  CHECK(s.spot_interruptions >= on_interrupted);
}

TEST_CASE("an Availability Zone outage takes the zone's instances: their tasks are lost and none is placed there") {
  Scenario sc = spot_asg(true, 0);
  FaultSpec f;
  f.type = FaultType::az_outage;
  f.availability_zone = "us-east-1a";
  f.at = Millis{30min};
  f.duration = Millis{20min};
  sc.faults.push_back(f);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  int placed_during = 0;
  std::map<std::uint32_t, double> created;
  for (const Record& r : sim.recorder().records()) {
    if (r.type != RecordType::task_state || r.from != TaskState::provisioning || r.to != TaskState::pending) continue;
    // Placed (PROVISIONING -> PENDING) while the zone is out: never in it.
    const double t = to_seconds(r.at);
    if (t >= 1800 && t < 3000) {
      ++placed_during;
      CHECK(sim.task_availability_zone(0, r.task) != "us-east-1a");
    }
  }
  const ServiceSummary s = sim.summary().services[0].second;
  CHECK(s.tasks_lost == 2);  // 6 tasks spread over 3 zones
  CHECK(placed_during == 2);
  CHECK(s.running_count == 6);
}

TEST_CASE("a rebalance recommendation launches the replacement early; its instance drains once the new one registers") {
  // csv rows at 1 h and 2 h, recommendations 10 min before each notice.
  Scenario sc = spot_asg(/*draining=*/true, 0);
  FaultSpec f;
  f.type = FaultType::spot_interruptions;
  f.capacity_provider = "spot";
  f.times = {Millis{1h}, Millis{2h}};
  f.rebalance_recommendation = Millis{10min};
  sc.faults.push_back(f);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const auto recommendations = times_of(sim, RecordType::fault, "rebalance recommendation");
  const auto notices = times_of(sim, RecordType::fault, "EC2 Spot interruption notice");
  const auto drained = times_of(sim, RecordType::instance, "is DRAINING (Capacity Rebalancing)");
  const auto registered = times_of(sim, RecordType::instance, "registered");
  CHECK(recommendations == std::vector<double>{3000, 6600});
  CHECK(notices == std::vector<double>{3600, 7200});
  // The replacement registers after the launch time (90 s); the old one drains then.
  CHECK(drained == std::vector<double>{3090, 6690});
  CHECK(registered == std::vector<double>{0, 0, 0, 3090, 6690});
  const RunSummary r = sim.summary();
  CHECK(r.instances_launched == 5);  // no second replacement at the terminations
  CHECK(r.instances_terminated == 2);
  CHECK(r.services[0].second.tasks_lost == 0);  // the tasks had moved before the notice
  CHECK(r.services[0].second.running_count == 6);
}
