// Services on EC2 container instances: placement through the placement core,
// ECS's placement-failure message, DAEMON services, and rolling deployments
// on a full cluster. These run the shipped scenarios, so the figures below
// are the ones a user reads in their report.
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include "invariants.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ecsim;

namespace {

Simulation run_shipped(const std::string& name, std::vector<std::string> set = {}) {
  LoadOptions o;
  o.set = std::move(set);
  LoadResult r = load_scenario_file(std::string(ECSIM_SOURCE_DIR) + "/scenarios/" + name, o);
  Simulation sim = ecsim::test::run_checked(std::move(r.scenario)).sim;
  return sim;
}

std::vector<std::string> messages(const Simulation& sim, RecordType type) {
  std::vector<std::string> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == type) out.emplace_back(sim.recorder().text(r));
  return out;
}

}  // namespace

TEST_CASE("a DAEMON service runs one task on every instance and the replica binpacks into the rest") {
  const Simulation sim = run_shipped("daemon-service.yaml");
  const RunSummary r = sim.summary();
  const ServiceSummary& daemon = r.services[0].second;
  const ServiceSummary& worker = r.services[1].second;
  CHECK(daemon.desired_count == 4);  // four c5.xlarge
  CHECK(daemon.running_count == 4);
  // c5.xlarge registers 4096 CPU units; the daemon takes 256, leaving room for
  // three 1024-unit workers per instance: 12 of 14.
  CHECK(worker.running_count == 12);
  CHECK(worker.placement_failures > 0);
  const auto failures = messages(sim, RecordType::placement_failure);
  REQUIRE(failures.size() == 1);  // identical messages are suppressed for 6 h
  CHECK(failures[0].rfind("(service worker) was unable to place a task because no container instance met all of "
                          "its requirements. The closest matching container-instance i-",
                          0) == 0);
  CHECK(failures[0].ends_with(" has insufficient CPU units available."));
  CHECK(r.instances_launched == 4);
  // Four c5.xlarge for 30 minutes at the catalog's on-demand price.
  CHECK(r.cost_by_capacity_provider.at("EC2") == doctest::Approx(4 * 0.17 * 0.5).epsilon(1e-9));
}

TEST_CASE("min 50 / max 100 on a full EC2 cluster stops half first and completes") {
  const Simulation sim = run_shipped("tight-capacity-deploy.yaml");
  const RunSummary r = sim.summary();
  const ServiceSummary& s = r.services[0].second;
  REQUIRE(s.deployments.size() == 1);
  CHECK(s.deployments[0].rollout_state == "COMPLETED");
  CHECK(s.deployments[0].min_healthy_count == 3);  // ceil(6 × 50 %)
  CHECK(s.deployments[0].max_running_count == 6);  // floor(6 × 100 %)
  CHECK(s.placement_failures == 0);
  CHECK(s.running_count == 6);
}

TEST_CASE("min 100 / max 200 on a full EC2 cluster cannot place the new tasks and reports why") {
  const Simulation sim =
      run_shipped("tight-capacity-deploy.yaml", {"services.orders.deploymentConfiguration.minimumHealthyPercent=100",
                                                 "services.orders.deploymentConfiguration.maximumPercent=200"});
  const RunSummary r = sim.summary();
  const ServiceSummary& s = r.services[0].second;
  CHECK(s.deployments.at(0).rollout_state == "IN_PROGRESS");
  CHECK(s.deployments.at(0).min_healthy_count == 6);
  CHECK(s.placement_failures > 0);
  CHECK(s.running_count == 6);  // the old revision keeps serving
  const auto failures = messages(sim, RecordType::placement_failure);
  REQUIRE(!failures.empty());
  CHECK(failures[0].find("has insufficient") != std::string::npos);
}
