// Session logs are analysed in a Web Worker (crates/pasv-lens-worker, served
// from worker/ next to the page): the page stays responsive while a 10 MB log
// is read, typing lands meanwhile, and a stale analysis never reaches the
// screen. The analysis's duration is measured by tests/e2e/perf/log-timing.mjs
// (docs/performance.md), not here. Main-thread tasks over 50 ms after a 10 MB
// paste are recorded as an annotation of the first test (the goal of none is
// not met yet: docs/performance.md has the figures).
import { test, expect, msg, waitForApp } from './fixtures.mjs';
import { buildLog, exchangeCount } from './generated-log.mjs';

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };
const MB10 = 10 * 1024 * 1024;

/** Paste `text` into the focused text area the way a person does: clipboard, then Ctrl+V. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#reply');
  await page.keyboard.press('Control+V');
}

/** The log view's exchanges title, once it says `count` and no analysis is under way. */
async function waitForExchanges(page, count, lang = 'en') {
  const title = msg(lang, 'log.ui.exchanges-count', { n: count });
  await page.locator('.exchanges-title').filter({ hasText: title }).waitFor({ timeout: 60_000 });
  await page.waitForSelector('.log-root[aria-busy="false"]', { timeout: 60_000 });
}

/**
 * Long main-thread tasks (over 50 ms) from now on, read with `longTasks(page)`:
 * `{ paste, after }`, the paste event's own task (where the browser hands
 * over the clipboard's megabytes and the page takes them in) and every task
 * after it.
 */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__pasteAt = [];
    addEventListener('paste', () => window.__pasteAt.push(performance.now()), { capture: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

async function longTasks(page) {
  // Entries are delivered after their task: give the last one time to arrive.
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const inPasteTask = (t) => window.__pasteAt.some((at) => t.start <= at && at <= t.start + t.duration);
    const ms = (t) => Math.round(t.duration);
    return { paste: window.__longTasks.filter(inPasteTask).map(ms), after: window.__longTasks.filter((t) => !inPasteTask(t)).map(ms) };
  });
}

test('a 10 MB log is analysed in the worker; long tasks after the paste are recorded', async ({ openPage }, testInfo) => {
  const { page } = await openPage('?lang=en', CLIPBOARD);
  const fetched = [];
  page.on('response', (r) => fetched.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await waitForApp(page);
  const log = buildLog(MB10, 2000);
  // Once, so that the module and the worker are loaded (their first
  // compilation is not the analysis).
  await paste(page, buildLog(300 * 1024, 100));
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
  await page.click('.large-clear');
  await page.waitForSelector('#reply');
  await page.evaluate(() => navigator.clipboard.writeText(''));

  await watchLongTasks(page);
  await paste(page, log);
  await waitForExchanges(page, exchangeCount(log));
  const tasks = await longTasks(page);
  await expect(page.locator('.verdict-text'), 'the verdict names the private address').toContainText('10.0.0.12');
  expect(fetched.filter((f) => f.endsWith('worker/pasv-lens-worker_bg.wasm')), 'the worker was loaded').toEqual(['200 /worker/pasv-lens-worker_bg.wasm']);
  // The paste event's own task is the browser reading 10 MB from the
  // clipboard and the page taking it in; the rest is what the goal counts.
  testInfo.annotations.push({ type: 'long tasks (ms)', description: `paste event: ${tasks.paste.join(', ') || 'none'}; after it: ${tasks.after.join(', ') || 'none'}` });
  console.log(`worker: main-thread tasks over 50 ms — paste event: ${tasks.paste}; after it: ${tasks.after}`);
});

test('typing the control address during an analysis lands', async ({ openPage }) => {
  const { page } = await openPage('?lang=en', CLIPBOARD);
  await waitForApp(page);
  const log = buildLog(MB10, 2000);
  await paste(page, log);
  await page.waitForSelector('.large-input');
  // Typed while the log is being read: every key lands, and the view
  // ends with the analysis for the whole address.
  await page.click('#control');
  await page.keyboard.type('198.51.100.99', { delay: 20 });
  expect(await page.inputValue('#control'), 'the control field holds every key typed').toBe('198.51.100.99');
  await waitForExchanges(page, exchangeCount(log));
  const override = msg('en', 'log.ui.control-override', { address: '198.51.100.99' });
  await page.locator('.log-facts li').filter({ hasText: override }).waitFor({ timeout: 60_000 });
});

test('a stale analysis never reaches the screen', async ({ openPage }) => {
  const { page } = await openPage('?lang=en', CLIPBOARD);
  await waitForApp(page);
  // Two logs told apart by their number of exchanges.
  const a = buildLog(MB10, 2000);
  const b = buildLog(4 * 1024 * 1024, 500);
  const [countA, countB] = [exchangeCount(a), exchangeCount(b)];
  expect(countA, 'the two logs differ').not.toBe(countB);
  // Every exchanges title the view ever shows, frame by frame.
  await page.evaluate(() => {
    window.__titles = new Set();
    const look = () => {
      const title = document.querySelector('.log-root')?.shadowRoot?.querySelector('.exchanges-title')?.textContent;
      if (title) window.__titles.add(title);
      requestAnimationFrame(look);
    };
    look();
  });
  await paste(page, a);
  await page.waitForSelector('.large-input');
  // B replaces A while A is still being read.
  await page.click('.large-clear');
  await page.waitForSelector('#reply');
  await paste(page, b);
  await waitForExchanges(page, countB);
  await page.waitForTimeout(1500);
  const titles = await page.evaluate(() => [...window.__titles]);
  expect(titles, 'only the newer log was ever shown').toEqual([msg('en', 'log.ui.exchanges-count', { n: countB })]);
});

test('the worker is served from the sub-path', async ({ openPage }) => {
  const { page } = await openPage(null);
  const fetched = [];
  page.on('response', (r) => fetched.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto('nested/pasv-lens/?lang=vi');
  await waitForApp(page);
  await page.fill('#reply', '> EPSV\n< 500 EPSV not understood\n> PASV\n< 227 Entering Passive Mode (10,0,0,12,156,64).\n');
  await waitForExchanges(page, 2, 'vi');
  expect(fetched, 'worker from the sub-path').toContain('200 /nested/pasv-lens/worker/pasv-lens-worker_bg.wasm');
});
