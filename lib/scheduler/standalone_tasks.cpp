#include "scheduler/standalone_tasks.hpp"

#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

namespace ecsim::detail {

std::string run_task_failure_reason(const PlacementFailure& f) {
  switch (f.reason) {
    case PlacementFailureReason::insufficient_cpu:
      return "RESOURCE:CPU";
    case PlacementFailureReason::insufficient_memory:
      return "RESOURCE:MEMORY";
    case PlacementFailureReason::insufficient_gpu:
      return "RESOURCE:GPU";
    case PlacementFailureReason::port_in_use:
      return "RESOURCE:PORTS";
    case PlacementFailureReason::no_eni_available:
      return "RESOURCE:ENI";
    case PlacementFailureReason::distinct_instance:
    case PlacementFailureReason::member_of:
      return "ATTRIBUTE";
    case PlacementFailureReason::no_container_instances:
      return "No Container Instances were found in your cluster.";
    case PlacementFailureReason::fargate_vcpu_quota:
      return "You've reached the limit on the number of vCPUs you can run concurrently";
    case PlacementFailureReason::none:
      break;
  }
  return "UNKNOWN";
}

void report_run_task_failure(World& w, std::uint32_t g, const PlacementFailure& f,
                             std::string_view closest_instance) {
  ServiceRuntime& group = w.services[g];
  ++group.placement_failures;
  const std::string reason = run_task_failure_reason(f);
  std::string text = closest_instance.empty()
                         ? fmt::format("(group {}) RunTask failure: {}", group.spec->service_name, reason)
                         : fmt::format("(group {}) RunTask failure: {} (container-instance {})",
                                       group.spec->service_name, reason, closest_instance);
  w.recorder.message(w.engine.now(), RecordType::placement_failure, g, std::move(text));
}

void run_standalone_tasks(World& w, std::uint32_t g, int count) {
  ServiceRuntime& group = w.services[g];
  if (group.deployments.empty()) {
    create_service(w, g);  // the group's one deployment; reconcile does nothing for it
  }
  const std::uint32_t dep = group.deployments.back();
  for (int k = 0; k < count; ++k) {
    // Each task is placed on its own; one that fits nowhere is a failure of
    // that call, and the others still run.
    start_standalone_task(w, g, dep);
  }
}

void delete_service(World& w, std::uint32_t s) {
  ServiceRuntime& svc = w.services[s];
  svc.deleted = true;
  svc.desired_count = 0;
  request_reconcile(w, s);
}

}  // namespace ecsim::detail
