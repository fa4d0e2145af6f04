#pragma once
// Private to lib/io: the checks that look across objects (references,
// dependsOn cycles, Fargate sizes, launch type rules). They run on the
// Scenario after apply_defaults, so they work the same for any source of
// scenarios; positions come from each object's `where`.
#include <ecsim/model/scenario.hpp>

#include <string>
#include <vector>

namespace ecsim::detail {

/// One problem found by validate_scenario. `key` names the field of the
/// object at `where` it is about (empty: the object itself), so the loader
/// can point at that field's value.
struct ValidationIssue {
  SourceLocation where;  ///< the object
  std::string field;     ///< full dotted path of the field
  std::string key;       ///< the field's key in that object, if any
  std::string message;   ///< what is wrong
  bool warning = false;  ///< true: worth saying, not fatal
};

/// Every cross-object problem of a scenario whose defaults are applied.
std::vector<ValidationIssue> validate_scenario(const Scenario& scenario);

}  // namespace ecsim::detail
