#!/usr/bin/env bash
# Trunk post-build hook: builds crates/pasv-lens-extras (the session-log view)
# as a second WebAssembly module into dist/extras/, which the page imports only
# when a log is pasted. Same profile, bindgen and wasm-opt as the main module.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/env.sh"
out="${TRUNK_STAGING_DIR:-$root/dist}/extras"
cargo build --manifest-path "$root/Cargo.toml" --target wasm32-unknown-unknown --profile web -p pasv-lens-extras
wasm-bindgen --target web --no-typescript --out-dir "$out" "$root/target/wasm32-unknown-unknown/web/pasv_lens_extras.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue "$out/pasv_lens_extras_bg.wasm" -o "$out/pasv_lens_extras_bg.wasm"
