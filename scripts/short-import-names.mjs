#!/usr/bin/env node
// Give every function a wasm module imports from its wasm-bindgen glue a short
// name, in the .wasm and in the glue alike (Trunk's post_build hook, before
// scripts/minify-dist.mjs).
//
//   node scripts/short-import-names.mjs [DIR]   (default: $TRUNK_STAGING_DIR, else dist/)
//
// wasm-bindgen names each import after the JS function plus a 16-digit hash
// (`__wbg_createElement_6a9b…`): about 140 of them in the page's module,
// written twice (the wasm's import section and the glue's import object),
// and hashes do not compress. Renamed to `a`, `b`, … they cost the first load
// about 4 KB less (docs/performance.md). Every `<stem>_bg.wasm` under DIR
// whose glue `<stem>.js` passes an object as module "./<stem>_bg.js" is
// rewritten; each name must occur exactly once in the glue, or the build
// fails here rather than in a browser.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || join(repo, 'dist'));

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function u32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

/** Skip a value type (a reference type may carry a heap type). */
function skipValType(bytes, at) {
  const t = bytes[at++];
  return t === 0x63 || t === 0x64 ? readU32(bytes, at)[1] : at;
}

/** Skip limits: a flags byte, the minimum, and the maximum when flagged. */
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  at = readU32(bytes, at)[1];
  return flags & 1 ? readU32(bytes, at)[1] : at;
}

/** The end of an import's description, which starts at `at`. */
function skipDesc(bytes, kind, at) {
  switch (kind) {
    case 0: // function: type index
      return readU32(bytes, at)[1];
    case 1: // table: element type, limits
      return skipLimits(bytes, skipValType(bytes, at));
    case 2: // memory
      return skipLimits(bytes, at);
    case 3: // global: value type, mutability
      return skipValType(bytes, at) + 1;
    case 4: // tag: attribute, type index
      return readU32(bytes, at + 1)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

/** a, b, …, Z, aa, ab, … */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return name;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** Rename the imports of `module` in `wasm`; returns [new bytes, Map old → new]. */
function renameImports(wasm, module) {
  const renamed = new Map();
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(wasm, start);
    const body = [Uint8Array.from(u32(count))];
    while (count--) {
      const [moduleLen, m] = readU32(wasm, p);
      const moduleName = text.decode(wasm.subarray(m, m + moduleLen));
      const [fieldLen, f] = readU32(wasm, m + moduleLen);
      const field = text.decode(wasm.subarray(f, f + fieldLen));
      const kind = wasm[f + fieldLen];
      const descEnd = skipDesc(wasm, kind, f + fieldLen + 1);
      let name = field;
      if (moduleName === module) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        name = renamed.get(field);
      }
      const nameBytes = utf8.encode(name);
      body.push(wasm.subarray(p, m + moduleLen), Uint8Array.from(u32(nameBytes.length)), nameBytes, wasm.subarray(f + fieldLen, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('import section: unexpected trailing bytes');
    const payload = Buffer.concat(body);
    parts.push(Uint8Array.from([2, ...u32(payload.length)]), payload);
    at = end;
  }
  return [Buffer.concat(parts), renamed];
}

async function modules(d) {
  const found = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) found.push(...(await modules(path)));
    else if (entry.name.endsWith('_bg.wasm')) found.push(path.slice(0, -'_bg.wasm'.length));
  }
  return found;
}

for (const stem of await modules(dir)) {
  const wasmPath = `${stem}_bg.wasm`;
  const jsPath = `${stem}.js`;
  const module = `./${stem.split('/').pop()}_bg.js`;
  let js;
  try {
    js = await readFile(jsPath, 'utf8');
  } catch {
    continue;
  }
  if (!js.includes(JSON.stringify(module))) throw new Error(`${jsPath}: no import object for ${module}`);
  const wasm = new Uint8Array(await readFile(wasmPath));
  const [rewritten, renamed] = renameImports(wasm, module);
  for (const [long, short] of renamed) {
    const uses = js.split(long).length - 1;
    if (uses !== 1) throw new Error(`${jsPath}: ${long} occurs ${uses} times, expected once`);
    js = js.replace(long, short);
  }
  await writeFile(wasmPath, rewritten);
  await writeFile(jsPath, js);
  console.log(`short-import-names: ${relative(dir, wasmPath)} ${renamed.size} imports, ${wasm.length} -> ${rewritten.length} bytes`);
}
