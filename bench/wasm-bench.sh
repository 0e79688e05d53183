#!/usr/bin/env bash
# One ~1 MB Terraform file linted three ways: the native CLI, keylint.wasm under wasmtime,
# and keylint.wasm in the review page in headless Chromium. Evidence, not a timed test.
#
#   bench/wasm-bench.sh
#
# 1. builds the release CLI, keylint.wasm (scripts/build-wasm.sh), the wasmtime example
#    (dev profile: it reuses the parity test's wasmtime build; the timed code is the
#    module as compiled by Cranelift, which is optimised in every profile) and the page
# 2. generates bench/corpus-wasm/main.tf with bench/wasm-gen-tf.py (deterministic)
# 3. times
#    - native: `keylint check bench/corpus-wasm` as a process (process start, engine
#      start and writing the JSON report included), next to the same on an empty folder
#    - wasmtime: one lint request, module compiled and instantiated once
#      (crates/keylint_wasm/examples/wasmtime_bench.rs)
#    - chromium: `keylint.lint([{path, text}])` in the page, JSON in and out included
#      (bench/wasm-browser.mjs)
#    and prints the best and median of RUNS runs of each.
#
# Environment: RUNS (default 20), BYTES (default 1000000), SEED (default 1).
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"
cd "$root"

runs="${RUNS:-20}"
bytes="${BYTES:-1000000}"
seed="${SEED:-1}"
corpus=bench/corpus-wasm
file="$corpus/main.tf"

die() {
  echo "error: $*" >&2
  exit 2
}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got \`$runs\`"
for tool in cargo python3 node npm; do
  command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing: apt-get install -y --no-install-recommends chromium"

echo "==> building (release CLI, keylint.wasm, wasmtime example, page)"
cargo build --release --locked -p keylint_cli
bash scripts/build-wasm.sh
cargo build --locked -p keylint_wasm --example wasmtime_bench
(cd wasm/page && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; } && node build.mjs >/dev/null)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/release/keylint"
example="$target_dir/debug/examples/wasmtime_bench"

echo "==> generating $file"
python3 bench/wasm-gen-tf.py --bytes "$bytes" --seed "$seed" --out "$file"

# Milliseconds of each of RUNS runs of a command (exit codes 0 and 1 are success).
time_runs() {
  local i t0 t1 rc
  for i in $(seq 1 "$runs"); do
    t0=$(date +%s%N)
    rc=0
    "$@" >/dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    [[ $rc -le 1 ]] || die "\`$*\` exited with $rc"
    echo $(((t1 - t0) / 1000))
  done | sort -n | awk '{ t[NR] = $1 / 1000 } END { printf "best %.1f ms, median %.1f ms", t[1], t[int((NR + 1) / 2)] }'
}

empty="$(mktemp -d)"
trap 'rm -rf -- "$empty"' EXIT
"$bin" check "$corpus" --format json --output /dev/null >/dev/null 2>&1 || true # warm the page cache
native_findings=$("$bin" check "$corpus" --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' || true)
native="$(time_runs "$bin" check "$corpus" --format json --output /dev/null)"
start="$(time_runs "$bin" check "$empty" --format json --output /dev/null)"
wasmtime="$("$example" wasm/keylint.wasm "$file" "$runs")"
browser="$(node bench/wasm-browser.mjs "$file" "$runs")"

echo
echo "machine: $(nproc) CPUs, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo '?')"
echo "input:   $file, $(wc -c <"$file" | tr -d ' ') bytes, $native_findings findings (native)"
echo "native   (release CLI, whole process): $native; an empty folder: $start"
echo "$wasmtime"
echo "$browser"
