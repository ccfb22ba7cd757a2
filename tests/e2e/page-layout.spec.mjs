// The decoder page on a narrow phone (nothing scrolls sideways, whatever the
// text) and in both languages and colour schemes (screenshots to look at in
// target/e2e-shots/ and the report).
import { test, expect, msg, screenshot } from './fixtures.mjs';
import { MALFORMED, NAT_REPLY, open } from './page-helpers.mjs';

/** Fail if the page scrolls sideways at its current width. */
async function expectNoSidewaysScroll(page, what) {
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('#app *')]
      .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)})`);
    return { scroll: doc.scrollWidth, client: doc.clientWidth, body: document.body.scrollWidth, wide };
  });
  expect(m.scroll <= m.client && m.body <= m.client, `${what}: scrollWidth ${m.scroll}/${m.body} > ${m.client}; too wide: ${m.wide.join(', ')}`).toBe(true);
}

test.describe('a narrow phone has no horizontal scrolling', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  for (const lang of ['en', 'vi']) {
    test(lang, async ({ page }) => {
      await open(page, `?lang=${lang}`);
      await expectNoSidewaysScroll(page, `${lang} empty`);
      const buttons = page.locator('.examples button.example');
      for (let i = 0; i < (await buttons.count()); i++) {
        await buttons.nth(i).click();
        await page.waitForSelector('.card');
        await expectNoSidewaysScroll(page, `${lang} example ${i + 1}`);
      }
      await page.getByRole('button', { name: msg(lang, 'example.nat') }).click();
      await page.locator('.extras-toggle').first().click();
      await page.waitForFunction(() => {
        const root = document.querySelector('.extras-root');
        return root && (root.childElementCount > 0 || root.shadowRoot);
      });
      await page.waitForTimeout(200);
      await expectNoSidewaysScroll(page, `${lang} extras panel open`);
      // Nor inside it (the module renders in a shadow root): the client table
      // used to scroll in its own box.
      const scrollers = await page.evaluate(() => {
        const root = document.querySelector('.extras-root');
        return [root, ...(root.shadowRoot ?? root).querySelectorAll('*')]
          .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} > ${e.clientWidth})`);
      });
      expect(scrollers, 'extras panel: boxes that scroll sideways').toEqual([]);
      expect(await page.locator('.extras-root table.clients-table').count(), "the client table is the panel's first view").toBe(1);
      await screenshot(page, `page-360-${lang}-extras.png`, { fullPage: true });

      // Long unbroken text and a long IPv6 address.
      await page.fill('#reply', `EPRT |2|2001:db8:85a3:1234:5678:8a2e:370:7334|65535|\n227 ${'x'.repeat(300)}`);
      await page.fill('#control', '2001:db8:85a3:1234:5678:8a2e:370:7334');
      await page.waitForSelector('.card');
      await expectNoSidewaysScroll(page, `${lang} long text`);
      // The copy statuses name the value; a finding names it too.
      for (const button of await page.locator('.endpoint button.copy').all()) await button.click();
      await page.locator('.endpoint .value.address .copy-status').filter({ hasText: /\S/ }).first().waitFor();
      await page.fill('#control', '203.0.113.10');
      await page.waitForSelector('.finding');
      await expectNoSidewaysScroll(page, `${lang} long text copied`);
      await screenshot(page, `page-360-${lang}-long.png`, { fullPage: true });
    });
  }
});

test.describe('screenshots in both languages and schemes', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      test.describe(`${colorScheme} ${width}`, () => {
        test.use({ colorScheme, viewport: { width, height: 800 } });
        for (const lang of ['en', 'vi']) {
          test(lang, async ({ page }) => {
            await open(page, `?${new URLSearchParams({ reply: NAT_REPLY, control: '203.0.113.10', lang })}`);
            await page.waitForSelector('.card .finding');
            // Show focus too: the first copy button, as a keyboard user sees it.
            await page.locator('.lang-button').first().focus();
            await page.keyboard.press('Tab');
            await page.keyboard.press('Shift+Tab');
            await screenshot(page, `page-${width}-${lang}-${colorScheme}.png`, { fullPage: true });
            if (width === 1280) {
              await page.fill('#reply', MALFORMED);
              await page.waitForSelector('.backdrop mark.hl-error');
              await screenshot(page, `page-${width}-${lang}-${colorScheme}-error.png`, { fullPage: true });
            }
          });
        }
      });
    }
  }
});

