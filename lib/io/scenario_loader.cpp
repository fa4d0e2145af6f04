// The loader's public entry points: read, splice ECS JSON, override, read
// values, fill defaults, validate, and report every problem at once.
#include <ecsim/io/scenario_loader.hpp>

#include "io/scenario_reader.hpp"
#include "io/scenario_validation.hpp"
#include "io/yaml_context.hpp"

#include <algorithm>
#include <set>

namespace ecsim {
namespace fs = std::filesystem;

std::string Diagnostic::text() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += ": ";
  if (warning) out += "warning: ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.text();
  }
  return out;
}

// Adds validation findings, pointing at the field each one is about, unless
// reading already reported a problem at that field or above it (a value that
// failed to read would otherwise be reported twice).
void add_validation(detail::LoadContext& ctx, const std::vector<detail::ValidationIssue>& issues) {
  std::vector<std::string> failed;
  for (const Diagnostic& d : ctx.diagnostics())
    if (!d.warning && !d.field.empty()) failed.push_back(d.field);
  for (const detail::ValidationIssue& issue : issues) {
    const bool covered = std::any_of(failed.begin(), failed.end(), [&](const std::string& f) {
      return issue.field == f || issue.field.starts_with(f + ".");
    });
    if (covered) continue;
    ctx.add(ctx.locate_field(issue.where, issue.key), issue.field, issue.message, issue.warning);
  }
}

// File order: the scenario first, then other files as they first appear,
// command-line values last; by line and column within a file.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const std::string& main_file) {
  std::vector<std::string> files{main_file};
  for (const Diagnostic& d : diagnostics)
    if (d.file != "--set" && std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  files.push_back("--set");
  auto rank = [&](const Diagnostic& d) {
    return std::make_tuple(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line, d.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

LoadResult load(std::string_view text, const std::string& display, const fs::path& base_dir,
                const std::string& base_display, const LoadOptions& options) {
  detail::LoadContext ctx(display, base_dir, base_display);
  LoadResult result;
  bool capped = false;
  try {
    YAML::Node root = detail::parse_document(text, display);
    detail::expand_includes(ctx, root);
    detail::apply_overrides(ctx, root, options.set, options.seed);
    result.scenario = detail::read_scenario(ctx, root);
    apply_defaults(result.scenario);
    add_validation(ctx, detail::validate_scenario(result.scenario));
  } catch (const ScenarioError& e) {
    throw ScenarioErrors({Diagnostic{e.file(), e.line(), e.column(), e.field(), e.detail(), false}});
  } catch (const detail::TooManyErrors&) {
    capped = true;
  }
  std::vector<Diagnostic> errors;
  std::optional<Diagnostic> cap_note;
  for (Diagnostic& d : ctx.diagnostics()) {
    if (d.warning)
      result.warnings.push_back(std::move(d));
    else
      errors.push_back(std::move(d));
  }
  if (capped) {  // the cap note is recorded last; keep it last after sorting
    cap_note = std::move(errors.back());
    errors.pop_back();
  }
  sort_diagnostics(result.warnings, display);
  if (errors.empty()) return result;
  sort_diagnostics(errors, display);
  if (cap_note) errors.push_back(std::move(*cap_note));
  throw ScenarioErrors(std::move(errors));
}

}  // namespace

ScenarioErrors::ScenarioErrors(std::vector<Diagnostic> diagnostics)
    : InputError(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

LoadResult load_scenario_file(const fs::path& file, const LoadOptions& options) {
  const std::string display = file.generic_string();
  std::string text;
  try {
    text = detail::read_text_file(file, display);
  } catch (const ScenarioError& e) {
    throw ScenarioErrors({Diagnostic{e.file(), e.line(), e.column(), e.field(), e.detail(), false}});
  }
  const fs::path parent = file.parent_path();
  return load(text, display, parent.empty() ? fs::path(".") : parent, parent.generic_string(), options);
}

LoadResult load_scenario_text(std::string_view yaml, std::string_view display_name, const LoadOptions& options) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) cwd = ".";
  return load(yaml, std::string(display_name), cwd, "", options);
}

}  // namespace ecsim
