// `ecsim sweep` in C++: argument and scenario checks before anything runs
// (exit 2, located messages, SCENARIO.md), then the hand-over to Python.
// The sweep itself is tested with Python (python/tests/test_cli_sweep.py).
#include "cli_runner.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using ecsim::test::run_cli;

namespace {

const std::string rolling = std::string(ECSIM_SOURCE_DIR) + "/scenarios/rolling-deploy.yaml";
const std::string min_healthy = "services.api.deploymentConfiguration.minimumHealthyPercent";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("ecsim sweep refuses malformed grids, seeds and jobs with exit 2") {
  CHECK(run_cli("sweep " + rolling + " --grid " + min_healthy).exit_code == 2);
  CHECK(has(run_cli("sweep " + rolling + " --grid " + min_healthy).out, "PATH=V1,V2"));
  CHECK(has(run_cli("sweep " + rolling + " --grid " + min_healthy + "=50,,100").out, "empty value"));
  const auto seeds = run_cli("sweep " + rolling + " --seeds 9..3");
  CHECK(seeds.exit_code == 2);
  CHECK(has(seeds.out, "--seeds expects A..B"));
  CHECK(run_cli("sweep " + rolling + " --jobs 0").exit_code == 2);
  CHECK(run_cli("sweep --grid " + min_healthy + "=50").exit_code == 2);  // no file
}

TEST_CASE("ecsim sweep names the file, line and column of a grid value the scenario rejects") {
  const auto r = run_cli("sweep " + rolling + " --grid " + min_healthy + "=50,250");
  CHECK(r.exit_code == 2);
  CHECK(has(r.out, "rolling-deploy.yaml:"));
  CHECK(has(r.out, "minimumHealthyPercent"));
}

TEST_CASE("ecsim sweep hands valid arguments to Python, and says so when it cannot start it") {
  // The checks pass, so the command execs the interpreter ECSIM_PYTHON names.
  ::setenv("ECSIM_PYTHON", "/nonexistent/python3", 1);
  const auto missing = run_cli("sweep " + rolling + " --grid " + min_healthy + "=50,100 --jobs 1 --quiet");
  ::unsetenv("ECSIM_PYTHON");
  CHECK(missing.exit_code == 1);
  CHECK(has(missing.out, "cannot start /nonexistent/python3"));
}
