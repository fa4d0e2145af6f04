#include "ecsim/placement/cluster_query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <regex>

#include "ecsim/core/error.hpp"
#include "ecsim/core/spelling.hpp"

namespace ecsim {

namespace detail {

struct QueryRegexes {
  std::vector<std::regex> compiled;
};

namespace {

struct SubjectName {
  std::string_view name;
  QuerySubject subject;
};

constexpr std::array<SubjectName, 5> fixed_subjects{{
    {"task:group", QuerySubject::task_group},
    {"ec2InstanceId", QuerySubject::ec2_instance_id},
    {"agentConnected", QuerySubject::agent_connected},
    {"registeredAt", QuerySubject::registered_at},
    {"runningTasksCount", QuerySubject::running_tasks_count},
}};

struct OpName {
  std::string_view name;
  QueryOp op;
};

// Word and symbol spellings of each operator (ecs-facts.md §6.3).
constexpr std::array<OpName, 22> op_names{{
    {"==", QueryOp::eq},          {"equals", QueryOp::eq},
    {"!=", QueryOp::ne},          {"not_equals", QueryOp::ne},
    {">", QueryOp::gt},           {"greater_than", QueryOp::gt},
    {">=", QueryOp::ge},          {"greater_than_equal", QueryOp::ge},
    {"<", QueryOp::lt},           {"less_than", QueryOp::lt},
    {"<=", QueryOp::le},          {"less_than_equal", QueryOp::le},
    {"exists", QueryOp::exists},  {"!exists", QueryOp::not_exists},
    {"not_exists", QueryOp::not_exists},
    {"in", QueryOp::in},          {"!in", QueryOp::not_in},
    {"not_in", QueryOp::not_in},  {"=~", QueryOp::matches},
    {"matches", QueryOp::matches}, {"!~", QueryOp::not_matches},
    {"not_matches", QueryOp::not_matches},
}};

// Which operators each subject takes (ECS cluster query language reference).
bool op_allowed(QuerySubject s, QueryOp op) {
  switch (s) {
    case QuerySubject::attribute:
      return true;
    case QuerySubject::task_group:
      return op == QueryOp::eq || op == QueryOp::ne || op == QueryOp::in || op == QueryOp::not_in;
    case QuerySubject::ec2_instance_id:
    case QuerySubject::agent_connected:
      return op == QueryOp::eq || op == QueryOp::ne || op == QueryOp::in || op == QueryOp::not_in ||
             op == QueryOp::matches || op == QueryOp::not_matches;
    case QuerySubject::registered_at:
    case QuerySubject::running_tasks_count:
      return op == QueryOp::eq || op == QueryOp::ne || op == QueryOp::gt || op == QueryOp::ge ||
             op == QueryOp::lt || op == QueryOp::le;
  }
  return false;
}

std::string_view subject_text(QuerySubject s) {
  for (const auto& row : fixed_subjects)
    if (row.subject == s) return row.name;
  return "attribute";
}

bool is_attribute_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/' || c == '.';
}

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const std::string s(text);
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

}  // namespace

/// Recursive-descent parser over the text; tokens are read on demand because
/// a value (a regex above all) may contain characters that are operators elsewhere.
class QueryParser {
 public:
  QueryParser(std::string_view text, AttributeTable& attributes, TaskGroupTable& groups, ClusterQuery& out)
      : text_(text), attributes_(attributes), groups_(groups), out_(out) {}

  void run() {
    if (text_.size() > ClusterQuery::max_length)
      throw InputError("memberOf expression: longer than " + std::to_string(ClusterQuery::max_length) +
                       " characters (" + std::to_string(text_.size()) + ")");
    skip_space();
    if (pos_ == text_.size()) fail(pos_, "the expression is empty");
    parse_or();
    skip_space();
    if (pos_ != text_.size()) fail(pos_, "unexpected '" + std::string(peek_word()) + "' after a complete expression");
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    throw InputError("memberOf expression: column " + std::to_string(at + 1) + ": " + what);
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

  // The bare word at pos_ (letters, digits and the characters names use).
  std::string_view peek_word() const {
    std::size_t end = pos_;
    while (end < text_.size() && !std::isspace(static_cast<unsigned char>(text_[end])) &&
           std::string_view("()[],").find(text_[end]) == std::string_view::npos &&
           std::string_view("=!<>~&|").find(text_[end]) == std::string_view::npos)
      ++end;
    if (end == pos_ && pos_ < text_.size()) return text_.substr(pos_, 1);
    return text_.substr(pos_, end - pos_);
  }

  bool starts_with(std::string_view s) const { return text_.substr(pos_).substr(0, s.size()) == s; }

  // True when the keyword is at pos_ as a whole word.
  bool at_keyword(std::string_view kw) const {
    if (!starts_with(kw)) return false;
    const std::size_t after = pos_ + kw.size();
    return after == text_.size() || !(std::isalnum(static_cast<unsigned char>(text_[after])) || text_[after] == '_');
  }

  std::uint32_t add(ClusterQuery::Node n) {
    out_.nodes_.push_back(n);
    return static_cast<std::uint32_t>(out_.nodes_.size() - 1);
  }

  std::uint32_t parse_or() {
    std::uint32_t left = parse_and();
    while (true) {
      skip_space();
      if (starts_with("||")) {
        pos_ += 2;
      } else if (at_keyword("or")) {
        pos_ += 2;
      } else {
        return left;
      }
      const std::uint32_t right = parse_and();
      ClusterQuery::Node n;
      n.kind = ClusterQuery::Node::Kind::or_op;
      n.left = left;
      n.right = right;
      left = add(n);
    }
  }

  std::uint32_t parse_and() {
    std::uint32_t left = parse_unary();
    while (true) {
      skip_space();
      if (starts_with("&&")) {
        pos_ += 2;
      } else if (at_keyword("and")) {
        pos_ += 3;
      } else {
        return left;
      }
      const std::uint32_t right = parse_unary();
      ClusterQuery::Node n;
      n.kind = ClusterQuery::Node::Kind::and_op;
      n.left = left;
      n.right = right;
      left = add(n);
    }
  }

  std::uint32_t parse_unary() {
    skip_space();
    if (pos_ == text_.size()) fail(pos_, "expected an expression");
    bool negate = false;
    if (text_[pos_] == '!' && !starts_with("!=") && !starts_with("!~")) {
      ++pos_;
      negate = true;
    } else if (at_keyword("not")) {
      pos_ += 3;
      negate = true;
    }
    if (negate) {
      const std::uint32_t operand = parse_unary();
      ClusterQuery::Node n;
      n.kind = ClusterQuery::Node::Kind::not_op;
      n.left = operand;
      return add(n);
    }
    if (text_[pos_] == '(') {
      const std::size_t open = pos_;
      ++pos_;
      const std::uint32_t inner = parse_or();
      skip_space();
      if (pos_ == text_.size() || text_[pos_] != ')')
        fail(pos_, "expected ')' to close the '(' at column " + std::to_string(open + 1));
      ++pos_;
      return inner;
    }
    return parse_predicate();
  }

  std::uint32_t parse_predicate() {
    const std::size_t subject_at = pos_;
    const std::string_view word = peek_word();
    if (word.empty() || std::string_view("()[],=!<>~&|").find(word[0]) != std::string_view::npos)
      fail(pos_, "expected a subject such as attribute:<name>, found '" + std::string(word) + "'");
    ClusterQuery::Node n;
    n.kind = ClusterQuery::Node::Kind::predicate;
    constexpr std::string_view attribute_prefix = "attribute:";
    if (word.substr(0, attribute_prefix.size()) == attribute_prefix) {
      const std::string_view name = word.substr(attribute_prefix.size());
      if (name.empty()) fail(pos_ + attribute_prefix.size(), "expected an attribute name after 'attribute:'");
      for (std::size_t i = 0; i < name.size(); ++i)
        if (!is_attribute_name_char(name[i]))
          fail(pos_ + attribute_prefix.size() + i,
               std::string("attribute names use letters, digits and - _ / . only, not '") + name[i] + "'");
      if (name.size() > 128) fail(pos_, "attribute names are at most 128 characters");
      n.subject = QuerySubject::attribute;
      n.attribute = attributes_.intern_name(name);
    } else {
      bool found = false;
      for (const auto& row : fixed_subjects)
        if (row.name == word) {
          n.subject = row.subject;
          found = true;
        }
      if (!found) {
        std::string what = "unknown subject '" + std::string(word) + "'";
        if (word == "agentVersion") {
          what = "subject 'agentVersion' is not modelled by ecsim";
        } else {
          std::vector<std::string_view> names;
          for (const auto& row : fixed_subjects) names.push_back(row.name);
          std::string guess;
          if (const auto colon = word.find(':'); colon != std::string_view::npos &&
                                                 detail::edit_distance(word.substr(0, colon), "attribute") <= 3)
            guess = "attribute:" + std::string(word.substr(colon + 1));
          else if (const auto m = detail::closest_match(word, std::span<const std::string_view>(names)))
            guess = std::string(*m);
          what += guess.empty() ? "; expected attribute:<name>, task:group, ec2InstanceId, agentConnected, "
                                  "registeredAt or runningTasksCount"
                                : "; did you mean '" + guess + "'?";
        }
        fail(subject_at, what);
      }
    }
    pos_ += word.size();
    if (n.subject == QuerySubject::task_group) out_.depends_on_tasks_ = true;
    if (n.subject == QuerySubject::running_tasks_count) out_.depends_on_tasks_ = true;
    if (n.subject != QuerySubject::attribute) out_.depends_on_instance_ = true;

    // Operator.
    skip_space();
    const std::size_t op_at = pos_;
    if (pos_ == text_.size())
      fail(pos_, "expected an operator after '" + std::string(text_.substr(subject_at, word.size())) + "'");
    std::string_view op_text;
    for (const std::string_view sym : {"==", "!=", ">=", "<=", "=~", "!~", ">", "<"})
      if (starts_with(sym)) {
        op_text = sym;
        break;
      }
    if (op_text.empty()) {
      const bool bang = text_[pos_] == '!';
      if (bang) ++pos_;
      const std::string_view w = peek_word();
      if (bang) --pos_;
      op_text = text_.substr(pos_, w.size() + (bang ? 1 : 0));
    }
    bool op_found = false;
    for (const auto& row : op_names)
      if (row.name == op_text) {
        n.op = row.op;
        op_found = true;
        break;
      }
    if (!op_found) {
      std::vector<std::string_view> words;
      for (const auto& row : op_names)
        if (std::isalpha(static_cast<unsigned char>(row.name.back())))
          words.push_back(row.name);
      std::string what = "unknown operator '" + std::string(op_text) + "'";
      if (const auto m = detail::closest_match(op_text, std::span<const std::string_view>(words)))
        what += "; did you mean '" + std::string(*m) + "'?";
      else
        what += "; expected ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~ or !~";
      fail(op_at, what);
    }
    if (!op_allowed(n.subject, n.op))
      fail(op_at, "operator '" + std::string(op_text) + "' does not apply to " +
                      (n.subject == QuerySubject::attribute ? std::string("attributes")
                                                            : std::string(subject_text(n.subject))));
    pos_ += op_text.size();

    // Arguments.
    n.arg_begin = static_cast<std::uint32_t>(out_.args_.size());
    if (n.op == QueryOp::in || n.op == QueryOp::not_in) {
      skip_space();
      if (pos_ == text_.size() || text_[pos_] != '[') fail(pos_, "expected '[' after '" + std::string(op_text) + "'");
      ++pos_;
      while (true) {
        add_arg(n, read_value(false, "a value in the list"));
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == ']') {
          ++pos_;
          break;
        }
        fail(pos_, "expected ',' or ']' in the list");
      }
    } else if (n.op != QueryOp::exists && n.op != QueryOp::not_exists) {
      const bool regex = n.op == QueryOp::matches || n.op == QueryOp::not_matches;
      add_arg(n, read_value(regex, "a value after '" + std::string(op_text) + "'"));
    }
    n.arg_end = static_cast<std::uint32_t>(out_.args_.size());
    return add(n);
  }

  struct RawValue {
    std::string_view text;
    std::size_t at;
    bool regex;
  };

  RawValue read_value(bool regex, const std::string& what) {
    skip_space();
    const std::size_t start = pos_;
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) break;
      if (regex) {
        // A regex may hold ( ) [ ] |; stop only at a ')' that closes the expression.
        if (c == '(' || c == '[') ++depth;
        if ((c == ')' || c == ']') && depth-- == 0) break;
      } else {
        if (std::string_view("()[],").find(c) != std::string_view::npos) break;
        if (starts_with("&&") || starts_with("||")) break;
      }
      ++pos_;
    }
    if (pos_ == start) fail(start, "expected " + what);
    return {text_.substr(start, pos_ - start), start, regex};
  }

  void add_arg(const ClusterQuery::Node& n, const RawValue& raw) {
    ClusterQuery::Arg a;
    a.text = std::string(raw.text);
    a.numeric = parse_number(raw.text, a.number);
    switch (n.subject) {
      case QuerySubject::attribute:
        a.value = attributes_.intern_value(n.attribute, raw.text);
        break;
      case QuerySubject::task_group:
        a.group = groups_.intern(raw.text);
        out_.groups_.push_back(a.group);
        break;
      case QuerySubject::registered_at:
        // Virtual time has no calendar: registeredAt compares with the time
        // since the simulation start, written as a duration ("90s", "15m").
        try {
          a.number = static_cast<double>(parse_duration(raw.text).count());
          a.numeric = true;
        } catch (const InputError&) {
          fail(raw.at, "registeredAt compares with a duration since the simulation start such as 90s or 15m, not '" +
                           a.text + "'");
        }
        break;
      case QuerySubject::running_tasks_count:
        if (!a.numeric) fail(raw.at, "runningTasksCount compares with a number, not '" + a.text + "'");
        break;
      case QuerySubject::agent_connected:
        if (a.text != "true" && a.text != "false" && !raw.regex)
          fail(raw.at, "agentConnected compares with true or false, not '" + a.text + "'");
        break;
      case QuerySubject::ec2_instance_id:
        break;
    }
    if (raw.regex) {
      try {
        regexes_.compiled.emplace_back(a.text, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error&) {
        fail(raw.at, "'" + a.text + "' is not a valid regular expression");
      }
      a.regex = static_cast<std::int32_t>(regexes_.compiled.size() - 1);
    }
    out_.args_.push_back(std::move(a));
  }

 public:
  QueryRegexes regexes_;

 private:
  std::string_view text_;
  AttributeTable& attributes_;
  TaskGroupTable& groups_;
  ClusterQuery& out_;
  std::size_t pos_ = 0;
};

}  // namespace detail

ClusterQuery ClusterQuery::parse(std::string_view text, AttributeTable& attributes, TaskGroupTable& groups) {
  ClusterQuery q;
  q.text_ = std::string(text);
  detail::QueryParser parser(text, attributes, groups, q);
  parser.run();
  q.regexes_ = std::make_shared<const detail::QueryRegexes>(std::move(parser.regexes_));
  return q;
}

namespace {

Tri from_bool(bool b) { return b ? Tri::yes : Tri::no; }

Tri tri_not(Tri t) { return t == Tri::unknown ? t : (t == Tri::yes ? Tri::no : Tri::yes); }

// Ordering for > >= < <=: numeric when both sides are numbers, else by text.
int compare(std::string_view value, const ClusterQuery::Arg& arg) {
  double v = 0;
  if (arg.numeric && detail::parse_number(value, v)) return v < arg.number ? -1 : (v > arg.number ? 1 : 0);
  const int c = value.compare(arg.text);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool ordered(QueryOp op, int c) {
  switch (op) {
    case QueryOp::gt: return c > 0;
    case QueryOp::ge: return c >= 0;
    case QueryOp::lt: return c < 0;
    case QueryOp::le: return c <= 0;
    default: return false;
  }
}

}  // namespace

Tri ClusterQuery::evaluate_class(const AttributeTable& attributes, AttributeClassId c) const {
  return eval(static_cast<std::uint32_t>(nodes_.size() - 1), attributes, nullptr, c);
}

bool ClusterQuery::evaluate(const AttributeTable& attributes, const InstanceFacts& facts) const {
  return eval(static_cast<std::uint32_t>(nodes_.size() - 1), attributes, &facts, facts.attribute_class) == Tri::yes;
}

Tri ClusterQuery::eval(std::uint32_t node, const AttributeTable& attributes, const InstanceFacts* facts,
                       AttributeClassId c) const {
  const Node& n = nodes_[node];
  switch (n.kind) {
    case Node::Kind::and_op: {
      const Tri l = eval(n.left, attributes, facts, c);
      if (l == Tri::no) return Tri::no;
      const Tri r = eval(n.right, attributes, facts, c);
      if (r == Tri::no) return Tri::no;
      return l == Tri::yes && r == Tri::yes ? Tri::yes : Tri::unknown;
    }
    case Node::Kind::or_op: {
      const Tri l = eval(n.left, attributes, facts, c);
      if (l == Tri::yes) return Tri::yes;
      const Tri r = eval(n.right, attributes, facts, c);
      if (r == Tri::yes) return Tri::yes;
      return l == Tri::no && r == Tri::no ? Tri::no : Tri::unknown;
    }
    case Node::Kind::not_op:
      return tri_not(eval(n.left, attributes, facts, c));
    case Node::Kind::predicate:
      return eval_predicate(n, attributes, facts, c);
  }
  return Tri::unknown;
}

Tri ClusterQuery::eval_predicate(const Node& n, const AttributeTable& attributes, const InstanceFacts* facts,
                                 AttributeClassId c) const {
  const Arg* begin = args_.data() + n.arg_begin;
  const Arg* end = args_.data() + n.arg_end;
  const auto regex_match = [&](std::string_view value, const Arg& a) {
    return std::regex_match(value.begin(), value.end(), regexes_->compiled[static_cast<std::size_t>(a.regex)]);
  };
  // Text-valued subjects share equality, lists and regex matching.
  const auto text_op = [&](std::string_view value, bool present) -> bool {
    switch (n.op) {
      case QueryOp::eq: return present && value == begin->text;
      case QueryOp::ne: return !present || value != begin->text;
      case QueryOp::exists: return present;
      case QueryOp::not_exists: return !present;
      case QueryOp::in: return present && std::any_of(begin, end, [&](const Arg& a) { return a.text == value; });
      case QueryOp::not_in: return !present || std::none_of(begin, end, [&](const Arg& a) { return a.text == value; });
      case QueryOp::matches: return present && regex_match(value, *begin);
      case QueryOp::not_matches: return !present || !regex_match(value, *begin);
      default: return present && ordered(n.op, compare(value, *begin));
    }
  };
  switch (n.subject) {
    case QuerySubject::attribute: {
      const AttrValueId v = attributes.value_of(c, n.attribute);
      const bool present = !attributes.is_missing(v);
      // Equality and lists compare interned ids; only regex and ordering read text.
      switch (n.op) {
        case QueryOp::eq: return from_bool(v == begin->value);
        case QueryOp::ne: return from_bool(v != begin->value);
        case QueryOp::in: return from_bool(std::any_of(begin, end, [&](const Arg& a) { return a.value == v; }));
        case QueryOp::not_in: return from_bool(std::none_of(begin, end, [&](const Arg& a) { return a.value == v; }));
        default: return from_bool(text_op(attributes.text(v), present));
      }
    }
    case QuerySubject::task_group: {
      if (facts == nullptr) return Tri::unknown;
      const bool any = std::any_of(begin, end, [&](const Arg& a) {
        return facts->runs_group != nullptr && facts->runs_group(facts->context, a.group, facts->instance);
      });
      return from_bool(n.op == QueryOp::eq || n.op == QueryOp::in ? any : !any);
    }
    case QuerySubject::ec2_instance_id:
      if (facts == nullptr) return Tri::unknown;
      return from_bool(text_op(facts->ec2_instance_id, true));
    case QuerySubject::agent_connected:
      if (facts == nullptr) return Tri::unknown;
      return from_bool(text_op(facts->agent_connected ? "true" : "false", true));
    case QuerySubject::registered_at:
    case QuerySubject::running_tasks_count: {
      if (facts == nullptr) return Tri::unknown;
      const double value = n.subject == QuerySubject::registered_at ? static_cast<double>(facts->registered_at.count())
                                                                    : static_cast<double>(facts->running_tasks);
      const double arg = begin->number;
      switch (n.op) {
        case QueryOp::eq: return from_bool(value == arg);
        case QueryOp::ne: return from_bool(value != arg);
        case QueryOp::gt: return from_bool(value > arg);
        case QueryOp::ge: return from_bool(value >= arg);
        case QueryOp::lt: return from_bool(value < arg);
        case QueryOp::le: return from_bool(value <= arg);
        default: return Tri::no;
      }
    }
  }
  return Tri::unknown;
}

}  // namespace ecsim
