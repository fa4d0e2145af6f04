#include "ecsim/placement/placer.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "ecsim/core/error.hpp"
#include "ecsim/core/spelling.hpp"

namespace ecsim {

namespace {

bool runs_group(const void* context, TaskGroupId group, std::uint32_t instance) {
  return static_cast<const ClusterState*>(context)->group_count_on(group, make_id<InstanceId>(instance)) > 0;
}

Capacity need_of(const TaskDemand& d) noexcept {
  return {d.cpu, d.memory_mib, d.gpus, d.needs_eni() ? 1 : 0};
}

[[noreturn]] void bad_field(std::string_view strategy, std::string_view field, std::string_view expected,
                            std::span<const std::string_view> names) {
  std::string msg = "placement strategy " + std::string(strategy) + ": unknown field '" + std::string(field) + "'";
  if (const auto m = detail::closest_match(field, names)) msg += "; did you mean '" + std::string(*m) + "'?";
  else msg += "; expected " + std::string(expected);
  throw InputError(msg);
}

}  // namespace

Placer::Placer(ClusterState& state, std::uint64_t seed)
    : state_(state), rng_(Rng::stream(seed, RngStream::placement)) {}

PolicyId Placer::add_policy(const PlacementPolicy& spec) {
  if (spec.strategies.size() > max_placement_strategies)
    throw InputError("placement: at most " + std::to_string(max_placement_strategies) + " strategies are allowed, got " +
                     std::to_string(spec.strategies.size()));
  if (spec.constraints.size() > max_placement_constraints)
    throw InputError("placement: at most " + std::to_string(max_placement_constraints) +
                     " constraints are allowed, got " + std::to_string(spec.constraints.size()));
  Policy p;
  AttributeTable& attrs = state_.attributes();
  for (const PlacementStrategy& s : spec.strategies) {
    Strategy c;
    c.type = s.type;
    switch (s.type) {
      case StrategyType::binpack: {
        constexpr std::string_view names[] = {"cpu", "memory"};
        if (s.field == "cpu") c.field = Field::cpu;
        else if (s.field == "memory") c.field = Field::memory;
        else bad_field("binpack", s.field, "cpu or memory", names);
        break;
      }
      case StrategyType::spread: {
        constexpr std::string_view prefix = "attribute:";
        constexpr std::string_view names[] = {"instanceId", "host", "attribute:ecs.availability-zone"};
        if (s.field == "instanceId" || s.field == "host") {
          c.field = Field::instance;
        } else if (s.field.size() > prefix.size() && std::string_view(s.field).substr(0, prefix.size()) == prefix) {
          c.field = Field::attribute;
          c.attribute = attrs.intern_name(std::string_view(s.field).substr(prefix.size()));
        } else {
          bad_field("spread", s.field, "instanceId, host or attribute:<name>", names);
        }
        break;
      }
      case StrategyType::random:
        if (!s.field.empty())
          throw InputError("placement strategy random takes no field, got '" + s.field + "'");
        break;
    }
    p.strategies.push_back(c);
  }
  p.constraint_count = static_cast<std::uint8_t>(spec.constraints.size());
  for (std::size_t k = 0; k < spec.constraints.size(); ++k) {
    const PlacementConstraint& c = spec.constraints[k];
    if (c.type == ConstraintType::distinct_instance) {
      if (!c.expression.empty())
        throw InputError("placement constraint distinctInstance takes no expression, got '" + c.expression + "'");
      if (!p.distinct) p.distinct_constraint = static_cast<std::uint8_t>(k);
      p.distinct = true;
    } else {
      MemberOf m;
      m.query = ClusterQuery::parse(c.expression, attrs, state_.groups());
      m.constraint = static_cast<std::uint8_t>(k);
      p.member_of.push_back(std::move(m));
    }
  }

  // Pick the indexed shape when the strategy chain has one.
  const auto& st = p.strategies;
  const auto order_of = [](Field f) { return f == Field::cpu ? CapacityOrder::cpu : CapacityOrder::memory; };
  if (st.empty()) {
    p.shape = Shape::lowest_id;
  } else if (st.size() == 1 && st[0].type == StrategyType::binpack) {
    p.shape = Shape::binpack;
    p.order = order_of(st[0].field);
  } else if (st.size() == 1 && st[0].type == StrategyType::spread && st[0].field == Field::attribute) {
    p.shape = Shape::spread;
    p.spread_attribute = st[0].attribute;
  } else if (st.size() == 2 && st[0].type == StrategyType::spread && st[0].field == Field::attribute &&
             st[1].type == StrategyType::binpack) {
    p.shape = Shape::spread_binpack;
    p.spread_attribute = st[0].attribute;
    p.order = order_of(st[1].field);
  }
  if (p.shape == Shape::lowest_id || p.shape == Shape::spread) p.order = CapacityOrder::id;

  // Pay per use: only the counts and indexes this policy reads are kept. A
  // policy searching per class builds the global index only if the cluster
  // ever has more classes than it searches one by one.
  p.by_class = p.shape != Shape::scan &&
               (!p.member_of.empty() || p.shape == Shape::spread || p.shape == Shape::spread_binpack);
  if (p.by_class) state_.enable_class_indexes(p.order);
  else if (p.shape != Shape::scan) state_.enable_index(p.order);
  bool needs_groups = p.distinct;
  for (const Strategy& s : p.strategies) {
    if (s.type == StrategyType::spread && s.field == Field::instance) needs_groups = true;
    if (s.type == StrategyType::spread && s.field == Field::attribute) state_.track_attribute(s.attribute);
  }
  for (const MemberOf& m : p.member_of)
    if (!m.query.groups().empty()) needs_groups = true;
  if (needs_groups) state_.track_instance_groups();

  policies_.push_back(std::move(p));
  return make_id<PolicyId>(static_cast<std::uint32_t>(policies_.size() - 1));
}

bool Placer::uses_index(PolicyId policy) const noexcept { return policies_[index(policy)].shape != Shape::scan; }

// Brings a policy's per-class verdicts and class mask up to date with the
// classes interned so far (classes are immutable, so old verdicts stay valid).
void Placer::refresh(Policy& p) noexcept {
  const AttributeTable& attrs = state_.attributes();
  const std::uint32_t classes = attrs.class_count();
  if (p.classes_seen == classes) return;
  for (MemberOf& m : p.member_of)
    for (std::uint32_t c = static_cast<std::uint32_t>(m.by_class.size()); c < classes; ++c)
      m.by_class.push_back(m.query.evaluate_class(attrs, make_id<AttributeClassId>(c)));
  const bool spread = p.shape == Shape::spread || p.shape == Shape::spread_binpack;
  for (std::uint32_t c = p.classes_seen; c < classes; ++c) {
    if (std::any_of(p.member_of.begin(), p.member_of.end(), [c](const MemberOf& m) { return m.by_class[c] == Tri::no; }))
      continue;
    p.search_classes.push_back(c);
    if (!spread) continue;
    // Counts are looked up once per distinct value, not once per class.
    const AttrValueId v = attrs.value_of(make_id<AttributeClassId>(c), p.spread_attribute);
    const auto slot = static_cast<std::uint32_t>(
        std::find(p.spread_values.begin(), p.spread_values.end(), v) - p.spread_values.begin());
    if (slot == p.spread_values.size()) p.spread_values.push_back(v);
    p.value_slot.resize(classes, 0);
    p.value_slot[c] = slot;
  }
  if (!p.member_of.empty()) {
    std::uint64_t mask = 0;
    for (std::uint32_t c = 0; c < classes; ++c) {
      const bool possible = std::none_of(p.member_of.begin(), p.member_of.end(),
                                         [c](const MemberOf& m) { return m.by_class[c] == Tri::no; });
      if (possible) mask |= std::uint64_t{1} << ClusterState::class_bit_of(make_id<AttributeClassId>(c));
    }
    p.class_mask = mask;
  }
  p.classes_seen = classes;
}

void Placer::refresh_value_masks() noexcept {
  const AttributeTable& attrs = state_.attributes();
  if (value_mask_classes_ == attrs.class_count() && value_mask_names_ == attrs.name_count() &&
      value_mask_values_ == attrs.value_count())
    return;
  value_mask_.assign(attrs.value_count(), 0);
  for (std::uint32_t c = 0; c < attrs.class_count(); ++c) {
    const auto cls = make_id<AttributeClassId>(c);
    const std::uint64_t bit = std::uint64_t{1} << ClusterState::class_bit_of(cls);
    for (std::uint32_t a = 0; a < attrs.name_count(); ++a)
      value_mask_[index(attrs.value_of(cls, make_id<AttributeId>(a)))] |= bit;
  }
  value_mask_classes_ = attrs.class_count();
  value_mask_names_ = attrs.name_count();
  value_mask_values_ = attrs.value_count();
}

bool Placer::member_ok(MemberOf& m, std::uint32_t i) noexcept {
  const InstanceId id = make_id<InstanceId>(i);
  const Tri by_class = m.by_class[index(state_.attribute_class(id))];
  if (by_class != Tri::unknown) return by_class == Tri::yes;
  // Per-instance answers are cached per (expression, instance) and dropped
  // when the instance's epoch moves; answers that depend on tasks are not.
  const bool cacheable = !m.query.depends_on_tasks();
  if (cacheable) {
    if (m.cache_epoch.size() <= i) {
      m.cache_epoch.resize(state_.instance_capacity(), 0);
      m.cache_value.resize(state_.instance_capacity(), 0);
    }
    if (m.cache_epoch[i] == state_.epoch(id)) return m.cache_value[i] != 0;
  }
  InstanceFacts facts;
  facts.attribute_class = state_.attribute_class(id);
  facts.ec2_instance_id = state_.ec2_instance_id(id);
  facts.agent_connected = state_.agent_connected(id);
  facts.running_tasks = state_.running_tasks(id);
  facts.registered_at = state_.registered_at(id);
  facts.runs_group = &runs_group;
  facts.context = &state_;
  facts.instance = i;
  const bool ok = m.query.evaluate(state_.attributes(), facts);
  if (cacheable) {
    m.cache_epoch[i] = state_.epoch(id);
    m.cache_value[i] = ok ? 1 : 0;
  }
  return ok;
}

bool Placer::candidate_ok(Policy& p, std::uint32_t i, const TaskDemand& d, TaskGroupId group) noexcept {
  if ((d.static_port_count != 0 || d.dynamic_port_count != 0) && !state_.ports().available(i, d)) return false;
  if (p.distinct && state_.group_count_on(group, make_id<InstanceId>(i)) != 0) return false;
  for (MemberOf& m : p.member_of)
    if (!member_ok(m, i)) return false;
  return true;
}

std::uint32_t Placer::spread_count(const Strategy& s, std::uint32_t i, TaskGroupId group) const noexcept {
  const InstanceId id = make_id<InstanceId>(i);
  if (s.field == Field::instance) return state_.group_count_on(group, id);
  return state_.group_count_in(group, state_.attributes().value_of(state_.attribute_class(id), s.attribute));
}

std::uint32_t Placer::choose_spread(Policy& p, const CapacityIndex& idx, const Capacity& need, const TaskDemand& d,
                                    TaskGroupId group) noexcept {
  refresh_value_masks();
  const AttributeTable& attrs = state_.attributes();
  level_values_.clear();
  for (const AttrValueId v : attrs.values_of(p.spread_attribute)) {
    const std::uint64_t mask = value_mask_[index(v)] & p.class_mask;
    if (mask == 0) continue;
    level_values_.emplace_back(state_.group_count_in(group, v), mask);
  }
  std::sort(level_values_.begin(), level_values_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // With at most 64 classes every class has its own bit and a mask is exact;
  // beyond that a candidate's value is re-checked against the level's count.
  const bool exact = attrs.class_count() <= 64;
  for (std::size_t lo = 0; lo < level_values_.size();) {
    const std::uint32_t count = level_values_[lo].first;
    std::uint64_t mask = 0;
    std::size_t hi = lo;
    for (; hi < level_values_.size() && level_values_[hi].first == count; ++hi) mask |= level_values_[hi].second;
    const Strategy spread{StrategyType::spread, Field::attribute, p.spread_attribute};
    const std::uint32_t r = idx.first_fit(need, mask, [&](std::uint32_t i) {
      if (!exact && spread_count(spread, i, group) != count) return false;
      return candidate_ok(p, i, d, group);
    });
    if (r != CapacityIndex::not_found) return r;
    lo = hi;
  }
  return CapacityIndex::not_found;
}

// Searches the index of each attribute class the policy can use and keeps the
// best answer by the order key; spread searches level by level (the classes
// whose value has the fewest tasks of the group first).
std::uint32_t Placer::choose_by_class(Policy& p, const Capacity& need, const TaskDemand& d,
                                      TaskGroupId group) noexcept {
  const bool spread = p.shape == Shape::spread || p.shape == Shape::spread_binpack;
  if (spread) {
    value_counts_.resize(p.spread_values.size());
    for (std::size_t v = 0; v < p.spread_values.size(); ++v)
      value_counts_[v] = state_.group_count_in(group, p.spread_values[v]);
  }
  // Without ports or constraints every instance that fits is a candidate.
  const bool plain = !p.distinct && p.member_of.empty() && d.static_port_count == 0 && d.dynamic_port_count == 0;
  const auto pred = [&](std::uint32_t i) { return plain || candidate_ok(p, i, d, group); };
  // Levels in ascending count; a level is usually one or two classes and the
  // first one usually has room, so picking each level's count by a pass over
  // the few values is cheaper than sorting the classes.
  std::uint32_t floor = 0;
  for (;;) {
    std::uint32_t level = 0;
    if (spread) {
      level = std::numeric_limits<std::uint32_t>::max();
      for (const std::uint32_t n : value_counts_)
        if (n >= floor && n < level) level = n;
      if (level == std::numeric_limits<std::uint32_t>::max()) return CapacityIndex::not_found;
    }
    std::uint32_t best = CapacityIndex::not_found;
    std::uint64_t best_key = ~std::uint64_t{0};
    for (const std::uint32_t c : p.search_classes) {
      if (spread && value_counts_[p.value_slot[c]] != level) continue;
      const CapacityIndex* idx = state_.class_index(p.order, make_id<AttributeClassId>(c));
      if (idx == nullptr || idx->size() == 0) continue;
      const std::uint32_t r = idx->first_fit(need, ~std::uint64_t{0}, pred);
      if (r == CapacityIndex::not_found) continue;
      const std::uint64_t k = idx->order_key(r, state_.remaining(make_id<InstanceId>(r)));
      if (k < best_key) {
        best_key = k;
        best = r;
      }
    }
    if (best != CapacityIndex::not_found || !spread) return best;
    floor = level + 1;
  }
}

PlacementResult Placer::choose(DemandId demand, TaskGroupId group, PolicyId policy) noexcept {
  Policy& p = policies_[index(policy)];
  if (p.shape == Shape::scan) return choose_by_scan(demand, group, policy);
  refresh(p);
  const TaskDemand& d = state_.demand(demand);
  const Capacity need = need_of(d);
  std::uint32_t r = CapacityIndex::not_found;
  if (p.by_class && state_.attributes().class_count() <= max_class_searches) {
    r = choose_by_class(p, need, d, group);
  } else {
    if (state_.capacity_index(p.order) == nullptr) state_.enable_index(p.order);  // once, when classes outgrow the per-class search
    const CapacityIndex& idx = *state_.capacity_index(p.order);
    if (p.shape == Shape::spread || p.shape == Shape::spread_binpack) {
      r = choose_spread(p, idx, need, d, group);
    } else {
      // Without ports or constraints every instance that fits is a candidate.
      const bool plain = !p.distinct && p.member_of.empty() && d.static_port_count == 0 && d.dynamic_port_count == 0;
      r = idx.first_fit(need, p.class_mask, [&](std::uint32_t i) { return plain || candidate_ok(p, i, d, group); });
    }
  }
  if (r == CapacityIndex::not_found) return PlacementResult::failed(explain(demand, group, policy));
  return PlacementResult::placed(make_id<InstanceId>(r));
}

PlacementResult Placer::place(TaskId task, DemandId demand, TaskGroupId group, PolicyId policy) noexcept {
  const PlacementResult r = choose(demand, group, policy);
  if (r) state_.commit(task, *r, demand, group);
  return r;
}

PlacementResult Placer::choose_by_scan(DemandId demand, TaskGroupId group, PolicyId policy) noexcept {
  Policy& p = policies_[index(policy)];
  refresh(p);
  const TaskDemand& d = state_.demand(demand);
  scratch_.clear();
  const std::uint32_t n = state_.instance_capacity();
  for (std::uint32_t i = 0; i < n; ++i) {
    const InstanceId id = make_id<InstanceId>(i);
    if (state_.status(id) != InstanceStatus::active || !state_.fits(id, d)) continue;
    if (!candidate_ok(p, i, d, group)) continue;
    scratch_.push_back(i);
  }
  if (scratch_.empty()) return PlacementResult::failed(explain(demand, group, policy));
  // Each strategy keeps the candidates that score best; the rest compete no more.
  for (const Strategy& s : p.strategies) {
    if (scratch_.size() == 1) break;
    if (s.type == StrategyType::random) {
      const std::uint32_t pick = scratch_[rng_.uniform_int(scratch_.size())];
      scratch_.assign(1, pick);
      continue;
    }
    const auto score = [&](std::uint32_t i) -> std::uint64_t {
      const Capacity left = state_.remaining(make_id<InstanceId>(i));
      if (s.type == StrategyType::binpack)
        return static_cast<std::uint64_t>(s.field == Field::cpu ? left.cpu : left.memory_mib);
      return spread_count(s, i, group);
    };
    std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
    for (const std::uint32_t i : scratch_) best = std::min(best, score(i));
    std::erase_if(scratch_, [&](std::uint32_t i) { return score(i) != best; });
  }
  return PlacementResult::placed(make_id<InstanceId>(scratch_.front()));
}

PlacementFailure Placer::explain(DemandId demand, TaskGroupId group, PolicyId policy) noexcept {
  Policy& p = policies_[index(policy)];
  refresh(p);
  const TaskDemand& d = state_.demand(demand);
  PlacementFailure best;
  if (state_.active_count() == 0) {
    best.reason = PlacementFailureReason::no_container_instances;
    return best;
  }
  // Checks in ECS's order; the closest instance passes the longest prefix.
  int best_stage = -1;
  const std::uint32_t n = state_.instance_capacity();
  for (std::uint32_t i = 0; i < n; ++i) {
    const InstanceId id = make_id<InstanceId>(i);
    if (state_.status(id) != InstanceStatus::active) continue;
    const Capacity left = state_.remaining(id);
    PlacementFailure f;
    f.closest = id;
    int stage = 0;
    if (left.cpu < d.cpu) {
      f.reason = PlacementFailureReason::insufficient_cpu;
    } else if (++stage, left.gpus < d.gpus) {
      f.reason = PlacementFailureReason::insufficient_gpu;
    } else if (++stage, left.memory_mib < d.memory_mib) {
      f.reason = PlacementFailureReason::insufficient_memory;
    } else if (++stage, state_.ports().first_conflict(i, d) != PortTable::no_conflict) {
      f.reason = PlacementFailureReason::port_in_use;
      f.port = state_.ports().first_conflict(i, d);
    } else if (++stage, d.needs_eni() && left.enis < 1) {
      f.reason = PlacementFailureReason::no_eni_available;
    } else {
      ++stage;
      // Constraints in the order the policy lists them.
      for (std::uint8_t k = 0; k < p.constraint_count && f.reason == PlacementFailureReason::none; ++k, ++stage) {
        if (p.distinct && k == p.distinct_constraint && state_.group_count_on(group, id) != 0) {
          f.reason = PlacementFailureReason::distinct_instance;
          f.constraint = k;
        }
        for (MemberOf& m : p.member_of)
          if (m.constraint == k && !member_ok(m, i)) {
            f.reason = PlacementFailureReason::member_of;
            f.constraint = k;
          }
      }
      if (f.reason == PlacementFailureReason::none) continue;  // fits: nothing to explain here
      --stage;
    }
    if (stage > best_stage) {
      best_stage = stage;
      best = f;
    }
  }
  return best;
}

}  // namespace ecsim
