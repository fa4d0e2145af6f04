// Input limits (docs/scenario-format.md "Limits", docs/hardening.md): absurd
// counts and durations get a located error naming the limit instead of a run
// that exhausts memory; values inside the limits load and run. The file-level
// limits (16 MiB, 64 levels, alias bombs) are tested in scenario_loader_test.
#include <ecsim/core/error.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include <doctest/doctest.h>

#include "io/load_errors.hpp"

#include <string>

namespace {

using ecsim::test::load_errors;

// The simulation section opens at line 1, column 13.
const std::string web = std::string(ecsim::test::fargate_web_head) +
                        "  - {serviceName: web, cluster: prod, taskDefinition: web, launchType: FARGATE, desiredCount: 2}\n";

ecsim::LoadOptions set(std::initializer_list<std::string> overrides) {
  ecsim::LoadOptions o;
  o.set = overrides;
  return o;
}

}  // namespace

TEST_CASE("desiredCount 10^9 is refused with ecsim's limit, in services and in updateService") {
  CHECK(load_errors(web, set({"services.web.desiredCount=1000000000"})) ==
        "--set: services.web.desiredCount: must be at most 100000 (ecsim's limit on tasks per service; ECS's "
        "default quota is 5,000), got 1000000000");
  std::string yaml(web);
  yaml += "timeline:\n  - {at: 10m, updateService: {service: web, desiredCount: 1000000000}}\n";
  CHECK(load_errors(yaml) ==
        "s.yaml:13:59: timeline.0.updateService.desiredCount: must be at most 100000 (ecsim's limit on tasks per "
        "service; ECS's default quota is 5,000), got 1000000000");
  // The limit itself loads.
  CHECK(load_errors(web, set({"services.web.desiredCount=100000"})) == "");
  // Past int range: the reader's own range check, still located.
  CHECK(load_errors(web, set({"services.web.desiredCount=99999999999999999999"})).starts_with(
      "--set: services.web.desiredCount: "));
}

TEST_CASE("a simulation of 100 years is refused; ten years loads when metrics.csv stays under 1,000,000 rows") {
  CHECK(load_errors(web, set({"simulation.duration=36500d"})) ==
        "--set: simulation.duration: must be at most 3650d (ten years, ecsim's limit), got 36500d");
  // Ten years at the default 60 s interval: 5,256,001 rows per service. The
  // smallest interval that fits is 3650 d / 999,999 rows = 315.36 s -> 316 s.
  // The interval is not written, so the error points at the simulation section.
  CHECK(load_errors(web, set({"simulation.duration=3650d"})) ==
        "s.yaml:1:13: simulation.metricsInterval: 1m over 3650d gives 5256001 metrics.csv rows per service, over "
        "ecsim's limit of 1000000; use a metricsInterval of at least 5m16s");
  CHECK(load_errors(web, set({"simulation.duration=3650d", "simulation.metricsInterval=316s"})) == "");
  CHECK(load_errors(web, set({"simulation.duration=3650d", "simulation.metricsInterval=315s"})) != "");
  // A duration past what int64 milliseconds hold is a clean error too.
  CHECK(load_errors(web, set({"simulation.duration=999999999999999999d"})).starts_with(
      "--set: simulation.duration: "));
}

TEST_CASE("a ten-year run of a steady service finishes with one metrics row per interval") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(
      web, "s.yaml", set({"simulation.duration=3650d", "simulation.metricsInterval=1d"}));
  ecsim::Simulation sim(r.scenario);
  sim.run();
  CHECK(sim.recorder().metrics().size() == 3651);  // t = 0 and every day after
  CHECK(sim.summary().services[0].second.running_count == 2);
  // Two tasks for ten years at 0.25 vCPU / 0.5 GB: a cost per year well under
  // the total of a busy service, and nothing lost to overflow.
  CHECK(sim.summary().total_cost_usd > 0);
}

TEST_CASE("behaviour durations of 100 years are events past the end: the run finishes normally") {
  std::string yaml(web);
  yaml += "behavior:\n  - {taskDefinition: web, imagePull: 36500d, exitAfter: 36500d}\n";
  const ecsim::LoadResult r = ecsim::load_scenario_text(yaml, "s.yaml");
  ecsim::Simulation sim(r.scenario);
  sim.run();
  // The image pull never ends within the hour: both tasks stay pending.
  CHECK(sim.summary().services[0].second.pending_count == 2);
  CHECK(sim.summary().services[0].second.running_count == 0);
}

TEST_CASE("more than 5,000 container instances in a cluster are refused at the entry that crosses the quota") {
  std::string yaml(web);
  yaml += "containerInstances:\n"
          "  - {cluster: prod, instanceType: m5.large, count: 3000}\n"
          "  - {cluster: prod, instanceType: m5.large, count: 2001}\n";
  CHECK(load_errors(yaml) ==
        "s.yaml:14:52: containerInstances.1.count: brings cluster 'prod' to 5001 container instances; ECS allows "
        "at most 5000 per cluster");
}

TEST_CASE("a run past the record limit stops with an ecsim::Error instead of exhausting memory") {
  const ecsim::LoadResult r = ecsim::load_scenario_text(web, "s.yaml", set({"services.web.desiredCount=50"}));
  ecsim::Simulation sim(r.scenario);
  sim.recorder().set_record_limit(100);  // 50 tasks make 50 creations and 4 state changes each
  CHECK_THROWS_WITH_AS(sim.run(),
                       "the run made more than 100 records (events.jsonl lines), ecsim's limit; shorten "
                       "simulation.duration or use fewer tasks",
                       ecsim::Error);
  CHECK(ecsim::Recorder::max_records == 20'000'000u);
}
