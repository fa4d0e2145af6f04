#pragma once
// ECS's launch-rate quotas (ecs-facts §12): a service launches at most 500
// tasks a minute, and Fargate launches draw on an account token bucket
// (burst 100, 20 a second). Both are a generic cell rate algorithm on the
// virtual clock: integer, exact, O(1), no refill events. A cluster also holds
// at most max_provisioning_tasks_per_cluster tasks in PROVISIONING (§7.2).
#include "scheduler/world.hpp"

#include <cstdint>

namespace ecsim::detail {

/// Whether `n` more launches fit now.
bool launch_fits(const LaunchBucket& b, SimTime now, int burst, Millis per_token, int n = 1) noexcept;
/// Records one launch (call only when launch_fits).
void take_launch(LaunchBucket& b, SimTime now, int burst, Millis per_token) noexcept;
/// The earliest time `n` more launches fit (n <= burst).
SimTime next_launch_at(const LaunchBucket& b, int burst, Millis per_token, int n = 1) noexcept;

/// Whether the service may launch one more task now. If not, a reconcile is
/// queued for when `wanted` launches fit (at most launch_batch: ECS launches
/// in batches, so a throttled service does not wake for every token).
bool may_launch(World& w, std::uint32_t service, int wanted);
/// Charges one launched task to the service's and the account's buckets.
void note_launch(World& w, std::uint32_t service);

/// A task of the service enters (or leaves) PROVISIONING. Leaving below the
/// cluster's quota of PROVISIONING tasks wakes the services it held back.
void note_provisioning(World& w, std::uint32_t service, bool entering);

/// Queues one reconcile of the service at `at` (the earliest asked for wins).
void wake_service_at(World& w, std::uint32_t service, SimTime at);

}  // namespace ecsim::detail
