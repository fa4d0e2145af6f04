"""`ecsim sweep`: exit codes (SCENARIO.md: 0 done, 2 bad scenario or
arguments), one CSV row per run, and the same rows from a Dask scheduler
given by its address."""

import io

import pandas as pd
import pytest

import ecsim

MIN = "services.api.deploymentConfiguration.minimumHealthyPercent"


@pytest.fixture(scope="module")
def rolling(quickstart):
    return quickstart.parent / "rolling-deploy.yaml"


def test_sweep_writes_one_csv_row_per_grid_point_and_seed(cli, rolling, tmp_path):
    out = tmp_path / "runs.csv"
    done = cli("sweep", rolling, "--grid", f"{MIN}=50,100", "--grid", "services.api.desiredCount=4,6",
               "--seeds", "1..3", "--jobs", "1", "--out", out, "--quiet")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out)
    assert len(table) == 2 * 2 * 3
    assert list(table.columns[:3]) == [MIN, "services.api.desiredCount", "seed"]
    assert table["seed"].tolist() == [1, 2, 3] * 4
    assert table[MIN].tolist() == [50] * 6 + [100] * 6
    # the same numbers as the Python API, which the CLI runs
    expected = ecsim.sweep(rolling, {MIN: ["50", "100"], "services.api.desiredCount": ["4", "6"]},
                           seeds=range(1, 4), jobs=1, progress=False)
    assert table["costUsd"].tolist() == pytest.approx(expected["costUsd"].tolist(), rel=1e-12)
    assert table["tasksStarted"].tolist() == expected["tasksStarted"].tolist()


def test_sweep_without_out_prints_the_csv(cli, rolling):
    done = cli("sweep", rolling, "--grid", f"{MIN}=50,100", "--jobs", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert table[MIN].tolist() == [50, 100]
    assert table["seed"].tolist() == [7, 7]  # simulation.seed of the file


@pytest.mark.parametrize("args, needle", [
    (["--grid", f"{MIN}=50,250"], "rolling-deploy.yaml:"),                # value out of range
    (["--grid", "services.api.desiredCoun=1,2"], "desiredCoun"),          # unknown field
    (["--grid", f"{MIN}"], "PATH=V1,V2"),                                # no values
    (["--grid", f"{MIN}=50,,100"], "empty value"),
    (["--seeds", "5..2"], "--seeds"),
    (["--seeds", "a..b"], "--seeds"),
    (["--jobs", "0"], "--jobs"),
    (["--grid", f"{MIN}=50", "--colour"], "unknown option"),
])
def test_bad_arguments_exit_2_with_a_message_before_any_run(cli, rolling, args, needle):
    done = cli("sweep", rolling, *args, "--quiet")
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert needle in done.stderr
    assert done.stdout == ""


def test_a_bad_value_names_file_line_and_column(cli, rolling):
    done = cli("sweep", rolling, "--grid", f"{MIN}=50,250", "--quiet")
    line = next(ln for ln in done.stderr.splitlines() if "minimumHealthyPercent" in ln)
    file, line_no, column = line.split(":")[:3]
    assert file.endswith("rolling-deploy.yaml") and line_no.isdigit() and column.isdigit()


def test_a_missing_file_exits_2(cli, tmp_path):
    done = cli("sweep", tmp_path / "nope.yaml", "--grid", f"{MIN}=50")
    assert done.returncode == 2
    assert "nope.yaml" in done.stderr


def test_sweep_runs_on_a_scheduler_given_by_its_address(cli, rolling, tmp_path):
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "remote.csv"
    # Workers are threads of this test process, reachable over TCP; the CLI
    # is another process that only knows the address.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        done = cli("sweep", rolling, "--grid", f"{MIN}=50,100", "--seeds", "1..2",
                   "--scheduler", cluster.scheduler_address, "--out", out, "--quiet")
        # the scheduler saw the runs (task prefixes outlive the released tasks)
        # the scheduler ran the runs (its per-name counts outlive the tasks)
        runs = cluster.scheduler.task_prefixes["run_rows"].state_counts
        assert runs["memory"] >= 1 and runs["forgotten"] == runs["memory"]
    assert done.returncode == 0, done.stderr
    remote = pd.read_csv(out)
    local = cli("sweep", rolling, "--grid", f"{MIN}=50,100", "--seeds", "1..2", "--jobs", "1", "--quiet")
    pd.testing.assert_frame_equal(remote, pd.read_csv(io.StringIO(local.stdout)))
    assert len(remote) == 4


def test_python_m_ecsim_without_the_sweep_command_exits_2(rolling):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ecsim"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "python -m ecsim sweep" in done.stderr
    done = subprocess.run([sys.executable, "-m", "ecsim", "sweep", str(rolling), "--grid", f"{MIN}=50", "--jobs",
                           "1", "--quiet"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(io.StringIO(done.stdout))[MIN].tolist() == [50]
