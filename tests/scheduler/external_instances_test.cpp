// ECS Anywhere: EXTERNAL container instances take launchType EXTERNAL tasks
// only (and EC2 tasks keep off them), have no Availability Zone, and bill
// ECS Anywhere's fee per instance-hour.
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

/// One m5.large (room for four 512-unit tasks) and one EXTERNAL server of
/// 2048 units / 4096 MiB (also four); services "web" (EC2) and "edge"
/// (EXTERNAL) of 6 tasks each, web first.
Scenario mixed_cluster() {
  Scenario sc = ecsim::test::prod_cluster_scenario("external-test", Millis{1h}, 5, {"us-east-1a", "us-east-1b"});
  ContainerInstanceSpec ec2;
  ec2.cluster = "prod";
  ec2.instance_type = "m5.large";
  sc.container_instances.push_back(ec2);
  ContainerInstanceSpec ext;
  ext.cluster = "prod";
  ext.external = true;
  ext.cpu = 2048;
  ext.memory = 4096;
  sc.container_instances.push_back(ext);
  sc.task_definitions.push_back(ecsim::test::ec2_task_definition("web"));
  for (const char* name : {"web", "edge"}) {
    ServiceSpec svc;
    svc.service_name = name;
    svc.cluster = "prod";
    svc.task_definition = "web:1";
    svc.desired_count = 6;
    svc.launch_type = std::string(name) == "web" ? LaunchType::ec2 : LaunchType::external;
    sc.services.push_back(svc);
  }
  return sc;
}

}  // namespace

TEST_CASE("EXTERNAL tasks run only on ECS Anywhere instances, EC2 tasks only on EC2 instances") {
  Simulation sim = ecsim::test::run_checked(mixed_cluster()).sim;
  const RunSummary r = sim.summary();
  // Had they mixed, web (first) would also have taken two of the server's slots.
  CHECK(r.services[0].second.running_count == 4);
  CHECK(r.services[1].second.running_count == 4);
  CHECK(r.services[1].second.placement_failures > 0);
  CHECK(r.services[1].second.tasks_by_capacity_provider == std::map<std::string, int>{{"EXTERNAL", 4}});
  CHECK(r.instances_launched == 2);
}

TEST_CASE("an EXTERNAL instance bills ECS Anywhere's fee per hour; prices.externalInstanceHour overrides it") {
  Scenario sc = mixed_cluster();
  {
    Simulation sim(sc);
    sim.run();
    CHECK(sim.summary().cost_by_capacity_provider.at("EXTERNAL") == doctest::Approx(0.01025).epsilon(1e-12));
    CHECK(sim.summary().cost_by_capacity_provider.at("EC2") == doctest::Approx(0.096).epsilon(1e-12));
  }
  sc.prices.external_instance_hour = 0.02;
  Simulation sim(sc);
  sim.run();
  CHECK(sim.summary().cost_by_capacity_provider.at("EXTERNAL") == doctest::Approx(0.02).epsilon(1e-12));
}

TEST_CASE("an Availability Zone outage leaves EXTERNAL instances and their tasks alone") {
  Scenario sc = mixed_cluster();
  FaultSpec f;
  f.type = FaultType::az_outage;
  f.availability_zone = "us-east-1a";  // the zone of the m5.large (and zone 0)
  f.at = Millis{20min};
  f.duration = Millis{10min};
  sc.faults.push_back(f);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const RunSummary r = sim.summary();
  CHECK(r.services[0].second.tasks_lost == 4);
  CHECK(r.services[1].second.tasks_lost == 0);
  CHECK(r.services[1].second.tasks_started == 4);
}
