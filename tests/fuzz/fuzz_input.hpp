#pragma once
/// How a fuzz input maps to a scenario load, shared by the libFuzzer target and
/// the doctest that replays the corpus and the regressions: leading lines
/// `#!set PATH=VALUE` become --set overrides and `#!seed N` the --seed option
/// (they are YAML comments, so the rest is parsed as written).
#include <cstdlib>
#include <string>
#include <string_view>

#include "ecsim/io/scenario_loader.hpp"

namespace ecsim::detail {

/// Removes the `#!set` / `#!seed` header lines from text and returns them as options.
inline LoadOptions take_fuzz_options(std::string_view& text) {
  LoadOptions options;
  for (;;) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    if (line.starts_with("#!set ")) {
      options.set.emplace_back(line.substr(6));
    } else if (line.starts_with("#!seed ")) {
      options.seed = std::strtoull(std::string(line.substr(7)).c_str(), nullptr, 10);
    } else {
      break;
    }
    if (end == std::string_view::npos) {
      text = {};
      break;
    }
    text.remove_prefix(end + 1);
  }
  return options;
}

}  // namespace ecsim::detail
