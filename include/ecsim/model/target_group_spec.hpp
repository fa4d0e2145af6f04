#pragma once
/// An ELBv2 target group as ECS sees it: health checks and deregistration.
#include <ecsim/core/time.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ecsim {

/// Target group protocol; decides the default health-check timeout.
enum class TargetGroupProtocol { http, https, tcp, tls, udp, tcp_udp, geneve };

/// ELBv2 spellings of TargetGroupProtocol, indexed by value.
inline constexpr std::string_view target_group_protocol_names[] = {"HTTP", "HTTPS",   "TCP",   "TLS",
                                                                   "UDP",  "TCP_UDP", "GENEVE"};
/// Name table for enum_name / enum_from_name.
constexpr std::span<const std::string_view> enum_names(TargetGroupProtocol) { return target_group_protocol_names; }

/// One target group. Seconds fields of the API hold Millis here.
// ELB: interval 30 s (5-300), thresholds 5 / 2 (2-10), deregistration delay
// 300 s (0-3600), slow start 0 or 30-900 s (ecs-facts.md §11).
struct TargetGroupSpec {
  std::string name;                                          ///< what loadBalancers[].targetGroupArn names
  TargetGroupProtocol protocol = TargetGroupProtocol::http;  ///< HTTP unless set
  std::optional<int> port;                                   ///< kept for reference
  Millis health_check_interval{30'000};                      ///< healthCheckIntervalSeconds
  std::optional<Millis> health_check_timeout;                ///< unset: apply_defaults, 5 s HTTP(S), 10 s otherwise
  int healthy_threshold_count = 5;                           ///< passes to turn healthy
  int unhealthy_threshold_count = 2;                         ///< failures to turn unhealthy
  Millis deregistration_delay{300'000};  ///< deregistrationDelay (deregistration_delay.timeout_seconds)
  Millis slow_start{0};                  ///< slowStart (slow_start.duration_seconds); 0 = off
  SourceLocation where;                  ///< where the group was written
  bool operator==(const TargetGroupSpec&) const = default;
};

}  // namespace ecsim
