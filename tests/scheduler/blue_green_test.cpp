// Blue/green deployments (ecs-facts §5): CodeDeploy's predefined and custom
// configurations and ECS's BLUE_GREEN / LINEAR / CANARY strategies shift
// production traffic at the documented times and percentages; the original
// stops only after the termination wait or bake time; a failing replacement
// rolls back while the original keeps serving.
//
// Timing used throughout: the update happens at 600 s. A task runs 17 s after
// launch (5 s PROVISIONING, 2 s PENDING, 10 s image pull), its app answers
// 5 s later, and the target group's first check after that (every 30 s from
// RUNNING) passes, so every green task is healthy at 600 + 17 + 30 = 647 s.
#include <ecsim/scheduler/traffic_shift.hpp>
#include <ecsim/simulation.hpp>

#include "blue_green_run.hpp"
#include "invariants.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace ecsim;
using namespace std::chrono_literals;

namespace {

using test::first_original_stop;
using test::shifts;
using test::Steps;
using Run = test::BlueGreenRun;
constexpr auto run = test::run_blue_green;

constexpr double update_at = 600;
constexpr double green_healthy = 647;

/// web:`revision` on Fargate with container port 80.
TaskDefinition web_td(int revision) {
  TaskDefinition td = test::fargate_td("web", revision);
  td.container_definitions[0].port_mappings.push_back(PortMapping{.container_port = 80});
  return td;
}

/// Four Fargate tasks of web:1 behind target group web-tg; web:2 at 600 s.
Scenario scenario(DeploymentControllerType controller) {
  Scenario sc = test::prod_cluster_scenario("blue-green-test", Millis{3h}, 11, {"us-east-1a", "us-east-1b"});
  sc.task_definitions = {web_td(1), web_td(2)};
  TargetGroupSpec tg;
  tg.name = "web-tg";
  sc.target_groups.push_back(tg);
  ServiceSpec svc;
  svc.service_name = "web";
  svc.cluster = "prod";
  svc.task_definition = "web:1";
  svc.desired_count = 4;
  svc.launch_type = LaunchType::fargate;
  svc.deployment_controller.type = controller;
  svc.load_balancers.push_back(LoadBalancer{.target_group_arn = "web-tg", .container_name = "web", .container_port = 80});
  sc.services.push_back(svc);
  BehaviorSpec b;
  b.task_definition = "web";
  b.shutdown.value = Millis{2s};
  sc.behavior.push_back(b);
  UpdateServiceAction u;
  u.service = "web";
  u.task_definition = "web:2";
  sc.timeline.push_back(TimelineEntry{Millis{600s}, u, {}});
  return sc;
}

Scenario code_deploy(const std::string& config, Millis termination_wait = Millis{5min}) {
  Scenario sc = scenario(DeploymentControllerType::code_deploy);
  CodeDeploySpec cd;
  cd.service = "web";
  cd.deployment_config_name = config;
  cd.termination_wait_time = termination_wait;
  sc.code_deploy.push_back(cd);
  return sc;
}

Scenario ecs_native(DeploymentStrategy strategy) {
  Scenario sc = scenario(DeploymentControllerType::ecs);
  sc.services[0].deployment_configuration.strategy = strategy;
  return sc;
}

/// Linear steps of `pct` every `every` seconds from the first shift.
Steps linear(double pct, double every) {
  Steps out;
  for (int k = 1; pct * (k - 1) < 100 - 1e-9; ++k)
    out.emplace_back(green_healthy + every * (k - 1), std::min(100.0, pct * k));
  return out;
}

}  // namespace

TEST_CASE("the predefined traffic shapes are those CodeDeploy documents") {
  CodeDeploySpec cd;
  cd.deployment_config_name = "CodeDeployDefault.ECSLinear10PercentEvery3Minutes";
  const auto steps = traffic_shift_steps(cd);
  REQUIRE(steps.size() == 10);
  CHECK(steps.front() == TrafficShiftStep{Millis{0}, 10.0});
  CHECK(steps[4] == TrafficShiftStep{Millis{12min}, 50.0});
  CHECK(steps.back() == TrafficShiftStep{Millis{27min}, 100.0});
  cd.deployment_config_name = "CodeDeployDefault.ECSCanary10Percent15Minutes";
  CHECK(traffic_shift_steps(cd) == std::vector<TrafficShiftStep>{{Millis{0}, 10.0}, {Millis{15min}, 100.0}});
  DeploymentConfiguration dc;
  dc.strategy = DeploymentStrategy::linear;
  dc.linear_configuration.step_percent = 30;
  CHECK(traffic_shift_steps(dc) == std::vector<TrafficShiftStep>{{Millis{0}, 30.0}, {Millis{6min}, 60.0},
                                                                  {Millis{12min}, 90.0}, {Millis{18min}, 100.0}});
  dc.strategy = DeploymentStrategy::rolling;
  CHECK(traffic_shift_steps(dc).empty());
}

TEST_CASE("each predefined CodeDeploy configuration shifts traffic at the documented times") {
  struct Case {
    const char* name;
    Steps steps;
  };
  const std::vector<Case> cases = {
      {"CodeDeployDefault.ECSAllAtOnce", {{green_healthy, 100}}},
      {"CodeDeployDefault.ECSLinear10PercentEvery1Minutes", linear(10, 60)},
      {"CodeDeployDefault.ECSLinear10PercentEvery3Minutes", linear(10, 180)},
      {"CodeDeployDefault.ECSCanary10Percent5Minutes", {{green_healthy, 10}, {green_healthy + 300, 100}}},
      {"CodeDeployDefault.ECSCanary10Percent15Minutes", {{green_healthy, 10}, {green_healthy + 900, 100}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Run r = run(code_deploy(c.name));
    const DeploymentSummary& d = r.green();
    CHECK(d.strategy == c.name);
    CHECK(shifts(d) == c.steps);
    // The original task set stops only after the 5-minute termination wait.
    const double all_shifted = c.steps.back().first;
    CHECK(first_original_stop(r.sim) == all_shifted + 300);
    CHECK(d.rollout_state == "COMPLETED");
    REQUIRE(d.finished_at);
    CHECK(*d.finished_at == all_shifted + 300);
    // Original plus replacement at full size.
    CHECK(d.max_running_count == 8);
    CHECK(d.min_healthy_count == 4);
    CHECK(r.summary.services[0].second.running_count == 4);
    CHECK(r.summary.services[0].second.steady_state);
  }
}

TEST_CASE("custom CodeDeploy canary and linear configurations and a test-traffic window") {
  SUBCASE("TimeBasedCanary 20 % for 10 minutes") {
    Scenario sc = code_deploy("my-canary");
    sc.code_deploy[0].traffic_routing_config =
        TrafficRoutingConfig{TrafficRoutingType::time_based_canary, 20, Millis{10min}, {}};
    const Run r = run(std::move(sc));
    CHECK(shifts(r.green()) == Steps{{green_healthy, 20}, {green_healthy + 600, 100}});
  }
  SUBCASE("TimeBasedLinear 25 % every 2 minutes, after 2 minutes of test traffic") {
    Scenario sc = code_deploy("my-linear", Millis{0});
    sc.code_deploy[0].traffic_routing_config =
        TrafficRoutingConfig{TrafficRoutingType::time_based_linear, 25, Millis{2min}, {}};
    sc.code_deploy[0].test_traffic_time = Millis{2min};
    const Run r = run(std::move(sc));
    const double start = green_healthy + 120;
    CHECK(shifts(r.green()) == Steps{{start, 25}, {start + 120, 50}, {start + 240, 75}, {start + 360, 100}});
    // No termination wait: the original stops at the last shift.
    CHECK(first_original_stop(r.sim) == start + 360);
  }
}

TEST_CASE("each ECS-native strategy with its defaults shifts traffic at the documented times") {
  SUBCASE("BLUE_GREEN: all at once, blue kept for bakeTimeInMinutes") {
    Scenario sc = ecs_native(DeploymentStrategy::blue_green);
    sc.services[0].deployment_configuration.bake_time = Millis{15min};
    const Run r = run(std::move(sc));
    CHECK(r.green().strategy == "BLUE_GREEN");
    CHECK(shifts(r.green()) == Steps{{green_healthy, 100}});
    CHECK(first_original_stop(r.sim) == green_healthy + 900);
    CHECK(*r.green().finished_at == green_healthy + 900);
    CHECK(r.green().max_running_count == 8);
  }
  SUBCASE("LINEAR: 10 % every 6 minutes, no bake after the final step") {
    const Run r = run(ecs_native(DeploymentStrategy::linear));
    CHECK(shifts(r.green()) == linear(10, 360));
    CHECK(first_original_stop(r.sim) == green_healthy + 9 * 360);
  }
  SUBCASE("CANARY: 5 %, then 100 % after 10 minutes") {
    const Run r = run(ecs_native(DeploymentStrategy::canary));
    CHECK(shifts(r.green()) == Steps{{green_healthy, 5}, {green_healthy + 600, 100}});
    CHECK(r.green().rollout_state == "COMPLETED");
    CHECK(r.green().max_running_count == 8);
  }
}

TEST_CASE("traffic shares follow the weights at any past time") {
  const Run r = run(code_deploy("CodeDeployDefault.ECSCanary10Percent5Minutes"));
  const std::string& green = r.green().id;
  CHECK(r.sim.traffic_share(green, SimTime{Millis{640s}}) == 0.0);
  CHECK(r.sim.traffic_share(green, SimTime{Millis{647s}}) == doctest::Approx(0.10));
  CHECK(r.sim.traffic_share(green, SimTime{Millis{900s}}) == doctest::Approx(0.10));
  CHECK(r.sim.traffic_share(green, SimTime{Millis{947s}}) == doctest::Approx(1.0));
  // Once it has completed it is the only deployment with healthy tasks.
  CHECK(r.sim.traffic_share(green, r.sim.now()) == doctest::Approx(1.0));
}

TEST_CASE("a CodeDeploy replacement that never turns healthy rolls back; the original keeps serving") {
  Scenario sc = code_deploy("CodeDeployDefault.ECSCanary10Percent5Minutes");
  BehaviorSpec bad;
  bad.task_definition = "web:2";
  bad.fail_health_checks = true;
  sc.behavior.push_back(bad);
  const Run r = run(std::move(sc));
  // CodeDeploy gives up 60 minutes after it created the replacement.
  test::check_rolled_back_unshifted(r, update_at + 3600);
  CHECK(r.sim.traffic_share(r.green().id, SimTime{Millis{2000s}}) == 0.0);
  const ServiceSummary& s = r.summary.services[0].second;
  CHECK(s.running_count == 4);
  CHECK(s.healthy_count == 4);
  // Every metric sample after the first tasks turned healthy shows 4 healthy.
  for (const MetricSample& m : r.sim.recorder().metrics())
    if (to_seconds(m.at) >= 60) CHECK(m.healthy_count >= 4);
}

TEST_CASE("an ECS-native deployment rolls back when the circuit breaker trips") {
  Scenario sc = ecs_native(DeploymentStrategy::linear);
  sc.services[0].deployment_configuration.deployment_circuit_breaker = {true, true, {}};
  BehaviorSpec bad;
  bad.task_definition = "web:2";
  bad.fail_start_probability = 1.0;
  sc.behavior.push_back(bad);
  const Run r = run(std::move(sc));
  const auto& deps = r.summary.services[0].second.deployments;
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].rollout_state == "FAILED");
  CHECK(deps[0].rolled_back);
  CHECK(deps[0].failed_tasks == 3);  // clamp(ceil(0.5 × 4), 3, 200)
  CHECK(shifts(deps[0]).empty());
  CHECK(deps[1].rollout_state == "COMPLETED");
  CHECK(first_original_stop(r.sim) == -1);
  CHECK(r.summary.services[0].second.healthy_count == 4);
}

TEST_CASE("lifecycle hooks pass, fail or time out with their action") {
  auto with_hook = [](LifecycleStage stage, Millis duration, HookResult result, Millis timeout,
                      HookTimeoutAction action) {
    Scenario sc = ecs_native(DeploymentStrategy::blue_green);
    sc.services[0].deployment_configuration.bake_time = Millis{5min};
    LifecycleHook h;
    h.lifecycle_stages = {stage};
    h.duration = duration;
    h.result = result;
    h.timeout = timeout;
    h.timeout_action = action;
    sc.services[0].deployment_configuration.lifecycle_hooks.push_back(h);
    return sc;
  };
  SUBCASE("a passing POST_SCALE_UP hook delays the shift by its duration") {
    const Run r = run(with_hook(LifecycleStage::post_scale_up, Millis{2min}, HookResult::succeeded, Millis{1440min},
                                HookTimeoutAction::rollback));
    CHECK(shifts(r.green()) == Steps{{green_healthy + 120, 100}});
    CHECK(*r.green().finished_at == green_healthy + 120 + 300);
  }
  SUBCASE("a PRE_SCALE_UP hook holds the green tasks back") {
    const Run r = run(with_hook(LifecycleStage::pre_scale_up, Millis{1min}, HookResult::succeeded, Millis{1440min},
                                HookTimeoutAction::rollback));
    CHECK(shifts(r.green()) == Steps{{green_healthy + 60, 100}});
  }
  SUBCASE("a failing hook rolls back when it ends") {
    const Run r = run(with_hook(LifecycleStage::post_scale_up, Millis{2min}, HookResult::failed, Millis{1440min},
                                HookTimeoutAction::rollback));
    CHECK(r.green().rollout_state == "FAILED");
    CHECK(r.green().rolled_back);
    CHECK(*r.green().finished_at == green_healthy + 120);
    CHECK(first_original_stop(r.sim) == -1);
  }
  SUBCASE("a hook past its timeout takes the timeout action: CONTINUE") {
    const Run r = run(with_hook(LifecycleStage::post_scale_up, Millis{30min}, HookResult::failed, Millis{3min},
                                HookTimeoutAction::continue_deployment));
    CHECK(shifts(r.green()) == Steps{{green_healthy + 180, 100}});
    CHECK(r.green().rollout_state == "COMPLETED");
  }
  SUBCASE("a hook past its timeout takes the timeout action: ROLLBACK") {
    const Run r = run(with_hook(LifecycleStage::production_traffic_shift, Millis{30min}, HookResult::succeeded,
                                Millis{3min}, HookTimeoutAction::rollback));
    // The shift happened, then the hook timed out and traffic went back.
    CHECK(shifts(r.green()) == Steps{{green_healthy, 100}});
    CHECK(r.green().timeline.back().traffic_percent == 0);
    CHECK(*r.green().finished_at == green_healthy + 180);
    CHECK(r.green().rolled_back);
  }
}

TEST_CASE("a blue/green run is byte-identical for the same seed") {
  const Run a = run(code_deploy("CodeDeployDefault.ECSLinear10PercentEvery1Minutes"));
  const Run b = run(code_deploy("CodeDeployDefault.ECSLinear10PercentEvery1Minutes"));
  CHECK(a.summary == b.summary);
  CHECK(a.sim.recorder().records().size() == b.sim.recorder().records().size());
}

TEST_CASE("each replacement registers in the target group the original does not use: the groups swap roles") {
  // A second group, checked every 10 s (green healthy 17 + 10 s after
  // launch there), and an update back to web:1 at 5000 s.
  TargetGroupSpec second;
  second.name = "web-green";
  second.health_check_interval = Millis{10s};
  UpdateServiceAction back;
  back.service = "web";
  back.task_definition = "web:1";
  Scenario sc;
  SUBCASE("CodeDeploy's target group pair") {
    sc = code_deploy("CodeDeployDefault.ECSAllAtOnce");
    sc.code_deploy[0].target_groups = {"web-tg", "web-green"};
  }
  SUBCASE("ECS-native BLUE_GREEN: targetGroupArn and advancedConfiguration's alternate group") {
    sc = ecs_native(DeploymentStrategy::blue_green);
    sc.services[0].load_balancers[0].advanced_configuration =
        AdvancedConfiguration{.alternate_target_group_arn = "web-green"};
  }
  sc.target_groups.push_back(second);
  sc.timeline.push_back(TimelineEntry{Millis{5000s}, back, {}});
  const Run r = run(std::move(sc));
  const auto& deps = r.summary.services[0].second.deployments;
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].rollout_state == "COMPLETED");
  CHECK(shifts(deps[0]) == Steps{{update_at + 27, 100}});  // green in web-green, checked every 10 s
  // web-green now serves production: the next green goes back to web-tg.
  CHECK(shifts(deps[1]) == Steps{{5000 + 47, 100}});
  CHECK(test::registrations(r.sim) ==
        std::vector<std::string>{"(service web) registered 4 targets in (target-group web-tg)",
                                 "(service web) registered 4 targets in (target-group web-green)",
                                 "(service web) registered 4 targets in (target-group web-tg)"});
}

TEST_CASE("on EC2 the replacement needs room beside the original: without it CodeDeploy rolls back") {
  auto on_ec2 = [](int instances) {
    Scenario sc = code_deploy("CodeDeployDefault.ECSAllAtOnce");
    for (TaskDefinition& td : sc.task_definitions) {
      td.network_mode = NetworkMode::bridge;
      td.requires_compatibilities = {LaunchType::ec2};
    }
    sc.services[0].launch_type = LaunchType::ec2;
    ContainerInstanceSpec ci;
    ci.cluster = "prod";
    ci.instance_type = "m5.large";  // 2048 CPU units: four 512-unit tasks each
    ci.count = instances;
    sc.container_instances.push_back(ci);
    return sc;
  };
  SUBCASE("two instances hold original and replacement") {
    const Run r = run(on_ec2(2));
    CHECK(r.green().rollout_state == "COMPLETED");
    CHECK(r.green().max_running_count == 8);
    CHECK(r.summary.services[0].second.placement_failures == 0);
  }
  SUBCASE("one instance holds only the original") {
    const Run r = run(on_ec2(1));
    CHECK(r.green().rollout_state == "FAILED");
    CHECK(r.green().rolled_back);
    CHECK(*r.green().finished_at == update_at + 3600);
    CHECK(r.summary.services[0].second.placement_failures > 0);
    CHECK(first_original_stop(r.sim) == -1);
    CHECK(r.summary.services[0].second.running_count == 4);
  }
}

TEST_CASE("an alarm the deployment watches fails it mid-shift; traffic goes back to the original") {
  SUBCASE("CodeDeploy alarmConfiguration: always rolls back") {
    Scenario sc = code_deploy("CodeDeployDefault.ECSCanary10Percent5Minutes");
    sc.code_deploy[0].alarms = {"p99-latency"};
    Simulation sim(std::move(sc));
    sim.run_until(SimTime{Millis{800s}});  // 10 % on the replacement since 647 s
    CHECK(sim.traffic_share(sim.summary().services[0].second.deployments[0].id, sim.now()) == doctest::Approx(0.1));
    sim.trigger_alarm("disk-full");  // not watched: nothing happens
    CHECK(sim.summary().services[0].second.deployments[0].rollout_state == "IN_PROGRESS");
    sim.trigger_alarm("p99-latency");
    sim.run();
    ecsim::test::check_invariants(sim);
    const auto deps = sim.summary().services[0].second.deployments;
    REQUIRE(deps.size() == 2);
    CHECK(deps[0].rollout_state == "FAILED");
    CHECK(deps[0].rolled_back);
    CHECK(*deps[0].finished_at == 800);
    CHECK(deps[0].timeline.back().traffic_percent == 0);
    CHECK(sim.traffic_share(deps[0].id, SimTime{Millis{800s}}) == 0.0);
    CHECK(deps[1].strategy == "ROLLBACK");
    CHECK(deps[1].rollout_state == "COMPLETED");
    CHECK(first_original_stop(sim) == -1);
    CHECK(test::logged_ending(sim, "deployment failed: alarm detected."));
  }
  SUBCASE("ECS deploymentConfiguration.alarms without rollback: FAILED, no rollback deployment") {
    Scenario sc = ecs_native(DeploymentStrategy::canary);
    sc.services[0].deployment_configuration.alarms = {{"p99-latency"}, true, false, {}};
    Simulation sim(std::move(sc));
    sim.run_until(SimTime{Millis{700s}});
    sim.trigger_alarm("p99-latency");
    sim.run();
    ecsim::test::check_invariants(sim);
    const auto deps = sim.summary().services[0].second.deployments;
    REQUIRE(deps.size() == 1);
    CHECK(deps[0].rollout_state == "FAILED");
    CHECK_FALSE(deps[0].rolled_back);
    CHECK(deps[0].timeline.back().traffic_percent == 0);
    CHECK(first_original_stop(sim) == -1);  // blue keeps serving
  }
}
