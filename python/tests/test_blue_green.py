"""Blue/green deployments from Python: the strategy column and the traffic
timeline, the same figures as the CLI's summary.json."""

import json
import pathlib

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
