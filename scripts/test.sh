#!/usr/bin/env bash
# The whole test suite: formatting, lints, every test. Run from the repository root,
# with ../shared beside it (the rule catalog, KICS corpus and SARIF schema).
# On a fresh machine it installs what it needs: Rust (rustup, the pinned toolchain and
# the wasm32 target), cargo-nextest, cargo-fuzz, Node.js, Debian's Chromium, the page's
# npm packages, and pre-commit (PyPI) for the integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared ] || { echo "../shared (rule catalog and conformance corpus) must sit beside the repository"; exit 2; }
. scripts/setup.sh
ensure_rust
ensure_node
ensure_chromium
python=$(ensure_python_tools)
if ! command -v cargo-nextest >/dev/null; then
  cargo install cargo-nextest --locked
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The WebAssembly module's exported ABI only exists on wasm32.
cargo clippy -p keylint_wasm --target wasm32-unknown-unknown --locked -- -D warnings
# Snapshots must match; never write new ones in CI. The parity test builds keylint.wasm
# (crates/keylint_wasm/tests/parity.rs) for the Node and browser tests below.
INSTA_UPDATE=no cargo nextest run --workspace --locked --no-fail-fast
# Fuzz smoke pass: every fuzz target builds (cargo-fuzz, installed on first use) and runs
# 10 seconds from its seeds; a failure is a bug (docs/reliability.md, "Fuzzing", says
# what to do).
fuzz/run.sh --seconds 10
# keylint.js + keylint.wasm under Node.js (uses the module and CLI built above).
node --test wasm/test/
# The review page in Debian's Chromium, on the module the parity test built above;
# docs/webassembly.md, "Tests", says how long this takes.
(cd wasm/page && npm ci --no-audit --no-fund && node build.mjs --wasm ../../target/wasm/wasm32-unknown-unknown/wasm-release/keylint_wasm.wasm)
node --test wasm/page/test/
# pre-commit for real, the GitHub Action's steps and the snippets of README.md and docs/,
# on the CLI built above (docs/integrations.md).
"$python" -m unittest discover -s integrations -v
