// Classrooms and curious admins: the "More" panel under a result card, loaded
// on demand: what real clients do, the connection diagram, 227 vs 229, the
// encoder (round trip), and the step-by-step presentation driven by keys.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, waitForApp } from './lib.mjs';

const NAT = '?reply=227%20Entering%20Passive%20Mode%20(10,0,0,12,156,64).&control=203.0.113.10';

async function openPanel(openPage, lang) {
  const opened = await openPage(`${NAT}&lang=${lang}`);
  await waitForApp(opened.page);
  await opened.page.locator('.extras-toggle').click();
  await opened.page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
  return opened;
}

async function tab(page, index) {
  await page.locator('.extras-tab').nth(index).click();
  await page.locator('.extras-tab').nth(index).and(page.locator('[aria-selected="true"]')).waitFor();
}

export async function clientTableForNatReply({ openPage, shotDir }) {
  const { page, problems } = await openPanel(openPage, 'en');
  const table = page.locator('.clients-table');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert(rows.length >= 9, `one row per client, got ${rows.length}`);
  const row = (name) => rows.find((r) => r.toLowerCase().includes(name)) ?? '';
  // curl (default) ignores the private address and uses the control IP.
  assert(/203\.0\.113\.10:40000/.test(row('curl')), `curl row: ${row('curl')}`);
  // curl --no-ftp-skip-pasv-ip dials the private address: marked as failing, with the reason.
  const noSkip = table.locator('tbody tr', { hasText: '--no-ftp-skip-pasv-ip' }).locator('td').first();
  assertEqual(await noSkip.getAttribute('class'), 'clients-bad', 'unreachable target is a failure');
  assert(/10\.0\.0\.12 cannot be reached/.test(await noSkip.innerText()), `no-skip row: ${await noSkip.innerText()}`);
  // netfilter: the reply address differs from the server, so no expectation is created.
  assert(row('netfilter') || row('nf_conntrack'), 'netfilter row present');
  // Every row cites its source.
  assertEqual(await table.locator('tbody tr a[href^="https://"]').count() >= 9, true, 'source links');
  await page.screenshot({ path: join(shotDir, 'classroom-clients-en.png'), fullPage: true });
  assertNoProblems(problems);

  // The same table in Vietnamese: caption names the control connection, curl's target is the same.
  const vi = await openPanel(openPage, 'vi');
  const tableVi = vi.page.locator('.clients-table');
  await tableVi.waitFor();
  const caption = await tableVi.locator('caption').innerText();
  assert(caption.includes('Phần mềm FTP thực tế') && caption.includes('203.0.113.10'), `Vietnamese caption: ${caption}`);
  const curlVi = (await tableVi.locator('tbody tr').allInnerTexts()).find((r) => r.toLowerCase().includes('curl')) ?? '';
  assert(curlVi.includes('203.0.113.10:40000'), `Vietnamese curl row: ${curlVi}`);
  const noSkipVi = await tableVi.locator('tbody tr', { hasText: '--no-ftp-skip-pasv-ip' }).locator('td').first().innerText();
  assert(noSkipVi.includes('không thể kết nối tới 10.0.0.12'), `Vietnamese no-skip row: ${noSkipVi}`);
  await vi.page.screenshot({ path: join(shotDir, 'classroom-clients-vi.png'), fullPage: true });
  assertNoProblems(vi.problems);
}

export async function diagramShowsTheFailingDataConnection({ openPage, shotDir }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPanel(openPage, lang);
    await tab(page, 1);
    const svg = page.locator('svg.dg-svg');
    await svg.waitFor();
    const text = await svg.evaluate((el) => el.textContent);
    assert(text.includes('203.0.113.10'), `${lang}: control address drawn: ${text}`);
    assert(text.includes('40000'), `${lang}: data port drawn: ${text}`);
    assert(text.includes('10.0.0.12'), `${lang}: announced address drawn: ${text}`);
    assert((await svg.getAttribute('aria-label')).length > 20, `${lang}: the picture is described`);
    await page.screenshot({ path: join(shotDir, `classroom-diagram-${lang}.png`), fullPage: true });
    assertNoProblems(problems);
  }
}

export async function encoderRoundTrips({ openPage }) {
  const { page, problems } = await openPanel(openPage, 'en');
  await tab(page, 3);
  const enc = page.locator('.enc');
  await enc.waitFor();
  const port = enc.locator('input[type="number"]');
  await port.fill('5060');
  await enc.locator('.enc-forms').filter({ hasText: '(10,0,0,12,19,196)' }).waitFor();
  const forms = await enc.locator('.enc-forms').innerText();
  assert(forms.includes('|||5060|') && forms.includes('EPRT |1|10.0.0.12|5060|'), `every form: ${forms}`);
  assertEqual(await enc.locator('.enc-rt-ok').count() >= 6, true, 'round trip ✓ for every form');
  // Bad input: a localized inline error, nothing crashes.
  await enc.locator('input[type="text"]').fill('10.0.0.999');
  await enc.locator('.enc-error').waitFor();
  assertEqual(await enc.locator('input[type="text"]').getAttribute('aria-invalid'), 'true', 'aria-invalid');
  assertNoProblems(problems);

  // In Vietnamese: the error is localized, an IPv6 address round-trips in the forms that can carry it.
  const vi = await openPanel(openPage, 'vi');
  await tab(vi.page, 3);
  const encVi = vi.page.locator('.enc');
  await encVi.locator('input[type="text"]').fill('abc');
  const error = await encVi.locator('.enc-error').innerText();
  assert(error.includes('không phải địa chỉ IPv4 hay IPv6'), `Vietnamese error: ${error}`);
  await encVi.locator('input[type="text"]').fill('2001:db8::7');
  await encVi.locator('.enc-forms').filter({ hasText: 'EPRT |2|2001:db8::7|40000|' }).waitFor();
  assertEqual(await encVi.locator('.enc-rt-ok').count() >= 4, true, 'IPv6 round trips (228, 229, EPRT, LPRT)');
  assertNoProblems(vi.problems);
}

export async function presentationModeByKeyboard({ openPage, shotDir }) {
  const { page, problems } = await openPanel(openPage, 'vi');
  await tab(page, 4);
  const steps = page.locator('.steps');
  await steps.waitFor();
  await steps.locator('.steps-present').click();
  await page.locator('.steps.presenting').waitFor();
  const slide = steps.locator('.slide');
  assertEqual(await slide.getAttribute('data-slide'), '1', 'the first slide at first');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowRight');
  assertEqual(await slide.getAttribute('data-slide'), '4', 'three slides on by keyboard');
  const text = await slide.innerText();
  assert(text.includes('156 × 256 + 64 = 40000'), `arithmetic slide: ${text}`);
  await page.keyboard.press('ArrowLeft');
  assert((await slide.innerText()).includes('10.0.0.12'), 'back one slide: the address');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const clients = await slide.innerText();
  assert(clients.includes('203.0.113.10:40000'), `what clients do (vi): ${clients}`);
  await page.screenshot({ path: join(shotDir, 'classroom-present-vi.png') });
  await page.keyboard.press('Escape');
  await page.locator('.steps:not(.presenting)').waitFor();
  assertNoProblems(problems);
}
