#include <ecsim/core/error.hpp>
#include <ecsim/model/platform.hpp>

#include <doctest/doctest.h>

using namespace ecsim;

TEST_CASE("every ECS Windows Server edition reads as the Windows family") {
  CHECK(parse_os_family("LINUX") == OsFamily::linux);
  CHECK(parse_os_family("linux") == OsFamily::linux);
  CHECK(parse_os_family("WINDOWS_SERVER_2019_FULL") == OsFamily::windows);
  CHECK(parse_os_family("WINDOWS_SERVER_2019_CORE") == OsFamily::windows);
  CHECK(parse_os_family("WINDOWS_SERVER_2022_CORE") == OsFamily::windows);
  CHECK(parse_os_family("WINDOWS_SERVER_20H2_CORE") == OsFamily::windows);
  CHECK(parse_os_family("windows") == OsFamily::windows);
  CHECK(to_string(OsFamily::linux) == "LINUX");
  CHECK(to_string(OsFamily::windows) == "WINDOWS");
}

TEST_CASE("an unknown operating system family is rejected naming the accepted values") {
  CHECK_THROWS_WITH_AS(parse_os_family("macos"),
                       "invalid operating system family 'macos': expected LINUX or a WINDOWS_SERVER_* "
                       "edition such as WINDOWS_SERVER_2022_CORE",
                       InputError);
  CHECK_THROWS_AS(parse_os_family("WINDOWS_SERVER_"), InputError);
  CHECK_THROWS_AS(parse_os_family(""), InputError);
}

TEST_CASE("cpu architecture reads the ECS names in any case") {
  CHECK(parse_cpu_architecture("X86_64") == CpuArchitecture::x86_64);
  CHECK(parse_cpu_architecture("x86_64") == CpuArchitecture::x86_64);
  CHECK(parse_cpu_architecture("ARM64") == CpuArchitecture::arm64);
  CHECK(parse_cpu_architecture("arm64") == CpuArchitecture::arm64);
  CHECK(to_string(CpuArchitecture::x86_64) == "X86_64");
  CHECK(to_string(CpuArchitecture::arm64) == "ARM64");
  CHECK_THROWS_WITH_AS(parse_cpu_architecture("amd64"),
                       "invalid cpu architecture 'amd64': expected X86_64 or ARM64", InputError);
}
