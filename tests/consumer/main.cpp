// Uses the installed ecsim the way a downstream project would.
#include <ecsim/cost/price_table.hpp>
#include <ecsim/core/time.hpp>

#include <cstdio>

int main() {
  const auto q = ecsim::quote_fargate(ecsim::price_table("us-east-1"), 1024, 2048,
                                      ecsim::CpuArchitecture::x86_64, false, 730);
  std::printf("%.2f %lld\n", q.total_usd,
              static_cast<long long>(ecsim::parse_duration("1h30m").count()));
  return 0;
}
