// Readers of task definitions, their containers (ports, health checks,
// dependencies, resources) and placement strategies and constraints.
#include "io/map_reader.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/platform.hpp>

namespace ecsim::detail {
namespace {

/// Reads a scalar through one of the model's parsers (task cpu, OS family...),
/// reporting its InputError at the value.
template <class T, class Parse>
bool read_parsed(MapReader& m, std::string_view key, T& out, Parse parse) {
  const YAML::Node* n = m.find(key);
  if (!n) return false;
  LoadContext::FileScope scope(m.ctx(), *n);
  if (!expect_scalar(m.ctx(), *n, m.child(key), "a string")) return false;
  try {
    out = parse(n->Scalar());
    return true;
  } catch (const InputError& e) {
    m.ctx().error(*n, m.child(key), e.what());
    return false;
  }
}

}  // namespace

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PortMapping& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_int("containerPort", out.container_port, 1, 65'535);
    m.read_int("hostPort", out.host_port, 0, 65'535);
    m.read("protocol", out.protocol);
    m.read("name", out.name);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, HealthCheck& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    // ECS: interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s (ecs-facts.md §1.3).
    if (m.require("command", out.command) && out.command.empty()) m.error_at("command", "must not be empty");
    m.read_seconds("interval", out.interval, 5, 300);
    m.read_seconds("timeout", out.timeout, 2, 60);
    m.read_int("retries", out.retries, 1, 10);
    m.read_seconds("startPeriod", out.start_period, 0, 300);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerDependency& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("containerName", out.container_name);
    m.require("condition", out.condition);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ResourceRequirement& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("type", out.type);
    if (m.require("value", out.value) && out.type == ResourceType::gpu) {
      const auto count = parse_integer(trimmed(out.value));
      if (!count || *count < 1)
        m.error_at("value", "a GPU count must be a whole number of at least 1, got " + in_quotes(out.value));
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerDefinition& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("name", out.name);
    m.require("image", out.image);
    m.read_int("cpu", out.cpu, 0, no_limit, "CPU units");
    m.read_int("memory", out.memory, 1, no_limit);
    m.read_int("memoryReservation", out.memory_reservation, 1, no_limit);
    m.read("essential", out.essential);
    m.read("portMappings", out.port_mappings);
    m.read("healthCheck", out.health_check);
    m.read("dependsOn", out.depends_on);
    // ECS: Fargate allows 2-120 s (ecs-facts.md §1.2); EC2 has no documented cap.
    m.read_seconds("stopTimeout", out.stop_timeout, 0, no_limit);
    m.read_seconds("startTimeout", out.start_timeout, 0, no_limit);
    m.read("resourceRequirements", out.resource_requirements);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, RuntimePlatform& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    read_parsed(m, "cpuArchitecture", out.cpu_architecture, parse_cpu_architecture);
    read_parsed(m, "operatingSystemFamily", out.operating_system_family, parse_os_family);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, EphemeralStorage& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    if (m.require("sizeInGiB", out.size_in_gib)) {
      try {
        validate_ephemeral_storage(out.size_in_gib);
      } catch (const InputError& e) {
        m.error_at("sizeInGiB", e.what());
      }
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PlacementStrategySpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("type", out.type);
    m.read("field", out.field);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PlacementConstraintSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("type", out.type);
    m.read("expression", out.expression);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TaskDefinition& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("family", out.family);
    m.read_int("revision", out.revision, 1, no_limit);
    m.read("networkMode", out.network_mode);
    m.read("requiresCompatibilities", out.requires_compatibilities);
    read_parsed(m, "cpu", out.cpu, parse_task_cpu);
    read_parsed(m, "memory", out.memory, parse_task_memory);
    m.read("runtimePlatform", out.runtime_platform);
    m.read("ephemeralStorage", out.ephemeral_storage);
    m.read("placementConstraints", out.placement_constraints);
    if (m.require("containerDefinitions", out.container_definitions) && out.container_definitions.empty())
      m.error_at("containerDefinitions", "a task definition needs at least one container");
  });
}

}  // namespace ecsim::detail
