#!/usr/bin/env bash
# Build keylint.wasm and the review page, then serve the page on http://127.0.0.1:8000
# (PORT=... for another port). The page is static: any static file server works.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
. scripts/setup.sh
ensure_rust
ensure_node
command -v python3 >/dev/null || apt_install python3
bash scripts/build-wasm.sh
(cd wasm/page && npm ci --no-audit --no-fund && node build.mjs)
echo "keylint review page: http://127.0.0.1:$port/  (Ctrl+C stops the server)"
# Python's http.server sends .wasm as application/wasm (keylint.js also copes without it).
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory wasm/page/dist
