// A person pastes (or opens) a multi-megabyte log: the page does not put it
// into the text area (which would freeze it for seconds), shows a summary
// with its size and line count at once, analyses it, and loses nothing of it.
import { test, expect, screenshot, waitForApp } from './fixtures.mjs';
import { buildLog, exchangeCount, pageSize } from './generated-log.mjs';

const LOG = buildLog(2.5 * 1024 * 1024);
const LINES = LOG.split('\n').length;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Paste `text` into the focused element the way a person does: clipboard, then Ctrl+V. */
async function pasteWithKeyboard(page, selector, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus(selector);
  await page.keyboard.press('Control+V');
}

test('a large paste is summarised, analysed and kept whole', async ({ page }) => {
  await page.goto('?lang=en');
  await waitForApp(page);
  // Something typed before the paste stays in front of it.
  await page.fill('#reply', 'typed first\n');
  await page.evaluate(() => document.getElementById('reply').setSelectionRange(12, 12));
  await pasteWithKeyboard(page, '#reply', LOG);
  const whole = 'typed first\n' + LOG;

  const title = page.locator('.large-input .large-title');
  await title.waitFor();
  expect(await title.innerText(), 'summary').toBe(`Large text: ${pageSize(whole.length)}, ${LINES + 1} lines`);
  expect(await page.locator('#reply').count(), 'the text area is replaced by the summary').toBe(0);
  await expect(page.locator('.large-input'), 'focus moves to the summary').toBeFocused();

  // The log is analysed: verdict and every exchange (rendered a page at a time).
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
  await expect(page.locator('.verdict-text'), 'the verdict names the private address').toContainText('10.0.0.12');
  expect(await page.locator('.exchanges-title').innerText(), 'all exchanges counted').toBe(`Exchanges: ${exchangeCount(LOG)}`);
  const rows = await page.locator('.exchange-row').count();
  expect(rows, 'first page of rows only').toBeGreaterThan(0);
  expect(rows, 'first page of rows only').toBeLessThanOrEqual(200);
  await screenshot(page, 'large-en.png');

  // Copy gives back every character.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('.large-copy');
  await page.locator('.large-input .copy-status').filter({ hasText: 'Text copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // Not toBe(whole): a failure would print megabytes.
  expect(copied === whole, `copy returns the exact text (${copied.length} of ${whole.length} characters)`).toBe(true);

  // Edit as text puts the exact text into the text area.
  await page.click('.large-edit');
  await page.waitForSelector('#reply', { timeout: 30_000 });
  expect((await page.inputValue('#reply')) === whole, 'the text area holds the exact text').toBe(true);
  expect(await page.locator('.large-input').count(), 'summary gone').toBe(0);
});

test('large text in Vietnamese, and Clear', async ({ page }) => {
  await page.goto('?lang=vi');
  await waitForApp(page);
  await pasteWithKeyboard(page, '#reply', LOG);
  const title = page.locator('.large-input .large-title');
  await title.waitFor();
  expect(await title.innerText(), 'Vietnamese summary').toBe(`Văn bản lớn: ${pageSize(LOG.length, ',')}, ${LINES} dòng`);
  await expect(page.locator('#large-help'), 'Vietnamese help').toContainText('bộ nhớ');
  expect(await page.locator('.large-edit').innerText(), 'Vietnamese edit button').toBe('Chỉnh sửa dạng văn bản');
  await page.locator('.verdict h3').filter({ hasText: 'Kết luận' }).waitFor({ timeout: 30_000 });
  // Switching language keeps the held text and analyses it again.
  await page.click('button.lang-button[lang="en"]');
  await title.filter({ hasText: `Large text: ${pageSize(LOG.length)}` }).waitFor();
  await page.locator('.verdict h3').filter({ hasText: 'Verdict' }).waitFor({ timeout: 30_000 });
  // Clear brings back an empty text area.
  await page.click('.large-clear');
  await page.waitForSelector('#reply');
  expect(await page.inputValue('#reply'), 'cleared').toBe('');
});

test('an opened large file is summarised', async ({ page }) => {
  await page.goto('?lang=en');
  await waitForApp(page);
  await page.setInputFiles('.file-picker', { name: 'session.log', mimeType: 'text/plain', buffer: Buffer.from(LOG) });
  await page.locator('.large-input .large-title').filter({ hasText: `${LINES} lines` }).waitFor();
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
  // A small file goes into the text area as it is.
  await page.click('.large-clear');
  const small = '227 Entering Passive Mode (10,0,0,12,156,64).';
  await page.setInputFiles('.file-picker', { name: 'reply.txt', mimeType: 'text/plain', buffer: Buffer.from(small) });
  await expect(page.locator('#reply')).toHaveValue(small);
  await page.locator('.card').first().waitFor();
});

test('the redacted copy of a log over the analysis limit is whole', async ({ page }) => {
  // Over the 16 MB analysed of a log: the copy still covers every line,
  // credentials at the very end included.
  await page.goto('?lang=en');
  await waitForApp(page);
  const log = 'Command:\tUSER zed\nCommand:\tPASS zedpw\n' + buildLog(16.5 * 1024 * 1024) + '\n> USER yan\n> PASS tailsecret\n';
  await pasteWithKeyboard(page, '#reply', log);
  await page.waitForSelector('.log-root .verdict', { timeout: 45_000 });
  await expect(page.locator('.notice'), 'the analysis says where it stopped').toContainText('16384');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('.copy-redacted');
  await page.locator('.log-view .copy-status').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(!copied.includes('zedpw') && !copied.includes('tailsecret'), 'passwords masked').toBe(true);
  expect(copied.endsWith('> USER ****\n> PASS ****\n'), `the copy reaches the end of the log: …${JSON.stringify(copied.slice(-60))}`).toBe(true);
  expect(Math.abs(copied.length - log.length), `the copy is the whole log (${copied.length} of ${log.length} characters)`).toBeLessThan(1000);
});
