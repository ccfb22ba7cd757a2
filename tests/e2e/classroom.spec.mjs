// Classrooms and curious admins: the "More" panel under a result card, loaded
// on demand: what real clients do, the connection diagram, 227 vs 229, the
// encoder (round trip), and the step-by-step presentation driven by keys.
import { test, expect, screenshot, waitForApp } from './fixtures.mjs';

const NAT = '?reply=227%20Entering%20Passive%20Mode%20(10,0,0,12,156,64).&control=203.0.113.10';

async function openPanel(page, lang) {
  await page.goto(`${NAT}&lang=${lang}`);
  await waitForApp(page);
  await page.locator('.extras-toggle').click();
  await page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
}

async function tab(page, index) {
  await page.locator('.extras-tab').nth(index).click();
  await expect(page.locator('.extras-tab').nth(index)).toHaveAttribute('aria-selected', 'true');
}

test('the client table for a NAT reply', async ({ page, openPage }) => {
  await openPanel(page, 'en');
  const table = page.locator('.clients-table');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allInnerTexts();
  expect(rows.length, 'one row per client').toBeGreaterThanOrEqual(9);
  const row = (name) => rows.find((r) => r.toLowerCase().includes(name)) ?? '';
  // curl (default) ignores the private address and uses the control IP.
  expect(row('curl'), 'curl row').toMatch(/203\.0\.113\.10:40000/);
  // curl --no-ftp-skip-pasv-ip dials the private address: marked as failing, with the reason.
  const noSkip = table.locator('tbody tr', { hasText: '--no-ftp-skip-pasv-ip' }).locator('td').first();
  await expect(noSkip, 'unreachable target is a failure').toHaveAttribute('class', 'clients-bad');
  await expect(noSkip, 'no-skip row').toContainText(/10\.0\.0\.12 cannot be reached/);
  // netfilter: the reply address differs from the server, so no expectation is created.
  expect(row('netfilter') || row('nf_conntrack'), 'netfilter row present').not.toBe('');
  // Every row cites its source.
  expect(await table.locator('tbody tr a[href^="https://"]').count(), 'source links').toBeGreaterThanOrEqual(9);
  await screenshot(page, 'classroom-clients-en.png', { fullPage: true });

  // The same table in Vietnamese: caption names the control connection, curl's target is the same.
  const vi = await openPage(null);
  await openPanel(vi.page, 'vi');
  const tableVi = vi.page.locator('.clients-table');
  await tableVi.waitFor();
  await expect(tableVi.locator('caption'), 'Vietnamese caption').toContainText('Phần mềm FTP thực tế');
  await expect(tableVi.locator('caption'), 'Vietnamese caption').toContainText('203.0.113.10');
  const curlVi = (await tableVi.locator('tbody tr').allInnerTexts()).find((r) => r.toLowerCase().includes('curl')) ?? '';
  expect(curlVi, 'Vietnamese curl row').toContain('203.0.113.10:40000');
  await expect(tableVi.locator('tbody tr', { hasText: '--no-ftp-skip-pasv-ip' }).locator('td').first(), 'Vietnamese no-skip row').toContainText(
    'không thể kết nối tới 10.0.0.12',
  );
  await screenshot(vi.page, 'classroom-clients-vi.png', { fullPage: true });
});

for (const lang of ['en', 'vi']) {
  test(`the diagram shows the failing data connection (${lang})`, async ({ page }) => {
    await openPanel(page, lang);
    await tab(page, 1);
    const svg = page.locator('svg.dg-svg');
    await svg.waitFor();
    const text = await svg.evaluate((el) => el.textContent);
    expect(text, 'control address drawn').toContain('203.0.113.10');
    expect(text, 'data port drawn').toContain('40000');
    expect(text, 'announced address drawn').toContain('10.0.0.12');
    expect((await svg.getAttribute('aria-label')).length, 'the picture is described').toBeGreaterThan(20);
    await screenshot(page, `classroom-diagram-${lang}.png`, { fullPage: true });
  });
}

test('the encoder round-trips', async ({ page, openPage }) => {
  await openPanel(page, 'en');
  await tab(page, 3);
  const enc = page.locator('.enc');
  await enc.waitFor();
  await enc.locator('input[type="number"]').fill('5060');
  await enc.locator('.enc-forms').filter({ hasText: '(10,0,0,12,19,196)' }).waitFor();
  const forms = await enc.locator('.enc-forms').innerText();
  expect(forms, 'every form').toContain('|||5060|');
  expect(forms, 'every form').toContain('EPRT |1|10.0.0.12|5060|');
  expect(await enc.locator('.enc-rt-ok').count(), 'round trip ✓ for every form').toBeGreaterThanOrEqual(6);
  // Bad input: a localized inline error, nothing crashes.
  await enc.locator('input[type="text"]').fill('10.0.0.999');
  await enc.locator('.enc-error').waitFor();
  await expect(enc.locator('input[type="text"]')).toHaveAttribute('aria-invalid', 'true');

  // In Vietnamese: the error is localized, an IPv6 address round-trips in the forms that can carry it.
  const vi = await openPage(null);
  await openPanel(vi.page, 'vi');
  await tab(vi.page, 3);
  const encVi = vi.page.locator('.enc');
  await encVi.locator('input[type="text"]').fill('abc');
  await expect(encVi.locator('.enc-error'), 'Vietnamese error').toContainText('không phải địa chỉ IPv4 hay IPv6');
  await encVi.locator('input[type="text"]').fill('2001:db8::7');
  await encVi.locator('.enc-forms').filter({ hasText: 'EPRT |2|2001:db8::7|40000|' }).waitFor();
  expect(await encVi.locator('.enc-rt-ok').count(), 'IPv6 round trips (228, 229, EPRT, LPRT)').toBeGreaterThanOrEqual(4);
});

test('the presentation mode by keyboard', async ({ page }) => {
  await openPanel(page, 'vi');
  await tab(page, 4);
  const steps = page.locator('.steps');
  await steps.waitFor();
  await steps.locator('.steps-present').click();
  await page.locator('.steps.presenting').waitFor();
  const items = steps.locator('.steps-list li');
  await expect(items, 'one step at first').toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowRight');
  await expect(items, 'three more steps by keyboard').toHaveCount(4);
  const list = steps.locator('.steps-list');
  await expect(list, 'arithmetic step').toContainText('156 × 256 + 64 = 39936 + 64 = 40000');
  await expect(list, 'address step').toContainText('10.0.0.12');
  await page.keyboard.press('ArrowLeft');
  await expect(items, 'back one step').toHaveCount(3);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(items.last(), 'connection step (vi)').toContainText('203.0.113.10:40000');
  await screenshot(page, 'classroom-present-vi.png');
  await page.keyboard.press('Escape');
  await page.locator('.steps:not(.presenting)').waitFor();
});
