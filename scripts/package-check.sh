#!/usr/bin/env bash
# Packages install as documented:
#   1. `cargo publish --dry-run -p pasv-core` (metadata, README, the .crate
#      builds on its own: build.rs finds locales/ inside it);
#   2. `cargo install --path crates/pasv-cli` (README.md, "The command line")
#      into a scratch root, and the installed `pasv-lens` decodes a reply;
#   3. with a release dist/ (trunk build): `npm pack` of the npm package
#      `pasv-lens` holds the ESM entry, its types, the wasm files, README and
#      licences (tests/e2e/package.spec.mjs installs it into a page).
# Needs crates.io (the dry run reads the index). Usage: bash scripts/package-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/env.sh"
cd "$root"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

pasv_log "cargo publish --dry-run -p pasv-core"
cargo publish --dry-run --allow-dirty -p pasv-core
listed="$(cargo package --list --allow-dirty -p pasv-core)"
for file in build.rs locales/en.toml locales/vi.toml README.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
  grep -qx "$file" <<<"$listed" || { echo "pasv-core's .crate lacks $file" >&2; exit 1; }
done

pasv_log "cargo install --path crates/pasv-cli"
# The workspace's target/ keeps a second run (and a release build) quick.
CARGO_TARGET_DIR="$root/target" cargo install --locked --path crates/pasv-cli --root "$scratch/cargo"
out="$("$scratch/cargo/bin/pasv-lens" decode --json --control-ip 203.0.113.10 "227 Entering Passive Mode (10,0,0,12,156,64).")"
grep -q '"connect_to":"203.0.113.10:40000"' <<<"$out" || { echo "installed pasv-lens: unexpected output: $out" >&2; exit 1; }

if [[ -f dist/pasv-lens-web_bg.wasm ]]; then
  pasv_log "npm pack (pasv-lens)"
  tarball="$(node scripts/npm-package.mjs dist "$scratch/npm")"
  contents="$(tar -tzf "$tarball")"
  for file in package.json README.md LICENSE-MIT LICENSE-APACHE static/pasv-lens.js static/pasv-lens.d.ts static/style.css \
    pasv-lens-web.js pasv-lens-web_bg.wasm extras/pasv-lens-extras.js extras/pasv-lens-extras_bg.wasm; do
    grep -qx "package/$file" <<<"$contents" || { echo "$tarball lacks $file" >&2; exit 1; }
  done
  echo "npm package: $(du -h "$tarball" | cut -f1) ($(wc -l <<<"$contents") files)"
else
  echo "no dist/: npm pack skipped (build the page first; the e2e test package.spec.mjs packs it too)"
fi
pasv_log "packages: ok"
