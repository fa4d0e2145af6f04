"""Shared fixtures: the shipped scenarios and the `ecsim` CLI built beside the
module, so tests can hold the Python API to the CLI's own output."""

import os
import pathlib
import subprocess

import matplotlib
import pytest

matplotlib.use("Agg")  # tests never open a window

import ecsim  # noqa: E402  (after the backend choice)

REPO = pathlib.Path(__file__).resolve().parents[2]
QUICKSTART = REPO / "scenarios" / "quickstart.yaml"


def _cli_path() -> pathlib.Path:
    if "ECSIM_CLI" in os.environ:
        return pathlib.Path(os.environ["ECSIM_CLI"])
    # <build>/python/ecsim/_ecsim*.so -> <build>/ecsim
    return pathlib.Path(ecsim._ecsim.__file__).resolve().parents[2] / "ecsim"


@pytest.fixture(scope="session")
def quickstart() -> pathlib.Path:
    return QUICKSTART


@pytest.fixture(scope="session")
def cli():
    """Runs the ecsim tool; returns the CompletedProcess (text mode)."""
    path = _cli_path()
    assert path.is_file(), f"the ecsim CLI is not built at {path} (set ECSIM_CLI)"

    def run(*args):
        return subprocess.run([str(path), *map(str, args)], capture_output=True, text=True, timeout=120)

    return run
