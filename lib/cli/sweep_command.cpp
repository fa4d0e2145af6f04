// `ecsim sweep`: checks the arguments and every grid combination against the
// scenario here (exit 2 with FILE:LINE:COLUMN messages, as `run`), then
// hands the sweep itself to the Python package (`python3 -m ecsim sweep`),
// which runs it on Dask and writes the CSV. One implementation of the sweep,
// shared with `ecsim.sweep()` in notebooks.
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <ecsim/io/scenario_loader.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace ecsim::cli {

namespace {

constexpr OptionSpec sweep_options[] = {
    {"grid", true, true}, {"seeds", true},    {"set", true, true}, {"jobs", true},
    {"processes", false}, {"scheduler", true}, {"out", true},      {"stats", true},
    {"quiet", false}};

struct GridAxis {
  std::string path;
  std::vector<std::string> values;
};

GridAxis parse_grid(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw InputError(fmt::format("ecsim sweep: --grid expects PATH=V1,V2,..., got '{}'", text));
  GridAxis axis{text.substr(0, eq), {}};
  std::string_view rest = std::string_view(text).substr(eq + 1);
  for (;;) {
    const auto comma = rest.find(',');
    const std::string_view value = rest.substr(0, comma);
    if (value.empty())
      throw InputError(fmt::format("ecsim sweep: --grid {}: empty value in '{}'", axis.path,
                                   text.substr(eq + 1)));
    axis.values.emplace_back(value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return axis;
}

void check_seeds(const std::string& text) {
  const auto dots = text.find("..");
  auto number = [&](std::string_view s, std::uint64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size() && !s.empty();
  };
  std::uint64_t lo = 0, hi = 0;
  const bool ok = dots == std::string::npos
                      ? number(text, lo) && number(text, hi)
                      : number(std::string_view(text).substr(0, dots), lo) &&
                            number(std::string_view(text).substr(dots + 2), hi);
  if (!ok || hi < lo)
    throw InputError(fmt::format(
        "ecsim sweep: --seeds expects A..B (both included, A <= B) or one seed, got '{}'", text));
}

/// <dir of this executable>/python when the build assembled the package
/// there; empty for an installed ecsim (the package is then on sys.path).
std::string build_package_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto dir = exe.parent_path() / "python";
  return std::filesystem::exists(dir / "ecsim" / "__init__.py", ec) ? dir.string() : std::string();
}

}  // namespace

int run_sweep(const std::vector<std::string>& argv) {
  Args args("sweep", sweep_options, argv);
  if (args.positionals().size() != 1)
    throw InputError("ecsim sweep: give exactly one scenario file (ecsim sweep FILE --grid PATH=V1,V2,...)");
  const std::string file = args.positionals()[0];
  args.number<int>("jobs", 1, 4096);
  if (auto seeds = args.value("seeds")) check_seeds(*seeds);
  std::vector<GridAxis> grid;
  for (const auto& g : args.values("grid")) grid.push_back(parse_grid(g));

  // Every combination, as it will run (a value may be valid only next to
  // another); the first bad one stops the sweep before anything runs.
  LoadOptions base;
  base.set = args.values("set");
  load_scenario_file(file, base);
  std::vector<std::size_t> at(grid.size(), 0);
  while (!grid.empty()) {
    LoadOptions o = base;
    for (std::size_t i = 0; i < grid.size(); ++i)
      o.set.push_back(fmt::format("{}={}", grid[i].path, grid[i].values[at[i]]));
    load_scenario_file(file, o);
    std::size_t i = grid.size();  // next combination, the last path fastest
    while (i > 0 && ++at[i - 1] == grid[i - 1].values.size()) at[--i] = 0;
    if (i == 0) break;
  }

  const char* python = std::getenv("ECSIM_PYTHON");
  const std::string interpreter = python && *python ? python : "/usr/bin/python3";
  if (const std::string dir = build_package_dir(); !dir.empty()) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = old && *old ? dir + ":" + old : dir;
    ::setenv("PYTHONPATH", path.c_str(), 1);
  }
  std::vector<std::string> command = {interpreter, "-m", "ecsim", "sweep"};
  command.insert(command.end(), argv.begin(), argv.end());
  std::vector<char*> c_argv;
  for (auto& a : command) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  ::execv(interpreter.c_str(), c_argv.data());
  throw Error(fmt::format("ecsim sweep: cannot start {} ({}); set ECSIM_PYTHON to a Python with "
                          "the ecsim package, numpy, pandas and distributed",
                          interpreter, std::strerror(errno)));
}

}  // namespace ecsim::cli
