#pragma once
// Blue/green deployments on the virtual clock: CodeDeploy (deploymentController
// CODE_DEPLOY) and ECS's own BLUE_GREEN / LINEAR / CANARY strategies
// (ecs-facts §5). The green deployment starts at full size beside the blue
// one; once every green task is healthy, production traffic moves to it in
// the configured steps; after the termination wait (CodeDeploy) or bake time
// (ECS) blue is stopped and the deployment completes. A failure on the way
// sends traffic back to blue and stops green (fail_deployment).
#include "scheduler/world.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace ecsim::detail {

/// An update of this service's task definition runs as blue/green: CODE_DEPLOY
/// controller, or strategy BLUE_GREEN, LINEAR or CANARY.
bool uses_blue_green(const World& w, std::uint32_t service);

/// Starts the blue/green script of the new deployment `green`, which
/// replaces `blue` (update-service, or CodeDeploy's create-deployment).
void start_blue_green(World& w, std::uint32_t service, std::uint32_t green, std::uint32_t blue);

/// The blue_green_step event. payload 0: the running step's wait (or
/// CodeDeploy's wait for a healthy replacement) has ended; payload 1: a
/// reconcile saw every green task healthy.
void on_blue_green_step(World& w, std::uint32_t blue_green, std::uint32_t payload);

/// Called after each reconcile of a service with a blue/green deployment in
/// progress: notices when every green task has turned healthy.
void blue_green_after_reconcile(World& w, std::uint32_t blue_green);

/// fail_deployment calls this for a failing blue/green deployment: traffic
/// back to blue, no further steps, blue no longer held.
void blue_green_deployment_failed(World& w, std::uint32_t deployment);

/// CodeDeploy's ContinueDeployment on the service's deployment in progress:
/// READY_WAIT ends a STOP_DEPLOYMENT ready wait (the production shift starts
/// now), TERMINATION_WAIT ends the termination wait (the original goes now).
/// A deployment not in that wait ignores it, with a `deployment` record.
void continue_deployment(World& w, std::uint32_t service, DeploymentWaitType wait);

/// A CloudWatch alarm went into ALARM. A deployment in progress that watches
/// it fails: codeDeploy.alarmConfiguration (always rolls back, as CodeDeploy's
/// automatic rollback on alarm), or deploymentConfiguration.alarms (rolls
/// back when its `rollback` is set). Not wired yet: alarms arrive with the
/// metrics work, which calls this when an alarm changes to ALARM.
void on_deployment_alarm(World& w, std::uint32_t service, std::string_view alarm_name);

/// The share (0-1) of the service's requests that reach each of its
/// deployments right now. A blue/green deployment in progress splits
/// production traffic by its weights (blue 1 - g, green g); otherwise the load
/// balancer spreads requests evenly over healthy targets, so each deployment
/// gets its share of the service's healthy tasks. Indexed like
/// ServiceRuntime::deployments; all zero when no task is healthy.
std::vector<double> request_shares(const World& w, std::uint32_t service);

/// The production share (0-1) of `deployment` at time `t` <= now: for
/// deployments of a blue/green run, from its recorded traffic steps (exact for
/// any past time); for others, the current request_shares value.
double request_share_at(const World& w, std::uint32_t deployment, SimTime t);

}  // namespace ecsim::detail
