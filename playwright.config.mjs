// End-to-end tests of the built page (dist/) with @playwright/test and
// Debian's Chromium (never a downloaded browser).
//
//   npx playwright test                       every tests/e2e/*.spec.mjs
//   npx playwright test --grep "permalink"    by title
//   PASV_E2E_PORT=4301 npx playwright test    another port (several checkouts at once)
//
// Build dist/ first (`trunk build --release --offline`); scripts/test.sh does.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/lib.mjs';

const port = Number(process.env.PASV_E2E_PORT || 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  outputDir: 'target/e2e-results',
  // One page at a time: layout and long-task checks must not share two cores
  // with another test's browser.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'target/e2e-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    // As openPage's pages (lib.mjs): layout checks assume the same screen.
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node tests/e2e/serve-dist.mjs',
    url: `http://127.0.0.1:${port}/`,
    env: { PASV_E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
