#include "ecsim/placement/placement_failure.hpp"

namespace ecsim {

std::string placement_failure_message(const PlacementFailure& f, std::string_view instance_name) {
  const std::string closest = "The closest matching container-instance " + std::string(instance_name);
  switch (f.reason) {
    case PlacementFailureReason::none:
      return {};
    case PlacementFailureReason::no_container_instances:
      return "Reason: No Container Instances were found in your cluster.";
    case PlacementFailureReason::insufficient_cpu:
      return closest + " has insufficient CPU units available.";
    case PlacementFailureReason::insufficient_gpu:
      return closest + " has insufficient GPU units available.";
    case PlacementFailureReason::insufficient_memory:
      return closest + " has insufficient memory available.";
    case PlacementFailureReason::port_in_use:
      return closest + " is already using a port required by your task.";
    case PlacementFailureReason::no_eni_available:
      return closest + " encountered error \"RESOURCE:ENI\".";
    case PlacementFailureReason::distinct_instance:
      return closest + " encountered error \"DistinctInstance placement constraint unsatisfied.\".";
    case PlacementFailureReason::member_of:
      return closest + " encountered error \"MemberOf placement constraint unsatisfied.\".";
    case PlacementFailureReason::fargate_vcpu_quota:
      return "Reason: You've reached the limit on the number of vCPUs you can run concurrently";
  }
  return {};
}

std::string placement_failure_event(std::string_view service, const PlacementFailure& f,
                                    std::string_view instance_name) {
  if (f.reason == PlacementFailureReason::fargate_vcpu_quota)
    return "(service " + std::string(service) + ") was unable to place a task. " +
           placement_failure_message(f, instance_name);
  return "(service " + std::string(service) +
         ") was unable to place a task because no container instance met all of its requirements. " +
         placement_failure_message(f, instance_name);
}

}  // namespace ecsim
