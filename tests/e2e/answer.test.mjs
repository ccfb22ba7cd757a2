// The answer comes first: on a shared link the verdict, what the reply says
// and where careful clients connect are on the first screen of a laptop and
// of a phone; a paste on a phone brings them into view; a list of sample
// replies is not read as a session unless the person says so.
//
// Expected wording comes from the core's message catalog (see lib.mjs).
import { assert, assertEqual, assertNoProblems, msg, waitForApp } from './lib.mjs';

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

async function open(openPage, query, options) {
  const opened = await openPage(query, options);
  await waitForApp(opened.page);
  await opened.page.waitForSelector('#reply');
  return opened;
}

/** The element's box, or a failure naming it. */
async function box(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  assert(b, `${selector} is not shown`);
  return b;
}

async function assertOnFirstScreen(page, selectors, where) {
  const { w, h, y } = await page.evaluate(() => ({ w: innerWidth, h: innerHeight, y: scrollY }));
  assertEqual(y, 0, `${where}: the page is not scrolled`);
  for (const s of selectors) {
    const b = await box(page, s);
    assert(b.y >= 0 && b.y + b.height <= h && b.x >= 0 && b.x + b.width <= w, `${where}: ${s} lies outside the first ${w}×${h} screen: ${JSON.stringify(b)}`);
  }
}

export async function theAnswerAndBothValuesAreOnTheFirstScreen({ openPage }) {
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    for (const lang of ['en', 'vi']) {
      const where = `${lang} ${width}×${height}`;
      const query = `?${new URLSearchParams({ reply: NAT_REPLY, control: CONTROL, lang })}`;
      const { page, problems } = await open(openPage, query, { viewport: { width, height }, ...(width < 500 ? PHONE : {}) });
      await page.waitForSelector('.card .answer');
      // The state in words (and an icon), the sentence, both labelled values.
      const state = (await page.locator('.answer .state').innerText()).trim();
      assert(state.endsWith(msg(lang, 'ui.state-repaired')) && state.length > msg(lang, 'ui.state-repaired').length, `${where}: state ${JSON.stringify(state)}`);
      assert(await page.locator('.answer.repaired .icon[aria-hidden="true"]').count(), `${where}: an icon beside the words`);
      const sentence = await page.locator('.answer .sentence').innerText();
      for (const part of ['10.0.0.12', CONTROL, 'curl, FileZilla, ftplib']) assert(sentence.includes(part), `${where}: the sentence names ${part}: ${sentence}`);
      assertEqual((await page.locator('.endpoint .says dt').innerText()).trim(), msg(lang, 'ui.value-reply'), `${where}: first label`);
      assertEqual((await page.locator('.endpoint .says .big').innerText()).replace(/\s+/g, ''), '10.0.0.12:40000', `${where}: the reply's value`);
      assertEqual(
        (await page.locator('.endpoint .wide dt').innerText()).trim(),
        msg(lang, 'ui.value-careful', { clients: ' (curl, FileZilla, ftplib)' }),
        `${where}: whose behaviour the second value is`,
      );
      assertEqual((await page.locator('.endpoint .target').innerText()).trim(), `${CONTROL}:40000`, `${where}: the second value`);
      const shown = ['.answer .state', '.answer .sentence', '.endpoint .says', '.endpoint .wide'];
      if (width >= 1200) {
        shown.push('.arithmetic', '#reply');
        // Input on the left, answer on the right.
        const input = await box(page, '#reply');
        const answer = await box(page, '.answer');
        assert(input.x + input.width <= answer.x, `${where}: the answer is beside the input`);
      }
      await assertOnFirstScreen(page, shown, where);
      assertNoProblems(problems);
    }
  }
}

export async function anUnknownTargetIsAHintNotAValue({ openPage }) {
  const query = `?${new URLSearchParams({ reply: '229 Entering Extended Passive Mode (|||50006|)', lang: 'en' })}`;
  const { page, problems } = await open(openPage, query);
  await page.waitForSelector('.endpoint .wide');
  assertEqual(await page.locator('.endpoint .target').count(), 0, 'no value is set');
  assertEqual((await page.locator('.endpoint .hint').innerText()).trim(), msg('en', 'ui.connect-to-unknown'), 'the hint');
  const style = await page.locator('.endpoint .hint').evaluate((e) => getComputedStyle(e).fontStyle);
  assertEqual(style, 'italic', 'set as a hint');
  assert((await page.locator('.answer .sentence').innerText()).includes('50006'), 'the sentence gives the port');
  assertNoProblems(problems);
}

/** Paste `text` into the reply field with the keyboard, as a person does. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#reply');
  await page.keyboard.press('Control+V');
}

export async function aPasteOnAPhoneBringsTheAnswerIntoView({ openPage }) {
  for (const [width, height] of [[375, 667], [390, 844]]) {
    for (const lang of ['en', 'vi']) {
      const where = `${lang} ${width}×${height}`;
      const { page, problems } = await open(openPage, `?${new URLSearchParams({ control: CONTROL, lang })}`, {
        viewport: { width, height },
        ...PHONE,
        ...CLIPBOARD,
      });
      await paste(page, NAT_REPLY);
      await page.waitForSelector('.card .endpoint');
      // Below the first screen where it is drawn: the page had to move.
      const below = await page.evaluate(() => document.querySelector('.endpoint').getBoundingClientRect().bottom + scrollY > innerHeight);
      await page.waitForFunction(() => {
        const values = document.querySelector('.endpoint').getBoundingClientRect();
        const state = document.querySelector('.answer .state').getBoundingClientRect();
        return values.bottom <= innerHeight + 1 && state.top >= 0;
      }, null, { timeout: 5_000 });
      if (below) assert((await page.evaluate(() => scrollY)) > 0, `${where}: scrolled to the answer`);
      assertEqual(await page.inputValue('#reply'), NAT_REPLY, `${where}: the paste is in the field`);
      assertNoProblems(problems);
      if (width === 375) assert(below, `${where}: the case where the answer starts off screen is exercised`);
    }
  }
}

export async function sampleRepliesStaySeparateLinesAndTheSwitchReadsThemAsOneSession({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`);
    await page.fill('#reply', SAMPLES);
    // EPSV is the 522's command and the 200 answers the PORT: eight cards.
    await page.locator('.results > .card').nth(7).waitFor();
    // Give the core's judgment (asked of the on-demand module) time to land.
    await page.waitForTimeout(500);
    assertEqual(await page.locator('.log-root').count(), 0, `${lang}: no session log view for sample replies`);
    assertEqual(await page.locator('.results > .card').count(), 8, `${lang}: one card per reply or command`);
    const lines = page.getByRole('button', { name: msg(lang, 'ui.read-lines') });
    const session = page.getByRole('button', { name: msg(lang, 'ui.read-session') });
    assertEqual(await lines.getAttribute('aria-pressed'), 'true', `${lang}: "separate lines" is what is shown`);
    // The person can say it is one session after all, and back.
    await session.click();
    await page.locator('.log-root').waitFor();
    assertEqual(await page.locator('.results > .card').count(), 0, `${lang}: no cards in the session view`);
    assertEqual(await session.getAttribute('aria-pressed'), 'true', `${lang}: "one session" pressed`);
    await lines.click();
    await page.locator('.results > .card').first().waitFor();
    assertEqual(await page.locator('.log-root').count(), 0, `${lang}: back to separate lines`);
    assertNoProblems(problems);

    // A conversation (greeting, login, transfer) is a session by itself.
    const other = await open(openPage, `?lang=${lang}`);
    await other.page.fill('#reply', SESSION);
    await other.page.locator('.log-root').waitFor({ timeout: 30_000 });
    assertEqual(await other.page.getByRole('button', { name: msg(lang, 'ui.read-session') }).getAttribute('aria-pressed'), 'true', `${lang}: judged a session`);
    assertEqual(await other.page.locator('.results > .card').count(), 0, `${lang}: no reply cards`);
    assertNoProblems(other.problems);
  }
}
