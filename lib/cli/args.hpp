#pragma once
// Tiny command-line argument reader shared by the subcommands: options are
// `--name value`, `--name=value` or flags; anything else is positional.
// Errors are InputError (exit status 2 in main).
#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim::cli {

struct OptionSpec {
  std::string_view name;  ///< without the leading "--"
  bool takes_value;
  bool repeatable = false;
};

/// Options and positionals of one subcommand, checked against its spec.
class Args {
 public:
  Args(std::string_view command, std::span<const OptionSpec> spec,
       std::span<const std::string> argv)
      : command_(command) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
      std::string_view a = argv[i];
      if (a.size() > 2 && a.substr(0, 2) == "--") {
        std::string_view body = a.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = body.find('='); eq != std::string_view::npos) {
          inline_value = std::string(body.substr(eq + 1));
          body = body.substr(0, eq);
        }
        const OptionSpec* opt = find(spec, body);
        if (!opt) {
          std::vector<std::string_view> names;
          for (const auto& o : spec) names.push_back(o.name);
          std::string msg = fmt::format("ecsim {}: unknown option '--{}'", command_, body);
          if (auto near = detail::closest_match(body, names))
            msg += fmt::format("; did you mean '--{}'?", *near);
          throw InputError(msg);
        }
        std::string value;
        if (opt->takes_value) {
          if (inline_value) {
            value = *inline_value;
          } else if (i + 1 < argv.size()) {
            value = argv[++i];
          } else {
            throw InputError(fmt::format("ecsim {}: option '--{}' needs a value", command_, body));
          }
        } else if (inline_value) {
          throw InputError(fmt::format("ecsim {}: option '--{}' takes no value", command_, body));
        }
        if (!opt->repeatable && has(opt->name))
          throw InputError(fmt::format("ecsim {}: option '--{}' given twice", command_, body));
        options_.push_back({std::string(opt->name), std::move(value)});
      } else {
        positionals_.emplace_back(a);
      }
    }
  }

  bool has(std::string_view name) const {
    for (const auto& [n, v] : options_)
      if (n == name) return true;
    return false;
  }
  std::optional<std::string> value(std::string_view name) const {
    for (const auto& [n, v] : options_)
      if (n == name) return v;
    return std::nullopt;
  }
  std::vector<std::string> values(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [n, v] : options_)
      if (n == name) out.push_back(v);
    return out;
  }
  /// A value that must be a number in [lo, hi].
  template <class T>
  std::optional<T> number(std::string_view name, T lo, T hi) const {
    auto v = value(name);
    if (!v) return std::nullopt;
    T out{};
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc{} || p != v->data() + v->size() || out < lo || out > hi)
      throw InputError(fmt::format("ecsim {}: --{} expects a number from {} to {}, got '{}'",
                                   command_, name, lo, hi, *v));
    return out;
  }
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  static const OptionSpec* find(std::span<const OptionSpec> spec, std::string_view name) {
    for (const auto& o : spec)
      if (o.name == name) return &o;
    return nullptr;
  }

  std::string command_;
  std::vector<std::pair<std::string, std::string>> options_;
  std::vector<std::string> positionals_;
};

}  // namespace ecsim::cli
