// CodeDeploy's deploymentReadyOption and ContinueDeployment: with
// STOP_DEPLOYMENT production traffic waits, once the replacement is ready,
// for a ContinueDeployment call; without one within waitTimeInMinutes the
// deployment is stopped and the original keeps serving.
#include <ecsim/simulation.hpp>

#include "blue_green_run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

using test::first_original_stop;
using test::shifts;
using test::Steps;
constexpr auto run = test::run_blue_green;

constexpr double ready_at = 647;  // every replacement task healthy in web-tg (update at 600 s)

/// CodeDeploy AllAtOnce to web:2 at 600 s with the given ready option and
/// the 5-minute termination wait.
Scenario code_deploy(ReadyActionOnTimeout action, Millis wait) {
  Scenario sc = test::web_code_deploy();
  sc.code_deploy[0].deployment_ready_option = DeploymentReadyOption{action, wait, {}};
  return sc;
}

void continue_at(Scenario& sc, Millis at, DeploymentWaitType type = DeploymentWaitType::ready_wait) {
  sc.timeline.push_back(TimelineEntry{at, ContinueDeploymentAction{"web", type, {}}, {}});
}

}  // namespace

TEST_CASE("CONTINUE_DEPLOYMENT shifts traffic as soon as the replacement is ready") {
  const auto r = run(code_deploy(ReadyActionOnTimeout::continue_deployment, Millis{0}));
  CHECK(shifts(r.green()) == Steps{{ready_at, 100}});
  CHECK(r.green().rollout_state == "COMPLETED");
}

TEST_CASE("STOP_DEPLOYMENT holds production traffic until ContinueDeployment") {
  Scenario sc = code_deploy(ReadyActionOnTimeout::stop_deployment, Millis{60min});
  continue_at(sc, Millis{40min});
  const auto r = run(std::move(sc));
  const DeploymentSummary& d = r.green();
  CHECK(shifts(d) == Steps{{2400, 100}});
  bool ready_line = false;
  for (const DeploymentTimelineStep& s : d.timeline)
    ready_line = ready_line || (s.stage == "Ready" && s.at == ready_at && s.traffic_percent == 0);
  CHECK(ready_line);
  CHECK(first_original_stop(r.sim) == 2400 + 300);  // then the termination wait
  CHECK(d.rollout_state == "COMPLETED");
  CHECK(*d.finished_at == 2400 + 300);
}

TEST_CASE("STOP_DEPLOYMENT without ContinueDeployment stops the deployment after waitTimeInMinutes") {
  const auto r = run(code_deploy(ReadyActionOnTimeout::stop_deployment, Millis{30min}));
  test::check_rolled_back_unshifted(r, ready_at + 1800);
  CHECK(r.summary.services[0].second.healthy_count == 4);
  CHECK(test::logged_ending(r.sim, "deployment failed: deployment stopped: traffic rerouting was not started "
                                   "within 30 minutes."));
}

TEST_CASE("ContinueDeployment TERMINATION_WAIT ends the termination wait; out of place it is ignored") {
  Scenario sc = code_deploy(ReadyActionOnTimeout::continue_deployment, Millis{0});
  sc.code_deploy[0].termination_wait_time = Millis{60min};
  continue_at(sc, Millis{300s});                                        // nothing to continue yet
  continue_at(sc, Millis{1000s}, DeploymentWaitType::ready_wait);       // not in the ready wait
  continue_at(sc, Millis{1200s}, DeploymentWaitType::termination_wait);
  const auto r = run(std::move(sc));
  CHECK(first_original_stop(r.sim) == 1200);
  CHECK(*r.green().finished_at == 1200);
  std::vector<double> ignored;
  for (const Record& rec : r.sim.recorder().records())
    if (r.sim.recorder().text(rec).find("ContinueDeployment (READY_WAIT) ignored") != std::string_view::npos)
      ignored.push_back(to_seconds(rec.at));
  CHECK(ignored == std::vector<double>{300, 1000});
}
