#pragma once
/// Where a scenario object was written, so errors found after loading (by
/// validation or by the simulator) can still point into the user's file.
#include <string>

namespace ecsim {

/// A position in a scenario or ECS JSON file; line and column are 1-based,
/// 0 when unknown (objects built in code or set with `--set`).
struct SourceLocation {
  std::string file;  ///< display name of the file, as the user named it
  int line = 0;      ///< 1-based line, 0 = unknown
  int column = 0;    ///< 1-based column, 0 = unknown
  bool operator==(const SourceLocation&) const = default;
};

}  // namespace ecsim
