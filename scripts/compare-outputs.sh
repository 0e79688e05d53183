#!/usr/bin/env bash
# Output equality across a change: is what keylint prints the same, byte for byte,
# before and after a restructuring?
#
#   scripts/compare-outputs.sh [BASE]        BASE: a git revision (default: HEAD)
#
# Builds the CLI at BASE (in a temporary git worktree) and from the work tree, then runs
# both on the same inputs and compares their JSON reports, SARIF logs and stderr (notes):
#   samples/, policies/ (every rule's pass/ and fail/ fixture), ../shared/corpus/kics,
#   each folder of ../shared/corpus/real-world, and the 10,000-file bench corpus
#   (bench/gen_corpus.py, seed 1, generated once into target/compare/corpus).
# Exits 0 when every output is identical, 1 with a diff excerpt otherwise.
#
# The builds use the release profile without LTO (much faster to build; the output does
# not depend on it), each in its own target directory under target/compare: cargo names a
# workspace crate's artifacts the same from any checkout, so a shared directory could
# reuse the other tree's build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-HEAD}
work=$root/target/compare
mkdir -p "$work"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export KEYLINT_TODAY=2026-01-15

rev=$(git rev-parse --verify "$base^{commit}")
src=$work/base-src
if [ -d "$src" ]; then
  git -C "$src" checkout --quiet --detach "$rev"
else
  git worktree add --quiet --detach "$src" "$rev"
fi
echo "==> building keylint at $base ($rev)"
(cd "$src" && CARGO_TARGET_DIR=$work/target-base cargo build --quiet --release -p keylint_cli)
cp "$work/target-base/release/keylint" "$work/keylint-base"
echo "==> building keylint from the work tree"
CARGO_TARGET_DIR=$work/target-new cargo build --quiet --release -p keylint_cli
cp "$work/target-new/release/keylint" "$work/keylint-new"

if [ ! -f "$work/corpus/.count" ]; then
  echo "==> generating the bench corpus"
  rm -rf "$work/corpus"
  python3 bench/gen_corpus.py --files 10000 --seed 1 --out "$work/corpus" --force >/dev/null
fi

inputs=(samples policies ../shared/corpus/kics "$work/corpus")
for d in ../shared/corpus/real-world/*/; do
  inputs+=("${d%/}")
done

status=0
for input in "${inputs[@]}"; do
  [ -e "$input" ] || { echo "missing input $input"; status=1; continue; }
  name=$(echo "$input" | tr '/.' '__')
  for which in base new; do
    for fmt in json sarif; do
      rc=0
      "$work/keylint-$which" check "$input" --format "$fmt" --output "$work/$name.$which.$fmt" \
        2>"$work/$name.$which.$fmt.stderr" || rc=$?
      echo "exit $rc" >>"$work/$name.$which.$fmt.stderr"
    done
  done
  same=1
  for f in json sarif json.stderr sarif.stderr; do
    if ! cmp -s "$work/$name.base.$f" "$work/$name.new.$f"; then
      echo "DIFFERENT: $input ($f)"
      diff "$work/$name.base.$f" "$work/$name.new.$f" | head -20 || true
      same=0
      status=1
    fi
  done
  [ $same -eq 0 ] || echo "same: $input"
done
[ $status -eq 0 ] && echo "==> every output is identical" || echo "==> outputs differ"
exit $status
