"""scripts/link_python_package.py: the .pth that lets /usr/bin/python3
`import ecsim` without PYTHONPATH (scripts/setup.sh runs it)."""

import os
import pathlib
import subprocess
import sys

import ecsim

REPO = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "link_python_package.py"


def _python(code, cwd):
    # -S: no site directories of the machine, whose own .pth (from another
    # checkout's set-up) would otherwise win over the one under test.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_pth_makes_ecsim_importable_without_pythonpath(tmp_path):
    package_parent = pathlib.Path(ecsim.__file__).resolve().parents[1]
    site_dir = tmp_path / "site"
    done = subprocess.run([sys.executable, str(SCRIPT), str(package_parent), "--site-dir", str(site_dir)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (site_dir / "ecsim-build.pth").read_text().strip() == str(package_parent)

    # A site directory's .pth lines go on sys.path, as at start-up for the real one.
    # The machine's own site directories come after it (for numpy, pandas).
    code = (f"import site; site.addsitedir({str(site_dir)!r}); site.main(); "
            "import ecsim; print(ecsim.__file__)")
    imported = _python(code, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert pathlib.Path(imported.stdout.strip()).resolve() == pathlib.Path(ecsim.__file__).resolve()

    again = subprocess.run([sys.executable, str(SCRIPT), str(package_parent), "--site-dir", str(site_dir)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stderr == ""  # unchanged: nothing rewritten, nothing said

    removed = subprocess.run([sys.executable, str(SCRIPT), "--remove", "--site-dir", str(site_dir)],
                             capture_output=True, text=True, timeout=60)
    assert removed.returncode == 0 and not (site_dir / "ecsim-build.pth").exists()


def test_a_folder_without_the_package_is_refused(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--site-dir", str(tmp_path / "site")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "no ecsim package" in done.stderr
    assert not (tmp_path / "site").exists()
