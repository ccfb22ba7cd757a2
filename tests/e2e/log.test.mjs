// A person pastes a whole session log: the page switches to the log view
// (loaded on demand from dist/extras/), shows the verdict first and the
// exchanges, in both languages, and can copy a redacted log.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, waitForApp } from './lib.mjs';

const LOG = await readFile(new URL('./fixtures/curl-nat-password.log', import.meta.url), 'utf8');

async function pasteLog(page) {
  await page.fill('#reply', LOG);
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
}

export async function pastedLogShowsVerdictAndExchanges({ openPage, shotDir, server }) {
  const { page, problems } = await openPage('?lang=en', { permissions: ['clipboard-read', 'clipboard-write'] });
  await waitForApp(page);
  await pasteLog(page);
  const verdict = await page.locator('.verdict-text').innerText();
  assert(verdict.includes('10.0.0.12') && verdict.includes('203.0.113.25'), `verdict names both addresses: ${verdict}`);
  assert(verdict.includes('NAT'), `verdict explains NAT: ${verdict}`);
  const fix = await page.locator('.fix').innerText();
  assert(fix.includes('MasqueradeAddress'), `ProFTPD-specific fix expected: ${fix}`);
  const rows = page.locator('.exchange-row');
  assertEqual(await rows.count(), 2, 'exchanges (EPSV refused, PASV)');
  const pasv = await rows.nth(1).innerText();
  assert(pasv.includes('PASV') && pasv.includes('227'), `second exchange is the PASV: ${pasv}`);
  // The extras module came from our own origin.
  assert(server.log.some((e) => e.path.includes('extras/pasv_lens_extras_bg.wasm') && e.status === 200), 'extras module fetched');
  // Clicking a row opens its full card; the text stays editable.
  await rows.nth(1).click();
  await page.waitForSelector('.exchange .card');
  assert((await page.locator('.exchange .card').innerText()).includes('40000'), 'card shows the port');
  assertEqual(await page.inputValue('#reply'), LOG, 'the pasted log is kept as typed');
  await page.screenshot({ path: join(shotDir, 'log-en.png'), fullPage: true });

  // Copy a redacted log: the password is gone, the user name masked.
  await page.click('.copy-redacted');
  // The log view lives in a shadow root (Playwright's CSS selectors pierce it).
  await page.locator('.log-view .copy-status').filter({ hasText: /\S/ }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(!copied.includes('s3cret-Passw0rd'), 'password removed from the redacted log');
  assert(!/USER alice/.test(copied), `user name masked: ${copied.split('\n').find((l) => l.includes('USER'))}`);
  assert(copied.includes('227 Entering Passive Mode (10,0,0,12,156,64)'), 'the FTP exchange is kept');
  assertNoProblems(problems);
}

export async function logViewInVietnamese({ openPage, shotDir }) {
  const { page, problems } = await openPage('?lang=vi');
  await waitForApp(page);
  await pasteLog(page);
  const title = await page.locator('.verdict h3').innerText();
  assert(title.includes('Kết luận'), `Vietnamese verdict heading: ${title}`);
  const verdict = await page.locator('.verdict-text').innerText();
  assert(verdict.includes('máy chủ') || verdict.includes('Máy chủ'), `Vietnamese verdict text: ${verdict}`);
  // Switching language re-renders the log view without losing the text.
  await page.click('button.lang-button[lang="en"]');
  await page.locator('.verdict h3').filter({ hasText: 'Verdict' }).waitFor();
  assertEqual(await page.inputValue('#reply'), LOG, 'log kept across the language switch');
  await page.click('button.lang-button[lang="vi"]');
  await page.locator('.verdict h3').filter({ hasText: 'Kết luận' }).waitFor();
  await page.screenshot({ path: join(shotDir, 'log-vi.png'), fullPage: true });
  assertNoProblems(problems);
}
