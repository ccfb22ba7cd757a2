// Sharing what the page shows: a permalink restores it, "Copy link" copies
// one (never with credentials, and says when the text is left out), and the
// copy buttons beside the address and the port confirm what they copied.
import { test, expect, msg, waitForApp } from './fixtures.mjs';
import { CLIPBOARD, NAT_REPLY, open, queryOf, typeReply, waitForLabel } from './page-helpers.mjs';

test.use(CLIPBOARD);

test('a permalink restores the state', async ({ page }) => {
  await open(page, `?${new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', sent: 'PASV', lang: 'vi' })}`);
  await page.waitForSelector('.card .endpoint');
  expect(await page.inputValue('#reply'), 'reply').toBe(NAT_REPLY);
  expect(await page.inputValue('#control'), 'control').toBe('203.0.113.10');
  expect(await page.inputValue('#sent'), 'sent').toBe('PASV');
  await waitForLabel(page, 'vi');
  await expect(page.locator('html'), '<html lang>').toHaveAttribute('lang', 'vi');
  expect(await page.locator('.endpoint .target').innerText(), 'connect to').toBe('203.0.113.10:40000');
  expect((await page.locator('.card .sent').innerText()).trim(), 'the reply answers PASV').toBe(msg('vi', 'ui.answers', { sent: 'PASV' }));
});

test('Copy link restores the same state', async ({ page, openPage, baseURL }) => {
  await open(page, '?lang=en');
  await typeReply(page, '229 Entering Extended Passive Mode (|||50006|)');
  await page.fill('#control', '2001:db8::7');
  await page.selectOption('#sent', 'EPSV');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await waitForLabel(page, 'vi');
  await page.locator('.copy-link').click();
  await page.locator('.copy-status', { hasText: msg('vi', 'ui.copied') }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(baseURL), `copied link ${link} is on ${baseURL}`).toBe(true);
  const q = new URL(link).searchParams;
  expect(q.get('reply'), 'reply in the link').toBe('229 Entering Extended Passive Mode (|||50006|)');
  expect(q.get('control'), 'control in the link').toBe('2001:db8::7');
  expect(q.get('sent'), 'sent in the link').toBe('EPSV');
  expect(q.get('lang'), 'lang in the link').toBe('vi');
  expect(q.has('embed'), 'the link is to the full page').toBe(false);

  // Someone else opens it: the same state, in a fresh context.
  const other = await openPage(link);
  await waitForApp(other.page);
  await other.page.waitForSelector('.card .endpoint');
  expect(await other.page.inputValue('#reply'), 'reply').toBe('229 Entering Extended Passive Mode (|||50006|)');
  expect(await other.page.inputValue('#control'), 'control').toBe('2001:db8::7');
  expect(await other.page.inputValue('#sent'), 'sent').toBe('EPSV');
  await waitForLabel(other.page, 'vi');
  expect(await other.page.locator('.endpoint .target').innerText(), 'connect to').toBe('[2001:db8::7]:50006');
});

/** Click "Copy link", wait for a status and return it with the copied link's parameters. */
async function copyLink(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('.copy-link').click();
  await page.locator('.options .share .copy-status').filter({ hasText: /\S/ }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  return { status: (await page.locator('.options .share .copy-status').innerText()).trim(), link, query: new URL(link).searchParams };
}

test('credentials never go into the URL or the copied link', async ({ page }) => {
  await open(page, '?lang=en');
  const texts = [
    'USER alice\nPASS secret\nPASV\n227 Entering Passive Mode (10,0,0,1,4,5)',
    'user alice\npass secret\n227 Entering Passive Mode (10,0,0,1,4,5)',
    'Command:\tPASS secret\n227 Entering Passive Mode (10,0,0,1,4,5)',
    "*cmd* 'ACCT secret'\n227 Entering Passive Mode (10,0,0,1,4,5)",
  ];
  for (const text of texts) {
    await page.fill('#reply', text);
    await page.waitForSelector('.card, .log-root');
    await page.waitForTimeout(100);
    expect(!queryOf(page).has('reply') && !page.url().includes('secret'), `${JSON.stringify(text)} went into the URL: ${page.url()}`).toBe(true);
    // The log judgment (from the analysis worker) may land after a copy and
    // clear its status: copy again until a status stays.
    let copied;
    await expect
      .poll(async () => (copied = await copyLink(page)).status, { message: 'the status says why the text is not in the link', timeout: 15_000 })
      .toBe(msg('en', 'ui.copied-without-secret'));
    const { link, query } = copied;
    expect(!query.has('reply') && !link.includes('secret'), `${JSON.stringify(text)} went into the copied link: ${link}`).toBe(true);
  }
  // A reply alone still makes a permalink.
  await typeReply(page, NAT_REPLY);
  await page.waitForSelector('.card .endpoint');
  expect(queryOf(page).get('reply'), 'a plain reply is in the URL').toBe(NAT_REPLY);
  const { status, query } = await copyLink(page);
  expect(query.get('reply'), 'and in the copied link').toBe(NAT_REPLY);
  expect(status, 'plain status').toBe(msg('en', 'ui.copied'));
});

for (const lang of ['en', 'vi']) {
  test(`Copy link says when the text is left out (${lang})`, async ({ page }) => {
    await open(page, `?lang=${lang}`);
    // Over the 4 KB permalink limit.
    await page.fill('#reply', `${NAT_REPLY}\n`.repeat(100));
    await page.waitForSelector('.card');
    let copied = await copyLink(page);
    expect(copied.query.has('reply'), 'a long text stays out of the link').toBe(false);
    expect(copied.status, 'too long').toBe(msg(lang, 'ui.copied-without-long'));
    // A session log.
    await page.fill('#reply', 'Command:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,12,156,64)\n');
    await page.waitForSelector('.log-root');
    copied = await copyLink(page);
    expect(copied.query.has('reply'), 'a log stays out of the link').toBe(false);
    expect(copied.status, 'a session log').toBe(msg(lang, 'ui.copied-without-log'));
  });
}

for (const lang of ['en', 'vi']) {
  test(`the address and port copy buttons confirm (${lang})`, async ({ page }) => {
    await open(page, `?lang=${lang}`);
    await page.fill('#reply', NAT_REPLY);
    await page.waitForSelector('.card .endpoint');
    const address = page.locator('.endpoint .value.address');
    const port = page.locator('.endpoint .value.port');
    expect(await address.locator('[role="status"]').count(), 'the address has a polite status').toBe(1);
    expect(await port.locator('[role="status"]').count(), 'the port has a polite status').toBe(1);
    await address.locator('button.copy').click();
    await address.locator('.copy-status', { hasText: msg(lang, 'ui.copied-value', { value: '10.0.0.12' }) }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText()), 'address copied').toBe('10.0.0.12');
    await port.locator('button.copy').click();
    await port.locator('.copy-status', { hasText: msg(lang, 'ui.copied-value', { value: '40000' }) }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText()), 'port copied').toBe('40000');
    // A clipboard that refuses is said so.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await address.locator('button.copy').click();
    await address.locator('.copy-status', { hasText: msg(lang, 'ui.copy-text-failed') }).waitFor();
  });
}
