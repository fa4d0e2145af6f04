"""Quick looks at a run's metrics with matplotlib.

Figures are made with matplotlib.figure.Figure, not pyplot: no window, no
global figure list to leak in a sweep, and it works on a headless machine
whatever the backend. In Jupyter a returned Figure displays itself.
"""

from __future__ import annotations


def _time_axis(seconds_end: float):
    """Minutes for runs up to 3 h, hours beyond: readable tick labels."""
    return (60.0, "min") if seconds_end <= 3 * 3600 else (3600.0, "h")


def _tasks(ax, metrics, scale, targets=()):
    for i, (service, rows) in enumerate(metrics.groupby("service", observed=True, sort=False)):
        color = f"C{i % 10}"
        t = rows["time"] / scale
        ax.step(t, rows["desiredCount"], where="post", color=color, linestyle="--",
                label=f"{service} desired")
        ax.step(t, rows["runningCount"], where="post", color=color, label=f"{service} running")
        ax.step(t, rows["healthyCount"], where="post", color=color, linestyle=":",
                label=f"{service} healthy")
    ax.set_ylabel("tasks")
    ax.set_ylim(bottom=0)


def _cpu(ax, metrics, scale, targets=()):
    """cpuUtilization per service, and the TargetValue of each service's
    CPU target-tracking policy as a dashed line in the same colour."""
    for i, (service, rows) in enumerate(metrics.groupby("service", observed=True, sort=False)):
        color = f"C{i % 10}"
        ax.plot(rows["time"] / scale, rows["cpuUtilization"], color=color, label=str(service))
        for target_service, metric, value in targets:
            if target_service == service and metric.startswith("ECSServiceAverageCPUUtilization"):
                ax.axhline(value, color=color, linestyle="--", linewidth=1, label=f"{service} target {value:g} %")
    ax.set_ylabel("cpuUtilization (%)")
    ax.set_ylim(bottom=0)


def _cost(ax, metrics, scale, targets=()):
    groups = list(metrics.groupby("service", observed=True, sort=False))
    total = metrics.groupby("time", sort=True)["costUsd"].sum()
    ax.plot(total.index / scale, total.to_numpy(), color="black", label="total")
    if len(groups) > 1:
        for i, (service, rows) in enumerate(groups):
            ax.plot(rows["time"] / scale, rows["costUsd"], color=f"C{i % 10}", label=str(service))
    ax.set_ylabel("cost so far (USD)")
    ax.set_ylim(bottom=0)


_KINDS = {
    "tasks": (_tasks, "tasks"),
    "cpu": (_cpu, "CPU utilization"),
    "cost": (_cost, "cumulative cost"),
}


def plot(outputs, kind: str = "tasks", ax=None):
    """Draws one kind of plot of `outputs` (a Result or Simulation); returns the Figure."""
    if kind not in _KINDS:
        choices = ", ".join(repr(k) for k in _KINDS)
        raise ValueError(f"unknown plot kind {kind!r}; choose one of {choices}")
    draw, title = _KINDS[kind]
    metrics = outputs.metrics
    summary = outputs.summary
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8, 4.5), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    scale, unit = _time_axis(summary["durationSeconds"])
    scenario = getattr(outputs, "scenario", None)
    targets = scenario._load().scaling_targets if scenario is not None else ()
    draw(ax, metrics, scale, targets)
    ax.set_xlabel(f"time ({unit})")
    ax.set_title(f"{summary['scenario']} (seed {summary['seed']}): {title}")
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize="small")
    return fig
