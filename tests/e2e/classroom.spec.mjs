// Classroom views of the on-demand module: the presentation (one slide per
// step, fitting 1366×768 and 1920×1080 with nothing to scroll, the bytes
// under discussion lit up, keys), the sequence diagram (no two labels
// overlap, at 1366 px and 390 px, in both languages), and the practice page
// (?practice=<seed>: the same seed gives the same reply, answers checked).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';

const SHOTS = process.env.PASV_SHOTS || join('target', 'e2e-shots');
mkdirSync(SHOTS, { recursive: true });

const NAT = '?reply=227%20Entering%20Passive%20Mode%20(10,0,0,12,156,64).&control=203.0.113.10';

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
      const restored = await page.evaluate(() => document.documentElement.getAttribute('style'));
      expect(restored, 'the page is unlocked').toBeNull();
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
