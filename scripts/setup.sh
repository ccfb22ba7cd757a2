#!/usr/bin/env bash
# Install everything the build, the page server and the tests need, on a fresh
# Debian machine (as root) or an already prepared one. Idempotent: each step is
# skipped when its tool is already there in the pinned version.
#
#   Debian:   chromium, chromium-driver, brotli (and nodejs/npm if missing)
#   rustup:   target wasm32-unknown-unknown, components rustfmt + clippy
#   cargo:    trunk 0.21.14; wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock
#   npm:      the root package.json (binaryen 132 for wasm-opt, terser + csso for minifying dist/,
#             @playwright/test, Lighthouse), `npm ci`
#   crates:   `cargo fetch`, so that Trunk can build with --offline
#
# Fresh machine: about 15 minutes (trunk compiles for ~12). Logs of the slow
# steps go to target/logs/.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PASV_ROOT"

log() { printf '==> [setup] %s\n' "$*"; }
die() {
  printf '==> [setup] ERROR: %s\n' "$*" >&2
  exit 1
}

# Run a long command with its output in a log file; show the tail on failure.
run_logged() {
  local name="$1"
  shift
  mkdir -p "$PASV_LOG_DIR"
  local logfile="$PASV_LOG_DIR/setup-$name.log"
  log "  (log: $logfile)"
  local start=$SECONDS
  if ! "$@" >"$logfile" 2>&1; then
    tail -n 60 "$logfile" >&2 || true
    die "$name failed after $((SECONDS - start)) s; full log in $logfile"
  fi
  log "  $name done in $((SECONDS - start)) s"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) for: $*"
  fi
}

# --- Debian packages -------------------------------------------------------
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_missing+=(chromium-driver)
command -v brotli >/dev/null 2>&1 || apt_missing+=(brotli)
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_missing+=(npm)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  log "apt: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run_logged apt-get-update as_root apt-get update
  run_logged apt-get-install as_root apt-get install -y "${apt_missing[@]}"
else
  log "apt: chromium, chromedriver, brotli, node, npm already installed"
fi

# --- Rust toolchain pieces ----------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup first)"
command -v rustup >/dev/null 2>&1 || die "rustup not found (needed for the wasm32 target)"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup: target wasm32-unknown-unknown already installed"
else
  log "rustup: adding target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
components=()
rustup component list --installed | grep -q '^rustfmt' || components+=(rustfmt)
rustup component list --installed | grep -q '^clippy' || components+=(clippy)
if [ "${#components[@]}" -gt 0 ]; then
  log "rustup: adding components ${components[*]}"
  rustup component add "${components[@]}"
else
  log "rustup: rustfmt and clippy already installed"
fi

# --- Trunk --------------------------------------------------------------------
trunk_have="$(trunk --version 2>/dev/null || true)"
if [ "$trunk_have" = "trunk $PASV_TRUNK_VERSION" ]; then
  log "trunk: $PASV_TRUNK_VERSION already installed"
else
  log "trunk: installing $PASV_TRUNK_VERSION (found: ${trunk_have:-none}); this takes ~12 minutes on 2 cores"
  run_logged cargo-install-trunk cargo install trunk --version "$PASV_TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen-cli (also provides wasm-bindgen-test-runner) ---------------
[ -n "$PASV_WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen package found in Cargo.lock"
trunk_pin="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' "$PASV_ROOT/Trunk.toml")"
[ "$trunk_pin" = "$PASV_WASM_BINDGEN_VERSION" ] ||
  die "Trunk.toml pins wasm_bindgen = \"$trunk_pin\" but Cargo.lock has wasm-bindgen $PASV_WASM_BINDGEN_VERSION; make them equal"
wb_have="$(wasm-bindgen --version 2>/dev/null || true)"
wbtr_have="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
if [ "$wb_have" = "wasm-bindgen $PASV_WASM_BINDGEN_VERSION" ] && [ -n "$wbtr_have" ]; then
  log "wasm-bindgen-cli: $PASV_WASM_BINDGEN_VERSION already installed"
else
  log "wasm-bindgen-cli: installing $PASV_WASM_BINDGEN_VERSION (found: ${wb_have:-none}); a few minutes"
  # Not --locked: the CLI's own lock file may predate fixes its dependencies need.
  run_logged cargo-install-wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$PASV_WASM_BINDGEN_VERSION" --force
fi

# --- npm packages: wasm-opt (binaryen), terser + csso, @playwright/test, Lighthouse
stamp="$PASV_ROOT/node_modules/.pasv-setup-stamp"
want_stamp="$(cat "$PASV_ROOT/package.json" "$PASV_ROOT/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] && [ -x "$PASV_ROOT/node_modules/.bin/wasm-opt" ]; then
  log "npm: node_modules up to date"
else
  log "npm: npm ci"
  # --ignore-scripts: no package may download anything (Playwright's browsers
  # included); the tests use Debian's Chromium.
  run_logged npm-ci npm ci --prefix "$PASV_ROOT" --no-audit --no-fund --ignore-scripts
  echo "$want_stamp" >"$stamp"
fi
wasm_opt_have="$(wasm-opt --version 2>/dev/null || true)"
case "$wasm_opt_have" in
  *"($PASV_WASM_OPT_VERSION)"*) log "wasm-opt: $wasm_opt_have ($(command -v wasm-opt))" ;;
  *) die "wasm-opt on PATH is '${wasm_opt_have:-missing}' ($(command -v wasm-opt || echo none)), expected $PASV_WASM_OPT_VERSION" ;;
esac

# --- crates, so that `trunk build` (offline) finds them ------------------------
log "cargo: fetching crates for the workspace"
run_logged cargo-fetch cargo fetch

log "ready: $(trunk --version), $(wasm-bindgen --version), $(chromium --version 2>/dev/null | head -n1)"
