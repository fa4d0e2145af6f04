#pragma once
// The loader's tables of field paths. Paths are dotted with `*` for any list
// item ("services.*.tags"); timeline actions use their section's paths
// (createService as services.*, registerTaskDefinition as taskDefinitions.*).
#include <optional>
#include <span>
#include <string_view>

namespace ecsim::detail {

/// Fields accepted without a word: ECS has them, but they change nothing
/// ecsim simulates (tags, roles, logging, environment...). Also the
/// read-only fields of describe-* outputs. docs/scenario-format.md lists them
/// under "Accepted and ignored".
std::span<const std::string_view> accepted_and_ignored_fields() noexcept;

/// Fields read and checked but not simulated yet: each use gets a warning.
/// "path=VALUE" entries warn for that value only. Remove entries as features
/// land; docs/scenario-format.md lists them under "Parsed, not simulated yet".
std::span<const std::string_view> not_simulated_fields() noexcept;

/// Whether the field at this pattern is accepted and ignored.
bool is_accepted_and_ignored(std::string_view pattern) noexcept;

/// Whether the field at this pattern (or "pattern=value") is parsed but not simulated yet.
bool is_not_simulated(std::string_view pattern) noexcept;

/// The field that names the items of a list, by the list's own key
/// (serviceName for services); empty when items go by index.
std::string_view list_item_name_key(std::string_view list_key) noexcept;

}  // namespace ecsim::detail
