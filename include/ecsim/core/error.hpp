#pragma once
/// Error types. Everything ecsim throws at a user derives from ecsim::Error and
/// has a what() fit to print as it is; nothing lets a library's raw message out.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace ecsim {

/// Base of every error ecsim reports.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A value the user wrote is wrong (a duration, a CPU size, a CLI argument).
/// what() says what is wrong without a location; callers that know the file
/// position rethrow it as a ScenarioError.
class InputError : public Error {
 public:
  using Error::Error;
};

/// Bad input with its place in a file. what() is the contract
/// `FILE:LINE:COLUMN: field.path: what is wrong` (SCENARIO.md); line and
/// column are 1-based, 0 when unknown (then omitted from what()).
class ScenarioError : public InputError {
 public:
  ScenarioError(std::string file, int line, int column, std::string field, std::string detail)
      : InputError(compose(file, line, column, field, detail)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        field_(std::move(field)),
        detail_(std::move(detail)) {}

  const std::string& file() const noexcept { return file_; }
  int line() const noexcept { return line_; }
  int column() const noexcept { return column_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  static std::string compose(const std::string& file, int line, int column,
                             const std::string& field, const std::string& detail) {
    std::string out = file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
    if (!field.empty()) out += field + ": ";
    out += detail;
    return out;
  }

  std::string file_;
  int line_;
  int column_;
  std::string field_;
  std::string detail_;
};

}  // namespace ecsim
