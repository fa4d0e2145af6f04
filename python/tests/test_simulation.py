"""ecsim.Simulation: stepping through a run as SimPy does."""

import datetime

import pandas as pd
import pytest

import ecsim


def test_run_until_a_duration_string_stops_the_clock_there(quickstart):
    sim = ecsim.Simulation(quickstart, seed=7)
    assert (sim.now, sim.end) == (0.0, 7200.0)
    sim.run(until="45m")
    assert sim.now == 2700.0
    assert repr(sim) == "Simulation(scenario='quickstart', seed=7, now='45m', end='2h')"
    # At 40 m the timeline raised desiredCount to 8.
    assert sim.summary["services"]["web"]["desiredCount"] == 8
    assert sim.events["time"].max() <= 2700.0


def test_until_takes_seconds_or_a_timedelta_and_never_passes_the_end(quickstart):
    sim = ecsim.Simulation(quickstart)
    sim.run(until=90)
    assert sim.now == 90.0
    sim.run(until=datetime.timedelta(minutes=2, milliseconds=500))
    assert sim.now == 120.5
    sim.run(until="1d")
    assert sim.now == 7200.0


def test_running_back_in_time_is_refused(quickstart):
    sim = ecsim.Simulation(quickstart)
    sim.run(until="45m")
    with pytest.raises(ecsim.InputError, match=r"^cannot run until 10m: that is before the current time 45m$"):
        sim.run(until=600)
    with pytest.raises(ecsim.InputError, match=r"^until must be a time of 0 seconds or more, got -1$"):
        sim.run(until=-1)
    with pytest.raises(TypeError):
        sim.run(until=[1])
    with pytest.raises(ecsim.InputError, match="soon"):
        sim.run(until="soon")


def test_a_run_in_steps_ends_exactly_like_one_run(quickstart):
    stepped = ecsim.Simulation(quickstart, seed=3)
    for t in ("10m", "40m", "40m", "95m"):
        stepped.run(until=t)
    stepped.run()
    whole = ecsim.run(quickstart, seed=3)
    assert stepped.summary == whole.summary
    pd.testing.assert_frame_equal(stepped.events, whole.events)
    pd.testing.assert_frame_equal(stepped.metrics, whole.metrics)


def test_simulation_takes_a_scenario_and_leaves_it_unchanged(quickstart):
    scenario = ecsim.load(quickstart)
    sim = ecsim.Simulation(scenario, seed=9, set={"services.web.desiredCount": 2})
    sim.run(until="30m")
    assert sim.summary["services"]["web"]["runningCount"] == 2
    assert (scenario.seed, scenario.overrides) == (42, ())
    assert sim.scenario.overrides == ("services.web.desiredCount=2",)
