#pragma once
/// Host ports taken on each instance by bridge/host-mode tasks. Compact: the
/// cluster-wide reserved ports are one sorted list, static ports in use are
/// one flat hash keyed (instance, port), and dynamic ports (hostPort 0) are
/// only counted per instance, since no rule cares which one the agent picked.
/// ECS: reserved 22, 2375, 2376, 51678, 51679 by default; dynamic range
/// 32768-60999 on Linux (ecs-facts.md §6.4). A static port inside the dynamic
/// range does not shrink the dynamic pool here (28,232 ports; never binding).
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "ecsim/placement/flat_count_map.hpp"
#include "ecsim/placement/task_demand.hpp"

namespace ecsim {

/// Which host ports ECS keeps back and where dynamic ports come from.
struct PortConfig {
  std::vector<std::uint16_t> reserved{22, 2375, 2376, 51678, 51679};  ///< ECS_RESERVED_PORTS
  std::uint16_t dynamic_first = 32768;                                ///< ip_local_port_range start
  std::uint16_t dynamic_last = 60999;                                 ///< ip_local_port_range end
};

/// Ports in use per instance; instance indexes are dense.
class PortTable {
 public:
  /// 0 means "no conflict" in first_conflict().
  static constexpr std::uint16_t no_conflict = 0;

  explicit PortTable(PortConfig config = {}) : config_(std::move(config)) {
    std::sort(config_.reserved.begin(), config_.reserved.end());
  }

  /// Makes room for instance indexes below n.
  void resize(std::uint32_t n) {
    if (dynamic_used_.size() < n) dynamic_used_.resize(n, 0);
  }

  /// The first static port of d that is reserved or taken on instance, or
  /// no_conflict; a full dynamic range reports the range's first port.
  std::uint16_t first_conflict(std::uint32_t instance, const TaskDemand& d) const noexcept {
    for (const std::uint16_t p : d.ports()) {
      if (std::binary_search(config_.reserved.begin(), config_.reserved.end(), p)) return p;
      if (used_.get(key(instance, p)) != 0) return p;
    }
    if (d.dynamic_port_count > 0 &&
        dynamic_used_[instance] + d.dynamic_port_count > dynamic_capacity())
      return config_.dynamic_first;
    return no_conflict;
  }

  /// True when d's ports are all free on instance.
  bool available(std::uint32_t instance, const TaskDemand& d) const noexcept {
    if (d.static_port_count == 0 && d.dynamic_port_count == 0) return true;
    return first_conflict(instance, d) == no_conflict;
  }

  /// Marks d's ports taken on instance (they must be available).
  void take(std::uint32_t instance, const TaskDemand& d) {
    for (const std::uint16_t p : d.ports()) used_.increment(key(instance, p));
    dynamic_used_[instance] = static_cast<std::uint16_t>(dynamic_used_[instance] + d.dynamic_port_count);
  }

  /// Frees d's ports on instance.
  void give_back(std::uint32_t instance, const TaskDemand& d) noexcept {
    for (const std::uint16_t p : d.ports()) used_.decrement(key(instance, p));
    dynamic_used_[instance] = static_cast<std::uint16_t>(dynamic_used_[instance] - d.dynamic_port_count);
  }

  /// Dynamic ports one instance can hand out.
  int dynamic_capacity() const noexcept { return config_.dynamic_last - config_.dynamic_first + 1; }

  /// The configuration in use.
  const PortConfig& config() const noexcept { return config_; }

  /// Bytes held for static ports in use (grows with tasks).
  std::size_t task_bytes() const noexcept { return used_.memory_bytes(); }
  /// Bytes held per instance row (dynamic port counts).
  std::size_t instance_bytes() const noexcept { return dynamic_used_.capacity() * sizeof(std::uint16_t); }

 private:
  static std::uint64_t key(std::uint32_t instance, std::uint16_t port) noexcept {
    return (std::uint64_t{instance} << 16) | port;
  }

  PortConfig config_;
  detail::FlatCountMap used_;                 // (instance, port) -> 1 while taken
  std::vector<std::uint16_t> dynamic_used_;  // by instance index
};

}  // namespace ecsim
