// Regression (found by the property tests): an action at the very end of the
// run. The loader warns that it "never happens", so the run must not apply
// it: no deployment for an update-service at t = duration.
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include "invariants.hpp"

namespace {

constexpr std::string_view yaml = R"(simulation: {duration: 30m}
clusters: [{clusterName: c}]
taskDefinitions:
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
     containerDefinitions: [{name: web, image: web:1}]}
  - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
     containerDefinitions: [{name: web, image: web:2}]}
services:
  - {serviceName: web, cluster: c, taskDefinition: "web:1", launchType: FARGATE, desiredCount: 2}
timeline:
  - {at: 30m, updateService: {service: web, taskDefinition: "web:2", desiredCount: 5}}
)";

}  // namespace

TEST_CASE("an update-service at the end of the run never happens, as the loader's warning says") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "end.yaml");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].message.find("it never happens") != std::string::npos);
  ecsim::Simulation sim(r.scenario);
  sim.run();
  ecsim::test::check_invariants(sim);
  const ecsim::ServiceSummary web = sim.summary().services[0].second;  // a copy: summary() is a temporary
  CHECK(web.deployments.empty());
  CHECK(web.desired_count == 2);
  CHECK(web.tasks_started == 2);
}
