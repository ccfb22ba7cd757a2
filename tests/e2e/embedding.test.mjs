// Documentation sites that embed PASV Lens: the widget script must leave the
// host page alone (its own `#app`, URL, title, storage and inherited styles),
// and an iframe must report the height of what it shows, growing and
// shrinking with the "More" panel.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems } from './lib.mjs';

const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';

/** Serve `html` at `path` (below the server's root) for this page only, then open it. */
async function openHostPage(openPage, baseUrl, path, html, query = '') {
  const opened = await openPage(null);
  const url = new URL(path, baseUrl).href;
  await opened.page.route((u) => u.href.split('?')[0].split('#')[0] === url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await opened.page.goto(url + query);
  return opened;
}

export async function widgetScriptLeavesTheHostsAppElementAlone({ openPage, baseUrl, shotDir }) {
  // A documentation site whose own application lives in <div id="app">.
  const html = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Host documentation</title>
    <script type="module" src="pasv-lens.js"></script>
  </head>
  <body>
    <div id="app"><p id="host-own">The documentation site's own app lives here.</p></div>
    <div id="widget" data-pasv-lens data-lang="vi" data-reply="${NAT_REPLY}"></div>
  </body>
</html>`;
  const { page, problems } = await openHostPage(openPage, baseUrl, 'static/docs-with-app.html', html, '?section=intro#top');
  const before = await page.evaluate(() => ({ app: document.getElementById('app').innerHTML, url: location.href }));
  await page.waitForFunction(() => document.getElementById('widget').shadowRoot?.querySelector('.card'), null, { timeout: 30_000 });
  // Let any effect of a mounted page (URL, title, storage) run.
  await page.waitForTimeout(750);
  const after = await page.evaluate(() => ({
    app: document.getElementById('app').innerHTML,
    url: location.href,
    title: document.title,
    lang: document.documentElement.lang,
    storage: JSON.stringify({ ...localStorage }),
  }));
  await page.screenshot({ path: join(shotDir, 'embedding-host-app.png'), fullPage: true });
  assertEqual(after.app, before.app, "the host's #app keeps its own content");
  assertEqual(after.url, before.url, 'the host URL is untouched (no ?lang=…)');
  assertEqual(after.url.endsWith('/static/docs-with-app.html?section=intro#top'), true, `host URL: ${after.url}`);
  assertEqual(after.title, 'Host documentation', 'the host title is untouched');
  assertEqual(after.lang, 'fr', 'the host <html lang> is untouched');
  assertEqual(after.storage, '{}', 'nothing written to localStorage');
  // The widget itself works, in its own language.
  const text = await page.evaluate(() => document.getElementById('widget').shadowRoot.textContent);
  assert(text.includes('10.0.0.12') && text.includes('40000'), `widget result: ${text.slice(0, 200)}`);
  assertNoProblems(problems);
}

export async function frameHeightFollowsTheMorePanel({ openPage, baseUrl, shotDir }) {
  // A host page that sizes the frame from its messages. The frame starts much
  // taller than its content: the reported height must still be the content's.
  const src = `../?embed=1&lang=en&control=203.0.113.10&reply=${encodeURIComponent(NAT_REPLY)}`;
  const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Frame host</title></head>
  <body style="margin:0">
    <iframe id="frame" title="PASV Lens" src="${src}" style="display:block;border:0;width:720px;height:2400px"></iframe>
    <script>
      window.heights = [];
      const frame = document.getElementById('frame');
      addEventListener('message', (event) => {
        if (event.source !== frame.contentWindow || event.data?.type !== 'pasv-lens:height') return;
        window.heights.push(event.data.height);
        frame.style.height = Math.ceil(event.data.height) + 'px';
      });
    </script>
  </body>
</html>`;
  const { page, problems } = await openHostPage(openPage, baseUrl, 'static/frame-host.html', html);
  const frame = page.frameLocator('#frame');
  await frame.locator('.card').first().waitFor({ timeout: 30_000 });
  const contentHeight = () =>
    page.evaluate(() => {
      const doc = document.getElementById('frame').contentDocument;
      return Math.ceil(doc.querySelector('.page').getBoundingClientRect().height);
    });
  const last = () => page.evaluate(() => window.heights.at(-1) ?? 0);
  /** Wait until the last reported height matches the content (±2 px) and report it. */
  const settled = async (what) => {
    try {
      await page.waitForFunction(
        () => {
          const doc = document.getElementById('frame').contentDocument;
          const page = doc?.querySelector('.page');
          const h = window.heights.at(-1);
          return page && h !== undefined && Math.abs(h - page.getBoundingClientRect().height) <= 2;
        },
        null,
        { timeout: 10_000 },
      );
    } catch {
      throw new Error(`${what}: reported ${await last()} px, content is ${await contentHeight()} px; messages ${JSON.stringify(await page.evaluate(() => window.heights))}`);
    }
    return last();
  };
  const initial = await settled('initial height');
  assert(initial > 200 && initial < 2000, `initial height ${initial} is the content's, not the 2400 px frame's`);

  // Opening "More" grows the content (the panel renders in a shadow root).
  await frame.locator('.extras-toggle').click();
  await frame.locator('.clients-table').waitFor({ timeout: 30_000 });
  const opened = await settled('after opening More');
  assert(opened > initial + 100, `the posted height grew with the panel: ${initial} → ${opened}`);
  // Another tab of a different height is reported too.
  await frame.locator('.extras-tab').nth(4).click();
  await frame.locator('.steps').waitFor();
  const stepsHeight = await settled('after switching to the steps tab');
  assert(stepsHeight !== opened, `switching tabs reported a new height (${opened} → ${stepsHeight})`);
  await page.screenshot({ path: join(shotDir, 'embedding-frame-more.png'), fullPage: true });

  // Closing it shrinks it back.
  await frame.locator('.extras-toggle').click();
  await frame.locator('.extras-root').waitFor({ state: 'detached' });
  const closed = await settled('after closing More');
  assert(Math.abs(closed - initial) <= 2, `closing More shrank the height back: ${initial} → ${opened} → ${closed}`);
  assertNoProblems(problems);
}

export async function widgetIgnoresInheritedHostStyles({ openPage, shotDir }) {
  const { page, problems } = await openPage('static/embed.html');
  // The widget is rendered and its stylesheet applied.
  await page.waitForFunction(
    () => {
      const root = document.getElementById('widget-en').shadowRoot;
      return root?.querySelector('.card') && [...root.querySelectorAll('link[rel="stylesheet"]')].every((l) => l.sheet);
    },
    null,
    { timeout: 30_000 },
  );
  const styles = () =>
    page.evaluate(() => {
      const root = document.getElementById('widget-en').shadowRoot;
      const props = ['textTransform', 'letterSpacing', 'textAlign', 'fontStyle', 'fontSize', 'fontWeight', 'lineHeight', 'wordSpacing', 'fontFamily'];
      const out = {};
      for (const sel of ['.page', '.card h3', '.card .value', 'label', 'textarea', '.extras-toggle', '.finding, .card p']) {
        const el = root.querySelector(sel);
        if (!el) continue;
        const cs = getComputedStyle(el);
        out[sel] = Object.fromEntries(props.map((p) => [p, cs[p]]));
      }
      return out;
    });
  const clean = await styles();
  assert(Object.keys(clean).length >= 5, `widget elements found: ${Object.keys(clean)}`);
  // A host page with unusual inherited styles on its body.
  await page.evaluate(() =>
    Object.assign(document.body.style, {
      textTransform: 'uppercase',
      letterSpacing: '3px',
      wordSpacing: '9px',
      textAlign: 'right',
      fontSize: '30px',
      fontStyle: 'italic',
      fontWeight: '200',
      lineHeight: '3',
      fontFamily: 'serif',
    }),
  );
  const styled = await styles();
  await page.screenshot({ path: join(shotDir, 'embedding-widget-host-styles.png'), fullPage: true });
  for (const [sel, props] of Object.entries(clean)) {
    for (const [prop, value] of Object.entries(props)) {
      assertEqual(styled[sel][prop], value, `${sel} ${prop} inside the widget with host body styles`);
    }
  }
  // The host's own text does take its styles (nothing leaks out either).
  assertEqual(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).textTransform), 'uppercase', 'host h1');
  assertNoProblems(problems);
}
