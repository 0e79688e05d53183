#!/usr/bin/env bash
# Fuzz keylint's parsers and its whole pipeline with libFuzzer (cargo-fuzz).
#
#   fuzz/run.sh [--seconds N] [--jobs J] [target...]
#
# Each target (all of them by default; `keylint_fuzz::TARGETS`) runs for N seconds
# (default 60), J processes at once (default 1), from fuzz/corpus/<target> (kept between
# runs, not committed) plus seeds written fresh from samples/, the rule fixtures and
# ../shared/corpus/kics. A line per target goes to stdout and to target/fuzz-runs.tsv:
# date, target, seconds, executions, executions per second, corpus size, peak RSS,
# failures. A failure leaves its input in fuzz/artifacts/<target>/ and makes the script
# exit 1: copy the input to fuzz/regressions/<target>/ (the ordinary tests run every file
# there), fix the bug, and run again.
#
# Built with `-s none` on the pinned stable toolchain: the workspace has no unsafe code
# (`unsafe_code = "forbid"`, the WASM ABI aside), so AddressSanitizer, which needs nightly,
# would find nothing safe Rust can do; debug assertions (overflow checks included) stay on.
# CI runs `fuzz/run.sh --seconds 10` as a smoke pass so the targets keep building.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
jobs=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
cargo run --quiet --locked -p keylint_fuzz --bin keylint-fuzz-seeds -- fuzz/seeds "${targets[@]}" >/dev/null
if [ ${#targets[@]} -eq 0 ]; then
  # Every binary of fuzz/Cargo.toml, in its order (that of keylint_fuzz::TARGETS).
  mapfile -t targets < <(awk '/^\[\[bin\]\]/ {bin = 1} bin && /^name = / {gsub(/"/, "", $3); print $3; bin = 0}' fuzz/Cargo.toml)
  cargo fuzz build -s none
else
  for t in "${targets[@]}"; do cargo fuzz build -s none "$t"; done
fi

parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
mkdir -p target
log=target/fuzz-runs.tsv
failed=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  out=$(mktemp)
  status=0
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: 2 GiB is a memory blow-up.
  cargo fuzz run -s none "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${parallel[@]}" >"$out" 2>&1 || status=$?
  # With -jobs, each worker logs to fuzz-<n>.log; their final stats add up.
  logs=("$out")
  if [ "$jobs" -gt 1 ]; then logs=(fuzz-*.log); fi
  execs=$(cat "${logs[@]}" | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s+=$1} END {print s+0}')
  rss=$(cat "${logs[@]}" | sed -n 's/^stat::peak_rss_mb: *//p' | sort -n | tail -1)
  if [ "$jobs" -gt 1 ]; then rm -f fuzz-*.log; fi
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  crashes=$(($(find "fuzz/artifacts/$t" -type f | wc -l) - before))
  if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    failed=1
    echo "---- $t failed (exit $status); the end of its log:"
    tail -40 "$out"
  fi
  rm -f "$out"
  rate=$((execs / (seconds > 0 ? seconds : 1)))
  row="$(date -u +%F)	$t	${seconds}s	$execs	$rate/s	$corpus	${rss:-?} MB	$crashes"
  echo "$row"
  echo "$row" >>"$log"
done
exit $failed
