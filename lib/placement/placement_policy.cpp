#include "ecsim/placement/placement_policy.hpp"

#include <array>

#include "ecsim/core/error.hpp"
#include "ecsim/core/spelling.hpp"

namespace ecsim {

namespace {

struct StrategyRow {
  StrategyType type;
  std::string_view name;
};
constexpr std::array<StrategyRow, 3> strategy_rows{{
    {StrategyType::binpack, "binpack"}, {StrategyType::spread, "spread"}, {StrategyType::random, "random"}}};

struct ConstraintRow {
  ConstraintType type;
  std::string_view name;
};
constexpr std::array<ConstraintRow, 2> constraint_rows{{
    {ConstraintType::distinct_instance, "distinctInstance"}, {ConstraintType::member_of, "memberOf"}}};

template <class Rows>
[[noreturn]] void unknown(std::string_view what, std::string_view text, const Rows& rows) {
  std::vector<std::string_view> names;
  std::string list;
  for (const auto& row : rows) {
    names.push_back(row.name);
    list += (list.empty() ? "" : ", ") + std::string(row.name);
  }
  std::string msg = "unknown placement " + std::string(what) + " type '" + std::string(text) + "'";
  if (const auto m = detail::closest_match(text, std::span<const std::string_view>(names)))
    msg += "; did you mean '" + std::string(*m) + "'?";
  else
    msg += "; expected " + list;
  throw InputError(msg);
}

}  // namespace

StrategyType parse_strategy_type(std::string_view text) {
  for (const auto& row : strategy_rows)
    if (row.name == text) return row.type;
  unknown("strategy", text, strategy_rows);
}

std::string_view to_string(StrategyType type) noexcept {
  for (const auto& row : strategy_rows)
    if (row.type == type) return row.name;
  return "spread";
}

ConstraintType parse_constraint_type(std::string_view text) {
  for (const auto& row : constraint_rows)
    if (row.name == text) return row.type;
  unknown("constraint", text, constraint_rows);
}

std::string_view to_string(ConstraintType type) noexcept {
  for (const auto& row : constraint_rows)
    if (row.type == type) return row.name;
  return "memberOf";
}

PlacementPolicy default_service_policy() {
  return PlacementPolicy{{PlacementStrategy{StrategyType::spread, "attribute:ecs.availability-zone"}}, {}};
}

}  // namespace ecsim
