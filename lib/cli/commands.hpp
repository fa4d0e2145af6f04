#pragma once
// The table of `ecsim` subcommands. Each command lives in its own
// lib/cli/<name>_command.cpp and is listed once in commands.cpp.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim::cli {

/// One subcommand: name, one-line summary, usage line, and its entry point
/// (returns the process exit status; throws InputError for bad arguments).
struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view usage;
  int (*run)(const std::vector<std::string>& args);
};

std::span<const Command> commands();

int run_price(const std::vector<std::string>& args);
int run_run(const std::vector<std::string>& args);
int run_sweep(const std::vector<std::string>& args);
int run_validate(const std::vector<std::string>& args);

}  // namespace ecsim::cli
