#!/usr/bin/env bash
# Installs the Debian packages ecsim needs (only the missing ones), then
# configures and builds it in build/. Idempotent: a second run with nothing
# changed costs a few seconds. Sourced or run by the other scripts.
set -euo pipefail
ECSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${ECSIM_BUILD_DIR:-$ECSIM_ROOT/build}"

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libeigen3-dev libfmt-dev libyaml-cpp-dev
  libbenchmark-dev libbenchmark-tools doctest-dev nlohmann-json3-dev
  pybind11-dev python3-dev python3-numpy python3-pandas python3-matplotlib
  python3-pytest python3-scipy
  python3-distributed python3-tqdm python3-nbclient python3-nbformat python3-ipykernel
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "ecsim setup: installing ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  # Debian's interpreter sees python3-numpy & co.; the python3 first on PATH may not.
  cmake -S "$ECSIM_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
# Two cores: keep the build from starving the machine but use both.
cmake --build "$BUILD_DIR" -j "$(nproc)" "$@"
# `import ecsim` for /usr/bin/python3 without PYTHONPATH: a .pth naming the
# package the build assembled (ECSIM_NO_PTH=1 skips it; see python/README.md).
if [[ -z "${ECSIM_NO_PTH:-}" && -f "$BUILD_DIR/python/ecsim/__init__.py" ]]; then
  /usr/bin/python3 "$ECSIM_ROOT/scripts/link_python_package.py" "$BUILD_DIR/python"
fi
