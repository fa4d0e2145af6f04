#pragma once
// Shared by the loader tests: what loading a scenario text reports, and the
// smallest Fargate scenario the tests extend.
#include <ecsim/io/scenario_loader.hpp>

#include <string>
#include <string_view>

namespace ecsim::test {

/// What load_scenario_text reports for `yaml` read as `file`, one
/// diagnostic per line; "" when it loads.
inline std::string load_errors(std::string_view yaml, const LoadOptions& options = {},
                               std::string_view file = "s.yaml") {
  try {
    load_scenario_text(yaml, file, options);
  } catch (const ScenarioErrors& e) {
    return e.what();
  }
  return "";
}

/// Lines 1-10: cluster prod and a Fargate task definition "web" (256 CPU,
/// 512 MiB, one container, no ports); ends with the `services:` key, so a
/// test appends its "web" service from line 11 on.
inline constexpr std::string_view fargate_web_head = R"(simulation: {duration: 1h}
clusters: [{clusterName: prod}]
taskDefinitions:
  - family: web
    networkMode: awsvpc
    requiresCompatibilities: [FARGATE]
    cpu: "256"
    memory: "512"
    containerDefinitions: [{name: web, image: nginx}]
services:
)";

}  // namespace ecsim::test
