#!/usr/bin/env node
// End-to-end harness for the PASV Lens web page.
//
//   node tests/e2e/run.mjs [filter]
//
// Serves dist/ (build it first: `trunk build --release`) from a tiny static
// server on 127.0.0.1 with a random free port, launches Debian's headless
// Chromium through playwright-core, and runs every exported async function of
// every tests/e2e/*.test.mjs file. Each test receives
//   { browser, baseUrl, shotDir, server, openPage }
// where openPage(url?, options?) opens a monitored page (see lib.mjs) that the
// harness screenshots into shotDir if the test fails.
//
// Environment: DIST_DIR (default <repo>/dist), CHROMIUM_PATH (default
// /usr/bin/chromium), E2E_FILTER (substring of "file › test" to run),
// E2E_TIMEOUT_MS (per test, default 60000), E2E_SHOT_DIR (default
// <repo>/target/e2e-shots).
import { readdir, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openMonitoredPage, startStaticServer } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const distDir = resolve(process.env.DIST_DIR || join(repo, 'dist'));
const shotDir = resolve(process.env.E2E_SHOT_DIR || join(repo, 'target', 'e2e-shots'));
const filter = process.argv[2] || process.env.E2E_FILTER || '';
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 60_000);

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(2);
}

try {
  await stat(join(distDir, 'index.html'));
} catch {
  fail(`${distDir}/index.html not found; build the page first (trunk build --release)`);
}
await mkdir(shotDir, { recursive: true });

// Collect the tests.
const files = (await readdir(here)).filter((f) => f.endsWith('.test.mjs')).sort();
const tests = [];
for (const file of files) {
  const mod = await import(pathToFileURL(join(here, file)).href);
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function') continue;
    const full = `${file.replace(/\.test\.mjs$/, '')} › ${name}`;
    if (filter && !full.includes(filter)) continue;
    tests.push({ full, fn });
  }
}
if (tests.length === 0) fail(filter ? `no test matches "${filter}"` : 'no tests found');

const server = await startStaticServer(distDir);
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
} catch (err) {
  await server.close();
  fail(`cannot launch ${CHROMIUM_PATH}: ${err.message}`);
}
console.log(`e2e: ${tests.length} test(s) from ${files.length} file(s); ${browser.version()} at ${server.baseUrl} serving ${distDir}`);

let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();

for (const { full, fn } of tests) {
  const opened = [];
  const ctx = {
    browser,
    baseUrl: server.baseUrl,
    shotDir,
    server,
    openPage: async (url = server.baseUrl, options = {}) => {
      const p = await openMonitoredPage(browser, server.baseUrl, options);
      opened.push(p);
      if (url) await p.page.goto(new URL(url, server.baseUrl).href);
      return p;
    },
  };
  const t0 = Date.now();
  let timer;
  try {
    await Promise.race([
      fn(ctx),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    passed += 1;
    console.log(`  ok   ${full} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed += 1;
    const safe = full.replace(/[^A-Za-z0-9._-]+/g, '_');
    const shots = [];
    for (const [i, { page }] of opened.entries()) {
      const path = join(shotDir, `FAILED-${safe}-${i}.png`);
      try {
        await page.screenshot({ path, fullPage: true, timeout: 5_000 });
        shots.push(path);
      } catch {
        /* the page may be gone */
      }
    }
    failures.push({ full, err, shots });
    console.log(`  FAIL ${full} (${Date.now() - t0} ms)`);
  } finally {
    clearTimeout(timer);
    for (const { context } of opened) await context.close().catch(() => {});
  }
}

await browser.close();
await server.close();

for (const { full, err, shots } of failures) {
  console.log(`\n--- ${full}\n${err && err.stack ? err.stack : err}`);
  for (const s of shots) console.log(`    screenshot: ${s}`);
}
console.log(`\ne2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotDir}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
