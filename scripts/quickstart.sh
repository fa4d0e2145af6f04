#!/usr/bin/env bash
# README command 1: set up, build, and run the shipped quick-start scenario,
# printing its report (output files land in ecsim-out/quickstart/).
set -euo pipefail
ECSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ECSIM_ROOT/scripts/setup.sh" --target ecsim_cli >&2
exec "${ECSIM_BUILD_DIR:-$ECSIM_ROOT/build}/ecsim" run "$ECSIM_ROOT/scenarios/quickstart.yaml" "$@"
