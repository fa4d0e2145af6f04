#include "scheduler/blue_green.hpp"

#include "scheduler/service_scheduler.hpp"

#include <ecsim/model/enum_names.hpp>
#include <ecsim/scheduler/traffic_shift.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace ecsim::detail {

namespace {

const std::string& service_name(const World& w, std::uint32_t s) { return w.services[s].spec->service_name; }

/// Where a step belongs, in the names each controller uses: CodeDeploy's
/// deployment lifecycle events, ECS's service deployment lifecycle stages.
struct Stage {
  std::string_view code_deploy;
  std::string_view ecs;
};
constexpr Stage stage_start{"Start", "RECONCILE_SERVICE"};
constexpr Stage stage_install{"Install", "SCALE_UP"};
constexpr Stage stage_test_traffic{"AllowTestTraffic", "TEST_TRAFFIC_SHIFT"};
constexpr Stage stage_ready{"Ready", ""};  // CodeDeploy's deployment status while it waits to reroute
constexpr Stage stage_traffic{"AllowTraffic", "PRODUCTION_TRAFFIC_SHIFT"};
constexpr Stage stage_wait_before_end{"TerminationWait", "BAKE_TIME"};
constexpr Stage stage_end{"End", "CLEAN_UP"};
constexpr Stage stage_rollback{"Rollback", "ROLLBACK"};

/// A timeline line and a `deployment` event with the traffic split after it.
void note(World& w, BlueGreenRuntime& bg, std::string event, Stage stage) {
  const std::string_view stage_name = bg.code_deploy ? stage.code_deploy : stage.ecs;
  const DeploymentRuntime& green = w.deployments[bg.green];
  const DeploymentRuntime& blue = w.deployments[bg.blue];
  w.recorder.message(w.engine.now(), RecordType::deployment, bg.service,
                     fmt::format("(service {}) (deployment {}) {}: {}; production traffic: {:g}% {} (replacement), "
                                 "{:g}% {} (original)",
                                 service_name(w, bg.service), green.id, stage_name, event, bg.green_percent,
                                 w.task_definitions[green.task_definition].name, 100.0 - bg.green_percent,
                                 w.task_definitions[blue.task_definition].name));
  bg.timeline.push_back({w.engine.now(), std::string(stage_name), std::move(event), bg.green_percent});
}

std::vector<BlueGreenAction> code_deploy_script(const CodeDeploySpec& cd) {
  std::vector<BlueGreenAction> s;
  s.push_back({BlueGreenStep::start_replacement});
  s.push_back({BlueGreenStep::wait_healthy});
  if (cd.test_traffic_time > Millis{0}) s.push_back({BlueGreenStep::test_traffic, {}, 0, cd.test_traffic_time});
  if (cd.deployment_ready_option.action_on_timeout == ReadyActionOnTimeout::stop_deployment)
    s.push_back({BlueGreenStep::ready_wait, {}, 0, cd.deployment_ready_option.wait_time});
  Millis prev{0};
  for (const TrafficShiftStep& step : traffic_shift_steps(cd)) {
    if (step.after > prev) s.push_back({BlueGreenStep::wait, {}, 0, step.after - prev});
    prev = step.after;
    s.push_back({BlueGreenStep::shift, {}, step.percent});
  }
  if (cd.termination_wait_time > Millis{0})
    s.push_back({BlueGreenStep::wait, {}, 0, cd.termination_wait_time, /*before_end=*/true});
  s.push_back({BlueGreenStep::terminate_original});
  return s;
}

/// ECS-native: hooks at each stage they name; the PRE_ and PRODUCTION_
/// traffic-shift hooks run at every step of LINEAR and CANARY (ecs-facts §5.2).
std::vector<BlueGreenAction> ecs_native_script(const DeploymentConfiguration& dc) {
  std::vector<BlueGreenAction> s;
  auto hooks = [&s](LifecycleStage stage) { s.push_back({BlueGreenStep::run_hooks, stage}); };
  hooks(LifecycleStage::pre_scale_up);
  s.push_back({BlueGreenStep::start_replacement});
  s.push_back({BlueGreenStep::wait_healthy});
  hooks(LifecycleStage::post_scale_up);
  hooks(LifecycleStage::test_traffic_shift);
  hooks(LifecycleStage::post_test_traffic_shift);
  Millis prev{0};
  for (const TrafficShiftStep& step : traffic_shift_steps(dc)) {
    if (step.after > prev) s.push_back({BlueGreenStep::wait, {}, 0, step.after - prev});
    prev = step.after;
    hooks(LifecycleStage::pre_production_traffic_shift);
    s.push_back({BlueGreenStep::shift, {}, step.percent});
    hooks(LifecycleStage::production_traffic_shift);
  }
  hooks(LifecycleStage::post_production_traffic_shift);
  if (dc.bake_time > Millis{0}) s.push_back({BlueGreenStep::wait, {}, 0, dc.bake_time, /*before_end=*/true});
  s.push_back({BlueGreenStep::terminate_original});
  return s;
}

/// The two target groups a blue/green deployment alternates between; the
/// second is empty when only one is given.
std::pair<std::string, std::string> target_group_pair(const World& w, std::uint32_t s, bool code_deploy) {
  const ServiceRuntime& svc = w.services[s];
  if (code_deploy) {
    if (svc.code_deploy && svc.code_deploy->target_groups.size() == 2)
      return {svc.code_deploy->target_groups[0], svc.code_deploy->target_groups[1]};
    return {};
  }
  if (svc.spec->load_balancers.empty() || !svc.spec->load_balancers[0].advanced_configuration) return {};
  const LoadBalancer& lb = svc.spec->load_balancers[0];
  return {lb.target_group_arn, lb.advanced_configuration->alternate_target_group_arn};
}

/// Blue is released and the deployment completes: CodeDeploy deletes the
/// original task set after the termination wait; ECS terminates the blue
/// revision after the bake time.
void complete(World& w, BlueGreenRuntime& bg) {
  DeploymentRuntime& green = w.deployments[bg.green];
  note(w, bg, bg.code_deploy ? "original task set terminated" : "blue service revision terminated", stage_end);
  green.rollout = RolloutState::completed;
  green.finished_at = w.engine.now();
  green.holds_original = false;
  ServiceRuntime& svc = w.services[bg.service];
  for (std::uint32_t d : svc.deployments)
    if (d != bg.green) w.deployments[d].status = DeploymentStatus::inactive;
  w.recorder.message(w.engine.now(), RecordType::service_event, bg.service,
                     fmt::format("(service {}) (deployment {}) deployment completed.", service_name(w, bg.service),
                                 green.id));
  bg.finished = true;
  svc.blue_green = -1;
  request_reconcile(w, bg.service);
}

/// Runs the script from its current step until a step has to wait.
void run(World& w, std::uint32_t b) {
  while (!w.blue_greens[b].finished && w.blue_greens[b].next < w.blue_greens[b].script.size()) {
    BlueGreenRuntime& bg = w.blue_greens[b];
    const BlueGreenAction a = bg.script[bg.next];
    DeploymentRuntime& green = w.deployments[bg.green];
    const ServiceRuntime& svc = w.services[bg.service];
    switch (a.step) {
      case BlueGreenStep::run_hooks: {
        const std::string stage(enum_name(a.stage));
        if (!bg.in_step) {
          // Hooks of one stage run side by side: the stage ends when the
          // last passes, or at the first failure (ecsim assumption).
          Millis pass_at{0}, fail_at = Millis::max();
          bool any = false;
          for (const LifecycleHook& h : svc.spec->deployment_configuration.lifecycle_hooks) {
            if (std::find(h.lifecycle_stages.begin(), h.lifecycle_stages.end(), a.stage) == h.lifecycle_stages.end())
              continue;
            any = true;
            const bool timed_out = h.duration > h.timeout;
            const Millis ends = timed_out ? h.timeout : h.duration;
            const bool fails = timed_out ? h.timeout_action == HookTimeoutAction::rollback
                                         : h.result == HookResult::failed;
            if (fails) fail_at = std::min(fail_at, ends);
            else pass_at = std::max(pass_at, ends);
          }
          if (!any) break;
          bg.hooks_fail = fail_at != Millis::max();
          note(w, bg, fmt::format("lifecycle hooks at {} started", stage), {"", stage});
          bg.in_step = true;
          bg.pending = w.engine.schedule_in(bg.hooks_fail ? fail_at : pass_at, EventKind::blue_green_step, b);
          return;
        }
        bg.in_step = false;
        if (bg.hooks_fail) {
          fail_deployment(w, bg.green, fmt::format("lifecycle hook failed at {}", stage), true);
          return;
        }
        note(w, bg, fmt::format("lifecycle hooks at {} succeeded", stage), {"", stage});
        break;
      }
      case BlueGreenStep::start_replacement:
        green.scale_up_held = false;
        note(w, bg, bg.code_deploy ? "replacement task set created" : "green service revision scaling up", stage_install);
        request_reconcile(w, bg.service);
        break;
      case BlueGreenStep::wait_healthy:
        if (green.healthy_count >= svc.desired_count) {
          w.engine.cancel(bg.pending);
          bg.in_step = false;
          note(w, bg, bg.code_deploy ? "replacement task set healthy" : "green service revision healthy", stage_install);
          break;
        }
        if (!bg.in_step) {
          bg.in_step = true;
          if (bg.code_deploy) {
            bg.healthy_deadline = w.engine.now() + w.assumptions.code_deploy_ready_timeout;
            bg.pending = w.engine.schedule(bg.healthy_deadline, EventKind::blue_green_step, b);
          }
        } else if (bg.code_deploy && w.engine.now() >= bg.healthy_deadline) {
          bg.in_step = false;
          fail_deployment(w, bg.green,
                          fmt::format("the replacement task set did not become healthy within {} minutes",
                                      w.assumptions.code_deploy_ready_timeout.count() / 60'000),
                          true);
        }
        return;
      case BlueGreenStep::test_traffic:
      case BlueGreenStep::wait:
        if (!bg.in_step) {
          if (a.step == BlueGreenStep::test_traffic)
            note(w, bg, "test traffic routed to the replacement", stage_test_traffic);
          if (a.before_end)
            note(w, bg, bg.code_deploy ? "termination wait started" : "bake time started", stage_wait_before_end);
          bg.in_step = true;
          bg.pending = w.engine.schedule_in(a.wait, EventKind::blue_green_step, b);
          return;
        }
        bg.in_step = false;
        break;
      case BlueGreenStep::ready_wait:
        if (!bg.in_step) {
          note(w, bg,
               fmt::format("replacement ready; production traffic waits for ContinueDeployment (at most {} minutes)",
                           a.wait.count() / 60'000),
               stage_ready);
          bg.in_step = true;
          bg.pending = w.engine.schedule_in(a.wait, EventKind::blue_green_step, b);
          return;
        }
        // Nobody continued it: CodeDeploy stops the deployment; the original
        // keeps the traffic and the replacement goes.
        bg.in_step = false;
        fail_deployment(w, bg.green,
                        fmt::format("deployment stopped: traffic rerouting was not started within {} minutes",
                                    a.wait.count() / 60'000),
                        true);
        return;
      case BlueGreenStep::shift:
        bg.green_percent = a.percent;
        note(w, bg, "production traffic shifted", stage_traffic);
        break;
      case BlueGreenStep::terminate_original:
        complete(w, bg);
        return;
    }
    ++w.blue_greens[b].next;
  }
}

}  // namespace

bool uses_blue_green(const World& w, std::uint32_t s) {
  const ServiceSpec& spec = *w.services[s].spec;
  if (spec.deployment_controller.type == DeploymentControllerType::code_deploy) return true;
  return spec.deployment_controller.type == DeploymentControllerType::ecs &&
         spec.deployment_configuration.strategy != DeploymentStrategy::rolling;
}

void start_blue_green(World& w, std::uint32_t s, std::uint32_t green, std::uint32_t blue) {
  ServiceRuntime& svc = w.services[s];
  if (svc.blue_green >= 0) {
    // A newer revision supersedes a blue/green deployment still running
    // (ecsim; CodeDeploy would refuse a second deployment).
    BlueGreenRuntime& old = w.blue_greens[static_cast<std::size_t>(svc.blue_green)];
    w.engine.cancel(old.pending);
    old.finished = true;
    w.deployments[old.green].holds_original = false;
    w.deployments[old.green].scale_up_held = false;
  }
  BlueGreenRuntime bg{};
  bg.service = s;
  bg.green = green;
  bg.blue = blue;
  bg.code_deploy = svc.spec->deployment_controller.type == DeploymentControllerType::code_deploy;
  static const CodeDeploySpec defaults{};
  bg.script = bg.code_deploy ? code_deploy_script(svc.code_deploy ? *svc.code_deploy : defaults)
                             : ecs_native_script(svc.spec->deployment_configuration);
  const auto b = static_cast<std::uint32_t>(w.blue_greens.size());
  DeploymentRuntime& dep = w.deployments[green];
  dep.blue_green = static_cast<std::int32_t>(b);
  dep.holds_original = true;
  dep.scale_up_held = true;
  if (bg.code_deploy) dep.failure_threshold = 0;  // the circuit breaker is for the ECS controller only
  // Green registers in the group of the pair that blue does not use, so the
  // two groups swap roles with each deployment: CodeDeploy's target group
  // pair, or ECS's targetGroupArn and advancedConfiguration's alternate
  // group. With one group given, green copies blue's.
  const std::pair<std::string, std::string> pair = target_group_pair(w, s, bg.code_deploy);
  if (!pair.second.empty()) {
    const TargetGroupSpec* blue_tg = w.deployments[blue].target_group;
    const std::string& green_name = blue_tg && blue_tg->name == pair.second ? pair.first : pair.second;
    for (const TargetGroupSpec& tg : w.scenario->target_groups)
      if (tg.name == green_name) dep.target_group = &tg;
  }
  svc.blue_green = static_cast<std::int32_t>(b);
  w.blue_greens.push_back(std::move(bg));
  const std::string how =
      w.blue_greens[b].code_deploy
          ? fmt::format("CodeDeploy deployment started ({})",
                        (svc.code_deploy ? *svc.code_deploy : defaults).deployment_config_name)
          : fmt::format("{} deployment started", enum_name(svc.spec->deployment_configuration.strategy));
  note(w, w.blue_greens[b], how, stage_start);
  run(w, b);
}

void on_blue_green_step(World& w, std::uint32_t b, std::uint32_t payload) {
  BlueGreenRuntime& bg = w.blue_greens[b];
  if (payload == 1) {
    bg.step_queued = false;
    if (bg.finished || bg.next >= bg.script.size() || bg.script[bg.next].step != BlueGreenStep::wait_healthy) return;
  }
  if (bg.finished) return;
  run(w, b);
}

void blue_green_after_reconcile(World& w, std::uint32_t b) {
  BlueGreenRuntime& bg = w.blue_greens[b];
  if (bg.finished || bg.step_queued || bg.next >= bg.script.size() ||
      bg.script[bg.next].step != BlueGreenStep::wait_healthy)
    return;
  if (w.deployments[bg.green].healthy_count < w.services[bg.service].desired_count) return;
  bg.step_queued = true;
  w.engine.schedule(w.engine.now(), EventKind::blue_green_step, b, 1);
}

void blue_green_deployment_failed(World& w, std::uint32_t d) {
  DeploymentRuntime& dep = w.deployments[d];
  if (dep.blue_green < 0) return;
  BlueGreenRuntime& bg = w.blue_greens[static_cast<std::size_t>(dep.blue_green)];
  dep.holds_original = false;
  dep.scale_up_held = false;
  if (bg.finished) return;
  w.engine.cancel(bg.pending);
  bg.finished = true;
  bg.in_step = false;
  bg.green_percent = 0;
  note(w, bg, "deployment failed: production traffic back on the original", stage_rollback);
  w.services[bg.service].blue_green = -1;
}

void continue_deployment(World& w, std::uint32_t s, DeploymentWaitType wait) {
  const ServiceRuntime& svc = w.services[s];
  const std::string_view wait_name = enum_name(wait);
  bool waiting = false;
  if (svc.blue_green >= 0) {
    const BlueGreenRuntime& bg = w.blue_greens[static_cast<std::size_t>(svc.blue_green)];
    if (!bg.finished && bg.in_step && bg.next < bg.script.size()) {
      const BlueGreenAction& a = bg.script[bg.next];
      waiting = wait == DeploymentWaitType::ready_wait ? a.step == BlueGreenStep::ready_wait
                                                       : a.step == BlueGreenStep::wait && a.before_end;
    }
  }
  if (!waiting) {
    // CodeDeploy refuses the call (DeploymentIsNotInReadyStateException); the run goes on.
    w.recorder.message(w.engine.now(), RecordType::deployment, s,
                       fmt::format("(service {}) ContinueDeployment ({}) ignored: no deployment is in that wait",
                                   service_name(w, s), wait_name));
    return;
  }
  const auto b = static_cast<std::uint32_t>(svc.blue_green);
  BlueGreenRuntime& bg = w.blue_greens[b];
  w.engine.cancel(bg.pending);
  bg.in_step = false;
  note(w, bg, fmt::format("ContinueDeployment ({})", wait_name),
       wait == DeploymentWaitType::ready_wait ? stage_ready : stage_wait_before_end);
  ++bg.next;
  run(w, b);
}

void on_deployment_alarm(World& w, std::uint32_t s, std::string_view alarm) {
  const ServiceRuntime& svc = w.services[s];
  const std::uint32_t primary = svc.deployments.back();
  if (w.deployments[primary].rollout != RolloutState::in_progress || !w.deployments[primary].listed) return;
  auto named = [alarm](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), alarm) != names.end();
  };
  if (svc.spec->deployment_controller.type == DeploymentControllerType::code_deploy) {
    if (svc.code_deploy && named(svc.code_deploy->alarms)) fail_deployment(w, primary, "alarm detected", true);
    return;
  }
  const DeploymentAlarms& alarms = svc.spec->deployment_configuration.alarms;
  if (alarms.enable && named(alarms.alarm_names)) fail_deployment(w, primary, "alarm detected", alarms.rollback);
}

std::vector<double> request_shares(const World& w, std::uint32_t s) {
  const ServiceRuntime& svc = w.services[s];
  std::vector<double> out(svc.deployments.size(), 0.0);
  if (svc.blue_green >= 0) {
    const BlueGreenRuntime& bg = w.blue_greens[static_cast<std::size_t>(svc.blue_green)];
    for (std::size_t k = 0; k < svc.deployments.size(); ++k) {
      if (svc.deployments[k] == bg.green) out[k] = bg.green_percent / 100.0;
      if (svc.deployments[k] == bg.blue) out[k] = 1.0 - bg.green_percent / 100.0;
    }
    return out;
  }
  // Round robin over healthy targets: each deployment's share of the healthy tasks.
  int healthy = 0;
  for (std::uint32_t d : svc.deployments) healthy += w.deployments[d].healthy_count;
  if (healthy == 0) return out;
  for (std::size_t k = 0; k < svc.deployments.size(); ++k)
    out[k] = static_cast<double>(w.deployments[svc.deployments[k]].healthy_count) / healthy;
  return out;
}

double request_share_at(const World& w, std::uint32_t d, SimTime t) {
  for (const BlueGreenRuntime& bg : w.blue_greens) {
    if (bg.green != d && bg.blue != d) continue;
    if (bg.timeline.empty() || t < bg.timeline.front().at) continue;
    if (bg.finished && t > bg.timeline.back().at) continue;  // after it ended: as any deployment
    double green = 0;
    for (const DeploymentTimelineEntry& e : bg.timeline)
      if (e.at <= t) green = e.traffic_percent / 100.0;
    return bg.green == d ? green : 1.0 - green;
  }
  const ServiceRuntime& svc = w.services[w.deployments[d].service];
  const std::vector<double> shares = request_shares(w, w.deployments[d].service);
  for (std::size_t k = 0; k < svc.deployments.size(); ++k)
    if (svc.deployments[k] == d) return shares[k];
  return 0.0;
}

}  // namespace ecsim::detail
