#pragma once
// What the blue/green tests read of a finished run: the deployment timeline's
// production shifts, when the original (blue) tasks first stopped, and the
// target-group registrations; and a scenario of four web tasks behind web-tg
// on the CodeDeploy controller.
#include <ecsim/simulation.hpp>

#include "../web_scenario.hpp"
#include "invariants.hpp"

#include <string>
#include <utility>
#include <vector>

namespace ecsim::test {

using Steps = std::vector<std::pair<double, double>>;  // (time s, green percent)

/// The production shifts of the deployment's timeline.
inline Steps shifts(const DeploymentSummary& d) {
  Steps out;
  for (const DeploymentTimelineStep& s : d.timeline)
    if (s.event == "production traffic shifted") out.emplace_back(s.at, s.traffic_percent);
  return out;
}

/// Earliest time a task of the original (serials 0-3, created at 0 s) leaves RUNNING; -1: never.
inline double first_original_stop(const Simulation& sim) {
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::task_state && r.task < 4 && r.from == TaskState::running) return to_seconds(r.at);
  return -1;
}

/// The "registered 4 targets in (target-group …)" service events, in order.
inline std::vector<std::string> registrations(const Simulation& sim) {
  std::vector<std::string> out;
  for (const Record& rec : sim.recorder().records()) {
    std::string text(sim.recorder().text(rec));
    if (text.find(" registered 4 targets") != std::string::npos) out.push_back(std::move(text));
  }
  return out;
}

struct BlueGreenRun {
  Simulation sim;
  RunSummary summary;
  const DeploymentSummary& green() const { return summary.services[0].second.deployments.at(0); }
};

/// Runs the scenario to its end and checks the world's invariants.
inline BlueGreenRun run_blue_green(Scenario sc) {
  Simulation sim(std::move(sc));
  sim.run();
  check_invariants(sim);
  RunSummary s = sim.summary();
  return BlueGreenRun{std::move(sim), std::move(s)};
}

/// web_scenario's four web:1 tasks (port 80) behind target group web-tg on
/// the CodeDeploy controller, default deployment group settings, web:2 at
/// 600 s. The replacement is healthy at 647 s (RUNNING at 617 s, the app up
/// 5 s later, the 30-second target-group check at 647 s passes).
inline Scenario web_code_deploy() {
  Scenario sc = web_scenario(4);
  for (TaskDefinition& td : sc.task_definitions)
    td.container_definitions[0].port_mappings.push_back(PortMapping{.container_port = 80});
  TargetGroupSpec tg;
  tg.name = "web-tg";
  sc.target_groups.push_back(tg);
  ServiceSpec& svc = sc.services[0];
  svc.deployment_controller.type = DeploymentControllerType::code_deploy;
  svc.load_balancers.push_back(LoadBalancer{.target_group_arn = "web-tg", .container_name = "web", .container_port = 80});
  CodeDeploySpec cd;
  cd.service = "web";
  sc.code_deploy.push_back(cd);
  update_at(sc, Millis{std::chrono::seconds{600}}, "web:2", std::nullopt);
  return sc;
}

}  // namespace ecsim::test
