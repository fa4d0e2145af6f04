#!/usr/bin/python3
"""CI gate for the regression benchmarks (scripts/ci-extra.sh, bench/README.md).

Fails only on ratios of benchmarks measured in the same run, which survive a
noisy shared machine. Changes against the committed baseline only warn.

    /usr/bin/python3 bench/compare_ratios.py NEW.json [--baseline bench/baseline.json]

Exit status 1 when a gate fails or a gated benchmark is missing, else 0.
"""
import argparse
import json
import statistics
import sys

# (what, costlier benchmark, cheaper benchmark, op, limit, why the limit)
GATES = [
    ("indexed binpack vs naive scan at 100,000 instances (cost per placement)",
     "BM_Place_NaiveBinpack/100000", "BM_Place_Binpack/100000", ">=", 100.0,
     "issue 4's target"),
    ("indexed binpack cost per placement, 100,000 vs 1,000 instances",
     "BM_Place_Binpack/100000", "BM_Place_Binpack/1000", "<=", 4.0,
     "issue 4 targets <= 2x; 1.2x measured idle; a scan per placement would be >= 100x"),
    ("rolling deployment cost per engine event, 10,000 vs 1,000 tasks",
     "BM_RollingDeploy/10000", "BM_RollingDeploy/1000", "<=", 5.0,
     "1.6x measured idle (bigger heaps, caches); work per event growing with the service would be >= 10x"),
    ("event queue cost per push+pop, 1,000,000 vs 1,000 pending",
     "BM_EventQueue_PushPop/1000000", "BM_EventQueue_PushPop/1000", "<=", 25.0,
     "radix heap: O(1) amortised, so cache misses only: 2.8x measured at load 1 "
     "(the 4-ary heap before it: 3.8x idle, up to 11x loaded); O(n) work per event would be >= 100x"),
]
WARN_SLOWER = 1.5  # warn when a median is this many times the baseline's

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(path):
    """Per benchmark: median CPU ns per iteration and median CPU ns per item
    (items_per_second; per iteration when the benchmark counts no items)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    runs = {}
    for b in data.get("benchmarks", []):
        if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
            continue
        cpu_ns = b["cpu_time"] * UNIT_NS[b["time_unit"]]
        ips = b.get("items_per_second")
        runs.setdefault(b.get("run_name", b["name"]), []).append((cpu_ns, 1e9 / ips if ips else cpu_ns))
    return {name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
            for name, rs in runs.items()}


def fmt_ns(ns):
    for unit, size in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= size:
            return f"{ns / size:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    parser = argparse.ArgumentParser(description="Gate CI on same-run benchmark ratios.")
    parser.add_argument("new", help="JSON written by ecsim_bench --benchmark_out")
    parser.add_argument("--baseline", help="committed baseline JSON; differences only warn")
    args = parser.parse_args()

    new = load(args.new)
    failed = False
    print("Ratio gates (median CPU time per item, both sides from this run):")
    for what, costly, cheap, op, limit, why in GATES:
        if costly not in new or cheap not in new:
            print(f"  FAIL  {what}: {costly} or {cheap} is missing from {args.new}")
            failed = True
            continue
        ratio = new[costly][1] / new[cheap][1]
        ok = ratio >= limit if op == ">=" else ratio <= limit
        failed |= not ok
        print(f"  {'ok  ' if ok else 'FAIL'}  {what}: {ratio:,.1f}x (gate {op} {limit:g}x; {why})")

    if args.baseline:
        base = load(args.baseline)
        print(f"Median CPU time per iteration against {args.baseline} (warnings only):")
        for name in sorted(new):
            if name not in base:
                print(f"  note  {name}: not in the baseline")
                continue
            change = new[name][0] / base[name][0]
            flag = "WARN" if change > WARN_SLOWER else "    "
            print(f"  {flag}  {name}: {fmt_ns(new[name][0])} vs {fmt_ns(base[name][0])} ({change:.2f}x)")
    if failed:
        print("A ratio gate failed: a regression that machine noise cannot explain (see bench/README.md).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
