// `ecsim run` and `ecsim validate`: load a scenario (with --seed / --set),
// then check it, or simulate it, print the report and write the files.
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <ecsim/io/output_writers.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <limits>
#include <unistd.h>

namespace ecsim::cli {

namespace {

constexpr OptionSpec run_options[] = {
    {"seed", true}, {"out", true}, {"set", true, true}, {"quiet", false}};
constexpr OptionSpec validate_options[] = {{"seed", true}, {"set", true, true}};

std::string scenario_file(const Args& args, std::string_view command) {
  if (args.positionals().size() != 1)
    throw InputError(fmt::format("ecsim {}: give exactly one scenario file (ecsim {} FILE)",
                                 command, command));
  return args.positionals()[0];
}

LoadOptions load_options(const Args& args) {
  LoadOptions o;
  o.seed = args.number<std::uint64_t>("seed", 0, std::numeric_limits<std::uint64_t>::max());
  o.set = args.values("set");
  return o;
}

void print_warnings(const LoadResult& loaded) {
  for (const Diagnostic& d : loaded.warnings) fmt::print(stderr, "{}\n", d.text());
}

/// Runs in slices so a terminal can watch long runs; the bar appears only
/// once the run has taken more than a moment, and is erased at the end.
void run_with_progress(Simulation& sim, bool terminal) {
  if (!terminal) {
    sim.run();
    return;
  }
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const Millis total = sim.end().time_since_epoch();
  bool shown = false;
  constexpr int slices = 200;
  for (int k = 1; k <= slices; ++k) {
    sim.run_until(SimTime{total * k / slices});
    if (Clock::now() - started < std::chrono::milliseconds(500)) continue;
    shown = true;
    const int width = 30, filled = width * k / slices;
    fmt::print(stderr, "\r[{}{}] {:3}%  {} of {} simulated", std::string(filled, '#'),
               std::string(width - filled, ' '), 100 * k / slices,
               format_duration(sim.now().time_since_epoch()), format_duration(total));
    std::fflush(stderr);
  }
  if (shown) fmt::print(stderr, "\r{}\r", std::string(80, ' '));
}

}  // namespace

int run_validate(const std::vector<std::string>& argv) {
  Args args("validate", validate_options, argv);
  const std::string file = scenario_file(args, "validate");
  const LoadResult loaded = load_scenario_file(file, load_options(args));
  print_warnings(loaded);
  const Scenario& s = loaded.scenario;
  fmt::print("{}: valid scenario '{}': {} cluster(s), {} task definition(s), {} service(s), {} "
             "timeline action(s); {} warning(s)\n",
             file, s.name, s.clusters.size(), s.task_definitions.size(), s.services.size(),
             s.timeline.size(), loaded.warnings.size());
  return 0;
}

int run_run(const std::vector<std::string>& argv) {
  Args args("run", run_options, argv);
  const std::string file = scenario_file(args, "run");
  LoadResult loaded = load_scenario_file(file, load_options(args));
  print_warnings(loaded);
  const std::filesystem::path out =
      args.value("out") ? std::filesystem::path(*args.value("out"))
                        : std::filesystem::path("ecsim-out") / loaded.scenario.name;
  Simulation sim(std::move(loaded.scenario));
  run_with_progress(sim, !args.has("quiet") && ::isatty(STDERR_FILENO) == 1);
  const RunSummary summary = sim.summary();
  write_outputs(sim, summary, out);
  if (!args.has("quiet")) {
    fmt::print("{}", report_text(sim, summary, ::isatty(STDOUT_FILENO) == 1));
    fmt::print("\nwrote {}/summary.json, events.jsonl, metrics.csv\n", out.string());
  }
  return 0;
}

}  // namespace ecsim::cli
