#pragma once
/// Per-region prices (data/prices.yaml, compiled in), scenario overrides, and
/// hourly rates and quotes for Fargate task sizes and EC2 instances.
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/model/platform.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim {

/// Fargate's two meters: task vCPUs and task memory, per hour.
struct FargateRates {
  double vcpu_hour = 0;  ///< USD per vCPU-hour
  double gb_hour = 0;    ///< USD per GB-hour (GB = 1024 MiB of task memory)
  bool operator==(const FargateRates&) const = default;
};

/// What one region charges, in USD (ecs-facts.md §8.2, §9, §13).
struct PriceTable {
  std::string region;                             ///< e.g. "us-east-1"
  FargateRates fargate_linux_x86;                 ///< Linux on X86_64
  FargateRates fargate_linux_arm;                 ///< Linux on ARM64 (Graviton), about 20 % less
  FargateRates fargate_windows;                   ///< Windows (X86_64 only), before the licence fee
  double fargate_windows_license_vcpu_hour = 0;   ///< Windows OS licence, added per vCPU-hour
  double ephemeral_storage_gb_hour = 0;           ///< per GB-hour of storage above the included amount
  int ephemeral_included_gib = 20;                ///< storage every Fargate task gets at no charge
  double fargate_spot_discount = 0.70;            ///< FARGATE_SPOT bills (1 − this) × on-demand (U)
  std::map<std::string, double, std::less<>> ec2_on_demand_usd_hour;  ///< Linux on-demand per type
  double ec2_spot_discount = 0.65;                ///< EC2 Spot bills (1 − this) × on-demand (U)
  /// ECS Anywhere: per registered EXTERNAL instance-hour (AWS ECS pricing page: $0.01025).
  double external_instance_hour = 0.01025;
  bool operator==(const PriceTable&) const = default;
};

/// A scenario's `prices:` block: each set field replaces one value of the
/// region's table and nothing else. `prices.fargate.{vcpuHour, gbHour}` are
/// the Linux/X86_64 rates; ARM64 and Windows keep theirs unless set.
struct PriceTableOverrides {
  std::optional<double> fargate_vcpu_hour;          ///< prices.fargate.vcpuHour
  std::optional<double> fargate_gb_hour;            ///< prices.fargate.gbHour
  std::optional<double> fargate_arm_vcpu_hour;      ///< ARM64 vCPU-hour
  std::optional<double> fargate_arm_gb_hour;        ///< ARM64 GB-hour
  std::optional<double> fargate_spot_discount;      ///< prices.fargate.spotDiscount, 0 to 1
  std::optional<double> ephemeral_storage_gb_hour;  ///< storage GB-hour above the included amount
  std::optional<double> ec2_spot_discount;          ///< 0 to 1
  std::optional<double> external_instance_hour;     ///< prices.externalInstanceHour
  std::map<std::string, double, std::less<>> ec2_on_demand_usd_hour;  ///< per catalog type
  bool operator==(const PriceTableOverrides&) const = default;
};

/// The built-in table of a region. Throws InputError listing the known
/// regions when there is none.
const PriceTable& price_table(std::string_view region);

/// Regions with a built-in table, sorted.
std::vector<std::string> price_regions();

/// base with the overrides applied. Throws InputError for a negative price, a
/// discount outside 0..1 or an instance type the catalog does not know.
PriceTable apply_overrides(PriceTable base, const PriceTableOverrides& overrides);

/// USD per hour of one Fargate task: vCPU = cpu/1024 and GB = memory/1024 at
/// the platform's rates, plus storage above the included 20 GiB. Spot
/// discounts vCPU and memory only; storage is billed at the on-demand rate
/// (assumption). Throws InputError for Windows on ARM64 or on Spot, which
/// Fargate does not offer. Does not check the size; see validate_fargate_size.
double fargate_hourly_usd(const PriceTable& prices, int cpu_units, int memory_mib, CpuArchitecture arch,
                          OsFamily os, bool spot, int ephemeral_gib = fargate_default_ephemeral_gib);

/// USD per hour of one Linux instance, on-demand or Spot. Throws InputError
/// when the table has no price for the type.
double ec2_hourly_usd(const PriceTable& prices, const InstanceType& type, bool spot);

/// The answer to `ecsim price --cpu ... --memory ...`.
struct FargateQuote {
  int cpu = 0;                                     ///< CPU units
  int memory_mib = 0;                              ///< MiB
  CpuArchitecture arch = CpuArchitecture::x86_64;  ///< platform architecture
  bool spot = false;                               ///< FARGATE_SPOT rather than FARGATE
  OsFamily os = OsFamily::linux;                   ///< platform OS
  int ephemeral_gib = fargate_default_ephemeral_gib;  ///< configured ephemeral storage, GiB
  double hourly_usd = 0;                           ///< price of one task-hour
  double hours = 0;                                ///< how long it is quoted for
  double total_usd = 0;                            ///< hourly_usd × hours
  bool operator==(const FargateQuote&) const = default;
};

/// Prices one task of this size for `hours` (730 = one month). Checks the
/// size, the storage (when not the default 20 GiB) and hours first, throwing
/// InputError the way a task definition would be refused.
FargateQuote quote_fargate(const PriceTable& prices, int cpu, int memory_mib, CpuArchitecture arch, bool spot,
                           double hours = 730, OsFamily os = OsFamily::linux,
                           int ephemeral_gib = fargate_default_ephemeral_gib);

/// The answer to `ecsim price --instance-type ...`.
struct Ec2Quote {
  std::string instance_type;  ///< catalog name
  bool spot = false;          ///< Spot rather than on-demand
  double hourly_usd = 0;      ///< price of one instance-hour
  double hours = 0;           ///< how long it is quoted for
  double total_usd = 0;       ///< hourly_usd × hours
  bool operator==(const Ec2Quote&) const = default;
};

/// Prices one instance of a catalog type for `hours`. Throws InputError for an
/// unknown type (with a did-you-mean) or a negative hours.
Ec2Quote quote_ec2(const PriceTable& prices, std::string_view instance_type, bool spot, double hours = 730);

}  // namespace ecsim
