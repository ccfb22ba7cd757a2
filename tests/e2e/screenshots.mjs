#!/usr/bin/env node
// Screenshots of the page for docs/screenshots/ (not a test): the NAT example
// from a permalink, English and Vietnamese, light and dark, a 1366×768 laptop
// and a 390×844 phone, each the first screen a visitor sees; and
// page-en-vi.png, English and Vietnamese side by side (laptop, light); and
// classroom-*.png, two presentation slides and the practice page; log-*.png,
// a session log; fix-*.png, a finding's fix tabs; compact-*.png, a compact embed.
//
//   node tests/e2e/screenshots.mjs [out-dir]     (build dist/ first)
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startStaticServer } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = resolve(process.argv[2] || join(repo, 'docs', 'screenshots'));
const REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';
await mkdir(out, { recursive: true });
const server = await startStaticServer(process.env.DIST_DIR || join(repo, 'dist'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const shots = {};
try {
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    for (const lang of ['en', 'vi']) {
      for (const colorScheme of ['light', 'dark']) {
        const phone = width < 500;
        const context = await browser.newContext({ viewport: { width, height }, colorScheme, isMobile: phone, hasTouch: phone });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}?${new URLSearchParams({ reply: REPLY, control: '203.0.113.10', lang })}`);
        await page.waitForSelector('.card .answer');
        await page.evaluate(() => document.fonts.ready);
        const name = `page-${width}-${lang}-${colorScheme}.png`;
        shots[name] = await page.screenshot({ path: join(out, name) });
        console.log(`wrote ${join(out, name)}`);
        await context.close();
      }
    }
  }
  // Classroom: a presentation slide (the port arithmetic, the NAT slide with
  // its diagram) and the practice page with a wrong answer's working.
  for (const lang of ['en', 'vi']) {
    for (const colorScheme of ['light', 'dark']) {
      for (const [width, height] of [[1366, 768], [390, 844]]) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}?${new URLSearchParams({ reply: REPLY, control: '203.0.113.10', lang })}`);
        await page.locator('.extras-toggle').first().click();
        await page.locator('.extras-tab[id$="-steps"]').click();
        await page.locator('.steps-present').click();
        for (const slide of [4, 6]) {
          while (Number(await page.locator('.slide').getAttribute('data-slide')) < slide) await page.keyboard.press('ArrowRight');
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: join(out, `classroom-slide${slide}-${width}-${lang}-${colorScheme}.png`) });
        }
        await page.goto(`${server.baseUrl}?practice=lesson-1&lang=${lang}`);
        await page.locator('.practice-ip').fill('192.168.195.41');
        await page.locator('.practice-port').fill('105');
        await page.locator('.practice-check').click();
        await page.locator('.practice-result').waitFor();
        await page.screenshot({ path: join(out, `classroom-practice-${width}-${lang}-${colorScheme}.png`), fullPage: true });
        console.log(`wrote classroom screenshots (${width}, ${lang}, ${colorScheme})`);
        await context.close();
      }
    }
  }
  // A session log (curl -v through NAT, password masked) with its first
  // exchange open, a finding's "How to fix" tabs, and a compact embed frame.
  const LOG = readFileSync(join(repo, 'tests', 'e2e', 'fixtures', 'curl-nat-password.log'), 'utf8');
  for (const lang of ['en', 'vi']) {
    for (const colorScheme of ['light', 'dark']) {
      for (const [width, height] of [[1366, 768], [390, 844]]) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}?lang=${lang}`);
        await page.locator('#reply').fill(LOG);
        await page.locator('.log-root').waitFor();
        await page.waitForSelector('.log-root[aria-busy="false"]', { timeout: 60_000 });
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: join(out, `log-${width}-${lang}-${colorScheme}.png`), fullPage: true });
        await page.goto(`${server.baseUrl}?${new URLSearchParams({ reply: REPLY, control: '203.0.113.10', lang })}`);
        const fix = page.locator('.finding details[data-more="fix"] > summary').first();
        if (await fix.count()) {
          await fix.click();
          await page.locator('.finding details[data-more="fix"] [role="tab"]').first().waitFor({ timeout: 30_000 });
          await fix.scrollIntoViewIfNeeded();
        }
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(out, `fix-${width}-${lang}-${colorScheme}.png`), fullPage: true });
        await page.setViewportSize({ width: Math.min(width, 700), height: 400 });
        await page.goto(`${server.baseUrl}?${new URLSearchParams({ embed: '1', compact: '1', theme: colorScheme, reply: REPLY, control: '203.0.113.10', lang })}`);
        await page.waitForSelector('.card .answer');
        await page.screenshot({ path: join(out, `compact-${Math.min(width, 700)}-${lang}-${colorScheme}.png`) });
        console.log(`wrote log, fix and compact screenshots (${width}, ${lang}, ${colorScheme})`);
        await context.close();
      }
    }
  }
  // English and Vietnamese side by side.
  const context = await browser.newContext({ viewport: { width: 2 * 1366 + 24, height: 768 + 24 } });
  const page = await context.newPage();
  const img = (name) => `<img alt="" src="data:image/png;base64,${shots[name].toString('base64')}">`;
  await page.setContent(
    `<body style="margin:0;padding:12px;display:flex;gap:0;background:#8a8f96">${img('page-1366-en-light.png')}<div style="width:0"></div>${img('page-1366-vi-light.png')}</body>`,
  );
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  await page.screenshot({ path: join(out, 'page-en-vi.png') });
  console.log(`wrote ${join(out, 'page-en-vi.png')}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
