// Smoke tests: the built page loads, the wasm app renders into #app, and the
// page stays clean: no console errors, no uncaught exceptions, no CSP
// violations, no failed or 4xx/5xx requests and no request to another origin.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, waitForApp } from './lib.mjs';

async function loadClean(openPage, url) {
  const { page, problems } = await openPage(url);
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  return { page, problems };
}

export async function pageLoadsAndRendersCleanly({ openPage, baseUrl, shotDir, server }) {
  const { page, problems } = await loadClean(openPage, baseUrl);

  // The app may localise the title at run time; it always names the tool.
  const title = await page.title();
  assert(title.startsWith('PASV Lens'), `unexpected document title: ${JSON.stringify(title)}`);
  assertEqual(await page.getAttribute('html', 'lang'), 'en', '<html lang>');
  const text = (await page.locator('#app').innerText()).trim();
  assert(text.length > 0, '#app has no visible text after the wasm app started');

  // The CSP is delivered as a meta tag (dist/ must work on any static host).
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert(csp && csp.includes("script-src 'self' 'wasm-unsafe-eval'"), `unexpected CSP: ${csp}`);
  assert(!csp.includes('unsafe-inline'), 'CSP must not allow unsafe-inline');
  // No inline scripts or style attributes that the CSP would have to allow.
  assertEqual(await page.locator('script:not([src])').count(), 0, 'inline <script> elements');
  assertEqual(await page.locator('[style]').count(), 0, 'elements with a style attribute');

  // Every request went to the page's own origin.
  const origin = new URL(baseUrl).origin;
  const seen = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  for (const url of seen) assertEqual(new URL(url).origin, origin, `origin of ${url}`);
  assert(server.log.some((e) => e.path.endsWith('_bg.wasm') && e.status === 200), 'the wasm module was not fetched');

  await page.screenshot({ path: join(shotDir, 'smoke-root.png'), fullPage: true });
  assertNoProblems(problems, { strictWarnings: true });
}

export async function worksFromASubPath({ openPage, baseUrl, shotDir }) {
  const { page, problems } = await loadClean(openPage, new URL('nested/pasv-lens/', baseUrl).href);
  const text = (await page.locator('#app').innerText()).trim();
  assert(text.length > 0, '#app is empty when served from a sub-path');
  await page.screenshot({ path: join(shotDir, 'smoke-subpath.png'), fullPage: true });
  assertNoProblems(problems);
}

export async function noscriptMessageWithoutJavaScript({ openPage, baseUrl }) {
  const { page, problems } = await openPage(null, { javaScriptEnabled: false });
  await page.goto(baseUrl);
  const text = await page.locator('body').innerText();
  assert(/needs JavaScript/i.test(text), `no <noscript> message shown: ${JSON.stringify(text)}`);
  // In both languages: the page cannot know which one without its script.
  assert(text.includes('cần JavaScript'), `no Vietnamese <noscript> message: ${JSON.stringify(text)}`);
  assertEqual(await page.locator('.noscript [lang="vi"]').count(), 1, 'the Vietnamese text is marked lang="vi"');
  const description = await page.getAttribute('meta[name="description"]', 'content');
  assert(description.includes('FTP') && description.includes('trình duyệt'), `the description is bilingual: ${description}`);
  // With scripting off Chromium refuses the module preload ("csp"); that is expected.
  assertNoProblems({ ...problems, failedRequests: problems.failedRequests.filter((r) => !/\.js: csp$/.test(r)) });
}
