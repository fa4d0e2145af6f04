#pragma once
/// Operating-system family and CPU architecture of a task or an instance: the
/// two halves of ECS's runtimePlatform (operatingSystemFamily, cpuArchitecture).
#include <ecsim/core/error.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

// GNU dialects (-std=gnu++20, CMake's default for consumers) predefine the
// obsolete macro `linux` as 1, which would turn every OsFamily::linux into a
// syntax error. It stays undefined after this header so that code naming the
// enumerator compiles in any dialect; portable code tests __linux__ anyway.
#undef linux

namespace ecsim {

/// Which OS a task needs. ECS names several Windows Server editions; they
/// share one family because they share placement and price rules.
enum class OsFamily { linux, windows };

/// Which instruction set a task's image needs.
enum class CpuArchitecture { x86_64, arm64 };

namespace detail {

/// ASCII case-insensitive equality, for ECS enum strings users type in any case.
inline bool ecs_name_equals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
  });
}

}  // namespace detail

/// Reads operatingSystemFamily: "LINUX", "WINDOWS" or any ECS
/// "WINDOWS_SERVER_*" edition (e.g. WINDOWS_SERVER_2022_CORE), in any case.
/// Throws InputError on anything else.
inline OsFamily parse_os_family(std::string_view text) {
  constexpr std::string_view windows_edition = "WINDOWS_SERVER_";
  if (detail::ecs_name_equals(text, "LINUX")) return OsFamily::linux;
  if (detail::ecs_name_equals(text, "WINDOWS") ||
      (text.size() > windows_edition.size() &&
       detail::ecs_name_equals(text.substr(0, windows_edition.size()), windows_edition)))
    return OsFamily::windows;
  throw InputError("invalid operating system family '" + std::string(text) +
                   "': expected LINUX or a WINDOWS_SERVER_* edition such as WINDOWS_SERVER_2022_CORE");
}

/// Reads cpuArchitecture: "X86_64" or "ARM64", in any case. Throws InputError otherwise.
inline CpuArchitecture parse_cpu_architecture(std::string_view text) {
  if (detail::ecs_name_equals(text, "X86_64")) return CpuArchitecture::x86_64;
  if (detail::ecs_name_equals(text, "ARM64")) return CpuArchitecture::arm64;
  throw InputError("invalid cpu architecture '" + std::string(text) + "': expected X86_64 or ARM64");
}

/// "LINUX" or "WINDOWS" (the family, not a particular Windows Server edition).
constexpr std::string_view to_string(OsFamily os) noexcept {
  return os == OsFamily::windows ? "WINDOWS" : "LINUX";
}

/// The ECS spelling: "X86_64" or "ARM64".
constexpr std::string_view to_string(CpuArchitecture arch) noexcept {
  return arch == CpuArchitecture::arm64 ? "ARM64" : "X86_64";
}

}  // namespace ecsim
