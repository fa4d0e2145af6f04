#include <ecsim/core/error.hpp>
#include <ecsim/model/fargate.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ecsim;

namespace {
std::vector<int> to_vector(std::span<const int> s) { return {s.begin(), s.end()}; }
}  // namespace

TEST_CASE("every cpu/memory pair in the Fargate size table is accepted, 74 in all") {
  int pairs = 0;
  for (int cpu : fargate_cpu_options()) {
    for (int memory : fargate_memory_options(cpu)) {
      CHECK(is_valid_fargate_size(cpu, memory));
      CHECK_NOTHROW(validate_fargate_size(cpu, memory));
      ++pairs;
    }
  }
  CHECK(pairs == 3 + 4 + 7 + 13 + 23 + 12 + 12);
  CHECK(pairs == 74);
}

TEST_CASE("the Fargate size table lists the documented cpu values and memory ranges") {
  CHECK(to_vector(fargate_cpu_options()) == std::vector<int>{256, 512, 1024, 2048, 4096, 8192, 16384});
  CHECK(to_vector(fargate_memory_options(256)) == std::vector<int>{512, 1024, 2048});
  CHECK(to_vector(fargate_memory_options(512)) == std::vector<int>{1024, 2048, 3072, 4096});
  const auto m1024 = fargate_memory_options(1024);
  CHECK(m1024.front() == 2048);
  CHECK(m1024.back() == 8192);
  const auto m4096 = fargate_memory_options(4096);
  CHECK(m4096.size() == 23);
  CHECK(m4096.back() == 30720);
  const auto m8192 = fargate_memory_options(8192);
  CHECK(m8192.front() == 16384);
  CHECK(m8192[1] == 20480);  // 4 GB steps
  CHECK(m8192.back() == 61440);
  const auto m16384 = fargate_memory_options(16384);
  CHECK(m16384.front() == 32768);
  CHECK(m16384[1] == 40960);  // 8 GB steps
  CHECK(m16384.back() == 122880);
  CHECK(fargate_memory_options(300).empty());
}

TEST_CASE("memory Fargate does not offer for a cpu is rejected with that cpu's valid memory values") {
  CHECK_FALSE(is_valid_fargate_size(512, 512));
  CHECK_THROWS_WITH_AS(validate_fargate_size(512, 512),
                       "Fargate does not support cpu 512 with memory 512 MiB; valid memory values for "
                       "cpu 512 are 1024, 2048, 3072, 4096 MiB",
                       InputError);
  CHECK_THROWS_WITH_AS(validate_fargate_size(256, 1536),
                       "Fargate does not support cpu 256 with memory 1536 MiB; valid memory values for "
                       "cpu 256 are 512, 1024, 2048 MiB",
                       InputError);
  CHECK_THROWS_WITH_AS(validate_fargate_size(8192, 18432),
                       "Fargate does not support cpu 8192 with memory 18432 MiB; valid memory values "
                       "for cpu 8192 are 16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, "
                       "49152, 53248, 57344, 61440 MiB",
                       InputError);
  CHECK_FALSE(is_valid_fargate_size(4096, 31744));
  CHECK_FALSE(is_valid_fargate_size(1024, 1024));
  CHECK_FALSE(is_valid_fargate_size(16384, 131072));
}

TEST_CASE("a cpu value Fargate does not offer is rejected with the valid cpu values") {
  CHECK_FALSE(is_valid_fargate_size(300, 1024));
  CHECK_THROWS_WITH_AS(validate_fargate_size(300, 1024),
                       "Fargate does not support cpu 300; valid cpu values are 256, 512, 1024, 2048, "
                       "4096, 8192, 16384",
                       InputError);
  CHECK_THROWS_AS(validate_fargate_size(0, 0), InputError);
}

TEST_CASE("Windows tasks on Fargate need 1 to 4 vCPU") {
  CHECK(is_valid_fargate_size(1024, 2048, OsFamily::windows));
  CHECK(is_valid_fargate_size(4096, 30720, OsFamily::windows));
  CHECK_FALSE(is_valid_fargate_size(512, 1024, OsFamily::windows));
  CHECK_FALSE(is_valid_fargate_size(8192, 16384, OsFamily::windows));
  CHECK_THROWS_WITH_AS(validate_fargate_size(512, 1024, OsFamily::windows),
                       "Fargate does not support cpu 512 for Windows tasks; valid cpu values for "
                       "Windows are 1024, 2048, 4096",
                       InputError);
  CHECK_THROWS_WITH_AS(validate_fargate_size(16384, 32768, OsFamily::windows),
                       "Fargate does not support cpu 16384 for Windows tasks; valid cpu values for "
                       "Windows are 1024, 2048, 4096",
                       InputError);
  CHECK_THROWS_WITH_AS(validate_fargate_size(1024, 1024, OsFamily::windows),
                       "Fargate does not support cpu 1024 with memory 1024 MiB; valid memory values "
                       "for cpu 1024 are 2048, 3072, 4096, 5120, 6144, 7168, 8192 MiB",
                       InputError);
}

TEST_CASE("task cpu reads CPU units or vCPUs") {
  CHECK(parse_task_cpu("512") == 512);
  CHECK(parse_task_cpu("1024") == 1024);
  CHECK(parse_task_cpu("0.25 vCPU") == 256);
  CHECK(parse_task_cpu("0.5 vCPU") == 512);
  CHECK(parse_task_cpu("1 vcpu") == 1024);
  CHECK(parse_task_cpu("2 vCPU") == 2048);
  CHECK(parse_task_cpu("16 VCPU") == 16384);
  CHECK(parse_task_cpu("2vCPU") == 2048);
  CHECK(parse_task_cpu("  4   vCPU \t") == 4096);
  CHECK(parse_task_cpu(" 256 ") == 256);
  CHECK(parse_task_cpu("128") == 128);  // EC2 tasks may use sizes Fargate does not
}

TEST_CASE("task memory reads MiB or GB, 1 GB being 1024 MiB") {
  CHECK(parse_task_memory("1024") == 1024);
  CHECK(parse_task_memory("1 GB") == 1024);
  CHECK(parse_task_memory("1GB") == 1024);
  CHECK(parse_task_memory("0.5 GB") == 512);
  CHECK(parse_task_memory("2 gb") == 2048);
  CHECK(parse_task_memory("30 GiB") == 30720);
  CHECK(parse_task_memory(" 120 GB ") == 122880);
  CHECK(parse_task_memory("300") == 300);
}

TEST_CASE("malformed task cpu is rejected with an example of each accepted form") {
  const char* bad[] = {"abc", "", "  ", "0", "-512", "0.5", "1 GHz", "vCPU", "1.5.2 vCPU",
                       "0.3 vCPU", "1 vCPU extra", "99999999999"};
  for (const char* text : bad) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse_task_cpu(text), InputError);
  }
  CHECK_THROWS_WITH_AS(parse_task_cpu("abc"),
                       "invalid task cpu 'abc': expected CPU units like \"512\" or vCPUs like \"0.5 vCPU\"",
                       InputError);
  CHECK_THROWS_WITH_AS(parse_task_cpu(" 0.3 vCPU "),
                       "invalid task cpu '0.3 vCPU': expected CPU units like \"512\" or vCPUs like "
                       "\"0.5 vCPU\"",
                       InputError);
}

TEST_CASE("malformed task memory is rejected with an example of each accepted form") {
  const char* bad[] = {"abc", "", "0", "0 GB", "1.5", "2 TB", "GB", "1,024", "0.0001 GB"};
  for (const char* text : bad) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse_task_memory(text), InputError);
  }
  CHECK_THROWS_WITH_AS(parse_task_memory("2 TB"),
                       "invalid task memory '2 TB': expected MiB like \"1024\" or GB like \"0.5 GB\"",
                       InputError);
}

TEST_CASE("explicit ephemeral storage must be 21 to 200 GiB") {
  CHECK(fargate_default_ephemeral_gib == 20);
  CHECK_NOTHROW(validate_ephemeral_storage(21));
  CHECK_NOTHROW(validate_ephemeral_storage(200));
  CHECK_THROWS_WITH_AS(validate_ephemeral_storage(20),
                       "invalid ephemeral storage 20 GiB: sizeInGiB must be 21 to 200 (leave it unset "
                       "for the default 20 GiB)",
                       InputError);
  CHECK_THROWS_WITH_AS(validate_ephemeral_storage(201),
                       "invalid ephemeral storage 201 GiB: sizeInGiB must be 21 to 200 (leave it unset "
                       "for the default 20 GiB)",
                       InputError);
}
