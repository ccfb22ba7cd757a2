// End-to-end tests of the decoder page, written as what a person does:
// type a reply, switch language, share a link, try the examples, paste
// something hostile, use the keyboard, read it on a phone, in the dark.
//
// Expected wording is read from the core's message catalog
// (crates/pasv-core/locales/*.toml), so rewording a translation does not
// break these tests. Every test also requires a clean page (no console
// errors, CSP violations, failed or foreign requests; see lib.mjs).
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assert, assertEqual, assertNoProblems, msg, openMonitoredPage, waitForApp } from './lib.mjs';

const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';
const MALFORMED = '227 Entering Passive Mode (192,168,1,2,300,5)';
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';

/** Open the page with `query` and wait for the app. */
async function open(openPage, query = '?lang=en', options = {}) {
  const opened = await openPage(query || './', options);
  await waitForApp(opened.page);
  await opened.page.waitForSelector('#reply');
  return opened;
}

/** Type like a person (key by key) into the reply field, after clearing it. */
async function typeReply(page, text) {
  await page.fill('#reply', '');
  await page.locator('#reply').pressSequentially(text);
}

async function labelOf(page, id) {
  return (await page.locator(`label[for="${id}"]`).innerText()).trim();
}

async function waitForLabel(page, lang) {
  await page.locator('label[for="reply"]', { hasText: msg(lang, 'ui.input-label') }).waitFor();
}

function queryOf(page) {
  return new URL(page.url()).searchParams;
}

export async function typedReplyShowsIpAndPort({ openPage }) {
  const { page, problems } = await open(openPage);
  assertEqual((await page.locator('.welcome').innerText()).trim(), msg('en', 'ui.welcome'), 'welcome text before any input');
  await typeReply(page, NAT_REPLY);
  await page.waitForSelector('.card .endpoint');
  assertEqual(await page.locator('.endpoint .says-address').innerText(), '10.0.0.12', 'address');
  assertEqual(await page.locator('.endpoint .says-port').innerText(), '40000', 'port');
  const sum = (await page.locator('.arithmetic .sum').innerText()).replace(/\s+/g, ' ');
  assert(sum.includes('156 × 256 + 64') && sum.includes('40000'), `arithmetic: ${sum}`);
  assertEqual(
    await page.locator('.arithmetic .sum').getAttribute('aria-label'),
    msg('en', 'ui.arithmetic', { p1: 156, p2: 64, port: 40000 }),
    'spoken arithmetic',
  );
  // The address and port bytes are highlighted behind the text.
  assertEqual((await page.locator('.backdrop mark.hl-port').allInnerTexts()).join(' '), '156 64', 'port marks');
  assertEqual(await page.inputValue('#reply'), NAT_REPLY, 'the textarea keeps what was typed');
  assertEqual(queryOf(page).get('reply'), NAT_REPLY, 'the URL is a permalink');
  assertNoProblems(problems);
}

export async function languageSwitchKeepsInputAndPersists({ openPage, baseUrl }) {
  const { page, problems } = await open(openPage, '');
  await waitForLabel(page, 'en');
  await typeReply(page, NAT_REPLY);
  await page.fill('#control', '203.0.113.10');
  await page.waitForSelector('.card .endpoint');

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await waitForLabel(page, 'vi');
  assertEqual(await labelOf(page, 'control'), msg('vi', 'ui.control-label'), 'control label');
  assertEqual(await labelOf(page, 'sent'), msg('vi', 'ui.sent-label'), 'sent label');
  assertEqual((await page.locator('.copy-link').innerText()).trim(), msg('vi', 'ui.copy-link'), 'copy button');
  assertEqual((await page.locator('.card h3').innerText()).trim(), msg('vi', 'kind.pasv'), 'card heading');
  assertEqual(await page.inputValue('#reply'), NAT_REPLY, 'reply kept');
  assertEqual(await page.inputValue('#control'), '203.0.113.10', 'control kept');
  assertEqual(await page.locator('.endpoint .target').innerText(), '203.0.113.10:40000', 'result kept');
  assertEqual(await page.getAttribute('html', 'lang'), 'vi', '<html lang>');
  assertEqual(await page.title(), msg('vi', 'ui.page-title'), 'document.title');
  assertEqual(queryOf(page).get('lang'), 'vi', 'lang in the URL');
  assertEqual(await page.locator('.lang-button[lang="vi"]').getAttribute('aria-pressed'), 'true', 'pressed state');

  // The choice survives a visit without parameters.
  await page.goto(baseUrl);
  await waitForApp(page);
  await waitForLabel(page, 'vi');
  assertEqual(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'vi', 'saved choice');
  assertEqual(await page.getAttribute('html', 'lang'), 'vi', '<html lang> after reload');
  assertEqual(queryOf(page).get('lang'), 'vi', 'lang in the URL after reload');

  // And back to English, with the text kept.
  await typeReply(page, NAT_REPLY);
  await page.getByRole('button', { name: 'English' }).click();
  await waitForLabel(page, 'en');
  assertEqual(await page.inputValue('#reply'), NAT_REPLY, 'reply kept');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', '<html lang>');
  assertEqual(await page.title(), msg('en', 'ui.page-title'), 'document.title');
  assertEqual(queryOf(page).get('lang'), 'en', 'lang in the URL');
  await page.reload();
  await waitForApp(page);
  await waitForLabel(page, 'en');
  assertEqual(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'en', 'saved choice');
  assertNoProblems(problems);
}

export async function malformedReplyShowsLocalizedErrorAndMark({ openPage }) {
  const { page, problems } = await open(openPage, '?lang=vi');
  await typeReply(page, MALFORMED);
  await page.waitForSelector('.card .answer.invalid');
  assert((await page.locator('.answer .state').innerText()).includes(msg('vi', 'ui.state-invalid')), 'the state says invalid');
  const vi = (await page.locator('.answer .sentence').innerText()).trim();
  assert(vi.includes('300'), `the error names the bad value: ${vi}`);
  const marks = await page.locator('.backdrop mark.hl-error').allInnerTexts();
  assertEqual(JSON.stringify(marks), JSON.stringify(['300']), 'error mark');

  // The mark sits behind the offending characters of the textarea.
  const mark = await page.locator('.backdrop mark.hl-error').boundingBox();
  const area = await page.locator('#reply').boundingBox();
  assert(mark && mark.width > 0 && mark.height > 0, 'the error mark is visible');
  assert(mark.x >= area.x && mark.x + mark.width <= area.x + area.width && mark.y >= area.y && mark.y + mark.height <= area.y + area.height, 'the error mark lies inside the textarea');
  const colour = await page.locator('.backdrop mark.hl-error').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert(colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent', `the error mark has a background: ${colour}`);

  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.answer .state', { hasText: msg('en', 'ui.state-invalid') }).waitFor();
  const en = (await page.locator('.answer .sentence').innerText()).trim();
  assert(en !== vi && en.includes('300'), `English error: ${en}`);
  assertEqual(JSON.stringify(await page.locator('.backdrop mark.hl-error').allInnerTexts()), JSON.stringify(['300']), 'mark after switching');
  assertNoProblems(problems);
}

export async function permalinkRestoresState({ openPage }) {
  const params = new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', sent: 'PASV', lang: 'vi' });
  const { page, problems } = await open(openPage, `?${params}`);
  await page.waitForSelector('.card .endpoint');
  assertEqual(await page.inputValue('#reply'), NAT_REPLY, 'reply');
  assertEqual(await page.inputValue('#control'), '203.0.113.10', 'control');
  assertEqual(await page.inputValue('#sent'), 'PASV', 'sent');
  await waitForLabel(page, 'vi');
  assertEqual(await page.getAttribute('html', 'lang'), 'vi', '<html lang>');
  assertEqual(await page.locator('.endpoint .target').innerText(), '203.0.113.10:40000', 'connect to');
  assertEqual(
    (await page.locator('.card .sent').innerText()).trim(),
    msg('vi', 'ui.answers', { sent: 'PASV' }),
    'the reply answers PASV',
  );
  assertNoProblems(problems);
}

export async function copyLinkRestoresTheSameState({ openPage, baseUrl }) {
  const permissions = ['clipboard-read', 'clipboard-write'];
  const { page, problems } = await open(openPage, '?lang=en', { permissions });
  await typeReply(page, '229 Entering Extended Passive Mode (|||50006|)');
  await page.fill('#control', '2001:db8::7');
  await page.selectOption('#sent', 'EPSV');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await waitForLabel(page, 'vi');
  await page.locator('.copy-link').click();
  await page.locator('.copy-status', { hasText: msg('vi', 'ui.copied') }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert(link.startsWith(baseUrl), `copied link ${link} is on ${baseUrl}`);
  const q = new URL(link).searchParams;
  assertEqual(q.get('reply'), '229 Entering Extended Passive Mode (|||50006|)', 'reply in the link');
  assertEqual(q.get('control'), '2001:db8::7', 'control in the link');
  assertEqual(q.get('sent'), 'EPSV', 'sent in the link');
  assertEqual(q.get('lang'), 'vi', 'lang in the link');
  assert(!q.has('embed'), 'the link is to the full page');

  // Someone else opens it: the same state, in a fresh context.
  const other = await openPage(link);
  await waitForApp(other.page);
  await other.page.waitForSelector('.card .endpoint');
  assertEqual(await other.page.inputValue('#reply'), '229 Entering Extended Passive Mode (|||50006|)', 'reply');
  assertEqual(await other.page.inputValue('#control'), '2001:db8::7', 'control');
  assertEqual(await other.page.inputValue('#sent'), 'EPSV', 'sent');
  await waitForLabel(other.page, 'vi');
  assertEqual(await other.page.locator('.endpoint .target').innerText(), '[2001:db8::7]:50006', 'connect to');
  assertNoProblems(problems);
  assertNoProblems(other.problems);
}

export async function examplesStripLoadsEachExample({ openPage }) {
  const { page, problems } = await open(openPage);
  const buttons = page.locator('.examples button.example');
  const count = await buttons.count();
  assert(count >= 5, `only ${count} examples`);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const expected = await button.getAttribute('title');
    await button.click();
    await page.waitForFunction((text) => document.querySelector('#reply').value === text, expected);
    await page.waitForSelector('.card');
    const heading = (await page.locator('.card h3').first().innerText()).trim();
    assert(heading.length > 0, `example ${i} shows a result`);
    // A text of several lines goes into the URL once the core has judged it no session log.
    await page.waitForFunction((text) => new URL(location.href).searchParams.get('reply') === text, expected, { timeout: 10_000 });
    assertEqual(queryOf(page).get('reply'), expected, `example ${i} is in the URL`);
  }
  // The malformed one ends in an error, the NAT one in a finding.
  await page.getByRole('button', { name: msg('en', 'example.malformed') }).click();
  await page.waitForSelector('.backdrop mark.hl-error');
  await page.getByRole('button', { name: msg('en', 'example.nat') }).click();
  await page.waitForSelector('.finding[data-id="nat-unroutable-address"]');
  assertEqual(await page.inputValue('#control'), '203.0.113.10', 'the NAT example brings its control IP');
  assertNoProblems(problems);
}

export async function markupIsShownAsTextAndNeverRuns({ openPage, server }) {
  const dialogs = [];
  const watch = (page) =>
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });

  const { page, problems } = await open(openPage);
  watch(page);
  const payload = `${IMG}\n${SCRIPT}\n227 Entering Passive Mode (${IMG},${SCRIPT})`;
  await page.fill('#reply', payload);
  await page.fill('#control', IMG);
  await page.locator('#control-help.invalid').waitFor();
  await page.waitForTimeout(300); // an injected <img src=x> would have failed by now
  assertEqual(await page.inputValue('#reply'), payload, 'reply kept verbatim');
  assertEqual(await page.inputValue('#control'), IMG, 'control kept verbatim');
  assertEqual(await page.locator('#app img, #app script, #app iframe, #app svg').count(), 0, 'markup became elements');
  const mirror = await page.locator('.backdrop .highlights').textContent();
  assert(mirror.includes(IMG) && mirror.includes(SCRIPT), 'the highlight mirror shows the text');
  assert((await page.locator('#control-help').innerText()).includes(IMG), 'the control help shows the text');
  assert((await page.locator('.results').innerText()).length > 0, 'results still render');

  // The same through the URL, in every parameter.
  const params = new URLSearchParams({ reply: SCRIPT, control: IMG, sent: IMG, lang: SCRIPT });
  await page.goto(`${server.baseUrl}?${params}`);
  await waitForApp(page);
  await page.waitForSelector('#reply');
  await page.waitForTimeout(300);
  assertEqual(await page.inputValue('#reply'), SCRIPT, 'reply from the URL');
  assertEqual(await page.inputValue('#control'), IMG, 'control from the URL');
  assertEqual(await page.inputValue('#sent'), '', 'an unknown command is ignored');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'an unknown language falls back');
  assertEqual(await page.locator('#app img, #app script, #app iframe, #app svg').count(), 0, 'markup from the URL became elements');
  assert((await page.locator('.backdrop .highlights').textContent()).includes(SCRIPT), 'shown as text');

  assertEqual(dialogs.length, 0, `dialogs opened: ${JSON.stringify(dialogs)}`);
  assert(!server.log.some((e) => /\/x(\?|$)/.test(e.path)), 'an injected <img src=x> was requested');
  assertNoProblems(problems); // includes: no CSP violation (nothing even tried to run)
}

export async function noRequestLeavesTheOriginAfterLoad({ openPage, baseUrl }) {
  const { page, problems } = await open(openPage, '?lang=en', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.waitForLoadState('networkidle');
  const origin = new URL(baseUrl).origin;
  const after = [];
  page.on('request', (r) => after.push(r.url()));

  await typeReply(page, NAT_REPLY);
  await page.fill('#control', '203.0.113.10');
  await page.selectOption('#sent', 'PASV');
  for (const button of await page.locator('.examples button.example').all()) await button.click();
  await page.getByRole('button', { name: msg('en', 'example.nat') }).click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.locator('.copy-link').click();
  await page.locator('.copy-status', { hasText: msg('vi', 'ui.copied') }).waitFor();
  // The on-demand extras panel loads a second module: from the same origin.
  await page.locator('.extras-toggle').first().click();
  await page.waitForFunction(() => {
    const root = document.querySelector('.extras-root');
    return root && (root.childElementCount > 0 || root.shadowRoot);
  });
  await page.waitForLoadState('networkidle');

  const foreign = after.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  assertEqual(foreign.length, 0, `requests to other origins: ${JSON.stringify(foreign)}`);
  assertEqual(problems.foreignRequests.length, 0, 'foreign requests');
  // Decoding itself needs nothing from the network: only the on-demand extras
  // module (and the stylesheet its shadow root links) may load, and the
  // favicon, which Chromium may fetch again when the URL changes.
  const allowed = (path) => path.includes('/extras/') || path.endsWith('/static/style.css') || path.endsWith('/static/extras.css') || path.endsWith('/favicon.svg');
  const other = after.filter((u) => !allowed(new URL(u).pathname));
  assertEqual(other.length, 0, `requests while decoding: ${JSON.stringify(other)}`);
  assertNoProblems(problems);
}

export async function keyboardReachesEveryControlWithVisibleFocus({ openPage }) {
  const { page, problems } = await open(openPage, `?${new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', lang: 'en' })}`);
  await page.waitForSelector('.card .finding .finding-summary');

  // Every control a person can use, tagged so the walk below can name them.
  const total = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('#app button, #app textarea, #app input, #app select, #app a[href]')].filter(
      (e) => !e.disabled && e.getClientRects().length > 0,
    );
    controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    return controls.length;
  });
  assert(total >= 15, `only ${total} controls found`);

  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const reached = new Map();
  for (let press = 0; press < total * 2 + 10; press++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      // The ring may be drawn by the element or by its wrapper (:focus-within).
      const ring = (el) => {
        const cs = getComputedStyle(el);
        return { outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none', shadow: cs.boxShadow };
      };
      return {
        id: e.getAttribute('data-kb'),
        name: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} "${(e.innerText || e.value || '').slice(0, 30)}"`,
        focusVisible: e.matches(':focus-visible'),
        self: ring(e),
        parent: ring(e.parentElement),
      };
    });
    if (!info || info.id === null) continue;
    if (reached.has(info.id)) break;
    reached.set(info.id, info);
  }
  const names = await page.evaluate(() =>
    [...document.querySelectorAll('[data-kb]')].map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.innerText || e.value || '').slice(0, 30)}"`),
  );
  const missing = names.filter((_, i) => !reached.has(String(i)));
  assertEqual(missing.length, 0, `not reachable with Tab: ${JSON.stringify(missing)}`);

  // Each one shows where the focus is: an outline or a ring, on the control
  // or its wrapper, that is not there at rest.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const rest = await page.evaluate(() =>
    [...document.querySelectorAll('[data-kb]')].map((e) => {
      const ring = (el) => {
        const cs = getComputedStyle(el);
        return { outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none', shadow: cs.boxShadow };
      };
      return { self: ring(e), parent: ring(e.parentElement) };
    }),
  );
  const shows = (now, before) => (now.outline !== 'none' && now.outline !== before.outline) || (now.shadow !== 'none' && now.shadow !== before.shadow);
  const invisible = [...reached.entries()]
    .filter(([id, f]) => !f.focusVisible || !(shows(f.self, rest[Number(id)].self) || shows(f.parent, rest[Number(id)].parent)))
    .map(([, f]) => `${f.name}: ${JSON.stringify({ self: f.self, parent: f.parent })}`);
  assertEqual(invisible.length, 0, `no visible focus style on: ${JSON.stringify(invisible, null, 1)}`);
  assertNoProblems(problems);
}

export async function defaultLanguageFollowsTheBrowser({ openPage }) {
  const vi = await open(openPage, '', { locale: 'vi-VN' });
  await waitForLabel(vi.page, 'vi');
  assertEqual(await vi.page.getAttribute('html', 'lang'), 'vi', 'vi-VN browser');
  assertEqual(await vi.page.title(), msg('vi', 'ui.page-title'), 'title');

  // A lang parameter wins over the browser.
  const en = await open(openPage, '?lang=en', { locale: 'vi-VN' });
  await waitForLabel(en.page, 'en');
  // So does a saved choice: the person picks English, then comes back
  // without parameters.
  await vi.page.getByRole('button', { name: 'English' }).click();
  await waitForLabel(vi.page, 'en');
  await vi.page.goto(new URL('./', vi.page.url()).href);
  await waitForApp(vi.page);
  await waitForLabel(vi.page, 'en');

  const us = await open(openPage, '', { locale: 'en-US' });
  await waitForLabel(us.page, 'en');
  assertEqual(await us.page.getAttribute('html', 'lang'), 'en', 'en-US browser');
  for (const { problems } of [vi, en, us]) assertNoProblems(problems);
}

/** Fail if the page scrolls sideways at its current width. */
async function assertNoSidewaysScroll(page, what) {
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('#app *')]
      .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)})`);
    return { scroll: doc.scrollWidth, client: doc.clientWidth, body: document.body.scrollWidth, wide };
  });
  assert(m.scroll <= m.client && m.body <= m.client, `${what}: scrollWidth ${m.scroll}/${m.body} > ${m.client}; too wide: ${m.wide.join(', ')}`);
}

export async function narrowPhoneHasNoHorizontalScrolling({ openPage, shotDir }) {
  const viewport = { width: 360, height: 740 };
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`, { viewport, isMobile: true, hasTouch: true });
    await assertNoSidewaysScroll(page, `${lang} empty`);
    const buttons = page.locator('.examples button.example');
    for (let i = 0; i < (await buttons.count()); i++) {
      await buttons.nth(i).click();
      await page.waitForSelector('.card');
      await assertNoSidewaysScroll(page, `${lang} example ${i + 1}`);
    }
    await page.getByRole('button', { name: msg(lang, 'example.nat') }).click();
    await page.locator('.extras-toggle').first().click();
    await page.waitForFunction(() => {
      const root = document.querySelector('.extras-root');
      return root && (root.childElementCount > 0 || root.shadowRoot);
    });
    await page.waitForTimeout(200);
    await assertNoSidewaysScroll(page, `${lang} extras panel open`);
    // Nor inside it (the module renders in a shadow root): the client table
    // used to scroll in its own box.
    const scrollers = await page.evaluate(() => {
      const root = document.querySelector('.extras-root');
      return [root, ...(root.shadowRoot ?? root).querySelectorAll('*')]
        .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} > ${e.clientWidth})`);
    });
    assert(scrollers.length === 0, `${lang} extras panel: boxes that scroll sideways: ${scrollers.join(', ')}`);
    assert((await page.locator('.extras-root table.clients-table').count()) === 1, `${lang}: the client table is the panel's first view`);
    await page.screenshot({ path: join(shotDir, `page-360-${lang}-extras.png`), fullPage: true });

    // Long unbroken text and a long IPv6 address.
    await page.fill('#reply', `EPRT |2|2001:db8:85a3:1234:5678:8a2e:370:7334|65535|\n227 ${'x'.repeat(300)}`);
    await page.fill('#control', '2001:db8:85a3:1234:5678:8a2e:370:7334');
    await page.waitForSelector('.card');
    await assertNoSidewaysScroll(page, `${lang} long text`);
    // The copy statuses name the value; a finding names it too.
    for (const button of await page.locator('.endpoint button.copy').all()) await button.click();
    await page.locator('.endpoint .value.address .copy-status').filter({ hasText: /\S/ }).first().waitFor();
    await page.fill('#control', '203.0.113.10');
    await page.waitForSelector('.finding');
    await assertNoSidewaysScroll(page, `${lang} long text copied`);
    await page.screenshot({ path: join(shotDir, `page-360-${lang}-long.png`), fullPage: true });
    assertNoProblems(problems);
  }
}

export async function screenshotsInBothLanguagesAndSchemes({ openPage, shotDir }) {
  for (const colorScheme of ['light', 'dark']) {
    for (const lang of ['en', 'vi']) {
      for (const width of [1280, 360]) {
        const query = `?${new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', lang })}`;
        const { page, problems } = await open(openPage, query, { colorScheme, viewport: { width, height: 800 } });
        await page.waitForSelector('.card .finding');
        // Show focus too: the first copy button, as a keyboard user sees it.
        await page.locator('.lang-button').first().focus();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Shift+Tab');
        await page.screenshot({ path: join(shotDir, `page-${width}-${lang}-${colorScheme}.png`), fullPage: true });
        if (width === 1280) {
          await page.fill('#reply', MALFORMED);
          await page.waitForSelector('.backdrop mark.hl-error');
          await page.screenshot({ path: join(shotDir, `page-${width}-${lang}-${colorScheme}-error.png`), fullPage: true });
        }
        assertNoProblems(problems);
      }
    }
  }
}

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** Click "Copy link", wait for a status and return it with the copied link's parameters. */
async function copyLink(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('.copy-link').click();
  await page.locator('.options .share .copy-status').filter({ hasText: /\S/ }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  return { status: (await page.locator('.options .share .copy-status').innerText()).trim(), link, query: new URL(link).searchParams };
}

export async function credentialsNeverGoIntoTheUrlOrTheCopiedLink({ openPage }) {
  const { page, problems } = await open(openPage, '?lang=en', CLIPBOARD);
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
    assert(!queryOf(page).has('reply') && !page.url().includes('secret'), `${JSON.stringify(text)} went into the URL: ${page.url()}`);
    const { status, link, query } = await copyLink(page);
    assert(!query.has('reply') && !link.includes('secret'), `${JSON.stringify(text)} went into the copied link: ${link}`);
    assertEqual(status, msg('en', 'ui.copied-without-secret'), 'the status says why the text is not in the link');
  }
  // A reply alone still makes a permalink.
  await typeReply(page, NAT_REPLY);
  await page.waitForSelector('.card .endpoint');
  assertEqual(queryOf(page).get('reply'), NAT_REPLY, 'a plain reply is in the URL');
  const { status, query } = await copyLink(page);
  assertEqual(query.get('reply'), NAT_REPLY, 'and in the copied link');
  assertEqual(status, msg('en', 'ui.copied'), 'plain status');
  assertNoProblems(problems);
}

export async function copyLinkSaysWhenTheTextIsLeftOut({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`, CLIPBOARD);
    // Over the 4 KB permalink limit.
    await page.fill('#reply', `${NAT_REPLY}\n`.repeat(100));
    await page.waitForSelector('.card');
    let copied = await copyLink(page);
    assert(!copied.query.has('reply'), 'a long text stays out of the link');
    assertEqual(copied.status, msg(lang, 'ui.copied-without-long'), `${lang}: too long`);
    // A session log.
    await page.fill('#reply', 'Command:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,12,156,64)\n');
    await page.waitForSelector('.log-root');
    copied = await copyLink(page);
    assert(!copied.query.has('reply'), 'a log stays out of the link');
    assertEqual(copied.status, msg(lang, 'ui.copied-without-log'), `${lang}: a session log`);
    assertNoProblems(problems);
  }
}

export async function highlightsStayOnTheirCharactersWithClassicScrollbars({ baseUrl }) {
  // Playwright hides scrollbars by default; desktop browsers show them, and
  // a scrollbar takes width from the text area, not from the backdrop.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
  try {
    const { page, problems } = await openMonitoredPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?lang=en`);
    await waitForApp(page);
    const long = `227 Entering Passive Mode ${'x'.repeat(280)}(192,168,1,2,300,5)`;
    const text = `${`${NAT_REPLY}\n`.repeat(8)}${long}`;
    await page.fill('#reply', text);
    await page.waitForSelector('.backdrop mark.hl-error');
    const widths = await page.evaluate(() => {
      const a = document.querySelector('#reply');
      return { scrollbar: a.offsetWidth - a.clientWidth, area: a.clientWidth, backdrop: document.querySelector('.backdrop').clientWidth };
    });
    assert(widths.scrollbar > 0, `this browser shows no scrollbar (${JSON.stringify(widths)}): the test proves nothing`);
    assertEqual(widths.backdrop, widths.area, 'the backdrop lays its text out as wide as the text area');
    // Scroll to the end, as a person reading the last line does.
    await page.locator('#reply').evaluate((a) => {
      a.scrollTop = a.scrollHeight;
      a.dispatchEvent(new Event('scroll'));
    });
    await page.waitForTimeout(100);
    const mark = await page.locator('.backdrop mark.hl-error').boundingBox();
    const area = await page.locator('#reply').boundingBox();
    assert(mark.y >= area.y && mark.y + mark.height <= area.y + area.height, `the error mark is scrolled into view: ${JSON.stringify({ mark, area })}`);
    // Clicking the middle of the mark puts the caret inside "300".
    await page.mouse.click(mark.x + mark.width / 2, mark.y + mark.height / 2);
    const caret = await page.locator('#reply').evaluate((a) => a.selectionStart);
    const at = text.lastIndexOf('300');
    assert(caret >= at && caret <= at + 3, `the mark is over characters ${caret - 2}–${caret + 1} (“${text.slice(caret - 2, caret + 1)}”), not over “300” at ${at}`);
    assertNoProblems(problems);
  } finally {
    await browser.close();
  }
}

export async function aLinksLanguageIsNotSavedOnlyAChosenOne({ openPage, baseUrl }) {
  const { page, problems } = await open(openPage, '?lang=vi', { locale: 'en-US' });
  await waitForLabel(page, 'vi');
  await page.waitForTimeout(200);
  assertEqual(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), null, 'opening a ?lang=vi link saves nothing');
  // The next visit without parameters follows the browser again.
  await page.goto(baseUrl);
  await waitForApp(page);
  await waitForLabel(page, 'en');
  // Pressing a language button is a choice, and is remembered.
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await waitForLabel(page, 'vi');
  assertEqual(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'vi', 'the chosen language is saved');
  await page.goto(`${baseUrl}?lang=en`);
  await waitForLabel(page, 'en');
  await page.waitForTimeout(200);
  assertEqual(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'vi', 'a ?lang=en link does not overwrite it');
  await page.goto(baseUrl);
  await waitForLabel(page, 'vi');
  assertNoProblems(problems);
}

export async function theValidExampleIsShownOnce({ openPage }) {
  const example = '227 Entering Passive Mode (192,0,2,10,156,64).';
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`);
    for (const reply of ['227 Entering Passive Mode', '227 Entering Passive Mode (192,0,2,10,156)', MALFORMED]) {
      await page.fill('#reply', reply);
      await page.locator('.card .answer.invalid .sentence', { hasText: reply.includes('300') ? '300' : /\S/ }).waitFor();
      const card = await page.locator('.card').innerText();
      assertEqual(card.split(example).length - 1, 1, `${lang} ${JSON.stringify(reply)}: the example appears once in ${JSON.stringify(card)}`);
    }
    assertNoProblems(problems);
  }
}

export async function compatTableMarksTheControlFamilyForEveryForm({ openPage }) {
  const { page, problems } = await open(openPage);
  const cases = [
    [NAT_REPLY, '203.0.113.10', 'IPv4'],
    [NAT_REPLY, '2001:db8::7', 'IPv6'],
    ['229 Entering Extended Passive Mode (|||50006|)', '2001:db8::7', 'IPv6'],
    ['228 Entering Long Passive Mode (4,4,192,0,2,10,2,156,64)', '203.0.113.10', 'IPv4'],
    ['PORT 192,0,2,10,156,64', '2001:db8::7', 'IPv6'],
    ['EPRT |2|2001:db8::7|5282|', '203.0.113.10', 'IPv4'],
  ];
  // The table is detail: under "More", in the 227 vs 229 tab.
  const compat = page.locator('.extras-root .compat');
  for (const [i, [reply, control, row]] of cases.entries()) {
    await page.fill('#reply', reply);
    await page.fill('#control', control);
    if (i === 0) {
      await page.locator('.extras-toggle').click();
      await page.locator('.extras-tab', { hasText: msg('en', 'extras.tab-compare') }).click();
    }
    await compat.locator('tr.current th', { hasText: row }).waitFor();
    const current = await compat.locator('tr.current th').allInnerTexts();
    assertEqual(JSON.stringify(current), JSON.stringify([row]), `${reply} over ${control}: the marked row`);
  }
  assertEqual(await page.locator('.card > .compat').count(), 0, 'not on the card itself');
  await page.fill('#control', '');
  await page.fill('#reply', NAT_REPLY);
  await compat.waitFor();
  await page.waitForTimeout(100);
  assertEqual(await compat.locator('tr.current').count(), 0, 'no row is marked without a control IP');
  assertNoProblems(problems);
}

export async function screenReaderSummaryUsesTheActiveWording({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`);
    const live = page.locator('.results [aria-live="polite"]');
    for (const line of ['PORT 192,0,2,10,156,64', 'EPRT |1|192.0.2.10|40000|', 'LPRT 4,4,192,0,2,10,2,156,64']) {
      await page.fill('#reply', line);
      await page.waitForSelector('.card .endpoint');
      const said = await live.innerText();
      assert(said.includes(`${msg(lang, 'ui.connect-to-active')}: 192.0.2.10:40000`), `${lang} ${line}: ${JSON.stringify(said)}`);
      assertEqual(
        (await page.locator('.endpoint .wide dt').innerText()).trim(),
        msg(lang, 'ui.connect-to-active'),
        'the card says the same',
      );
    }
    await page.fill('#reply', NAT_REPLY);
    await page.locator('.results [aria-live="polite"]', { hasText: `${msg(lang, 'ui.connect-to')}: 10.0.0.12:40000` }).waitFor();
    assertNoProblems(problems);
  }
}

export async function addressAndPortCopyButtonsConfirm({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await open(openPage, `?lang=${lang}`, CLIPBOARD);
    await page.fill('#reply', NAT_REPLY);
    await page.waitForSelector('.card .endpoint');
    const address = page.locator('.endpoint .value.address');
    const port = page.locator('.endpoint .value.port');
    assertEqual(await address.locator('[role="status"]').count(), 1, 'the address has a polite status');
    assertEqual(await port.locator('[role="status"]').count(), 1, 'the port has a polite status');
    await address.locator('button.copy').click();
    await address.locator('.copy-status', { hasText: msg(lang, 'ui.copied-value', { value: '10.0.0.12' }) }).waitFor();
    assertEqual(await page.evaluate(() => navigator.clipboard.readText()), '10.0.0.12', 'address copied');
    await port.locator('button.copy').click();
    await port.locator('.copy-status', { hasText: msg(lang, 'ui.copied-value', { value: '40000' }) }).waitFor();
    assertEqual(await page.evaluate(() => navigator.clipboard.readText()), '40000', 'port copied');
    // A clipboard that refuses is said so.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await address.locator('button.copy').click();
    await address.locator('.copy-status', { hasText: msg(lang, 'ui.copy-text-failed') }).waitFor();
    assertNoProblems(problems);
  }
}

export async function commandMenuOffersPassiveCommandsOnly({ openPage }) {
  const { page, problems } = await open(openPage);
  const options = await page.locator('#sent option').evaluateAll((os) => os.map((o) => o.value));
  assertEqual(JSON.stringify(options), JSON.stringify(['', 'PASV', 'EPSV', 'LPSV']), 'menu entries');
  // An old link naming an active command selects nothing, and still works.
  for (const sent of ['PORT', 'EPRT', 'LPRT']) {
    const params = new URLSearchParams({ reply: NAT_REPLY, sent, lang: 'en' });
    await page.goto(new URL(`?${params}`, page.url()).href);
    await waitForApp(page);
    await page.waitForSelector('.card .endpoint');
    assertEqual(await page.inputValue('#sent'), '', `${sent}: nothing selected`);
    assertEqual(await page.locator('.card .sent').count(), 0, `${sent}: the card answers no command`);
    assert(!queryOf(page).has('sent'), `${sent}: dropped from the URL`);
  }
  assertNoProblems(problems);
}
