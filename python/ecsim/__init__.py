"""ecsim: Amazon ECS simulated on a virtual clock.

    import ecsim
    result = ecsim.run(ecsim.load("scenarios/quickstart.yaml"), seed=7)
    result.summary["cost"]["totalUsd"]
    result.events.query("type == 'service-event'")
    result.metrics.plot(x="time", y="runningCount")

    sim = ecsim.Simulation("scenarios/quickstart.yaml", set={"services.web.desiredCount": 8})
    sim.run(until="45m")
    sim.now, sim.summary, sim.metrics

Times are float seconds since the simulation start, as in the output files.
Errors: ecsim.ScenarioError (a ValueError) with the CLI's
FILE:LINE:COLUMN: field.path: message text, ecsim.InputError for other bad
values, ecsim.Error for everything else ecsim raises.
"""

try:
    from . import _ecsim
except ImportError as e:  # a source tree or an install without the compiled part
    raise ImportError(
        "ecsim's compiled module _ecsim is missing or does not load: build the CMake target "
        "ecsim_python and put <build>/python on PYTHONPATH (see python/README.md)"
    ) from e

from ._ecsim import Diagnostic, Error, InputError, ScenarioError
from .placement import Cluster, Placement
from .pricing import price, price_instance
from .results import Result
from .scenario import Scenario, load
from .simulation import Simulation, run
from .sweep import sweep, sweep_stats

__version__ = _ecsim.__version__

__all__ = [
    "Cluster",
    "Diagnostic",
    "Error",
    "InputError",
    "Placement",
    "Result",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "load",
    "price",
    "price_instance",
    "run",
    "sweep",
    "sweep_stats",
]
