#!/usr/bin/env bash
# Trunk post-build hook: builds crates/pasv-lens-extras (the session-log view)
# as a second WebAssembly module into dist/extras/, which the page imports only
# when a log is pasted or "More" is opened. Profile `extras`: the core's log
# scan built for speed (opt-level 3, wasm-opt -O2), the UI for size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/env.sh"
out="${TRUNK_STAGING_DIR:-$root/dist}/extras"
cargo build --manifest-path "$root/Cargo.toml" --target wasm32-unknown-unknown --profile extras -p pasv-lens-extras
wasm-bindgen --target web --no-typescript --out-dir "$out" "$root/target/wasm32-unknown-unknown/extras/pasv_lens_extras.wasm"
wasm-opt -O2 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue "$out/pasv_lens_extras_bg.wasm" -o "$out/pasv_lens_extras_bg.wasm"
# Last: minify every shipped JS and CSS file of the build, the module's included.
node "$root/scripts/minify-dist.mjs" "${TRUNK_STAGING_DIR:-$root/dist}"
