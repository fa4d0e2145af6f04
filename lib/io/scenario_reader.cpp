// Reads the scenario node tree into model values, one reader per ECS object.
// Every reader records what is wrong and keeps going, so a user sees all
// problems of a file at once.
#include "io/scenario_reader.hpp"

#include "io/field_tables.hpp"

#include <ecsim/autoscaling/schedule_expression.hpp>
#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/model/enum_names.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/platform.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace ecsim::detail {
namespace {

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

/// Shortest text that reads back as v ("0.1", "100").
std::string fmt_number(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string last_segment(const std::string& pattern) {
  const std::size_t dot = pattern.rfind('.');
  return dot == std::string::npos ? pattern : pattern.substr(dot + 1);
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

/// The name an ECS ARN stands for ("arn:...:cluster/prod" -> "prod",
/// "...:targetgroup/api-tg/73e2d6bc" -> "api-tg",
/// "...:task-definition/web:3" -> "web:3"); other text unchanged.
std::string arn_name(const std::string& text) {
  if (text.rfind("arn:", 0) != 0) return text;
  std::size_t pos = 0;
  for (int i = 0; i < 5 && pos != std::string::npos; ++i) pos = text.find(':', pos + 1);
  if (pos == std::string::npos) return text;
  const std::string resource = text.substr(pos + 1);
  const std::size_t slash = resource.find('/');
  if (slash == std::string::npos) return resource;
  const std::string type = resource.substr(0, slash);
  const std::string rest = resource.substr(slash + 1);
  if (type == "targetgroup") return rest.substr(0, rest.find('/'));
  if (type == "service") return rest.substr(rest.rfind('/') + 1);
  return rest;
}

// ------------------------------------------------------------------ maps

/// Reads one map: hands out its fields by key, then reports keys nobody asked
/// for (with did-you-mean), keys that are parsed but not simulated yet, and
/// duplicates.
class MapReader {
 public:
  MapReader(LoadContext& ctx, const YAML::Node& node, FieldPath path) : ctx_(ctx), path_(std::move(path)) {
    node_.reset(node);
    if (!node.IsMap()) {
      ctx.error(node, path_, "expected a map, got " + describe(node));
      return;
    }
    ok_ = true;
    ctx.remember_object(node);
    for (auto it = node.begin(); it != node.end(); ++it) {
      Entry e{it->first.IsScalar() ? it->first.Scalar() : std::string(), it->first, it->second};
      bool duplicate = false;
      for (const Entry& prior : entries_) {
        if (prior.key == e.key) {
          const SourceLocation first = ctx.locate(prior.key_node);
          ctx.error(e.key_node, path_.child(e.key),
                    "field " + in_quotes(e.key) + " appears twice (first on line " + std::to_string(first.line) + ")");
          duplicate = true;
        }
      }
      if (!duplicate) entries_.push_back(std::move(e));
    }
  }

  bool ok() const { return ok_; }
  LoadContext& ctx() { return ctx_; }
  const FieldPath& path() const { return path_; }
  FieldPath child(std::string_view key) const { return path_.child(key); }
  SourceLocation where() const { return ctx_.locate(node_); }
  const YAML::Node& node() const { return node_; }

  /// The value of `key`, or nullptr when absent or written without a value.
  const YAML::Node* find(std::string_view key) {
    known_.push_back(key);
    for (const Entry& e : entries_)
      if (e.key == key) return e.value.IsNull() ? nullptr : &e.value;
    return nullptr;
  }

  bool has(std::string_view key) { return find(key) != nullptr; }

  /// Reads `key` into out when present; false when absent or wrong.
  template <class T>
  bool read(std::string_view key, T& out);

  /// As read(), but a missing key is an error.
  template <class T>
  bool require(std::string_view key, T& out) {
    if (!ok_) return false;
    if (!has(key)) {
      missing(key);
      return false;
    }
    return read(key, out);
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
  bool read_seconds(std::string_view key, std::optional<Millis>& out, long long lo, long long hi) {
    Millis v{0};
    if (!read_seconds(key, v, lo, hi)) return false;
    out = v;
    return true;
  }
  /// Reads an ECS field given in whole minutes within [lo, hi].
  bool read_minutes(std::string_view key, Millis& out, long long lo, long long hi);
  /// Reads a name that may also be written as an ECS ARN.
  bool read_reference(std::string_view key, std::string& out);

  /// Records "missing required field".
  void missing(std::string_view key) { ctx_.error(node_, path_, "missing required field " + in_quotes(key)); }

  /// An error about the value of `key` (at the value) or the map itself.
  void error_at(std::string_view key, std::string message) {
    for (const Entry& e : entries_) {
      if (e.key == key) {
        ctx_.error(e.value, path_.child(key), std::move(message));
        return;
      }
    }
    ctx_.error(node_, path_, std::move(message));
  }

  /// Reports unknown, not-simulated and ignored keys. Call once, after all reads.
  void finish() {
    if (!ok_) return;
    for (const Entry& e : entries_) {
      const FieldPath p = path_.child(e.key);
      if (is_not_simulated(p.pattern)) {
        const bool empty = (e.value.IsSequence() || e.value.IsMap()) && e.value.size() == 0;
        if (!empty) ctx_.warn(e.key_node, p, "parsed but not simulated yet; it has no effect on this run");
        continue;
      }
      if (std::find(known_.begin(), known_.end(), e.key) != known_.end()) {
        if (e.value.IsScalar() && is_not_simulated(p.pattern + "=" + e.value.Scalar()))
          ctx_.warn(e.value, p,
                    in_quotes(e.value.Scalar()) + " is parsed but not simulated yet; it has no effect on this run");
        continue;
      }
      if (is_accepted_and_ignored(p.pattern)) continue;
      std::vector<std::string_view> candidates = known_;
      const std::string prefix = path_.pattern.empty() ? "" : path_.pattern + ".";
      for (std::string_view f : accepted_and_ignored_fields())
        if (f.starts_with(prefix) && f.substr(prefix.size()).find('.') == std::string_view::npos)
          candidates.push_back(f.substr(prefix.size()));
      std::string message = "unknown field " + in_quotes(e.key);
      if (const auto near = closest_match(e.key, std::span<const std::string_view>(candidates)))
        message += "; did you mean " + in_quotes(*near) + "?";
      ctx_.error(e.key_node, p, message);
    }
  }

 private:
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
// Declared up front: the list and optional templates below call them.

bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::string&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, int&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::uint64_t&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, double&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, bool&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, Millis&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::vector<std::string>&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::map<std::string, std::string>&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, std::map<std::string, double>&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, SimulationSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ClusterSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CapacityProviderStrategyItem&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CapacityProviderSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingGroupProvider&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ManagedScaling&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingGroupSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ContainerInstanceSpec&);
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
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ServiceSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentController&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentCircuitBreaker&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DeploymentAlarms&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LinearConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CanaryConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LifecycleHook&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TrafficRoutingConfig&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AdvancedConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadBalancer&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ServiceRegistry&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, AutoScalingSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScalingPolicy&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScheduledActionSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TargetTrackingScalingPolicyConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PredefinedMetricSpecification&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, StepScalingPolicyConfiguration&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, StepAdjustment&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, ScalingAlarm&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TargetGroupSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, CodeDeploySpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, BehaviorSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DurationDistribution&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadNoise&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, WeeklyPattern&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, WorkloadSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadModel&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, LoadPoint&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, DiurnalLoad&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, FaultSpec&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, TimelineEntry&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, PriceOverrides&);
bool read_value(LoadContext&, const YAML::Node&, const FieldPath&, FargatePriceOverride&);

/// ECS enums: the exact ECS spelling, with did-you-mean.
template <class E>
requires std::is_enum_v<E>
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, E& out) {
  if (!n.IsScalar()) {
    ctx.error(
        n, p,
        "expected one of " +
            [] {
              std::string all;
              for (std::string_view name : enum_names(E{})) all += (all.empty() ? "" : ", ") + std::string(name);
              return all;
            }() +
            ", got " + describe(n));
    return false;
  }
  if (const auto v = enum_from_name<E>(n.Scalar())) {
    out = *v;
    return true;
  }
  const auto names = enum_names(E{});
  std::string message = "unknown value " + in_quotes(n.Scalar());
  if (const auto near = closest_match(n.Scalar(), names)) {
    message += "; did you mean " + in_quotes(*near) + "?";
  } else {
    message += "; expected one of ";
    for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + std::string(names[i]);
  }
  ctx.error(n, p, message);
  return false;
}

/// The name a list item goes by in paths: its name field, else its index.
std::string item_name(const YAML::Node& item, std::string_view name_key, std::size_t index) {
  if (!name_key.empty() && item.IsMap()) {
    for (auto it = item.begin(); it != item.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == name_key && it->second.IsScalar() &&
          !it->second.Scalar().empty())
        return arn_name(it->second.Scalar());
    }
  }
  return std::to_string(index);
}

template <class T>
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::vector<T>& out) {
  if (!n.IsSequence()) {
    ctx.error(n, p, "expected a list, got " + describe(n));
    return false;
  }
  const std::string_view name_key = list_item_name_key(last_segment(p.pattern));
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

template <class T>
bool MapReader::read(std::string_view key, T& out) {
  if (!ok_) return false;
  const YAML::Node* n = find(key);
  if (!n) return false;
  LoadContext::FileScope scope(ctx_, *n);
  return read_value(ctx_, *n, child(key), out);
}

// ------------------------------------------------------------------ scalars

bool expect_scalar(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::string_view what) {
  if (n.IsScalar()) return true;
  ctx.error(n, p, "expected " + std::string(what) + ", got " + describe(n));
  return false;
}

std::optional<long long> parse_integer(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::string& out) {
  if (!expect_scalar(ctx, n, p, "a string")) return false;
  out = n.Scalar();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, int& out) {
  if (!expect_scalar(ctx, n, p, "an integer")) return false;
  const auto v = parse_integer(trimmed(n.Scalar()));
  if (!v) {
    ctx.error(n, p, "expected an integer, got " + describe(n));
    return false;
  }
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    ctx.error(n, p, "the integer " + n.Scalar() + " is too large");
    return false;
  }
  out = static_cast<int>(*v);
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::uint64_t& out) {
  if (!expect_scalar(ctx, n, p, "a non-negative integer")) return false;
  const std::string s = trimmed(n.Scalar());
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    ctx.error(n, p, "expected a non-negative integer, got " + describe(n));
    return false;
  }
  out = v;
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, double& out) {
  if (!expect_scalar(ctx, n, p, "a number")) return false;
  const auto v = parse_number(trimmed(n.Scalar()));
  if (!v) {
    ctx.error(n, p, "expected a number, got " + describe(n));
    return false;
  }
  out = *v;
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, bool& out) {
  if (!expect_scalar(ctx, n, p, "true or false")) return false;
  const std::string& s = n.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") {
    out = true;
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    out = false;
    return true;
  }
  ctx.error(n, p, "expected true or false, got " + describe(n));
  return false;
}

/// ecsim durations: "90s", "1h30m", or integer seconds.
bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, Millis& out) {
  if (!expect_scalar(ctx, n, p, "a duration such as \"90s\"")) return false;
  try {
    out = parse_duration(n.Scalar());
    return true;
  } catch (const InputError& e) {
    ctx.error(n, p, e.what());
    return false;
  }
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::vector<std::string>& out) {
  if (!n.IsSequence()) {
    ctx.error(n, p, "expected a list, got " + describe(n));
    return false;
  }
  bool ok = true;
  std::size_t index = 0;
  for (auto it = n.begin(); it != n.end(); ++it, ++index) {
    std::string s;
    ok = read_value(ctx, *it, p.item(std::to_string(index)), s) && ok;
    out.push_back(std::move(s));
  }
  return ok;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::map<std::string, std::string>& out) {
  if (!n.IsMap()) {
    ctx.error(n, p, "expected a map, got " + describe(n));
    return false;
  }
  bool ok = true;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string key, value;
    ok = read_value(ctx, it->first, p, key) && ok;
    ok = read_value(ctx, it->second, p.child(key), value) && ok;
    out[key] = value;
  }
  return ok;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::map<std::string, double>& out) {
  if (!n.IsMap()) {
    ctx.error(n, p, "expected a map, got " + describe(n));
    return false;
  }
  bool ok = true;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string key;
    double value = 0;
    ok = read_value(ctx, it->first, p, key) && ok;
    const FieldPath vp = p.child(key);
    if (read_value(ctx, it->second, vp, value)) {
      if (value < 0) {
        ctx.error(it->second, vp, "must be at least 0, got " + it->second.Scalar());
        ok = false;
      }
      out[key] = value;
    } else {
      ok = false;
    }
  }
  return ok;
}

std::string range_text(long long lo, long long hi, std::string_view unit) {
  const std::string u = unit.empty() ? "" : " " + std::string(unit);
  if (hi == std::numeric_limits<long long>::max()) return "must be at least " + std::to_string(lo) + u;
  return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + u;
}

constexpr long long no_limit = std::numeric_limits<long long>::max();

bool MapReader::read_int(std::string_view key, int& out, long long lo, long long hi, std::string_view unit) {
  int v = 0;
  if (!read(key, v)) return false;
  if (v < lo || v > hi) {
    error_at(key, range_text(lo, hi, unit) + ", got " + std::to_string(v));
    return false;
  }
  out = v;
  return true;
}

bool MapReader::read_int(std::string_view key, std::optional<int>& out, long long lo, long long hi) {
  int v = 0;
  if (!read_int(key, v, lo, hi)) return false;
  out = v;
  return true;
}

bool MapReader::read_number(std::string_view key, double& out, double lo, double hi) {
  double v = 0;
  if (!read(key, v)) return false;
  if (v < lo || v > hi) {
    std::string range = hi == std::numeric_limits<double>::max()
                            ? "must be at least " + fmt_number(lo)
                            : "must be between " + fmt_number(lo) + " and " + fmt_number(hi);
    error_at(key, range + ", got " + find(key)->Scalar());
    return false;
  }
  out = v;
  return true;
}

bool MapReader::read_seconds(std::string_view key, Millis& out, long long lo, long long hi) {
  int v = 0;
  if (!read_int(key, v, lo, hi, "seconds")) return false;
  out = Millis{static_cast<std::int64_t>(v) * 1000};
  return true;
}

bool MapReader::read_minutes(std::string_view key, Millis& out, long long lo, long long hi) {
  int v = 0;
  if (!read_int(key, v, lo, hi, "minutes")) return false;
  out = Millis{static_cast<std::int64_t>(v) * 60'000};
  return true;
}

bool MapReader::read_reference(std::string_view key, std::string& out) {
  std::string v;
  if (!read(key, v)) return false;
  out = arn_name(v);
  return true;
}

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

bool read_optional_number(MapReader& m, std::string_view key, std::optional<double>& out, double lo, double hi) {
  double v = 0;
  if (!m.read_number(key, v, lo, hi)) return false;
  out = v;
  return true;
}

constexpr double any_number = std::numeric_limits<double>::max();

// ------------------------------------------------------------------ simulation, clusters, capacity

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, SimulationSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (m.require("duration", out.duration) && out.duration <= Millis{0})
    m.error_at("duration", "must be longer than 0s");
  m.read("seed", out.seed);
  m.read("region", out.region);
  if (m.read("metricsInterval", out.metrics_interval) && out.metrics_interval < Millis{1000})
    m.error_at("metricsInterval", "must be at least 1s");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CapacityProviderStrategyItem& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS: base 0-100000, weight 0-1000 (ecs-facts.md §7.1).
  m.require("capacityProvider", out.capacity_provider);
  m.read_int("base", out.base, 0, 100'000);
  m.read_int("weight", out.weight, 0, 1000);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ClusterSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("clusterName", out.cluster_name);
  m.read("availabilityZones", out.availability_zones);
  m.read("capacityProviders", out.capacity_providers);
  m.read("defaultCapacityProviderStrategy", out.default_capacity_provider_strategy);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ManagedScaling& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS ranges: ecs-facts.md §7.2.
  m.read("status", out.status);
  m.read_int("targetCapacity", out.target_capacity, 1, 100, "percent");
  m.read_int("minimumScalingStepSize", out.minimum_scaling_step_size, 1, 10'000);
  m.read_int("maximumScalingStepSize", out.maximum_scaling_step_size, 1, 10'000);
  m.read_seconds("instanceWarmupPeriod", out.instance_warmup_period, 0, 10'000);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingGroupProvider& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read("autoScalingGroupArn", out.auto_scaling_group_arn);
  m.read("managedScaling", out.managed_scaling);
  m.read("managedTerminationProtection", out.managed_termination_protection);
  m.read("managedDraining", out.managed_draining);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingGroupSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // A group has one instanceType, or a mixed instances policy's list of them.
  if (m.has("instanceTypes")) {
    if (m.read("instanceTypes", out.instance_types) && out.instance_types.empty())
      m.error_at("instanceTypes", "needs at least one instance type");
    if (m.has("instanceType")) m.error_at("instanceType", "give instanceType or instanceTypes, not both");
  } else {
    m.require("instanceType", out.instance_type);
  }
  m.read_int("minSize", out.min_size, 0, no_limit);
  if (!m.has("maxSize"))
    m.missing("maxSize");
  else
    m.read_int("maxSize", out.max_size, 0, no_limit);
  m.read_int("desiredCapacity", out.desired_capacity, 0, no_limit);
  m.read("purchaseOption", out.purchase_option);
  m.read("launchTime", out.launch_time);
  m.read("availabilityZones", out.availability_zones);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CapacityProviderSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("name", out.name);
  m.read_reference("cluster", out.cluster);
  m.read("autoScalingGroupProvider", out.auto_scaling_group_provider);
  m.require("autoScalingGroup", out.auto_scaling_group);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerInstanceSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read_reference("cluster", out.cluster);
  m.read("external", out.external);
  // ECS: at most 5000 container instances per cluster (ecs-facts.md §12).
  m.read_int("count", out.count, 0, 5000);
  m.read("attributes", out.attributes);
  if (out.external) {
    // An ECS Anywhere server has no EC2 type or zone: its size is given.
    for (std::string_view f : {"instanceType", "availabilityZone", "purchaseOption"})
      if (m.has(f)) m.error_at(f, in_quotes(f) + " does not apply to external instances");
    if (!m.has("cpu")) m.missing("cpu");
    if (!m.has("memory")) m.missing("memory");
    m.read_int("cpu", out.cpu, 128, 10'000'000);
    m.read_int("memory", out.memory, 128, 100'000'000);
  } else {
    m.require("instanceType", out.instance_type);
    m.read("availabilityZone", out.availability_zone);
    m.read("purchaseOption", out.purchase_option);
    for (std::string_view f : {"cpu", "memory"})
      if (m.has(f))
        m.error_at(f, in_quotes(f) + " applies to external instances only (EC2 sizes come from instanceType)");
  }
  m.finish();
  return true;
}

// ------------------------------------------------------------------ task definitions

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PortMapping& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (!m.has("containerPort"))
    m.missing("containerPort");
  else
    m.read_int("containerPort", out.container_port, 1, 65'535);
  m.read_int("hostPort", out.host_port, 0, 65'535);
  m.read("protocol", out.protocol);
  m.read("name", out.name);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, HealthCheck& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS: interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s (ecs-facts.md §1.3).
  if (m.require("command", out.command) && out.command.empty()) m.error_at("command", "must not be empty");
  m.read_seconds("interval", out.interval, 5, 300);
  m.read_seconds("timeout", out.timeout, 2, 60);
  m.read_int("retries", out.retries, 1, 10);
  m.read_seconds("startPeriod", out.start_period, 0, 300);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerDependency& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("containerName", out.container_name);
  m.require("condition", out.condition);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ResourceRequirement& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("type", out.type);
  if (m.require("value", out.value) && out.type == ResourceType::gpu) {
    const auto count = parse_integer(trimmed(out.value));
    if (!count || *count < 1)
      m.error_at("value", "a GPU count must be a whole number of at least 1, got " + in_quotes(out.value));
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContainerDefinition& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
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
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, RuntimePlatform& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  read_parsed(m, "cpuArchitecture", out.cpu_architecture, parse_cpu_architecture);
  read_parsed(m, "operatingSystemFamily", out.operating_system_family, parse_os_family);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, EphemeralStorage& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (m.require("sizeInGiB", out.size_in_gib)) {
    try {
      validate_ephemeral_storage(out.size_in_gib);
    } catch (const InputError& e) {
      m.error_at("sizeInGiB", e.what());
    }
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PlacementStrategySpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("type", out.type);
  m.read("field", out.field);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PlacementConstraintSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("type", out.type);
  m.read("expression", out.expression);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TaskDefinition& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
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
  m.finish();
  return true;
}

// ------------------------------------------------------------------ services

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentController& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("type", out.type);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentCircuitBreaker& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("enable", out.enable);
  m.require("rollback", out.rollback);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentAlarms& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("alarmNames", out.alarm_names);
  m.require("enable", out.enable);
  m.require("rollback", out.rollback);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LinearConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS: stepPercent 3.0-100.0, stepBakeTimeInMinutes 0-1440 (ecs-facts.md §5.2).
  m.read_number("stepPercent", out.step_percent, 3.0, 100.0);
  m.read_minutes("stepBakeTimeInMinutes", out.step_bake_time, 0, 1440);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CanaryConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS: canaryPercent 0.1-100.0, canaryBakeTimeInMinutes 0-1440 (ecs-facts.md §5.2).
  m.read_number("canaryPercent", out.canary_percent, 0.1, 100.0);
  m.read_minutes("canaryBakeTimeInMinutes", out.canary_bake_time, 0, 1440);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeploymentConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ECS: minimumHealthyPercent 0-100; maximumPercent >= 100 for REPLICA is
  // checked with the service, which knows its schedulingStrategy.
  m.read_int("minimumHealthyPercent", out.minimum_healthy_percent, 0, 100);
  m.read_int("maximumPercent", out.maximum_percent, 0, no_limit);
  m.read("deploymentCircuitBreaker", out.deployment_circuit_breaker);
  m.read("alarms", out.alarms);
  m.read("strategy", out.strategy);
  // ECS: bake time up to 1440 minutes (ecs-facts.md §13 bake_time_max_min).
  m.read_minutes("bakeTimeInMinutes", out.bake_time, 0, 1440);
  m.read("linearConfiguration", out.linear_configuration);
  m.read("canaryConfiguration", out.canary_configuration);
  m.read("lifecycleHooks", out.lifecycle_hooks);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LifecycleHook& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read("hookTargetArn", out.hook_target_arn);
  m.read("roleArn", out.role_arn);
  m.require("lifecycleStages", out.lifecycle_stages);
  if (const YAML::Node* t = m.find("timeoutConfiguration")) {
    MapReader tc(ctx, *t, m.child("timeoutConfiguration"));
    if (tc.ok()) {
      // ECS: timeoutInMinutes 1-20160, default 1440; action default ROLLBACK.
      tc.read_minutes("timeoutInMinutes", out.timeout, 1, 20'160);
      tc.read("action", out.timeout_action);
      tc.finish();
    }
  }
  m.find("hookDetails");  // passed to the Lambda; nothing for ecsim to read
  m.find("targetType");
  m.read("duration", out.duration);
  m.read("result", out.result);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AdvancedConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (!m.has("alternateTargetGroupArn")) m.missing("alternateTargetGroupArn");
  m.read_reference("alternateTargetGroupArn", out.alternate_target_group_arn);
  m.read("productionListenerRule", out.production_listener_rule);
  m.read("testListenerRule", out.test_listener_rule);
  m.read("roleArn", out.role_arn);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadBalancer& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read_reference("targetGroupArn", out.target_group_arn);
  m.read("loadBalancerName", out.load_balancer_name);
  if (!m.has("targetGroupArn") && !m.has("loadBalancerName")) m.missing("targetGroupArn");
  m.require("containerName", out.container_name);
  if (!m.has("containerPort"))
    m.missing("containerPort");
  else
    m.read_int("containerPort", out.container_port, 1, 65'535);
  m.read("advancedConfiguration", out.advanced_configuration);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ServiceRegistry& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read("registryArn", out.registry_arn);
  m.read_int("port", out.port, 1, 65'535);
  m.read("containerName", out.container_name);
  m.read_int("containerPort", out.container_port, 1, 65'535);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PredefinedMetricSpecification& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("PredefinedMetricType", out.predefined_metric_type);
  m.read("ResourceLabel", out.resource_label);
  if (out.predefined_metric_type == PredefinedMetricType::alb_request_count_per_target && !m.has("ResourceLabel"))
    m.error_at("PredefinedMetricType", "ALBRequestCountPerTarget needs a ResourceLabel naming the target group");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p,
                TargetTrackingScalingPolicyConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (m.has("TargetValue"))
    m.read_number("TargetValue", out.target_value, std::numeric_limits<double>::min(), any_number);
  else
    m.missing("TargetValue");
  out.customized_metric = m.has("CustomizedMetricSpecification");
  if (!out.customized_metric)
    m.require("PredefinedMetricSpecification", out.predefined_metric_specification);
  else
    m.read("PredefinedMetricSpecification", out.predefined_metric_specification);
  m.read_seconds("ScaleOutCooldown", out.scale_out_cooldown, 0, no_limit);
  m.read_seconds("ScaleInCooldown", out.scale_in_cooldown, 0, no_limit);
  m.read("DisableScaleIn", out.disable_scale_in);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, StepAdjustment& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  double v = 0;
  if (m.read("MetricIntervalLowerBound", v)) out.metric_interval_lower_bound = v;
  if (m.read("MetricIntervalUpperBound", v)) out.metric_interval_upper_bound = v;
  m.require("ScalingAdjustment", out.scaling_adjustment);
  if (out.metric_interval_lower_bound && out.metric_interval_upper_bound &&
      *out.metric_interval_lower_bound >= *out.metric_interval_upper_bound)
    m.error_at("MetricIntervalUpperBound", "must be above MetricIntervalLowerBound");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, StepScalingPolicyConfiguration& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("AdjustmentType", out.adjustment_type);
  if (m.require("StepAdjustments", out.step_adjustments) && out.step_adjustments.empty())
    m.error_at("StepAdjustments", "needs at least one step");
  m.read_seconds("Cooldown", out.cooldown, 0, no_limit);
  m.read("MetricAggregationType", out.metric_aggregation_type);
  m.read_int("MinAdjustmentMagnitude", out.min_adjustment_magnitude, 1, no_limit);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScalingAlarm& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read("MetricName", out.metric_name);
  m.require("ComparisonOperator", out.comparison_operator);
  m.require("Threshold", out.threshold);
  m.read_int("EvaluationPeriods", out.evaluation_periods, 1, no_limit);
  m.read_int("DatapointsToAlarm", out.datapoints_to_alarm, 1, no_limit);
  if (out.datapoints_to_alarm && *out.datapoints_to_alarm > out.evaluation_periods)
    m.error_at("DatapointsToAlarm",
               "must not exceed EvaluationPeriods (" + std::to_string(out.evaluation_periods) + ")");
  m.read_seconds("Period", out.period, 10, no_limit);
  // ECS service metrics are one-minute metrics: an alarm period is a whole number of minutes.
  if (out.period.count() % 60'000 != 0)
    m.error_at("Period", "ECS service metrics have one-minute datapoints; use a multiple of 60 seconds");
  m.read("Statistic", out.statistic);
  m.read("AlarmName", out.alarm_name);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScalingPolicy& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("policyName", out.policy_name);
  const bool tt = m.has("targetTrackingScalingPolicyConfiguration");
  const bool step = m.has("stepScalingPolicyConfiguration");
  if (m.has("policyType"))
    m.read("policyType", out.policy_type);
  else if (tt != step)  // the configuration given says which kind it is
    out.policy_type = tt ? ScalingPolicyType::target_tracking_scaling : ScalingPolicyType::step_scaling;
  else
    m.missing("policyType");
  m.read("targetTrackingScalingPolicyConfiguration", out.target_tracking_scaling_policy_configuration);
  m.read("stepScalingPolicyConfiguration", out.step_scaling_policy_configuration);
  m.read("alarm", out.alarm);
  if (out.policy_type == ScalingPolicyType::target_tracking_scaling && !tt)
    m.missing("targetTrackingScalingPolicyConfiguration");
  if (out.policy_type == ScalingPolicyType::step_scaling) {
    if (!step) m.missing("stepScalingPolicyConfiguration");
    // ecsim: AWS keeps the alarm in CloudWatch; a scenario writes it here.
    if (!m.has("alarm"))
      m.error_at("", "a StepScaling policy needs an 'alarm' (the CloudWatch alarm that triggers it)");
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, AutoScalingSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (!m.has("minCapacity"))
    m.missing("minCapacity");
  else
    m.read_int("minCapacity", out.min_capacity, 0, no_limit);
  if (!m.has("maxCapacity"))
    m.missing("maxCapacity");
  else
    m.read_int("maxCapacity", out.max_capacity, 0, no_limit);
  if (out.max_capacity < out.min_capacity)
    m.error_at("maxCapacity", "must be at least minCapacity (" + std::to_string(out.min_capacity) + ")");
  m.read("policies", out.policies);
  m.read("scheduledActions", out.scheduled_actions);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ScheduledActionSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("scheduledActionName", out.scheduled_action_name);
  if (m.require("schedule", out.schedule)) {
    std::string why;
    if (!parse_schedule(out.schedule, why)) m.error_at("schedule", why);
  }
  const YAML::Node* action = m.find("scalableTargetAction");
  if (!action) {
    m.missing("scalableTargetAction");
  } else {
    MapReader a(ctx, *action, m.child("scalableTargetAction"));
    if (a.ok()) {
      a.read_int("MinCapacity", out.min_capacity, 0, no_limit);
      a.read_int("MaxCapacity", out.max_capacity, 0, no_limit);
      if (!a.has("MinCapacity") && !a.has("MaxCapacity"))
        a.error_at("", "give MinCapacity, MaxCapacity or both");
      if (out.min_capacity && out.max_capacity && *out.max_capacity < *out.min_capacity)
        a.error_at("MaxCapacity", "must be at least MinCapacity (" + std::to_string(*out.min_capacity) + ")");
      a.finish();
    }
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ServiceSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("serviceName", out.service_name);
  m.read_reference("clusterArn", out.cluster);  // describe-services output names the cluster by ARN
  m.read_reference("cluster", out.cluster);
  m.require("taskDefinition", out.task_definition);
  out.task_definition = arn_name(out.task_definition);
  m.read_int("desiredCount", out.desired_count, 0, no_limit);
  m.read("launchType", out.launch_type);
  m.read("capacityProviderStrategy", out.capacity_provider_strategy);
  if (m.has("launchType") && !out.capacity_provider_strategy.empty())
    m.error_at("launchType", "launchType and capacityProviderStrategy cannot both be set; ECS rejects that");
  m.read("schedulingStrategy", out.scheduling_strategy);
  m.read("deploymentController", out.deployment_controller);
  m.read("deploymentConfiguration", out.deployment_configuration);
  // ECS: healthCheckGracePeriodSeconds 0-2147483647 (ecs-facts.md §1.4).
  m.read_seconds("healthCheckGracePeriodSeconds", out.health_check_grace_period, 0, 2'147'483'647);
  m.read("loadBalancers", out.load_balancers);
  m.read("serviceRegistries", out.service_registries);
  m.read("placementStrategy", out.placement_strategy);
  m.read("placementConstraints", out.placement_constraints);
  m.read("availabilityZoneRebalancing", out.availability_zone_rebalancing);
  m.read("autoScaling", out.auto_scaling);
  // ECS documents desiredCount as required for REPLICA services; starting at
  // 0 keeps such a scenario usable while saying so.
  if (!m.has("desiredCount") && out.scheduling_strategy == SchedulingStrategy::replica)
    ctx.warn(n, p, "desiredCount is not set; ECS requires it for REPLICA services, so ecsim starts with 0 tasks");
  m.finish();
  return true;
}

// ------------------------------------------------------------------ target groups, CodeDeploy

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TargetGroupSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  // ELB ranges: ecs-facts.md §11.
  m.require("name", out.name);
  m.read("protocol", out.protocol);
  m.read_int("port", out.port, 1, 65'535);
  m.read_seconds("healthCheckIntervalSeconds", out.health_check_interval, 5, 300);
  m.read_seconds("healthCheckTimeoutSeconds", out.health_check_timeout, 2, 120);
  m.read_int("healthyThresholdCount", out.healthy_threshold_count, 2, 10);
  m.read_int("unhealthyThresholdCount", out.unhealthy_threshold_count, 2, 10);
  m.read_seconds("deregistrationDelay", out.deregistration_delay, 0, 3600);
  if (m.read_seconds("slowStart", out.slow_start, 0, 900) && out.slow_start > Millis{0} &&
      out.slow_start < Millis{30'000})
    m.error_at("slowStart", "must be 0 (off) or between 30 and 900 seconds");
  if (out.health_check_timeout && *out.health_check_timeout >= out.health_check_interval)
    m.error_at("healthCheckTimeoutSeconds", "must be shorter than healthCheckIntervalSeconds (" +
                                                std::to_string(out.health_check_interval.count() / 1000) + ")");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, CodeDeploySpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("service", out.service);
  m.read("trafficRoutingConfig", out.traffic_routing_config);
  if (m.read("deploymentConfigName", out.deployment_config_name) && !out.traffic_routing_config) {
    const auto& names = code_deploy_config_names;
    if (std::find(std::begin(names), std::end(names), out.deployment_config_name) == std::end(names)) {
      std::string message = "unknown deployment configuration " + in_quotes(out.deployment_config_name);
      if (const auto near = closest_match(out.deployment_config_name, std::span<const std::string_view>(names)))
        message += "; did you mean " + in_quotes(*near) + "?";
      m.error_at("deploymentConfigName", message);
    }
  }
  // CodeDeploy: terminationWaitTimeInMinutes at most 2880 (ecs-facts.md §5.1).
  if (m.read("terminationWaitTime", out.termination_wait_time) && out.termination_wait_time > Millis{2880LL * 60'000})
    m.error_at("terminationWaitTime", "must be at most 2880m (2 days)");
  if (m.read("targetGroups", out.target_groups) && (out.target_groups.empty() || out.target_groups.size() > 2))
    m.error_at("targetGroups", "expected one or two target groups (blue, green)");
  for (std::string& tg : out.target_groups) tg = arn_name(tg);
  m.read("testTrafficTime", out.test_traffic_time);
  if (const YAML::Node* r = m.find("deploymentReadyOption")) {
    MapReader ro(ctx, *r, m.child("deploymentReadyOption"));
    if (ro.ok()) {
      out.deployment_ready_option.where = ro.where();
      ro.read("actionOnTimeout", out.deployment_ready_option.action_on_timeout);
      // CodeDeploy states no range; ecsim bounds it as terminationWaitTime (2 days).
      ro.read_minutes("waitTimeInMinutes", out.deployment_ready_option.wait_time, 0, 2880);
      ro.finish();
    }
  }
  if (const YAML::Node* a = m.find("alarmConfiguration")) {
    // CodeDeploy's alarmConfiguration: {enabled, alarms: [{name}]}.
    MapReader ac(ctx, *a, m.child("alarmConfiguration"));
    if (ac.ok()) {
      bool enabled = true;
      ac.read("enabled", enabled);
      ac.find("ignorePollAlarmFailure");
      if (const YAML::Node* list = ac.find("alarms"); list && list->IsSequence()) {
        std::size_t k = 0;
        for (auto it = list->begin(); it != list->end(); ++it, ++k) {
          MapReader alarm(ctx, *it, ac.child("alarms").item(std::to_string(k)));
          std::string name;
          if (alarm.ok() && alarm.require("name", name) && enabled) out.alarms.push_back(name);
          alarm.finish();
        }
      } else if (list) {
        ac.error_at("alarms", "expected a list of {name: ...}");
      }
      ac.finish();
    }
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TrafficRoutingConfig& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("type", out.type);
  // CodeDeploy: percentages are whole numbers 1-99 (canary) / 1-100 (linear); intervals in minutes.
  auto block = [&](std::string_view key, std::string_view percent_key, std::string_view interval_key, double max_pct) {
    const YAML::Node* b = m.find(key);
    if (!b) {
      m.error_at("", "type " + in_quotes(enum_name(out.type)) + " needs " + in_quotes(key));
      return;
    }
    MapReader tb(ctx, *b, m.child(key));
    if (!tb.ok()) return;
    tb.read_number(percent_key, out.percentage, 1, max_pct);
    tb.read_minutes(interval_key, out.interval, 1, 2880);
    tb.finish();
  };
  if (out.type == TrafficRoutingType::time_based_canary) block("timeBasedCanary", "canaryPercentage", "canaryInterval", 99);
  if (out.type == TrafficRoutingType::time_based_linear) block("timeBasedLinear", "linearPercentage", "linearInterval", 100);
  m.finish();
  return true;
}

// ------------------------------------------------------------------ behavior

struct DistributionFields {
  DistributionKind kind;
  std::string_view first, second;
};

constexpr DistributionFields distribution_fields[] = {
    {DistributionKind::fixed, "value", ""},       {DistributionKind::uniform, "min", "max"},
    {DistributionKind::normal, "mean", "stddev"}, {DistributionKind::lognormal, "median", "sigma"},
    {DistributionKind::exponential, "mean", ""},
};

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DurationDistribution& out) {
  if (n.IsScalar()) {  // `startup: 25s` is a fixed duration
    out = DurationDistribution{};
    out.where = ctx.locate(n);
    return read_value(ctx, n, p, out.value);
  }
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out = DurationDistribution{};
  out.where = m.where();
  if (!m.has("distribution")) m.missing("distribution");
  m.read("distribution", out.distribution);
  const DistributionFields& wanted = distribution_fields[static_cast<std::size_t>(out.distribution)];
  const std::string kind(enum_name(out.distribution));
  struct Field {
    std::string_view key;
    Millis* duration;
  };
  const Field fields[] = {{"value", &out.value},   {"min", &out.min},       {"max", &out.max}, {"mean", &out.mean},
                          {"stddev", &out.stddev}, {"median", &out.median}, {"sigma", nullptr}};
  for (const Field& f : fields) {
    const bool used = f.key == wanted.first || f.key == wanted.second;
    if (!used) {
      if (m.has(f.key)) m.error_at(f.key, in_quotes(f.key) + " does not apply to a " + kind + " distribution");
      continue;
    }
    if (!m.has(f.key)) {
      m.missing(f.key);
      continue;
    }
    if (f.duration)
      m.read(f.key, *f.duration);
    else
      m.read_number(f.key, out.sigma, 0, any_number);
  }
  if (out.distribution == DistributionKind::uniform && out.max < out.min) m.error_at("max", "must not be below min");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, BehaviorSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("taskDefinition", out.task_definition);
  m.read("imagePull", out.image_pull);
  m.read("startup", out.startup);
  m.read("shutdown", out.shutdown);
  m.read_number("requestsPerSecondPerTask", out.requests_per_second_per_task, 0, any_number);
  m.read_number("cpuUtilization", out.cpu_utilization, 0, 100);
  m.read_number("memoryUtilization", out.memory_utilization, 0, 100);
  if (m.has("memoryUtilizationAtFullLoad")) {
    double v = 0;
    if (m.read_number("memoryUtilizationAtFullLoad", v, 0, 100)) out.memory_utilization_at_full_load = v;
  }
  m.read("failHealthChecks", out.fail_health_checks);
  m.read("exitAfter", out.exit_after);
  m.read_number("failStartProbability", out.fail_start_probability, 0, 1);
  m.finish();
  return true;
}

// ------------------------------------------------------------------ workloads

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadPoint& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("at", out.at);
  if (!m.has("value"))
    m.missing("value");
  else
    m.read_number("value", out.value, 0, any_number);
  m.finish();
  return true;
}

/// "14:00" -> 14 h after midnight.
std::optional<Millis> parse_time_of_day(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto h = parse_integer(s.substr(0, colon));
  const auto m = parse_integer(s.substr(colon + 1));
  if (!h || !m || *h < 0 || *h > 23 || *m < 0 || *m > 59 || s.size() - colon - 1 != 2) return std::nullopt;
  return Millis{(*h * 60 + *m) * 60'000};
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DiurnalLoad& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  if (!m.has("min"))
    m.missing("min");
  else
    m.read_number("min", out.min, 0, any_number);
  if (!m.has("max"))
    m.missing("max");
  else
    m.read_number("max", out.max, 0, any_number);
  if (out.max < out.min) m.error_at("max", "must not be below min");
  std::string peak;
  if (m.read("peakAt", peak)) {
    if (const auto t = parse_time_of_day(trimmed(peak)))
      out.peak_at = *t;
    else
      m.error_at("peakAt", "expected a time of day such as \"14:00\", got " + in_quotes(peak));
  }
  m.finish();
  return true;
}

/// Calls row(line, text) for each non-blank line of a CSV file (1-based
/// line numbers, CR stripped); row returns false to stop.
template <class Row>
void for_each_csv_row(const std::string& text, Row row) {
  std::size_t start = 0;
  int line = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string r = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (!r.empty() && r.back() == '\r') r.pop_back();
    if (trimmed(r).empty()) continue;
    if (!row(line, r)) return;
  }
}

/// Reads a `time_s,value` trace into points; a first line that is not numbers is a header.
void read_csv_trace(LoadContext& ctx, const std::string& text, const std::string& display, const FieldPath& p,
                    std::vector<LoadPoint>& out) {
  Millis previous{-1};
  for_each_csv_row(text, [&](int line, const std::string& row) {
    const std::size_t comma = row.find(',');
    const std::string time_text = trimmed(row.substr(0, comma));
    const std::string value_text = comma == std::string::npos ? "" : trimmed(row.substr(comma + 1));
    const auto t = parse_number(time_text);
    const auto v = parse_number(value_text);
    if (line == 1 && !t) return true;  // header
    const int value_column =
        comma == std::string::npos ? static_cast<int>(row.size()) + 1 : static_cast<int>(comma) + 2;
    if (!t || *t < 0) {
      ctx.add({display, line, 1}, p.text, "expected a time in seconds (>= 0), got " + in_quotes(time_text), false);
      return true;
    }
    if (!v || *v < 0) {
      ctx.add({display, line, value_column}, p.text, "expected a value >= 0, got " + in_quotes(value_text), false);
      return true;
    }
    const Millis at{static_cast<std::int64_t>(std::llround(*t * 1000.0))};
    if (at <= previous) {
      ctx.add({display, line, 1}, p.text, "times must increase from row to row", false);
      return true;
    }
    previous = at;
    out.push_back(LoadPoint{at, *v, SourceLocation{display, line, 1}});
    return true;
  });
  if (out.empty()) ctx.add({display, 0, 0}, p.text, "the trace has no rows", false);
}

/// Reads a list of times from a CSV whose header names a `time_s` column;
/// one entry per row, times in seconds (>= 0) that never decrease.
void read_csv_times(LoadContext& ctx, const std::string& text, const std::string& display, const FieldPath& p,
                    std::vector<Millis>& out) {
  int column = -1;  // index of time_s, once the header is read
  Millis previous{0};
  bool header_ok = true;
  for_each_csv_row(text, [&](int line, const std::string& row) {
    std::vector<std::string> cells;
    std::vector<int> columns;  // 1-based text column of each cell
    for (std::size_t from = 0;;) {
      const std::size_t comma = row.find(',', from);
      cells.push_back(trimmed(row.substr(from, comma == std::string::npos ? std::string::npos : comma - from)));
      columns.push_back(static_cast<int>(from) + 1);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    if (column < 0) {
      const auto it = std::find(cells.begin(), cells.end(), "time_s");
      if (it == cells.end()) {
        ctx.add({display, line, 1}, p.text, "expected a header row naming a 'time_s' column", false);
        header_ok = false;
        return false;
      }
      column = static_cast<int>(it - cells.begin());
      return true;
    }
    const std::string cell = static_cast<std::size_t>(column) < cells.size() ? cells[column] : std::string();
    const int at_column =
        static_cast<std::size_t>(column) < cells.size() ? columns[column] : static_cast<int>(row.size()) + 1;
    const auto t = parse_number(cell);
    if (!t || *t < 0) {
      ctx.add({display, line, at_column}, p.text, "expected a time in seconds (>= 0), got " + in_quotes(cell), false);
      return true;
    }
    const Millis at{static_cast<std::int64_t>(std::llround(*t * 1000.0))};
    if (at < previous) {
      ctx.add({display, line, at_column}, p.text, "times must not decrease from row to row", false);
      return true;
    }
    previous = at;
    out.push_back(at);
    return true;
  });
  if (!header_ok) return;
  if (column < 0) ctx.add({display, 0, 0}, p.text, "the file is empty; expected a 'time_s' header", false);
  else if (out.empty()) ctx.add({display, 0, 0}, p.text, "the file has no rows after its header", false);
}

/// Reads the file a map's `csv` names (resolved like any included file) with `parse`.
template <class Parse>
void read_csv_field(MapReader& m, std::string& file_name, Parse parse) {
  LoadContext& ctx = m.ctx();
  const YAML::Node* file = m.find("csv");
  if (!file || !m.read("csv", file_name)) return;
  const FieldPath csv_path = m.child("csv");
  std::error_code ec;
  const auto resolved = ctx.resolve(file_name, *file, csv_path);
  if (resolved && !std::filesystem::exists(resolved->first, ec)) {
    ctx.error(*file, csv_path, "file " + in_quotes(file_name) + " not found");
  } else if (resolved) {
    file_name = resolved->second;
    try {
      parse(read_text_file(resolved->first, resolved->second), resolved->second, csv_path);
    } catch (const ScenarioError& e) {
      ctx.add(SourceLocation{e.file(), e.line(), e.column()}, csv_path.text, e.detail(), false);
    }
  }
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadModel& out) {
  if (n.IsScalar()) {  // `requestsPerSecond: 500` is a constant load
    out.where = ctx.locate(n);
    out.kind = LoadModelKind::constant;
    if (!read_value(ctx, n, p, out.constant)) return false;
    if (out.constant < 0) ctx.error(n, p, "must be at least 0, got " + n.Scalar());
    return true;
  }
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  int forms = 0;
  for (std::string_view form : load_model_kind_names) forms += m.has(form) ? 1 : 0;
  if (forms != 1) {
    m.error_at("", forms == 0 ? "expected one of constant, steps, diurnal or csv"
                              : "give only one of constant, steps, diurnal or csv");
  }
  if (m.has("constant")) {
    out.kind = LoadModelKind::constant;
    m.read_number("constant", out.constant, 0, any_number);
  }
  if (m.has("steps")) {
    out.kind = LoadModelKind::steps;
    if (m.read("steps", out.steps)) {
      if (out.steps.empty()) m.error_at("steps", "needs at least one step");
      for (std::size_t i = 1; i < out.steps.size(); ++i) {
        if (out.steps[i].at <= out.steps[i - 1].at) {
          ctx.add(out.steps[i].where, m.child("steps").item(std::to_string(i)).child("at").text,
                  "steps must be in increasing order of 'at'", false);
          break;
        }
      }
    }
  }
  if (m.has("diurnal")) {
    out.kind = LoadModelKind::diurnal;
    m.read("diurnal", out.diurnal);
  }
  if (m.has("csv")) {
    out.kind = LoadModelKind::csv;
    read_csv_field(m, out.csv, [&](const std::string& text, const std::string& display, const FieldPath& at) {
      read_csv_trace(ctx, text, display, at, out.steps);
    });
  }
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadNoise& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read_number("stddev", out.stddev, 0, 10);
  m.read("interval", out.interval);
  if (out.interval <= Millis{0}) m.error_at("interval", "must be longer than 0");
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, WeeklyPattern& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  static constexpr std::string_view days[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  for (std::size_t d = 0; d < 7; ++d) m.read_number(days[d], out.factor[d], 0, 1000);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, WorkloadSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.require("service", out.service);
  m.require("requestsPerSecond", out.requests_per_second);
  m.read("noise", out.noise);
  m.read("weekly", out.weekly);
  m.finish();
  return true;
}

// ------------------------------------------------------------------ faults

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, FaultSpec& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  const bool typed = m.require("type", out.type);
  m.read("capacityProvider", out.capacity_provider);
  m.read_number("ratePerTaskHour", out.rate_per_task_hour, 0, any_number);
  m.read_number("ratePerInstanceHour", out.rate_per_instance_hour, 0, any_number);
  m.read("notice", out.notice);
  if (m.read("rebalanceRecommendation", out.rebalance_recommendation) && out.rebalance_recommendation <= Millis{0})
    m.error_at("rebalanceRecommendation", "must be longer than 0s");
  read_csv_field(m, out.csv, [&](const std::string& text, const std::string& display, const FieldPath& at) {
    read_csv_times(ctx, text, display, at, out.times);
  });
  m.read("availabilityZone", out.availability_zone);
  m.read("at", out.at);
  m.read("duration", out.duration);
  if (typed) {
    static constexpr std::string_view spot_fields[] = {"capacityProvider", "ratePerTaskHour", "ratePerInstanceHour",
                                                       "notice", "csv", "rebalanceRecommendation"};
    static constexpr std::string_view az_fields[] = {"availabilityZone", "at", "duration"};
    static constexpr std::string_view window_fields[] = {"capacityProvider", "at", "duration"};
    const std::span<const std::string_view> fields =
        out.type == FaultType::spot_interruptions ? std::span<const std::string_view>(spot_fields)
        : out.type == FaultType::az_outage        ? std::span<const std::string_view>(az_fields)
                                                  : std::span<const std::string_view>(window_fields);
    const std::string kind(enum_name(out.type));
    for (const auto& list : {std::span<const std::string_view>(spot_fields), std::span<const std::string_view>(az_fields)})
      for (std::string_view f : list)
        if (m.has(f) && std::find(fields.begin(), fields.end(), f) == fields.end())
          m.error_at(f, in_quotes(f) + " does not apply to " + kind + " faults");
    if (out.type == FaultType::spot_interruptions) {
      if (!m.has("capacityProvider")) m.missing("capacityProvider");
      const int rates =
          (m.has("ratePerTaskHour") ? 1 : 0) + (m.has("ratePerInstanceHour") ? 1 : 0) + (m.has("csv") ? 1 : 0);
      if (rates != 1)
        m.error_at("", "give one of ratePerTaskHour (Fargate Spot), ratePerInstanceHour (EC2 Spot) or csv (a file "
                       "of interruption times)");
    } else {
      for (std::string_view f : fields)
        if (!m.has(f)) m.missing(f);
      if (m.has("duration") && out.duration <= Millis{0}) m.error_at("duration", "must be longer than 0s");
    }
  }
  m.finish();
  return true;
}

// ------------------------------------------------------------------ timeline

void read_update_service(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, UpdateServiceAction& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return;
  out.where = m.where();
  m.require("service", out.service);
  out.service = arn_name(out.service);
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
  m.finish();
}

void read_run_task(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, RunTaskAction& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return;
  out.where = m.where();
  m.read_reference("cluster", out.cluster);
  m.require("taskDefinition", out.task_definition);
  out.task_definition = arn_name(out.task_definition);
  // ECS: RunTask starts at most 10 tasks per call (ecs-facts.md §12).
  m.read_int("count", out.count, 1, 10);
  m.read("launchType", out.launch_type);
  m.read("capacityProviderStrategy", out.capacity_provider_strategy);
  if (m.has("launchType") && !out.capacity_provider_strategy.empty())
    m.error_at("launchType", "launchType and capacityProviderStrategy cannot both be set; ECS rejects that");
  m.read("group", out.group);
  m.read("placementStrategy", out.placement_strategy);
  m.read("placementConstraints", out.placement_constraints);
  m.finish();
}

void read_delete_service(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DeleteServiceAction& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return;
  out.where = m.where();
  m.require("service", out.service);
  out.service = arn_name(out.service);
  m.read("force", out.force);
  m.finish();
}

void read_continue_deployment(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, ContinueDeploymentAction& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return;
  out.where = m.where();
  m.require("service", out.service);
  out.service = arn_name(out.service);
  m.read("deploymentWaitType", out.deployment_wait_type);
  m.finish();
}

constexpr std::string_view timeline_actions[] = {"updateService", "registerTaskDefinition", "runTask", "createService",
                                                 "deleteService", "continueDeployment"};

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, TimelineEntry& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
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
  m.finish();
  return true;
}

// ------------------------------------------------------------------ prices

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, FargatePriceOverride& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  read_optional_number(m, "vcpuHour", out.vcpu_hour, 0, any_number);
  read_optional_number(m, "gbHour", out.gb_hour, 0, any_number);
  read_optional_number(m, "ephemeralGbHour", out.ephemeral_gb_hour, 0, any_number);
  read_optional_number(m, "spotDiscount", out.spot_discount, 0, 1);
  m.finish();
  return true;
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, PriceOverrides& out) {
  MapReader m(ctx, n, p);
  if (!m.ok()) return false;
  out.where = m.where();
  m.read("fargate", out.fargate);
  m.read("ec2", out.ec2);
  read_optional_number(m, "ec2SpotDiscount", out.ec2_spot_discount, 0, 1);
  read_optional_number(m, "externalInstanceHour", out.external_instance_hour, 0, any_number);
  m.finish();
  return true;
}

}  // namespace

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
