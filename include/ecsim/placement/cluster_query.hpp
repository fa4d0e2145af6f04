#pragma once
/// ClusterQuery: a memberOf expression of the ECS cluster query language
/// (ecs-facts.md §6.3, CQL), parsed once with column-precise errors and
/// compiled over interned attribute ids. Attribute-only parts are decided per
/// AttributeClassId (three-valued, so mixed expressions still prune); the rest
/// is evaluated per instance from InstanceFacts. Never re-parsed per task.
///
/// Supported: subjects `attribute:<name>`, `task:group`, `ec2InstanceId`,
/// `agentConnected`, `registeredAt`, `runningTasksCount`; operators `==`
/// `equals`, `!=` `not_equals`, `>` `greater_than`, `>=` `greater_than_equal`,
/// `<` `less_than`, `<=` `less_than_equal`, `exists`, `!exists` `not_exists`,
/// `in [a, b]`, `!in` `not_in`, `=~` `matches`, `!~` `not_matches`; `and`
/// `&&`, `or` `||`, `not` `!`, parentheses. Matching is ECMAScript regex over
/// the whole value (ECS documents Java regex; the common subset — `.`, `*`,
/// `+`, `?`, `[a-z]`, `|`, groups — behaves the same).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecsim/core/time.hpp"
#include "ecsim/placement/attribute_table.hpp"
#include "ecsim/placement/placement_ids.hpp"
#include "ecsim/placement/task_group_table.hpp"

namespace ecsim {

/// Three-valued truth for deciding a query on partial knowledge (Kleene logic).
enum class Tri : std::uint8_t { no, yes, unknown };

/// What a query may ask about one instance beyond its attributes.
struct InstanceFacts {
  AttributeClassId attribute_class{};
  std::string_view ec2_instance_id;
  bool agent_connected = true;
  std::uint32_t running_tasks = 0;
  Millis registered_at{0};
  /// Whether the instance runs a task of a group; called with `context`.
  bool (*runs_group)(const void* context, TaskGroupId group, std::uint32_t instance) = nullptr;
  const void* context = nullptr;
  std::uint32_t instance = 0;  ///< passed back to runs_group
};

/// A subject of the cluster query language.
enum class QuerySubject : std::uint8_t {
  attribute, task_group, ec2_instance_id, agent_connected, registered_at, running_tasks_count
};

/// An operator of the cluster query language.
enum class QueryOp : std::uint8_t {
  eq, ne, gt, ge, lt, le, exists, not_exists, in, not_in, matches, not_matches
};

namespace detail {
struct QueryRegexes;  // std::regex stays out of this header
class QueryParser;
}  // namespace detail

/// A compiled memberOf expression.
class ClusterQuery {
 public:
  /// ECS's limit on a memberOf expression (ecs-facts.md §6.3).
  static constexpr std::size_t max_length = 2000;

  /// Parses and compiles text, interning the names and values it mentions.
  /// Throws InputError `memberOf expression: column C: <what is wrong>`, C
  /// 1-based (one past the end for a missing token).
  static ClusterQuery parse(std::string_view text, AttributeTable& attributes, TaskGroupTable& groups);

  /// The text as written.
  const std::string& text() const noexcept { return text_; }

  /// Decides the query from the attribute class alone: `unknown` when the
  /// answer needs more than attributes (task:group, ec2InstanceId, ...).
  Tri evaluate_class(const AttributeTable& attributes, AttributeClassId c) const;

  /// The answer for one instance.
  bool evaluate(const AttributeTable& attributes, const InstanceFacts& facts) const;

  /// True when the answer can change as tasks come and go (task:group,
  /// runningTasksCount): such answers are never cached.
  bool depends_on_tasks() const noexcept { return depends_on_tasks_; }

  /// True when the answer depends on more than the attribute class.
  bool depends_on_instance() const noexcept { return depends_on_instance_; }

  /// The task groups the query mentions.
  const std::vector<TaskGroupId>& groups() const noexcept { return groups_; }

  /// One AST node: and/or/not, or a predicate `subject op args`.
  struct Node {
    enum class Kind : std::uint8_t { and_op, or_op, not_op, predicate };
    Kind kind = Kind::predicate;
    QuerySubject subject = QuerySubject::attribute;
    QueryOp op = QueryOp::eq;
    AttributeId attribute{};
    std::uint32_t left = 0, right = 0;          ///< children (and/or/not)
    std::uint32_t arg_begin = 0, arg_end = 0;  ///< arguments (predicate)
  };

  /// One argument, pre-converted for each subject's comparisons.
  struct Arg {
    std::string text;
    AttrValueId value{};     ///< attribute subject: interned (attribute, text)
    TaskGroupId group{};     ///< task:group subject
    double number = 0;       ///< numeric form when `numeric`
    bool numeric = false;
    std::int32_t regex = -1; ///< index into the compiled regexes
  };

 private:
  Tri eval(std::uint32_t node, const AttributeTable& attributes, const InstanceFacts* facts,
           AttributeClassId c) const;
  Tri eval_predicate(const Node& n, const AttributeTable& attributes, const InstanceFacts* facts,
                     AttributeClassId c) const;

  std::string text_;
  std::vector<Node> nodes_;  // root is the last node
  std::vector<Arg> args_;
  std::vector<TaskGroupId> groups_;
  std::shared_ptr<const detail::QueryRegexes> regexes_;
  bool depends_on_tasks_ = false;
  bool depends_on_instance_ = false;

  friend class detail::QueryParser;
};

}  // namespace ecsim
