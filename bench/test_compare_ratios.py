"""Checks that the CI gate (bench/compare_ratios.py) fails when the code
regresses and passes when it does not, on hand-made benchmark JSON.
Run by `scripts/ci-extra.sh bench`: /usr/bin/python3 -m pytest bench/test_compare_ratios.py"""
import json
import pathlib
import subprocess
import sys

SCRIPT = pathlib.Path(__file__).with_name("compare_ratios.py")

# Cost per item in ns of a healthy run: every ratio inside its gate.
GOOD = {
    "BM_Place_NaiveBinpack/100000": 1_000_000.0,  # 1 ms per placement
    "BM_Place_Binpack/100000": 150.0,
    "BM_Place_Binpack/1000": 130.0,
    "BM_RollingDeploy/10000": 400.0,
    "BM_RollingDeploy/1000": 250.0,
    "BM_EventQueue_PushPop/1000000": 400.0,
    "BM_EventQueue_PushPop/1000": 90.0,
}


def write(tmp_path, name, per_item_ns, repetitions=3):
    """Benchmark JSON as ecsim_bench writes it, with one run per repetition."""
    runs = []
    for bench, ns in per_item_ns.items():
        for rep in range(repetitions):
            jitter = 1.0 + 0.01 * rep
            runs.append({"name": bench, "run_name": bench, "run_type": "iteration", "repetitions": repetitions,
                         "repetition_index": rep, "iterations": 1000, "real_time": ns * jitter,
                         "cpu_time": ns * jitter, "time_unit": "ns", "items_per_second": 1e9 / (ns * jitter)})
    path = tmp_path / name
    path.write_text(json.dumps({"context": {}, "benchmarks": runs}))
    return path


def gate(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def test_a_healthy_run_passes(tmp_path):
    r = gate(write(tmp_path, "new.json", GOOD))
    assert r.returncode == 0, r.stdout
    assert "FAIL" not in r.stdout


def test_each_regression_fails_its_gate(tmp_path):
    regressions = {
        # the index is lost: indexed placement as slow as the scan
        "BM_Place_Binpack/100000": 1_000_000.0,
        # the scheduler does work proportional to the service per event
        "BM_RollingDeploy/10000": 250.0 * 12,
        # the event queue does O(n) work per event
        "BM_EventQueue_PushPop/1000000": 90.0 * 200,
    }
    for bench, slow in regressions.items():
        r = gate(write(tmp_path, "bad.json", {**GOOD, bench: slow}))
        assert r.returncode == 1, (bench, r.stdout)
        assert "FAIL" in r.stdout


def test_a_missing_benchmark_fails(tmp_path):
    partial = {k: v for k, v in GOOD.items() if k != "BM_RollingDeploy/10000"}
    r = gate(write(tmp_path, "partial.json", partial))
    assert r.returncode == 1
    assert "missing" in r.stdout


def test_absolute_slowdowns_only_warn(tmp_path):
    base = write(tmp_path, "base.json", GOOD)
    slower = write(tmp_path, "slow.json", {k: v * 3 for k, v in GOOD.items()})  # a loaded machine
    r = gate(slower, "--baseline", base)
    assert r.returncode == 0, r.stdout
    assert r.stdout.count("WARN") == len(GOOD)
