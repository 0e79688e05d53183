#!/usr/bin/env bash
# Build keylint (installing Rust's toolchain through rustup if it is missing) and lint
# the bundled samples. Extra arguments go to `keylint check`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
ensure_rust
cargo build --release --locked -p keylint_cli
set +e
./target/release/keylint check samples "$@"
code=$?
set -e
echo "keylint exited with $code (0 clean, 1 findings, 2 errors)"
