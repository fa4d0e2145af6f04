#!/usr/bin/env bash
# CI's third command, run by .ci/run after ./scripts/test.sh (docs/hardening.md):
#   bench  regression benchmarks: gate on same-run ratios, warn against bench/baseline.json
#   asan   the whole C++ test suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz   a short libFuzzer run on the scenario loader and validator
#
# Usage: ./scripts/ci-extra.sh [bench] [asan] [fuzz]   (no argument: all three, in that order)
#        ./scripts/ci-extra.sh --refresh-baseline      (rewrite bench/baseline.json on this machine)
# Environment: ECSIM_BUILD_DIR (default build/, as setup.sh), ECSIM_ASAN_DIR
# (build-asan/: the clang sanitizer + fuzz build), ECSIM_FUZZ_SECONDS (60).
set -euo pipefail
ECSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${ECSIM_BUILD_DIR:-$ECSIM_ROOT/build}"
ASAN_DIR="${ECSIM_ASAN_DIR:-$ECSIM_ROOT/build-asan}"
FUZZ_SECONDS="${ECSIM_FUZZ_SECONDS:-60}"
PYTHON=/usr/bin/python3  # Debian's interpreter: it sees python3-scipy, which compare.py needs
JOBS="$(nproc)"

# The fixed CI subset (bench/README.md): ~15 s on an idle 2-core machine.
BENCH_FILTER='^BM_EventQueue_PushPop/(1000|1000000)$|^BM_Place_Binpack/(1000|100000)$|^BM_Place_(NaiveBinpack|SpreadBinpack)/100000$|^BM_RollingDeploy/(1000|10000)$'
BENCH_ARGS=(--benchmark_filter="$BENCH_FILTER" --benchmark_min_time=0.2 --benchmark_repetitions=5
            --benchmark_out_format=json)

log() { echo "== ci-extra: $*" >&2; }

# Runs one step and prints how long it took, so CI logs show the budget.
timed() {
  local name=$1 start=$SECONDS
  shift
  log "$name"
  "$@"
  log "$name: done in $((SECONDS - start)) s"
}

# Installs missing Debian packages the way setup.sh does.
need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]}"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_bench() {
  need_packages libbenchmark-dev libbenchmark-tools python3-scipy
  if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then "$ECSIM_ROOT/scripts/setup.sh" --target ecsim_bench; fi
  cmake --build "$BUILD_DIR" --target ecsim_bench -j "$JOBS"
}

step_bench() {
  # First the gate itself: it must fail on regressed numbers and pass on good ones.
  PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m pytest -q -p no:cacheprovider "$ECSIM_ROOT/bench/test_compare_ratios.py"
  build_bench
  local out="$BUILD_DIR/bench-ci.json"
  "$BUILD_DIR/ecsim_bench" "${BENCH_ARGS[@]}" --benchmark_out="$out" >/dev/null
  # Printed for people; absolute times on a shared machine never fail CI.
  "$PYTHON" /usr/share/benchmark/compare.py -a --no-color --no-utest benchmarks \
    "$ECSIM_ROOT/bench/baseline.json" "$out" || log "WARNING: compare.py failed; comparison not shown"
  "$PYTHON" "$ECSIM_ROOT/bench/compare_ratios.py" "$out" --baseline "$ECSIM_ROOT/bench/baseline.json"
}

refresh_baseline() {
  build_bench
  "$BUILD_DIR/ecsim_bench" "${BENCH_ARGS[@]}" --benchmark_out="$ECSIM_ROOT/bench/baseline.json"
  "$PYTHON" "$ECSIM_ROOT/bench/compare_ratios.py" "$ECSIM_ROOT/bench/baseline.json"
  log "wrote bench/baseline.json; note the machine and its load in bench/README.md"
}

# One clang build serves both sanitizer steps: the library and the tests with
# ASan+UBSan, the library also with libFuzzer's coverage hooks, and the fuzz
# target. clang compiles it in ~1/4 of the time GCC needs for -O2 -g ASan
# (docs/hardening.md has the measurements), which keeps CI inside 20 minutes.
configure_sanitized() {
  need_packages clang-14 libclang-rt-14-dev
  if [[ ! -f "$ASAN_DIR/CMakeCache.txt" ]]; then
    # -O1 without NDEBUG: ECSIM_ASSERT checks run in the library too; line
    # tables are enough for symbolized stack traces.
    CC=clang-14 CXX=clang++-14 cmake -S "$ECSIM_ROOT" -B "$ASAN_DIR" -G Ninja \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
      -DECSIM_SANITIZE=ON -DECSIM_BUILD_FUZZ=ON -DECSIM_BUILD_BENCH=OFF -DECSIM_BUILD_PYTHON=OFF >/dev/null
  fi
}

step_asan() {
  configure_sanitized
  cmake --build "$ASAN_DIR" -j "$JOBS"
  # install_consumer is left out: the consumer project links the instrumented
  # library without the sanitizer runtime; the normal build already runs it.
  ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$ASAN_DIR" --output-on-failure -j "$JOBS" -E '^install_consumer$'
}

step_fuzz() {
  configure_sanitized
  cmake --build "$ASAN_DIR" --target ecsim_fuzz_scenario -j "$JOBS"
  local work="$ASAN_DIR/fuzz"
  mkdir -p "$work/corpus" "$work/artifacts"
  # From the repository root: `file:` entries in inputs resolve there and may
  # not leave it. -seed fixes the mutation sequence; findings land in artifacts/.
  local rc=0
  (cd "$ECSIM_ROOT" &&
    "$ASAN_DIR/tests/fuzz/ecsim_fuzz_scenario" -seed=1 -max_total_time="$FUZZ_SECONDS" -timeout=10 \
      -rss_limit_mb=2048 -dict=tests/fuzz/scenario.dict -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/" \
      "$work/corpus" "$ASAN_DIR/tests/fuzz/seed-corpus" tests/fuzz/regressions) >"$work/fuzz.log" 2>&1 || rc=$?
  if ((rc == 0)); then
    # The summary only; progress and coverage lines stay in fuzz.log.
    grep -E '^(INFO: (Seed|Loaded|seed corpus)|Done|stat::)' "$work/fuzz.log" >&2 || true
    return 0
  fi
  grep -v -E '^(#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD|INITED)|[[:space:]]+NEW_FUNC)' "$work/fuzz.log" >&2 || true
  log "the fuzzer found a problem (exit $rc): the input is in $work/artifacts/;" \
      "copy it to tests/fuzz/regressions/ (docs/hardening.md)"
  return "$rc"
}

main() {
  if [[ "${1:-}" == "--refresh-baseline" ]]; then
    refresh_baseline
    return
  fi
  local steps=("$@")
  ((${#steps[@]})) || steps=(bench asan fuzz)
  local start=$SECONDS s
  for s in "${steps[@]}"; do
    case "$s" in
      bench) timed "regression benchmarks" step_bench ;;
      asan) timed "tests under ASan+UBSan" step_asan ;;
      fuzz) timed "fuzzing the scenario loader for ${FUZZ_SECONDS} s" step_fuzz ;;
      *) echo "ci-extra.sh: unknown step '$s' (expected bench, asan, fuzz or --refresh-baseline)" >&2; exit 2 ;;
    esac
  done
  log "all steps passed in $((SECONDS - start)) s"
}

main "$@"
