"""Every python/notebooks/*.ipynb runs clean, headless (Agg), on Debian's
interpreter with this build of ecsim, and saves its PNG figures into
python/notebooks/figures/ as <notebook stem>-*.png."""

import os
import pathlib
import time

import pytest

import ecsim

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
FIGURES = NOTEBOOKS / "figures"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _notebooks():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_is_at_least_one_notebook():
    assert _notebooks(), f"no notebooks in {NOTEBOOKS}"


@pytest.mark.parametrize("path", _notebooks(), ids=[p.stem for p in _notebooks()])
def test_notebook_runs_clean_and_saves_its_figures(path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    # The kernel inherits this environment: the module path of this build,
    # no display, and this very interpreter (Debian's, with numpy & co.).
    monkeypatch.setenv("MPLBACKEND", "Agg")
    package_parent = str(pathlib.Path(ecsim.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("ECSIM_FIGURES_DIR", raising=False)
    notebook = nbformat.read(path, as_version=4)
    started = time.time()
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, with the cell, on any error

    errors = [o for cell in notebook.cells if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    saved = [p for p in FIGURES.glob(f"{path.stem}-*.png") if p.stat().st_mtime >= started - 1]
    assert saved, f"{path.name} saved no figures/{path.stem}-*.png"
    for png in saved:
        data = png.read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000, png.name


def test_the_figures_the_readmes_show_exist():
    import re

    repo = NOTEBOOKS.parents[1]
    for readme in (repo / "README.md", NOTEBOOKS / "README.md"):
        images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme.read_text())
        for image in images:
            assert (readme.parent / image).is_file(), f"{readme.name} shows a missing {image}"
    assert images, "python/notebooks/README.md shows no figure"
