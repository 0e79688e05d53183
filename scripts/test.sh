#!/usr/bin/env bash
# The whole test suite: formatting, lints, every test. Run from the repository root,
# with ../shared beside it (the rule catalog, KICS corpus and SARIF schema).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 2; }
# keylint.wasm is built by the parity test (crates/keylint_wasm/tests/parity.rs).
rustup target add wasm32-unknown-unknown
if ! command -v cargo-nextest >/dev/null; then
  cargo install cargo-nextest --locked
fi
[ -d ../shared ] || { echo "../shared (rule catalog and conformance corpus) must sit beside the repository"; exit 2; }

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The WebAssembly module's exported ABI only exists on wasm32.
cargo clippy -p keylint_wasm --target wasm32-unknown-unknown --locked -- -D warnings
# Snapshots must match; never write new ones in CI.
INSTA_UPDATE=no cargo nextest run --workspace --locked --no-fail-fast
# keylint.js + keylint.wasm under Node.js (uses the module and CLI built above).
command -v node >/dev/null || { echo "node (>= 18) is required for the WebAssembly tests"; exit 2; }
node --test wasm/test/
