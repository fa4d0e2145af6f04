#pragma once
// Which capacity provider each service task runs on: the service's launch
// type or capacity provider strategy, split per deployment with base and
// weight (include/ecsim/scheduler/capacity_provider_split.hpp), and what a
// task on that provider costs.
#include "scheduler/world.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace ecsim::detail {

/// Custom attribute naming the Auto Scaling group provider an instance
/// belongs to; a service's tasks on that provider are placed with
/// memberOf(attribute:ecsim.capacity-provider == NAME).
inline constexpr std::string_view capacity_provider_attribute = "ecsim.capacity-provider";
/// The custom attribute every ECS Anywhere (EXTERNAL) instance carries, so
/// placement can keep EXTERNAL and EC2 tasks apart.
inline constexpr std::string_view external_attribute = "ecsim.external";

/// Index of the provider named `name` in the service's list, added if new.
std::uint8_t service_provider(ServiceRuntime& svc, const std::string& name);

/// Gives a new deployment the service's strategy: `strategy`, or one entry
/// for the launch type when it is empty.
void assign_strategy(World& w, std::uint32_t service, DeploymentRuntime& dep,
                     const std::vector<CapacityProviderStrategyItem>& strategy);

/// Chooses the strategy entry of a task about to start and counts it there.
std::uint8_t take_provider_slot(DeploymentRuntime& dep);

/// The task no longer counts toward its entry (desiredStatus STOPPED).
void release_provider_slot(World& w, std::size_t task);

/// What the task's provider is.
ProviderKind task_provider_kind(const World& w, std::size_t task);

/// Index into ServiceRuntime::providers of the task's provider.
std::uint8_t task_provider(const World& w, std::size_t task);

/// USD per hour the task bills itself: its Fargate or Fargate Spot price, 0 on EC2.
double task_hourly_usd(const World& w, std::uint32_t service, std::uint32_t deployment, std::uint8_t entry);

/// An EC2 task's share of its instance's price, by what it reserves: the
/// mean of its CPU and memory fractions of the instance's registered
/// resources, × the instance's hourly price.
double ec2_task_hourly_usd(const World& w, std::uint32_t cluster, TaskId task);

/// The entry a scale-in should take a task from, or -1 when the deployment
/// has one entry (any task will do).
int entry_to_shrink(const DeploymentRuntime& dep);

/// Running tasks of the service by provider name, for the summary.
std::vector<std::pair<std::string, int>> running_by_provider(const World& w, std::uint32_t service);

/// Billed cost of the service's tasks up to now, by provider (index as in
/// ServiceRuntime::providers).
std::vector<double> service_cost_by_provider(const World& w, std::uint32_t service);

/// Brings the service's time-below-desired up to date (call after every change).
void track_below_desired(World& w, std::uint32_t service);

/// Time the service has had fewer healthy tasks than desired, up to now.
Millis time_below_desired(const World& w, std::uint32_t service);

}  // namespace ecsim::detail
