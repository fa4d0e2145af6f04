#pragma once
/// The EC2 instance-type catalog (data/instance-types.csv, compiled in) and
/// the resources an instance of a type registers with ECS.
#include <ecsim/model/platform.hpp>

#include <span>
#include <string>
#include <string_view>

namespace ecsim {

/// One EC2 instance type as ecsim sizes and prices it.
struct InstanceType {
  std::string name;                                        ///< EC2 name, e.g. "m5.large"
  int vcpu = 0;                                            ///< nominal vCPUs
  int memory_mib = 0;                                      ///< nominal memory, not what ECS registers
  CpuArchitecture architecture = CpuArchitecture::x86_64;  ///< which images it runs
  int max_enis = 0;              ///< network interfaces, the instance's own primary ENI included
  int trunk_task_eni_limit = 0;  ///< awsvpc tasks with awsvpcTrunking; 0 = trunking unsupported
  int gpus = 0;                  ///< GPUs ECS can hand to tasks
  double on_demand_usd_hour = 0; ///< us-east-1 Linux on-demand price; the catalog's default
  bool operator==(const InstanceType&) const = default;
};

/// How much of an instance's nominal memory ECS registers. ECS registers what
/// the OS reports minus ECS_RESERVED_MEMORY; per-type OS figures are not
/// published, so ecsim assumes a fixed fraction (ecs-facts.md §6.4, §13
/// `instance_mem_overhead_frac`).
struct InstanceResourceParams {
  double memory_overhead_frac = 0.025;  ///< share of nominal memory the OS and kernel keep
  int reserved_memory_mib = 0;          ///< ECS_RESERVED_MEMORY, default 0
  bool operator==(const InstanceResourceParams&) const = default;
};

/// The catalog type with this exact name, or nullptr.
const InstanceType* find_instance_type(std::string_view name);

/// The catalog type with this exact name. Throws InputError for an unknown
/// name, suggesting the nearest known one ("did you mean 'm5.large'?").
const InstanceType& instance_type(std::string_view name);

/// Every catalog type, in the order of data/instance-types.csv. The storage
/// lives for the whole program, so pointers and references into it stay valid.
std::span<const InstanceType> instance_types();

/// CPU units the instance registers: 1024 per vCPU (ecs-facts.md §6.4).
int registered_cpu(const InstanceType& type) noexcept;

/// Memory (MiB) the instance registers:
/// floor(nominal × (1 − memory_overhead_frac)) − reserved_memory_mib, never below 0.
int registered_memory_mib(const InstanceType& type, const InstanceResourceParams& params = {}) noexcept;

/// How many awsvpc tasks an instance holds. Each task takes an ENI and the
/// primary ENI is the instance's own, so max_enis − 1; with trunking on a
/// supported type, the trunk limit instead (ecs-facts.md §6.5).
int awsvpc_task_limit(const InstanceType& type, bool trunking) noexcept;

}  // namespace ecsim
