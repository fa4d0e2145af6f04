// `ecsim run` and `ecsim validate`: load a scenario (with --seed / --set),
// then check it, or simulate it, print the report and write the files.
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <ecsim/io/output_writers.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <limits>

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
  sim.run();
  const RunSummary summary = sim.summary();
  write_outputs(sim, summary, out);
  if (!args.has("quiet")) {
    fmt::print("{}", report_text(sim, summary));
    fmt::print("\nwrote {}/summary.json, events.jsonl, metrics.csv\n", out.string());
  }
  return 0;
}

}  // namespace ecsim::cli
