#pragma once
/// Placer: ECS task placement on EC2 container instances (ecs-facts.md §6).
///
/// Order of work, as ECS documents it: keep instances with enough CPU, GPU,
/// memory, free ports and (awsvpc) a free ENI; keep those every constraint
/// accepts; apply the strategies in order, each narrowing the candidates the
/// previous one left (binpack keeps the least remaining of its resource,
/// spread the least-loaded value(s) of its field, random one candidate);
/// finally take the lowest instance id (ecsim's tie-break, ecs-facts.md §13).
///
/// Policies are compiled once (add_policy). The usual shapes — no strategy,
/// binpack, spread(attribute), spread(attribute) then binpack — are answered
/// by a CapacityIndex descent in O(log n); other chains (spread(instanceId),
/// random, binpack followed by more) scan every instance. choose_by_scan()
/// answers any policy by the plain scan and is the reference the index is
/// tested against.
///
/// Hot path: choose() and place() are noexcept, allocate nothing per task
/// once caches are warm, make no virtual calls and return a value, not an exception.
#include <cstdint>
#include <vector>

#include "ecsim/core/ids.hpp"
#include "ecsim/core/rng.hpp"
#include "ecsim/placement/cluster_query.hpp"
#include "ecsim/placement/cluster_state.hpp"
#include "ecsim/placement/placement_failure.hpp"
#include "ecsim/placement/placement_ids.hpp"
#include "ecsim/placement/placement_policy.hpp"

namespace ecsim {

/// An instance, or why there is none (std::optional-like).
class PlacementResult {
 public:
  /// A success on instance.
  static PlacementResult placed(InstanceId instance) noexcept {
    PlacementResult r;
    r.instance_ = instance;
    return r;
  }
  /// A failure.
  static PlacementResult failed(const PlacementFailure& failure) noexcept {
    PlacementResult r;
    r.failure_ = failure;
    return r;
  }
  /// True when an instance was chosen.
  bool has_value() const noexcept { return instance_ != invalid_id<InstanceId>; }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }
  /// The chosen instance (has_value() must hold).
  InstanceId operator*() const noexcept { return instance_; }
  /// The chosen instance, or invalid_id<InstanceId>.
  InstanceId instance() const noexcept { return instance_; }
  /// Why nothing was chosen (reason none on success).
  const PlacementFailure& failure() const noexcept { return failure_; }

 private:
  InstanceId instance_ = invalid_id<InstanceId>;
  PlacementFailure failure_;
};

/// Chooses instances for tasks on one ClusterState; see the file comment.
class Placer {
 public:
  /// seed feeds the random strategy through the placement RNG stream.
  Placer(ClusterState& state, std::uint64_t seed);

  /// Validates and compiles a policy. Throws InputError for more than 5
  /// strategies or 10 constraints, an unknown binpack/spread field, a
  /// distinctInstance with an expression, or a bad memberOf expression.
  PolicyId add_policy(const PlacementPolicy& policy);

  /// The instance the policy picks for one task of group, without placing it.
  PlacementResult choose(DemandId demand, TaskGroupId group, PolicyId policy) noexcept;

  /// choose(), then commits task to the chosen instance.
  PlacementResult place(TaskId task, DemandId demand, TaskGroupId group, PolicyId policy) noexcept;

  /// Frees a placed task's resources (ClusterState::release).
  void release(TaskId task) noexcept { state_.release(task); }

  /// The reference answer: a scan over every instance, any policy.
  PlacementResult choose_by_scan(DemandId demand, TaskGroupId group, PolicyId policy) noexcept;

  /// Why no instance qualifies (cold path, a scan): see PlacementFailure.
  PlacementFailure explain(DemandId demand, TaskGroupId group, PolicyId policy) noexcept;

  /// True when choose() answers this policy from an index rather than a scan.
  bool uses_index(PolicyId policy) const noexcept;

  /// The cluster being placed on.
  ClusterState& state() noexcept { return state_; }

 private:
  enum class Shape : std::uint8_t { lowest_id, binpack, spread, spread_binpack, scan };
  enum class Field : std::uint8_t { none, cpu, memory, instance, attribute };

  struct Strategy {
    StrategyType type = StrategyType::random;
    Field field = Field::none;
    AttributeId attribute{};
  };

  struct MemberOf {
    ClusterQuery query;
    std::uint8_t constraint = 0;             // index in the policy's constraints
    std::vector<Tri> by_class;               // verdict per attribute class
    std::vector<std::uint32_t> cache_epoch;  // per instance, 0 = empty
    std::vector<std::uint8_t> cache_value;
  };

  struct Policy {
    std::vector<Strategy> strategies;
    std::vector<MemberOf> member_of;
    bool distinct = false;
    std::uint8_t distinct_constraint = 0;
    std::uint8_t constraint_count = 0;
    Shape shape = Shape::scan;
    CapacityOrder order = CapacityOrder::id;
    AttributeId spread_attribute{};
    std::uint64_t class_mask = ~std::uint64_t{0};
    std::uint32_t classes_seen = 0;
    bool by_class = false;  // searches the per-class indexes (constraints or spread)
    // Per-class search plan, extended as classes appear (classes never change):
    std::vector<std::uint32_t> search_classes;  // classes no memberOf rules out
    std::vector<std::uint32_t> value_slot;      // by class: its spread value's slot in spread_values
    std::vector<AttrValueId> spread_values;     // distinct spread values of search_classes
  };

  /// Above this many attribute classes a policy searches the global index
  /// with class masks instead of one index per class.
  static constexpr std::uint32_t max_class_searches = 64;

  void refresh(Policy& p) noexcept;
  void refresh_value_masks() noexcept;
  bool member_ok(MemberOf& m, std::uint32_t instance) noexcept;
  bool candidate_ok(Policy& p, std::uint32_t instance, const TaskDemand& d, TaskGroupId group) noexcept;
  std::uint32_t choose_spread(Policy& p, const CapacityIndex& index, const Capacity& need, const TaskDemand& d,
                              TaskGroupId group) noexcept;
  std::uint32_t spread_count(const Strategy& s, std::uint32_t instance, TaskGroupId group) const noexcept;
  std::uint32_t choose_by_class(Policy& p, const Capacity& need, const TaskDemand& d, TaskGroupId group) noexcept;

  ClusterState& state_;
  Rng rng_;
  std::vector<Policy> policies_;
  std::vector<std::uint32_t> scratch_;  // scan candidates, reused
  std::vector<std::pair<std::uint32_t, std::uint64_t>> level_values_;
  std::vector<std::uint32_t> value_counts_;  // by spread value slot, reused
  std::vector<std::uint64_t> value_mask_;  // by AttrValueId: classes holding that pair
  std::uint32_t value_mask_classes_ = 0, value_mask_names_ = 0, value_mask_values_ = 0;
};

}  // namespace ecsim
