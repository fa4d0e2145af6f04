#include "cli/commands.hpp"

namespace ecsim::cli {

namespace {
constexpr Command command_table[] = {
    {"run", "simulate a scenario, print its report and write summary.json, events.jsonl, metrics.csv",
     "ecsim run FILE [--seed N] [--out DIR] [--set PATH=VALUE ...] [--quiet]", run_run},
    {"validate", "check a scenario without running it (errors as FILE:LINE:COLUMN: field: problem)",
     "ecsim validate FILE [--seed N] [--set PATH=VALUE ...]", run_validate},
    {"price", "hourly and monthly price of a Fargate task size or an EC2 instance type",
     "ecsim price --cpu CPU --memory MEMORY [--hours H] [--spot] [--arch x86_64|arm64] "
     "[--os linux|windows] [--ephemeral-storage GIB] [--region REGION]\n"
     "       ecsim price --instance-type TYPE [--hours H] [--spot] [--region REGION]",
     run_price},
    {"sweep", "run a grid of overrides (and seeds) on Dask; one CSV row per run",
     "ecsim sweep FILE --grid PATH=V1,V2,... [--grid ...] [--seeds A..B] [--set PATH=VALUE ...] "
     "[--jobs N] [--processes] [--scheduler ADDRESS] [--out F.csv] [--stats F.csv] [--quiet]",
     run_sweep},
};
}  // namespace

std::span<const Command> commands() { return command_table; }

}  // namespace ecsim::cli
