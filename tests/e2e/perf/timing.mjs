#!/usr/bin/env node
// Browser timings of the built page (a measurement, not a test: it asserts
// nothing about speed and always exits 0 unless the page is broken).
//
//   trunk build --release && node tests/e2e/perf/timing.mjs
//
// Serves dist/ on 127.0.0.1 (random port) and measures in headless Chromium:
//   (a) permalink load: from navigation start to the first decoded result
//       (`.card` in the DOM, seen by a MutationObserver installed before any
//       page script runs), median over LOADS fresh browser contexts, with
//       navigation and resource timing for where the time goes;
//   (b) keystroke latency: for KEYS keystrokes into #reply, from the keydown
//       event's timestamp to the mutation of the results (DOM updated) and to
//       the next animation frame after it (about when it can be painted),
//       median and p95.
// Prints a table and writes JSON to target/perf/timing.json.
//
// Environment: DIST_DIR (default <repo>/dist), CHROMIUM_PATH, LOADS (10),
// KEYS (50), TIMING_OUT (output path).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startStaticServer } from '../lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const distDir = resolve(process.env.DIST_DIR || join(repo, 'dist'));
const outPath = resolve(process.env.TIMING_OUT || join(repo, 'target', 'perf', 'timing.json'));
const LOADS = Math.max(1, Math.min(100, Number(process.env.LOADS || 10)));
const KEYS = Math.max(2, Math.min(500, Number(process.env.KEYS || 50)));

const NAT = '227 Entering Passive Mode (10,0,0,12,156,64).';
const PERMALINK = `?${new URLSearchParams({ reply: NAT, control: '203.0.113.10', lang: 'en' })}`;

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank, the usual definition for latency percentiles.
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
const median = (v) => {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const summary = (v) => ({ n: v.length, median: round(median(v)), p95: round(quantile(v, 0.95)), min: round(Math.min(...v)), max: round(Math.max(...v)) });

try {
  await stat(join(distDir, 'index.html'));
} catch {
  console.error(`timing: ${distDir}/index.html not found; run trunk build --release first`);
  process.exit(2);
}

const server = await startStaticServer(distDir);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const origin = new URL(server.baseUrl).origin;

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  // Nothing may leave the machine: anything not on our own server is aborted.
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  return context;
}

// (a) Permalink: navigation start -> first result card.
const loads = [];
for (let i = 0; i < LOADS; i++) {
  const context = await newContext();
  await context.addInitScript(() => {
    // performance.now() counts from the navigation's time origin.
    new MutationObserver((_, observer) => {
      if (document.querySelector('.card')) {
        globalThis.__firstCard = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(new URL(PERMALINK, server.baseUrl).href);
  await page.waitForSelector('.card', { timeout: 30_000 });
  loads.push(
    await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const end = (suffix) => res.find((r) => r.name.split('?')[0].endsWith(suffix))?.responseEnd ?? NaN;
      return {
        firstCard: globalThis.__firstCard,
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        wasmFetched: end('_bg.wasm'),
        jsFetched: end('pasv-lens-web.js'),
        load: nav.loadEventEnd,
      };
    }),
  );
  await context.close();
}

// (b) Keystroke -> updated result.
const context = await newContext();
const page = await context.newPage();
// Start one digit short, so every keystroke changes the port: typing "4"
// gives 156×256+64, Backspace gives 156×256+6, and so on.
const start = '227 Entering Passive Mode (10,0,0,12,156,6';
await page.goto(new URL(`?${new URLSearchParams({ reply: start, lang: 'en' })}`, server.baseUrl).href);
await page.waitForSelector('.card .endpoint');
await page.focus('#reply');
await page.evaluate(() => {
  const area = document.querySelector('#reply');
  area.setSelectionRange(area.value.length, area.value.length);
  const results = document.querySelector('.results');
  globalThis.__keys = [];
  let pending = null;
  area.addEventListener(
    'keydown',
    (e) => {
      pending = { key: e.key, down: e.timeStamp, dom: null, frame: null };
      globalThis.__keys.push(pending);
    },
    true,
  );
  new MutationObserver(() => {
    const m = pending;
    if (!m || m.dom !== null) return;
    m.dom = performance.now();
    requestAnimationFrame(() => {
      m.frame = performance.now();
    });
  }).observe(results, { childList: true, subtree: true, characterData: true, attributes: true });
});
const keys = [];
for (let i = 0; i < KEYS; i++) keys.push(i % 2 === 0 ? String((i / 2) % 10) : 'Backspace');
let expectPort = null;
for (const [i, key] of keys.entries()) {
  await page.keyboard.press(key);
  await page.waitForFunction((n) => globalThis.__keys.length === n && globalThis.__keys[n - 1].frame !== null, i + 1, { timeout: 10_000 });
  // Let the page go idle between keystrokes, as a person types (~8/s at most).
  await page.waitForTimeout(60);
  if (i === 0) expectPort = await page.locator('.endpoint .port .big').innerText();
}
const keyRecords = await page.evaluate(() => globalThis.__keys);
const finalValue = await page.inputValue('#reply');
await context.close();
const chromiumVersion = browser.version();
await browser.close();
await server.close();

const toDom = keyRecords.map((k) => k.dom - k.down);
const toFrame = keyRecords.map((k) => k.frame - k.down);
const wasmSize = (await stat(join(distDir, 'pasv-lens-web_bg.wasm')).catch(() => ({ size: null }))).size;
const result = {
  when: new Date().toISOString(),
  chromium: chromiumVersion,
  node: process.version,
  dist: distDir,
  wasmBytes: wasmSize,
  permalink: {
    url: PERMALINK,
    loads: LOADS,
    firstResultMs: summary(loads.map((l) => l.firstCard)),
    responseEndMs: summary(loads.map((l) => l.responseEnd)),
    wasmFetchedMs: summary(loads.map((l) => l.wasmFetched)),
    domContentLoadedMs: summary(loads.map((l) => l.domContentLoaded)),
    loadEventMs: summary(loads.map((l) => l.load)),
    raw: loads,
  },
  keystrokes: {
    count: keyRecords.length,
    keydownToDomMs: summary(toDom),
    keydownToNextFrameMs: summary(toFrame),
    sanity: { portAfterFirstKey: expectPort, finalValue },
    raw: keyRecords,
  },
};
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, JSON.stringify(result, null, 2) + '\n');

const row = (name, s) => `  ${name.padEnd(38)} ${String(s.n).padStart(4)} ${String(s.median).padStart(9)} ${String(s.p95).padStart(9)} ${String(s.min).padStart(9)} ${String(s.max).padStart(9)}`;
console.log(`PASV Lens timings (Chromium ${chromiumVersion}, headless, loopback; wasm ${wasmSize} bytes)`);
console.log(`  ${'measure (ms)'.padEnd(38)} ${'n'.padStart(4)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`);
console.log(row('permalink: navigation -> first result', result.permalink.firstResultMs));
console.log(row('  of which: HTML response end', result.permalink.responseEndMs));
console.log(row('  of which: wasm fetched', result.permalink.wasmFetchedMs));
console.log(row('  DOMContentLoaded', result.permalink.domContentLoadedMs));
console.log(row('keystroke: keydown -> DOM updated', result.keystrokes.keydownToDomMs));
console.log(row('keystroke: keydown -> next frame', result.keystrokes.keydownToNextFrameMs));
console.log(`wrote ${outPath}`);
