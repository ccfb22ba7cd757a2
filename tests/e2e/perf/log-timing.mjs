#!/usr/bin/env node
// Browser timing of a large pasted session log (a measurement, not a test):
//   node tests/e2e/perf/log-timing.mjs [MB]
// Generates a curl -v style log of about MB megabytes (default 10), mostly
// noise with an FTP session every 2000 lines, and pastes it into the page in
// headless Chromium the way a person does: a paste event carrying the text
// in its clipboard data, dispatched on the text area. Reports, from the
// moment of the paste:
//   - first screen: the frame that shows the large-text summary (measured in
//     the requestAnimationFrame callback that precedes its paint);
//   - verdict: the frame that shows the log view with this log's exchanges;
//   - the longest main-thread task meanwhile (long tasks > 50 ms, via
//     PerformanceObserver; 0 means none over 50 ms; the paste event's own
//     task here includes building the 10 MB DataTransfer);
//   - the analysis in the worker (core scan and report, as the worker
//     measures it; off the main thread).
// Twice: the first paste also loads the on-demand module; the second (after
// "Clear") shows the steady state. Writes target/perf/log-timing.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startStaticServer } from '../lib.mjs';
import { buildLog, exchangeCount } from '../generated-log.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const megabytes = Number(process.argv[2] || 10);

const server = await startStaticServer(join(repo, 'dist'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage();
// The analysis worker reports how long each analysis took.
await page.addInitScript(() => {
  window.__analysisMs = [];
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        if (data?.kind === 'report') window.__analysisMs.push(data.ms);
      });
    }
  };
});
await page.goto(`${server.baseUrl}?lang=en`);
await page.waitForSelector('#reply');
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
});

async function pasteAndWait(text, exchanges) {
  await page.waitForSelector('#reply');
  return page.evaluate(async ({ text, exchanges }) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const logTitle = () => document.querySelector('.log-root')?.shadowRoot?.querySelector('.exchanges-title')?.textContent ?? '';
    await frame();
    await new Promise((r) => setTimeout(r, 500));
    window.__longest = 0;
    const area = document.getElementById('reply');
    area.focus();
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    const t0 = performance.now();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    let firstScreen;
    for (;;) {
      await frame();
      const now = performance.now() - t0;
      if (firstScreen === undefined && document.querySelector('.large-input')) firstScreen = now;
      if (logTitle().endsWith(`: ${exchanges}`)) {
        // Long-task entries are delivered asynchronously: let the last one arrive.
        await new Promise((r) => setTimeout(r, 500));
        return { firstScreen, verdict: now, longest: window.__longest, analysis: window.__analysisMs.at(-1) };
      }
    }
  }, { text, exchanges });
}

// Two logs of the same size with different numbers of sessions (EPSV + PASV
// each), so the second result is told apart from the first.
const first = buildLog(megabytes * 1024 * 1024, 2000);
const second = buildLog(megabytes * 1024 * 1024, 1000);
const a = await pasteAndWait(first, exchangeCount(first));
await page.click('.large-clear');
const b = await pasteAndWait(second, exchangeCount(second));
const rows = await page.evaluate(() => document.querySelector('.log-root').shadowRoot.querySelectorAll('.exchange-row').length);
const result = {
  log_bytes: first.length,
  paste_to_first_screen_first_ms: Math.round(a.firstScreen),
  paste_to_verdict_first_ms: Math.round(a.verdict),
  longest_task_first_ms: Math.round(a.longest),
  analysis_in_worker_first_ms: Math.round(a.analysis),
  paste_to_first_screen_second_ms: Math.round(b.firstScreen),
  paste_to_verdict_second_ms: Math.round(b.verdict),
  longest_task_second_ms: Math.round(b.longest),
  analysis_in_worker_second_ms: Math.round(b.analysis),
  exchanges_second: exchangeCount(second),
  exchange_rows_rendered: rows,
  chromium: browser.version(),
};
console.table(result);
await mkdir(join(repo, 'target', 'perf'), { recursive: true });
await writeFile(join(repo, 'target', 'perf', 'log-timing.json'), JSON.stringify(result, null, 2));
await browser.close();
await server.close();
