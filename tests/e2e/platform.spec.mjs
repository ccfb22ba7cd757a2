// The suite's own footing: the served page starts, and the guard in
// fixtures.mjs really records what a page must not do.
import { test, expect, waitForApp } from './fixtures.mjs';

test('the page starts and decodes a permalink', async ({ page }) => {
  await page.goto('?reply=227%20Entering%20Passive%20Mode%20(10,0,0,12,156,64).&control=203.0.113.10');
  await waitForApp(page);
  await expect(page.locator('#app')).toContainText('40000');
});

test('a fetch to another origin is a CSP violation, a navigation there is aborted', async ({ page, problems }) => {
  await page.goto('');
  await waitForApp(page);
  await page.evaluate(() => fetch('http://192.0.2.1/').catch(() => {}));
  await expect.poll(() => problems.cspViolations.map((v) => v.blocked)).toEqual(['http://192.0.2.1/']);
  await page.goto('http://192.0.2.1/').catch(() => {});
  expect(problems.foreignRequests).toEqual(['http://192.0.2.1/']);
  problems.allow = true;
});
