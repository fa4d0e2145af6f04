#pragma once
// Auto Scaling group capacity providers: the group's instances (launched,
// registered after the launch time, terminated), tasks waiting in
// PROVISIONING for capacity, and ECS managed scaling driven by the
// CapacityProviderReservation metric each minute (ecs-facts §7.2).
#include "scheduler/world.hpp"

#include <cstdint>
#include <string_view>

namespace ecsim::detail {

/// Builds the groups of the scenario's capacity providers: their desired
/// capacity is registered at the start; managed scaling runs every minute.
void build_auto_scaling_groups(World& w);

/// A task of the group's provider found no instance: it waits in PROVISIONING.
void wait_for_capacity(World& w, int asg, TaskId task);

/// Places the tasks waiting for the cluster's groups where they now fit (an
/// outage has ended and its instances are back).
void place_waiting_tasks(World& w, std::uint32_t cluster);

/// An instance the group launched registers with the cluster.
void on_instance_registered(World& w, std::uint32_t asg, std::uint32_t instance);

/// The minute's managed scaling decision for the group.
void on_managed_scaling(World& w, std::uint32_t asg);

/// A cluster's ACTIVE instances changed: each DAEMON service now wants one
/// task per ACTIVE instance, and every service of the cluster reconciles.
void on_cluster_instances_changed(World& w, std::uint32_t cluster);

/// What the capacity provider reservation formula gives: M instances needed
/// (those holding tasks plus what the waiting tasks need), N in the group.
struct Reservation {
  int needed = 0;     ///< M
  int in_group = 0;   ///< N
  int empty = 0;      ///< registered ACTIVE instances without non-daemon tasks
  int percent = 100;  ///< CapacityProviderReservation: M / N × 100 (200 when N = 0 < M)
};
Reservation capacity_provider_reservation(const World& w, std::uint32_t asg);

/// Instances a scale-out launches at this reservation: enough to bring it to
/// targetCapacity, at least minimumScalingStepSize and at most
/// maximumScalingStepSize, within the group's maxSize (ecs-facts §7.2).
int scale_out_step(const ManagedScaling& ms, const Reservation& r, int max_size);

/// Launches `count` instances; they register after the group's launch time.
void launch_instances(World& w, std::uint32_t asg, int count);

/// The instance leaves the group (billing ends now); it is deregistered
/// from the cluster once its last task has stopped.
void terminate_instance(World& w, std::uint32_t asg, std::uint32_t instance, std::string_view why);

/// Deregisters terminated instances whose tasks have all stopped.
void deregister_terminated(World& w, std::uint32_t asg);

/// EC2 cost of the group's instances up to now, launch to termination.
double auto_scaling_group_cost_usd(const World& w, std::uint32_t asg);

}  // namespace ecsim::detail
