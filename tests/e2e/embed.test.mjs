// Documentation sites: the demo page with an iframe (height messages), two
// inline widgets (shadow DOM, both languages) and the JS API from a script.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems } from './lib.mjs';

export async function demoPageEmbedsAllThreeWays({ openPage, shotDir }) {
  const { page, problems } = await openPage('static/embed.html');
  // JS API: the demo script writes decode()'s result as JSON.
  await page.waitForFunction(() => document.getElementById('api-output').textContent.length > 0, null, { timeout: 30_000 });
  const reports = JSON.parse(await page.locator('#api-output').innerText());
  assertEqual(reports.length, 1, 'one report');
  assertEqual(reports[0].ip, '10.0.0.1', 'ip');
  assertEqual(reports[0].port, 1029, 'port');
  assertEqual(reports[0].connect_to, '203.0.113.10:1029', 'connect_to');
  assert(reports[0].findings.some((f) => f.id === 'nat-unroutable-address'), 'NAT finding');

  // Widgets: mounted in shadow roots, in their own languages.
  const widgetText = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.textContent ?? '', id);
  await page.waitForFunction(() => document.getElementById('widget-vi').shadowRoot?.querySelector('.card'));
  const en = await widgetText('widget-en');
  assert(en.includes('50006') && en.includes('Connect to'), `English widget: ${en.slice(0, 200)}`);
  const vi = await widgetText('widget-vi');
  assert(vi.includes('Byte cao của cổng p1 là 300'), `Vietnamese widget error: ${vi.slice(0, 300)}`);
  // No CSS leaks: the host page's body font is untouched by the widget's stylesheet.
  const hostBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assertEqual(hostBg, 'rgb(255, 255, 255)', 'host page background unchanged by widgets');

  // The iframe told its parent its height, and the parent applied it.
  await page.waitForFunction(() => Number(document.getElementById('frame').dataset.reportedHeight) > 200, null, { timeout: 30_000 });
  const frame = page.frameLocator('#frame');
  const frameText = await frame.locator('.card').first().innerText();
  assert(frameText.includes('10.0.0.12') && frameText.includes('40000'), `iframe result: ${frameText.slice(0, 200)}`);
  assertEqual(await frame.locator('header.header').count(), 0, 'embed=1 shows no page chrome');
  await page.screenshot({ path: join(shotDir, 'embed-demo.png'), fullPage: true });
  assertNoProblems(problems);
}

export async function jsApiRejectsBadOptionsWithClearErrors({ openPage }) {
  const { page } = await openPage('static/embed.html');
  await page.waitForFunction(() => document.getElementById('api-output').textContent.length > 0, null, { timeout: 30_000 });
  const message = await page.evaluate(async () => {
    const { decode } = await import('./pasv-lens.js');
    try {
      await decode('227 (1,2,3,4,5,6)', { control: 'not-an-ip' });
      return 'no error';
    } catch (err) {
      return String(err.message);
    }
  });
  assert(message.includes('not-an-ip'), `error names the bad option: ${message}`);
  const vi = await page.evaluate(async () => {
    const { decode } = await import('./pasv-lens.js');
    return (await decode('229 Entering Extended Passive Mode (|||0|)', { lang: 'vi' }))[0].error;
  });
  assertEqual(vi.id, 'port-zero', 'error id');
  assert(vi.message.includes('Cổng bằng 0'), `Vietnamese error message: ${vi.message}`);
}
