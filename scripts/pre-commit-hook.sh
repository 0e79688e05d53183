#!/usr/bin/env bash
# The `keylint` pre-commit hook (.pre-commit-hooks.yaml, language: script). pre-commit
# runs it from its clone of this repository at the configured `rev`, in the user's
# repository, with the changed files as arguments (plus the hook's `args` first).
#
# The first run builds keylint from that clone with cargo (release profile, Cargo.lock as
# committed); later runs find the binary and start at once. CARGO_TARGET_DIR, when set,
# is honoured (a shared build directory across hook revisions).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$here/target}"
bin="$target/release/keylint"

if [ ! -x "$bin" ] || [ "$here/Cargo.lock" -nt "$bin" ]; then
  if ! command -v cargo >/dev/null; then
    echo "keylint: the keylint hook builds keylint with cargo, which is not installed;" >&2
    echo "keylint: install Rust (https://rustup.rs) or use the keylint-system hook" >&2
    exit 2
  fi
  echo "keylint: building keylint from $here (first run only)..." >&2
  (cd "$here" && cargo build --quiet --locked --release -p keylint_cli --target-dir "$target") >&2
fi

if [ "$#" -eq 0 ]; then
  exit 0
fi
exec "$bin" check "$@"
