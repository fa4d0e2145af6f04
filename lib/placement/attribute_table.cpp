#include "ecsim/placement/attribute_table.hpp"

#include <algorithm>

#include "ecsim/core/assert.hpp"

namespace ecsim {

AttributeTable::AttributeTable() {
  for (const std::string_view builtin :
       {"ecs.availability-zone", "ecs.instance-type", "ecs.os-type", "ecs.cpu-architecture", "ecs.ami-id"})
    intern_name(builtin);
}

AttributeId AttributeTable::intern_name(std::string_view name) {
  if (const auto it = name_ids_.find(std::string(name)); it != name_ids_.end()) return it->second;
  const auto id = make_id<AttributeId>(static_cast<std::uint32_t>(names_.size()));
  names_.emplace_back(name);
  name_ids_.emplace(std::string(name), id);
  values_by_name_.emplace_back();
  missing_by_name_.push_back(AttrValueId{0});
  missing_by_name_.back() = intern_value(id, {});
  return id;
}

std::optional<AttributeId> AttributeTable::find_name(std::string_view name) const {
  if (const auto it = name_ids_.find(std::string(name)); it != name_ids_.end()) return it->second;
  return std::nullopt;
}

AttrValueId AttributeTable::intern_value(AttributeId attribute, std::string_view value) {
  if (const auto v = find_value(attribute, value)) return *v;
  const auto id = make_id<AttrValueId>(static_cast<std::uint32_t>(value_text_.size()));
  value_text_.emplace_back(value);
  value_attribute_.push_back(attribute);
  value_ids_.emplace(std::pair<std::uint32_t, std::string>(index(attribute), std::string(value)), id);
  values_by_name_[index(attribute)].push_back(id);
  return id;
}

std::optional<AttrValueId> AttributeTable::find_value(AttributeId attribute, std::string_view value) const {
  const auto it = value_ids_.find(std::pair<std::uint32_t, std::string>(index(attribute), std::string(value)));
  if (it == value_ids_.end()) return std::nullopt;
  return it->second;
}

std::span<const AttrValueId> AttributeTable::values_of(AttributeId attribute) const noexcept {
  return values_by_name_[index(attribute)];
}

AttributeClassId AttributeTable::intern_class(std::vector<AttrValueId> values) {
  std::sort(values.begin(), values.end(), [this](AttrValueId a, AttrValueId b) {
    return index(attribute_of(a)) < index(attribute_of(b));
  });
  std::vector<std::uint32_t> key;
  key.reserve(values.size());
  for (const AttrValueId v : values) {
    ECSIM_ASSERT(!is_missing(v), "a class lists only present attributes");
    key.push_back(index(v));
  }
  if (const auto it = class_ids_.find(key); it != class_ids_.end()) return it->second;
  const auto id = make_id<AttributeClassId>(static_cast<std::uint32_t>(class_values_.size()));
  class_values_.push_back(std::move(values));
  class_ids_.emplace(std::move(key), id);
  return id;
}

std::span<const AttrValueId> AttributeTable::class_values(AttributeClassId c) const noexcept {
  return class_values_[index(c)];
}

AttrValueId AttributeTable::value_of(AttributeClassId c, AttributeId attribute) const noexcept {
  // Classes hold a handful of pairs sorted by attribute; a scan beats a map.
  for (const AttrValueId v : class_values_[index(c)]) {
    const AttributeId a = value_attribute_[index(v)];
    if (a == attribute) return v;
    if (index(a) > index(attribute)) break;
  }
  return missing_by_name_[index(attribute)];
}

}  // namespace ecsim
