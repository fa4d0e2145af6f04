#pragma once
// State of one blue/green deployment (CodeDeploy, or ECS-native BLUE_GREEN,
// LINEAR, CANARY) while it runs: the script of steps it follows and the
// traffic it has moved so far. Logic: blue_green.cpp.
#include <ecsim/core/event_queue.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/deployment_configuration.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ecsim::detail {

/// What a blue/green deployment does next, in order.
enum class BlueGreenStep : std::uint8_t {
  run_hooks,           ///< ECS-native lifecycle hooks of `stage`
  start_replacement,   ///< start the green tasks, full size
  wait_healthy,        ///< until every green task is healthy in the target group
  test_traffic,        ///< the test listener routes to green for `wait`
  ready_wait,          ///< CodeDeploy STOP_DEPLOYMENT: until ContinueDeployment, at most `wait`
  shift,               ///< production: `percent` to green
  wait,                ///< a bake / interval of `wait`
  terminate_original,  ///< blue is stopped; the deployment completes
};

struct BlueGreenAction {
  BlueGreenStep step;
  LifecycleStage stage = LifecycleStage::reconcile_service;  ///< run_hooks
  double percent = 0;                                        ///< shift
  Millis wait{0};                                            ///< test_traffic, wait
  bool before_end = false;  ///< wait: the termination wait / bake time before blue goes
};

/// One line of a deployment's timeline (summary.json deployments[].timeline).
struct DeploymentTimelineEntry {
  SimTime at;
  std::string stage;       ///< CodeDeploy lifecycle event or ECS lifecycle stage
  std::string event;       ///< what happened, e.g. "production traffic shifted"
  double traffic_percent;  ///< production share of the replacement (green) after it
};

struct BlueGreenRuntime {
  std::uint32_t service;
  std::uint32_t green;  ///< the new deployment
  std::uint32_t blue;   ///< the deployment that served before it
  bool code_deploy;     ///< CodeDeploy controller (else ECS-native)
  std::vector<BlueGreenAction> script;
  std::size_t next = 0;      ///< index into script
  bool in_step = false;      ///< script[next] has started and waits for its event
  bool step_queued = false;  ///< a blue_green_step event is queued for now
  bool hooks_fail = false;   ///< the running hooks end by failing the deployment
  SimTime healthy_deadline{};  ///< CodeDeploy gives up waiting for green then
  EventHandle pending{};
  bool finished = false;
  double green_percent = 0;  ///< production share of green now
  std::vector<DeploymentTimelineEntry> timeline;
};

}  // namespace ecsim::detail
