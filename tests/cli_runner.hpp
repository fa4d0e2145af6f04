#pragma once
// Runs the built `ecsim` tool the way a user would and captures what it prints.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace ecsim::test {

struct CliResult {
  int exit_code;
  std::string out;  ///< stdout and stderr together, in order
};

/// `args` is appended to the tool's path as is (quote it like a shell line).
inline CliResult run_cli(const std::string& args) {
  const std::string cmd = std::string(ECSIM_CLI_PATH) + " " + args + " 2>&1";
  CliResult r{-1, {}};
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace ecsim::test
