// `ecsim price`: what one Fargate task size or one EC2 instance costs per hour
// and over a period (730 h = the month AWS's calculator uses).
#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <ecsim/cost/price_table.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/model/platform.hpp>

#include <fmt/format.h>

namespace ecsim::cli {

namespace {

constexpr OptionSpec price_options[] = {
    {"cpu", true},   {"memory", true},        {"hours", true},
    {"spot", false}, {"arch", true},          {"os", true},
    {"region", true}, {"ephemeral-storage", true}, {"instance-type", true},
};

std::string money(double usd) {
  // Sub-dollar hourly rates need more digits than totals to be useful.
  return usd < 1.0 ? fmt::format("${:.5f}", usd) : fmt::format("${:.2f}", usd);
}

std::string hours_label(double hours) {
  return hours == 730.0 ? std::string("730 h (1 month)") : fmt::format("{:g} h", hours);
}

}  // namespace

int run_price(const std::vector<std::string>& argv) {
  Args args("price", price_options, argv);
  if (!args.positionals().empty())
    throw InputError(fmt::format("ecsim price: unexpected argument '{}'", args.positionals()[0]));
  const std::string region = args.value("region").value_or("us-east-1");
  const PriceTable& prices = price_table(region);
  const double hours = args.number<double>("hours", 0.0, 1e7).value_or(730.0);
  const bool spot = args.has("spot");

  if (auto type = args.value("instance-type")) {
    for (std::string_view fargate_only : {"cpu", "memory", "arch", "os", "ephemeral-storage"})
      if (args.has(fargate_only))
        throw InputError(fmt::format(
            "ecsim price: --{} describes a Fargate task; it does not go with --instance-type",
            fargate_only));
    const Ec2Quote q = quote_ec2(prices, *type, spot, hours);
    const InstanceType& t = instance_type(*type);
    fmt::print("EC2 {} ({} vCPU, {} MiB, {}), Linux {}, {}\n", q.instance_type, t.vcpu,
               t.memory_mib, to_string(t.architecture), spot ? "Spot (assumed discount)" : "on-demand",
               region);
    fmt::print("  hourly          {}\n", money(q.hourly_usd));
    fmt::print("  {:<15} {}\n", hours_label(hours), money(q.total_usd));
    return 0;
  }

  auto cpu_text = args.value("cpu");
  auto memory_text = args.value("memory");
  if (!cpu_text || !memory_text)
    throw InputError(
        "ecsim price: give --cpu and --memory (a Fargate task size, e.g. --cpu 1024 --memory 2048) "
        "or --instance-type (e.g. m5.large)");
  const int cpu = parse_task_cpu(*cpu_text);
  const int memory = parse_task_memory(*memory_text);
  const CpuArchitecture arch =
      args.has("arch") ? parse_cpu_architecture(*args.value("arch")) : CpuArchitecture::x86_64;
  const OsFamily os = args.has("os") ? parse_os_family(*args.value("os")) : OsFamily::linux;
  const int storage =
      args.number<int>("ephemeral-storage", 0, 1'000'000).value_or(fargate_default_ephemeral_gib);

  const FargateQuote q = quote_fargate(prices, cpu, memory, arch, spot, hours, os, storage);
  fmt::print("Fargate {} vCPU ({} CPU units), {:g} GB ({} MiB), {}/{}, {}, {}\n", cpu / 1024.0,
             cpu, memory / 1024.0, memory, os == OsFamily::linux ? "Linux" : "Windows",
             to_string(arch), spot ? "FARGATE_SPOT" : "on-demand", region);
  if (storage != fargate_default_ephemeral_gib)
    fmt::print("  ephemeral storage {} GiB ({} GiB above the included 20)\n", storage,
               storage - fargate_default_ephemeral_gib);
  fmt::print("  hourly          {}\n", money(q.hourly_usd));
  fmt::print("  {:<15} {}\n", hours_label(hours), money(q.total_usd));
  return 0;
}

}  // namespace ecsim::cli
