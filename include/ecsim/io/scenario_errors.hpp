#pragma once
/// Located problems found while loading a scenario, and the exception that
/// carries all of them at once (users fix a file in one pass, not one error
/// per run).
#include <ecsim/core/error.hpp>

#include <string>
#include <utility>
#include <vector>

namespace ecsim {

/// One problem (or warning) at a place in a file.
struct Diagnostic {
  std::string file;      ///< display name; "--set" for values given on the command line
  int line = 0;          ///< 1-based, 0 = unknown
  int column = 0;        ///< 1-based, 0 = unknown
  std::string field;     ///< dotted path, list items by name: services.api.desiredCount
  std::string message;   ///< what is wrong, for a user
  bool warning = false;  ///< true: reported, but the scenario still loads

  /// `FILE:LINE:COLUMN: field.path: message` (SCENARIO.md); warnings read
  /// `FILE:LINE:COLUMN: warning: field.path: message`. Unknown parts are left out.
  std::string text() const;

  bool operator==(const Diagnostic&) const = default;
};

/// Every error found in a scenario, in file order (capped at 50, then a
/// final "too many errors" line). what() is one Diagnostic::text() per line.
class ScenarioErrors : public InputError {
 public:
  /// Takes the errors to report; they must not be empty.
  explicit ScenarioErrors(std::vector<Diagnostic> diagnostics);

  /// The errors, in the order what() prints them.
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ecsim
