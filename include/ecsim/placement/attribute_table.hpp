#pragma once
/// Interned container-instance attributes. Names and (name, value) pairs are
/// interned once, when an instance registers or a query is compiled; the hot
/// path compares ids only (ninja's State::GetNode). Instances with the same
/// attribute set share an AttributeClassId, so attribute-only memberOf
/// expressions are evaluated once per class, not once per instance or task.
/// Invalidation: ids are never reused or removed; spans returned by
/// class_values() and values_of() are invalidated by the next intern_*() call.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecsim/placement/placement_ids.hpp"

namespace ecsim {

/// Attribute names, (name, value) pairs and attribute sets, each interned once.
class AttributeTable {
 public:
  /// `ecs.availability-zone`, always AttributeId 0.
  static constexpr AttributeId availability_zone{0};
  /// `ecs.instance-type`, always AttributeId 1.
  static constexpr AttributeId instance_type{1};
  /// `ecs.os-type`, always AttributeId 2.
  static constexpr AttributeId os_type{2};
  /// `ecs.cpu-architecture`, always AttributeId 3.
  static constexpr AttributeId cpu_architecture{3};
  /// `ecs.ami-id`, always AttributeId 4.
  static constexpr AttributeId ami_id{4};

  /// Interns the built-in ECS attribute names (ecs-facts.md §6.3) first.
  AttributeTable();

  /// The id of name, interning it on first use.
  AttributeId intern_name(std::string_view name);
  /// The id of name when already interned.
  std::optional<AttributeId> find_name(std::string_view name) const;
  /// The text of an attribute name.
  const std::string& name(AttributeId id) const { return names_[index(id)]; }
  /// Number of interned names.
  std::uint32_t name_count() const noexcept { return static_cast<std::uint32_t>(names_.size()); }

  /// The id of (attribute, value); an empty value stands for "attribute absent".
  AttrValueId intern_value(AttributeId attribute, std::string_view value);
  /// The id of (attribute, value) when already interned.
  std::optional<AttrValueId> find_value(AttributeId attribute, std::string_view value) const;
  /// The pair meaning "the instance has no such attribute".
  AttrValueId missing(AttributeId attribute) { return intern_value(attribute, {}); }
  /// The attribute a pair belongs to.
  AttributeId attribute_of(AttrValueId v) const noexcept { return value_attribute_[index(v)]; }
  /// The value text of a pair; empty for the "absent" pair.
  const std::string& text(AttrValueId v) const { return value_text_[index(v)]; }
  /// True for the "absent" pair.
  bool is_missing(AttrValueId v) const noexcept { return value_text_[index(v)].empty(); }
  /// Every pair interned for attribute, absent pair included, in interning order.
  std::span<const AttrValueId> values_of(AttributeId attribute) const noexcept;
  /// Number of interned pairs.
  std::uint32_t value_count() const noexcept { return static_cast<std::uint32_t>(value_text_.size()); }

  /// The class of an attribute set (one pair per attribute, any order, no absent pairs).
  AttributeClassId intern_class(std::vector<AttrValueId> values);
  /// The sorted pairs of a class.
  std::span<const AttrValueId> class_values(AttributeClassId c) const noexcept;
  /// The pair a class has for attribute (the absent pair when it has none).
  AttrValueId value_of(AttributeClassId c, AttributeId attribute) const noexcept;
  /// Number of interned classes.
  std::uint32_t class_count() const noexcept { return static_cast<std::uint32_t>(class_values_.size()); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, AttributeId> name_ids_;
  std::vector<std::string> value_text_;
  std::vector<AttributeId> value_attribute_;
  std::map<std::pair<std::uint32_t, std::string>, AttrValueId, std::less<>> value_ids_;
  std::vector<std::vector<AttrValueId>> values_by_name_;
  std::vector<AttrValueId> missing_by_name_;  // the "absent" pair of each name
  std::vector<std::vector<AttrValueId>> class_values_;
  std::map<std::vector<std::uint32_t>, AttributeClassId> class_ids_;
};

}  // namespace ecsim
