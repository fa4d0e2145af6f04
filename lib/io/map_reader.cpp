// MapReader and the readers of scalars, string lists and string maps: the
// pieces every object reader in scenario_reader.cpp and read_*.cpp uses.
#include "io/map_reader.hpp"

#include "io/field_tables.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>
#include <ecsim/core/time.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ecsim::detail {
namespace {

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

std::string range_text(long long lo, long long hi, std::string_view unit) {
  const std::string u = unit.empty() ? "" : " " + std::string(unit);
  if (hi == std::numeric_limits<long long>::max()) return "must be at least " + std::to_string(lo) + u;
  return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + u;
}

}  // namespace

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

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

bool expect_scalar(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::string_view what) {
  if (n.IsScalar()) return true;
  ctx.error(n, p, "expected " + std::string(what) + ", got " + describe(n));
  return false;
}

bool expect_list(LoadContext& ctx, const YAML::Node& n, const FieldPath& p) {
  if (n.IsSequence()) return true;
  ctx.error(n, p, "expected a list, got " + describe(n));
  return false;
}

// ------------------------------------------------------------------ maps

MapReader::MapReader(LoadContext& ctx, const YAML::Node& node, FieldPath path) : ctx_(ctx), path_(std::move(path)) {
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

const YAML::Node* MapReader::find(std::string_view key) {
  known_.push_back(key);
  for (const Entry& e : entries_)
    if (e.key == key) return e.value.IsNull() ? nullptr : &e.value;
  return nullptr;
}

void MapReader::missing(std::string_view key) { ctx_.error(node_, path_, "missing required field " + in_quotes(key)); }

void MapReader::error_at(std::string_view key, std::string message) {
  for (const Entry& e : entries_) {
    if (e.key == key) {
      ctx_.error(e.value, path_.child(key), std::move(message));
      return;
    }
  }
  ctx_.error(node_, path_, std::move(message));
}

void MapReader::finish() {
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

bool MapReader::read_seconds(std::string_view key, std::optional<Millis>& out, long long lo, long long hi) {
  Millis v{0};
  if (!read_seconds(key, v, lo, hi)) return false;
  out = v;
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

bool MapReader::present(std::string_view key) {
  if (has(key)) return true;
  missing(key);
  return false;
}

bool MapReader::require_int(std::string_view key, int& out, long long lo, long long hi) {
  return present(key) && read_int(key, out, lo, hi);
}

bool MapReader::require_number(std::string_view key, double& out, double lo, double hi) {
  return present(key) && read_number(key, out, lo, hi);
}

bool MapReader::require_reference(std::string_view key, std::string& out) {
  return present(key) && read_reference(key, out);
}

// ------------------------------------------------------------------ enums and lists

void enum_error(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, std::span<const std::string_view> names) {
  if (!n.IsScalar()) {
    std::string all;
    for (std::string_view name : names) all += (all.empty() ? "" : ", ") + std::string(name);
    ctx.error(n, p, "expected one of " + all + ", got " + describe(n));
    return;
  }
  std::string message = "unknown value " + in_quotes(n.Scalar());
  if (const auto near = closest_match(n.Scalar(), names)) {
    message += "; did you mean " + in_quotes(*near) + "?";
  } else {
    message += "; expected one of ";
    for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + std::string(names[i]);
  }
  ctx.error(n, p, message);
}

std::string_view item_name_key(const FieldPath& list) { return list_item_name_key(last_segment(list.pattern)); }

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

// ------------------------------------------------------------------ scalars

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
  if (!expect_list(ctx, n, p)) return false;
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

}  // namespace ecsim::detail
