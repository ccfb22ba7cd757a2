// Classrooms and curious admins: the "More" panel under a result card, loaded
// on demand: what real clients do, the connection diagram, 227 vs 229, the
// encoder (round trip), and the step-by-step presentation driven by keys.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  const slide = steps.locator('.slide');
  await expect(slide, 'the first slide at first').toHaveAttribute('data-slide', '1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowRight');
  await expect(slide, 'three slides on by keyboard').toHaveAttribute('data-slide', '4');
  await expect(slide, 'arithmetic slide').toContainText('156 × 256 + 64 = 40000');
  await page.keyboard.press('ArrowLeft');
  await expect(slide, 'back one slide: the address').toContainText('10.0.0.12');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slide, 'what clients do (vi)').toContainText('203.0.113.10:40000');
  await screenshot(page, 'classroom-present-vi.png');
  await page.keyboard.press('Escape');
  await page.locator('.steps:not(.presenting)').waitFor();
});

// ---- Classroom views: the presentation fits the projector (1366×768 and
// 1920×1080) with the bytes under discussion lit up, the sequence diagram's
// labels never overlap (1366 px and 390 px, both languages), and the
// practice page (?practice=<seed>) gives the same exercise for a seed and
// checks answers. PASV_SHOTS names a directory for their screenshots.
const SHOTS = process.env.PASV_SHOTS || join('target', 'e2e-shots');
mkdirSync(SHOTS, { recursive: true });

async function openTab(openPage, { lang, viewport, colorScheme = 'light', query = NAT, tab }) {
  const opened = await openPage(`${query}&lang=${lang}`, { viewport, colorScheme });
  const { page } = opened;
  await page.locator('.extras-toggle').first().click();
  const button = page.locator(`.extras-tab[id$="-${tab}"]`);
  await button.click();
  await expect(button).toHaveAttribute('aria-selected', 'true');
  return opened;
}

// What a slide lights up in the NAT reply, in teaching order.
const ADDRESS = ['10', '0', '0', '12'];
const PORT = ['156', '64'];
const NAT_SLIDES = [
  { lit: [] }, // the reply
  { lit: [...ADDRESS, ...PORT] }, // its six numbers
  { lit: ADDRESS, big: '10.0.0.12' },
  { lit: PORT, big: '156 × 256 + 64 = 40000' },
  { lit: [], text: '203.0.113.10', diagram: 'control' }, // where the client reached the server
  { lit: ADDRESS, diagram: 'data' }, // why that address fails from outside
  { lit: [], text: '203.0.113.10:40000', diagram: 'careful' }, // what clients do
  { lit: [], text: 'pasv_address' }, // the fix
  { lit: [], summary: true },
];

/** Layout facts of the slide on screen (it lives in a shadow root, which locators pierce). */
async function slideLayout(page) {
  return page.locator('.steps.presenting').evaluate((stage) => {
    const doc = document.scrollingElement;
    const overflowing = [];
    for (const el of stage.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const outside = r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
      const clipped = el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY === 'hidden';
      if (outside || clipped) overflowing.push(`${el.tagName}.${el.getAttribute('class')} ${Math.round(r.right)}×${Math.round(r.bottom)}`);
    }
    return {
      scrollHeight: doc.scrollHeight,
      innerHeight,
      overflowing,
      marks: [...stage.querySelectorAll('.slide-line mark')].map((m) => m.textContent),
      big: stage.querySelector('.slide-big')?.textContent ?? null,
      text: stage.querySelector('.slide-text').textContent,
      summary: stage.querySelectorAll('.slide-summary dt').length,
      lit: stage.querySelector('.dg-lit')?.getAttribute('class') ?? null,
      counter: stage.querySelector('.steps-counter').textContent,
    };
  });
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  for (const lang of ['en', 'vi']) {
    test(`every slide fits ${viewport.width}×${viewport.height} with the right bytes lit (${lang})`, async ({ openPage }) => {
      const { page } = await openTab(openPage, { lang, viewport, tab: 'steps' });
      await page.locator('.steps-present').click();
      await expect(page.locator('.steps.presenting')).toBeVisible();
      for (const [i, want] of NAT_SLIDES.entries()) {
        await expect(page.locator('.slide')).toHaveAttribute('data-slide', String(i + 1));
        const got = await slideLayout(page);
        const where = `slide ${i + 1} (${lang}, ${viewport.width})`;
        expect(got.scrollHeight, `${where}: nothing to scroll`).toBeLessThanOrEqual(got.innerHeight);
        expect(got.overflowing, `${where}: every element on screen`).toEqual([]);
        expect(got.marks, `${where}: lit bytes`).toEqual(want.lit);
        if (want.big) expect(got.big, where).toBe(want.big);
        if (want.text) expect(got.text, where).toContain(want.text);
        if (want.summary) expect(got.summary, `${where}: a short summary`).toBeGreaterThanOrEqual(3);
        if (want.summary) expect(got.summary, `${where}: a short summary`).toBeLessThanOrEqual(5);
        expect(got.lit ?? '', `${where}: the diagram's part`).toContain(want.diagram ?? '');
        expect(got.counter, where).toContain(String(NAT_SLIDES.length));
        expect(got.text, `${where}: no invented control port`).not.toContain(':21');
        if (viewport.width === 1366 && (lang === 'en' || [0, 3, 5, 8].includes(i))) {
          await page.screenshot({ path: join(SHOTS, `classroom-slide-${i + 1}-${lang}-${viewport.width}.png`) });
        }
        // Forward with → and Space alternately.
        await page.keyboard.press(i % 2 ? ' ' : 'ArrowRight');
      }
      // The last slide stays the last; ← goes back; Esc leaves and the page scrolls again.
      await expect(page.locator('.slide')).toHaveAttribute('data-slide', String(NAT_SLIDES.length));
      await page.keyboard.press('ArrowLeft');
      await expect(page.locator('.slide')).toHaveAttribute('data-slide', String(NAT_SLIDES.length - 1));
      await page.keyboard.press('Home');
      await expect(page.locator('.slide')).toHaveAttribute('data-slide', '1');
      await page.keyboard.press('Escape');
      await expect(page.locator('.steps.presenting')).toHaveCount(0);
      await expect(page.locator('.steps')).toBeVisible();
      const restored = await page.evaluate(() => [document.documentElement.style.overflow, document.body.style.overflow]);
      expect(restored, 'the page is unlocked').toEqual(['', '']);
    });
  }
}

test('a slide of a reply that works, and a 229, fit the projector too', async ({ openPage }) => {
  for (const query of [
    '?reply=227%20Entering%20Passive%20Mode%20(198,51,100,20,195,80).&control=198.51.100.20',
    '?reply=229%20Entering%20Extended%20Passive%20Mode%20(%7C%7C%7C50006%7C)&control=203.0.113.10',
  ]) {
    const { page } = await openTab(openPage, { lang: 'vi', viewport: { width: 1366, height: 768 }, query, tab: 'steps' });
    await page.locator('.steps-present').click();
    const total = Number((await page.locator('.steps-counter').textContent()).match(/(\d+)\s*$/)[1]);
    for (let i = 1; i <= total; i++) {
      await expect(page.locator('.slide')).toHaveAttribute('data-slide', String(i));
      const got = await slideLayout(page);
      expect(got.scrollHeight).toBeLessThanOrEqual(got.innerHeight);
      expect(got.overflowing).toEqual([]);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
  }
});

/** Every pair of diagram labels, and whether any two overlap. */
async function labelOverlaps(page) {
  return page.locator('svg.dg-svg').first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const rects = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const clashes = [];
    for (let i = 0; i < rects.length; i++) {
      const a = rects[i].r;
      if (a.left < box.left - 1 || a.right > box.right + 1) clashes.push(`${rects[i].text} leaves the picture`);
      for (let j = i + 1; j < rects.length; j++) {
        const b = rects[j].r;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) clashes.push(`${rects[i].text} × ${rects[j].text}`);
      }
    }
    return { count: rects.length, clashes, text: svg.textContent };
  });
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  for (const lang of ['en', 'vi']) {
    for (const colorScheme of ['light', 'dark']) {
      test(`diagram labels never overlap at ${viewport.width} px (${lang}, ${colorScheme})`, async ({ openPage }) => {
        const { page } = await openTab(openPage, { lang, viewport, colorScheme, tab: 'diagram' });
        await expect(page.locator('svg.dg-svg')).toBeVisible();
        const got = await labelOverlaps(page);
        expect(got.count).toBeGreaterThan(6);
        expect(got.clashes).toEqual([]);
        expect(got.text).toContain('203.0.113.10');
        expect(got.text).toContain('10.0.0.12:40000');
        expect(got.text, 'no port the input does not show').not.toContain(':21');
        await page.locator('svg.dg-svg').scrollIntoViewIfNeeded();
        await page.locator('.dg').screenshot({ path: join(SHOTS, `classroom-diagram-${lang}-${colorScheme}-${viewport.width}.png`) });
      });
    }
  }
}

test('the step-by-step tab links to a practice exercise in the same language', async ({ openPage }) => {
  const { page } = await openTab(openPage, { lang: 'vi', viewport: { width: 1366, height: 768 }, tab: 'steps' });
  await page.locator('.practice-link').click();
  await expect(page).toHaveURL(/[?&]practice=[a-z0-9]{6}&lang=vi/);
  await expect(page.locator('.practice-reply code')).toHaveText(/^22[79] /);
  await expect(page.locator('.practice-main h1')).toContainText('Luyện tập');
});

test('the diagram in a slide keeps its labels apart (vi, 1366×768)', async ({ openPage }) => {
  const { page } = await openTab(openPage, { lang: 'vi', viewport: { width: 1366, height: 768 }, tab: 'steps' });
  await page.locator('.steps-present').click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.dg-lit')).toHaveCount(1);
  expect((await labelOverlaps(page)).clashes).toEqual([]);
});

// A seed (lesson-1) that gives a 227 behind NAT, one (lesson-2) that gives a 229.
const oracle = (reply, intro) => {
  const six = reply.match(/\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/);
  if (six) return { ip: six.slice(1, 5).join('.'), port: Number(six[5]) * 256 + Number(six[6]) };
  return { ip: intro.match(/(\d+\.\d+\.\d+\.\d+)/)[1], port: Number(reply.match(/\|\|\|(\d+)\|/)[1]) };
};

for (const lang of ['en', 'vi']) {
  test(`practice: a seed gives the same exercise, answers are checked (${lang})`, async ({ openPage }) => {
    const words = lang === 'en' ? { right: 'Right', wrong: 'Not quite' } : { right: 'Đúng', wrong: 'Chưa đúng' };
    const first = await openPage(`?practice=lesson-1&lang=${lang}`, { viewport: { width: 1366, height: 768 } });
    const reply = await first.page.locator('.practice-reply code').textContent();
    expect(reply).toMatch(/^227 /);
    const again = await openPage(`?practice=lesson-1&lang=${lang}`, { viewport: { width: 390, height: 844 } });
    await expect(again.page.locator('.practice-reply code')).toHaveText(reply);
    await expect(again.page.locator('html')).toHaveAttribute('lang', lang);

    const page = first.page;
    const intro = await page.locator('.practice-main > p').nth(1).textContent();
    const want = oracle(reply, intro);
    // A wrong port (the two bytes added): the arithmetic is shown.
    const [p1, p2] = [Math.floor(want.port / 256), want.port % 256];
    await page.locator('.practice-ip').fill(want.ip);
    await page.locator('.practice-port').fill(String(p1 + p2));
    await page.locator('.practice-check').click();
    await expect(page.locator('.practice-wrong')).toContainText(words.wrong);
    await expect(page.locator('.practice-working')).toContainText(`${p1} × 256 + ${p2} = ${p1 * 256} + ${p2} = ${want.port}`);
    await expect(page.locator('.practice-working')).toContainText(want.ip);
    await page.screenshot({ path: join(SHOTS, `classroom-practice-wrong-${lang}.png`), fullPage: true });
    // The right answer.
    await page.locator('.practice-port').fill(String(want.port));
    await page.locator('.practice-check').click();
    await expect(page.locator('.practice-right')).toContainText(words.right);
    await expect(page.locator('.practice-right')).toContainText(`${want.ip}:${want.port}`);

    // A 229: the address is the control connection's.
    const eps = await openPage(`?practice=lesson-2&lang=${lang}`);
    const epsReply = await eps.page.locator('.practice-reply code').textContent();
    expect(epsReply).toMatch(/^229 /);
    const epsWant = oracle(epsReply, await eps.page.locator('.practice-main > p').nth(1).textContent());
    await eps.page.locator('.practice-ip').fill(epsWant.ip);
    await eps.page.locator('.practice-port').fill(String(epsWant.port));
    await eps.page.locator('.practice-check').click();
    await expect(eps.page.locator('.practice-right')).toBeVisible();

    // A new exercise changes the seed in the address bar, and that link gives the same reply again.
    await page.locator('.practice-new').click();
    await expect(page).not.toHaveURL(/practice=lesson-1/);
    const seed = new URL(page.url()).searchParams.get('practice');
    expect(seed).toMatch(/^[a-z0-9]{6}$/);
    const newReply = await page.locator('.practice-reply code').textContent();
    const shared = await openPage(`?practice=${seed}&lang=${lang}`);
    await expect(shared.page.locator('.practice-reply code')).toHaveText(newReply);
    await expect(page.locator('.practice-result')).toHaveCount(0);
  });
}
