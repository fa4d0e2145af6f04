// serviceRegistries (Cloud Map): a task is registered once it counts healthy
// and deregistered when ECS starts to stop it, one event per registry.
#include <ecsim/simulation.hpp>

#include "invariants.hpp"
#include "web_scenario.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace ecsim;
using namespace ecsim::test;

namespace {

struct Discovery {
  std::map<std::uint32_t, double> registered, deregistered;  // by task serial
  std::map<std::uint32_t, double> healthy_at, stop_at;        // from the task states
};

Discovery discovery_of(const Simulation& sim) {
  Discovery d;
  for (const Record& r : sim.recorder().records()) {
    const std::string text(sim.recorder().text(r));
    if (r.type == RecordType::service_discovery) {
      CHECK(text.find("(service-registry srv-web)") != std::string::npos);
      (text.find(") registered (task ") != std::string::npos ? d.registered : d.deregistered)[r.task] =
          to_seconds(r.at);
    }
    if (r.type == RecordType::task_state && r.to == TaskState::deactivating) d.stop_at[r.task] = to_seconds(r.at);
  }
  return d;
}

}  // namespace

TEST_CASE("Cloud Map instances come and go with healthy tasks during a rolling deployment") {
  Scenario sc = web_scenario(2);
  ServiceRegistry reg;
  reg.registry_arn = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-web";
  sc.services[0].service_registries.push_back(reg);
  update_at(sc, Millis{30min}, "web:2", std::nullopt);
  Simulation sim = ecsim::test::run_checked(sc).sim;
  const Discovery d = discovery_of(sim);
  // Four tasks in all (two per revision); each registered 57 s after launch:
  // 17 s to RUNNING plus ECS's 40 s no-health-check delay.
  CHECK(d.registered.size() == 4);
  for (const auto& [task, at] : d.registered) CHECK((at == doctest::Approx(57) || at == doctest::Approx(1857)));
  // The two first-revision tasks were deregistered when they started DEACTIVATING.
  REQUIRE(d.deregistered.size() == 2);
  for (const auto& [task, at] : d.deregistered) {
    REQUIRE(d.stop_at.count(task) == 1);
    CHECK(at == doctest::Approx(d.stop_at.at(task)));
    CHECK(d.registered.at(task) < at);
  }
}

TEST_CASE("tasks that never turn healthy are never registered") {
  Scenario sc = web_scenario(1);
  sc.services[0].service_registries.push_back(ServiceRegistry{.registry_arn = "srv-web"});
  sc.behavior[0].fail_start_probability = 1.0;
  Simulation sim(sc);
  sim.run();
  const Discovery d = discovery_of(sim);
  CHECK(d.registered.empty());
  CHECK(d.deregistered.empty());
}
