#!/usr/bin/python3
"""The model of bench/des_compare_bench.cpp in SimPy 3, timed, next to ecsim's.

100,000 tasks arrive as a Poisson process (100 per second); each needs 1, 2
or 4 CPU units (equally likely) for an exponential lifetime (mean 75 s).
1,000 hosts of 16 units; first fit in host order; a task that fits nowhere
is rejected. Offered load 100 x 75 x 7/3 = 17,500 units on 16,000 (109 %).

Run with Debian's interpreter, which sees python3-simpy3:

    /usr/bin/python3 bench/simpy_compare.py [--tasks N] [--seed S] [--ecsim-bench build/ecsim_bench]

With --ecsim-bench it also runs BM_DesCompare_FirstFit/<tasks> and prints
both results side by side (counts differ a little: the RNGs differ).
"""
import argparse
import json
import random
import subprocess
import sys
import time

import simpy

ARRIVALS_PER_SECOND = 100.0
MEAN_LIFETIME_SECONDS = 75.0
HOSTS = 1000
HOST_UNITS = 16
SIZES = (1, 2, 4)


def run_model(tasks, seed):
    """Runs the model to the end; returns placed, rejected, events, utilisation."""
    env = simpy.Environment()
    arrivals = random.Random(seed)
    draws = random.Random(seed + 1)
    free = [HOST_UNITS] * HOSTS
    stats = {"placed": 0, "rejected": 0, "used": 0, "used_s": 0.0, "last": 0.0, "util": 0.0}

    def account():
        stats["used_s"] += stats["used"] * (env.now - stats["last"])
        stats["last"] = env.now

    def task(host, size, life):
        yield env.timeout(life)
        account()
        free[host] += size
        stats["used"] -= size

    def source():
        for i in range(tasks):
            account()
            size = SIZES[draws.randrange(3)]
            life = draws.expovariate(1.0 / MEAN_LIFETIME_SECONDS)
            host = next((h for h in range(HOSTS) if free[h] >= size), None)  # first fit
            if host is None:
                stats["rejected"] += 1
            else:
                free[host] -= size
                stats["used"] += size
                stats["placed"] += 1
                env.process(task(host, size, life))
            if i + 1 < tasks:
                yield env.timeout(arrivals.expovariate(ARRIVALS_PER_SECOND))
        # Utilisation up to the last arrival; afterwards the cluster only drains.
        stats["util"] = stats["used_s"] / (HOSTS * HOST_UNITS * env.now) if env.now > 0 else 0.0

    env.process(source())
    env.run()
    return stats["placed"], stats["rejected"], stats["util"]


def run_ecsim(bench, tasks):
    """Runs BM_DesCompare_FirstFit/<tasks> once; returns its JSON entry."""
    out = subprocess.run(
        [bench, f"--benchmark_filter=^BM_DesCompare_FirstFit/{tasks}$",
         "--benchmark_min_time=1", "--benchmark_format=json"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)["benchmarks"][0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ecsim-bench", help="path to ecsim_bench, to run the C++ model too")
    args = parser.parse_args()

    wall0, cpu0 = time.perf_counter(), time.process_time()
    placed, rejected, util = run_model(args.tasks, args.seed)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(f"SimPy {simpy.__version__}, Python {sys.version.split()[0]}: {args.tasks} tasks, "
          f"placed {placed}, rejected {rejected}, utilisation {util:.4f}, "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU")
    if args.ecsim_bench:
        b = run_ecsim(args.ecsim_bench, args.tasks)
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        e_wall, e_cpu = b["real_time"] * scale, b["cpu_time"] * scale
        print(f"ecsim (BM_DesCompare_FirstFit/{args.tasks}): placed {int(b['placed'])}, "
              f"rejected {int(b['rejected'])}, utilisation {b['utilisation']:.4f}, "
              f"{e_wall:.3f} s wall, {e_cpu:.3f} s CPU per run")
        print(f"ecsim is {cpu / e_cpu:.0f}x faster in CPU time ({wall / e_wall:.0f}x in wall time)")


if __name__ == "__main__":
    main()
