#!/usr/bin/env bash
# Everything CI checks, in order, stopping at the first failure:
#
#   setup      scripts/setup.sh (tools; skipped quickly when present)
#   fmt        cargo fmt --all --check
#   clippy     cargo clippy --workspace --all-targets -- -D warnings
#   doc        cargo doc --workspace --no-deps with warnings as errors (broken intra-doc links)
#   lab        scripts/lab.sh: real FTP servers and clients in network namespaces
#              (root) write tests/lab/logs and manifest.tsv afresh; then
#              tests/lab/MATRIX.md is regenerated from them, and `pasv-lens
#              probe` is run against the lab's servers (tests/lab/probe.sh)
#   native     cargo test --workspace (tests/lab.rs judges the fresh lab logs)
#   wasm       cargo test --target wasm32-unknown-unknown -p pasv-lens-web -p pasv-core
#              (wasm-bindgen-test-runner; browser tests in headless Chromium via chromedriver)
#   trunk      trunk build --release --offline  -> dist/, then the first-load
#              sizes (brotli) against the 120 000-byte budget
#   packages   scripts/package-check.sh: cargo publish --dry-run -p pasv-core,
#              cargo install --path crates/pasv-cli, npm pack of pasv-lens (from dist/)
#   e2e        npx playwright test               (@playwright/test + Debian's Chromium, against dist/;
#              playwright.config.mjs, tests/e2e/*.spec.mjs)
#
# Skip steps for local speed with SKIP_<STEP>=1, e.g. SKIP_SETUP=1 SKIP_CLIPPY=1,
# or run only some with ONLY="fmt clippy". WASM_TEST_PACKAGES overrides the
# packages of the wasm step (default: "pasv-lens-web pasv-core").
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PASV_ROOT"

total_start=$SECONDS
timings=()

want() {
  local step="$1" upper
  upper="$(printf '%s' "$step" | tr '[:lower:]' '[:upper:]')"
  local skip_var="SKIP_${upper}"
  if [ "${!skip_var:-0}" = 1 ]; then
    pasv_log "[$step] skipped ($skip_var=1)"
    timings+=("$step: skipped")
    return 1
  fi
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $step "* ]]; then
    timings+=("$step: skipped (ONLY)")
    return 1
  fi
  return 0
}

step() {
  local step="$1"
  shift
  pasv_log "[$step] $*"
  local start=$SECONDS
  "$@"
  timings+=("$step: $((SECONDS - start)) s")
  pasv_log "[$step] ok ($((SECONDS - start)) s)"
}

report_timings() {
  local rc=$?
  pasv_log "step timings:"
  local t
  for t in "${timings[@]}"; do printf '      %s\n' "$t"; done
  if [ "$rc" -eq 0 ]; then
    pasv_log "all checks passed in $((SECONDS - total_start)) s"
  else
    pasv_log "FAILED (exit $rc) after $((SECONDS - total_start)) s"
  fi
}
trap report_timings EXIT

if want setup; then
  step setup bash "$PASV_ROOT/scripts/setup.sh"
fi

if want fmt; then
  step fmt cargo fmt --all --check
fi

if want clippy; then
  step clippy cargo clippy --workspace --all-targets -- -D warnings
fi

if want doc; then
  step doc env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
fi

lab_matrix() {
  cargo run --quiet -p pasv-core --example lab_matrix >tests/lab/MATRIX.md
  grep -m1 'logs: the verdict' tests/lab/MATRIX.md
}

if want lab; then
  step lab bash scripts/lab.sh
  step lab-matrix lab_matrix
  cargo build --quiet -p pasv-cli
  step lab-probe env PASV_LENS=target/debug/pasv-lens bash tests/lab/probe.sh
fi

if want native; then
  step native cargo test --workspace
fi

if want wasm; then
  pkg_args=()
  for p in ${WASM_TEST_PACKAGES:-pasv-lens-web pasv-core}; do pkg_args+=(-p "$p"); done
  step wasm cargo test --target wasm32-unknown-unknown "${pkg_args[@]}"
fi

# What a visitor downloads before the first result (the on-demand module in
# dist/extras/ is not part of it), brotli -q 11, against the page's budget.
FIRST_LOAD_BUDGET=120000
check_first_load() {
  local f br total=0
  for f in dist/index.html dist/pasv-lens-web.js dist/pasv-lens-web_bg.wasm dist/static/style.css dist/static/loader.js dist/snippets/*/*.js; do
    [ -f "$f" ] || { pasv_log "[trunk] missing $f"; return 1; }
    br=$(brotli -c -q 11 "$f" | wc -c)
    printf '      %-56s %8d bytes, %8d brotli\n' "$f" "$(wc -c <"$f")" "$br"
    total=$((total + br))
  done
  pasv_log "[trunk] first load: $total bytes brotli (budget $FIRST_LOAD_BUDGET)"
  [ "$total" -le "$FIRST_LOAD_BUDGET" ]
}

if want trunk; then
  step trunk trunk build --release --offline
  step first-load check_first_load
fi

if want packages; then
  step packages bash scripts/package-check.sh
fi

if want e2e; then
  step e2e playwright test
fi
