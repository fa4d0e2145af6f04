// `ecsim run` and `ecsim validate` end to end: the files a user opens after a
// run carry the contract's keys (SCENARIO.md), identical runs give identical
// bytes, --set and --seed change the run, and bad input exits 2 with a
// located message.
#include "cli_runner.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using ecsim::test::run_cli;
namespace fs = std::filesystem;

namespace {

const std::string source_dir = ECSIM_SOURCE_DIR;
const std::string quickstart = source_dir + "/scenarios/quickstart.yaml";

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("ecsim-test-" + name);
  fs::remove_all(p);
  return p;
}

}  // namespace

TEST_CASE("ecsim run writes summary.json, events.jsonl and metrics.csv with every contract key") {
  const fs::path out = fresh_dir("contract");
  const auto r = run_cli("run " + quickstart + " --quiet --out " + out.string());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());  // --quiet prints nothing on success

  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  for (const char* key : {"scenario", "seed", "durationSeconds", "services", "instances", "cost"})
    CHECK_MESSAGE(summary.contains(key), key);
  CHECK(summary["scenario"] == "quickstart");
  CHECK(summary["seed"] == 42);
  CHECK(summary["durationSeconds"] == 7200.0);
  const auto& web = summary["services"]["web"];
  for (const char* key : {"desiredCount", "runningCount", "pendingCount", "tasksStarted",
                          "tasksStopped", "placementFailures", "spotInterruptions", "steadyState",
                          "tasksByCapacityProvider", "deployments", "costUsd"})
    CHECK_MESSAGE(web.contains(key), key);
  // 4 tasks, 4 more at 40 m, 4 stopped at 95 m.
  CHECK(web["desiredCount"] == 4);
  CHECK(web["runningCount"] == 4);
  CHECK(web["tasksStarted"] == 8);
  CHECK(web["tasksStopped"] == 4);
  CHECK(web["steadyState"] == true);
  CHECK(web["tasksByCapacityProvider"]["FARGATE"] == 4);
  for (const char* key : {"launched", "terminated", "peak"}) CHECK(summary["instances"].contains(key));
  for (const char* key : {"totalUsd", "byService", "byCapacityProvider"}) CHECK(summary["cost"].contains(key));
  CHECK(summary["cost"]["totalUsd"] == web["costUsd"]);
  CHECK(summary["cost"]["totalUsd"].get<double>() > 0.0);

  const std::set<std::string> types = {"task-state", "service-event", "deployment", "scaling",
                                       "instance", "fault", "placement-failure", "service-discovery"};
  double last_time = 0;
  int task_states = 0, service_events = 0;
  for (const std::string& line : lines(slurp(out / "events.jsonl"))) {
    const auto e = nlohmann::json::parse(line);
    REQUIRE(e.contains("time"));
    CHECK(e["time"].get<double>() >= last_time);  // in time order
    last_time = e["time"].get<double>();
    CHECK(types.count(e["type"].get<std::string>()) == 1);
    if (e["type"] == "task-state") {
      ++task_states;
      CHECK(e["service"] == "web");
      CHECK(e["task"].get<std::string>().size() == 32);
      CHECK(e.contains("from"));
      CHECK(e.contains("to"));
    } else if (e["type"] == "service-event") {
      ++service_events;
      CHECK(e["message"].get<std::string>().rfind("(service web) ", 0) == 0);
    }
  }
  // 8 tasks reach RUNNING (4 transitions each incl. creation), 4 stop (4 more each).
  CHECK(task_states == 8 * 4 + 4 * 4);
  CHECK(service_events >= 5);

  const auto rows = lines(slurp(out / "metrics.csv"));
  REQUIRE(!rows.empty());
  // The contract's columns first, in order; columns added later follow.
  CHECK(rows[0] ==
        "time,service,desiredCount,runningCount,pendingCount,healthyCount,cpuUtilization,"
        "memoryUtilization,requestsPerSecond,costUsd,unservedRequests,requestCountPerTarget");
  CHECK(rows.size() == 1 + 121);  // one service, every 60 s from 0 to 7200 s
  CHECK(rows[1].rfind("0,web,4,0,4,0,,,400,", 0) == 0);  // nothing runs at t = 0: no CPU datapoint
  fs::remove_all(out);
}

TEST_CASE("the same scenario and seed give byte-identical output files") {
  const fs::path a = fresh_dir("same-a"), b = fresh_dir("same-b");
  REQUIRE(run_cli("run " + quickstart + " --quiet --out " + a.string()).exit_code == 0);
  REQUIRE(run_cli("run " + quickstart + " --quiet --out " + b.string()).exit_code == 0);
  for (const char* f : {"summary.json", "events.jsonl", "metrics.csv"}) {
    CAPTURE(f);
    CHECK(slurp(a / f) == slurp(b / f));
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("--set and --seed change the run before it is validated") {
  const fs::path out = fresh_dir("set");
  auto r = run_cli("run " + quickstart + " --quiet --out " + out.string() +
                   " --seed 7 --set simulation.duration=30m --set services.web.desiredCount=6");
  REQUIRE(r.exit_code == 0);
  auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(summary["seed"] == 7);
  CHECK(summary["durationSeconds"] == 1800.0);
  CHECK(summary["services"]["web"]["desiredCount"] == 6);
  CHECK(summary["services"]["web"]["runningCount"] == 6);

  r = run_cli("run " + quickstart + " --quiet --out " + out.string() +
              " --set services.web.desiredCount=-1");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("services.web.desiredCount") != std::string::npos);
  fs::remove_all(out);
}

TEST_CASE("an invalid scenario exits 2 with FILE:LINE:COLUMN: field.path: what is wrong") {
  const fs::path dir = fresh_dir("invalid");
  fs::create_directories(dir);
  const fs::path file = dir / "bad.yaml";
  std::ofstream(file) << "simulation: {duration: 1h}\n"
                         "clusters: [{clusterName: c}]\n"
                         "taskDefinitions:\n"
                         "  - family: w\n"
                         "    networkMode: awsvpc\n"
                         "    requiresCompatibilities: [FARGATE]\n"
                         "    cpu: \"512\"\n"
                         "    memory: \"512\"\n"
                         "    containerDefinitions: [{name: w, image: x}]\n";
  for (const char* cmd : {"validate ", "run "}) {
    const auto r = run_cli(cmd + file.string());
    CHECK(r.exit_code == 2);
    CHECK(r.out.find(file.string() + ":8:13: taskDefinitions.w.memory: Fargate does not support cpu "
                                     "512 with memory 512 MiB; valid memory values for cpu 512 are "
                                     "1024, 2048, 3072, 4096 MiB") != std::string::npos);
  }
  const auto missing = run_cli("run " + (dir / "nope.yaml").string());
  CHECK(missing.exit_code == 2);
  fs::remove_all(dir);
}

TEST_CASE("every shipped scenario validates") {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(source_dir + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    CAPTURE(entry.path().string());
    const auto r = run_cli("validate " + entry.path().string());
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("valid scenario") != std::string::npos);
  }
  CHECK(count >= 1);
}
