// Reading documents safely (size, depth and alias limits; syntax errors with
// positions), splicing ECS JSON files into the scenario, and --set overrides.
#include "io/field_tables.hpp"
#include "io/yaml_context.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ecsim::detail {
namespace fs = std::filesystem;

FieldPath FieldPath::child(std::string_view key) const {
  FieldPath p;
  p.text = text.empty() ? std::string(key) : text + "." + std::string(key);
  p.pattern = pattern.empty() ? std::string(key) : pattern + "." + std::string(key);
  return p;
}

FieldPath FieldPath::item(std::string_view name) const {
  return FieldPath{text + "." + std::string(name), pattern + ".*"};
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "'" + node.Scalar() + "'";
}

namespace {

std::pair<int, int> position(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {0, 0};
  return {mark.line + 1, mark.column + 1};
}

[[noreturn]] void refuse(const std::string& display, const YAML::Mark& mark, const std::string& detail) {
  const auto [line, column] = position(mark);
  throw ScenarioError(display, line, column, "", detail);
}

std::string depth_message(const LoadLimits& limits) {
  return "nesting is deeper than the limit of " + std::to_string(limits.max_depth) +
         " levels; refusing to load the file";
}

// yaml-cpp shares an anchor's node wherever an alias names it, so a small file
// can stand for an exponential tree ("billion laughs"). Every later pass walks
// the expanded tree; counting visits here bounds them all.
void guard(const YAML::Node& node, int depth, std::size_t& visits, const std::string& display,
           const LoadLimits& limits) {
  if (++visits > limits.max_node_visits)
    refuse(display, node.Mark(),
           "the document expands to more than " + std::to_string(limits.max_node_visits) +
               " nodes (aliases repeat what they name); refusing to load the file");
  if (depth > limits.max_depth) refuse(display, node.Mark(), depth_message(limits));
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      guard(it->first, depth + 1, visits, display, limits);
      guard(it->second, depth + 1, visits, display, limits);
    }
  } else if (node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) guard(*it, depth + 1, visits, display, limits);
  }
}

}  // namespace

YAML::Node parse_document(std::string_view text, const std::string& display, const LoadLimits& limits) {
  if (text.size() > limits.max_file_bytes)
    throw ScenarioError(display, 0, 0, "",
                        "the text is " + std::to_string(text.size()) + " bytes, over the limit of " +
                            std::to_string(limits.max_file_bytes >> 20) + " MiB");
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    refuse(display, e.mark, depth_message(limits));
  } catch (const YAML::Exception& e) {
    refuse(display, e.mark, "syntax error: " + e.msg);
  }
  std::size_t visits = 0;
  guard(root, 0, visits, display, limits);
  return root;
}

std::string read_text_file(const fs::path& path, const std::string& display, const LoadLimits& limits) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw ScenarioError(display, 0, 0, "", "file not found");
  if (!fs::is_regular_file(status)) throw ScenarioError(display, 0, 0, "", "not a regular file");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw ScenarioError(display, 0, 0, "", "cannot read the file: " + ec.message());
  if (size > limits.max_file_bytes)
    throw ScenarioError(display, 0, 0, "",
                        "the file is " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(limits.max_file_bytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(display, 0, 0, "", "cannot open the file");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// ------------------------------------------------------------------ context

LoadContext::LoadContext(std::string main_file, fs::path base_dir, std::string base_display)
    : main_file_(std::move(main_file)),
      file_(main_file_),
      base_dir_(std::move(base_dir)),
      base_display_(std::move(base_display)) {}

SourceLocation LoadContext::locate(const YAML::Node& node) const {
  const auto [line, column] = position(node.Mark());
  if (line == 0) return SourceLocation{"--set", 0, 0};
  if (file_ == "--set") return SourceLocation{file_, 0, 0};
  return SourceLocation{file_, line, column};
}

void LoadContext::add(SourceLocation where, std::string field, std::string message, bool warning) {
  if (!warning) {
    if (errors_ >= load_limits.max_errors) {
      diagnostics_.push_back(Diagnostic{
          main_file_, 0, 0, "", "too many errors; stopped after " + std::to_string(load_limits.max_errors), false});
      throw TooManyErrors{};
    }
    ++errors_;
  }
  diagnostics_.push_back(
      Diagnostic{std::move(where.file), where.line, where.column, std::move(field), std::move(message), warning});
}

void LoadContext::error(const YAML::Node& at, const FieldPath& path, std::string message) {
  add(locate(at), path.text, std::move(message), false);
}

void LoadContext::warn(const YAML::Node& at, const FieldPath& path, std::string message) {
  add(locate(at), path.text, std::move(message), true);
}

void LoadContext::add_included(const YAML::Node& root, std::string display) {
  included_.emplace_back(root, std::move(display));
}

LoadContext::FileScope::FileScope(LoadContext& ctx, const YAML::Node& node) : ctx_(ctx), saved_(ctx.file_) {
  for (const auto& [root, display] : ctx.included_) {
    if (root.is(node)) {
      ctx.file_ = display;
      return;
    }
  }
}

LoadContext::FileScope::~FileScope() { ctx_.file_ = std::move(saved_); }

void LoadContext::remember_object(const YAML::Node& map) {
  const SourceLocation where = locate(map);
  if (where.line > 0) objects_.emplace(std::make_tuple(where.file, where.line, where.column), map);
}

const YAML::Node* LoadContext::object_at(const SourceLocation& where) const {
  const auto it = objects_.find(std::make_tuple(where.file, where.line, where.column));
  return it == objects_.end() ? nullptr : &it->second;
}

SourceLocation LoadContext::locate_field(const SourceLocation& object, std::string_view key) const {
  const YAML::Node* map = key.empty() ? nullptr : object_at(object);
  if (!map) return object;
  for (auto it = map->begin(); it != map->end(); ++it) {
    if (!it->first.IsScalar() || it->first.Scalar() != key) continue;
    const YAML::Node value = it->second;
    for (const auto& [root, display] : included_)
      if (display == "--set" && root.is(value)) return SourceLocation{"--set", 0, 0};
    const auto [line, column] = position(value.Mark());
    if (line == 0) return SourceLocation{"--set", 0, 0};
    return SourceLocation{object.file, line, column};
  }
  return object;
}

std::optional<std::pair<fs::path, std::string>> LoadContext::resolve(std::string_view written, const YAML::Node& at,
                                                                     const FieldPath& path) {
  const fs::path rel{std::string(written)};
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(base_dir_, ec);
  const fs::path full = fs::weakly_canonical(rel.is_absolute() ? rel : base_dir_ / rel, ec);
  if (ec) {
    error(at, path, "cannot resolve '" + std::string(written) + "'");
    return std::nullopt;
  }
  // ECS JSON and traces must sit beside the scenario, so a shared scenario
  // cannot read arbitrary files of whoever runs it.
  const auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) {
    error(at, path, "'" + std::string(written) + "' is outside the scenario's folder; files must be in it");
    return std::nullopt;
  }
  const std::string display = base_display_.empty()
                                  ? rel.lexically_normal().generic_string()
                                  : (fs::path(base_display_) / rel).lexically_normal().generic_string();
  return std::make_pair(full, display);
}

// ------------------------------------------------------------------ file: entries

namespace {

std::string key_of(const YAML::Node& key) { return key.IsScalar() ? key.Scalar() : std::string(); }

// Checks the top level of a describe-* output: only the wrapper key and the
// siblings ECS prints beside it.
void check_wrapper_keys(LoadContext& ctx, const YAML::Node& root, std::span<const std::string_view> allowed) {
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = key_of(it->first);
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown field '" + key + "'";
    if (const auto near = closest_match(key, allowed)) message += "; did you mean '" + std::string(*near) + "'?";
    ctx.error(it->first, FieldPath{key, key}, message);
  }
}

const YAML::Node* find_key(const YAML::Node& map, std::string_view key, YAML::Node& slot) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (key_of(it->first) == key) {
      slot.reset(it->second);
      return &slot;
    }
  }
  return nullptr;
}

// Loads the ECS JSON named by a `{file: PATH}` entry and returns the objects
// it holds: one task definition, or one or more services.
std::vector<YAML::Node> load_entry(LoadContext& ctx, const YAML::Node& entry, const FieldPath& path, bool services) {
  YAML::Node file_node;
  for (auto it = entry.begin(); it != entry.end(); ++it) {
    const std::string key = key_of(it->first);
    if (key == "file")
      file_node.reset(it->second);
    else
      ctx.error(it->first, path.child(key), "a 'file:' entry takes no other fields");
  }
  const FieldPath file_path = path.child("file");
  if (!file_node.IsScalar()) {
    ctx.error(file_node, file_path, "expected a file name, got " + describe(file_node));
    return {};
  }
  const auto resolved = ctx.resolve(file_node.Scalar(), file_node, file_path);
  if (!resolved) return {};
  const auto& [real, display] = *resolved;
  std::error_code ec;
  if (!fs::exists(real, ec)) {
    ctx.error(file_node, file_path, "file '" + file_node.Scalar() + "' not found");
    return {};
  }
  YAML::Node root;
  try {
    root = parse_document(read_text_file(real, display), display);
  } catch (const ScenarioError& e) {
    ctx.add(SourceLocation{e.file(), e.line(), e.column()}, e.field(), e.detail(), false);
    return {};
  }
  ctx.add_included(root, display);
  LoadContext::FileScope scope(ctx, root);
  std::vector<YAML::Node> out;
  if (!root.IsMap()) {
    ctx.error(root, FieldPath{},
              std::string("expected a JSON object with ") + (services ? "a service" : "a task definition") + ", got " +
                  describe(root));
    return out;
  }
  YAML::Node inner;
  if (!services) {
    // describe-task-definition output: {"taskDefinition": {...}, "tags": [...]}
    if (find_key(root, "taskDefinition", inner) && !inner.IsScalar()) {
      static constexpr std::string_view allowed[] = {"taskDefinition", "tags"};
      check_wrapper_keys(ctx, root, allowed);
      out.push_back(inner);
    } else {
      out.push_back(root);  // register-task-definition input
    }
  } else if (find_key(root, "services", inner)) {
    // describe-services output: {"services": [...], "failures": [...]}
    static constexpr std::string_view allowed[] = {"services", "failures"};
    check_wrapper_keys(ctx, root, allowed);
    if (!inner.IsSequence())
      ctx.error(inner, FieldPath{"services", "services"}, "expected a list, got " + describe(inner));
    else
      for (auto it = inner.begin(); it != inner.end(); ++it) out.push_back(*it);
  } else if (find_key(root, "service", inner) && inner.IsMap()) {
    // create-service / update-service output: {"service": {...}}
    static constexpr std::string_view allowed[] = {"service"};
    check_wrapper_keys(ctx, root, allowed);
    out.push_back(inner);
  } else {
    out.push_back(root);  // create-service input
  }
  for (const YAML::Node& n : out) ctx.add_included(n, display);
  return out;
}

bool is_file_entry(const YAML::Node& item) {
  if (!item.IsMap()) return false;
  YAML::Node slot;
  return find_key(item, "file", slot) != nullptr;
}

void expand_list(LoadContext& ctx, YAML::Node list, const std::string& key) {
  if (!list.IsSequence()) return;  // the reader reports the type
  const bool services = key == "services";
  bool any = false;
  YAML::Node fresh(YAML::NodeType::Sequence);
  std::size_t index = 0;
  for (auto it = list.begin(); it != list.end(); ++it, ++index) {
    const YAML::Node item = *it;
    if (!is_file_entry(item)) {
      fresh.push_back(item);
      continue;
    }
    any = true;
    for (const YAML::Node& n : load_entry(ctx, item, FieldPath{key, key}.item(std::to_string(index)), services))
      fresh.push_back(n);
  }
  if (any) list = fresh;  // assigns into the tree: the list node now holds the spliced items
}

}  // namespace

void expand_includes(LoadContext& ctx, YAML::Node& root) {
  if (!root.IsMap()) return;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = key_of(it->first);
    if (key == "taskDefinitions" || key == "services") {
      expand_list(ctx, it->second, key);
    } else if (key == "timeline" && it->second.IsSequence()) {
      std::size_t index = 0;
      for (auto e = it->second.begin(); e != it->second.end(); ++e, ++index) {
        if (!e->IsMap()) continue;
        YAML::Node action;
        if (!find_key(*e, "registerTaskDefinition", action) || !is_file_entry(action)) continue;
        const FieldPath path =
            FieldPath{"timeline", "timeline"}.item(std::to_string(index)).child("registerTaskDefinition");
        const auto loaded = load_entry(ctx, action, path, false);
        if (!loaded.empty()) action = loaded.front();  // assigns into the tree
      }
    }
  }
}

// ------------------------------------------------------------------ --set

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void set_error(LoadContext& ctx, const std::string& origin, const std::string& field, std::string message) {
  ctx.add(SourceLocation{origin, 0, 0}, field, std::move(message), false);
}

// Walks `path` from root, creating missing map keys, and stores value at its end.
void apply_path(LoadContext& ctx, YAML::Node& root, const std::string& path, const YAML::Node& value,
                const std::string& origin) {
  const std::vector<std::string> segments = split_path(path);
  if (std::any_of(segments.begin(), segments.end(), [](const std::string& s) { return s.empty(); })) {
    set_error(ctx, origin, path, "a path needs names between its dots");
    return;
  }
  if (!root.IsMap()) return;  // the reader reports the document itself
  YAML::Node cur;
  cur.reset(root);
  std::string walked;  // text of the path so far
  std::string list_key;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& seg = segments[i];
    const bool last = i + 1 == segments.size();
    if (!cur.IsDefined() || cur.IsNull()) {
      YAML::Node fresh(YAML::NodeType::Map);
      cur = fresh;  // assigns into the tree (a key that was written with no value)
      cur.reset(fresh);
    }
    YAML::Node next;
    if (cur.IsMap()) {
      if (!find_key(cur, seg, next)) {
        if (last) {
          cur[seg] = value;
          ctx.add_included(value, "--set");
          return;
        }
        YAML::Node fresh(YAML::NodeType::Map);
        cur[seg] = fresh;
        next.reset(fresh);
      }
      list_key = seg;
    } else if (cur.IsSequence()) {
      const std::string_view name_key = list_item_name_key(list_key);
      std::vector<std::string> names;
      bool found = false;
      for (auto it = cur.begin(); it != cur.end() && !found; ++it) {
        YAML::Node name;
        if (!name_key.empty() && it->IsMap() && find_key(*it, name_key, name) && name.IsScalar()) {
          names.push_back(name.Scalar());
          if (name.Scalar() == seg) {
            next.reset(*it);
            found = true;
          }
        }
      }
      if (!found && all_digits(seg) && std::stoull(seg) < cur.size()) {
        next.reset(cur[std::stoi(seg)]);
        found = true;
      }
      if (!found) {
        std::string message = "'" + walked + "' has no item named '" + seg + "'";
        if (const auto near = closest_match(seg, std::span<const std::string>(names)))
          message += "; did you mean '" + std::string(*near) + "'?";
        set_error(ctx, origin, path, message);
        return;
      }
    } else {
      set_error(ctx, origin, path, "'" + walked + "' is a single value, not a section");
      return;
    }
    walked = walked.empty() ? seg : walked + "." + seg;
    if (last) {
      next = value;  // assigns into the tree
      ctx.add_included(value, "--set");
      return;
    }
    cur.reset(next);
  }
}

}  // namespace

void apply_overrides(LoadContext& ctx, YAML::Node& root, const std::vector<std::string>& sets,
                     std::optional<std::uint64_t> seed) {
  for (const std::string& set : sets) {
    const std::size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      set_error(ctx, "--set", "", "expected PATH=VALUE, got '" + set + "'");
      continue;
    }
    const std::string path = set.substr(0, eq);
    YAML::Node value;
    try {
      value = YAML::Load(set.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      set_error(ctx, "--set", path, "cannot read the value: " + e.msg);
      continue;
    }
    apply_path(ctx, root, path, value, "--set");
  }
  if (seed) apply_path(ctx, root, "simulation.seed", YAML::Node(std::to_string(*seed)), "--seed");
}

}  // namespace ecsim::detail
