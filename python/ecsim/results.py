"""What a run produced, as Python and pandas objects.

The compiled module hands over numpy columns (integer codes plus the names
they index); the DataFrames are assembled here from whole columns, never row
by row. Column names and meanings are those of the output files
(SCENARIO.md): events.jsonl keys and the metrics.csv header.
"""

from __future__ import annotations

import json
import os
import pathlib

import numpy as np
import pandas as pd

from . import _ecsim

#: events DataFrame columns, as the events.jsonl keys.
EVENT_COLUMNS = ("time", "type", "service", "task", "from", "to", "message")
#: metrics DataFrame columns, exactly the metrics.csv header.
METRIC_COLUMNS = (
    "time", "service", "desiredCount", "runningCount", "pendingCount", "healthyCount",
    "cpuUtilization", "memoryUtilization", "requestsPerSecond", "costUsd", "unservedRequests",
    "requestCountPerTarget",
)
#: deployments DataFrame columns: the service, then summary.json's deployment keys.
DEPLOYMENT_COLUMNS = (
    "service", "id", "taskDefinition", "rolloutState", "startedAt", "finishedAt",
    "failedTasks", "rolledBack", "minHealthyCount", "maxRunningCount", "strategy",
)

#: deployment_usage DataFrame columns: the service and deployment id, then
#: Simulation::deployment_usage's figures.
DEPLOYMENT_USAGE_COLUMNS = ("service", "id", "requests", "unservedRequests", "cpuUtilization", "taskSeconds")


def _take(names, codes: np.ndarray) -> np.ndarray:
    """An object column: names[code], None where code is -1 (absent)."""
    out = np.full(len(codes), None, dtype=object)
    present = codes >= 0
    if present.any():
        table = np.empty(len(names), dtype=object)
        table[:] = names
        out[present] = table[codes[present]]
    return out


def events_frame(c: dict) -> pd.DataFrame:
    """events.jsonl as a DataFrame: one row per record, in time order.

    type, service, from and to are Categoricals (from/to ordered by the task
    lifecycle, so `events["to"] >= "RUNNING"` works); task and message are
    strings, None where a record has none; from is None (NaN) when a task was
    created.
    """
    states = c["state_names"]
    return pd.DataFrame(
        {
            "time": c["time"],
            "type": pd.Categorical.from_codes(c["type"], categories=c["type_names"]),
            "service": pd.Categorical.from_codes(c["service"], categories=c["service_names"]),
            "task": _take(c["task_ids"], c["task"]),
            "from": pd.Categorical.from_codes(c["from"], categories=states, ordered=True),
            "to": pd.Categorical.from_codes(c["to"], categories=states, ordered=True),
            "message": _take(c["texts"], c["message"]),
        },
        columns=list(EVENT_COLUMNS),
    )


def metrics_frame(c: dict) -> pd.DataFrame:
    """metrics.csv as a DataFrame: one row per service per metricsInterval.
    Utilisations are NaN where no task ran (CloudWatch has no datapoint)."""
    data = {name: c[name] for name in METRIC_COLUMNS}
    data["service"] = pd.Categorical.from_codes(c["service"], categories=c["service_names"])
    return pd.DataFrame(data, columns=list(METRIC_COLUMNS))


def deployments_frame(summary: dict) -> pd.DataFrame:
    """summary.json's deployments of every service, one row each."""
    rows = [
        {"service": service, **deployment}
        for service, figures in summary["services"].items()
        for deployment in figures["deployments"]
    ]
    frame = pd.DataFrame(rows, columns=list(DEPLOYMENT_COLUMNS))
    frame["finishedAt"] = frame["finishedAt"].astype(float)  # None (IN_PROGRESS) -> NaN
    return frame


def deployment_usage_frame(c: dict) -> pd.DataFrame:
    """What each deployment's tasks were sent and did, one row per deployment."""
    data = {name: c[name] for name in DEPLOYMENT_USAGE_COLUMNS[1:]}
    data["service"] = pd.Categorical.from_codes(c["service"], categories=c["service_names"])
    return pd.DataFrame(data, columns=list(DEPLOYMENT_USAGE_COLUMNS))


class Outputs:
    """The outputs of a run, read from the C++ core (`self._core`) on each
    access, so a Simulation shows its state as of now."""

    @property
    def summary(self) -> dict:
        """summary.json as a dict (same keys and values)."""
        return json.loads(self._core.summary_json())

    @property
    def events(self) -> pd.DataFrame:
        """events.jsonl as a DataFrame: time, type, service, task, from, to, message."""
        return events_frame(self._core.event_columns())

    @property
    def metrics(self) -> pd.DataFrame:
        """metrics.csv as a DataFrame, with its header as column names."""
        return metrics_frame(self._core.metric_columns())

    @property
    def deployments(self) -> pd.DataFrame:
        """Every service's deployments (summary.json), one row each."""
        return deployments_frame(self.summary)

    @property
    def deployment_usage(self) -> pd.DataFrame:
        """Every deployment of every service, its creation's first, with the
        production requests that reached its tasks, the unservedRequests among
        them (beyond its serving tasks' capacity), the average cpuUtilization
        of one of its RUNNING tasks (NaN if none ran) and its RUNNING
        taskSeconds, from its start to now. During a blue/green traffic shift
        each side gets its weight of the requests, else its share of the
        healthy tasks; requests sent while a service has no healthy task (and
        no blue/green shift) reach none of its deployments."""
        return deployment_usage_frame(self._core.deployment_usage_columns())

    @property
    def cost(self) -> dict:
        """summary.json's cost: totalUsd, monthlyProjectionUsd, byService, byCapacityProvider."""
        return self.summary["cost"]

    def report(self) -> str:
        """The report `ecsim run` prints."""
        return self._core.report()

    def write(self, dir) -> pathlib.Path:
        """Writes summary.json, events.jsonl and metrics.csv into `dir`
        (created if missing), as `ecsim run --out dir` does."""
        path = pathlib.Path(os.fspath(dir))
        self._core.write(str(path))
        return path

    def plot(self, kind: str = "tasks", ax=None):
        """A matplotlib Figure: "tasks" (desired, running and healthy per
        service), "cpu" (cpuUtilization) or "cost" (cumulative USD). Draws
        into `ax` when given. Never shows a window; call fig.savefig()."""
        from .plotting import plot  # matplotlib loads only when plotting

        return plot(self, kind=kind, ax=ax)


class Result(Outputs):
    """A finished run: summary, events, metrics, deployments,
    deployment_usage, cost, report(), write(dir) and plot(kind). Made by
    ecsim.run()."""

    def __init__(self, core, scenario):
        self._core = core
        #: the ecsim.Scenario that ran
        self.scenario = scenario
        self._summary_text = None

    @property
    def summary(self) -> dict:
        """summary.json as a dict (same keys and values)."""
        if self._summary_text is None:  # a finished run no longer changes
            self._summary_text = self._core.summary_json()
        return json.loads(self._summary_text)

    @property
    def seed(self) -> int:
        """The seed the run used."""
        return self._core.seed

    def __repr__(self) -> str:
        s = self.summary
        duration = _ecsim.format_duration(round(s["durationSeconds"] * 1000))
        return (
            f"Result(scenario={s['scenario']!r}, seed={s['seed']}, duration={duration!r}, "
            f"total_cost_usd={s['cost']['totalUsd']})"
        )
