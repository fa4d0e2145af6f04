#pragma once
/// How AWS turns a runtime into a charge: per-second billing with a minimum
/// (ecs-facts.md §8.2 for Fargate, §9 for EC2), and a monthly projection.
#include <ecsim/core/time.hpp>
#include <ecsim/model/platform.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace ecsim {

/// Minimum charge for Fargate Linux and for EC2 (Linux, and Windows since
/// 2021): one minute (ecs-facts.md §8.2, §9).
inline constexpr Millis default_min_billing = std::chrono::minutes(1);

/// Minimum charge for a Fargate Windows task: 15 minutes, widely cited but
/// unconfirmed (ecs-facts.md §13, U: `fargate_windows_min_billing_s=900`).
inline constexpr Millis fargate_windows_min_billing = std::chrono::seconds(900);

/// Hours in the month used for monthly projections (AWS's own 730 h convention).
inline constexpr double hours_per_month = 730.0;

/// The minimum charge of a Fargate task on this OS.
constexpr Millis fargate_min_billing(OsFamily os) noexcept {
  return os == OsFamily::windows ? fargate_windows_min_billing : default_min_billing;
}

/// The time AWS bills for a runtime: whole seconds, at least `minimum`.
/// AWS bills per second; ecsim rounds a partial second UP (assumption: the
/// rounding is not documented). A negative runtime counts as zero.
constexpr Millis billable_duration(Millis runtime, Millis minimum = default_min_billing) noexcept {
  const std::int64_t ms = std::max<std::int64_t>(runtime.count(), 0);
  const Millis whole_seconds{(ms + 999) / 1000 * 1000};
  return std::max(whole_seconds, minimum);
}

/// USD for running something priced at hourly_usd for runtime.
constexpr double charge_usd(double hourly_usd, Millis runtime, Millis minimum = default_min_billing) noexcept {
  return hourly_usd * static_cast<double>(billable_duration(runtime, minimum).count()) / 3'600'000.0;
}

/// USD for running all month (730 hours) at hourly_usd.
constexpr double monthly_usd(double hourly_usd) noexcept { return hourly_usd * hours_per_month; }

}  // namespace ecsim
