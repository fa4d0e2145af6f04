// dependsOn orders container start-up (ecs-facts §1.5): the task runs once
// its last container has started, and a dependency that never turns
// HEALTHY keeps the task from ever running.
#include <ecsim/simulation.hpp>

#include "invariants.hpp"
#include "web_scenario.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ecsim;
using namespace ecsim::test;

namespace {

ContainerDefinition container(const std::string& name, bool essential) {
  ContainerDefinition c;
  c.name = name;
  c.image = name + ":1";
  c.essential = essential;
  return c;
}

HealthCheck check_every(Millis interval) {
  HealthCheck hc;
  hc.command = {"CMD-SHELL", "true"};
  hc.interval = interval;
  hc.retries = 3;
  return hc;
}

/// When the first task of the run entered `state`, in seconds.
double first_time_in(const Simulation& sim, TaskState state) {
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.to == state && r.from != r.to) return to_seconds(r.at);
  return -1;
}

/// Behaviour of the test service: pull 10 s, each container 5 s to start up,
/// so without dependencies a task runs 17 s after launch.
Scenario with_containers(std::vector<ContainerDefinition> containers) {
  Scenario sc = web_scenario(1);
  sc.simulation.duration = Millis{10min};
  sc.task_definitions[0].container_definitions = std::move(containers);
  sc.behavior[0].startup.value = Millis{5s};
  return sc;
}

}  // namespace

TEST_CASE("an app waiting for an init container's SUCCESS starts when the init container has exited") {
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "migrate", .condition = DependencyCondition::success});
  Simulation sim = ecsim::test::run_checked(with_containers({container("migrate", false), app})).sim;
  // migrate starts after the pull (17 s) and exits 5 s later; then app starts.
  CHECK(first_time_in(sim, TaskState::running) == doctest::Approx(22));
  // No health check, no load balancer: healthy 40 s after RUNNING.
  CHECK(sim.summary().services.at(0).second.running_count == 1);
}

TEST_CASE("a HEALTHY dependency holds the dependent container until its first passing check") {
  ContainerDefinition proxy = container("proxy", true);
  proxy.health_check = check_every(Millis{10s});
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "proxy", .condition = DependencyCondition::healthy});
  Simulation sim = ecsim::test::run_checked(with_containers({proxy, app})).sim;
  // proxy is up 5 s after the pull; its check at 10 s passes; app starts then.
  CHECK(first_time_in(sim, TaskState::running) == doctest::Approx(27));
}

TEST_CASE("START only waits for the dependency to start") {
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "sidecar", .condition = DependencyCondition::start});
  Simulation sim(with_containers({container("sidecar", true), app}));
  sim.run();
  CHECK(first_time_in(sim, TaskState::running) == doctest::Approx(17));
}

TEST_CASE("a dependency that turns UNHEALTHY keeps an essential container from starting: the task never runs") {
  ContainerDefinition proxy = container("proxy", true);
  proxy.health_check = check_every(Millis{10s});
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "proxy", .condition = DependencyCondition::healthy});
  Scenario sc = with_containers({proxy, app});
  sc.behavior[0].fail_health_checks = true;
  Simulation sim = ecsim::test::run_checked(sc).sim;
  CHECK(first_time_in(sim, TaskState::running) == -1);
  // proxy's three counted failures end 30 s after the pull: 17 + 30 s.
  CHECK(first_time_in(sim, TaskState::deprovisioning) == doctest::Approx(47));
}

TEST_CASE("a dependency's startTimeout: the dependent container gives up, so the task stops without running") {
  // migrate starts at 17 s and exits at 22 s; with startTimeout 3 s the
  // agent gives up on its SUCCESS at 20 s.
  ContainerDefinition migrate = container("migrate", false);
  migrate.start_timeout = Millis{3s};
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "migrate", .condition = DependencyCondition::success});
  Simulation sim = ecsim::test::run_checked(with_containers({migrate, app})).sim;
  CHECK(first_time_in(sim, TaskState::running) == -1);
  CHECK(first_time_in(sim, TaskState::deprovisioning) == doctest::Approx(20));
  CHECK(sim.summary().services.at(0).second.running_count == 0);
}

TEST_CASE("a startTimeout longer than the dependency needs changes nothing") {
  ContainerDefinition migrate = container("migrate", false);
  migrate.start_timeout = Millis{6s};
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "migrate", .condition = DependencyCondition::success});
  Simulation sim(with_containers({migrate, app}));
  sim.run();
  CHECK(first_time_in(sim, TaskState::running) == doctest::Approx(22));
}

TEST_CASE("a HEALTHY dependency not healthy within its startTimeout stops the task at the timeout") {
  // proxy starts at 17 s; its first passing check would be at 27 s.
  ContainerDefinition proxy = container("proxy", true);
  proxy.health_check = check_every(Millis{10s});
  proxy.start_timeout = Millis{8s};
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "proxy", .condition = DependencyCondition::healthy});
  Simulation sim = ecsim::test::run_checked(with_containers({proxy, app})).sim;
  CHECK(first_time_in(sim, TaskState::running) == -1);
  CHECK(first_time_in(sim, TaskState::deprovisioning) == doctest::Approx(25));
}

TEST_CASE("startTimeout does not apply to a START dependency") {
  ContainerDefinition sidecar = container("sidecar", true);
  sidecar.start_timeout = Millis{2s};
  ContainerDefinition app = container("app", true);
  app.depends_on.push_back({.container_name = "sidecar", .condition = DependencyCondition::start});
  Simulation sim(with_containers({sidecar, app}));
  sim.run();
  CHECK(first_time_in(sim, TaskState::running) == doctest::Approx(17));
}
