#pragma once
// Random scenarios for the property tests, as YAML text, so the loader fills
// defaults and validates them exactly as it does a user's file. Everything the
// simulator runs today may appear: Fargate and EC2 (fixed container
// instances) REPLICA and DAEMON services, rolling deployments with and
// without the circuit breaker, bad revisions (failing health checks, failing
// starts, exiting containers), container and target-group health checks,
// placement strategies and constraints, timeline updates and registrations,
// runTask (standalone tasks), createService and deleteService; capacity
// provider strategies (FARGATE / FARGATE_SPOT with base and weight, Auto
// Scaling group providers with managed scaling, termination protection,
// draining, on-demand or Spot); Service Auto Scaling (target tracking, step
// scaling with its alarm, scheduled actions) under a workload; Spot
// interruptions and a zone outage; blue/green deployments (CodeDeploy, or
// ECS's BLUE_GREEN, LINEAR and CANARY with bake times and lifecycle hooks that
// may fail).
//
// Every revision of a family has the family's task size, so one hourly
// price per service and capacity provider holds for the whole run (the cost
// check relies on it).
#include <ecsim/core/rng.hpp>

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace ecsim::test {

/// What the generator chose, for checks that need more than the summary.
struct GeneratedScenario {
  std::string yaml;
  struct Family {
    std::string name;
    bool fargate = false;
    int cpu = 0;     ///< Fargate task size (units)
    int memory = 0;  ///< Fargate task size (MiB)
    int revisions = 1;  ///< registered at the start; one more may come from the timeline
  };
  std::vector<Family> families;
  /// Index into families of every service and RunTask group, by its name
  /// (timeline-created services and "family:NAME" groups included).
  std::map<std::string, std::uint32_t> family_of;
  bool fargate_providers = false;  ///< the cluster lists FARGATE and FARGATE_SPOT
  struct Asg {
    std::string name;
    bool managed_scaling = false;
    bool spot = false;
  };
  std::vector<Asg> asgs;  ///< Auto Scaling group capacity providers
  std::set<std::string> blue_green;  ///< services deployed blue/green (CodeDeploy or ECS strategy)
};

namespace detail_gen {

inline std::uint64_t pick(Rng& rng, std::uint64_t n) { return rng.uniform_int(n); }
inline bool chance(Rng& rng, double p) { return rng.uniform01() < p; }
template <class T, std::size_t N>
const T& one_of(Rng& rng, const std::array<T, N>& a) {
  return a[pick(rng, N)];
}

/// fmt::format of arguments drawn from the generator in the order written.
/// Function arguments are evaluated in an unspecified order (GCC and clang
/// differ), a braced list left to right: std::tuple{…} keeps the same seed's
/// text the same from either compiler (the sanitizer build uses clang).
template <class... A>
std::string seq_format(std::string_view f, const std::tuple<A...>& args) {
  return std::apply([f](const auto&... a) { return fmt::format(fmt::runtime(f), a...); }, args);
}

/// A behavior duration: fixed, or one of the distributions the format offers.
inline std::string duration_spec(Rng& rng, int lo_s, int hi_s) {
  const int a = lo_s + static_cast<int>(pick(rng, static_cast<std::uint64_t>(hi_s - lo_s + 1)));
  switch (pick(rng, 5)) {
    case 0: return fmt::format("{}s", a);
    case 1: return fmt::format("{{distribution: uniform, min: {}s, max: {}s}}", lo_s, std::max(a, lo_s + 1));
    case 2: return fmt::format("{{distribution: normal, mean: {}s, stddev: {}s}}", a, 1 + a / 4);
    case 3: return fmt::format("{{distribution: lognormal, median: {}s, sigma: 0.{}}}", a, 1 + pick(rng, 6));
    default: return fmt::format("{{distribution: exponential, mean: {}s}}", std::max(1, a));
  }
}

}  // namespace detail_gen

/// One random, valid scenario. Same seed, same text.
inline GeneratedScenario generate_scenario(std::uint64_t seed) {
  using namespace detail_gen;
  Rng rng = Rng::stream(seed, stream_id("property-scenario"));
  GeneratedScenario g;
  std::string& y = g.yaml;

  const bool ec2 = chance(rng, 0.55);
  const bool fargate = !ec2 || chance(rng, 0.4);
  const int zones = 1 + static_cast<int>(pick(rng, 3));
  static constexpr std::array<std::string_view, 3> zone_names{"us-east-1a", "us-east-1b", "us-east-1c"};

  y += fmt::format("name: property-{}\n", seed);
  y += seq_format("simulation: {{duration: {}m, seed: {}, metricsInterval: {}s}}\n",
                  std::tuple{20 + pick(rng, 100), pick(rng, 1u << 30), one_of(rng, std::array<int, 3>{30, 60, 300})});
  y += "clusters:\n  - clusterName: c\n    availabilityZones: [";
  for (int z = 0; z < zones; ++z) y += fmt::format("{}{}", z ? ", " : "", zone_names[z]);
  y += "]\n";
  // Capacity providers: FARGATE and FARGATE_SPOT for Fargate services, Auto
  // Scaling group providers (asg0, asg1) for EC2 ones.
  g.fargate_providers = fargate && chance(rng, 0.4);
  const int asg_count = ec2 && chance(rng, 0.45) ? 1 + static_cast<int>(pick(rng, 2)) : 0;
  if (g.fargate_providers || asg_count > 0) {
    y += "    capacityProviders: [";
    std::string sep;
    if (g.fargate_providers) {
      y += "FARGATE, FARGATE_SPOT";
      sep = ", ";
    }
    for (int a = 0; a < asg_count; ++a, sep = ", ") y += fmt::format("{}asg{}", sep, a);
    y += "]\n";
  }
  if (asg_count > 0) y += "capacityProviders:\n";
  for (int a = 0; a < asg_count; ++a) {
    static constexpr std::array<std::string_view, 4> asg_types{"m5.large", "c5.large", "t3.medium", "m5.xlarge"};
    GeneratedScenario::Asg asg;
    asg.name = fmt::format("asg{}", a);
    asg.managed_scaling = chance(rng, 0.8);
    asg.spot = chance(rng, 0.4);
    const int max_size = 2 + static_cast<int>(pick(rng, 7));
    const int min_size = static_cast<int>(pick(rng, 2));
    y += fmt::format("  - name: {}\n    cluster: c\n    autoScalingGroupProvider:\n", asg.name);
    if (asg.managed_scaling)
      y += seq_format(
          "      managedScaling: {{status: ENABLED, targetCapacity: {}, minimumScalingStepSize: 1, "
          "maximumScalingStepSize: {}, instanceWarmupPeriod: {}}}\n",
          std::tuple{one_of(rng, std::array<int, 4>{60, 80, 100, 100}), 1 + pick(rng, 4), pick(rng, 300)});
    y += seq_format("      managedTerminationProtection: {}\n      managedDraining: {}\n",
                    std::tuple{asg.managed_scaling && chance(rng, 0.5) ? "ENABLED" : "DISABLED",
                               chance(rng, 0.7) ? "ENABLED" : "DISABLED"});
    y += seq_format(
        "    autoScalingGroup: {{instanceType: {}, minSize: {}, maxSize: {}, desiredCapacity: {}, "
        "purchaseOption: {}, launchTime: {}s}}\n",
        std::tuple{one_of(rng, asg_types), min_size, max_size,
                   min_size + pick(rng, static_cast<std::uint64_t>(max_size - min_size + 1)),
                   asg.spot ? "spot" : "on-demand", 30 + pick(rng, 150)});
    g.asgs.push_back(asg);
  }

  if (ec2) {
    static constexpr std::array<std::string_view, 6> types{"m5.large", "m5.xlarge", "c5.large",
                                                           "c5.xlarge", "t3.medium", "r5.large"};
    y += "containerInstances:\n";
    const int groups = 1 + static_cast<int>(pick(rng, 3));
    for (int k = 0; k < groups; ++k) {
      y +=
          seq_format("  - {{cluster: c, instanceType: {}, count: {}", std::tuple{one_of(rng, types), 1 + pick(rng, 5)});
      if (chance(rng, 0.3)) y += fmt::format(", availabilityZone: {}", zone_names[pick(rng, zones)]);
      if (chance(rng, 0.5)) y += fmt::format(", attributes: {{tier: {}}}", chance(rng, 0.5) ? "front" : "back");
      y += "}\n";
    }
  }

  // Task definition families: Fargate ones (awsvpc, a Fargate size) and EC2
  // ones (bridge, host or awsvpc; container-level reservations).
  const int family_count = 1 + static_cast<int>(pick(rng, 3));
  static constexpr std::array<std::array<int, 2>, 6> fargate_sizes{
      {{256, 512}, {512, 1024}, {1024, 2048}, {1024, 3072}, {2048, 4096}, {4096, 8192}}};
  struct Ec2Shape {
    std::string mode;
    int cpu, memory;
    int host_port;  // 0: dynamic (bridge), else static
    bool has_port;
  };
  std::vector<Ec2Shape> shapes;
  std::vector<bool> health_checks;
  y += "taskDefinitions:\n";
  for (int f = 0; f < family_count; ++f) {
    GeneratedScenario::Family fam;
    fam.name = fmt::format("app{}", f);
    fam.fargate = fargate && (!ec2 || chance(rng, 0.5));
    fam.revisions = 1 + static_cast<int>(pick(rng, 2));
    const bool health_check = chance(rng, 0.5);
    health_checks.push_back(health_check);
    Ec2Shape shape{};
    if (fam.fargate) {
      const auto& size = one_of(rng, fargate_sizes);
      fam.cpu = size[0];
      fam.memory = size[1];
    } else {
      shape.mode = std::string(one_of(rng, std::array<std::string_view, 3>{"bridge", "host", "awsvpc"}));
      shape.cpu = 128 * (1 + static_cast<int>(pick(rng, 8)));
      shape.memory = 256 * (1 + static_cast<int>(pick(rng, 8)));
      shape.has_port = shape.mode != "bridge" || chance(rng, 0.7);
      shape.host_port = shape.mode == "bridge" && chance(rng, 0.6) ? 0 : 8000 + static_cast<int>(pick(rng, 3));
    }
    shapes.push_back(shape);
    for (int r = 0; r < fam.revisions; ++r) {
      y += fmt::format("  - family: {}\n", fam.name);
      if (fam.fargate) {
        y += fmt::format("    networkMode: awsvpc\n    requiresCompatibilities: [FARGATE]\n"
                         "    cpu: \"{}\"\n    memory: \"{}\"\n", fam.cpu, fam.memory);
      } else {
        y += fmt::format("    networkMode: {}\n    requiresCompatibilities: [EC2]\n", shape.mode);
      }
      y +=
          fmt::format("    containerDefinitions:\n      - name: main\n        image: example/{}:{}\n", fam.name, r + 1);
      if (!fam.fargate) y += fmt::format("        cpu: {}\n        memoryReservation: {}\n", shape.cpu, shape.memory);
      if (fam.fargate || shape.has_port) {
        if (fam.fargate || shape.mode == "awsvpc")
          y += "        portMappings: [{containerPort: 8080}]\n";
        else if (shape.mode == "host")
          y += fmt::format("        portMappings: [{{containerPort: {}}}]\n", shape.host_port);
        else
          y += fmt::format("        portMappings: [{{containerPort: 8080, hostPort: {}}}]\n", shape.host_port);
      }
      if (health_check)
        y += seq_format("        healthCheck: {{command: [CMD-SHELL, \"exit 0\"], interval: {}, retries: {}, "
                         "startPeriod: {}}}\n", std::tuple{5 + pick(rng, 26), 1 + pick(rng, 4), pick(rng, 60)});
      if (chance(rng, 0.3)) y += fmt::format("        stopTimeout: {}\n", 2 + pick(rng, 60));
    }
    g.families.push_back(std::move(fam));
  }

  // Target groups, one per family that maps a port, used by some services.
  std::vector<int> target_group_of(family_count, -1);
  std::string tgs;
  for (int f = 0; f < family_count; ++f) {
    const bool port = g.families[f].fargate || shapes[f].has_port;
    if (!port || !chance(rng, 0.5)) continue;
    target_group_of[f] = f;
    tgs += seq_format(
        "  - {{name: tg{}, healthCheckIntervalSeconds: {}, healthyThresholdCount: {}, "
        "unhealthyThresholdCount: {}, deregistrationDelay: {}}}\n",
        std::tuple{f, 10 + pick(rng, 21), 2 + pick(rng, 4), 2 + pick(rng, 3), pick(rng, 120)});
    // Where an ECS-native blue/green service registers its green tasks.
    tgs += fmt::format("  - {{name: tg{}-alt, healthCheckIntervalSeconds: 10, deregistrationDelay: 30}}\n", f);
  }
  if (!tgs.empty()) y += "targetGroups:\n" + tgs;

  // Services.
  struct Service {
    std::string name;
    int family;
    bool daemon;
    bool blue_green;
    enum class Providers { launch_type, fargate, asg } providers;
  };
  std::vector<Service> services;
  std::vector<int> tg_users(family_count, 0);  // blue/green services keep their target group to themselves
  bool uses_fargate_spot = false;
  std::vector<bool> asg_used(g.asgs.size(), false);
  std::string autoscaled, code_deploy;
  const int service_count = 1 + static_cast<int>(pick(rng, 3));
  y += "services:\n";
  for (int s = 0; s < service_count; ++s) {
    const int f = static_cast<int>(pick(rng, static_cast<std::uint64_t>(family_count)));
    const GeneratedScenario::Family& fam = g.families[f];
    const bool daemon = !fam.fargate && chance(rng, 0.2);
    const std::string name = fmt::format("svc{}", s);
    g.family_of[name] = static_cast<std::uint32_t>(f);
    // Mostly revision 1, so a later update can release the newest (maybe bad) one.
    const std::string td = chance(rng, 0.8) ? fam.name + ":1" : fam.name;
    y += fmt::format("  - serviceName: {}\n    cluster: c\n    taskDefinition: \"{}\"\n", name, td);
    auto providers = Service::Providers::launch_type;
    if (fam.fargate && g.fargate_providers && chance(rng, 0.7)) {
      providers = Service::Providers::fargate;
      // base on FARGATE, the rest split by weight (ecs-facts §7.1).
      const int on_demand = static_cast<int>(pick(rng, 3));
      y += seq_format(
          "    capacityProviderStrategy:\n      - {{capacityProvider: FARGATE, base: {}, weight: {}}}\n"
          "      - {{capacityProvider: FARGATE_SPOT, weight: {}}}\n",
          std::tuple{pick(rng, 3), on_demand, 1 + pick(rng, 3)});
      uses_fargate_spot = true;
    } else if (!fam.fargate && !daemon && !g.asgs.empty() && chance(rng, 0.8)) {
      providers = Service::Providers::asg;
      y += "    capacityProviderStrategy:\n";
      const std::size_t first = pick(rng, g.asgs.size());
      for (std::size_t k = 0; k < g.asgs.size(); ++k) {
        const std::size_t a = (first + k) % g.asgs.size();
        if (k > 0 && chance(rng, 0.5)) continue;
        asg_used[a] = true;
        y += seq_format("      - {{capacityProvider: {}, base: {}, weight: {}}}\n", std::tuple{g.asgs[a].name,
                         k == 0 ? pick(rng, 3) : 0, 1 + pick(rng, 3)});
      }
    } else {
      y += fmt::format("    launchType: {}\n", fam.fargate ? "FARGATE" : "EC2");
    }
    const bool lb = !daemon && target_group_of[f] >= 0 && tg_users[f] >= 0 && chance(rng, 0.7);
    // Blue/green needs a load balancer: CodeDeploy, or ECS's own strategies.
    const bool blue_green = lb && tg_users[f] == 0 && chance(rng, 0.45);
    const bool with_code_deploy = blue_green && chance(rng, 0.5);
    if (lb) tg_users[f] = blue_green ? -1 : tg_users[f] + 1;
    services.push_back({name, f, daemon, blue_green, providers});
    if (blue_green) g.blue_green.insert(name);
    if (daemon) {
      y += "    schedulingStrategy: DAEMON\n";
      if (chance(rng, 0.5)) y += fmt::format("    deploymentConfiguration: {{minimumHealthyPercent: {}}}\n",
                                             one_of(rng, std::array<int, 3>{0, 50, 100}));
    } else {
      const int desired = static_cast<int>(pick(rng, 13));
      y += fmt::format("    desiredCount: {}\n", desired);
      const int min_pct = one_of(rng, std::array<int, 5>{0, 50, 75, 100, 100});
      const int max_pct = std::max(min_pct == 100 ? 110 : 100, one_of(rng, std::array<int, 4>{100, 150, 200, 200}));
      if (with_code_deploy) y += "    deploymentController: {type: CODE_DEPLOY}\n";
      y += fmt::format("    deploymentConfiguration:\n      minimumHealthyPercent: {}\n      maximumPercent: {}\n",
                       min_pct, max_pct);
      if (!with_code_deploy && chance(rng, 0.6))
        y += fmt::format("      deploymentCircuitBreaker: {{enable: true, rollback: {}}}\n",
                         chance(rng, 0.7) ? "true" : "false");
      if (blue_green && !with_code_deploy) {
        const std::string_view strategy =
            one_of(rng, std::array<std::string_view, 3>{"BLUE_GREEN", "LINEAR", "CANARY"});
        y += fmt::format("      strategy: {}\n      bakeTimeInMinutes: {}\n", strategy, pick(rng, 6));
        if (strategy == "LINEAR")
          y += seq_format("      linearConfiguration: {{stepPercent: {}, stepBakeTimeInMinutes: {}}}\n",
                          std::tuple{one_of(rng, std::array<int, 3>{20, 34, 50}), 1 + pick(rng, 3)});
        if (strategy == "CANARY")
          y += seq_format("      canaryConfiguration: {{canaryPercent: {}, canaryBakeTimeInMinutes: {}}}\n",
                          std::tuple{one_of(rng, std::array<int, 3>{5, 10, 25}), 1 + pick(rng, 5)});
        if (chance(rng, 0.4))
          y += seq_format(
              "      lifecycleHooks:\n        - hookTargetArn: \"arn:aws:lambda:us-east-1:123456789012:"
              "function:hook\"\n          roleArn: \"arn:aws:iam::123456789012:role/hooks\"\n"
              "          lifecycleStages: [{}]\n          timeoutConfiguration: {{timeoutInMinutes: {}, "
              "action: {}}}\n          duration: {}s\n          result: {}\n",
              std::tuple{one_of(rng, std::array<std::string_view, 4>{"PRE_SCALE_UP", "POST_SCALE_UP",
                                                                     "POST_TEST_TRAFFIC_SHIFT",
                                                                     "POST_PRODUCTION_TRAFFIC_SHIFT"}),
                         1 + pick(rng, 5), chance(rng, 0.5) ? "ROLLBACK" : "CONTINUE", pick(rng, 400),
                         chance(rng, 0.7) ? "SUCCEEDED" : "FAILED"});
      }
      if (with_code_deploy) {
        static constexpr std::array<std::string_view, 5> configs{
            "CodeDeployDefault.ECSAllAtOnce", "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
            "CodeDeployDefault.ECSLinear10PercentEvery3Minutes", "CodeDeployDefault.ECSCanary10Percent5Minutes",
            "CodeDeployDefault.ECSCanary10Percent15Minutes"};
        code_deploy += seq_format("  - {{service: {}, deploymentConfigName: {}, terminationWaitTime: {}m, "
                                   "targetGroups: [tg{}]", std::tuple{name, one_of(rng, configs), pick(rng, 10), f});
        if (chance(rng, 0.3)) code_deploy += fmt::format(", testTrafficTime: {}m", 1 + pick(rng, 4));
        code_deploy += "}\n";
      }
      // Service Auto Scaling: target tracking, step scaling (with its alarm) or scheduled actions.
      if (chance(rng, 0.3)) {
        const int lo = static_cast<int>(pick(rng, 3));
        const int hi = std::max(lo + 1, desired) + static_cast<int>(pick(rng, 8));
        autoscaled += seq_format(
            "  - service: {}\n    requestsPerSecond: {}\n",
            std::tuple{name, chance(rng, 0.5)
                                 ? seq_format("{{steps: [{{at: 0s, value: {}}}, {{at: {}m, value: {}}}, "
                                              "{{at: {}m, value: {}}}]}}",
                                              std::tuple{pick(rng, 200), 5 + pick(rng, 20), 100 + pick(rng, 2000),
                                                         30 + pick(rng, 30), pick(rng, 300)})
                                 : seq_format("{{diurnal: {{min: {}, max: {}, peakAt: \"00:{}\"}}}}",
                                              std::tuple{pick(rng, 100), 200 + pick(rng, 1500), 10 + pick(rng, 50)})});
        y += fmt::format("    autoScaling:\n      minCapacity: {}\n      maxCapacity: {}\n", lo, hi);
        switch (pick(rng, 3)) {
          case 0:
            y += seq_format(
                "      policies:\n        - policyName: tt\n          targetTrackingScalingPolicyConfiguration:\n"
                "            TargetValue: {}\n            PredefinedMetricSpecification: "
                "{{PredefinedMetricType: {}}}\n            ScaleOutCooldown: {}\n"
                "            ScaleInCooldown: {}\n",
                std::tuple{30 + pick(rng, 50),
                           chance(rng, 0.7) ? "ECSServiceAverageCPUUtilization" : "ECSServiceAverageMemoryUtilization",
                           30 + pick(rng, 270), 30 + pick(rng, 570)});
            break;
          case 1:
            y += seq_format(
                "      policies:\n        - policyName: out\n          stepScalingPolicyConfiguration:\n"
                "            AdjustmentType: {}\n            StepAdjustments: [{{MetricIntervalLowerBound: 0, "
                "ScalingAdjustment: {}}}]\n            Cooldown: {}\n"
                "          alarm: {{MetricName: CPUUtilization, ComparisonOperator: GreaterThanThreshold, "
                "Threshold: {}, EvaluationPeriods: {}, Period: 60}}\n"
                "        - policyName: in\n          stepScalingPolicyConfiguration:\n"
                "            AdjustmentType: ChangeInCapacity\n            StepAdjustments: "
                "[{{MetricIntervalUpperBound: 0, ScalingAdjustment: -1}}]\n            Cooldown: {}\n"
                "          alarm: {{MetricName: CPUUtilization, ComparisonOperator: LessThanThreshold, "
                "Threshold: {}, EvaluationPeriods: {}, Period: 60}}\n",
                std::tuple{chance(rng, 0.5) ? "ChangeInCapacity" : "PercentChangeInCapacity", 1 + pick(rng, 3),
                           60 + pick(rng, 240), 50 + pick(rng, 30), 1 + pick(rng, 2), 60 + pick(rng, 240),
                           10 + pick(rng, 30), 1 + pick(rng, 4)});
            break;
          default:
            y += seq_format(
                "      scheduledActions:\n        - {{scheduledActionName: up, schedule: \"rate({} "
                "minutes)\", scalableTargetAction: {{MinCapacity: {}}}}}\n"
                "        - {{scheduledActionName: down, schedule: \"at(2026-01-01T00:{}:00)\", "
                "scalableTargetAction: {{MinCapacity: {}, MaxCapacity: {}}}}}\n",
                std::tuple{5 + pick(rng, 30), lo + pick(rng, static_cast<std::uint64_t>(hi - lo + 1)),
                           10 + pick(rng, 50), lo, hi});
            break;
        }
      }
    }
    if (chance(rng, 0.4)) y += fmt::format("    healthCheckGracePeriodSeconds: {}\n", pick(rng, 120));
    if (lb) {
      const int port = fam.fargate || shapes[f].mode != "host" ? 8080 : shapes[f].host_port;
      y += fmt::format("    loadBalancers: [{{targetGroupArn: tg{}, containerName: main, containerPort: {}{}}}]\n",
                       target_group_of[f], port,
                       blue_green && !with_code_deploy
                           ? fmt::format(", advancedConfiguration: {{alternateTargetGroupArn: tg{}-alt}}", f)
                           : std::string());
    }
    if (!fam.fargate && !daemon && chance(rng, 0.7)) {
      static constexpr std::array<std::string_view, 6> strategies{
          "{type: spread, field: \"attribute:ecs.availability-zone\"}",
          "{type: spread, field: instanceId}",
          "{type: binpack, field: memory}",
          "{type: binpack, field: cpu}",
          "{type: random}",
          "{type: spread, field: \"attribute:tier\"}"};
      y += "    placementStrategy: [";
      const int n = 1 + static_cast<int>(pick(rng, 2));
      for (int k = 0; k < n; ++k) y += fmt::format("{}{}", k ? ", " : "", one_of(rng, strategies));
      y += "]\n";
    }
    if (!fam.fargate && chance(rng, 0.35)) {
      static constexpr std::array<std::string_view, 5> constraints{
          "{type: distinctInstance}",
          "{type: memberOf, expression: \"attribute:ecs.instance-type =~ m5.*\"}",
          "{type: memberOf, expression: \"attribute:ecs.availability-zone != us-east-1a\"}",
          "{type: memberOf, expression: \"attribute:tier == front or attribute:tier !exists\"}",
          "{type: memberOf, expression: \"attribute:ecs.instance-type in [c5.large, c5.xlarge, t3.medium]\"}"};
      y += fmt::format("    placementConstraints: [{}]\n", one_of(rng, constraints));
    }
  }

  // Behaviour per family, and sometimes a worse one for the last revision.
  std::vector<bool> bad_revision(family_count, false);
  y += "behavior:\n";
  for (int f = 0; f < family_count; ++f) {
    y += seq_format("  - taskDefinition: {}\n    imagePull: {}\n    startup: {}\n    shutdown: {}\n",
                    std::tuple{g.families[f].name, duration_spec(rng, 1, 40), duration_spec(rng, 1, 60),
                               duration_spec(rng, 0, 20)});
    // Load drives CPU, which target tracking and step scaling follow.
    if (chance(rng, 0.8)) y += fmt::format("    requestsPerSecondPerTask: {}\n", 20 + pick(rng, 200));
    if (chance(rng, 0.08)) y += fmt::format("    exitAfter: {}m\n", 5 + pick(rng, 60));
    if (chance(rng, 0.05)) y += fmt::format("    failStartProbability: 0.0{}\n", 1 + pick(rng, 9));
    if (g.families[f].revisions > 1 && chance(rng, 0.5)) {
      bad_revision[f] = true;
      y += fmt::format("  - taskDefinition: \"{}:{}\"\n    imagePull: {}\n", g.families[f].name,
                       g.families[f].revisions, duration_spec(rng, 1, 40));
      switch (pick(rng, 3)) {
        case 0: y += "    failHealthChecks: true\n"; break;
        case 1: y += fmt::format("    failStartProbability: 0.{}\n", 3 + pick(rng, 7)); break;
        default: y += fmt::format("    exitAfter: {}s\n", 20 + pick(rng, 300)); break;
      }
    }
  }

  if (!autoscaled.empty()) y += "workloads:\n" + autoscaled;
  if (!code_deploy.empty()) y += "codeDeploy:\n" + code_deploy;

  // Faults: Spot interruptions where Spot capacity is used, an outage of one zone.
  std::string faults;
  if (uses_fargate_spot && chance(rng, 0.7))
    faults += fmt::format("  - {{type: spotInterruptions, capacityProvider: FARGATE_SPOT, ratePerTaskHour: {}}}\n",
                          one_of(rng, std::array<std::string_view, 3>{"0.1", "0.5", "2"}));
  for (std::size_t a = 0; a < g.asgs.size(); ++a)
    if (asg_used[a] && g.asgs[a].spot && chance(rng, 0.7))
      faults += seq_format(
          "  - {{type: spotInterruptions, capacityProvider: {}, ratePerInstanceHour: {}, "
          "notice: {}s}}\n",
          std::tuple{g.asgs[a].name, one_of(rng, std::array<std::string_view, 3>{"0.1", "0.5", "2"}),
                     30 + pick(rng, 150)});
  if (chance(rng, 0.25))
    faults += seq_format(
        "  - {{type: azOutage, availabilityZone: {}, at: {}m, duration: {}m}}\n",
        std::tuple{zone_names[pick(rng, static_cast<std::uint64_t>(zones))], 2 + pick(rng, 40), 1 + pick(rng, 30)});
  if (!faults.empty()) y += "faults:\n" + faults;

  // Operator actions: new revisions, scaling, forced redeployments, new
  // deployment percentages; sometimes a revision registered mid-run.
  std::string timeline;
  int registered_extra = -1;
  if (chance(rng, 0.3)) {
    registered_extra = static_cast<int>(pick(rng, static_cast<std::uint64_t>(family_count)));
    GeneratedScenario::Family& fam = g.families[registered_extra];
    timeline += fmt::format("  - at: 3m\n    registerTaskDefinition:\n      family: {}\n", fam.name);
    if (fam.fargate)
      timeline += fmt::format("      networkMode: awsvpc\n      requiresCompatibilities: [FARGATE]\n"
                              "      cpu: \"{}\"\n      memory: \"{}\"\n", fam.cpu, fam.memory);
    else
      timeline +=
          fmt::format("      networkMode: {}\n      requiresCompatibilities: [EC2]\n", shapes[registered_extra].mode);
    timeline += "      containerDefinitions:\n        - name: main\n          image: example/new\n";
    if (!fam.fargate)
      timeline += fmt::format("          cpu: {}\n          memoryReservation: {}\n", shapes[registered_extra].cpu,
                              shapes[registered_extra].memory);
    if (fam.fargate || shapes[registered_extra].mode == "awsvpc")
      timeline += "          portMappings: [{containerPort: 8080}]\n";
    else if (shapes[registered_extra].has_port)
      timeline += fmt::format("          portMappings: [{{containerPort: {}, hostPort: {}}}]\n",
                              shapes[registered_extra].mode == "host" ? shapes[registered_extra].host_port : 8080,
                              shapes[registered_extra].host_port);
  }
  const int actions = static_cast<int>(pick(rng, 5));
  for (int a = 0; a < actions; ++a) {
    const Service& svc = services[pick(rng, services.size())];
    const GeneratedScenario::Family& fam = g.families[svc.family];
    const int at_min = 4 + static_cast<int>(pick(rng, 40));
    std::string action;
    const bool strategy = svc.providers != Service::Providers::launch_type;
    switch (pick(rng, svc.daemon ? 2 : strategy ? 5 : 4)) {
      case 0: {
        int revisions = fam.revisions + (registered_extra == svc.family ? 1 : 0);
        // Mostly the newest revision, where the bad behaviours sit.
        const int rev = chance(rng, 0.6) ? revisions
                                         : 1 + static_cast<int>(pick(rng, static_cast<std::uint64_t>(revisions)));
        action = fmt::format("taskDefinition: \"{}:{}\"", fam.name, rev);
        break;
      }
      case 1: action = "forceNewDeployment: true"; break;
      case 2: action = fmt::format("desiredCount: {}", pick(rng, 15)); break;
      case 3:
        action = seq_format(
            "taskDefinition: {}, desiredCount: {}, deploymentConfiguration: "
            "{{minimumHealthyPercent: {}, maximumPercent: {}}}",
            std::tuple{fam.name, pick(rng, 15), one_of(rng, std::array<int, 3>{0, 50, 100}),
                       one_of(rng, std::array<int, 2>{150, 200})});
        break;
      default:  // a new capacity provider strategy starts a new deployment (ECS)
        if (svc.providers == Service::Providers::fargate)
          action = seq_format(
              "capacityProviderStrategy: [{{capacityProvider: FARGATE, base: {}, weight: {}}}, "
              "{{capacityProvider: FARGATE_SPOT, weight: {}}}]",
              std::tuple{pick(rng, 3), pick(rng, 3), 1 + pick(rng, 3)});
        else
          action = fmt::format("capacityProviderStrategy: [{{capacityProvider: {}, weight: 1}}]",
                               g.asgs[pick(rng, g.asgs.size())].name);
        break;
    }
    timeline += fmt::format("  - {{at: {}m, updateService: {{service: {}, {}}}}}\n", at_min, svc.name, action);
  }
  // A release of the bad revision, when a service runs a family that has one.
  for (std::size_t s = 0; s < services.size(); ++s) {
    const GeneratedScenario::Family& fam = g.families[services[s].family];
    if (bad_revision[services[s].family] && chance(rng, 0.5))
      timeline += fmt::format("  - {{at: {}m, updateService: {{service: {}, taskDefinition: \"{}:{}\"}}}}\n",
                              10 + pick(rng, 10), services[s].name, fam.name, fam.revisions);
  }
  // Standalone tasks: RunTask calls of 1-10 tasks, placed once, never replaced.
  const int run_tasks = chance(rng, 0.35) ? 1 + static_cast<int>(pick(rng, 3)) : 0;
  for (int k = 0; k < run_tasks; ++k) {
    const int f = static_cast<int>(pick(rng, static_cast<std::uint64_t>(family_count)));
    const GeneratedScenario::Family& fam = g.families[f];
    const bool named = chance(rng, 0.3);
    g.family_of[named ? fmt::format("batch{}", f) : "family:" + fam.name] = static_cast<std::uint32_t>(f);
    timeline += seq_format("  - {{at: {}m, runTask: {{cluster: c, taskDefinition: {}, count: {}, ",
                           std::tuple{1 + pick(rng, 40), fam.name, 1 + pick(rng, 10)});
    if (fam.fargate && g.fargate_providers && chance(rng, 0.4))
      timeline += "capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, weight: 1}]";
    else if (!fam.fargate && !g.asgs.empty() && chance(rng, 0.4))
      timeline += fmt::format("capacityProviderStrategy: [{{capacityProvider: {}, weight: 1}}]",
                              g.asgs[pick(rng, g.asgs.size())].name);
    else
      timeline += fmt::format("launchType: {}", fam.fargate ? "FARGATE" : "EC2");
    if (named) timeline += fmt::format(", group: batch{}", f);
    if (!fam.fargate && chance(rng, 0.5))
      timeline += chance(rng, 0.5) ? ", placementStrategy: [{type: spread, field: instanceId}]"
                                   : ", placementConstraints: [{type: distinctInstance}]";
    timeline += "}}\n";
  }
  // A service created during the run, and sometimes one deleted near the end
  // (after every update of it: a deleted service takes none).
  if (chance(rng, 0.25)) {
    const int f = static_cast<int>(pick(rng, static_cast<std::uint64_t>(family_count)));
    const GeneratedScenario::Family& fam = g.families[f];
    g.family_of["late"] = static_cast<std::uint32_t>(f);
    timeline += fmt::format("  - at: {}m\n    createService: {{serviceName: late, cluster: c, taskDefinition: {}, ",
                            2 + pick(rng, 30), fam.name);
    if (fam.fargate && g.fargate_providers && chance(rng, 0.4))
      timeline += "capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, weight: 1}]";
    else
      timeline += fmt::format("launchType: {}", fam.fargate ? "FARGATE" : "EC2");
    timeline += !fam.fargate && chance(rng, 0.3) ? std::string(", schedulingStrategy: DAEMON")
                                                 : fmt::format(", desiredCount: {}", pick(rng, 9));
    timeline += "}\n";
  }
  if (chance(rng, 0.2)) {
    const Service& svc = services[pick(rng, services.size())];
    timeline += fmt::format("  - {{at: {}m, deleteService: {{service: {}, force: true}}}}\n", 45 + pick(rng, 30),
                            svc.name);
  }
  if (!timeline.empty()) y += "timeline:\n" + timeline;
  return g;
}

}  // namespace ecsim::test
