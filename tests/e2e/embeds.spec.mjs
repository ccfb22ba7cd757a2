// Embeds that fit a documentation site: compact results (iframe `compact=1`,
// widget `data-compact`) and their height at 700 px, the theme chosen by the
// host (`theme=`, `data-theme`, the host's color-scheme), and the "More"
// panel's progress and prefetch. npx playwright test tests/e2e/embeds.spec.mjs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, msg } from './fixtures.mjs';
import { assertNoProblems } from './lib.mjs';

const assert = (cond, message) => expect(cond, message).toBeTruthy();
const assertEqual = (actual, expected, message) => expect(actual, message).toBe(expected);

const SHOTS = process.env.EMBED_SHOT_DIR || '/tmp/shots-embeds';
const EPSV = '229 Entering Extended Passive Mode (|||50006|)';
const NAT = '227 Entering Passive Mode (10,0,0,12,156,64).';
const CONTROL = '203.0.113.10';
// The page's colours (static/style.css): --surface light and dark.
const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(29, 33, 37)' };

/** Serve `html` at `path` (same origin as the page) for this page only, then open it. */
async function openHostPage(openPage, baseUrl, path, html, options = {}) {
  const opened = await openPage(null, options);
  const url = new URL(path, baseUrl).href;
  await opened.page.route((u) => u.href.split('?')[0] === url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await opened.page.goto(url);
  return opened;
}

const frameSrc = (query) => `../?embed=1&${new URLSearchParams(query)}`;

/** A host page with one iframe that sizes itself from the frame's messages. */
function frameHost({ src, width = 700, scheme = '' }) {
  return `<!doctype html><html lang="en" style="${scheme ? `color-scheme:${scheme}` : ''}"><head><meta charset="utf-8"><title>Frame host</title></head>
<body style="margin:0">
<iframe id="frame" title="PASV Lens" src="${src.replaceAll('&', '&amp;')}" style="display:block;border:0;width:${width}px;height:900px"></iframe>
<script>
  const frame = document.getElementById('frame');
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.data?.type !== 'pasv-lens:height') return;
    frame.style.height = Math.ceil(e.data.height) + 'px';
    frame.dataset.height = e.data.height;
  });
</script></body></html>`;
}

/** A host page with widgets; `attrs` per widget. */
function widgetHost(widgets, { scheme = '', width = 700 } = {}) {
  const divs = widgets
    .map(({ id, ...attrs }) => `<div id="${id}" data-pasv-lens style="width:${width}px" ${Object.entries(attrs).map(([k, v]) => `data-${k}="${v}"`).join(' ')}></div>`)
    .join('\n');
  return `<!doctype html><html lang="en" style="${scheme ? `color-scheme:${scheme}` : ''}"><head><meta charset="utf-8"><title>Widget host</title>
<script type="module" src="pasv-lens.js"></script></head><body style="margin:8px">${divs}</body></html>`;
}

async function frameHeight(page) {
  await page.waitForFunction(() => {
    const frame = document.getElementById('frame');
    const root = frame.contentDocument?.getElementById('app');
    return frame.dataset.height && root?.querySelector('.card') && Math.abs(root.getBoundingClientRect().height - Number(frame.dataset.height)) <= 2;
  }, null, { timeout: 30_000 });
  return page.evaluate(() => Number(document.getElementById('frame').dataset.height));
}

async function compactFrameShowsTheResultOnlyAndFits({ openPage, baseUrl }) {
  await mkdir(SHOTS, { recursive: true });
  const heights = {};
  for (const lang of ['en', 'vi']) {
    for (const [name, reply] of [['229', EPSV], ['227-nat', NAT]]) {
      const src = frameSrc({ compact: 1, lang, control: CONTROL, reply });
      const { page, problems } = await openHostPage(openPage, baseUrl, 'static/compact-host.html', frameHost({ src }));
      const height = await frameHeight(page);
      heights[`${name} ${lang}`] = height;
      const frame = page.frameLocator('#frame');
      assertEqual(await frame.locator('textarea, .input-panel, .options, .examples').count(), 0, 'no input panel in a compact frame');
      assertEqual(await frame.locator('.findings, .extras-toggle').first().isVisible().catch(() => false), false, 'no findings or More');
      const state = await frame.locator('.answer .state').innerText();
      assert(state.length > 0, 'the verdict is shown');
      const values = await frame.locator('.endpoint').innerText();
      assert(values.includes(name === '229' ? '50006' : '40000'), `values: ${values}`);
      if (name === '227-nat') assert((await frame.locator('.arithmetic').innerText()).includes('156'), 'the arithmetic');
      const link = frame.locator('a.open-full');
      assertEqual(await link.innerText(), msg(lang, 'ui.embed.open-full'), 'the link to the full page');
      assertEqual(await link.getAttribute('target'), '_blank', 'opens in a new tab');
      const href = new URL(await link.getAttribute('href'));
      assertEqual(href.searchParams.get('reply'), reply, 'the permalink carries the reply');
      assertEqual(href.searchParams.get('control'), CONTROL, 'and the control IP');
      assertEqual(href.searchParams.get('embed'), null, 'the full page, not the frame');
      assertEqual(href.pathname, new URL(baseUrl).pathname, 'the page PASV Lens is served at');
      // The frame keeps its options (a reload stays compact) and its language.
      const inner = page.frame({ url: /embed=1/ });
      assert(inner.url().includes('compact=1'), `frame URL keeps compact=1: ${inner.url()}`);
      assertEqual(await inner.evaluate(() => document.documentElement.lang), lang, '<html lang> of the frame');
      if (name === '229') assert(height <= 300, `a compact 229 at 700 px is ${height} px high (at most 300)`);
      await page.screenshot({ path: join(SHOTS, `compact-frame-${name}-${lang}-700.png`), fullPage: true });
      assertNoProblems(problems);
    }
  }
  console.log(`    compact frame heights at 700 px: ${JSON.stringify(heights)}`);
}

async function compactWidgetFitsAndLinksToThePage({ openPage, baseUrl }) {
  const html = widgetHost([
    { id: 'w229', compact: '', lang: 'en', control: CONTROL, reply: EPSV },
    { id: 'wnat', compact: '', lang: 'vi', control: CONTROL, reply: NAT },
    { id: 'full', lang: 'en', reply: EPSV },
  ]);
  const { page, problems } = await openHostPage(openPage, baseUrl, 'static/compact-widgets.html', html);
  await page.waitForFunction(() => ['w229', 'wnat', 'full'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.card')), null, { timeout: 30_000 });
  await page.waitForFunction(() => [...document.getElementById('w229').shadowRoot.querySelectorAll('link')].every((l) => l.sheet));
  const box = (id) => page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
  const h229 = await box('w229');
  const hNat = await box('wnat');
  console.log(`    compact widget heights at 700 px: 229 en ${h229}, 227 NAT vi ${hNat}; full widget ${await box('full')}`);
  assert(h229 <= 300, `a compact 229 widget at 700 px is ${h229} px high`);
  const counts = await page.evaluate(() =>
    Object.fromEntries(['w229', 'full'].map((id) => [id, document.getElementById(id).shadowRoot.querySelectorAll('textarea').length])),
  );
  assertEqual(counts.w229, 0, 'no input in a compact widget');
  assertEqual(counts.full, 1, 'a widget without data-compact keeps its input');
  const href = await page.evaluate(() => document.getElementById('wnat').shadowRoot.querySelector('a.open-full').href);
  const url = new URL(href);
  assertEqual(url.origin + url.pathname, baseUrl, 'links to the page next to static/');
  assertEqual(url.searchParams.get('lang'), 'vi', 'in the widget’s language');
  assertEqual(url.searchParams.get('reply'), NAT, 'with the reply');
  await page.screenshot({ path: join(SHOTS, 'compact-widgets-700.png'), fullPage: true });
  assertNoProblems(problems);
}

/** The background of the first card: light or dark. */
async function cardScheme(locator) {
  const bg = await locator.evaluate((el) => getComputedStyle(el).backgroundColor);
  const scheme = Object.entries(SURFACE).find(([, v]) => v === bg)?.[0];
  assert(scheme, `card background ${bg} is neither surface colour`);
  return scheme;
}

async function frameThemeFollowsTheHost({ openPage, baseUrl }) {
  // [system preference, host color-scheme, theme parameter, expected]
  const cases = [
    ['light', '', 'dark', 'dark'],
    ['dark', '', 'light', 'light'],
    ['light', 'dark', null, 'dark'],
    ['dark', 'light', null, 'light'],
    ['dark', '', null, 'light'],
    ['dark', 'light dark', null, 'dark'],
    ['light', 'light dark', null, 'light'],
    ['light', 'dark', 'auto', 'dark'],
  ];
  for (const [os, scheme, theme, expected] of cases) {
    const query = { lang: 'en', compact: 1, control: CONTROL, reply: EPSV, ...(theme ? { theme } : {}) };
    const { page, problems } = await openHostPage(openPage, baseUrl, 'static/theme-host.html', frameHost({ src: frameSrc(query), scheme }), { colorScheme: os });
    await frameHeight(page);
    const got = await cardScheme(page.frameLocator('#frame').locator('.card'));
    assertEqual(got, expected, `system ${os}, host color-scheme "${scheme}", theme=${theme}`);
    if (os === 'light' && scheme === 'dark' && !theme) await page.screenshot({ path: join(SHOTS, 'frame-auto-dark-host.png'), fullPage: true });
    assertNoProblems(problems);
  }
  // A host of any origin can tell the frame its theme later.
  const { page } = await openHostPage(openPage, baseUrl, 'static/theme-host.html', frameHost({ src: frameSrc({ reply: EPSV }) }), { colorScheme: 'light' });
  await frameHeight(page);
  const card = page.frameLocator('#frame').locator('.card');
  assertEqual(await cardScheme(card), 'light', 'before the message');
  await page.evaluate(() => document.getElementById('frame').contentWindow.postMessage({ type: 'pasv-lens:theme', theme: 'dark' }, '*'));
  await page.waitForFunction(() => document.getElementById('frame').contentDocument.documentElement.dataset.theme === 'dark');
  assertEqual(await cardScheme(card), 'dark', 'after {type: "pasv-lens:theme", theme: "dark"}');
}

async function widgetThemeFollowsTheHost({ openPage, baseUrl }) {
  for (const [os, scheme, expected] of [
    ['light', 'dark', { auto: 'dark', light: 'light', dark: 'dark' }],
    ['dark', '', { auto: 'light', light: 'light', dark: 'dark' }],
    ['dark', 'light dark', { auto: 'dark', light: 'light', dark: 'dark' }],
  ]) {
    const html = widgetHost(
      ['auto', 'light', 'dark'].map((theme) => ({ id: theme, theme, compact: '', lang: 'en', control: CONTROL, reply: NAT })),
      { scheme, width: 600 },
    );
    const { page, problems } = await openHostPage(openPage, baseUrl, 'static/theme-widgets.html', html, { colorScheme: os });
    await page.waitForFunction(() => ['auto', 'light', 'dark'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.card')), null, { timeout: 30_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-pasv-lens]')].every((w) => [...w.shadowRoot.querySelectorAll('link')].every((l) => l.sheet)));
    for (const theme of ['auto', 'light', 'dark']) {
      const got = await cardScheme(page.locator(`#${theme} .card`));
      assertEqual(got, expected[theme], `system ${os}, host color-scheme "${scheme}", data-theme=${theme}`);
    }
    // A host that switches its scheme: auto follows at once.
    if (scheme === 'dark') {
      await page.evaluate(() => (document.documentElement.style.colorScheme = 'light'));
      assertEqual(await cardScheme(page.locator('#auto .card')), 'light', 'auto follows the host switching to light');
      await page.evaluate(() => (document.documentElement.style.colorScheme = 'dark'));
    }
    await page.screenshot({ path: join(SHOTS, `widget-themes-${os}-host-${scheme.replace(' ', '-') || 'normal'}.png`), fullPage: true });
    assertNoProblems(problems);
  }
}

/** Requests for the on-demand module's files, in order. */
function recordExtras(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.url().includes('/extras/pasv-lens-extras')) seen.push(r.url().split('/').pop());
  });
  return seen;
}

async function moreIsPrefetchedWhenIdleOrNear({ openPage, baseUrl }) {
  // Idle: a permalink's card is on screen; nothing is clicked or hovered.
  {
    const { page, problems } = await openPage(null);
    const seen = recordExtras(page);
    await page.goto(new URL(`?lang=en&control=${CONTROL}&reply=${encodeURIComponent(NAT)}`, baseUrl).href);
    await page.locator('.extras-toggle').waitFor();
    await page.waitForFunction(() => document.querySelector('link[rel="preload"][href*="extras/"]'), null, { timeout: 15_000 });
    await page.waitForTimeout(300);
    assert(seen.includes('pasv-lens-extras_bg.wasm') && seen.includes('pasv-lens-extras.js'), `idle prefetch: ${seen}`);
    assertNoProblems(problems);
  }
  // Pointer: a visitor who types a reply after the page went idle; entering
  // the card prefetches, before any click.
  {
    const { page, problems } = await openPage(null);
    const seen = recordExtras(page);
    const later = page.waitForRequest((r) => r.url().endsWith('/static/later.js'));
    await page.goto(new URL('?lang=en', baseUrl).href);
    await later;
    await page.locator('textarea').fill(NAT);
    await page.locator('.extras-toggle').waitFor();
    await page.waitForTimeout(500);
    assertEqual(seen.length, 0, `nothing fetched before the pointer comes near: ${seen}`);
    await page.locator('.card .endpoint').hover();
    await page.waitForFunction(() => document.querySelector('link[rel="preload"][href*="extras/"]'));
    await page.waitForTimeout(300);
    assert(seen.includes('pasv-lens-extras_bg.wasm') && seen.includes('pasv-lens-extras.js'), `pointer prefetch before any click: ${seen}`);
    assertNoProblems(problems);
  }
}

async function widgetPrefetchesOnPointerOnly({ openPage, baseUrl }) {
  const html = widgetHost([{ id: 'w', lang: 'en', reply: EPSV }]);
  const { page, problems } = await openHostPage(openPage, baseUrl, 'static/prefetch-widget.html', html);
  const seen = recordExtras(page);
  await page.waitForFunction(() => document.getElementById('w').shadowRoot?.querySelector('.card'), null, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  assertEqual(seen.length, 0, `a page with widgets only fetches nothing more by itself: ${seen}`);
  await page.locator('#w .card').hover();
  await page.waitForFunction(() => 0, null, { timeout: 100 }).catch(() => {});
  await page.waitForTimeout(1000);
  assert(seen.includes('pasv-lens-extras_bg.wasm'), `pointer near the widget prefetches: ${seen}`);
  assertNoProblems(problems);
}

async function morePanelShowsProgressWhileLoading({ openPage, baseUrl }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPage(null);
    // No prefetch: the click starts the load.
    await page.route('**/static/later.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
    // Hold the module's wasm until the progress has been seen.
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route('**/extras/pasv-lens-extras_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(new URL(`?lang=${lang}&control=${CONTROL}&reply=${encodeURIComponent(NAT)}`, baseUrl).href);
    await page.locator('.extras-toggle').click();
    const loading = page.locator('.extras-loading');
    await loading.waitFor({ state: 'visible' });
    assertEqual(await loading.innerText(), msg(lang, 'ui.embed.loading-more'), 'the progress says what loads');
    assertEqual(await loading.getAttribute('role'), 'status', 'announced politely');
    const spinner = await loading.evaluate((el) => getComputedStyle(el, '::before').animationName);
    assertEqual(spinner, 'spin', 'a spinner beside the words');
    await page.screenshot({ path: join(SHOTS, `more-loading-${lang}.png`) });
    release();
    await page.locator('.clients-table').waitFor({ timeout: 30_000 });
    assertEqual(await loading.isVisible(), false, 'the progress goes once the panel is drawn');
    assertNoProblems(problems);
  }
}

async function screenshotsOfCompactEmbedsAndThemes({ openPage, baseUrl }) {
  await mkdir(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    for (const [device, viewport, width] of [['desktop', { width: 1366, height: 768 }, 700], ['phone', { width: 390, height: 844 }, 366]]) {
      for (const lang of ['en', 'vi']) {
        const frame = frameSrc({ compact: 1, lang, control: CONTROL, reply: NAT });
        const html = `<!doctype html><html lang="${lang}" style="color-scheme:${scheme}"><head><meta charset="utf-8"><title>Docs</title>
<style>body{margin:0;padding:12px;font:16px/1.5 Georgia,serif;background:Canvas;color:CanvasText}iframe{display:block;border:0;width:100%}</style>
<script type="module" src="pasv-lens.js"></script></head><body>
<h1>FTP passive mode</h1><p>A compact frame:</p>
<iframe id="frame" title="PASV Lens" src="${frame.replaceAll('&', '&amp;')}"></iframe>
<p>A compact widget:</p>
<div style="max-width:${width}px" data-pasv-lens data-compact data-lang="${lang}" data-control="${CONTROL}" data-reply="${EPSV}"></div>
<script>addEventListener('message', (e) => { const f = document.getElementById('frame'); if (e.source === f.contentWindow && e.data?.type === 'pasv-lens:height') f.style.height = Math.ceil(e.data.height) + 'px'; });</script>
</body></html>`;
        const { page, problems } = await openHostPage(openPage, baseUrl, 'static/docs-shot.html', html, { viewport });
        await page.waitForFunction(() => document.querySelector('[data-pasv-lens]').shadowRoot?.querySelector('.card') && document.getElementById('frame').style.height, null, { timeout: 30_000 });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SHOTS, `docs-${scheme}-${device}-${lang}.png`), fullPage: true });
        assertNoProblems(problems);
      }
    }
  }
}

test('compact frame shows the result only and fits', ({ openPage, baseURL, browser }) => compactFrameShowsTheResultOnlyAndFits({ openPage, baseUrl: baseURL, browser }));
test('compact widget fits and links to the page', ({ openPage, baseURL, browser }) => compactWidgetFitsAndLinksToThePage({ openPage, baseUrl: baseURL, browser }));
test('frame theme follows the host', ({ openPage, baseURL, browser }) => frameThemeFollowsTheHost({ openPage, baseUrl: baseURL, browser }));
test('widget theme follows the host', ({ openPage, baseURL, browser }) => widgetThemeFollowsTheHost({ openPage, baseUrl: baseURL, browser }));
test('more is prefetched when idle or near', ({ openPage, baseURL, browser }) => moreIsPrefetchedWhenIdleOrNear({ openPage, baseUrl: baseURL, browser }));
test('widget prefetches on pointer only', ({ openPage, baseURL, browser }) => widgetPrefetchesOnPointerOnly({ openPage, baseUrl: baseURL, browser }));
test('more panel shows progress while loading', ({ openPage, baseURL, browser }) => morePanelShowsProgressWhileLoading({ openPage, baseUrl: baseURL, browser }));
test('screenshots of compact embeds and themes', ({ openPage, baseURL, browser }) => screenshotsOfCompactEmbedsAndThemes({ openPage, baseUrl: baseURL, browser }));
