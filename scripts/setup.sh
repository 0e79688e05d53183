# Sourced by the scripts in this folder: install what a fresh Debian/Ubuntu machine lacks.
# Nothing here runs at keylint's run time; keylint itself never uses the network.

# Run apt-get as root (through sudo when not root), non-interactively.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  command -v apt-get >/dev/null || { echo "apt-get not found: install $* yourself"; return 2; }
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# Rust through rustup when cargo is missing; rust-toolchain.toml then brings the pinned
# toolchain with rustfmt, clippy and the wasm32 target on first use.
ensure_rust() {
  # rustc links through the system C compiler, mimalloc's build compiles C, and the fuzz
  # targets' libFuzzer (libfuzzer-sys) compiles C++.
  { command -v cc && command -v c++; } >/dev/null || apt_install build-essential
  if ! command -v cargo >/dev/null; then
    command -v curl >/dev/null || apt_install curl ca-certificates
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
  fi
  rustup target add wasm32-unknown-unknown >/dev/null
}

# Node.js 18 or later, with npm (Debian's packages when missing or too old).
ensure_node() {
  local major=0
  if command -v node >/dev/null; then
    major=$(node -p 'process.versions.node.split(".")[0]')
  fi
  if [ "$major" -lt 18 ] || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
}

# Debian's Chromium for the review page's browser test (never a downloaded browser).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# pre-commit (PyPI, pinned; it brings PyYAML) in a virtual environment under target/, for
# the integration tests, and cyclonedx-python-lib (PyPI, pinned), whose package ships the
# official CycloneDX JSON schemas the BOM test validates against
# (crates/keylint_cli/tests/cyclonedx.rs). Prints the environment's python.
ensure_python_tools() {
  local venv="${KEYLINT_TOOLS:-$PWD/target/tools}/venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv >&2
  command -v git >/dev/null || apt_install git >&2
  if [ ! -x "$venv/bin/pre-commit" ] || ! "$venv/bin/python" -c 'import cyclonedx.schema' 2>/dev/null; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2 || { apt_install python3-venv >&2 && python3 -m venv "$venv" >&2; }
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==4.7.0" "cyclonedx-python-lib==11.12.0" >&2
  fi
  echo "$venv/bin/python"
}
