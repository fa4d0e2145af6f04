#include <ecsim/model/instance_type.hpp>

#include <ecsim/core/error.hpp>
#include <ecsim/core/spelling.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <system_error>
#include <vector>

namespace ecsim::detail {
extern const std::string_view embedded_instance_types_csv;
}  // namespace ecsim::detail

namespace ecsim {

namespace {

constexpr std::string_view csv_header =
    "name,vcpu,memory_mib,architecture,max_enis,trunk_task_eni_limit,gpus,on_demand_usd_hour,source";

struct Catalog {
  std::vector<InstanceType> types;
  std::map<std::string_view, std::size_t, std::less<>> by_name;  // views into types[i].name
  std::vector<std::string_view> names;                           // for did-you-mean
};

// The data file ships inside the library, so a malformed row is an ecsim bug,
// reported as ecsim::Error with the row, never as a raw parser message.
[[noreturn]] void bad_row(int line, const std::string& what) {
  throw Error("data/instance-types.csv line " + std::to_string(line) + ": " + what);
}

template <class Number>
Number parse_number(std::string_view field, int line, std::string_view column) {
  Number value{};
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc{} || end != field.data() + field.size())
    bad_row(line, "column " + std::string(column) + " is not a number: '" + std::string(field) + "'");
  return value;
}

InstanceType parse_row(std::string_view row, int line) {
  std::vector<std::string_view> f;
  for (std::size_t start = 0;;) {
    const std::size_t comma = row.find(',', start);
    f.push_back(row.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (f.size() != 9) bad_row(line, "expected 9 columns, found " + std::to_string(f.size()));
  InstanceType t;
  t.name = std::string(f[0]);
  t.vcpu = parse_number<int>(f[1], line, "vcpu");
  t.memory_mib = parse_number<int>(f[2], line, "memory_mib");
  if (f[3] == "x86_64") t.architecture = CpuArchitecture::x86_64;
  else if (f[3] == "arm64") t.architecture = CpuArchitecture::arm64;
  else bad_row(line, "architecture must be x86_64 or arm64, not '" + std::string(f[3]) + "'");
  t.max_enis = parse_number<int>(f[4], line, "max_enis");
  t.trunk_task_eni_limit = parse_number<int>(f[5], line, "trunk_task_eni_limit");
  t.gpus = parse_number<int>(f[6], line, "gpus");
  t.on_demand_usd_hour = parse_number<double>(f[7], line, "on_demand_usd_hour");
  if (t.name.empty() || t.vcpu <= 0 || t.memory_mib <= 0 || t.max_enis < 1 ||
      t.trunk_task_eni_limit < 0 || t.gpus < 0 || !(t.on_demand_usd_hour > 0))
    bad_row(line, "values out of range for '" + t.name + "'");
  if (!f[8].starts_with("documented") && !f[8].starts_with("provisional"))
    bad_row(line, "source must say documented or provisional");
  return t;
}

Catalog load_catalog() {
  Catalog c;
  const std::string_view text = detail::embedded_instance_types_csv;
  bool header_seen = false;
  int line = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.empty() || row.front() == '#') continue;
    if (!header_seen) {
      if (row != csv_header) bad_row(line, "header must be '" + std::string(csv_header) + "'");
      header_seen = true;
      continue;
    }
    c.types.push_back(parse_row(row, line));
    for (std::size_t i = 0; i + 1 < c.types.size(); ++i)
      if (c.types[i].name == c.types.back().name) bad_row(line, "duplicate type '" + c.types.back().name + "'");
  }
  if (c.types.empty()) throw Error("data/instance-types.csv has no instance types");
  // Index only once the vector stops growing: the views point into its strings.
  for (std::size_t i = 0; i < c.types.size(); ++i) {
    c.by_name.emplace(c.types[i].name, i);
    c.names.push_back(c.types[i].name);
  }
  return c;
}

const Catalog& catalog() {
  static const Catalog c = load_catalog();
  return c;
}

}  // namespace

const InstanceType* find_instance_type(std::string_view name) {
  const Catalog& c = catalog();
  const auto it = c.by_name.find(name);
  return it == c.by_name.end() ? nullptr : &c.types[it->second];
}

const InstanceType& instance_type(std::string_view name) {
  if (const InstanceType* t = find_instance_type(name)) return *t;
  std::string msg = "unknown instance type '" + std::string(name) + "'";
  if (auto near = detail::closest_match(name, std::span<const std::string_view>(catalog().names)))
    msg += "; did you mean '" + std::string(*near) + "'?";
  throw InputError(msg);
}

std::span<const InstanceType> instance_types() { return catalog().types; }

int registered_cpu(const InstanceType& type) noexcept { return 1024 * type.vcpu; }

int registered_memory_mib(const InstanceType& type, const InstanceResourceParams& params) noexcept {
  // The epsilon keeps an exact product (e.g. 40960 × 0.975 = 39936) from
  // flooring one MiB low because 0.975 has no exact binary form.
  const double usable = type.memory_mib * (1.0 - params.memory_overhead_frac);
  const int mib = static_cast<int>(std::floor(usable + 1e-6)) - params.reserved_memory_mib;
  return std::max(mib, 0);
}

int awsvpc_task_limit(const InstanceType& type, bool trunking) noexcept {
  if (trunking && type.trunk_task_eni_limit > 0) return type.trunk_task_eni_limit;
  return std::max(type.max_enis - 1, 0);
}

}  // namespace ecsim
