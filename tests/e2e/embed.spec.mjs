// Documentation sites: the demo page with an iframe (height messages), two
// inline widgets (shadow DOM, both languages) and the JS API from a script.
import { test, expect, screenshot } from './fixtures.mjs';

/** Open the demo page and wait for its script's decode() output. */
async function openDemo(page) {
  await page.goto('static/embed.html');
  await expect(page.locator('#api-output'), 'the demo script wrote its output').not.toBeEmpty({ timeout: 30_000 });
}

test('the demo page embeds all three ways', async ({ page }) => {
  await openDemo(page);
  // JS API: the demo script writes decode()'s result as JSON.
  const reports = JSON.parse(await page.locator('#api-output').innerText());
  expect(reports.length, 'one report').toBe(1);
  expect(reports[0].ip, 'ip').toBe('10.0.0.1');
  expect(reports[0].port, 'port').toBe(1029);
  expect(reports[0].connect_to, 'connect_to').toBe('203.0.113.10:1029');
  expect(reports[0].findings.map((f) => f.id), 'NAT finding').toContain('nat-unroutable-address');

  // Widgets: mounted in shadow roots, in their own languages (Playwright's
  // CSS selectors pierce open shadow roots).
  await page.locator('#widget-vi .card').first().waitFor();
  const widgetText = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.textContent ?? '', id);
  const en = await widgetText('widget-en');
  expect(en, 'English widget').toContain('50006');
  expect(en, 'English widget').toContain('Connect to');
  expect(await widgetText('widget-vi'), 'Vietnamese widget error').toContain('Byte cao của cổng p1 là 300');
  // No CSS leaks: the host page's body is untouched by the widget's stylesheet.
  await expect(page.locator('body'), 'host page background unchanged by widgets').toHaveCSS('background-color', 'rgb(255, 255, 255)');

  // The iframe told its parent its height, and the parent applied it.
  await expect
    .poll(() => page.evaluate(() => Number(document.getElementById('frame').dataset.reportedHeight)), { message: 'height reported by the iframe', timeout: 30_000 })
    .toBeGreaterThan(200);
  const frame = page.frameLocator('#frame');
  const result = frame.locator('.card').first();
  await expect(result, 'iframe result').toContainText('10.0.0.12');
  await expect(result, 'iframe result').toContainText('40000');
  expect(await frame.locator('header.header').count(), 'embed=1 shows no page chrome').toBe(0);
  await screenshot(page, 'embed-demo.png', { fullPage: true });
});

test('the JS API rejects bad options with clear errors', async ({ page }) => {
  await openDemo(page);
  const message = await page.evaluate(async () => {
    const { decode } = await import('./pasv-lens.js');
    try {
      await decode('227 (1,2,3,4,5,6)', { control: 'not-an-ip' });
      return 'no error';
    } catch (err) {
      return String(err.message);
    }
  });
  expect(message, 'the error names the bad option').toContain('not-an-ip');
  const vi = await page.evaluate(async () => {
    const { decode } = await import('./pasv-lens.js');
    return (await decode('229 Entering Extended Passive Mode (|||0|)', { lang: 'vi' }))[0].error;
  });
  expect(vi.id, 'error id').toBe('port-zero');
  expect(vi.message, 'Vietnamese error message').toContain('Cổng bằng 0');
});
