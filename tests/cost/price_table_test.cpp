#include <ecsim/core/error.hpp>
#include <ecsim/cost/billing.hpp>
#include <ecsim/cost/price_table.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace ecsim;

namespace {
// Prices are compared the way a bill shows them: in whole cents.
long long cents(double usd) { return std::llround(usd * 100); }
constexpr auto x86 = CpuArchitecture::x86_64;
constexpr auto arm = CpuArchitecture::arm64;
}  // namespace

TEST_CASE("the us-east-1 table carries the Fargate and Spot rates of ecs-facts 8.2 and 13") {
  const PriceTable& t = price_table("us-east-1");
  CHECK(t.region == "us-east-1");
  CHECK(t.fargate_linux_x86 == FargateRates{0.04048, 0.004445});
  CHECK(t.fargate_linux_arm == FargateRates{0.03238, 0.00356});
  CHECK(t.fargate_windows == FargateRates{0.09148, 0.01005});
  CHECK(t.fargate_windows_license_vcpu_hour == 0.046);
  CHECK(t.ephemeral_storage_gb_hour == 0.000111);
  CHECK(t.ephemeral_included_gib == 20);
  CHECK(t.fargate_spot_discount == 0.70);
  CHECK(t.ec2_spot_discount == 0.65);
  CHECK(price_regions() == std::vector<std::string>{"us-east-1"});
}

TEST_CASE("every catalog instance type has a us-east-1 on-demand price equal to the catalog's") {
  const PriceTable& t = price_table("us-east-1");
  CHECK(t.ec2_on_demand_usd_hour.size() == instance_types().size());
  for (const InstanceType& type : instance_types()) {
    CAPTURE(type.name);
    CHECK(ec2_hourly_usd(t, type, false) == type.on_demand_usd_hour);
  }
}

TEST_CASE("a 1 vCPU / 2 GB Linux task costs $0.04937 an hour and $36.04 for 730 hours") {
  const FargateQuote q = quote_fargate(price_table("us-east-1"), 1024, 2048, x86, false);
  CHECK(q.hourly_usd == doctest::Approx(0.04937).epsilon(1e-12));
  CHECK(q.hours == 730);
  CHECK(cents(q.total_usd) == 3604);
  CHECK(cents(monthly_usd(q.hourly_usd)) == 3604);
  CHECK(q.cpu == 1024);
  CHECK(q.memory_mib == 2048);
  CHECK(q.os == OsFamily::linux);
  CHECK(q.ephemeral_gib == 20);
}

TEST_CASE("the same task on ARM64 costs $28.84 for 730 hours") {
  const FargateQuote q = quote_fargate(price_table("us-east-1"), 1024, 2048, arm, false);
  CHECK(q.hourly_usd == doctest::Approx(0.0395).epsilon(1e-12));
  CHECK(cents(q.total_usd) == 2884);
  CHECK(q.arch == arm);
}

TEST_CASE("50 GiB of ephemeral storage adds $2.43 a month, the first 20 GiB being free") {
  const PriceTable& t = price_table("us-east-1");
  const double base = fargate_hourly_usd(t, 1024, 2048, x86, OsFamily::linux, false);
  const double big = fargate_hourly_usd(t, 1024, 2048, x86, OsFamily::linux, false, 50);
  CHECK(big - base == doctest::Approx(30 * 0.000111).epsilon(1e-9));
  CHECK(cents(monthly_usd(big - base)) == 243);
  const FargateQuote q = quote_fargate(t, 1024, 2048, x86, false, 730, OsFamily::linux, 50);
  CHECK(cents(q.total_usd) == 3847);  // 36.0401 + 2.4309
}

TEST_CASE("Fargate Spot bills 30 percent of on-demand for vCPU and memory") {
  const PriceTable& t = price_table("us-east-1");
  const FargateQuote od = quote_fargate(t, 1024, 2048, x86, false);
  const FargateQuote spot = quote_fargate(t, 1024, 2048, x86, true);
  CHECK(spot.hourly_usd == doctest::Approx(0.3 * od.hourly_usd).epsilon(1e-12));
  CHECK(cents(spot.total_usd) == 1081);  // 0.3 × 36.0401
  CHECK(spot.spot);
  // Storage above 20 GiB keeps its on-demand rate.
  const double spot_big = fargate_hourly_usd(t, 1024, 2048, x86, OsFamily::linux, true, 50);
  CHECK(spot_big - spot.hourly_usd == doctest::Approx(30 * 0.000111).epsilon(1e-9));
}

TEST_CASE("Windows on Fargate adds the licence fee per vCPU and has no ARM64 or Spot") {
  const PriceTable& t = price_table("us-east-1");
  CHECK(fargate_hourly_usd(t, 1024, 2048, x86, OsFamily::windows, false) ==
        doctest::Approx(0.09148 + 0.046 + 2 * 0.01005).epsilon(1e-12));
  CHECK_THROWS_WITH_AS(fargate_hourly_usd(t, 1024, 2048, arm, OsFamily::windows, false),
                       "Fargate runs Windows tasks on X86_64 only, not ARM64", InputError);
  CHECK_THROWS_WITH_AS(fargate_hourly_usd(t, 1024, 2048, x86, OsFamily::windows, true),
                       "Fargate Spot does not run Windows tasks", InputError);
  CHECK_THROWS_WITH_AS(quote_fargate(t, 512, 1024, x86, false, 730, OsFamily::windows),
                       "Fargate does not support cpu 512 for Windows tasks; valid cpu values for Windows "
                       "are 1024, 2048, 4096",
                       InputError);
}

TEST_CASE("a Fargate quote refuses sizes, storage and hours a task could not have") {
  const PriceTable& t = price_table("us-east-1");
  CHECK_THROWS_WITH_AS(quote_fargate(t, 512, 512, x86, false),
                       "Fargate does not support cpu 512 with memory 512 MiB; valid memory values for cpu "
                       "512 are 1024, 2048, 3072, 4096 MiB",
                       InputError);
  CHECK_THROWS_AS(quote_fargate(t, 1024, 2048, x86, false, 730, OsFamily::linux, 10), InputError);
  CHECK_THROWS_WITH_AS(quote_fargate(t, 1024, 2048, x86, false, -1),
                       "invalid hours -1: must be a number >= 0", InputError);
  CHECK(quote_fargate(t, 256, 512, x86, false, 0).total_usd == 0);
}

TEST_CASE("a c5.2xlarge costs $0.34 an hour and $248.20 for 730 hours on-demand") {
  const PriceTable& t = price_table("us-east-1");
  CHECK(ec2_hourly_usd(t, instance_type("c5.2xlarge"), false) == 0.34);
  const Ec2Quote q = quote_ec2(t, "c5.2xlarge", false);
  CHECK(q.instance_type == "c5.2xlarge");
  CHECK(q.hours == 730);
  CHECK(cents(q.total_usd) == 24820);
  CHECK(cents(monthly_usd(q.hourly_usd)) == 24820);
}

TEST_CASE("EC2 Spot bills 35 percent of on-demand by the assumed discount") {
  const PriceTable& t = price_table("us-east-1");
  CHECK(ec2_hourly_usd(t, instance_type("c5.2xlarge"), true) == doctest::Approx(0.119).epsilon(1e-12));
  const Ec2Quote q = quote_ec2(t, "c5.2xlarge", true, 100);
  CHECK(cents(q.total_usd) == 1190);
  CHECK(q.spot);
}

TEST_CASE("an EC2 quote for an unknown type suggests the nearest known one") {
  CHECK_THROWS_WITH_AS(quote_ec2(price_table("us-east-1"), "c5.2xlarg", false),
                       "unknown instance type 'c5.2xlarg'; did you mean 'c5.2xlarge'?", InputError);
}

TEST_CASE("an EC2 type without a price in the table is reported, not priced at zero") {
  PriceTable t = price_table("us-east-1");
  t.ec2_on_demand_usd_hour.erase("m5.large");
  CHECK_THROWS_WITH_AS(ec2_hourly_usd(t, instance_type("m5.large"), false),
                       "no EC2 price for instance type 'm5.large' in region 'us-east-1'; set one under "
                       "prices.ec2.onDemand",
                       InputError);
}

TEST_CASE("price overrides change only the values they name") {
  const PriceTable& base = price_table("us-east-1");
  CHECK(apply_overrides(base, {}) == base);

  PriceTableOverrides o;
  o.fargate_vcpu_hour = 0.05;
  o.fargate_spot_discount = 0.5;
  o.ec2_on_demand_usd_hour["m5.large"] = 0.1;
  const PriceTable changed = apply_overrides(base, o);

  PriceTable expected = base;
  expected.fargate_linux_x86.vcpu_hour = 0.05;
  expected.fargate_spot_discount = 0.5;
  expected.ec2_on_demand_usd_hour["m5.large"] = 0.1;
  CHECK(changed == expected);
  CHECK(changed.fargate_linux_x86.gb_hour == 0.004445);
  CHECK(changed.fargate_linux_arm == base.fargate_linux_arm);
  CHECK(changed.ec2_on_demand_usd_hour.at("c5.2xlarge") == 0.34);
  CHECK(fargate_hourly_usd(changed, 1024, 2048, x86, OsFamily::linux, true) ==
        doctest::Approx(0.5 * (0.05 + 2 * 0.004445)).epsilon(1e-12));
}

TEST_CASE("price overrides with negative prices, bad discounts or unknown types are rejected") {
  const PriceTable& base = price_table("us-east-1");
  PriceTableOverrides negative;
  negative.fargate_gb_hour = -0.001;
  CHECK_THROWS_WITH_AS(apply_overrides(base, negative),
                       "invalid price override fargate.gbHour: -0.001 is not a price (must be >= 0)", InputError);
  PriceTableOverrides discount;
  discount.fargate_spot_discount = 1.5;
  CHECK_THROWS_WITH_AS(apply_overrides(base, discount),
                       "invalid price override fargate.spotDiscount: 1.5 is not a discount between 0 and 1",
                       InputError);
  PriceTableOverrides unknown;
  unknown.ec2_on_demand_usd_hour["m5.larg"] = 0.1;
  CHECK_THROWS_WITH_AS(apply_overrides(base, unknown),
                       "unknown instance type 'm5.larg'; did you mean 'm5.large'?", InputError);
}

TEST_CASE("a region without a built-in price table is rejected listing the known regions") {
  CHECK_THROWS_WITH_AS(price_table("eu-west-1"), "no price table for region 'eu-west-1'; known regions: us-east-1",
                       InputError);
}
