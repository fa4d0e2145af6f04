#pragma once
// Private to lib/io: the state shared by the loader's passes (documents,
// diagnostics, the current file) and the helpers that read yaml-cpp nodes
// with positions. yaml-cpp never leaves lib/io.
#include <ecsim/io/scenario_errors.hpp>
#include <ecsim/model/source_location.hpp>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace ecsim::detail {

/// Limits that keep a hostile or broken file from taking the machine down.
struct LoadLimits {
  std::uintmax_t max_file_bytes = 16u << 20;  ///< 16 MiB per file
  int max_depth = 64;                         ///< nested maps and lists
  std::size_t max_node_visits = 1'000'000;    ///< nodes seen with aliases expanded
  std::size_t max_errors = 50;                ///< then "too many errors"
};

/// The limits the loader uses.
inline constexpr LoadLimits load_limits{};

/// Thrown by LoadContext::error once max_errors were recorded; the loader
/// catches it and reports what it has.
struct TooManyErrors {};

/// A field's dotted path as users read it (services.api.desiredCount) and as
/// the field tables match it (services.*.desiredCount).
struct FieldPath {
  std::string text;     ///< list items by name (or index)
  std::string pattern;  ///< list items as *

  /// The path of a map key below this one.
  FieldPath child(std::string_view key) const;
  /// The path of a list item below this one.
  FieldPath item(std::string_view name) const;
};

/// "a map", "a list", "nothing" or the quoted scalar, for "got ..." messages.
std::string describe(const YAML::Node& node);

/// Parses one YAML/JSON document and checks it against the limits (depth,
/// alias expansion). Throws ScenarioError located in `display`.
YAML::Node parse_document(std::string_view text, const std::string& display, const LoadLimits& limits = load_limits);

/// Reads a whole file, refusing files over the size limit. Throws
/// ScenarioError naming `display`.
std::string read_text_file(const std::filesystem::path& path, const std::string& display,
                           const LoadLimits& limits = load_limits);

/// State of one load: diagnostics, the documents read and the current one.
class LoadContext {
 public:
  /// main_file names the scenario in messages; base_dir is the folder `file:`
  /// entries resolve in, shown to users as base_display (may be empty).
  LoadContext(std::string main_file, std::filesystem::path base_dir, std::string base_display);

  /// Display name of the document being read.
  const std::string& file() const noexcept { return file_; }
  /// Display name of the scenario itself.
  const std::string& main_file() const noexcept { return main_file_; }

  /// 1-based position of a node in the current document; nodes made by
  /// --set (no position) are placed in the file "--set".
  SourceLocation locate(const YAML::Node& node) const;

  /// Records an error at a node. Throws TooManyErrors past the cap.
  void error(const YAML::Node& at, const FieldPath& path, std::string message);
  /// Records a warning at a node.
  void warn(const YAML::Node& at, const FieldPath& path, std::string message);
  /// Records a diagnostic at a known place. Throws TooManyErrors past the cap.
  void add(SourceLocation where, std::string field, std::string message, bool warning);

  /// Errors recorded so far.
  std::size_t error_count() const noexcept { return errors_; }
  /// Everything recorded so far, errors and warnings.
  std::vector<Diagnostic>& diagnostics() noexcept { return diagnostics_; }

  /// Notes that `root` (spliced into the scenario) came from file `display`.
  void add_included(const YAML::Node& root, std::string display);

  /// While alive, nodes read belong to the included file `root` came from
  /// (if it is an included root; otherwise nothing changes).
  class FileScope {
   public:
    FileScope(LoadContext& ctx, const YAML::Node& node);
    ~FileScope();
    FileScope(const FileScope&) = delete;
    FileScope& operator=(const FileScope&) = delete;

   private:
    LoadContext& ctx_;
    std::string saved_;
  };

  /// Remembers a map node by its position, so validation can point at one of its fields.
  void remember_object(const YAML::Node& map);
  /// The map remembered at this position, if any.
  const YAML::Node* object_at(const SourceLocation& where) const;
  /// Where the value of `key` in the object at `object` was written; the
  /// object's own position when the key is absent or the object unknown.
  SourceLocation locate_field(const SourceLocation& object, std::string_view key) const;

  /// Resolves a path written in the scenario (file:, csv:) inside the
  /// scenario's folder. On failure records an error at `at` and returns nullopt.
  /// Returns the real path and the name to show users.
  std::optional<std::pair<std::filesystem::path, std::string>> resolve(std::string_view written, const YAML::Node& at,
                                                                       const FieldPath& path);

 private:
  std::string main_file_;
  std::string file_;
  std::filesystem::path base_dir_;
  std::string base_display_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
  std::vector<std::pair<YAML::Node, std::string>> included_;
  std::map<std::tuple<std::string, int, int>, YAML::Node> objects_;
};

/// Replaces `{file: PATH}` items of taskDefinitions and services (and
/// timeline registerTaskDefinition) with the ECS JSON they name, unwrapping
/// describe-* output shapes.
void expand_includes(LoadContext& ctx, YAML::Node& root);

/// Applies --set PATH=VALUE overrides (and --seed) to the node tree.
void apply_overrides(LoadContext& ctx, YAML::Node& root, const std::vector<std::string>& sets,
                     std::optional<std::uint64_t> seed);

}  // namespace ecsim::detail
