// A person pastes a whole session log: the page switches to the log view
// (loaded on demand from dist/extras/), shows the verdict first and the
// exchanges, in both languages, and can copy a redacted log.
import { readFile } from 'node:fs/promises';
import { test, expect, msg, screenshot, waitForApp } from './fixtures.mjs';

const LOG = await readFile(new URL('./fixtures/curl-nat-password.log', import.meta.url), 'utf8');

async function pasteLog(page) {
  await page.fill('#reply', LOG);
  await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
}

test.describe('with a clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a pasted log shows the verdict and the exchanges', async ({ page }) => {
    const extras = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.includes('extras/pasv-lens-extras_bg.wasm')) extras.push(r.status());
    });
    await page.goto('?lang=en');
    await waitForApp(page);
    await pasteLog(page);
    const verdict = await page.locator('.verdict-text').innerText();
    expect(verdict, 'the verdict names both addresses').toContain('10.0.0.12');
    expect(verdict, 'the verdict names both addresses').toContain('203.0.113.25');
    expect(verdict, 'the verdict explains NAT').toContain('NAT');
    await expect(page.locator('.fix'), 'ProFTPD-specific fix').toContainText('MasqueradeAddress');
    const rows = page.locator('.exchange-row');
    expect(await rows.count(), 'exchanges (EPSV refused, PASV)').toBe(2);
    const pasv = await rows.nth(1).innerText();
    expect(pasv, 'the second exchange is the PASV').toContain('PASV');
    expect(pasv, 'the second exchange is the PASV').toContain('227');
    // The row shows the announced address (the one curl used here) and where
    // a careful client connects instead.
    expect(pasv, 'announced and careful target').toContain('10.0.0.12:40000 → 203.0.113.25:40000');
    // The extras module came from our own origin (the guard aborts any other).
    expect(extras, 'extras module fetched').toContain(200);
    // Clicking a row opens its full card; the text stays editable.
    await rows.nth(1).click();
    await page.waitForSelector('.exchange .card');
    await expect(page.locator('.exchange .card'), 'the card shows the port').toContainText('40000');
    expect(await page.inputValue('#reply'), 'the pasted log is kept as typed').toBe(LOG);
    await screenshot(page, 'log-en.png', { fullPage: true });

    // Copy a redacted log: the password is gone, the user name masked.
    await page.click('.copy-redacted');
    // The log view lives in a shadow root (Playwright's CSS selectors pierce it).
    await page.locator('.log-view .copy-status').filter({ hasText: /\S/ }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied, 'password removed from the redacted log').not.toContain('s3cret-Passw0rd');
    expect(copied, 'user name masked').not.toMatch(/USER alice/);
    expect(copied, 'the FTP exchange is kept').toContain('227 Entering Passive Mode (10,0,0,12,156,64)');
  });
});

test('the log view in Vietnamese', async ({ page }) => {
  await page.goto('?lang=vi');
  await waitForApp(page);
  await pasteLog(page);
  await expect(page.locator('.verdict h3'), 'Vietnamese verdict heading').toContainText('Kết luận');
  await expect(page.locator('.verdict-text'), 'Vietnamese verdict text').toContainText(/[mM]áy chủ/);
  // Switching language re-renders the log view without losing the text.
  await page.click('button.lang-button[lang="en"]');
  await page.locator('.verdict h3').filter({ hasText: 'Verdict' }).waitFor();
  expect(await page.inputValue('#reply'), 'log kept across the language switch').toBe(LOG);
  await page.click('button.lang-button[lang="vi"]');
  await page.locator('.verdict h3').filter({ hasText: 'Kết luận' }).waitFor();
  await screenshot(page, 'log-vi.png', { fullPage: true });
});

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

test('FTP lines after lots of noise still make a log', async ({ page }) => {
  await page.goto('?lang=en');
  await waitForApp(page);
  const text = noise(94 * 1024) + CURL;
  expect(text.indexOf('> USER'), 'the FTP lines start after 64 KB').toBeGreaterThan(64 * 1024);
  // As a paste does (Playwright's fill types 95 KB slowly).
  await page.locator('#reply').evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
  await page.waitForSelector('.log-root .verdict, .results > .card', { timeout: 30_000 });
  expect(await page.locator('.results > .card').count(), 'no reply cards: the text is a log').toBe(0);
  await page.waitForSelector('.log-root .verdict');
  expect(await page.locator('.exchange-row').count(), 'exchanges (EPSV refused, PASV)').toBe(2);
});

for (const lang of ['en', 'vi']) {
  test(`log rows show every note of the core (${lang})`, async ({ page }) => {
    await page.goto(`?lang=${lang}`);
    await waitForApp(page);
    await page.fill('#reply', CURL);
    await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
    const pasv = await rowNotes(page, 1);
    expect(pasv.notes, 'what the client did').toEqual([
      msg(lang, 'log.ui.fallback', { line: 20 }),
      msg(lang, 'log.ui.client-fixup', { line: 24 }),
      msg(lang, 'log.ui.client-target', { line: 25, target: '203.0.113.77:50007' }),
    ]);
    expect(pasv.problems, 'one problem').toHaveLength(1);
    const failure = pasv.problems[0];
    expect(failure.startsWith(msg(lang, 'log.ui.data-failure', { line: 26, kind: '' }).trim()), `the failure: ${failure}`).toBe(true);
    expect(failure, "the client's own message").toContain('connect to 203.0.113.77 port 50007 from 192.168.1.33 port 61122 failed: Connection timed out');

    // A raw control stream: a completed transfer.
    await page.fill('#reply', 'USER alice\n331 Password required for alice\nPASS s3cret\n230 User alice logged in\nPASV\n227 Entering Passive Mode (203,0,113,9,156,64)\nLIST\n150 Here comes the directory listing.\n226 Directory send OK.\nEPSV\n229 Entering Extended Passive Mode (|||40001|)\n');
    await page.locator('.exchange-row').nth(1).waitFor();
    const first = await rowNotes(page, 0);
    expect(first.notes, 'the transfer completed').toEqual([msg(lang, 'log.ui.completed', { line: 9 })]);
    const second = await rowNotes(page, 1);
    expect([...second.notes, ...second.problems], 'nothing to note on the last exchange').toEqual([]);

    // A reply no command waited for is listed with the log's facts.
    await page.fill('#reply', 'USER bob\n331 Password\nPASS x\n230 ok\n226 Transfer complete\nPASV\n227 Entering Passive Mode (10,0,0,1,4,5)\n');
    await page.locator('.log-facts li.loose', { hasText: msg(lang, 'log.ui.stray', { line: 5, code: 226 }) }).waitFor();
  });
}

// Python's ftplib connects to the control connection's address, not the
// 227's (CVE-2021-4189), so its NAT reply followed by a timeout points at
// blocked ports — the page shows the core's exact message in both languages.
for (const lang of ['en', 'vi']) {
  test(`an ftplib log blames the ports, not the ignored address (${lang})`, async ({ page }) => {
    const text = await readFile(new URL('../../crates/pasv-core/tests/logs/ftplib-traceback.log', import.meta.url), 'utf8');
    await page.goto(`?lang=${lang}`);
    await waitForApp(page);
    await page.fill('#reply', text);
    await page.waitForSelector('.log-root .verdict', { timeout: 30_000 });
    const expected = msg(lang, 'log.verdict.nat-ports-blocked-ftplib', {
      line: 22,
      address: '10.20.0.7',
      class: msg(lang, 'class.private'),
      failure: 29,
    });
    expect((await page.locator('.verdict-text').innerText()).trim(), 'the ftplib verdict').toBe(expected);
    // The verdict cites its own source, apart from the fix's.
    const source = page.locator('.verdict-source a');
    expect(await source.innerText(), "the verdict's source").toBe('RFC 1579; RFC 1918 §3');
    await expect(source, "the verdict's link").toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc1579#page-2');
    // The exchange's row says what ftplib does with the address.
    expect((await rowNotes(page, 0)).notes, "the row's notes").toEqual([msg(lang, 'log.ui.ftplib-ignores-address')]);
    expect(await page.inputValue('#reply'), 'the pasted log is kept').toBe(text);
  });
}
