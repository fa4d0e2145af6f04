#include <ecsim/model/fargate.hpp>

#include <ecsim/core/error.hpp>

#include <array>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace ecsim {

namespace {

// Memory sizes from min to max MiB in equal steps, built at compile time so
// the table below reads like the ECS documentation.
template <int Min, int Max, int Step>
constexpr auto memory_steps() {
  static_assert(Min <= Max && (Max - Min) % Step == 0);
  std::array<int, (Max - Min) / Step + 1> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = Min + static_cast<int>(i) * Step;
  return out;
}

// ECS: valid cpu/memory pairs (ecs-facts.md §8.1, API RegisterTaskDefinition).
constexpr std::array<int, 3> memory_256 = {512, 1024, 2048};
constexpr auto memory_512 = memory_steps<1024, 4096, 1024>();
constexpr auto memory_1024 = memory_steps<2048, 8192, 1024>();
constexpr auto memory_2048 = memory_steps<4096, 16384, 1024>();
constexpr auto memory_4096 = memory_steps<8192, 30720, 1024>();
constexpr auto memory_8192 = memory_steps<16384, 61440, 4096>();
constexpr auto memory_16384 = memory_steps<32768, 122880, 8192>();

struct FargateSize {
  int cpu;
  std::span<const int> memory_mib;
  bool windows;  // ECS: Windows needs >= 1 vCPU; 8 and 16 vCPU are Linux-only (§8.1)
};

constexpr FargateSize fargate_sizes[] = {
    {256, memory_256, false},     {512, memory_512, false},    {1024, memory_1024, true},
    {2048, memory_2048, true},    {4096, memory_4096, true},   {8192, memory_8192, false},
    {16384, memory_16384, false},
};

constexpr std::array<int, std::size(fargate_sizes)> fargate_cpus = [] {
  std::array<int, std::size(fargate_sizes)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = fargate_sizes[i].cpu;
  return out;
}();

const FargateSize* find_size(int cpu) noexcept {
  for (const FargateSize& s : fargate_sizes)
    if (s.cpu == cpu) return &s;
  return nullptr;
}

std::string join(std::span<const int> values) {
  std::string out;
  for (int v : values) {
    if (!out.empty()) out += ", ";
    out += std::to_string(v);
  }
  return out;
}

std::string windows_cpus() {
  std::string out;
  for (const FargateSize& s : fargate_sizes) {
    if (!s.windows) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(s.cpu);
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads "<decimal><spaces><unit>", where unit is empty (a whole number of base
// units) or one of `units` (a possibly fractional count of 1024 base units).
// Integer arithmetic only, so "0.25 vCPU" is exactly 256 and "0.3 vCPU"
// (307.2 units) is refused rather than rounded.
std::optional<int> parse_scaled(std::string_view text, std::initializer_list<std::string_view> units) {
  std::size_t i = 0;
  std::int64_t whole = 0, fraction = 0, fraction_scale = 1;
  std::size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (++digits > 9) return std::nullopt;  // far beyond any task size; avoids overflow
    whole = whole * 10 + (text[i++] - '0');
  }
  bool has_point = false;
  if (i < text.size() && text[i] == '.') {
    has_point = true;
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (++digits > 12) return std::nullopt;
      fraction = fraction * 10 + (text[i++] - '0');
      fraction_scale *= 10;
    }
  }
  if (digits == 0) return std::nullopt;
  const std::string_view unit = trim(text.substr(i));
  std::int64_t value = 0;
  if (unit.empty()) {
    if (has_point) return std::nullopt;  // "0.5" alone: units or vCPUs? refuse to guess
    value = whole;
  } else {
    bool known = false;
    for (std::string_view u : units) known = known || detail::ecs_name_equals(unit, u);
    if (!known) return std::nullopt;
    const std::int64_t numerator = (whole * fraction_scale + fraction) * 1024;
    if (numerator % fraction_scale != 0) return std::nullopt;
    value = numerator / fraction_scale;
  }
  if (value <= 0 || value > 0x7fffffff) return std::nullopt;
  return static_cast<int>(value);
}

}  // namespace

int parse_task_cpu(std::string_view text) {
  const std::string_view t = trim(text);
  if (auto v = parse_scaled(t, {"vcpu"})) return *v;
  throw InputError("invalid task cpu '" + std::string(t) +
                   "': expected CPU units like \"512\" or vCPUs like \"0.5 vCPU\"");
}

int parse_task_memory(std::string_view text) {
  const std::string_view t = trim(text);
  if (auto v = parse_scaled(t, {"gb", "gib"})) return *v;
  throw InputError("invalid task memory '" + std::string(t) +
                   "': expected MiB like \"1024\" or GB like \"0.5 GB\"");
}

std::span<const int> fargate_cpu_options() noexcept { return fargate_cpus; }

std::span<const int> fargate_memory_options(int cpu) noexcept {
  const FargateSize* s = find_size(cpu);
  return s ? s->memory_mib : std::span<const int>{};
}

bool is_valid_fargate_size(int cpu, int memory_mib, OsFamily os) noexcept {
  const FargateSize* s = find_size(cpu);
  if (!s || (os == OsFamily::windows && !s->windows)) return false;
  for (int m : s->memory_mib)
    if (m == memory_mib) return true;
  return false;
}

void validate_fargate_size(int cpu, int memory_mib, OsFamily os) {
  const FargateSize* s = find_size(cpu);
  if (os == OsFamily::windows && (!s || !s->windows))
    throw InputError("Fargate does not support cpu " + std::to_string(cpu) +
                     " for Windows tasks; valid cpu values for Windows are " + windows_cpus());
  if (!s)
    throw InputError("Fargate does not support cpu " + std::to_string(cpu) +
                     "; valid cpu values are " + join(fargate_cpus));
  if (!is_valid_fargate_size(cpu, memory_mib, os))
    throw InputError("Fargate does not support cpu " + std::to_string(cpu) + " with memory " +
                     std::to_string(memory_mib) + " MiB; valid memory values for cpu " +
                     std::to_string(cpu) + " are " + join(s->memory_mib) + " MiB");
}

void validate_ephemeral_storage(int gib) {
  if (gib < fargate_min_ephemeral_gib || gib > fargate_max_ephemeral_gib)
    throw InputError("invalid ephemeral storage " + std::to_string(gib) + " GiB: sizeInGiB must be " +
                     std::to_string(fargate_min_ephemeral_gib) + " to " +
                     std::to_string(fargate_max_ephemeral_gib) + " (leave it unset for the default " +
                     std::to_string(fargate_default_ephemeral_gib) + " GiB)");
}

}  // namespace ecsim
