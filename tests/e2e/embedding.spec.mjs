// Documentation sites that embed PASV Lens: the widget script must leave the
// host page alone (its own `#app`, URL, title, storage and inherited styles),
// and an iframe must report the height of what it shows, growing and
// shrinking with the "More" panel.
import { test, expect, screenshot } from './fixtures.mjs';

const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';

/** Serve `html` at `path` (below the server's root) for this page only, then open it. */
async function openHostPage(page, baseURL, path, html, query = '') {
  const url = new URL(path, baseURL).href;
  await page.route((u) => u.href.split('?')[0].split('#')[0] === url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(url + query);
}

test("the widget script leaves the host's #app alone", async ({ page, baseURL }) => {
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
  await openHostPage(page, baseURL, 'static/docs-with-app.html', html, '?section=intro#top');
  const before = await page.evaluate(() => ({ app: document.getElementById('app').innerHTML, url: location.href }));
  await page.locator('#widget .card').first().waitFor({ timeout: 30_000 });
  // Let any effect of a mounted page (URL, title, storage) run.
  await page.waitForTimeout(750);
  const after = await page.evaluate(() => ({
    app: document.getElementById('app').innerHTML,
    url: location.href,
    title: document.title,
    lang: document.documentElement.lang,
    storage: JSON.stringify({ ...localStorage }),
  }));
  await screenshot(page, 'embedding-host-app.png', { fullPage: true });
  expect(after.app, "the host's #app keeps its own content").toBe(before.app);
  expect(after.url, 'the host URL is untouched (no ?lang=…)').toBe(before.url);
  expect(after.url, 'host URL').toMatch(/\/static\/docs-with-app\.html\?section=intro#top$/);
  expect(after.title, 'the host title is untouched').toBe('Host documentation');
  expect(after.lang, 'the host <html lang> is untouched').toBe('fr');
  expect(after.storage, 'nothing written to localStorage').toBe('{}');
  // The widget itself works, in its own language.
  const text = await page.evaluate(() => document.getElementById('widget').shadowRoot.textContent);
  expect(text, 'widget result').toContain('10.0.0.12');
  expect(text, 'widget result').toContain('40000');
});

test('the frame height follows the More panel', async ({ page, baseURL }) => {
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
  await openHostPage(page, baseURL, 'static/frame-host.html', html);
  const frame = page.frameLocator('#frame');
  await frame.locator('.card').first().waitFor({ timeout: 30_000 });
  /** The last reported height and the content's, in px. */
  const heights = () =>
    page.evaluate(() => {
      const content = document.getElementById('frame').contentDocument?.querySelector('.page');
      return { reported: window.heights.at(-1), content: content?.getBoundingClientRect().height, messages: window.heights };
    });
  /** Wait until the last reported height matches the content (±2 px) and return it. */
  const settled = async (what) => {
    await expect
      .poll(
        async () => {
          const h = await heights();
          return h.reported !== undefined && h.content !== undefined ? Math.abs(h.reported - h.content) : Infinity;
        },
        { message: `${what}: the last reported height is the content's (±2 px)`, timeout: 10_000 },
      )
      .toBeLessThanOrEqual(2);
    return (await heights()).reported;
  };
  const initial = await settled('initial height');
  expect(initial, "initial height is the content's, not the 2400 px frame's").toBeGreaterThan(200);
  expect(initial, "initial height is the content's, not the 2400 px frame's").toBeLessThan(2000);

  // Opening "More" grows the content (the panel renders in a shadow root).
  await frame.locator('.extras-toggle').click();
  await frame.locator('.clients-table').waitFor({ timeout: 30_000 });
  const opened = await settled('after opening More');
  expect(opened, `the posted height grew with the panel (from ${initial})`).toBeGreaterThan(initial + 100);
  // Another tab of a different height is reported too.
  await frame.locator('.extras-tab').nth(4).click();
  await frame.locator('.steps').waitFor();
  const stepsHeight = await settled('after switching to the steps tab');
  expect(stepsHeight, 'switching tabs reported a new height').not.toBe(opened);
  await screenshot(page, 'embedding-frame-more.png', { fullPage: true });

  // Closing it shrinks it back.
  await frame.locator('.extras-toggle').click();
  await frame.locator('.extras-root').waitFor({ state: 'detached' });
  const closed = await settled('after closing More');
  expect(Math.abs(closed - initial), `closing More shrank the height back: ${initial} → ${opened} → ${closed}`).toBeLessThanOrEqual(2);
});

test('the widget ignores inherited host styles', async ({ page }) => {
  await page.goto('static/embed.html');
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
  expect(Object.keys(clean).length, `widget elements found: ${Object.keys(clean)}`).toBeGreaterThanOrEqual(5);
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
  await screenshot(page, 'embedding-widget-host-styles.png', { fullPage: true });
  expect(styled, 'the styles inside the widget, with host body styles').toEqual(clean);
  // The host's own text does take its styles (nothing leaks out either).
  await expect(page.locator('h1'), 'host h1').toHaveCSS('text-transform', 'uppercase');
});
