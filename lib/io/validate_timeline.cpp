// Checks of the sections that drive a run: behavior, workloads, faults and
// the timeline of operator actions (each action against what exists then).
#include "io/scenario_checker.hpp"

#include <ecsim/model/enum_names.hpp>

#include <algorithm>
#include <set>
#include <variant>

namespace ecsim::detail {

void ScenarioChecker::check_behavior() {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s_.behavior.size(); ++i) {
    const BehaviorSpec& b = s_.behavior[i];
    const std::string path = "behavior." + seg(b.task_definition, i);
    if (b.task_definition.empty()) continue;
    if (!seen.insert(b.task_definition).second)
      error(b.where, path + ".taskDefinition", "taskDefinition",
            "behavior for " + q(b.task_definition) + " is given twice");
    resolve_task_definition(b.task_definition, Millis::max(), b.where, path + ".taskDefinition", "taskDefinition",
                            true);
  }
}

void ScenarioChecker::check_workloads() {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s_.workloads.size(); ++i) {
    const WorkloadSpec& w = s_.workloads[i];
    const std::string path = "workloads." + seg(w.service, i);
    if (w.service.empty()) continue;
    if (!seen.insert(w.service).second)
      error(w.where, path + ".service", "service", "service " + q(w.service) + " already has a workload");
    if (!service(w.service, Millis::max()))
      error(w.where, path + ".service", "service",
            "no service named " + q(w.service) + suggest(w.service, service_names_));
  }
}

void ScenarioChecker::check_faults() {
  std::vector<std::string> zones;
  for (const ClusterSpec& c : s_.clusters)
    for (const std::string& z : c.availability_zones)
      if (std::find(zones.begin(), zones.end(), z) == zones.end()) zones.push_back(z);
  for (std::size_t i = 0; i < s_.faults.size(); ++i) {
    const FaultSpec& f = s_.faults[i];
    const std::string path = "faults." + std::to_string(i);
    if (f.type == FaultType::spot_interruptions && !f.capacity_provider.empty()) {
      const CapacityProviderSpec* cp = provider(f.capacity_provider);
      const std::string cpath = path + ".capacityProvider";
      if (f.capacity_provider == "FARGATE_SPOT") {
        if (f.rate_per_instance_hour > 0)
          error(f.where, path + ".ratePerInstanceHour", "ratePerInstanceHour",
                "Fargate Spot interrupts tasks: use ratePerTaskHour");
        if (f.rebalance_recommendation > Millis{0})
          error(f.where, path + ".rebalanceRecommendation", "rebalanceRecommendation",
                "rebalance recommendations come to EC2 Spot instances, not Fargate Spot tasks");
      } else if (!cp) {
        std::vector<std::string> names = provider_names_;
        error(f.where, cpath, "capacityProvider",
              "no capacity provider named " + q(f.capacity_provider) + suggest(f.capacity_provider, names));
      } else if (cp->auto_scaling_group.purchase_option != PurchaseOption::spot) {
        error(f.where, cpath, "capacityProvider",
              "capacity provider " + q(f.capacity_provider) +
                  " runs on-demand instances; Spot interruptions need purchaseOption spot (or FARGATE_SPOT)");
      } else if (f.rate_per_task_hour > 0) {
        error(f.where, path + ".ratePerTaskHour", "ratePerTaskHour",
              "EC2 Spot interrupts instances: use ratePerInstanceHour");
      }
    }
    // ecsim models the shortage on Fargate Spot only (an ecsim field, so no ECS rule to follow).
    if (f.type == FaultType::spot_capacity_unavailable && !f.capacity_provider.empty() &&
        f.capacity_provider != "FARGATE_SPOT")
      error(f.where, path + ".capacityProvider", "capacityProvider",
            "spotCapacityUnavailable applies to FARGATE_SPOT only, got " + q(f.capacity_provider));
    if (f.type == FaultType::spot_interruptions && !f.times.empty() && s_.simulation.duration > Millis{0} &&
        f.times.back() >= s_.simulation.duration)
      warn(f.where, path + ".csv", "csv",
           "has times at or after the end of the simulation (" + format_duration(s_.simulation.duration) +
               "); those rows never happen");
    if (f.type == FaultType::az_outage || f.type == FaultType::spot_capacity_unavailable) {
      if (f.type == FaultType::az_outage && !f.availability_zone.empty() &&
          std::find(zones.begin(), zones.end(), f.availability_zone) == zones.end())
        error(f.where, path + ".availabilityZone", "availabilityZone",
              "no cluster uses Availability Zone " + q(f.availability_zone) + suggest(f.availability_zone, zones));
      if (f.at >= s_.simulation.duration && s_.simulation.duration > Millis{0})
        warn(f.where, path + ".at", "at",
             "starts after the simulation ends (" + format_duration(s_.simulation.duration) + "); it never happens");
    }
  }
}

void ScenarioChecker::check_timeline() {
  for (std::size_t i = 0; i < s_.timeline.size(); ++i) {
    const TimelineEntry& e = s_.timeline[i];
    const std::string path = "timeline." + std::to_string(i);
    if (s_.simulation.duration > Millis{0} && e.at >= s_.simulation.duration)
      warn(e.where, path + ".at", "at",
           "is at or after the end of the simulation (" + format_duration(s_.simulation.duration) +
               "); it never happens");
    if (const auto* up = std::get_if<UpdateServiceAction>(&e.action)) {
      const std::string apath = path + ".updateService";
      const SvcEntry* svc = up->service.empty() ? nullptr : service(up->service, e.at);
      if (!up->service.empty() && !svc)
        error(up->where, apath + ".service", "service",
              "no service named " + q(up->service) + " exists at " + format_duration(e.at) +
                  suggest(up->service, service_names_));
      const TaskDefinition* td = nullptr;
      if (up->task_definition)
        td =
            resolve_task_definition(*up->task_definition, e.at, up->where, apath + ".taskDefinition", "taskDefinition");
      if (svc && td)
        check_launch(td, effective_launch_type(svc->svc->launch_type, svc->svc->capacity_provider_strategy),
                     *up->task_definition, up->where, apath);
      if (svc && !up->capacity_provider_strategy.empty())
        check_strategy(up->capacity_provider_strategy, svc->svc->cluster, apath + ".capacityProviderStrategy",
                       up->where, "capacityProviderStrategy");
      if (svc && up->deployment_configuration && up->deployment_configuration->maximum_percent &&
          *up->deployment_configuration->maximum_percent < 100 &&
          svc->svc->scheduling_strategy == SchedulingStrategy::replica)
        error(up->deployment_configuration->where, apath + ".deploymentConfiguration.maximumPercent", "maximumPercent",
              "must be at least 100 for REPLICA services, got " +
                  std::to_string(*up->deployment_configuration->maximum_percent));
    } else if (const auto* run = std::get_if<RunTaskAction>(&e.action)) {
      const std::string apath = path + ".runTask";
      check_cluster_ref(run->where, apath, run->cluster);
      const TaskDefinition* td =
          resolve_task_definition(run->task_definition, e.at, run->where, apath + ".taskDefinition", "taskDefinition");
      const ClusterSpec* c = cluster(run->cluster);
      if (!(c && run->capacity_provider_strategy == c->default_capacity_provider_strategy))
        check_strategy(run->capacity_provider_strategy, run->cluster, apath + ".capacityProviderStrategy", run->where,
                       "capacityProviderStrategy");
      const auto launch = effective_launch_type(run->launch_type, run->capacity_provider_strategy);
      check_launch(td, launch, run->task_definition, run->where, apath);
      check_placement(run->placement_strategy, run->placement_constraints, td, launch == LaunchType::fargate, apath,
                      run->where);
    } else if (const auto* del = std::get_if<DeleteServiceAction>(&e.action)) {
      if (!del->service.empty() && !service(del->service, e.at))
        error(del->where, path + ".deleteService.service", "service",
              "no service named " + q(del->service) + " exists at " + format_duration(e.at) +
                  suggest(del->service, service_names_));
    } else if (const auto* cont = std::get_if<ContinueDeploymentAction>(&e.action)) {
      // CodeDeploy's ContinueDeployment: only a CODE_DEPLOY service has a
      // CodeDeploy deployment to continue.
      const SvcEntry* svc = cont->service.empty() ? nullptr : service(cont->service, e.at);
      if (!cont->service.empty() && !svc)
        error(cont->where, path + ".continueDeployment.service", "service",
              "no service named " + q(cont->service) + " exists at " + format_duration(e.at) +
                  suggest(cont->service, service_names_));
      else if (svc && svc->svc->deployment_controller.type != DeploymentControllerType::code_deploy)
        error(cont->where, path + ".continueDeployment.service", "service",
              "service " + q(cont->service) + " has no CodeDeploy deployments to continue (deploymentController " +
                  std::string(enum_name(svc->svc->deployment_controller.type)) + ")");
    }
  }
}

}  // namespace ecsim::detail
