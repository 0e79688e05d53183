#!/usr/bin/env bash
# Build keylint.wasm (`wasm-release` profile) and put it beside wasm/keylint.js, with the
# rules' documentation the module does not carry (wasm/rule-docs.json, from policies/).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
ensure_rust
ensure_node
env -u RUSTFLAGS CARGO_TARGET_DIR=target/wasm \
  cargo build --locked -p keylint_wasm --target wasm32-unknown-unknown --profile wasm-release
cp target/wasm/wasm32-unknown-unknown/wasm-release/keylint_wasm.wasm wasm/keylint.wasm
node wasm/rule-docs.mjs wasm/rule-docs.json
raw=$(wc -c < wasm/keylint.wasm)
gz=$(gzip -9 -c wasm/keylint.wasm | wc -c)
echo "wasm/keylint.wasm: $raw bytes, $gz gzipped"
