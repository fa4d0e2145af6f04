#pragma once
// What the blue/green tests read of a finished run: the deployment timeline's
// production shifts, when the original (blue) tasks first stopped, and the
// target-group registrations; and scenarios of four web tasks behind web-tg
// on the CodeDeploy controller.
#include <ecsim/simulation.hpp>

#include "../web_scenario.hpp"
#include "invariants.hpp"

#include <string>
#include <string_view>
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

/// Whether some record's text ends with `tail` (a deployment's failure reason, say).
inline bool logged_ending(const Simulation& sim, std::string_view tail) {
  for (const Record& r : sim.recorder().records())
    if (sim.recorder().text(r).ends_with(tail)) return true;
  return false;
}

struct BlueGreenRun : FinishedRun {
  /// The replacement: the first update.
  const DeploymentSummary& green() const { return deployment(); }
};

/// Runs the scenario to its end and checks the world's invariants.
inline BlueGreenRun run_blue_green(Scenario sc) { return BlueGreenRun{run_checked(std::move(sc))}; }

/// A blue/green deployment that failed before production traffic reached
/// the replacement: FAILED and rolled back at `failed_at`, then a ROLLBACK
/// deployment back to web:1 that completed, and the original never stopped.
inline void check_rolled_back_unshifted(const BlueGreenRun& r, double failed_at) {
  const std::vector<DeploymentSummary>& deps = r.service().deployments;
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].rollout_state == "FAILED");
  CHECK(deps[0].rolled_back);
  CHECK(*deps[0].finished_at == failed_at);
  CHECK(shifts(deps[0]).empty());  // production traffic never left the original
  CHECK(deps[1].task_definition == "web:1");
  CHECK(deps[1].strategy == "ROLLBACK");
  CHECK(deps[1].rollout_state == "COMPLETED");
  CHECK(first_original_stop(r.sim) == -1);
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

/// web_code_deploy with a CodeDeploy canary of 10 % for 15 minutes and a
/// constant `rps` requests/s; tasks take 100 requests/s each at 100 % CPU
/// (2 % idle). The replacement takes its 10 % at 647 s, all of it at
/// 1547 s, and the original stops after the 5-minute termination wait at
/// 1847 s.
inline Scenario web_canary(double rps) {
  Scenario sc = web_code_deploy();
  sc.code_deploy[0].deployment_config_name = "CodeDeployDefault.ECSCanary10Percent15Minutes";
  sc.behavior[0].requests_per_second_per_task = 100;
  sc.behavior[0].cpu_utilization = 2;
  WorkloadSpec wl;
  wl.service = "web";
  wl.requests_per_second.kind = LoadModelKind::constant;
  wl.requests_per_second.constant = rps;
  sc.workloads.push_back(wl);
  return sc;
}

}  // namespace ecsim::test
