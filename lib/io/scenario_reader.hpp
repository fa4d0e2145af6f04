#pragma once
// Private to lib/io: turns the (expanded, overridden) node tree into a
// Scenario, recording every type, range and unknown-field problem.
#include "io/yaml_context.hpp"

#include <ecsim/model/scenario.hpp>

namespace ecsim::detail {

/// Reads the whole scenario; problems go to ctx. Objects that fail to read
/// are kept partially filled so later checks can still run.
Scenario read_scenario(LoadContext& ctx, const YAML::Node& root);

}  // namespace ecsim::detail
