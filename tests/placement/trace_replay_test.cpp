#include "ecsim/placement/trace_replay.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ecsim/core/error.hpp"

using namespace ecsim;

namespace {

const Trace& openb() {
  static const Trace trace = load_alibaba_trace(std::string(ECSIM_SOURCE_DIR) + "/data/traces/alibaba-openb");
  return trace;
}

}  // namespace

TEST_CASE("the Alibaba openb trace loads every node and pod") {
  const Trace& t = openb();
  REQUIRE(t.nodes.size() == 1523);
  REQUIRE(t.pods.size() == 8152);
  CHECK(t.nodes[0] == TraceNode{"openb-node-0000", 32000, 262144, 0, ""});
  CHECK(t.pods[1] == TracePod{"openb-pod-0001", 6000, 12288, 1, Millis{427'061'000}, Millis{12'902'960'000}});
}

TEST_CASE("replaying the openb trace places every pod and reports instances and utilisation") {
  const ReplayResult r = replay_trace(openb(), {{{StrategyType::binpack, "memory"}}, {}}, 42);
  CHECK(r.placed + r.failed == 8152);
  CHECK(r.failed == 0);
  CHECK(r.peak_instances_used == 53);
  CHECK(r.peak_lower_bound == 9);
  CHECK(r.cpu_utilisation == doctest::Approx(0.7792).epsilon(0.0005));
  CHECK(r.memory_utilisation == doctest::Approx(0.3538).epsilon(0.0005));
}

TEST_CASE("with eight copies of every pod binpack beats spread on instances used") {
  const ReplayResult binpack = replay_trace(openb(), {{{StrategyType::binpack, "cpu"}}, {}}, 42, 8);
  const ReplayResult spread = replay_trace(openb(), {{{StrategyType::spread, "instanceId"}}, {}}, 42, 8);
  CHECK(binpack.placed + binpack.failed == 8152 * 8);
  CHECK(spread.placed + spread.failed == 8152 * 8);
  CHECK(binpack.peak_instances_used < spread.peak_instances_used);
  CHECK(binpack.peak_lower_bound <= binpack.peak_instances_used);
  CHECK(binpack.cpu_utilisation > spread.cpu_utilisation);
}

TEST_CASE("a trace file with a bad number names its file, line and column") {
  CHECK_THROWS_WITH_AS(load_alibaba_trace("/nonexistent"), "cannot open trace file /nonexistent/nodes.csv", InputError);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "ecsim_trace_replay_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "nodes.csv") << "sn,cpu_milli,memory_mib,gpu,model\nn0,32000,1024,0,\n";
  std::ofstream(dir / "pods.csv") << "name,cpu_milli,memory_mib,num_gpu,creation_time,deletion_time\n"
                                     "p0,1000,512,0,10,20\np1,1000,lots,0,10,20\n";
  const std::string message = (dir / "pods.csv").string() + ":3: memory_mib: 'lots' is not a whole number >= 0";
  CHECK_THROWS_WITH_AS(load_alibaba_trace(dir.string()), message.c_str(), ScenarioError);
  std::filesystem::remove_all(dir);
}
