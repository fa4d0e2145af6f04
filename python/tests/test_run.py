"""ecsim.run() and its Result, held to the CLI's output files."""

import json

import numpy as np
import pandas as pd
import pytest

import ecsim
from ecsim.results import EVENT_COLUMNS, METRIC_COLUMNS


@pytest.fixture(scope="module")
def cli_out(tmp_path_factory, quickstart, cli):
    """The CLI's files for quickstart with seed 7."""
    out = tmp_path_factory.mktemp("cli")
    done = cli("run", quickstart, "--quiet", "--seed", 7, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def result(quickstart):
    return ecsim.run(ecsim.load(quickstart), seed=7)


def test_quickstart_runs_to_a_steady_state_at_four_tasks(result):
    web = result.summary["services"]["web"]
    assert (web["desiredCount"], web["runningCount"], web["healthyCount"]) == (4, 4, 4)
    assert (web["tasksStarted"], web["tasksStopped"], web["steadyState"]) == (8, 4, True)
    assert repr(result) == "Result(scenario='quickstart', seed=7, duration='2h', total_cost_usd=0.287663)"
    assert result.seed == 7


def test_summary_equals_the_cli_summary_json_for_the_same_seed(result, cli_out):
    assert result.summary == json.loads((cli_out / "summary.json").read_text())
    assert result.cost == result.summary["cost"]
    assert result.cost["byService"] == {"web": 0.287663}


def test_write_produces_the_cli_files_byte_for_byte(result, cli_out, tmp_path):
    written = result.write(tmp_path / "py")
    for name in ("summary.json", "events.jsonl", "metrics.csv"):
        assert (written / name).read_bytes() == (cli_out / name).read_bytes(), name


def test_events_have_the_contract_columns_and_one_row_per_jsonl_line(result, cli_out):
    events = result.events
    lines = [json.loads(line) for line in (cli_out / "events.jsonl").read_text().splitlines()]
    assert tuple(events.columns) == EVENT_COLUMNS
    assert len(events) == len(lines)
    assert events["time"].dtype == np.float64
    assert list(events["type"].cat.categories) == [
        "task-state", "service-event", "deployment", "scaling", "instance", "fault", "placement-failure",
        "service-discovery"]
    # Row by row, each present key equals the file's value and each absent one is missing there.
    for row, line in zip(events.to_dict("records"), lines):
        present = {k: v for k, v in row.items() if not (v is None or (isinstance(v, float) and np.isnan(v)))}
        assert present == {k: v for k, v in line.items() if v is not None}


def test_metrics_have_the_csv_header_as_columns_and_the_same_rows(result, cli_out):
    metrics = result.metrics
    csv = pd.read_csv(cli_out / "metrics.csv")
    assert tuple(metrics.columns) == METRIC_COLUMNS == tuple(csv.columns)
    assert len(metrics) == len(csv) == 121  # 0 s to 7200 s every 60 s
    ours = metrics.astype({"service": str})
    # The file rounds costUsd to 6 decimals and other figures to 6 significant digits.
    pd.testing.assert_frame_equal(ours, csv, check_dtype=False, rtol=1e-5, atol=1e-6)


def test_deployments_is_a_frame_of_the_summary_deployments(quickstart, tmp_path):
    # rolling-deploy ships a task definition update: one deployment row.
    scenario = ecsim.load(quickstart.parent / "rolling-deploy.yaml")
    result = ecsim.run(scenario)
    expected = [
        {"service": name, **d}
        for name, s in result.summary["services"].items()
        for d in s["deployments"]
    ]
    frame = result.deployments
    assert list(frame.columns[:4]) == ["service", "id", "taskDefinition", "rolloutState"]
    assert len(frame) == len(expected) >= 1
    assert frame.iloc[0]["taskDefinition"] == expected[0]["taskDefinition"]
    assert frame.iloc[0]["rolloutState"] == expected[0]["rolloutState"]


def test_report_is_the_report_the_cli_prints(result, quickstart, cli, tmp_path):
    printed = cli("run", quickstart, "--seed", 7, "--out", tmp_path).stdout
    assert printed == result.report() + f"\nwrote {tmp_path}/summary.json, events.jsonl, metrics.csv\n"


def test_same_seed_twice_gives_identical_frames(quickstart):
    a = ecsim.run(quickstart, seed=11)
    b = ecsim.run(quickstart, seed=11)
    pd.testing.assert_frame_equal(a.events, b.events)
    pd.testing.assert_frame_equal(a.metrics, b.metrics)
    assert a.summary == b.summary


def test_a_different_seed_changes_the_task_ids(quickstart):
    a = set(ecsim.run(quickstart, seed=1).events["task"].dropna())
    b = set(ecsim.run(quickstart, seed=2).events["task"].dropna())
    assert len(a) == len(b) == 8
    assert a.isdisjoint(b)


def test_set_changes_desired_count_and_the_result_shows_it(quickstart):
    scenario = ecsim.load(quickstart)
    result = ecsim.run(scenario, set={"services.web.desiredCount": 6})
    assert scenario.overrides == ()  # run() overrides a copy
    first = result.metrics.iloc[0]
    assert first["desiredCount"] == 6
    started = result.events.query("type == 'task-state' and time == 0.0")
    assert len(started) == 6
    # The timeline still moves it to 8 at 40 m and back to 4 at 95 m.
    assert result.summary["services"]["web"]["desiredCount"] == 4
