// The `ecsim` command. The subcommands are a table (ninja's Tool table): one
// row per command, one loop prints the help, an unknown name gets a
// did-you-mean. Exit status (SCENARIO.md): 0 success, 2 invalid scenario or
// arguments, 1 anything else.
#include "cli/commands.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

namespace {

using ecsim::cli::Command;

constexpr std::string_view version_text = "ecsim 0.1.0";

void print_help(std::FILE* out) {
  fmt::print(out,
             "ecsim: Amazon ECS simulated on a virtual clock\n\n"
             "usage: ecsim <command> [options]\n\ncommands:\n");
  for (const Command& c : ecsim::cli::commands())
    fmt::print(out, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(out,
             "\n  ecsim <command> --help   options of one command\n"
             "  ecsim --version          print the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    fmt::print("{}\n", version_text);
    return 0;
  }
  const Command* cmd = nullptr;
  for (const Command& c : ecsim::cli::commands())
    if (c.name == args[0]) cmd = &c;
  if (!cmd) {
    std::vector<std::string_view> names;
    for (const Command& c : ecsim::cli::commands()) names.push_back(c.name);
    std::string msg = fmt::format("ecsim: unknown command '{}'", args[0]);
    if (auto near = ecsim::detail::closest_match(args[0], names))
      msg += fmt::format("; did you mean '{}'?", *near);
    fmt::print(stderr, "{}\nrun 'ecsim --help' for the list of commands\n", msg);
    return 2;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      fmt::print("usage: {}\n\n{}\n", cmd->usage, cmd->summary);
      return 0;
    }
  }
  try {
    return cmd->run(rest);
  } catch (const ecsim::InputError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const ecsim::Error& e) {
    fmt::print(stderr, "ecsim: error: {}\n", e.what());
    return 1;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "ecsim: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "ecsim: internal error: {}\n", e.what());
    return 1;
  }
}
