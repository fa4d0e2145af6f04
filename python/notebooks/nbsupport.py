"""Shared by the notebooks in this folder: where the scenarios are, where
figures go, and `import ecsim` from a build tree when it is not installed.

    from nbsupport import scenario_path, save_figure
    scenario = ecsim.load(scenario_path("rolling-deploy.yaml"))
    save_figure(fig, "00-rolling-deploy-bounds-frontier")   # figures/<name>.png

Figures are named after their notebook (`<notebook stem>-<what>.png`); the
notebook test checks every notebook saved at least one such file.
"""

from __future__ import annotations

import os
import pathlib
import sys

NOTEBOOKS = pathlib.Path(__file__).resolve().parent
REPO = NOTEBOOKS.parents[1]
SCENARIOS = REPO / "scenarios"
FIGURES = pathlib.Path(os.environ.get("ECSIM_FIGURES_DIR", NOTEBOOKS / "figures"))

try:  # installed (scripts/setup.sh links the build) or on PYTHONPATH
    import ecsim  # noqa: F401
except ImportError:  # a build tree that was not linked: use <repo>/build/python
    sys.path.insert(0, str(REPO / "build" / "python"))


def scenario_path(name: str) -> pathlib.Path:
    """A shipped scenario, by file name."""
    path = SCENARIOS / name
    if not path.is_file():
        raise FileNotFoundError(f"no scenario {name} in {SCENARIOS}")
    return path


def save_figure(fig, name: str, dpi: int = 100) -> pathlib.Path:
    """Saves a matplotlib figure as figures/<name>.png and returns the path.
    No software version in the file, so an unchanged figure rewrites the
    same bytes."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    path = FIGURES / f"{name}.png"
    fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return path
