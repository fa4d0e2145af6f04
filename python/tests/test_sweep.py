"""ecsim.sweep(): the grid's runs in grid order, the figures each run's own
summary gives, checks before anything runs, and the same table whatever
runs it (in process, a 2-worker LocalCluster)."""

import math

import numpy as np
import pandas as pd
import pytest

import ecsim
from ecsim.sweep import FIGURE_COLUMNS, plan

MIN = "services.api.deploymentConfiguration.minimumHealthyPercent"
MAX = "services.api.deploymentConfiguration.maximumPercent"
DESIRED = "services.api.desiredCount"


@pytest.fixture(scope="module")
def rolling(quickstart):
    return quickstart.parent / "rolling-deploy.yaml"


def test_plan_is_the_cartesian_product_with_the_last_path_fastest_and_seeds_innermost():
    runs = plan(None, {"a.b": [1, 2], "c.d": ["x", "y"]}, seeds=[5, 6])
    assert list(runs.columns) == ["a.b", "c.d", "seed"]
    assert len(runs) == 2 * 2 * 2
    assert runs.iloc[:4].to_dict("list") == {"a.b": [1, 1, 1, 1], "c.d": ["x", "x", "y", "y"],
                                             "seed": [5, 6, 5, 6]}
    assert runs["a.b"].tolist()[4:] == [2, 2, 2, 2]


def test_each_row_holds_the_figures_of_that_runs_summary(rolling):
    table = ecsim.sweep(rolling, {DESIRED: [2, 4]}, jobs=1, progress=False)
    assert list(table.columns) == [DESIRED, "seed", *FIGURE_COLUMNS]
    assert table[DESIRED].tolist() == [2, 4]
    for _, row in table.iterrows():
        summary = ecsim.run(rolling, set={DESIRED: int(row[DESIRED])}).summary
        api = summary["services"]["api"]
        assert row["seed"] == summary["seed"] == 7  # the file's simulation.seed
        assert row["costUsd"] == summary["cost"]["totalUsd"]
        assert row["tasksStarted"] == api["tasksStarted"]
        assert row["deployments"] == len(api["deployments"])
    # A completed rolling deployment replaces every task: desired at the
    # start plus desired again for the new revision.
    done = table[table["deploymentsCompleted"] == 1]
    assert len(done) == 2
    assert (done["tasksStarted"] == 2 * done[DESIRED]).all()
    # minimumHealthyPercent 100: the healthy count never drops below desired
    # while the deployment runs, and twice the tasks cost more.
    assert (done["minHealthyDuringDeployment"] >= done[DESIRED]).all()
    assert table["costUsd"].iloc[1] > table["costUsd"].iloc[0]


def test_dtypes_are_numbers_and_booleans_not_objects(rolling):
    table = ecsim.sweep(rolling, {MIN: [50, 100]}, seeds=[1, 2], jobs=1, progress=False)
    assert table[MIN].dtype == np.int64
    assert table["seed"].dtype == np.int64
    for column in ("tasksStarted", "placementFailures", "spotInterruptions", "deployments"):
        assert table[column].dtype == np.int64, column
    for column in ("costUsd", "deploymentSeconds", "minHealthyDuringDeployment"):
        assert table[column].dtype == np.float64, column
    assert table["steadyState"].dtype == bool
    assert table["seed"].tolist() == [1, 2, 1, 2]


def test_the_healthy_floor_follows_minimum_healthy_percent(rolling):
    # ECS keeps ceil(desired * minimumHealthyPercent / 100) tasks healthy.
    table = ecsim.sweep(rolling, {MIN: [50, 100], MAX: [100, 200]}, jobs=1, progress=False)
    table = table[(table[MIN] < table[MAX])]  # min 100 / max 100 cannot move
    assert len(table) == 3
    for _, row in table.iterrows():
        floor = math.ceil(6 * row[MIN] / 100)
        assert row["minHealthyDuringDeployment"] >= floor, row.to_dict()
    # max 100 has no room above desired: old tasks stop first, so fewer stay healthy.
    half = table[(table[MIN] == 50) & (table[MAX] == 100)].iloc[0]
    full = table[(table[MIN] == 100) & (table[MAX] == 200)].iloc[0]
    assert half["minHealthyDuringDeployment"] < full["minHealthyDuringDeployment"]


def test_a_bad_grid_value_raises_before_any_run_with_the_file_position(rolling):
    with pytest.raises(ecsim.ScenarioError) as err:
        ecsim.sweep(rolling, {MIN: [50, 250]}, jobs=1, progress=False)
    text = str(err.value)
    assert "rolling-deploy.yaml:" in text and "minimumHealthyPercent" in text
    with pytest.raises(ecsim.ScenarioError, match="desiredCoun"):
        ecsim.sweep(rolling, {"services.api.desiredCoun": [1]}, jobs=1, progress=False)
    with pytest.raises(ecsim.InputError):
        ecsim.sweep(rolling, {MIN: []}, jobs=1, progress=False)
    with pytest.raises(ecsim.InputError):
        ecsim.sweep(rolling, {MIN: [50]}, jobs=0, progress=False)


def test_eight_runs_on_a_two_worker_local_cluster_equal_the_same_runs_in_sequence(rolling):
    distributed = pytest.importorskip("distributed")
    grid = {MIN: [50, 100], MAX: [150, 200]}
    seeds = [3, 4]
    alone = ecsim.sweep(rolling, grid, seeds=seeds, jobs=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        together = ecsim.sweep(rolling, grid, seeds=seeds, client=client, progress=False)
    assert len(together) == 8
    pd.testing.assert_frame_equal(alone, together)
    # Different seeds draw different startup times, so the runs differ.
    assert alone.groupby([MIN, MAX])["deploymentSeconds"].nunique().gt(1).any()


def test_the_default_local_cluster_of_threads_gives_the_same_table(rolling):
    pytest.importorskip("distributed")
    alone = ecsim.sweep(rolling, {DESIRED: [3, 6]}, seeds=[1, 2], jobs=1, progress=False)
    threads = ecsim.sweep(rolling, {DESIRED: [3, 6]}, seeds=[1, 2], jobs=2, progress=False)
    pd.testing.assert_frame_equal(alone, threads)


def test_sweep_stats_are_numpys_mean_and_percentiles_per_grid_point(rolling):
    table = ecsim.sweep(rolling, {MIN: [50, 100]}, seeds=range(1, 6), jobs=1, progress=False)
    stats = ecsim.sweep_stats(table)
    assert stats.index.tolist() == [50, 100]
    for value in (50, 100):
        seconds = table.loc[table[MIN] == value, "deploymentSeconds"].to_numpy()
        assert stats.loc[value, ("runs", "")] == 5
        assert stats.loc[value, ("deploymentSeconds", "mean")] == pytest.approx(seconds.mean())
        assert stats.loc[value, ("deploymentSeconds", "p50")] == pytest.approx(np.median(seconds))
        assert stats.loc[value, ("deploymentSeconds", "p90")] == pytest.approx(np.percentile(seconds, 90))
    everything = ecsim.sweep_stats(table, by=[])
    assert everything[("runs", "")].iloc[0] == 10
    assert everything[("costUsd", "mean")].iloc[0] == pytest.approx(table["costUsd"].mean())


def test_progress_bar_counts_the_runs_on_stderr(rolling, capsys):
    ecsim.sweep(rolling, {DESIRED: [2, 3]}, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "2/2" in err
    ecsim.sweep(rolling, {DESIRED: [2, 3]}, jobs=1, progress=False)
    assert capsys.readouterr().err == ""


def test_a_scenario_from_a_dict_sweeps_on_threads_like_in_process(rolling):
    yaml = pytest.importorskip("yaml")
    scenario = ecsim.Scenario.from_dict(yaml.safe_load(rolling.read_text()))
    grid = [(DESIRED, [2, 4])]  # pairs work as well as a dict
    alone = ecsim.sweep(scenario, grid, jobs=1, progress=False)
    threads = ecsim.sweep(scenario, grid, jobs=2, progress=False)
    pd.testing.assert_frame_equal(alone, threads)
    from_file = ecsim.sweep(rolling, grid, jobs=1, progress=False)
    pd.testing.assert_frame_equal(alone, from_file)


def test_without_tqdm_a_plain_text_bar_counts_the_runs(rolling, capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):
        if name == "tqdm":
            raise ImportError("no tqdm here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    ecsim.sweep(rolling, {DESIRED: [2, 3, 4]}, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "sweep [" in err and err.rstrip().endswith("3/3 runs")


def test_extra_adds_columns_computed_from_each_runs_result(rolling):
    def peak_running(result):
        return {"peakRunning": int(result.metrics["runningCount"].max())}

    alone = ecsim.sweep(rolling, {DESIRED: [2, 5]}, seeds=[1, 2], jobs=1, progress=False, extra=peak_running)
    assert list(alone.columns[-1:]) == ["peakRunning"]
    for _, row in alone.iterrows():
        result = ecsim.run(rolling, seed=int(row["seed"]), set={DESIRED: int(row[DESIRED])})
        assert row["peakRunning"] == result.metrics["runningCount"].max()
    # maximumPercent 200: the deployment runs up to twice the desired count
    assert (alone["peakRunning"] <= 2 * alone[DESIRED]).all()
    threads = ecsim.sweep(rolling, {DESIRED: [2, 5]}, seeds=[1, 2], jobs=2, progress=False,
                          extra=lambda r: {"peakRunning": int(r.metrics["runningCount"].max())})
    pd.testing.assert_frame_equal(alone, threads)
    assert ("peakRunning", "mean") in ecsim.sweep_stats(alone).columns
    with pytest.raises(ValueError, match="already has"):
        ecsim.sweep(rolling, {DESIRED: [2]}, jobs=1, progress=False, extra=lambda r: {"costUsd": 0})
