#!/usr/bin/env bash
# README command 2: set up, build everything, and run every test (C++ through
# CTest, then Python with Debian's interpreter once the module exists).
set -euo pipefail
ECSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${ECSIM_BUILD_DIR:-$ECSIM_ROOT/build}"
"$ECSIM_ROOT/scripts/setup.sh"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
# Python last, so the final line is pytest's own summary. The package is
# assembled in the build folder; bytecode and pytest's cache stay out of the tree.
PYTHONPATH="$BUILD_DIR/python${PYTHONPATH:+:$PYTHONPATH}" ECSIM_CLI="$BUILD_DIR/ecsim" \
  PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m pytest -q -p no:cacheprovider "$ECSIM_ROOT/python/tests"
