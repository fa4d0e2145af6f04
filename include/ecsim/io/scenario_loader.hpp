#pragma once
/// Loads a scenario from YAML (and the ECS JSON files it names), applies
/// command-line overrides, fills defaults and validates everything once.
/// yaml-cpp stays behind this header.
#include <ecsim/io/scenario_errors.hpp>
#include <ecsim/model/scenario.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// What the command line adds to a scenario file.
struct LoadOptions {
  std::optional<std::uint64_t> seed;  ///< --seed: replaces simulation.seed
  std::vector<std::string> set;       ///< --set PATH=VALUE, applied in order before validation
};

/// A valid scenario and the warnings worth showing (fields parsed but not simulated yet).
struct LoadResult {
  Scenario scenario;                 ///< defaults applied, validated
  std::vector<Diagnostic> warnings;  ///< in file order
};

/// Loads FILE. `file:` entries resolve relative to its folder and may not
/// leave it. Throws ScenarioErrors listing every problem found.
LoadResult load_scenario_file(const std::filesystem::path& file, const LoadOptions& options = {});

/// Loads YAML text; display_name names it in messages. `file:` entries
/// resolve relative to the current directory. Throws ScenarioErrors.
LoadResult load_scenario_text(std::string_view yaml, std::string_view display_name = "<string>",
                              const LoadOptions& options = {});

}  // namespace ecsim
