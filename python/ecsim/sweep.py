"""Parameter sweeps: many runs of one scenario, one DataFrame row per run.

    grid = {"services.web.desiredCount": [4, 6, 8],
            "services.web.deploymentConfiguration.maximumPercent": [150, 200]}
    table = ecsim.sweep("scenarios/rolling-deploy.yaml", grid, seeds=range(1, 11))
    ecsim.sweep_stats(table)       # mean, p50, p90, p99 across the seeds

The runs are the cartesian product of the grid (the last path varies
fastest) times the seeds (innermost). They run on a Dask LocalCluster by
default, on a distributed.Client or a scheduler address when given one, or
in this process with jobs=1. Rows come back in grid order whatever ran
where, and every figure is the simulation's own (same scenario + seed =
same numbers), so the table is the same whatever the parallelism.

`python -m ecsim sweep` (main() here) is the command line behind `ecsim sweep`.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import sys
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ._ecsim import Error, InputError, ScenarioError
from .scenario import Scenario, _check_seed, _override_value
from .simulation import _as_scenario, run

#: The figures each row carries after the parameters and the seed, in order.
FIGURE_COLUMNS = (
    "costUsd",                 # cost.totalUsd
    "monthlyProjectionUsd",    # cost.monthlyProjectionUsd
    "tasksStarted",            # summed over services
    "tasksStopped",
    "placementFailures",
    "spotInterruptions",
    "steadyState",             # every service in steady state at the end
    "instancesLaunched",
    "instancesPeak",
    "deployments",             # deployments started (rollbacks included)
    "deploymentsCompleted",    # rolloutState COMPLETED
    "deploymentsFailed",       # rolloutState FAILED
    "rollbacks",               # entries with rolledBack: true
    "deploymentSeconds",       # longest finishedAt - startedAt; NaN when none finished
    "minHealthyDuringDeployment",  # lowest sampled healthyCount while one was in progress
    "peakTasksDuringDeployment",   # highest sampled runningCount + pendingCount meanwhile
)

_INT_FIGURES = ("tasksStarted", "tasksStopped", "placementFailures", "spotInterruptions",
                "instancesLaunched", "instancesPeak", "deployments", "deploymentsCompleted",
                "deploymentsFailed", "rollbacks")


# ------------------------------------------------------------------ one run


def figures(result) -> dict:
    """The sweep row figures of one Result (see FIGURE_COLUMNS)."""
    s = result.summary
    services = s["services"].values()
    deployments = [d for svc in services for d in svc.get("deployments", [])]
    row = {
        "costUsd": s["cost"]["totalUsd"],
        "monthlyProjectionUsd": s["cost"].get("monthlyProjectionUsd", math.nan),
    }
    for key in ("tasksStarted", "tasksStopped", "placementFailures", "spotInterruptions"):
        row[key] = sum(int(svc.get(key, 0)) for svc in services)
    row["steadyState"] = all(bool(svc.get("steadyState", False)) for svc in services)
    row["instancesLaunched"] = int(s.get("instances", {}).get("launched", 0))
    row["instancesPeak"] = int(s.get("instances", {}).get("peak", 0))
    row["deployments"] = len(deployments)
    row["deploymentsCompleted"] = sum(d["rolloutState"] == "COMPLETED" for d in deployments)
    row["deploymentsFailed"] = sum(d["rolloutState"] == "FAILED" for d in deployments)
    row["rollbacks"] = sum(bool(d.get("rolledBack")) for d in deployments)
    spans = [d["finishedAt"] - d["startedAt"] for d in deployments if d.get("finishedAt") is not None]
    row["deploymentSeconds"] = float(max(spans)) if spans else math.nan
    row["minHealthyDuringDeployment"], row["peakTasksDuringDeployment"] = _during_deployments(result, s)
    return row


def _during_deployments(result, summary) -> tuple[float, float]:
    """Over the metrics samples of a service taken while one of its
    deployments ran (startedAt to finishedAt, or the end): the lowest
    healthyCount and the highest runningCount + pendingCount (what is
    billed). NaN, NaN without deployments. Samples come every
    simulation.metricsInterval, so a shorter interval sees shorter dips."""
    windows = [(name, d["startedAt"], d.get("finishedAt"))
               for name, svc in summary["services"].items() for d in svc.get("deployments", [])]
    if not windows:
        return math.nan, math.nan
    c = result._core.metric_columns()  # the numpy columns, without building a DataFrame
    names = np.asarray(c["service_names"], dtype=object)
    service, time = c["service"], c["time"]
    inside = np.zeros(len(time), dtype=bool)
    for name, start, end in windows:  # one vector test per deployment
        stop = summary["durationSeconds"] if end is None else end
        inside |= (names[service] == name) & (time >= start) & (time <= stop)
    if not inside.any():
        return math.nan, math.nan
    healthy = np.asarray(c["healthyCount"], dtype=float)[inside]
    tasks = (np.asarray(c["runningCount"], dtype=float) + np.asarray(c["pendingCount"], dtype=float))[inside]
    return float(healthy.min()), float(tasks.max())


def _run_row(scenario: Scenario, overrides: list, seed, extra=None) -> dict:
    """One run: the scenario with its grid point and seed."""
    result = run(scenario, seed=seed, set=overrides or None)
    row = {"seed": result.seed, **figures(result)}
    if extra is not None:
        more = extra(result)
        if not isinstance(more, dict):
            raise TypeError(f"extra= must return a dict of column: value, got {type(more).__name__}")
        clash = sorted(set(more) & set(row))
        if clash:
            raise ValueError(f"extra= returned columns the sweep already has: {clash}")
        row.update(more)
    return row


def run_rows(scenario: Scenario, batch: list, extra=None) -> list[dict]:
    """A batch of runs on one worker: [(overrides, seed), ...] -> rows.
    Runs of a few milliseconds cost less than a Dask task each, so a
    sweep ships several per task."""
    return [_run_row(scenario, overrides, seed, extra) for overrides, seed in batch]


# ------------------------------------------------------------------ the grid


def _grid_items(grid) -> list[tuple[str, list]]:
    if grid is None:
        return []
    items = grid.items() if isinstance(grid, Mapping) else grid
    out = []
    for entry in items:
        if not (isinstance(entry, tuple | list) and len(entry) == 2):
            raise TypeError("grid must be a dict {path: [values]} or a list of (path, [values]) pairs")
        path, values = entry
        if not isinstance(path, str) or not path:
            raise TypeError(f"grid paths are dotted strings such as 'services.web.desiredCount', got {path!r}")
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            values = [values]
        values = list(values)
        if not values:
            raise InputError(f"grid path {path!r} has no values")
        out.append((path, values))
    paths = [p for p, _ in out]
    if len(set(paths)) != len(paths):
        raise InputError(f"a grid path appears twice: {sorted({p for p in paths if paths.count(p) > 1})}")
    return out


def _seed_list(seeds) -> list | None:
    if seeds is None:
        return None
    if isinstance(seeds, int) and not isinstance(seeds, bool):
        raise TypeError("seeds takes several seeds, e.g. range(1, 11); for one seed pass seeds=[n]")
    out = [_check_seed(s) for s in seeds]
    if not out:
        raise InputError("seeds is empty")
    return out


def plan(scenario, grid=None, seeds=None) -> pd.DataFrame:
    """The runs a sweep makes, in order: one row per run with the grid
    values and the seed (None: the scenario's own)."""
    items = _grid_items(grid)
    seed_list = _seed_list(seeds)
    points = list(itertools.product(*[values for _, values in items]))
    rows = [(*point, seed) for point in points for seed in (seed_list or [None])]
    columns = [path for path, _ in items] + ["seed"]
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)


# ------------------------------------------------------------------ progress


class _TextBar:
    """A plain progress line on stderr when tqdm is not installed."""

    def __init__(self, total):
        self.total, self.done = total, 0
        self.show()

    def show(self):
        width = 30
        filled = width * self.done // max(self.total, 1)
        sys.stderr.write(f"\rsweep [{'#' * filled}{' ' * (width - filled)}] {self.done}/{self.total} runs")
        sys.stderr.flush()

    def update(self, n=1):
        self.done += n
        self.show()

    def close(self):
        sys.stderr.write("\n")
        sys.stderr.flush()


def _progress_bar(total, progress):
    """progress: True shows a bar, False none, None a bar when stderr is a terminal."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return _TextBar(total)
    return tqdm(total=total, unit="run", desc="sweep", file=sys.stderr)


# ------------------------------------------------------------------ running


def _client_for(client, jobs, processes):
    """(client, cluster to close or None) for the client= argument."""
    import distributed

    if isinstance(client, distributed.Client):
        return client, None
    if isinstance(client, str):
        return distributed.Client(client), "client"
    if client is not None:
        raise TypeError("client must be a distributed.Client, a scheduler address or None")
    n = jobs or os.cpu_count() or 1
    if processes:
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    else:  # runs release the GIL, so threads run side by side
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=n, processes=False,
                                           dashboard_address=None)
    return distributed.Client(cluster), cluster


def sweep(scenario, grid=None, seeds=None, client=None, *, jobs=None, processes=False,
          progress=None, extra=None) -> pd.DataFrame:
    """Runs the cartesian product of grid (times seeds) and returns one row per run.

    scenario: an ecsim.Scenario or a file path. grid: {dotted path: [values]}
    (or (path, values) pairs), values as Scenario.set takes them. seeds: an
    iterable of seeds (Monte-Carlo); None runs each point with the scenario's
    seed. client: None starts a Dask LocalCluster of `jobs` workers (threads,
    or processes with processes=True) for this sweep; a distributed.Client or
    a scheduler address ("tcp://host:8786") uses that cluster, whose workers
    must be able to `import ecsim`. jobs=1 without a client runs here, one
    run after the other. progress: True, False, or None (a bar when stderr
    is a terminal). extra: a function Result -> {column: value} run on the
    worker after each run, for figures of your own (its columns follow
    FIGURE_COLUMNS; with processes or a remote cluster it must pickle, as
    module-level functions and lambdas do through Dask's cloudpickle).

    Every grid point is loaded and checked before anything runs, so a bad
    value raises ScenarioError at once. Columns: the grid paths, "seed",
    then FIGURE_COLUMNS.
    """
    base = _as_scenario(scenario, None, None)
    if base.path is not None:  # workers may run elsewhere: name the file absolutely
        base = Scenario(os.path.abspath(base.path), seed=base._seed, set=list(base.overrides))
    runs = plan(base, grid, seeds)
    paths = list(runs.columns[:-1])
    overrides = [[f"{p}={_override_value(v)}" for p, v in zip(paths, row)]
                 for row in runs[paths].itertuples(index=False, name=None)]
    for point in dict.fromkeys(tuple(o) for o in overrides):  # each distinct point once
        _as_scenario(base, None, list(point) or None).validate()
    seed_values = [None if pd.isna(s) else int(s) for s in runs["seed"]]
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise InputError(f"jobs must be a whole number of 1 or more, got {jobs!r}")

    bar = _progress_bar(len(runs), progress)
    rows: list = [None] * len(runs)
    try:
        if client is None and jobs == 1:
            for i, (o, seed) in enumerate(zip(overrides, seed_values)):
                rows[i] = _run_row(base, o, seed, extra)
                if bar:
                    bar.update(1)
        else:
            rows = _run_on_dask(base, overrides, seed_values, client, jobs, processes, bar, extra)
    finally:
        if bar:
            bar.close()
    return _table(runs, rows)


def _run_on_dask(base, overrides, seed_values, client, jobs, processes, bar, extra):
    import distributed

    dask_client, owned = _client_for(client, jobs, processes)
    try:
        threads = sum(w.get("nthreads", 1) for w in dask_client.scheduler_info()["workers"].values())
        runs = list(zip(overrides, seed_values))
        # About four batches per worker thread: few enough to amortise Dask's
        # per-task cost, enough to balance uneven runs. Consecutive runs per
        # batch, so rows still come back in grid order.
        size = max(1, math.ceil(len(runs) / (4 * max(threads, 1))))
        batches = [runs[i:i + size] for i in range(0, len(runs), size)]
        scenario = dask_client.scatter(base, broadcast=True)  # shipped once, not per batch
        futures = [dask_client.submit(run_rows, scenario, b, extra, pure=False) for b in batches]
        index = {f.key: i for i, f in enumerate(futures)}
        results = [None] * len(futures)
        for future in distributed.as_completed(futures):
            results[index[future.key]] = future.result()  # re-raises a worker's error here
            if bar:
                bar.update(len(results[index[future.key]]))
        return [row for batch in results for row in batch]
    finally:
        if owned is not None:
            dask_client.close()
            if owned != "client":
                owned.close()


def _table(runs: pd.DataFrame, rows: list) -> pd.DataFrame:
    table = runs.drop(columns="seed").reset_index(drop=True)
    extra_columns = list(dict.fromkeys(k for row in rows for k in row if k != "seed" and k not in FIGURE_COLUMNS))
    figures_frame = pd.DataFrame(rows, columns=["seed", *FIGURE_COLUMNS, *extra_columns])
    figures_frame = figures_frame.astype({c: "int64" for c in _INT_FIGURES} | {"steadyState": bool})
    return pd.concat([table, figures_frame], axis=1)


def sweep_stats(table: pd.DataFrame, by=None, columns=None,
                percentiles=(50, 90, 99)) -> pd.DataFrame:
    """Across-seed statistics of a sweep table: for each group of `by` (default:
    the grid columns, i.e. everything before "seed") the run count, and the
    mean and percentiles of each figure column (numeric ones by default).
    Columns are a (figure, statistic) MultiIndex."""
    if by is None:
        by = list(table.columns[: table.columns.get_loc("seed")])
    if columns is None:  # every number after "seed": the figures and extra= columns
        after = table.columns[table.columns.get_loc("seed") + 1:]
        columns = [c for c in after if pd.api.types.is_numeric_dtype(table[c]) or table[c].dtype == bool]
    values = table[list(columns)].astype(float)
    aggs = [("mean", np.mean)] + [
        (f"p{p:g}", (lambda x, q=p: np.nanpercentile(x, q) if np.isfinite(x).any() else np.nan))
        for p in percentiles
    ]
    # by=[]: one group of every run, labelled "all"
    keys = [table[c] for c in by] or [pd.Series("all", index=table.index, name="runs")]
    grouped = values.groupby(keys, sort=False)
    stats = grouped.agg(aggs)
    stats.insert(0, ("runs", ""), grouped.size())
    return stats


# ------------------------------------------------------------------ command line


def _parse_grid_arg(text: str) -> tuple[str, list[str]]:
    path, eq, values = text.partition("=")
    if not eq or not path or not values:
        raise InputError(f"ecsim sweep: --grid expects PATH=V1,V2,..., got '{text}'")
    parts = values.split(",")
    if any(p == "" for p in parts):
        raise InputError(f"ecsim sweep: --grid {path}: empty value in '{values}'")
    return path, parts


def _parse_seeds_arg(text: str) -> list[int]:
    lo, sep, hi = text.partition("..")
    try:
        a, b = int(lo), int(hi if sep else lo)
    except ValueError:
        raise InputError(f"ecsim sweep: --seeds expects A..B (inclusive) or one seed, got '{text}'") from None
    if a < 0 or b < a:
        raise InputError(f"ecsim sweep: --seeds A..B needs 0 <= A <= B, got '{text}'")
    return [_check_seed(s) for s in range(a, b + 1)]


def main(argv=None) -> int:
    """`ecsim sweep` (the C++ CLI execs `python -m ecsim sweep` after checking the scenario).
    Exit status: 0 done, 2 bad arguments or scenario, 1 anything else."""
    parser = argparse.ArgumentParser(
        prog="ecsim sweep",
        description="Runs the cartesian product of --grid values (times --seeds) and writes one CSV row per run.")
    parser.add_argument("file")
    parser.add_argument("--grid", action="append", default=[], metavar="PATH=V1,V2,...")
    parser.add_argument("--seeds", metavar="A..B")
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    parser.add_argument("--jobs", type=int, metavar="N")
    parser.add_argument("--processes", action="store_true", help="LocalCluster workers as processes")
    parser.add_argument("--scheduler", metavar="ADDRESS")
    parser.add_argument("--out", metavar="F.csv")
    parser.add_argument("--stats", metavar="F.csv", help="also write sweep_stats() across seeds")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    try:
        if args.jobs is not None and args.jobs < 1:
            raise InputError(f"ecsim sweep: --jobs expects a number of 1 or more, got {args.jobs}")
        grid = [_parse_grid_arg(g) for g in args.grid]
        seeds = _parse_seeds_arg(args.seeds) if args.seeds else None
        scenario = Scenario(args.file, set=args.set or None)
        table = sweep(scenario, grid, seeds=seeds, client=args.scheduler, jobs=args.jobs,
                      processes=args.processes, progress=False if args.quiet else None)
    except (ScenarioError, InputError) as e:
        print(str(e), file=sys.stderr)
        return 2
    except (Error, OSError) as e:
        print(f"ecsim: error: {e}", file=sys.stderr)
        return 1
    if args.out:
        table.to_csv(args.out, index=False)
        print(f"wrote {len(table)} runs to {args.out}", file=sys.stderr)
    else:
        table.to_csv(sys.stdout, index=False)
    if args.stats:
        stats = sweep_stats(table)
        stats.columns = [f"{figure}.{stat}" if stat else figure for figure, stat in stats.columns]
        stats.to_csv(args.stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
