// The answer comes first: on a shared link the verdict, what the reply says
// and where careful clients connect are on the first screen of a laptop and
// of a phone; a paste on a phone brings them into view; a list of sample
// replies is not read as a session unless the person says so.
//
// Expected wording comes from the core's message catalog (see lib.mjs).
import { test, expect, msg, waitForApp } from './fixtures.mjs';

const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';
const CONTROL = '203.0.113.10';
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };
const PHONE = { isMobile: true, hasTouch: true };

// The examples strip's lines pasted at once, plus a PORT and its 200: sample
// replies and commands, no conversation.
const SAMPLES = [
  '227 Entering Passive Mode (198,51,100,20,195,80).',
  NAT_REPLY,
  '229 Entering Extended Passive Mode (|||50006|)',
  '229 Entering Extended Passive Mode (!!!9447!).',
  'EPRT |2|2001:db8::7|5282|',
  'EPSV',
  '522 Network protocol not supported, use (1)',
  'PORT 192,0,2,7,195,80',
  '200 PORT command successful',
  '227 Entering Passive Mode (192,168,1,2,300,5)',
].join('\n');
// A raw control connection: the same kind of lines with a login and a transfer.
const SESSION = ['220 ProFTPD Server ready', 'USER anonymous', '331 Anonymous login ok', 'PASV', NAT_REPLY, 'RETR a.txt', '425 Cannot open data connection'].join('\n');

async function open(page, query) {
  await page.goto(query);
  await waitForApp(page);
  await page.waitForSelector('#reply');
}

/** The element's box, or a failure naming it. */
async function box(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, `${selector} is shown`).toBeTruthy();
  return b;
}

async function expectOnFirstScreen(page, selectors, where) {
  const { w, h, y } = await page.evaluate(() => ({ w: innerWidth, h: innerHeight, y: scrollY }));
  expect(y, `${where}: the page is not scrolled`).toBe(0);
  for (const s of selectors) {
    const b = await box(page, s);
    const inside = b.y >= 0 && b.y + b.height <= h && b.x >= 0 && b.x + b.width <= w;
    expect(inside, `${where}: ${s} lies inside the first ${w}×${h} screen: ${JSON.stringify(b)}`).toBe(true);
  }
}

test.describe('the answer and both values are on the first screen', () => {
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    test.describe(`${width}×${height}`, () => {
      test.use({ viewport: { width, height }, ...(width < 500 ? PHONE : {}) });
      for (const lang of ['en', 'vi']) {
        test(lang, async ({ page }) => {
          const where = `${lang} ${width}×${height}`;
          await open(page, `?${new URLSearchParams({ reply: NAT_REPLY, control: CONTROL, lang })}`);
          await page.waitForSelector('.card .answer');
          // The state in words (and an icon), the sentence, both labelled values.
          const state = (await page.locator('.answer .state').innerText()).trim();
          const repaired = msg(lang, 'ui.state-repaired');
          expect(state.endsWith(repaired) && state.length > repaired.length, `${where}: state ${JSON.stringify(state)}`).toBe(true);
          expect(await page.locator('.answer.repaired .icon[aria-hidden="true"]').count(), `${where}: an icon beside the words`).toBeGreaterThan(0);
          const sentence = await page.locator('.answer .sentence').innerText();
          for (const part of ['10.0.0.12', CONTROL, 'curl, FileZilla, ftplib']) expect(sentence, `${where}: the sentence names ${part}`).toContain(part);
          expect((await page.locator('.endpoint .says dt').innerText()).trim(), `${where}: first label`).toBe(msg(lang, 'ui.value-reply'));
          expect((await page.locator('.endpoint .says .big').innerText()).replace(/\s+/g, ''), `${where}: the reply's value`).toBe('10.0.0.12:40000');
          expect((await page.locator('.endpoint .wide dt').innerText()).trim(), `${where}: whose behaviour the second value is`).toBe(
            msg(lang, 'ui.value-careful', { clients: ' (curl, FileZilla, ftplib)' }),
          );
          expect((await page.locator('.endpoint .target').innerText()).trim(), `${where}: the second value`).toBe(`${CONTROL}:40000`);
          const shown = ['.answer .state', '.answer .sentence', '.endpoint .says', '.endpoint .wide'];
          if (width >= 1200) {
            shown.push('.arithmetic', '#reply');
            // Input on the left, answer on the right.
            const input = await box(page, '#reply');
            const answer = await box(page, '.answer');
            expect(input.x + input.width, `${where}: the answer is beside the input`).toBeLessThanOrEqual(answer.x);
          }
          await expectOnFirstScreen(page, shown, where);
        });
      }
    });
  }
});

test('an unknown target is a hint, not a value', async ({ page }) => {
  await open(page, `?${new URLSearchParams({ reply: '229 Entering Extended Passive Mode (|||50006|)', lang: 'en' })}`);
  await page.waitForSelector('.endpoint .wide');
  expect(await page.locator('.endpoint .target').count(), 'no value is set').toBe(0);
  expect((await page.locator('.endpoint .hint').innerText()).trim(), 'the hint').toBe(msg('en', 'ui.connect-to-unknown'));
  await expect(page.locator('.endpoint .hint'), 'set as a hint').toHaveCSS('font-style', 'italic');
  await expect(page.locator('.answer .sentence'), 'the sentence gives the port').toContainText('50006');
});

/** Paste `text` into the reply field with the keyboard, as a person does. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#reply');
  await page.keyboard.press('Control+V');
}

test.describe('a paste on a phone brings the answer into view', () => {
  for (const [width, height] of [[375, 667], [390, 844]]) {
    test.describe(`${width}×${height}`, () => {
      test.use({ viewport: { width, height }, ...PHONE, ...CLIPBOARD });
      for (const lang of ['en', 'vi']) {
        test(lang, async ({ page }) => {
          const where = `${lang} ${width}×${height}`;
          await open(page, `?${new URLSearchParams({ control: CONTROL, lang })}`);
          await paste(page, NAT_REPLY);
          await page.waitForSelector('.card .endpoint');
          // Below the first screen where it is drawn: the page had to move.
          const below = await page.evaluate(() => document.querySelector('.endpoint').getBoundingClientRect().bottom + scrollY > innerHeight);
          await page.waitForFunction(
            () => {
              const values = document.querySelector('.endpoint').getBoundingClientRect();
              const state = document.querySelector('.answer .state').getBoundingClientRect();
              return values.bottom <= innerHeight + 1 && state.top >= 0;
            },
            null,
            { timeout: 5_000 },
          );
          if (below) expect(await page.evaluate(() => scrollY), `${where}: scrolled to the answer`).toBeGreaterThan(0);
          expect(await page.inputValue('#reply'), `${where}: the paste is in the field`).toBe(NAT_REPLY);
          if (width === 375) expect(below, `${where}: the case where the answer starts off screen is exercised`).toBe(true);
        });
      }
    });
  }
});

for (const lang of ['en', 'vi']) {
  test(`sample replies stay separate lines, the switch reads them as one session (${lang})`, async ({ page, openPage }) => {
    await open(page, `?lang=${lang}`);
    await page.fill('#reply', SAMPLES);
    // EPSV is the 522's command and the 200 answers the PORT: eight cards.
    await page.locator('.results > .card').nth(7).waitFor();
    // Give the core's judgment (asked of the on-demand module) time to land.
    await page.waitForTimeout(500);
    expect(await page.locator('.log-root').count(), 'no session log view for sample replies').toBe(0);
    expect(await page.locator('.results > .card').count(), 'one card per reply or command').toBe(8);
    const lines = page.getByRole('button', { name: msg(lang, 'ui.read-lines') });
    const session = page.getByRole('button', { name: msg(lang, 'ui.read-session') });
    await expect(lines, '"separate lines" is what is shown').toHaveAttribute('aria-pressed', 'true');
    // The person can say it is one session after all, and back.
    await session.click();
    await page.locator('.log-root').waitFor();
    expect(await page.locator('.results > .card').count(), 'no cards in the session view').toBe(0);
    await expect(session, '"one session" pressed').toHaveAttribute('aria-pressed', 'true');
    await lines.click();
    await page.locator('.results > .card').first().waitFor();
    expect(await page.locator('.log-root').count(), 'back to separate lines').toBe(0);

    // A conversation (greeting, login, transfer) is a session by itself.
    const other = await openPage(`?lang=${lang}`);
    await waitForApp(other.page);
    await other.page.waitForSelector('#reply');
    await other.page.fill('#reply', SESSION);
    await other.page.locator('.log-root').waitFor({ timeout: 30_000 });
    await expect(other.page.getByRole('button', { name: msg(lang, 'ui.read-session') }), 'judged a session').toHaveAttribute('aria-pressed', 'true');
    expect(await other.page.locator('.results > .card').count(), 'no reply cards').toBe(0);
  });
}
