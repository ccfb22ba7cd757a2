# shellcheck shell=bash
# Environment shared by scripts/setup.sh, scripts/serve.sh and scripts/test.sh.
# Source it (`. scripts/env.sh`); it is safe to source more than once.

PASV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PASV_ROOT

# Prepend a directory to PATH unless it is already there.
pasv_path_prepend() {
  case ":${PATH}:" in
    *":$1:"*) ;;
    *) PATH="$1${PATH:+:${PATH}}" ;;
  esac
}
# cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) and the
# npm-installed wasm-opt (binaryen 132; Debian's binaryen is too old), which
# must win over any other wasm-opt on PATH.
pasv_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
pasv_path_prepend "$PASV_ROOT/node_modules/.bin"
export PATH

# Pinned tool versions.
export PASV_TRUNK_VERSION="0.21.14"
export PASV_WASM_OPT_VERSION="version_132"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
PASV_WASM_BINDGEN_VERSION="$(awk '
  /^\[\[package\]\]/ { pkg = "" }
  /^name = "wasm-bindgen"$/ { pkg = "wasm-bindgen" }
  pkg == "wasm-bindgen" && /^version = / { gsub(/"/, "", $3); print $3; exit }
' "$PASV_ROOT/Cargo.lock" 2>/dev/null || true)"
export PASV_WASM_BINDGEN_VERSION

# Browsers and drivers from Debian (nothing is ever downloaded at run time).
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROME_BIN="$CHROMIUM_PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# `cargo test --target wasm32-unknown-unknown` runs the test binaries in
# headless Chromium through wasm-bindgen-test-runner + chromedriver (tests
# without `wasm_bindgen_test_configure!(run_in_browser)` run in Node).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="wasm-bindgen-test-runner"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}"
# One webdriver.json for every crate (Chromium binary and flags; the runner
# itself adds --headless, --no-sandbox and --disable-dev-shm-usage).
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$PASV_ROOT/webdriver.json}"

# Trunk: never touch the network (no update check, no tool downloads).
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true

# Logs of the slow installs go here, outside every crate and watched folder.
export PASV_LOG_DIR="${PASV_LOG_DIR:-$PASV_ROOT/target/logs}"

pasv_log() { printf '==> %s\n' "$*"; }
