// Builds the npm package `pasv-lens` from a release dist/ (trunk build):
// dist/ as it is (the module finds its files relative to its own URL), plus
// npm/package.json, npm/README.md and the licence texts, then `npm pack`.
//
//   node scripts/npm-package.mjs [dist] [out]   → out/pasv-lens-<version>.tgz (default target/npm)
//
// Prints the tarball's path. The package's version must equal the page's
// (Cargo.toml), so both are released together.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const out = resolve(process.argv[3] ?? join(root, 'target/npm'));
const manifest = JSON.parse(readFileSync(join(root, 'npm/package.json'), 'utf8'));
const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
if (manifest.version !== cargoVersion) {
  throw new Error(`npm/package.json has version ${manifest.version}, Cargo.toml ${cargoVersion}`);
}
for (const file of ['index.html', 'pasv-lens-web.js', 'pasv-lens-web_bg.wasm', 'static/pasv-lens.js', 'static/pasv-lens.d.ts', 'extras/pasv-lens-extras_bg.wasm']) {
  if (!existsSync(join(dist, file))) throw new Error(`${dist}/${file} is missing: run trunk build --release first`);
}
const stage = join(out, 'pasv-lens');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
// The demo page for documentation sites is not part of the package.
cpSync(dist, stage, { recursive: true, filter: (src) => !/[/\\]static[/\\]embed[^/\\]*$/.test(src) });
cpSync(join(root, 'npm/package.json'), join(stage, 'package.json'));
cpSync(join(root, 'npm/README.md'), join(stage, 'README.md'));
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) cpSync(join(root, licence), join(stage, licence));
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }));
console.log(join(out, packed.filename));
