// A person pastes a whole session log: the page switches to the log view
// (loaded on demand from dist/extras/), shows the verdict first and the
// exchanges, in both languages, and can copy a redacted log.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, msg, waitForApp } from './lib.mjs';

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
  // The row shows the announced address (the one curl used here) and where
  // a careful client connects instead.
  assert(pasv.includes('10.0.0.12:40000 → 203.0.113.25:40000'), `announced and careful target: ${pasv}`);
  // The extras module came from our own origin.
  assert(server.log.some((e) => e.path.includes('extras/pasv-lens-extras_bg.wasm') && e.status === 200), 'extras module fetched');
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

// curl -v: EPSV refused, PASV to a private address that curl skips for the
// control connection's, and a data connection that times out.
const CURL = await readFile(new URL('./fixtures/curl-epsv-fallback.log', import.meta.url), 'utf8');

/** About 94 KB of a program's own output, as logs often start. */
function noise(bytes) {
  const lines = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = `2024-05-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},123 INFO worker-3 processed batch ${i} in 41 ms`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** The texts of a row's notes, problems (red) and others. */
async function rowNotes(page, i) {
  const row = page.locator('.exchange').nth(i);
  return {
    problems: await row.locator('.row-note:not(.info)').allInnerTexts(),
    notes: await row.locator('.row-note.info').allInnerTexts(),
  };
}

export async function ftpLinesAfterLotsOfNoiseStillMakeALog({ openPage }) {
  const { page, problems } = await openPage('?lang=en');
  await waitForApp(page);
  const text = noise(94 * 1024) + CURL;
  assert(text.indexOf('> USER') > 64 * 1024, 'the FTP lines start after 64 KB');
  // As a paste does (Playwright's fill types 95 KB slowly).
  await page.locator('#reply').evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
  await page.waitForSelector('.log-root .verdict, .results > .card', { timeout: 30_000 });
  assertEqual(await page.locator('.results > .card').count(), 0, 'no reply cards: the text is a log');
  await page.waitForSelector('.log-root .verdict');
  assertEqual(await page.locator('.exchange-row').count(), 2, 'exchanges (EPSV refused, PASV)');
  assertNoProblems(problems);
}

export async function logRowsShowEveryNoteOfTheCore({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPage(`?lang=${lang}`);
    await waitForApp(page);
    await page.fill('#reply', CURL);
    await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
    const pasv = await rowNotes(page, 1);
    const expected = [
      msg(lang, 'log.ui.fallback', { line: 20 }),
      msg(lang, 'log.ui.client-fixup', { line: 24 }),
      msg(lang, 'log.ui.client-target', { line: 25, target: '203.0.113.77:50007' }),
    ];
    assertEqual(JSON.stringify(pasv.notes), JSON.stringify(expected), `${lang}: what the client did`);
    assertEqual(pasv.problems.length, 1, `${lang}: one problem: ${JSON.stringify(pasv.problems)}`);
    const failure = pasv.problems[0];
    assert(failure.startsWith(msg(lang, 'log.ui.data-failure', { line: 26, kind: '' }).trim()), `${lang}: the failure: ${failure}`);
    assert(failure.includes('connect to 203.0.113.77 port 50007 from 192.168.1.33 port 61122 failed: Connection timed out'), `${lang}: the client's own message: ${failure}`);

    // A raw control stream: a completed transfer.
    await page.fill('#reply', 'USER alice\n331 Password required for alice\nPASS s3cret\n230 User alice logged in\nPASV\n227 Entering Passive Mode (203,0,113,9,156,64)\nLIST\n150 Here comes the directory listing.\n226 Directory send OK.\nEPSV\n229 Entering Extended Passive Mode (|||40001|)\n');
    await page.locator('.exchange-row').nth(1).waitFor();
    const first = await rowNotes(page, 0);
    assertEqual(JSON.stringify(first.notes), JSON.stringify([msg(lang, 'log.ui.completed', { line: 9 })]), `${lang}: the transfer completed`);
    const second = await rowNotes(page, 1);
    assertEqual(second.notes.length + second.problems.length, 0, `${lang}: nothing to note on the last exchange`);

    // A reply no command waited for is listed with the log's facts.
    await page.fill('#reply', 'USER bob\n331 Password\nPASS x\n230 ok\n226 Transfer complete\nPASV\n227 Entering Passive Mode (10,0,0,1,4,5)\n');
    await page.locator('.log-facts li.loose', { hasText: msg(lang, 'log.ui.stray', { line: 5, code: 226 }) }).waitFor();
    assertNoProblems(problems);
  }
}

// Python's ftplib connects to the control connection's address, not the
// 227's (CVE-2021-4189), so its NAT reply followed by a timeout points at
// blocked ports — the page shows the core's exact message in both languages.
export async function ftplibLogBlamesThePortsNotTheIgnoredAddress({ openPage }) {
  const text = await readFile(new URL('../../crates/pasv-core/tests/logs/ftplib-traceback.log', import.meta.url), 'utf8');
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPage(`?lang=${lang}`);
    await waitForApp(page);
    await page.fill('#reply', text);
    await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
    const verdict = await page.locator('.verdict-text').innerText();
    const expected = msg(lang, 'log.verdict.nat-ports-blocked-ftplib', {
      line: 22,
      address: '10.20.0.7',
      class: msg(lang, 'class.private'),
      failure: 29,
    });
    assertEqual(verdict.trim(), expected, `${lang}: the ftplib verdict`);
    // The verdict cites its own source, apart from the fix's.
    const source = page.locator('.verdict-source a');
    assertEqual(await source.innerText(), 'RFC 1579; RFC 1918 §3', `${lang}: the verdict's source`);
    assertEqual(await source.getAttribute('href'), 'https://www.rfc-editor.org/rfc/rfc1579#page-2', `${lang}: the verdict's link`);
    // The exchange's row says what ftplib does with the address.
    const row = await rowNotes(page, 0);
    assertEqual(JSON.stringify(row.notes), JSON.stringify([msg(lang, 'log.ui.ftplib-ignores-address')]), `${lang}: the row's notes`);
    assertEqual(await page.inputValue('#reply'), text, `${lang}: the pasted log is kept`);
    assertNoProblems(problems);
  }
}
