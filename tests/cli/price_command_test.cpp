#include "cli_runner.hpp"

#include <doctest/doctest.h>

using ecsim::test::run_cli;

TEST_CASE("ecsim price quotes 1 vCPU / 2 GB Fargate at $0.04937 an hour and $36.04 a month") {
  const auto r = run_cli("price --cpu 1024 --memory 2048");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "Fargate 1 vCPU (1024 CPU units), 2 GB (2048 MiB), Linux/X86_64, on-demand, us-east-1\n"
        "  hourly          $0.04937\n"
        "  730 h (1 month) $36.04\n");
}

TEST_CASE("ecsim price accepts Fargate's string sizes, Spot, ARM and a custom number of hours") {
  // 0.5 vCPU ARM = 0.5 × 0.03238 + 1 × 0.00356 = $0.01975/h; Spot keeps 30 %.
  const auto r = run_cli("price --cpu '0.5 vCPU' --memory '1 GB' --spot --arch arm64 --hours 100");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("FARGATE_SPOT") != std::string::npos);
  CHECK(r.out.find("$0.00593") != std::string::npos);
  CHECK(r.out.find("100 h           $0.59") != std::string::npos);
}

TEST_CASE("ecsim price prices an EC2 instance type from the catalog") {
  const auto r = run_cli("price --instance-type c5.2xlarge");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("hourly          $0.34000") != std::string::npos);
  CHECK(r.out.find("730 h (1 month) $248.20") != std::string::npos);
}

TEST_CASE("ecsim price refuses an invalid Fargate size with exit 2 and the valid memory list") {
  const auto r = run_cli("price --cpu 512 --memory 512");
  CHECK(r.exit_code == 2);
  CHECK(r.out ==
        "Fargate does not support cpu 512 with memory 512 MiB; valid memory values for cpu 512 "
        "are 1024, 2048, 3072, 4096 MiB\n");
}

TEST_CASE("ecsim rejects unknown commands and options with a did-you-mean and exit 2") {
  auto r = run_cli("price --cpus 1024 --memory 2048");
  CHECK(r.exit_code == 2);
  CHECK(r.out == "ecsim price: unknown option '--cpus'; did you mean '--cpu'?\n");
  r = run_cli("prise");
  CHECK(r.exit_code == 2);
  CHECK(r.out.rfind("ecsim: unknown command 'prise'; did you mean 'price'?\n", 0) == 0);
  r = run_cli("price --instance-type m5.larg");
  CHECK(r.exit_code == 2);
  CHECK(r.out == "unknown instance type 'm5.larg'; did you mean 'm5.large'?\n");
  r = run_cli("price --cpu 1024 --memory 2048 --hours -3");
  CHECK(r.exit_code == 2);
}

TEST_CASE("ecsim --version and --help answer with exit 0") {
  CHECK(run_cli("--version").out == "ecsim 0.1.0\n");
  const auto r = run_cli("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("price") != std::string::npos);
}
