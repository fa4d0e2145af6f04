// Readers of task behaviour (start-up and shutdown durations, load, failures)
// and workloads (the request rate per service: constant, steps, diurnal, CSV),
// and of the CSV files `csv` fields name (load traces, Spot interruption times).
#include "io/map_reader.hpp"

#include <ecsim/io/scenario_errors.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace ecsim::detail {

// ------------------------------------------------------------------ CSV files

namespace {

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
  if (column < 0)
    ctx.add({display, 0, 0}, p.text, "the file is empty; expected a 'time_s' header", false);
  else if (out.empty())
    ctx.add({display, 0, 0}, p.text, "the file has no rows after its header", false);
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

}  // namespace

void read_csv_trace_field(MapReader& m, std::string& file_name, std::vector<LoadPoint>& out) {
  read_csv_field(m, file_name, [&](const std::string& text, const std::string& display, const FieldPath& at) {
    read_csv_trace(m.ctx(), text, display, at, out);
  });
}

void read_csv_times_field(MapReader& m, std::string& file_name, std::vector<Millis>& out) {
  read_csv_field(m, file_name, [&](const std::string& text, const std::string& display, const FieldPath& at) {
    read_csv_times(m.ctx(), text, display, at, out);
  });
}

// ------------------------------------------------------------------ behavior

namespace {

struct DistributionFields {
  DistributionKind kind;
  std::string_view first, second;
};

constexpr DistributionFields distribution_fields[] = {
    {DistributionKind::fixed, "value", ""},       {DistributionKind::uniform, "min", "max"},
    {DistributionKind::normal, "mean", "stddev"}, {DistributionKind::lognormal, "median", "sigma"},
    {DistributionKind::exponential, "mean", ""},
};

}  // namespace

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
  return read_map(ctx, n, p, out, [&](MapReader& m) {
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
  });
}

// ------------------------------------------------------------------ workloads

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadPoint& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("at", out.at);
    m.require_number("value", out.value, 0, any_number);
  });
}

namespace {

/// "14:00" -> 14 h after midnight.
std::optional<Millis> parse_time_of_day(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto h = parse_integer(s.substr(0, colon));
  const auto m = parse_integer(s.substr(colon + 1));
  if (!h || !m || *h < 0 || *h > 23 || *m < 0 || *m > 59 || s.size() - colon - 1 != 2) return std::nullopt;
  return Millis{(*h * 60 + *m) * 60'000};
}

}  // namespace

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, DiurnalLoad& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require_number("min", out.min, 0, any_number);
    m.require_number("max", out.max, 0, any_number);
    if (out.max < out.min) m.error_at("max", "must not be below min");
    std::string peak;
    if (m.read("peakAt", peak)) {
      if (const auto t = parse_time_of_day(trimmed(peak)))
        out.peak_at = *t;
      else
        m.error_at("peakAt", "expected a time of day such as \"14:00\", got " + in_quotes(peak));
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadModel& out) {
  if (n.IsScalar()) {  // `requestsPerSecond: 500` is a constant load
    out.where = ctx.locate(n);
    out.kind = LoadModelKind::constant;
    if (!read_value(ctx, n, p, out.constant)) return false;
    if (out.constant < 0) ctx.error(n, p, "must be at least 0, got " + n.Scalar());
    return true;
  }
  return read_map(ctx, n, p, out, [&](MapReader& m) {
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
      read_csv_trace_field(m, out.csv, out.steps);
    }
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, LoadNoise& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.read_number("stddev", out.stddev, 0, 10);
    m.read("interval", out.interval);
    if (out.interval <= Millis{0}) m.error_at("interval", "must be longer than 0");
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, WeeklyPattern& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    static constexpr std::string_view days[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    for (std::size_t d = 0; d < 7; ++d) m.read_number(days[d], out.factor[d], 0, 1000);
  });
}

bool read_value(LoadContext& ctx, const YAML::Node& n, const FieldPath& p, WorkloadSpec& out) {
  return read_map(ctx, n, p, out, [&](MapReader& m) {
    m.require("service", out.service);
    m.require("requestsPerSecond", out.requests_per_second);
    m.read("noise", out.noise);
    m.read("weekly", out.weekly);
  });
}

}  // namespace ecsim::detail
