// Fixtures of the @playwright/test suite. Import `test` and `expect` from
// here, not from '@playwright/test':
//
//   import { test, expect, msg, screenshot, waitForApp } from './fixtures.mjs';
//   test('decodes a permalink', async ({ page }) => { ... });
//   test('on a phone', async ({ openPage }) => {
//     const { page, problems } = await openPage('?lang=vi', { viewport: { width: 390, height: 844 } });
//   });
//
// `page` is Playwright's own page, with the same guard as every page opened
// through `openPage`: a request to any origin other than the test server is
// aborted (nothing leaves the machine), and a console error, uncaught
// exception, CSP violation, failed request or HTTP error fails the test when
// it ends. A test that expects one of those sets `problems.allow = true`
// (or empties the list it expects) before it returns.
//
// `screenshot(page, 'name.png', options)` keeps a picture for people to look
// at (target/e2e-shots/ and the report); failures get theirs by themselves.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { assertNoProblems, guardContext, newProblems, openMonitoredPage, watchPage } from './lib.mjs';

const SHOT_DIR = resolve(process.env.E2E_SHOT_DIR || fileURLToPath(new URL('../../target/e2e-shots/', import.meta.url)));

export { expect };
export { msg, waitForApp } from './lib.mjs';

export const test = base.extend({
  // Playwright's own context and page, monitored like openPage's.
  problems: async ({}, use) => {
    await use(newProblems());
  },
  context: async ({ context, baseURL, problems }, use) => {
    await guardContext(context, baseURL, problems);
    await use(context);
  },
  page: async ({ page, problems }, use) => {
    watchPage(page, problems);
    await use(page);
    if (!problems.allow) assertNoProblems(problems);
  },

  // More pages, each in a fresh monitored context (own viewport, colour
  // scheme, JavaScript switch…): `openPage(url, contextOptions)`. On failure
  // each one leaves a full-page screenshot and a trace in the test's output.
  openPage: async ({ browser, baseURL }, use, testInfo) => {
    const opened = [];
    await use(async (url = '', options = {}) => {
      // Relative URLs (page.goto('?lang=vi')) resolve as in the `page` fixture.
      const p = await openMonitoredPage(browser, baseURL, { baseURL, ...options });
      // The runner already traces every context a test creates (config
      // `trace`); trace here only when it does not.
      p.ownTrace = await p.context.tracing.start({ screenshots: true, snapshots: true }).then(
        () => true,
        () => false,
      );
      opened.push(p);
      if (url !== null) await p.page.goto(new URL(url, baseURL).href);
      return p;
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    // Every context is closed, even when an earlier page reported problems.
    const reports = [];
    for (const [i, { context, page, problems, ownTrace }] of opened.entries()) {
      if (failed) {
        const shot = testInfo.outputPath(`page-${i}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 }).catch(() => {});
        await testInfo.attach(`page-${i}`, { path: shot, contentType: 'image/png' }).catch(() => {});
        if (ownTrace) {
          const trace = testInfo.outputPath(`trace-${i}.zip`);
          await context.tracing.stop({ path: trace }).catch(() => {});
          await testInfo.attach(`trace-${i}`, { path: trace, contentType: 'application/zip' }).catch(() => {});
        }
      } else if (ownTrace) {
        await context.tracing.stop().catch(() => {});
      }
      await context.close().catch(() => {});
      if (!failed && !problems.allow) {
        try {
          assertNoProblems(problems);
        } catch (err) {
          reports.push(`page ${i}: ${err.message}`);
        }
      }
    }
    if (reports.length) throw new Error(reports.join('\n'));
  },
});

/**
 * A screenshot for people to look at (not compared with anything):
 * target/e2e-shots/<name> (or $E2E_SHOT_DIR), also attached to the report.
 */
export async function screenshot(page, name, options = {}) {
  await mkdir(SHOT_DIR, { recursive: true });
  const path = join(SHOT_DIR, name);
  await page.screenshot({ path, ...options });
  await test.info().attach(name, { path, contentType: 'image/png' });
}
