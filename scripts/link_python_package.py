"""Makes `import ecsim` work for this interpreter without PYTHONPATH: writes
ecsim-build.pth, naming the package the build assembled (<build>/python), into
a site directory this interpreter reads at start-up. As root that is the
first site-packages directory (Debian: /usr/local/lib/python3.X/dist-packages,
read by /usr/bin/python3 only); otherwise the user's site directory. The file
is rewritten only when it names another build. PYTHONPATH still comes first,
so test runs that set it use their own build.

usage: /usr/bin/python3 scripts/link_python_package.py BUILD_DIR/python [--site-dir DIR]
       /usr/bin/python3 scripts/link_python_package.py --remove [--site-dir DIR]
"""

import os
import pathlib
import site
import sys

NAME = "ecsim-build.pth"


def site_dir() -> pathlib.Path:
    if os.geteuid() == 0 and site.getsitepackages():
        return pathlib.Path(site.getsitepackages()[0])
    return pathlib.Path(site.getusersitepackages())


def main(argv) -> int:
    target = site_dir()
    if len(argv) == 3 and argv[1] == "--site-dir":  # tests link into a folder of their own
        target = pathlib.Path(argv[2])
        argv = argv[:1]
    if len(argv) != 1:
        print("\n".join(__doc__.strip().splitlines()[-2:]), file=sys.stderr)
        return 2
    pth = target / NAME
    if argv[0] == "--remove":
        pth.unlink(missing_ok=True)
        return 0
    package_parent = pathlib.Path(argv[0]).resolve()
    if not (package_parent / "ecsim" / "__init__.py").is_file():
        print(f"link_python_package: no ecsim package in {package_parent} (build the ecsim_python target)",
              file=sys.stderr)
        return 1
    text = f"{package_parent}\n"
    if pth.is_file() and pth.read_text() == text:
        return 0
    pth.parent.mkdir(parents=True, exist_ok=True)
    pth.write_text(text)
    print(f"ecsim setup: {sys.executable} now imports ecsim from {package_parent} (via {pth})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
