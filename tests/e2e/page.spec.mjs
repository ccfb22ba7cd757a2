// End-to-end tests of the decoder page, written as what a person does:
// type a reply, switch language, try the examples, paste something hostile,
// use the keyboard. Links and copying: page-share.spec.mjs; phones, dark
// mode and scrollbars: page-layout.spec.mjs and page-scrollbars.spec.mjs.
//
// Expected wording is read from the core's message catalog
// (crates/pasv-core/locales/*.toml), so rewording a translation does not
// break these tests. Every test also requires a clean page (no console
// errors, CSP violations, failed or foreign requests; see fixtures.mjs).
import { test, expect, msg, waitForApp } from './fixtures.mjs';
import { CLIPBOARD, IMG, MALFORMED, NAT_REPLY, SCRIPT, open, queryOf, typeReply, waitForLabel } from './page-helpers.mjs';

async function labelOf(page, id) {
  return (await page.locator(`label[for="${id}"]`).innerText()).trim();
}

test('a typed reply shows the IP and the port', async ({ page }) => {
  await open(page);
  expect((await page.locator('.welcome').innerText()).trim(), 'welcome text before any input').toBe(msg('en', 'ui.welcome'));
  await typeReply(page, NAT_REPLY);
  await page.waitForSelector('.card .endpoint');
  await expect(page.locator('.endpoint .says-address'), 'address').toHaveText('10.0.0.12');
  await expect(page.locator('.endpoint .says-port'), 'port').toHaveText('40000');
  const sum = (await page.locator('.arithmetic .sum').innerText()).replace(/\s+/g, ' ');
  expect(sum, 'arithmetic').toContain('156 × 256 + 64');
  expect(sum, 'arithmetic').toContain('40000');
  await expect(page.locator('.arithmetic .sum'), 'spoken arithmetic').toHaveAttribute(
    'aria-label',
    msg('en', 'ui.arithmetic', { p1: 156, p2: 64, port: 40000 }),
  );
  // The address and port bytes are highlighted behind the text.
  expect((await page.locator('.backdrop mark.hl-port').allInnerTexts()).join(' '), 'port marks').toBe('156 64');
  expect(await page.inputValue('#reply'), 'the textarea keeps what was typed').toBe(NAT_REPLY);
  expect(queryOf(page).get('reply'), 'the URL is a permalink').toBe(NAT_REPLY);
});

test('the language switch keeps the input and persists', async ({ page }) => {
  await open(page, '');
  await waitForLabel(page, 'en');
  await typeReply(page, NAT_REPLY);
  await page.fill('#control', '203.0.113.10');
  await page.waitForSelector('.card .endpoint');

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await waitForLabel(page, 'vi');
  expect(await labelOf(page, 'control'), 'control label').toBe(msg('vi', 'ui.control-label'));
  expect(await labelOf(page, 'sent'), 'sent label').toBe(msg('vi', 'ui.sent-label'));
  expect((await page.locator('.copy-link').innerText()).trim(), 'copy button').toBe(msg('vi', 'ui.copy-link'));
  expect((await page.locator('.card h3').innerText()).trim(), 'card heading').toBe(msg('vi', 'kind.pasv'));
  expect(await page.inputValue('#reply'), 'reply kept').toBe(NAT_REPLY);
  expect(await page.inputValue('#control'), 'control kept').toBe('203.0.113.10');
  expect(await page.locator('.endpoint .target').innerText(), 'result kept').toBe('203.0.113.10:40000');
  await expect(page.locator('html'), '<html lang>').toHaveAttribute('lang', 'vi');
  await expect(page, 'document.title').toHaveTitle(msg('vi', 'ui.page-title'));
  expect(queryOf(page).get('lang'), 'lang in the URL').toBe('vi');
  await expect(page.locator('.lang-button[lang="vi"]'), 'pressed state').toHaveAttribute('aria-pressed', 'true');

  // The choice survives a visit without parameters.
  await page.goto('');
  await waitForApp(page);
  await waitForLabel(page, 'vi');
  expect(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'saved choice').toBe('vi');
  await expect(page.locator('html'), '<html lang> after reload').toHaveAttribute('lang', 'vi');
  expect(queryOf(page).get('lang'), 'lang in the URL after reload').toBe('vi');

  // And back to English, with the text kept.
  await typeReply(page, NAT_REPLY);
  await page.getByRole('button', { name: 'English' }).click();
  await waitForLabel(page, 'en');
  expect(await page.inputValue('#reply'), 'reply kept').toBe(NAT_REPLY);
  await expect(page.locator('html'), '<html lang>').toHaveAttribute('lang', 'en');
  await expect(page, 'document.title').toHaveTitle(msg('en', 'ui.page-title'));
  expect(queryOf(page).get('lang'), 'lang in the URL').toBe('en');
  await page.reload();
  await waitForApp(page);
  await waitForLabel(page, 'en');
  expect(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'saved choice').toBe('en');
});

test('a malformed reply shows a localized error and a mark', async ({ page }) => {
  await open(page, '?lang=vi');
  await typeReply(page, MALFORMED);
  await page.waitForSelector('.card .answer.invalid');
  await expect(page.locator('.answer .state'), 'the state says invalid').toContainText(msg('vi', 'ui.state-invalid'));
  const vi = (await page.locator('.answer .sentence').innerText()).trim();
  expect(vi, 'the error names the bad value').toContain('300');
  expect(await page.locator('.backdrop mark.hl-error').allInnerTexts(), 'error mark').toEqual(['300']);

  // The mark sits behind the offending characters of the textarea.
  const mark = await page.locator('.backdrop mark.hl-error').boundingBox();
  const area = await page.locator('#reply').boundingBox();
  expect(mark && mark.width > 0 && mark.height > 0, 'the error mark is visible').toBe(true);
  const inside = mark.x >= area.x && mark.x + mark.width <= area.x + area.width && mark.y >= area.y && mark.y + mark.height <= area.y + area.height;
  expect(inside, `the error mark lies inside the textarea: ${JSON.stringify({ mark, area })}`).toBe(true);
  const colour = await page.locator('.backdrop mark.hl-error').evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(['rgba(0, 0, 0, 0)', 'transparent'], 'the error mark has a background').not.toContain(colour);

  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.answer .state', { hasText: msg('en', 'ui.state-invalid') }).waitFor();
  const en = (await page.locator('.answer .sentence').innerText()).trim();
  expect(en, 'the English error differs from the Vietnamese one').not.toBe(vi);
  expect(en, 'the English error names the bad value').toContain('300');
  expect(await page.locator('.backdrop mark.hl-error').allInnerTexts(), 'mark after switching').toEqual(['300']);
});

test('the examples strip loads each example', async ({ page }) => {
  await open(page);
  const buttons = page.locator('.examples button.example');
  const count = await buttons.count();
  expect(count, 'examples').toBeGreaterThanOrEqual(5);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const expected = await button.getAttribute('title');
    await button.click();
    await expect(page.locator('#reply'), `example ${i} in the field`).toHaveValue(expected);
    await page.waitForSelector('.card');
    const heading = (await page.locator('.card h3').first().innerText()).trim();
    expect(heading.length, `example ${i} shows a result`).toBeGreaterThan(0);
    // A text of several lines goes into the URL once the core has judged it no session log.
    await expect.poll(() => queryOf(page).get('reply'), { message: `example ${i} is in the URL`, timeout: 10_000 }).toBe(expected);
  }
  // The malformed one ends in an error, the NAT one in a finding.
  await page.getByRole('button', { name: msg('en', 'example.malformed') }).click();
  await page.waitForSelector('.backdrop mark.hl-error');
  await page.getByRole('button', { name: msg('en', 'example.nat') }).click();
  await page.waitForSelector('.finding[data-id="nat-unroutable-address"]');
  expect(await page.inputValue('#control'), 'the NAT example brings its control IP').toBe('203.0.113.10');
});

test('markup is shown as text and never runs', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  // What the page asks for; an injected <img src=x> would ask for /x.
  const requested = [];
  page.context().on('request', (r) => {
    const u = new URL(r.url());
    requested.push(u.pathname + u.search);
  });

  await open(page);
  const payload = `${IMG}\n${SCRIPT}\n227 Entering Passive Mode (${IMG},${SCRIPT})`;
  await page.fill('#reply', payload);
  await page.fill('#control', IMG);
  await page.locator('#control-help.invalid').waitFor();
  await page.waitForTimeout(300); // an injected <img src=x> would have failed by now
  expect(await page.inputValue('#reply'), 'reply kept verbatim').toBe(payload);
  expect(await page.inputValue('#control'), 'control kept verbatim').toBe(IMG);
  expect(await page.locator('#app img, #app script, #app iframe, #app svg').count(), 'markup became elements').toBe(0);
  const mirror = await page.locator('.backdrop .highlights').textContent();
  expect(mirror, 'the highlight mirror shows the text').toContain(IMG);
  expect(mirror, 'the highlight mirror shows the text').toContain(SCRIPT);
  await expect(page.locator('#control-help'), 'the control help shows the text').toContainText(IMG);
  expect((await page.locator('.results').innerText()).length, 'results still render').toBeGreaterThan(0);

  // The same through the URL, in every parameter.
  const params = new URLSearchParams({ reply: SCRIPT, control: IMG, sent: IMG, lang: SCRIPT });
  await page.goto(`?${params}`);
  await waitForApp(page);
  await page.waitForSelector('#reply');
  await page.waitForTimeout(300);
  expect(await page.inputValue('#reply'), 'reply from the URL').toBe(SCRIPT);
  expect(await page.inputValue('#control'), 'control from the URL').toBe(IMG);
  expect(await page.inputValue('#sent'), 'an unknown command is ignored').toBe('');
  expect(await page.getAttribute('html', 'lang'), 'an unknown language falls back').toBe('en');
  expect(await page.locator('#app img, #app script, #app iframe, #app svg').count(), 'markup from the URL became elements').toBe(0);
  expect(await page.locator('.backdrop .highlights').textContent(), 'shown as text').toContain(SCRIPT);

  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(requested.filter((p) => /\/x(\?|$)/.test(p)), 'an injected <img src=x> was requested').toEqual([]);
  // The guard checks the rest: no CSP violation (nothing even tried to run).
});

test.describe('with a clipboard', () => {
  test.use(CLIPBOARD);

  test('no request leaves the origin after load', async ({ page, problems, baseURL }) => {
    await open(page, '?lang=en');
    await page.waitForLoadState('networkidle');
    const origin = new URL(baseURL).origin;
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
    expect(foreign, 'requests to other origins').toEqual([]);
    expect(problems.foreignRequests, 'foreign requests').toEqual([]);
    // Decoding itself needs nothing from the network: only the on-demand extras
    // module (and the stylesheet its shadow root links), the analysis worker
    // it starts for multi-line text, and the favicon, which Chromium may fetch
    // again when the URL changes.
    const allowed = (path) => path.includes('/extras/') || path.includes('/worker/') || path.endsWith('/static/analysis-worker.js') || path.endsWith('/static/style.css') || path.endsWith('/static/extras.css') || path.endsWith('/favicon.svg');
    expect(after.filter((u) => !allowed(new URL(u).pathname)), 'requests while decoding').toEqual([]);
  });
});

test('the keyboard reaches every control, with a visible focus', async ({ page }) => {
  await open(page, `?${new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', lang: 'en' })}`);
  await page.waitForSelector('.card .finding .finding-summary');

  // Every control a person can use, tagged so the walk below can name them.
  const total = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('#app button, #app textarea, #app input, #app select, #app a[href]')].filter(
      // checkVisibility: a closed <details> keeps boxes for its hidden content.
      (e) => !e.disabled && e.getClientRects().length > 0 && e.checkVisibility(),
    );
    controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    return controls.length;
  });
  expect(total, 'controls found').toBeGreaterThanOrEqual(15);

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
  expect(names.filter((_, i) => !reached.has(String(i))), 'not reachable with Tab').toEqual([]);

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
  expect(invisible, 'no visible focus style on').toEqual([]);
});

test('the default language follows the browser', async ({ openPage }) => {
  const vi = await openPage('', { locale: 'vi-VN' });
  await open(vi.page, null);
  await waitForLabel(vi.page, 'vi');
  await expect(vi.page.locator('html'), 'vi-VN browser').toHaveAttribute('lang', 'vi');
  await expect(vi.page, 'title').toHaveTitle(msg('vi', 'ui.page-title'));

  // A lang parameter wins over the browser.
  const en = await openPage('?lang=en', { locale: 'vi-VN' });
  await open(en.page, null);
  await waitForLabel(en.page, 'en');
  // So does a saved choice: the person picks English, then comes back
  // without parameters.
  await vi.page.getByRole('button', { name: 'English' }).click();
  await waitForLabel(vi.page, 'en');
  await vi.page.goto('./');
  await waitForApp(vi.page);
  await waitForLabel(vi.page, 'en');

  const us = await openPage('', { locale: 'en-US' });
  await open(us.page, null);
  await waitForLabel(us.page, 'en');
  await expect(us.page.locator('html'), 'en-US browser').toHaveAttribute('lang', 'en');
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });

  test("a link's language is not saved, only a chosen one", async ({ page }) => {
    await open(page, '?lang=vi');
    await waitForLabel(page, 'vi');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'opening a ?lang=vi link saves nothing').toBeNull();
    // The next visit without parameters follows the browser again.
    await page.goto('');
    await waitForApp(page);
    await waitForLabel(page, 'en');
    // Pressing a language button is a choice, and is remembered.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await waitForLabel(page, 'vi');
    expect(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'the chosen language is saved').toBe('vi');
    await page.goto('?lang=en');
    await waitForLabel(page, 'en');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => localStorage.getItem('pasv-lens-lang')), 'a ?lang=en link does not overwrite it').toBe('vi');
    await page.goto('');
    await waitForLabel(page, 'vi');
  });
});

for (const lang of ['en', 'vi']) {
  test(`the valid example is shown once (${lang})`, async ({ page }) => {
    const example = '227 Entering Passive Mode (192,0,2,10,156,64).';
    await open(page, `?lang=${lang}`);
    for (const reply of ['227 Entering Passive Mode', '227 Entering Passive Mode (192,0,2,10,156)', MALFORMED]) {
      await page.fill('#reply', reply);
      await page.locator('.card .answer.invalid .sentence', { hasText: reply.includes('300') ? '300' : /\S/ }).waitFor();
      const card = await page.locator('.card').innerText();
      expect(card.split(example).length - 1, `${JSON.stringify(reply)}: the example appears once in ${JSON.stringify(card)}`).toBe(1);
    }
  });
}

test('the compatibility table marks the control family for every form', async ({ page }) => {
  await open(page);
  // Forms that work over both families for the same reason get one row.
  const both = msg('en', 'extras.compat.both');
  const cases = [
    [NAT_REPLY, '203.0.113.10', 'IPv4'],
    [NAT_REPLY, '2001:db8::7', 'IPv6'],
    ['229 Entering Extended Passive Mode (|||50006|)', '2001:db8::7', both],
    ['228 Entering Long Passive Mode (4,4,192,0,2,10,2,156,64)', '203.0.113.10', both],
    ['PORT 192,0,2,10,156,64', '2001:db8::7', 'IPv6'],
    ['EPRT |2|2001:db8::7|5282|', '203.0.113.10', both],
  ];
  // The table is detail: under the card's "Details" (a new form or control
  // IP closes it again).
  const compat = page.locator('.card-details .compat');
  const openDetails = async () => {
    const summary = page.locator('.card-details:not([open]) > summary');
    if (await summary.count()) await summary.click();
  };
  for (const [reply, control, row] of cases) {
    await page.fill('#reply', reply);
    await page.fill('#control', control);
    // The card may render again after the fill: open until the row shows.
    await expect(async () => {
      await openDetails();
      await expect(compat.locator('tr.current th', { hasText: row })).toBeVisible({ timeout: 1000 });
    }).toPass();
    expect(await compat.locator('tr.current th').allInnerTexts(), `${reply} over ${control}: the marked row`).toEqual([row]);
  }
  expect(await page.locator('.card > .compat').count(), 'not on the card itself').toBe(0);
  await page.fill('#control', '');
  await page.fill('#reply', NAT_REPLY);
  await expect(async () => {
    await openDetails();
    await expect(compat).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.waitForTimeout(100);
  expect(await compat.locator('tr.current').count(), 'no row is marked without a control IP').toBe(0);
});

for (const lang of ['en', 'vi']) {
  test(`the screen-reader summary uses the active wording (${lang})`, async ({ page }) => {
    await open(page, `?lang=${lang}`);
    const live = page.locator('.results [aria-live="polite"]');
    for (const line of ['PORT 192,0,2,10,156,64', 'EPRT |1|192.0.2.10|40000|', 'LPRT 4,4,192,0,2,10,2,156,64']) {
      await page.fill('#reply', line);
      await page.waitForSelector('.card .endpoint');
      await expect(live, line).toContainText(`${msg(lang, 'ui.connect-to-active')}: 192.0.2.10:40000`);
      expect((await page.locator('.endpoint .wide dt').innerText()).trim(), 'the card says the same').toBe(msg(lang, 'ui.connect-to-active'));
    }
    await page.fill('#reply', NAT_REPLY);
    await page.locator('.results [aria-live="polite"]', { hasText: `${msg(lang, 'ui.connect-to')}: 10.0.0.12:40000` }).waitFor();
  });
}

test('the command menu offers passive commands only', async ({ page }) => {
  await open(page);
  const options = await page.locator('#sent option').evaluateAll((os) => os.map((o) => o.value));
  expect(options, 'menu entries').toEqual(['', 'PASV', 'EPSV', 'LPSV']);
  // An old link naming an active command selects nothing, and still works.
  for (const sent of ['PORT', 'EPRT', 'LPRT']) {
    await page.goto(`?${new URLSearchParams({ reply: NAT_REPLY, sent, lang: 'en' })}`);
    await waitForApp(page);
    await page.waitForSelector('.card .endpoint');
    expect(await page.inputValue('#sent'), `${sent}: nothing selected`).toBe('');
    expect(await page.locator('.card .sent').count(), `${sent}: the card answers no command`).toBe(0);
    expect(queryOf(page).has('sent'), `${sent}: dropped from the URL`).toBe(false);
  }
});
