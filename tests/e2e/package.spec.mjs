// The npm package `pasv-lens`: packed from dist/ by scripts/npm-package.mjs,
// installed with npm into a scratch site, and used there by a plain ESM page
// (an import map names the package as a bundler would) served on loopback:
// decode() gives the JSON contract and a compact widget mounts. npx playwright test
// tests/e2e/package.spec.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.mjs';
import { assertNoProblems, startStaticServer } from './lib.mjs';

const assert = (cond, message) => expect(cond, message).toBeTruthy();
const assertEqual = (actual, expected, message) => expect(actual, message).toBe(expected);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A docs site using the npm package</title>
  <link rel="icon" href="data:,">
  <script type="importmap">{ "imports": { "pasv-lens": "./node_modules/pasv-lens/static/pasv-lens.js" } }</script>
  <script type="module" src="main.js"></script>
</head>
<body>
  <pre id="out"></pre>
  <div id="widget" data-pasv-lens data-compact data-lang="vi" data-control="203.0.113.10" data-reply="229 Entering Extended Passive Mode (|||50006|)"></div>
</body>
</html>`;

const MAIN = `import { decode, ready } from 'pasv-lens';
await ready;
const reports = await decode('227 Entering Passive Mode (10,0,0,12,156,64).', { control: '203.0.113.10', lang: 'en' });
document.getElementById('out').textContent = JSON.stringify(reports);
`;

async function packedTarballInstallsAndDecodesInAPage({ browser }) {
  const dist = process.env.DIST_DIR || join(repo, 'dist');
  const site = mkdtempSync(join(tmpdir(), 'pasv-lens-npm-'));
  let server;
  try {
    const tarball = execFileSync('node', [join(repo, 'scripts/npm-package.mjs'), dist, join(site, 'pack')], { encoding: 'utf8' }).trim();
    writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
    // The package has no dependencies: npm never needs the registry here.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: site, stdio: 'pipe' });
    const installed = JSON.parse(readFileSync(join(site, 'node_modules/pasv-lens/package.json'), 'utf8'));
    assertEqual(installed.name, 'pasv-lens', 'installed package name');
    assertEqual(installed.exports['.'].types, './static/pasv-lens.d.ts', 'types for bundlers');
    writeFileSync(join(site, 'index.html'), PAGE);
    writeFileSync(join(site, 'main.js'), MAIN);
    server = await startStaticServer(site, { mounts: [] });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = { pageErrors: [], consoleErrors: [], httpErrors: [] };
    page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.consoleErrors.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && problems.httpErrors.push(`${r.status()} ${r.url()}`));
    await page.goto(server.baseUrl);
    await page.waitForFunction(() => document.getElementById('out').textContent.length > 0, null, { timeout: 30_000 });
    const [report] = JSON.parse(await page.locator('#out').textContent());
    assertEqual(report.port, 40000, 'port');
    assertEqual(report.connect_to, '203.0.113.10:40000', 'connect_to');
    assert(report.findings.some((f) => f.id === 'nat-unroutable-address'), 'the NAT finding');
    // The widget, from the same package, compact, in Vietnamese, linking to
    // the package's own copy of the page.
    await page.waitForFunction(() => document.getElementById('widget').shadowRoot?.querySelector('.card a, a.open-full'), null, { timeout: 30_000 });
    const href = await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('a.open-full').href);
    assert(href.startsWith(`${server.baseUrl}node_modules/pasv-lens/?`), `link: ${href}`);
    const full = await context.newPage();
    await full.goto(href);
    await full.locator('textarea').waitFor({ timeout: 30_000 });
    assert((await full.locator('.card').first().innerText()).includes('50006'), 'the linked page decodes the reply');
    await context.close();
    assertNoProblems(problems);
  } finally {
    await server?.close();
    rmSync(site, { recursive: true, force: true });
  }
}

test('packed tarball installs and decodes in a page', ({ openPage, baseURL, browser }) => packedTarballInstallsAndDecodesInAPage({ openPage, baseUrl: baseURL, browser }));
