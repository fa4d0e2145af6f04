#include <ecsim/cost/price_table.hpp>

#include <ecsim/core/error.hpp>
#include <ecsim/model/fargate.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>

namespace ecsim::detail {
extern const std::string_view embedded_prices_yaml;
}  // namespace ecsim::detail

namespace ecsim {

namespace {

using Tables = std::map<std::string, PriceTable, std::less<>>;

// prices.yaml ships inside the library: a problem in it is an ecsim bug,
// reported as ecsim::Error naming the key, never as yaml-cpp's own text.
[[noreturn]] void bad_data(const std::string& path, const std::string& what) {
  throw Error("data/prices.yaml: " + path + ": " + what);
}

YAML::Node child(const YAML::Node& parent, const char* key, const std::string& path) {
  if (!parent.IsMap()) bad_data(path, "expected a mapping");
  YAML::Node n = parent[key];
  if (!n) bad_data(path + "." + key, "missing");
  return n;
}

double number(const YAML::Node& parent, const char* key, const std::string& path) {
  const YAML::Node n = child(parent, key, path);
  double value = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, value) || !std::isfinite(value) || value < 0)
    bad_data(path + "." + key, "expected a non-negative number");
  return value;
}

FargateRates rates(const YAML::Node& parent, const char* key, const std::string& path) {
  const YAML::Node n = child(parent, key, path);
  const std::string p = path + "." + key;
  return {number(n, "vcpuHour", p), number(n, "gbHour", p)};
}

PriceTable load_region(const std::string& region, const YAML::Node& node) {
  const std::string path = "regions." + region;
  PriceTable t;
  t.region = region;
  const YAML::Node fargate = child(node, "fargate", path);
  const std::string fp = path + ".fargate";
  t.fargate_linux_x86 = rates(fargate, "linuxX86", fp);
  t.fargate_linux_arm = rates(fargate, "linuxArm", fp);
  t.fargate_windows = rates(fargate, "windows", fp);
  t.fargate_windows_license_vcpu_hour = number(child(fargate, "windows", fp), "licenseVcpuHour", fp + ".windows");
  const YAML::Node storage = child(fargate, "ephemeralStorage", fp);
  t.ephemeral_storage_gb_hour = number(storage, "gbHour", fp + ".ephemeralStorage");
  t.ephemeral_included_gib = static_cast<int>(number(storage, "includedGiB", fp + ".ephemeralStorage"));
  t.fargate_spot_discount = number(fargate, "spotDiscount", fp);

  const YAML::Node ec2 = child(node, "ec2", path);
  const std::string ep = path + ".ec2";
  const YAML::Node on_demand = child(ec2, "onDemand", ep);
  if (on_demand.IsScalar() && on_demand.Scalar() == "catalog") {
    // The catalog column holds us-east-1 Linux prices (data/instance-types.csv).
    for (const InstanceType& type : instance_types()) t.ec2_on_demand_usd_hour[type.name] = type.on_demand_usd_hour;
  } else if (on_demand.IsMap()) {
    for (const auto& kv : on_demand) {
      const std::string name = kv.first.as<std::string>("");
      if (!find_instance_type(name)) bad_data(ep + ".onDemand." + name, "not in instance-types.csv");
      t.ec2_on_demand_usd_hour[name] = number(on_demand, name.c_str(), ep + ".onDemand");
    }
  } else {
    bad_data(ep + ".onDemand", "expected `catalog` or a mapping of instance type to price");
  }
  t.ec2_spot_discount = number(ec2, "spotDiscount", ep);
  if (t.fargate_spot_discount > 1 || t.ec2_spot_discount > 1) bad_data(path, "a spot discount is above 1");
  return t;
}

Tables load_tables() {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(detail::embedded_prices_yaml));
  } catch (const YAML::Exception& e) {
    throw Error("data/prices.yaml line " + std::to_string(e.mark.line + 1) + ": malformed YAML");
  }
  const YAML::Node regions = child(root, "regions", "(top)");
  if (!regions.IsMap() || regions.size() == 0) bad_data("regions", "expected a mapping of region to prices");
  Tables tables;
  for (const auto& kv : regions) {
    const std::string region = kv.first.as<std::string>("");
    tables.emplace(region, load_region(region, kv.second));
  }
  return tables;
}

const Tables& tables() {
  static const Tables t = load_tables();
  return t;
}

std::string known_regions() {
  std::string out;
  for (const auto& [name, table] : tables()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

void check_price(const std::optional<double>& value, std::string_view key) {
  if (value && !(std::isfinite(*value) && *value >= 0))
    throw InputError(fmt::format("invalid price override {}: {} is not a price (must be >= 0)", key, *value));
}

void check_discount(const std::optional<double>& value, std::string_view key) {
  if (value && !(*value >= 0 && *value <= 1))
    throw InputError(fmt::format("invalid price override {}: {} is not a discount between 0 and 1", key, *value));
}

void check_hours(double hours) {
  if (!(std::isfinite(hours) && hours >= 0))
    throw InputError(fmt::format("invalid hours {}: must be a number >= 0", hours));
}

}  // namespace

const PriceTable& price_table(std::string_view region) {
  const Tables& t = tables();
  const auto it = t.find(region);
  if (it == t.end())
    throw InputError("no price table for region '" + std::string(region) + "'; known regions: " + known_regions());
  return it->second;
}

std::vector<std::string> price_regions() {
  std::vector<std::string> out;
  for (const auto& [name, table] : tables()) out.push_back(name);
  return out;
}

PriceTable apply_overrides(PriceTable base, const PriceTableOverrides& o) {
  check_price(o.fargate_vcpu_hour, "fargate.vcpuHour");
  check_price(o.fargate_gb_hour, "fargate.gbHour");
  check_price(o.fargate_arm_vcpu_hour, "fargate.armVcpuHour");
  check_price(o.fargate_arm_gb_hour, "fargate.armGbHour");
  check_price(o.ephemeral_storage_gb_hour, "fargate.ephemeralStorageGbHour");
  check_discount(o.fargate_spot_discount, "fargate.spotDiscount");
  check_discount(o.ec2_spot_discount, "ec2.spotDiscount");
  for (const auto& [name, price] : o.ec2_on_demand_usd_hour) {
    instance_type(name);  // throws with a did-you-mean for unknown types
    check_price(price, "ec2.onDemand." + name);
  }
  if (o.fargate_vcpu_hour) base.fargate_linux_x86.vcpu_hour = *o.fargate_vcpu_hour;
  if (o.fargate_gb_hour) base.fargate_linux_x86.gb_hour = *o.fargate_gb_hour;
  if (o.fargate_arm_vcpu_hour) base.fargate_linux_arm.vcpu_hour = *o.fargate_arm_vcpu_hour;
  if (o.fargate_arm_gb_hour) base.fargate_linux_arm.gb_hour = *o.fargate_arm_gb_hour;
  if (o.fargate_spot_discount) base.fargate_spot_discount = *o.fargate_spot_discount;
  if (o.ephemeral_storage_gb_hour) base.ephemeral_storage_gb_hour = *o.ephemeral_storage_gb_hour;
  if (o.ec2_spot_discount) base.ec2_spot_discount = *o.ec2_spot_discount;
  if (o.external_instance_hour) base.external_instance_hour = *o.external_instance_hour;
  for (const auto& [name, price] : o.ec2_on_demand_usd_hour) base.ec2_on_demand_usd_hour[name] = price;
  return base;
}

double fargate_hourly_usd(const PriceTable& prices, int cpu_units, int memory_mib, CpuArchitecture arch,
                          OsFamily os, bool spot, int ephemeral_gib) {
  const bool windows = os == OsFamily::windows;
  // ECS: Windows on Fargate is X86_64 only and has no Spot capacity.
  if (windows && arch == CpuArchitecture::arm64)
    throw InputError("Fargate runs Windows tasks on X86_64 only, not ARM64");
  if (windows && spot) throw InputError("Fargate Spot does not run Windows tasks");
  const FargateRates& r = windows ? prices.fargate_windows
                          : arch == CpuArchitecture::arm64 ? prices.fargate_linux_arm
                                                           : prices.fargate_linux_x86;
  const double vcpu = cpu_units / 1024.0;
  const double gb = memory_mib / 1024.0;
  double compute = vcpu * r.vcpu_hour + gb * r.gb_hour;
  if (windows) compute += vcpu * prices.fargate_windows_license_vcpu_hour;
  if (spot) compute *= 1.0 - prices.fargate_spot_discount;
  const int billed_storage = std::max(ephemeral_gib - prices.ephemeral_included_gib, 0);
  return compute + billed_storage * prices.ephemeral_storage_gb_hour;
}

double ec2_hourly_usd(const PriceTable& prices, const InstanceType& type, bool spot) {
  const auto it = prices.ec2_on_demand_usd_hour.find(type.name);
  if (it == prices.ec2_on_demand_usd_hour.end())
    throw InputError("no EC2 price for instance type '" + type.name + "' in region '" + prices.region +
                     "'; set one under prices.ec2.onDemand");
  return spot ? it->second * (1.0 - prices.ec2_spot_discount) : it->second;
}

FargateQuote quote_fargate(const PriceTable& prices, int cpu, int memory_mib, CpuArchitecture arch, bool spot,
                           double hours, OsFamily os, int ephemeral_gib) {
  validate_fargate_size(cpu, memory_mib, os);
  if (ephemeral_gib != fargate_default_ephemeral_gib) validate_ephemeral_storage(ephemeral_gib);
  check_hours(hours);
  FargateQuote q;
  q.cpu = cpu;
  q.memory_mib = memory_mib;
  q.arch = arch;
  q.spot = spot;
  q.os = os;
  q.ephemeral_gib = ephemeral_gib;
  q.hourly_usd = fargate_hourly_usd(prices, cpu, memory_mib, arch, os, spot, ephemeral_gib);
  q.hours = hours;
  q.total_usd = q.hourly_usd * hours;
  return q;
}

Ec2Quote quote_ec2(const PriceTable& prices, std::string_view name, bool spot, double hours) {
  const InstanceType& type = instance_type(name);
  check_hours(hours);
  Ec2Quote q;
  q.instance_type = type.name;
  q.spot = spot;
  q.hourly_usd = ec2_hourly_usd(prices, type, spot);
  q.hours = hours;
  q.total_usd = q.hourly_usd * hours;
  return q;
}

}  // namespace ecsim
