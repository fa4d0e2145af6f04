"""Running scenarios: ecsim.run() for a whole run, ecsim.Simulation to step
through one (SimPy's env.run(until=...))."""

from __future__ import annotations

import datetime
import math
import numbers
import os

from . import _ecsim
from ._ecsim import InputError
from .results import Outputs, Result
from .scenario import Scenario, _overrides


def _as_scenario(scenario_or_path, seed, set_) -> Scenario:
    if isinstance(scenario_or_path, Scenario):
        if seed is None and set_ is None:
            return scenario_or_path
        scenario = scenario_or_path.copy()  # the caller's scenario stays as it was
        if seed is not None:
            scenario.seed = seed
        if set_ is not None:
            scenario.set(_overrides(set_))
        return scenario
    if isinstance(scenario_or_path, (str, os.PathLike)):
        return Scenario(scenario_or_path, seed=seed, set=set_)
    raise TypeError(f"expected an ecsim.Scenario or a scenario file path, got {type(scenario_or_path).__name__}")


def _until_ms(until) -> int:
    """Milliseconds since the start for until=: seconds, "2h" or a timedelta."""
    if isinstance(until, str):
        return _ecsim.parse_duration(until)
    if isinstance(until, datetime.timedelta):  # also pandas.Timedelta
        seconds = until.total_seconds()
    elif isinstance(until, numbers.Real) and not isinstance(until, bool):
        seconds = float(until)
    else:
        raise TypeError(f"until takes seconds or a duration such as '2h', got {type(until).__name__}")
    if not math.isfinite(seconds) or seconds < 0:
        raise InputError(f"until must be a time of 0 seconds or more, got {until!r}")
    return round(seconds * 1000)


class Simulation(Outputs):
    """One run of a scenario that can stop part way and go on.

        sim = ecsim.Simulation("api.yaml", seed=42, set={"services.api.desiredCount": 10})
        sim.run(until="45m")      # or seconds: sim.run(until=2700)
        sim.now                   # 2700.0
        sim.metrics.tail()        # everything recorded so far
        sim.run()                 # on to the end

    summary, events and metrics always show the state as of now. The object
    is not for two threads at once; run separate Simulations in parallel
    (run() releases the GIL).
    """

    def __init__(self, scenario_or_path, seed=None, set=None):
        self.scenario = _as_scenario(scenario_or_path, seed, set)
        self._core = _ecsim.Simulation(self.scenario._load())

    @property
    def now(self) -> float:
        """The virtual clock, seconds since the start."""
        return self._core.now_ms / 1000.0

    @property
    def end(self) -> float:
        """When the run ends: simulation.duration, in seconds."""
        return self._core.end_ms / 1000.0

    def run(self, until=None) -> None:
        """Fires every event up to and including `until` (seconds, a duration
        such as "2h", or a timedelta; the end of the scenario when None, and
        never past it), then sets now to it."""
        end_ms = self._core.end_ms
        target = end_ms if until is None else min(_until_ms(until), end_ms)
        now_ms = self._core.now_ms
        if target < now_ms:
            raise InputError(
                f"cannot run until {_ecsim.format_duration(target)}: that is before the current time "
                f"{_ecsim.format_duration(now_ms)}"
            )
        self._core.run_until(target)

    def __repr__(self) -> str:
        return (
            f"Simulation(scenario={self._core.name!r}, seed={self._core.seed}, "
            f"now={_ecsim.format_duration(self._core.now_ms)!r}, end={_ecsim.format_duration(self._core.end_ms)!r})"
        )


def run(scenario, seed=None, set=None) -> Result:
    """Simulates a scenario (an ecsim.Scenario or a file path) to its end.

    The GIL is released while C++ runs, so threads (or Dask workers) run
    scenarios side by side. seed and set= apply to a copy: the scenario
    passed in is not changed.
    """
    sim = Simulation(scenario, seed=seed, set=set)
    sim.run()
    return Result(sim._core, sim.scenario)
