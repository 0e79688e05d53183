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
# The review page in Debian's Chromium (never a downloaded browser), on the module the
# parity test built above; README "Review page" says how long this takes.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
(cd wasm/page && npm ci --no-audit --no-fund && node build.mjs --wasm ../../target/wasm/wasm32-unknown-unknown/wasm-release/keylint_wasm.wasm)
node --test wasm/page/test/
