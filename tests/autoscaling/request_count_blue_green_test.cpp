// ALBRequestCountPerTarget target tracking during a blue/green canary. ALB
// publishes RequestCountPerTarget per target group (the group's requests ÷
// its healthy targets) and the policy's ResourceLabel names one group, while
// the original tasks sit in web-tg and the replacement in web-tg-2. The load
// doubles to 400 requests/s at 900 s, in the middle of the canary.
#include <ecsim/simulation.hpp>

#include "autoscaling/scaling_records.hpp"
#include "scheduler/blue_green_run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace ecsim;
using namespace std::chrono_literals;
using test::contains;
using test::Scaling;
using test::scalings;

namespace {

/// web_canary with the pair web-tg / web-tg-2, 200 then (from 900 s) 400
/// requests/s, and one policy holding 3100 requests per target per minute on
/// the group `label_group` names (scale-in off, so only scale-outs show).
Scenario canary_on_request_count(const std::string& label_group) {
  Scenario sc = test::web_canary(200);
  TargetGroupSpec second;
  second.name = "web-tg-2";
  sc.target_groups.push_back(second);
  sc.code_deploy[0].target_groups = {"web-tg", "web-tg-2"};
  LoadModel& load = sc.workloads[0].requests_per_second;
  load.kind = LoadModelKind::steps;
  load.steps = {LoadPoint{0s, 200, {}}, LoadPoint{900s, 400, {}}};
  TargetTrackingScalingPolicyConfiguration c;
  c.target_value = 3100;
  c.predefined_metric_specification.predefined_metric_type = PredefinedMetricType::alb_request_count_per_target;
  c.predefined_metric_specification.resource_label =
      "app/web-alb/50dc6c495c0c9188/targetgroup/" + label_group + "/73e2d6bc24d8a067";
  c.disable_scale_in = true;
  ScalingPolicy p;
  p.policy_name = "requests";
  p.target_tracking_scaling_policy_configuration = c;
  AutoScalingSpec as;
  as.min_capacity = 1;
  as.max_capacity = 20;
  as.policies.push_back(p);
  sc.services[0].auto_scaling = as;
  return sc;
}

/// The run's scaling activities; its invariants checked.
std::vector<Scaling> run_scalings(Scenario sc, EcsAssumptions a = {}) {
  return scalings(test::run_checked(std::move(sc), a).sim);
}

}  // namespace

TEST_CASE("a policy on the original's group sees its 90 % over its own four targets during the canary") {
  // From 900 s web-tg gets 0.9 × 400 × 60 / 4 = 5400 requests per target a
  // minute: three datapoints above 3100 end at 1080 s, ceil(4 × 5400 / 3100) = 7.
  // Counting the replacement's four targets too it would be 3000, under target.
  // A label naming no group of the scenario reads the service's (web-tg).
  for (const std::string group : {"web-tg", "other-tg"}) {
    CAPTURE(group);
    const std::vector<Scaling> s = run_scalings(canary_on_request_count(group));
    REQUIRE(!s.empty());
    CHECK(s[0].at == 1080);
    CHECK(contains(s[0].message, "AlarmHigh in state ALARM triggered policy requests"));
    CHECK(contains(s[0].message, "from 4 to 7"));
    // Production moved to web-tg-2 at 1547 s and web-tg is empty from
    // 1847 s: the policy gets no datapoints and never acts again, though
    // 24000 requests a minute over 7 tasks is above its target
    // (aws/containers-roadmap#1681).
    for (const Scaling& later : s) CHECK(later.at < 1847);
  }
}

TEST_CASE("ECS-native CANARY: the same split between targetGroupArn's group and the alternate one") {
  // ECS's controller with a 10 % canary for 15 minutes: green takes 10 %
  // in the alternate group (web-tg-2), so the policy on web-tg acts as above.
  Scenario sc = canary_on_request_count("web-tg");
  sc.code_deploy.clear();
  ServiceSpec& svc = sc.services[0];
  svc.deployment_controller.type = DeploymentControllerType::ecs;
  svc.deployment_configuration.strategy = DeploymentStrategy::canary;
  svc.deployment_configuration.canary_configuration.canary_percent = 10;
  svc.deployment_configuration.canary_configuration.canary_bake_time = Millis{15min};
  svc.load_balancers[0].advanced_configuration = AdvancedConfiguration{.alternate_target_group_arn = "web-tg-2"};
  const std::vector<Scaling> s = run_scalings(sc);
  REQUIRE(!s.empty());
  CHECK(s[0].at == 1080);
  CHECK(contains(s[0].message, "from 4 to 7"));
  EcsAssumptions whole_service;
  whole_service.alb_request_count_scope = RequestCountScope::service;
  const std::vector<Scaling> pooled = run_scalings(sc, whole_service);
  CHECK((pooled.empty() || pooled[0].at > 1547));  // 3000 per target until the canary ends
}

TEST_CASE("a policy on the replacement's group acts once production traffic has moved there") {
  // web-tg-2 gets 10 % (600 per target) until 1547 s, then everything:
  // 6000 per target from the minute ending 1620 s, ALARM at 1740 s,
  // ceil(4 × 6000 / 3100) = 8.
  const std::vector<Scaling> s = run_scalings(canary_on_request_count("web-tg-2"));
  REQUIRE(!s.empty());
  CHECK(s[0].at == 1740);
  CHECK(contains(s[0].message, "from 4 to 8"));
}

TEST_CASE("alb_request_count_scope=service divides the service's requests by both groups' targets") {
  EcsAssumptions a;
  a.alb_request_count_scope = RequestCountScope::service;
  // 3000 per target (eight targets) through the canary and the termination
  // wait: no scale-out until the original's tasks are gone at 1847 s.
  const std::vector<Scaling> s = run_scalings(canary_on_request_count("web-tg"), a);
  REQUIRE(!s.empty());
  CHECK(s[0].at > 1847);
  CHECK(s[0].at <= 1847 + 4 * 60);
}

TEST_CASE("outside blue/green the label's group holds the whole service: both scopes scale alike") {
  // ECS rolling updates keep every revision in web-tg: the group's figure is
  // the service's, during the update (600 s) too. Scale-in on, so both
  // alarms matter; the load falls back to 100 requests/s at 3600 s.
  Scenario sc = canary_on_request_count("web-tg");
  sc.code_deploy.clear();
  sc.services[0].deployment_controller.type = DeploymentControllerType::ecs;
  sc.services[0].auto_scaling->policies[0].target_tracking_scaling_policy_configuration->disable_scale_in = false;
  sc.workloads[0].requests_per_second.steps.push_back(LoadPoint{3600s, 100, {}});
  EcsAssumptions whole_service;
  whole_service.alb_request_count_scope = RequestCountScope::service;
  const std::vector<Scaling> by_group = run_scalings(sc), by_service = run_scalings(sc, whole_service);
  REQUIRE(by_group.size() >= 2);  // out on the doubled load, in once it falls
  REQUIRE(by_group.size() == by_service.size());
  for (std::size_t i = 0; i < by_group.size(); ++i) {
    CAPTURE(i);
    CHECK(by_group[i].at == by_service[i].at);
    CHECK(by_group[i].message == by_service[i].message);
  }
}
