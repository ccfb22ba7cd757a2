#!/usr/bin/env node
// Browser timing of the session-log view (a measurement, not a test):
//   node tests/e2e/perf/log-timing.mjs [MB]
// Generates a curl -v style log of about MB megabytes (default 10), mostly
// noise with an FTP session every 2000 lines, pastes it into the page in
// headless Chromium and reports: the time until the verdict is shown (first
// paste, which includes loading the on-demand module, and a second paste of a
// different log once it is loaded) — measured from the input event, after
// Chromium has laid out the text area (reported separately: it is the
// browser's cost of holding 10 MB in a <textarea>) — and the longest main-thread task seen
// (long tasks > 50 ms, via PerformanceObserver). Writes target/perf/log-timing.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startStaticServer } from '../lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const megabytes = Number(process.argv[2] || 10);

const NOISE = [
  '*   Trying 198.51.100.7:443...',
  '* TLSv1.3 (IN), TLS handshake, Finished (20):',
  '> GET /downloads/archive-2024.tar.gz HTTP/1.1',
  '< HTTP/1.1 200 OK',
  '{ [16384 bytes data]',
  '2024-05-01 10:00:00,123 INFO worker-3 processed batch 77 in 41 ms',
];
const SESSION = [
  '* Connected to ftp.example.net (203.0.113.25) port 21',
  '< 220 ProFTPD Server ready',
  '> EPSV',
  '< 500 EPSV not understood',
  '> PASV',
  '< 227 Entering Passive Mode (10,0,0,12,156,64).',
  '* connect to 10.0.0.12 port 40000 failed: Connection timed out',
];

function buildLog(bytes, every) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    if (i % every === 0) for (const l of SESSION) { parts.push(l); size += l.length + 1; }
    const l = `${NOISE[i % NOISE.length]} #${i}`;
    parts.push(l);
    size += l.length + 1;
  }
  return parts.join('\n');
}

const server = await startStaticServer(join(repo, 'dist'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${server.baseUrl}?lang=en`);
await page.waitForSelector('#reply');
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
});

async function pasteAndWait(text, exchanges) {
  return page.evaluate(async ({ text, exchanges }) => {
    const area = document.getElementById('reply');
    const tPaste = performance.now();
    area.value = text;
    void area.offsetHeight; // Chromium lays out the text area's new text: its cost, not ours
    const t0 = performance.now();
    window.__layout = t0 - tPaste;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    // The verdict is in the log view's shadow root; wait for one naming this log's session.
    for (;;) {
      const title = document.querySelector('.log-root')?.shadowRoot?.querySelector('.exchanges-title')?.textContent ?? '';
      if (title.endsWith(`: ${exchanges}`)) return performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, { text, exchanges });
}

// Two logs of the same size with different numbers of sessions (EPSV + PASV
// each), so the second result is told apart from the first.
const first = buildLog(megabytes * 1024 * 1024, 2000);
const second = buildLog(megabytes * 1024 * 1024, 1000);
const count = (log) => log.split('\n').filter((l) => l === '> PASV' || l === '> EPSV').length;
const expected = count(first);
const firstMs = await pasteAndWait(first, expected);
const firstLayout = await page.evaluate(() => window.__layout);
const secondMs = await pasteAndWait(second, count(second));
const secondLayout = await page.evaluate(() => window.__layout);
const longest = await page.evaluate(() => window.__longest);
const rows = await page.evaluate(() => document.querySelector('.log-root').shadowRoot.querySelectorAll('.exchange-row').length);
const result = {
  log_bytes: first.length,
  textarea_layout_first_ms: Math.round(firstLayout),
  input_to_verdict_first_ms: Math.round(firstMs),
  textarea_layout_second_ms: Math.round(secondLayout),
  input_to_verdict_second_ms: Math.round(secondMs),
  longest_main_thread_task_ms: Math.round(longest),
  exchanges_expected: expected,
  exchange_rows_rendered_first_screen: rows,
  chromium: browser.version(),
};
console.table(result);
await mkdir(join(repo, 'target', 'perf'), { recursive: true });
await writeFile(join(repo, 'target', 'perf', 'log-timing.json'), JSON.stringify(result, null, 2));
await browser.close();
await server.close();
