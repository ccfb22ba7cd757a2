// The boundary between the page and the on-demand module (extras/): the page
// loads the module only when it needs it, through one typed interface, and
// each module's Yew runtime handles its own clicks, never the other's (see
// docs/architecture.md, "Two Yew runtimes").
import { readFile } from 'node:fs/promises';
import { test, expect, waitForApp } from './fixtures.mjs';

const NAT = '227 Entering Passive Mode (10,0,0,12,156,64).';
const LOG = await readFile(new URL('./fixtures/curl-nat-password.log', import.meta.url), 'utf8');

/** What the page's own state shows: a click in the module must change none of it. */
async function pageState(page) {
  return page.evaluate(() => ({
    search: location.search,
    lang: document.documentElement.lang,
    input: document.getElementById('reply').value,
    more: [...document.querySelectorAll('.extras-toggle')].map((b) => b.getAttribute('aria-expanded')),
  }));
}

test('the first load fetches nothing of the module: it comes once the page is idle, and "More" reuses it', async ({ page }) => {
  // Every request in order: the module may only follow static/later.js,
  // which the loader imports at the browser's first idle moment after the
  // page has started (the prefetch of the "More" panel).
  const order = [];
  page.on('request', (r) => order.push(new URL(r.url()).pathname));
  await page.goto(`?reply=${encodeURIComponent(NAT)}&control=203.0.113.10&lang=en`);
  await waitForApp(page);
  await expect(page.locator('.card .says-port')).toHaveText('40000');
  await page.locator('.extras-toggle').click();
  await expect(page.locator('.extras-tab').first()).toBeVisible({ timeout: 30_000 });
  // Closing and opening again reuses the instantiated module.
  await page.locator('.extras-toggle').click();
  await page.locator('.extras-toggle').click();
  await expect(page.locator('.extras-tab').first()).toBeVisible();
  const first = order.findIndex((p) => p.includes('/extras/'));
  const idle = order.findIndex((p) => p.endsWith('/static/later.js'));
  const page_wasm = order.findIndex((p) => p.endsWith('/pasv-lens-web_bg.wasm'));
  expect(page_wasm, 'the page wasm was fetched').toBeGreaterThanOrEqual(0);
  expect(idle, 'static/later.js was fetched').toBeGreaterThan(page_wasm);
  expect(first, 'the module comes after the idle-time script').toBeGreaterThan(idle);
  expect(order.filter((p) => p.endsWith('pasv-lens-extras_bg.wasm')), 'the module wasm once').toHaveLength(1);
  expect(order.filter((p) => p.endsWith('pasv-lens-extras.js')), 'its glue once').toHaveLength(1);
});

test('clicks in the More panel run its handlers only; the page around it still answers', async ({ page }) => {
  await page.goto(`?reply=${encodeURIComponent(NAT)}&control=203.0.113.10&lang=en`);
  await waitForApp(page);
  await page.locator('.extras-toggle').click();
  const tabs = page.locator('.extras-tab');
  await expect(tabs.first()).toBeVisible({ timeout: 30_000 });
  const before = await pageState(page);
  expect(before.more).toEqual(['true']);
  const english = await tabs.first().innerText();
  const count = await tabs.count();
  expect(count).toBeGreaterThan(2);
  for (let i = count - 1; i >= 0; i--) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
    expect(await pageState(page)).toEqual(before);
  }
  // Typing in the encoder: input events pass the page's listener too.
  await page.locator('.extras-tab', { hasText: 'Encoder' }).click();
  await page.locator('.enc input[type="number"]').fill('21');
  await expect(page.locator('.enc-line').first()).toContainText(',0,21)');
  expect(await pageState(page)).toEqual(before);
  // A click on the page's own language button still reaches the page, and
  // the panel follows it.
  await page.locator('button.lang-button[lang="vi"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(tabs.first()).not.toHaveText(english);
  await expect(page.locator('.extras-toggle')).toHaveAttribute('aria-expanded', 'true');
});

test('clicks in the log view and in a card it opens run the module\'s handlers only', async ({ page }) => {
  await page.goto('?lang=en');
  await waitForApp(page);
  await page.fill('#reply', LOG);
  const rows = page.locator('.exchange-row');
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  const before = await pageState(page);
  await rows.nth(1).click();
  await expect(page.locator('.exchange .card')).toBeVisible();
  expect(await pageState(page)).toEqual(before);
  // The card inside the log view has its own "More": the module calls
  // itself through the same typed interface the page uses.
  await page.locator('.exchange .card .extras-toggle').click();
  const tabs = page.locator('.exchange .card .extras-tab');
  await expect(tabs.first()).toBeVisible({ timeout: 30_000 });
  await tabs.nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  expect(await pageState(page)).toEqual(before);
  // Closing the row is the module's click; the page's input keeps the log.
  await rows.nth(1).click();
  await expect(page.locator('.exchange .card')).toHaveCount(0);
  expect(await pageState(page)).toEqual(before);
  await page.locator('button.lang-button[lang="vi"]').click();
  await expect(page.locator('.verdict h3')).toContainText('Kết luận');
});
