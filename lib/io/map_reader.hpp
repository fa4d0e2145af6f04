#pragma once
// Private to the scenario reader (scenario_reader.cpp and read_*.cpp):
// MapReader, which reads one YAML map field by field, and the read_value
// overloads through which each object's reader reads its fields. Every
// overload is declared here, so a reader finds the others by overload
// whichever file defines them; each read_*.cpp defines one concept's.
#include "io/yaml_context.hpp"

#include <ecsim/model/enum_names.hpp>
#include <ecsim/model/scenario.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ecsim::detail {

/// "'text'", as messages quote names and values.
std::string in_quotes(std::string_view s);
/// s without leading and trailing blanks and tabs.
std::string trimmed(std::string_view s);
/// The name an ECS ARN stands for ("arn:...:cluster/prod" -> "prod",
/// "...:targetgroup/api-tg/73e2d6bc" -> "api-tg",
/// "...:task-definition/web:3" -> "web:3"); other text unchanged.
std::string arn_name(const std::string& text);
/// A whole decimal integer (an optional leading '+'), else nullopt.
std::optional<long long> parse_integer(std::string_view s);
/// A finite decimal number (an optional leading '+'), else nullopt.
std::optional<double> parse_number(std::string_view s);
/// True for a scalar; otherwise records "expected <what>, got ...".
bool expect_scalar(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::string_view what);

/// Upper bounds for MapReader's range reads that mean "no upper bound".
inline constexpr long long no_limit = std::numeric_limits<long long>::max();
inline constexpr double any_number = std::numeric_limits<double>::max();

/// Reads one map: hands out its fields by key, then reports keys nobody asked
/// for (with did-you-mean), keys that are parsed but not simulated yet, and
/// duplicates.
class MapReader {
 public:
  MapReader(LoadContext& ctx, const YAML::Node& node, FieldPath path);

  bool ok() const { return ok_; }
  LoadContext& ctx() { return ctx_; }
  const FieldPath& path() const { return path_; }
  FieldPath child(std::string_view key) const { return path_.child(key); }
  SourceLocation where() const { return ctx_.locate(node_); }
  const YAML::Node& node() const { return node_; }

  /// The value of `key`, or nullptr when absent or written without a value.
  const YAML::Node* find(std::string_view key);

  bool has(std::string_view key) { return find(key) != nullptr; }

  /// Reads `key` into out when present; false when absent or wrong.
  template <class T>
  bool read(std::string_view key, T& out);

  /// As read(), but a missing key is an error.
  template <class T>
  bool require(std::string_view key, T& out) {
    return ok_ && present(key) && read(key, out);
  }

  /// Reads an integer within [lo, hi].
  bool read_int(std::string_view key, int& out, long long lo, long long hi, std::string_view unit = "");
  /// Reads an optional integer within [lo, hi].
  bool read_int(std::string_view key, std::optional<int>& out, long long lo, long long hi);
  /// Reads a number within [lo, hi].
  bool read_number(std::string_view key, double& out, double lo, double hi);
  /// Reads an ECS field given in whole seconds within [lo, hi].
  bool read_seconds(std::string_view key, Millis& out, long long lo, long long hi);
  /// Reads an optional ECS field given in whole seconds within [lo, hi].
  bool read_seconds(std::string_view key, std::optional<Millis>& out, long long lo, long long hi);
  /// Reads an ECS field given in whole minutes within [lo, hi].
  bool read_minutes(std::string_view key, Millis& out, long long lo, long long hi);
  /// Reads a name that may also be written as an ECS ARN.
  bool read_reference(std::string_view key, std::string& out);
  /// As read_int(), read_number() and read_reference(), but a missing key is an error.
  bool require_int(std::string_view key, int& out, long long lo, long long hi);
  bool require_number(std::string_view key, double& out, double lo, double hi);
  bool require_reference(std::string_view key, std::string& out);

  /// Records "missing required field".
  void missing(std::string_view key);

  /// An error about the value of `key` (at the value) or the map itself.
  void error_at(std::string_view key, std::string message);

  /// Reports unknown, not-simulated and ignored keys. Call once, after all reads.
  void finish();

 private:
  /// True when `key` has a value; otherwise records it missing.
  bool present(std::string_view key);

  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  LoadContext& ctx_;
  YAML::Node node_;
  FieldPath path_;
  bool ok_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string_view> known_;
};

// ------------------------------------------------------------------ value readers
// Each reads one node into a model value, records what is wrong and returns
// false if anything was. Scalars, lists and maps: map_reader.cpp.

bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::string&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, int&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::uint64_t&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, double&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, bool&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, Millis&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::vector<std::string>&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::map<std::string, std::string>&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::map<std::string, double>&);
// scenario_reader.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, SimulationSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, FaultSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TimelineEntry&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PriceOverrides&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, FargatePriceOverride&);
// read_capacity.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ClusterSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CapacityProviderStrategyItem&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CapacityProviderSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingGroupProvider&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ManagedScaling&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingGroupSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ContainerInstanceSpec&);
// read_task_definitions.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TaskDefinition&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, RuntimePlatform&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, EphemeralStorage&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ContainerDefinition&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PortMapping&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, HealthCheck&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ContainerDependency&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ResourceRequirement&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PlacementStrategySpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PlacementConstraintSpec&);
// read_services.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ServiceSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentController&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentCircuitBreaker&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentAlarms&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LinearConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CanaryConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LifecycleHook&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadBalancer&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AdvancedConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ServiceRegistry&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TargetGroupSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CodeDeploySpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TrafficRoutingConfig&);
/// Reads launchType and capacityProviderStrategy (a service's or RunTask's),
/// which ECS refuses together.
void read_launch_type_or_strategy(MapReader& m, std::optional<LaunchType>& launch_type,
                                  std::vector<CapacityProviderStrategyItem>& strategy);
// read_autoscaling.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScalingPolicy&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScheduledActionSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TargetTrackingScalingPolicyConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PredefinedMetricSpecification&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, StepScalingPolicyConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, StepAdjustment&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScalingAlarm&);
// read_workloads.cpp
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, BehaviorSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DurationDistribution&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, WorkloadSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadModel&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadPoint&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DiurnalLoad&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadNoise&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, WeeklyPattern&);

/// Reads the CSV file m's `csv` field names (resolved like any included
/// file) as a `time_s,value` load trace into out; file_name gets the name
/// users see. Problems are reported at the file's rows. read_workloads.cpp.
void read_csv_trace_field(MapReader& m, std::string& file_name, std::vector<LoadPoint>& out);
/// As read_csv_trace_field, for a CSV whose header names a `time_s` column
/// (Spot interruption times). read_workloads.cpp.
void read_csv_times_field(MapReader& m, std::string& file_name, std::vector<Millis>& out);

/// Records why `n` is none of `names`: not a scalar, or an unknown value (with
/// did-you-mean). Kept out of the enum template so each enum adds little code.
void enum_error(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::span<const std::string_view> names);

/// ECS enums: the exact ECS spelling, with did-you-mean.
template <class E>
requires std::is_enum_v<E>
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, E& out) {
  if (n.IsScalar()) {
    if (const auto v = enum_from_name<E>(n.Scalar())) {
      out = *v;
      return true;
    }
  }
  enum_error(ctx, n, p, enum_names(E{}));
  return false;
}

/// The path segment of a list's items, and how they are named: by the list
/// key's name field (list_item_name_key), else by index.
std::string_view item_name_key(const FieldPath& list);
/// The name a list item goes by in paths: its name field, else its index.
std::string item_name(const YAML::Node& item, std::string_view name_key, std::size_t index);
/// Records "expected a list" unless n is one.
bool expect_list(LoadContext& ctx, const YAML::Node& n, const FieldPath& p);

template <class T>
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::vector<T>& out) {
  if (!expect_list(ctx, n, p)) return false;
  const std::string_view name_key = item_name_key(p);
  bool ok = true;
  std::size_t index = 0;
  for (auto it = n.begin(); it != n.end(); ++it, ++index) {
    const YAML::Node item = *it;
    LoadContext::FileScope scope(ctx, item);
    T value{};
    ok = read_value(ctx, item, p.item(item_name(item, name_key, index)), value) && ok;
    out.push_back(std::move(value));
  }
  return ok;
}

template <class T>
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::optional<T>& out) {
  T value{};
  const bool ok = read_value(ctx, n, p, value);
  out = std::move(value);
  return ok;
}

/// Reads the map n into out: records where it is, lets fields(m) read its
/// fields, then reports the keys nobody read. False when n is not a map.
template <class T, class Fields>
bool read_map(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, T& out, Fields fields) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  fields(m);
  m.finish();
  return true;
}

template <class T>
bool MapReader::read(std::string_view key, T& out) {
  if (!ok_) return false;
  const YAML::Node* n = find(key);
  if (!n) return false;
  LoadContext::FileScope scope(ctx_, *n);
  return read_value(ctx_, *n, child(key), out);
}

}  // namespace ecsim::detail
