// A person pastes (or opens) a multi-megabyte log: the page does not put it
// into the text area (which would freeze it for seconds), shows a summary
// with its size and line count at once, analyses it, and loses nothing of it.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, waitForApp } from './lib.mjs';
import { buildLog, exchangeCount, pageSize } from './generated-log.mjs';

const LOG = buildLog(2.5 * 1024 * 1024);
const LINES = LOG.split('\n').length;
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** Paste `text` into the focused element the way a person does: clipboard, then Ctrl+V. */
async function pasteWithKeyboard(page, selector, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus(selector);
  await page.keyboard.press('Control+V');
}

export async function largePasteIsSummarisedAnalysedAndKeptWhole({ openPage, shotDir }) {
  const { page, problems } = await openPage('?lang=en', CLIPBOARD);
  await waitForApp(page);
  // Something typed before the paste stays in front of it.
  await page.fill('#reply', 'typed first\n');
  await page.evaluate(() => document.getElementById('reply').setSelectionRange(12, 12));
  await pasteWithKeyboard(page, '#reply', LOG);
  const whole = 'typed first\n' + LOG;

  const title = page.locator('.large-input .large-title');
  await title.waitFor();
  assertEqual(await title.innerText(), `Large text: ${pageSize(whole.length)}, ${LINES + 1} lines`, 'summary');
  assertEqual(await page.locator('#reply').count(), 0, 'the text area is replaced by the summary');
  assert(await page.locator('.large-input').evaluate((e) => e === document.activeElement), 'focus moves to the summary');

  // The log is analysed: verdict and every exchange (rendered a page at a time).
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
  assert((await page.locator('.verdict-text').innerText()).includes('10.0.0.12'), 'verdict names the private address');
  assertEqual(await page.locator('.exchanges-title').innerText(), `Exchanges: ${exchangeCount(LOG)}`, 'all exchanges counted');
  const rows = await page.locator('.exchange-row').count();
  assert(rows > 0 && rows <= 200, `first page of rows only: ${rows}`);
  await page.screenshot({ path: join(shotDir, 'large-en.png') });

  // Copy gives back every character.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('.large-copy');
  await page.locator('.large-input .copy-status').filter({ hasText: 'Text copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(copied === whole, `copy returns the exact text (${copied.length} of ${whole.length} characters)`);

  // Edit as text puts the exact text into the text area.
  await page.click('.large-edit');
  await page.waitForSelector('#reply', { timeout: 30_000 });
  assert((await page.inputValue('#reply')) === whole, 'the text area holds the exact text');
  assertEqual(await page.locator('.large-input').count(), 0, 'summary gone');
  assertNoProblems(problems);
}

export async function largeTextInVietnameseAndClear({ openPage }) {
  const { page, problems } = await openPage('?lang=vi', CLIPBOARD);
  await waitForApp(page);
  await pasteWithKeyboard(page, '#reply', LOG);
  const title = page.locator('.large-input .large-title');
  await title.waitFor();
  assertEqual(await title.innerText(), `Văn bản lớn: ${pageSize(LOG.length, ',')}, ${LINES} dòng`, 'Vietnamese summary');
  assert((await page.locator('#large-help').innerText()).includes('bộ nhớ'), 'Vietnamese help');
  assertEqual(await page.locator('.large-edit').innerText(), 'Chỉnh sửa dạng văn bản', 'Vietnamese edit button');
  await page.locator('.verdict h3').filter({ hasText: 'Kết luận' }).waitFor({ timeout: 30_000 });
  // Switching language keeps the held text and analyses it again.
  await page.click('button.lang-button[lang="en"]');
  await title.filter({ hasText: `Large text: ${pageSize(LOG.length)}` }).waitFor();
  await page.locator('.verdict h3').filter({ hasText: 'Verdict' }).waitFor({ timeout: 30_000 });
  // Clear brings back an empty text area.
  await page.click('.large-clear');
  await page.waitForSelector('#reply');
  assertEqual(await page.inputValue('#reply'), '', 'cleared');
  assertNoProblems(problems);
}

export async function openedLargeFileIsSummarised({ openPage }) {
  const { page, problems } = await openPage('?lang=en');
  await waitForApp(page);
  await page.setInputFiles('.file-picker', { name: 'session.log', mimeType: 'text/plain', buffer: Buffer.from(LOG) });
  await page.locator('.large-input .large-title').filter({ hasText: `${LINES} lines` }).waitFor();
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
  // A small file goes into the text area as it is.
  await page.click('.large-clear');
  const small = '227 Entering Passive Mode (10,0,0,12,156,64).';
  await page.setInputFiles('.file-picker', { name: 'reply.txt', mimeType: 'text/plain', buffer: Buffer.from(small) });
  await page.waitForFunction((t) => document.getElementById('reply')?.value === t, small);
  await page.locator('.card').first().waitFor();
  assertNoProblems(problems);
}

export async function redactedCopyOfALogOverTheAnalysisLimitIsWhole({ openPage }) {
  // Over the 16 MB analysed of a log: the copy still covers every line,
  // credentials at the very end included.
  const { page, problems } = await openPage('?lang=en', CLIPBOARD);
  await waitForApp(page);
  const log = 'Command:\tUSER zed\nCommand:\tPASS zedpw\n' + buildLog(16.5 * 1024 * 1024) + '\n> USER yan\n> PASS tailsecret\n';
  await pasteWithKeyboard(page, '#reply', log);
  await page.waitForSelector('.log-root .verdict', { timeout: 45_000 });
  assert((await page.locator('.notice').innerText()).includes('16384'), 'the analysis says where it stopped');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('.copy-redacted');
  await page.locator('.log-view .copy-status').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(!copied.includes('zedpw') && !copied.includes('tailsecret'), 'passwords masked');
  assert(copied.endsWith('> USER ****\n> PASS ****\n'), `the copy reaches the end of the log: …${JSON.stringify(copied.slice(-60))}`);
  assert(Math.abs(copied.length - log.length) < 1000, `the copy is the whole log (${copied.length} of ${log.length} characters)`);
  assertNoProblems(problems);
}
