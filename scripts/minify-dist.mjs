#!/usr/bin/env node
// Minify the page's JavaScript and CSS after a release build (Trunk's
// post_build hook, Trunk.toml). Trunk's own minifier gives up on
// wasm-bindgen's glue and does not touch files copied from static/, and the
// first load has a 120 000-byte brotli budget: comments and long local
// names in shipped files are weight a visitor pays for.
//
//   node scripts/minify-dist.mjs [DIR]   (default: $TRUNK_STAGING_DIR, else dist/)
//
// terser and csso come from the root package.json's devDependencies
// (scripts/setup.sh installs them). Every file is an ES module,
// so exported names survive. The e2e suite runs against the minified output.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(join(repo, 'package.json'));
const { minify } = require('terser');
const csso = require('csso');

const dir = resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || join(repo, 'dist'));

/** Files a visitor or a documentation site loads (not the embed demo's own). */
async function shipped() {
  const files = [];
  const walk = async (d) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(js|css)$/.test(entry.name) && !entry.name.startsWith('embed-demo')) files.push(path);
    }
  };
  await walk(dir);
  return files.sort();
}

let before = 0;
let after = 0;
for (const file of await shipped()) {
  const source = await readFile(file, 'utf8');
  let output;
  if (file.endsWith('.css')) {
    output = csso.minify(source, { restructure: false }).css;
  } else {
    const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    output = result.code;
  }
  if (!output) throw new Error(`${file}: minifier returned nothing`);
  await writeFile(file, output);
  before += source.length;
  after += output.length;
  console.log(`minify: ${relative(dir, file)} ${source.length} -> ${output.length} bytes`);
}
console.log(`minify: ${before} -> ${after} bytes in ${dir}`);

// Trunk leaves its build instructions (`<link data-trunk rel="rust" …>`) in
// the page as inert elements when it injects no scripts: bytes every visitor
// downloads for nothing.
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
const stripped = html.replace(/<link\b[^>]*\bdata-trunk\b[^>]*>/g, '');
await writeFile(page, stripped);
console.log(`minify: index.html ${html.length} -> ${stripped.length} bytes (Trunk's inert links removed)`);
