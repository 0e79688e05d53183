#!/usr/bin/env bash
# Build keylint.wasm and the review page, then serve the page on http://127.0.0.1:8000
# (PORT=... for another port). The page is static: any static file server works.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
command -v node >/dev/null || { echo "node (>= 18) and npm are required to build the page"; exit 2; }
command -v python3 >/dev/null || { echo "python3 is required to serve the page"; exit 2; }
bash scripts/build-wasm.sh
(cd wasm/page && npm ci --no-audit --no-fund && node build.mjs)
echo "keylint review page: http://127.0.0.1:$port/  (Ctrl+C stops the server)"
# Python's http.server sends .wasm as application/wasm (keylint.js also copes without it).
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory wasm/page/dist
