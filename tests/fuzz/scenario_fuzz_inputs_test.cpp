// Replays the fuzz seeds and every saved fuzz finding through the loader, in
// the normal and the sanitizer test runs, so a fixed crash stays fixed.
#include <doctest/doctest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ecsim/core/error.hpp"
#include "ecsim/io/scenario_loader.hpp"
#include "fuzz/fuzz_input.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Regular files of dir (none if it is missing), sorted so failures read the same every run.
std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().filename() != "README.md") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Loads a fuzz input as the fuzz target does; "" when the loader loaded it or
/// threw an ecsim::Error, else what escaped.
std::string escaped_from_loader(const std::string& bytes) {
  std::string_view text = bytes;
  const ecsim::LoadOptions options = ecsim::detail::take_fuzz_options(text);
  try {
    (void)ecsim::load_scenario_text(text, "fuzz.yaml", options);
  } catch (const ecsim::Error&) {
  } catch (const std::exception& e) {
    return std::string("std::exception: ") + e.what();
  } catch (...) {
    return "an exception of unknown type";
  }
  return "";
}

const fs::path source_dir{ECSIM_SOURCE_DIR};

}  // namespace

TEST_CASE("every fuzz seed and saved fuzz finding loads or is rejected with an ecsim::Error") {
  std::vector<fs::path> inputs;
  for (const char* dir : {"tests/fuzz/corpus", "tests/fuzz/regressions", "scenarios", "tests/data/scenarios"})
    for (const fs::path& p : files_in(source_dir / dir)) inputs.push_back(p);
  REQUIRE(inputs.size() >= 6);  // the three hand-written seeds and the shipped scenarios
  for (const fs::path& p : inputs) {
    CAPTURE(p.string());
    CHECK(escaped_from_loader(read_all(p)) == "");
  }
}

TEST_CASE("leading #!set and #!seed lines of a fuzz input become --set and --seed options") {
  std::string_view text = "#!set services.web.desiredCount=8\n#!seed 7\n#!set a=b\nname: x\n#!set late=1\n";
  const ecsim::LoadOptions options = ecsim::detail::take_fuzz_options(text);
  CHECK(options.set == std::vector<std::string>{"services.web.desiredCount=8", "a=b"});
  CHECK(options.seed == 7u);
  CHECK(text == "name: x\n#!set late=1\n");

  std::string_view only_header = "#!seed 3";
  CHECK(ecsim::detail::take_fuzz_options(only_header).seed == 3u);
  CHECK(only_header.empty());
}

TEST_CASE("the hand-written anchors seed is a valid scenario and its header overrides apply") {
  const std::string bytes = read_all(source_dir / "tests/fuzz/corpus/anchors-and-overrides.yaml");
  std::string_view text = bytes;
  const ecsim::LoadOptions options = ecsim::detail::take_fuzz_options(text);
  const ecsim::LoadResult result = ecsim::load_scenario_text(text, "anchors.yaml", options);
  REQUIRE(result.scenario.services.size() == 2);
  CHECK(result.scenario.services[0].service_name == "web");
  CHECK(result.scenario.services[0].desired_count == 8);
  CHECK(result.scenario.simulation.seed == 7u);
  CHECK(result.scenario.simulation.duration == ecsim::Millis{3 * 3600 * 1000});
  REQUIRE(result.scenario.task_definitions.size() == 2);
  CHECK(result.scenario.task_definitions[1].family == "worker");
}
