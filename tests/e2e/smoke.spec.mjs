// Smoke tests: the built page loads, the wasm app renders into #app, and the
// page stays clean: no console errors, no uncaught exceptions, no CSP
// violations, no failed or 4xx/5xx requests and no request to another origin
// (the fixtures' guard; see fixtures.mjs).
import { test, expect, screenshot, waitForApp } from './fixtures.mjs';

async function loadClean(page, url) {
  await page.goto(url);
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
}

test('the page loads and renders cleanly', async ({ page, problems, baseURL }) => {
  const wasm = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('_bg.wasm')) wasm.push(r.status());
  });
  await loadClean(page, '');

  // The app may localise the title at run time; it always names the tool.
  expect(await page.title(), 'document title').toMatch(/^PASV Lens/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const text = (await page.locator('#app').innerText()).trim();
  expect(text.length, '#app has visible text after the wasm app started').toBeGreaterThan(0);

  // The CSP is delivered as a meta tag (dist/ must work on any static host).
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  expect(csp, 'CSP').toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp, 'CSP must not allow unsafe-inline').not.toContain('unsafe-inline');
  // No inline scripts or style attributes that the CSP would have to allow.
  expect(await page.locator('script:not([src])').count(), 'inline <script> elements').toBe(0);
  expect(await page.locator('[style]').count(), 'elements with a style attribute').toBe(0);

  // Every request went to the page's own origin.
  const origin = new URL(baseURL).origin;
  const seen = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  for (const url of seen) expect(new URL(url).origin, `origin of ${url}`).toBe(origin);
  expect(wasm, 'the wasm module was fetched').toContain(200);

  await screenshot(page, 'smoke-root.png', { fullPage: true });
  // Stricter than the guard: no console warning either.
  expect(problems.consoleWarnings, 'console warnings').toEqual([]);
});

test('works from a sub-path', async ({ page }) => {
  await loadClean(page, 'nested/pasv-lens/');
  const text = (await page.locator('#app').innerText()).trim();
  expect(text.length, '#app is not empty when served from a sub-path').toBeGreaterThan(0);
  await screenshot(page, 'smoke-subpath.png', { fullPage: true });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a noscript message in both languages', async ({ page, problems }) => {
    await page.goto('');
    const text = await page.locator('body').innerText();
    expect(text, 'the <noscript> message').toMatch(/needs JavaScript/i);
    // In both languages: the page cannot know which one without its script.
    expect(text, 'the Vietnamese <noscript> message').toContain('cần JavaScript');
    expect(await page.locator('.noscript [lang="vi"]').count(), 'the Vietnamese text is marked lang="vi"').toBe(1);
    const description = await page.getAttribute('meta[name="description"]', 'content');
    expect(description, 'the description is bilingual').toContain('FTP');
    expect(description, 'the description is bilingual').toContain('trình duyệt');
    // With scripting off Chromium refuses the module preload ("csp"); that is
    // expected, every other problem fails the test (the guard).
    problems.failedRequests = problems.failedRequests.filter((r) => !/\.js: csp$/.test(r));
  });
});
