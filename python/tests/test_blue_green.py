"""Blue/green deployments from Python: the strategy column and the traffic
timeline, the same figures as the CLI's summary.json."""

import json
import math
import pathlib

import pytest

import ecsim

REPO = pathlib.Path(__file__).resolve().parents[2]
CANARY = REPO / "scenarios" / "blue-green-canary.yaml"


def test_deployments_frame_names_the_codedeploy_configuration():
    result = ecsim.run(CANARY)
    deployments = result.deployments
    assert list(deployments["strategy"]) == ["CodeDeployDefault.ECSCanary10Percent5Minutes"]
    assert deployments.loc[0, "maxRunningCount"] == 12  # 6 original + 6 replacement


def test_canary_timeline_shifts_10_then_100_percent_five_minutes_apart():
    summary = ecsim.run(CANARY).summary
    timeline = summary["services"]["api"]["deployments"][0]["timeline"]
    shifts = [s for s in timeline if s["stage"] == "AllowTraffic"]
    assert [s["trafficPercent"] for s in shifts] == [10, 100]
    assert shifts[1]["time"] - shifts[0]["time"] == 300
    end = [s for s in timeline if s["stage"] == "End"]
    assert end[0]["time"] - shifts[1]["time"] == 600  # terminationWaitTime: 10m


def test_timeline_matches_the_cli(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("run", CANARY, "--out", out).returncode == 0
    from_cli = json.loads((out / "summary.json").read_text())
    from_python = ecsim.run(CANARY).summary
    assert from_python["services"]["api"]["deployments"] == from_cli["services"]["api"]["deployments"]


def test_deployment_usage_gives_each_side_its_canary_share():
    timeline = ecsim.run(CANARY).summary["services"]["api"]["deployments"][0]["timeline"]
    ten, all_ = [s["time"] for s in timeline if s["stage"] == "AllowTraffic"]
    # Read at metrics rows (every 30 s) inside the 10 % window, where both are exact.
    start, end = math.ceil(ten / 30) * 30, math.floor(all_ / 30) * 30
    sim = ecsim.Simulation(CANARY)
    sim.run(until=start)
    before = sim.deployment_usage.set_index("id")
    sim.run(until=end)
    after = sim.deployment_usage.set_index("id")
    assert list(after["service"]) == ["api", "api"]
    original, replacement = after.index
    assert replacement == sim.deployments.loc[0, "id"]  # the update; the original is the service's creation
    assert original not in set(sim.deployments["id"])
    sent = after[["requests", "unservedRequests"]] - before[["requests", "unservedRequests"]]
    rows = sim.metrics[(sim.metrics["time"] > start) & (sim.metrics["time"] <= end)]
    offered = (rows["requestsPerSecond"] * 30).sum()
    assert offered == pytest.approx(600 * (end - start))
    # Every request offered reached one side, 10 % of them the replacement; all were served.
    assert sent["requests"].sum() == pytest.approx(offered)
    assert sent.loc[replacement, "requests"] == pytest.approx(0.1 * offered)
    assert sent["unservedRequests"].sum() == 0
    # 60 of the 600 requests/s over six tasks that take 200 each: the replacement runs far cooler.
    assert after.loc[replacement, "cpuUtilization"] < after.loc[original, "cpuUtilization"]
    assert (after["taskSeconds"] > before["taskSeconds"]).all()
