// Playwright hides scrollbars by default; desktop browsers show them, and a
// scrollbar takes width from the text area, not from the backdrop behind it:
// the highlights must stay on their characters all the same. A file of its
// own: the browser is launched without --hide-scrollbars.
import { test, expect, waitForApp } from './fixtures.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib.mjs';
import { NAT_REPLY } from './page-helpers.mjs';

test.use({
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] },
  viewport: { width: 1280, height: 900 },
});

test('highlights stay on their characters with classic scrollbars', async ({ page }) => {
  await page.goto('?lang=en');
  await waitForApp(page);
  const long = `227 Entering Passive Mode ${'x'.repeat(280)}(192,168,1,2,300,5)`;
  const text = `${`${NAT_REPLY}\n`.repeat(8)}${long}`;
  await page.fill('#reply', text);
  await page.waitForSelector('.backdrop mark.hl-error');
  const widths = await page.evaluate(() => {
    const a = document.querySelector('#reply');
    return { scrollbar: a.offsetWidth - a.clientWidth, area: a.clientWidth, backdrop: document.querySelector('.backdrop').clientWidth };
  });
  expect(widths.scrollbar, `this browser shows a scrollbar (${JSON.stringify(widths)}), or the test proves nothing`).toBeGreaterThan(0);
  expect(widths.backdrop, 'the backdrop lays its text out as wide as the text area').toBe(widths.area);
  // Scroll to the end, as a person reading the last line does.
  await page.locator('#reply').evaluate((a) => {
    a.scrollTop = a.scrollHeight;
    a.dispatchEvent(new Event('scroll'));
  });
  await page.waitForTimeout(100);
  const mark = await page.locator('.backdrop mark.hl-error').boundingBox();
  const area = await page.locator('#reply').boundingBox();
  expect(mark.y >= area.y && mark.y + mark.height <= area.y + area.height, `the error mark is scrolled into view: ${JSON.stringify({ mark, area })}`).toBe(true);
  // Clicking the middle of the mark puts the caret inside "300".
  await page.mouse.click(mark.x + mark.width / 2, mark.y + mark.height / 2);
  const caret = await page.locator('#reply').evaluate((a) => a.selectionStart);
  const at = text.lastIndexOf('300');
  expect(caret >= at && caret <= at + 3, `the mark is over characters ${caret - 2}–${caret + 1} (“${text.slice(caret - 2, caret + 1)}”), not over “300” at ${at}`).toBe(true);
});
