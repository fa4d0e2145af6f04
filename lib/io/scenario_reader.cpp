// Reads the scenario node tree into model values, one reader per ECS object.
// Every reader records what is wrong and keeps going, so a user sees all
// problems of a file at once. This file reads the top level and the
// sections about the run itself (simulation settings, faults, the timeline
// of operator actions, prices); map_reader.hpp lists where the others are read.
#include "io/scenario_reader.hpp"

#include "io/map_reader.hpp"

#include <algorithm>

namespace ecsim::detail {
namespace {

bool read_optional_number(MapReader& m, std::string_view key, std::optional<double>& out, double lo, double hi) {
  double v = 0;
  if (!m.read_number(key, v, lo, hi)) return false;
  out = v;
  return true;
}

}  // namespace

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, SimulationSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    if (m.require("duration", out.duration) && out.duration <= Millis{0})
      m.error_at("duration", "must be longer than 0s");
    m.read("seed", out.seed);
    m.read("region", out.region);
    if (m.read("metricsInterval", out.metrics_interval) && out.metrics_interval < Millis{1000})
      m.error_at("metricsInterval", "must be at least 1s");
  });
}

// ------------------------------------------------------------------ faults

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, FaultSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    const bool typed = m.require("type", out.type);
    m.read("capacityProvider", out.capacity_provider);
    m.read_number("ratePerTaskHour", out.rate_per_task_hour, 0, any_number);
    m.read_number("ratePerInstanceHour", out.rate_per_instance_hour, 0, any_number);
    m.read("notice", out.notice);
    if (m.read("rebalanceRecommendation", out.rebalance_recommendation) && out.rebalance_recommendation <= Millis{0})
      m.error_at("rebalanceRecommendation", "must be longer than 0s");
    read_csv_times_field(m, out.csv, out.times);
    m.read("availabilityZone", out.availability_zone);
    m.read("at", out.at);
    m.read("duration", out.duration);
    if (typed) {
      static constexpr std::string_view spot_fields[] = {
          "capacityProvider", "ratePerTaskHour", "ratePerInstanceHour", "notice", "csv", "rebalanceRecommendation"};
      static constexpr std::string_view az_fields[] = {"availabilityZone", "at", "duration"};
      static constexpr std::string_view window_fields[] = {"capacityProvider", "at", "duration"};
      const std::span<const std::string_view> fields =
          out.type == FaultType::spot_interruptions ? std::span<const std::string_view>(spot_fields)
          : out.type == FaultType::az_outage        ? std::span<const std::string_view>(az_fields)
                                                    : std::span<const std::string_view>(window_fields);
      const std::string kind(enum_name(out.type));
      for (const auto& list :
           {std::span<const std::string_view>(spot_fields), std::span<const std::string_view>(az_fields)})
        for (std::string_view f : list)
          if (m.has(f) && std::find(fields.begin(), fields.end(), f) == fields.end())
            m.error_at(f, in_quotes(f) + " does not apply to " + kind + " faults");
      if (out.type == FaultType::spot_interruptions) {
        if (!m.has("capacityProvider")) m.missing("capacityProvider");
        const int rates =
            (m.has("ratePerTaskHour") ? 1 : 0) + (m.has("ratePerInstanceHour") ? 1 : 0) + (m.has("csv") ? 1 : 0);
        if (rates != 1)
          m.error_at("",
                     "give one of ratePerTaskHour (Fargate Spot), ratePerInstanceHour (EC2 Spot) or csv (a file "
                     "of interruption times)");
      } else {
        for (std::string_view f : fields)
          if (!m.has(f)) m.missing(f);
        if (m.has("duration") && out.duration <= Millis{0}) m.error_at("duration", "must be longer than 0s");
      }
    }
  });
}

// ------------------------------------------------------------------ timeline

namespace {

void read_update_service(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, UpdateServiceAction& out) {
  read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_reference("service", out.service);
    std::string td;
    if (m.read("taskDefinition", td)) out.task_definition = arn_name(td);
    m.read_int("desiredCount", out.desired_count, 0, no_limit);
    m.read("forceNewDeployment", out.force_new_deployment);
    if (const YAML::Node* dc = m.find("deploymentConfiguration")) {
      // Same checks and warnings as a service's deploymentConfiguration.
      const FieldPath dp{p.text + ".deploymentConfiguration", "services.*.deploymentConfiguration"};
      DeploymentConfiguration config;
      read_value(ctx, *dc, dp, config);
      out.deployment_configuration = config;
    }
    m.read("capacityProviderStrategy", out.capacity_provider_strategy);
    m.read_seconds("healthCheckGracePeriodSeconds", out.health_check_grace_period, 0, 2'147'483'647);
  });
}

void read_run_task(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, RunTaskAction& out) {
  read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read_reference("cluster", out.cluster);
    m.require_reference("taskDefinition", out.task_definition);
    // ECS: RunTask starts at most 10 tasks per call (ecs-facts.md §12).
    m.read_int("count", out.count, 1, 10);
    read_launch_type_or_strategy(m, out.launch_type, out.capacity_provider_strategy);
    m.read("group", out.group);
    m.read("placementStrategy", out.placement_strategy);
    m.read("placementConstraints", out.placement_constraints);
  });
}

void read_delete_service(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeleteServiceAction& out) {
  read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_reference("service", out.service);
    m.read("force", out.force);
  });
}

void read_continue_deployment(LoadContext& ctx, const YAML::Node& n, const FieldPath& p,
                              ContinueDeploymentAction& out) {
  read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_reference("service", out.service);
    m.read("deploymentWaitType", out.deployment_wait_type);
  });
}

constexpr std::string_view timeline_actions[] = {"updateService", "registerTaskDefinition", "runTask",
                                                 "createService", "deleteService",          "continueDeployment"};

}  // namespace

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TimelineEntry& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("at", out.at);
    std::string_view action;
    int count = 0;
    for (std::string_view a : timeline_actions) {
      if (m.has(a)) {
        action = a;
        ++count;
      }
    }
    if (count != 1) {
      m.error_at("", std::string(count == 0 ? "expected" : "give only one of") +
                         " an action: updateService, registerTaskDefinition, runTask, createService, deleteService "
                         "or continueDeployment");
    }
    if (count >= 1) {
      const YAML::Node& value = *m.find(action);
      LoadContext::FileScope scope(ctx, value);
      const FieldPath ap = m.child(action);
      if (action == "updateService") {
        UpdateServiceAction a;
        read_update_service(ctx, value, ap, a);
        out.action = std::move(a);
      } else if (action == "registerTaskDefinition") {
        RegisterTaskDefinitionAction a;
        read_value(ctx, value, FieldPath{ap.text, "taskDefinitions.*"}, a.task_definition);
        out.action = std::move(a);
      } else if (action == "runTask") {
        RunTaskAction a;
        read_run_task(ctx, value, ap, a);
        out.action = std::move(a);
      } else if (action == "createService") {
        CreateServiceAction a;
        read_value(ctx, value, FieldPath{ap.text, "services.*"}, a.service);
        out.action = std::move(a);
      } else if (action == "deleteService") {
        DeleteServiceAction a;
        read_delete_service(ctx, value, ap, a);
        out.action = std::move(a);
      } else {
        ContinueDeploymentAction a;
        read_continue_deployment(ctx, value, ap, a);
        out.action = std::move(a);
      }
    }
  });
}

// ------------------------------------------------------------------ prices

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, FargatePriceOverride& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    read_optional_number(m, "vcpuHour", out.vcpu_hour, 0, any_number);
    read_optional_number(m, "gbHour", out.gb_hour, 0, any_number);
    read_optional_number(m, "ephemeralGbHour", out.ephemeral_gb_hour, 0, any_number);
    read_optional_number(m, "spotDiscount", out.spot_discount, 0, 1);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PriceOverrides& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read("fargate", out.fargate);
    m.read("ec2", out.ec2);
    read_optional_number(m, "ec2SpotDiscount", out.ec2_spot_discount, 0, 1);
    read_optional_number(m, "externalInstanceHour", out.external_instance_hour, 0, any_number);
  });
}

Scenario read_scenario(LoadContext& ctx, const YAML::Node& root) {
  Scenario s;
  s.where = SourceLocation{ctx.main_file(), 0, 0};
  if (!root.IsMap()) {
    ctx.error(root, FieldPath{}, "expected a map of sections (simulation, services, ...), got " + describe(root));
    return s;
  }
  MapReader m(ctx, root, FieldPath{});
  m.read("name", s.name);
  m.read("description", s.description);
  m.require("simulation", s.simulation);
  m.read("clusters", s.clusters);
  m.read("capacityProviders", s.capacity_providers);
  m.read("containerInstances", s.container_instances);
  m.read("taskDefinitions", s.task_definitions);
  m.read("services", s.services);
  m.read("targetGroups", s.target_groups);
  m.read("codeDeploy", s.code_deploy);
  m.read("behavior", s.behavior);
  m.read("workloads", s.workloads);
  m.read("faults", s.faults);
  m.read("timeline", s.timeline);
  m.read("prices", s.prices);
  m.finish();
  return s;
}

}  // namespace ecsim::detail
