// Service Auto Scaling on an Auto Scaling group provider: the desired count
// target tracking asks for drives managed scaling of the instances.
#include <ecsim/io/output_writers.hpp>
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/simulation.hpp>

#include "invariants.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ecsim;

TEST_CASE("scaling out a service on an EC2 capacity provider launches instances for it, and the report names both") {
  LoadResult r = load_scenario_file(ECSIM_SOURCE_DIR "/scenarios/autoscaling-on-ec2.yaml");
  Simulation sim = test::run_checked(std::move(r.scenario)).sim;
  const RunSummary s = sim.summary();
  const ServiceSummary& worker = s.services.at(0).second;
  // Target tracking went above the initial 6 tasks...
  int peak_desired = 0;
  for (const MetricSample& m : sim.recorder().metrics()) peak_desired = std::max(peak_desired, m.desired_count);
  CHECK(peak_desired > 6);
  // ...and the group launched instances beyond its initial 2 to hold them.
  CHECK(s.instances_launched > 2);
  int service_scaling = 0, provider_scaling = 0;
  for (const Record& rec : sim.recorder().records()) {
    if (rec.type != RecordType::scaling) continue;
    (rec.service == Record::no_service ? provider_scaling : service_scaling) += 1;
  }
  CHECK(service_scaling > 0);
  CHECK(provider_scaling > 0);
  CHECK(worker.tasks_started > 6);
  // The report lists the capacity provider's activity without a service.
  const std::string report = report_text(sim, s, false);
  CHECK(report.find("traffic and auto scaling") != std::string::npos);
}
