// The "More" panel beyond the happy path: replies our decoder rejects (where
// real clients disagree most), the tabs by keyboard, the presentation's keys,
// steps for every form, and a diagram whose labels always fit.
import { test, expect, screenshot, waitForApp } from './fixtures.mjs';

const NAT = '227 Entering Passive Mode (10,0,0,12,156,64).';

async function openPanel(page, reply, { control = '', lang = 'en' } = {}) {
  await page.goto(`?reply=${encodeURIComponent(reply)}&control=${encodeURIComponent(control)}&lang=${lang}`);
  await waitForApp(page);
  await page.locator('.extras-toggle').click();
  await page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
}

/** Select the tab whose label contains `name`. */
async function tab(page, name) {
  const t = page.locator('.extras-tab', { hasText: name });
  await t.click();
  await expect(t).toHaveAttribute('aria-selected', 'true');
}

/** Reveal every step (keyboard on the stage) and return their texts. */
async function allSteps(page) {
  const steps = page.locator('.steps');
  await steps.waitFor();
  const total = Number((await steps.locator('.steps-counter').innerText()).match(/(\d+)\D*$/)[1]);
  await steps.focus();
  for (let i = 1; i < total; i++) await page.keyboard.press('ArrowRight');
  await expect(steps.locator('.steps-list li'), 'every step shown').toHaveCount(total);
  return steps.locator('.steps-list li').allInnerTexts();
}

test.describe('the More panel for replies we cannot decode', () => {
  for (const [reply, control] of [
    ['227 Entering Passive Mode (1216,256,2,127,127,127)', '203.0.113.10'],
    ['229 Entering Extended Passive Mode (|||50_000|)', '203.0.113.10'],
    ['229 Entering Extended Passive Mode (|||0|)', ''],
  ]) {
    test(reply, async ({ page }) => {
      await page.goto(`?reply=${encodeURIComponent(reply)}&control=${control}&lang=en`);
      await waitForApp(page);
      await page.locator('.card.tone-error').waitFor();
      expect(await page.locator('.extras-toggle').count(), 'a "More" button under the error').toBe(1);
      await page.locator('.extras-toggle').click();
      const table = page.locator('.clients-table');
      await table.waitFor({ timeout: 30_000 });
      const rows = await table.locator('tbody tr').allInnerTexts();
      expect(rows.length, 'one row per client').toBeGreaterThanOrEqual(9);
      // Tabs that need a decoded address are not offered; the client table and the encoder are.
      const tabs = await page.locator('.extras-tab').allInnerTexts();
      expect(tabs, 'the tabs offered').toEqual(expect.arrayContaining(['What real clients do', 'Encoder']));
      expect(tabs, 'no tabs without an address').not.toContain('Connection diagram');
      expect(tabs, 'no tabs without an address').not.toContain('Step by step');
      if (reply.includes('1216')) await screenshot(page, 'extras-undecodable-clients.png', { fullPage: true });
    });
  }

  test('a decoded reply keeps every tab', async ({ page }) => {
    await openPanel(page, NAT, { control: '203.0.113.10' });
    expect(await page.locator('.extras-tab').count(), 'five tabs for a decoded reply').toBe(5);
  });
});

test('the More tabs follow the tabs pattern', async ({ page }) => {
  await openPanel(page, NAT, { control: '203.0.113.10' });
  const tabs = page.locator('.extras-tab');
  const count = await tabs.count();
  const state = () =>
    tabs.evaluateAll((els) =>
      els.map((el) => ({
        selected: el.getAttribute('aria-selected'),
        tabindex: el.getAttribute('tabindex'),
        focused: el.getRootNode().activeElement === el,
        controls: el.getAttribute('aria-controls'),
        id: el.id,
      })),
    );
  const expectAt = async (i, what) => {
    await expect(tabs.nth(i), `${what}: tab ${i} selected`).toHaveAttribute('aria-selected', 'true', { timeout: 5_000 });
    const s = await state();
    // Roving tabindex: only the selected tab is in the tab order.
    expect(
      s.map((t) => [t.selected, t.tabindex]),
      `${what}: aria-selected and tabindex of every tab`,
    ).toEqual(s.map((_, j) => [String(i === j), i === j ? '0' : '-1']));
    expect(s[i].focused, `${what}: tab ${i} has the focus`).toBe(true);
    // The selected tab controls the panel, which is labelled by it.
    const panel = await tabs.nth(i).evaluate((el) => {
      const p = el.getRootNode().getElementById(el.getAttribute('aria-controls'));
      return p && { role: p.getAttribute('role'), labelledby: p.getAttribute('aria-labelledby') };
    });
    expect(panel, `${what}: aria-controls names an element`).toBeTruthy();
    expect(panel.role, `${what}: controlled element role`).toBe('tabpanel');
    expect(panel.labelledby, `${what}: panel labelled by its tab`).toBe(s[i].id);
  };
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expectAt(1, 'ArrowRight');
  await page.locator('svg.dg-svg').waitFor();
  await page.keyboard.press('End');
  await expectAt(count - 1, 'End');
  await page.keyboard.press('ArrowRight');
  await expectAt(0, 'ArrowRight wraps to the first');
  await page.keyboard.press('ArrowLeft');
  await expectAt(count - 1, 'ArrowLeft wraps to the last');
  await page.keyboard.press('Home');
  await expectAt(0, 'Home');
  await page.locator('.clients-table').waitFor();
  const ids = new Set((await state()).map((t) => t.controls));
  expect(ids.size, 'every tab controls its own panel id').toBe(count);
});

test("the presentation's keys and buttons, and a reply change", async ({ page }) => {
  await openPanel(page, NAT, { control: '203.0.113.10' });
  await tab(page, 'Step by step');
  const steps = page.locator('.steps');
  const items = steps.locator('.steps-list li');
  const [back, next] = [steps.locator('.steps-controls button').first(), steps.locator('.steps-controls button').nth(1)];
  await next.click();
  await next.click();
  await next.click();
  await expect(items, 'four steps after three Next clicks').toHaveCount(4);
  // Enter and Space on a focused button press that button, and only that.
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(items, 'Enter on Back goes back').toHaveCount(3);
  await page.keyboard.press(' ');
  await expect(items, 'Space on Back goes back').toHaveCount(2);
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(items, 'Enter on Next goes forward once').toHaveCount(3);
  // The stage itself still takes Enter and the arrows.
  await steps.focus();
  await page.keyboard.press('Enter');
  await expect(items, 'Enter on the stage goes forward').toHaveCount(4);

  // Present: the stage goes full screen (Fullscreen API), and comes back.
  await steps.locator('.steps-present').click();
  await page.locator('.steps.presenting').waitFor();
  const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
  await expect.poll(fullscreen, { message: 'presentation uses the Fullscreen API', timeout: 5_000 }).toBe(true);
  await steps.locator('.steps-present').click();
  await page.locator('.steps:not(.presenting)').waitFor();
  await expect.poll(fullscreen, { message: 'the presentation leaves full screen', timeout: 5_000 }).toBe(false);

  // Go to the last step, then change the reply: the presentation starts over.
  await steps.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(steps.locator('.steps-counter'), 'last step of the 227').toHaveText('Step 6 of 6');
  await page.fill('#reply', '229 Entering Extended Passive Mode (|||50006|)');
  await steps.locator('.steps-line', { hasText: '|||50006|' }).waitFor();
  await expect(steps.locator('.steps-counter'), 'a new reply starts at its first step').toHaveText('Step 1 of 2');
  await expect(items, 'one step shown for the new reply').toHaveCount(1);
});

test.describe('presentation steps for long forms', () => {
  // 228 (LPSV) with an IPv6 address: all 21 numbers, the family and lengths, then the arithmetic.
  const v6 = '228 Entering Long Passive Mode (6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,4,5)';
  for (const lang of ['en', 'vi']) {
    test(`228 with an IPv6 address (${lang})`, async ({ page }) => {
      await openPanel(page, v6, { control: '2001:db8::1', lang });
      await tab(page, lang === 'en' ? 'Step by step' : 'Từng bước');
      const texts = await allSteps(page);
      const all = texts.join('\n');
      expect(texts[0], 'all 21 numbers').toContain('6, 16, 32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 5');
      expect(all, '16 address bytes are not "the first four"').not.toMatch(/first four|Bốn số đầu/);
      expect(all, 'the IPv6 address').toContain('2001:db8::1');
      expect(all, 'family and length explained').toContain('IPv6');
      expect(all, 'family and length explained').toContain('16');
      expect(all, 'arithmetic').toContain('4 × 256 + 5');
      expect(all, 'arithmetic').toContain('1029');
      if (lang === 'vi') await screenshot(page, 'extras-steps-228-vi.png', { fullPage: true });
    });
  }

  test('228 with an IPv4 address', async ({ page }) => {
    await openPanel(page, '228 Entering Long Passive Mode (4,4,192,168,1,2,2,4,5)', { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const texts = await allSteps(page);
    expect(texts[0], 'all 9 numbers').toContain('4, 4, 192, 168, 1, 2, 2, 4, 5');
    expect(texts.join('\n'), 'the address').toContain('192.168.1.2');
    expect(texts.join('\n'), 'the address is not "the first four" numbers').not.toContain('first four');
  });
});

test.describe('presentation steps for commands and plain addresses', () => {
  test('a PORT command is a command, not a reply', async ({ page }) => {
    await openPanel(page, 'PORT 192,168,0,3,19,243', { control: '192.168.0.3' });
    await tab(page, 'Step by step');
    const texts = await allSteps(page);
    expect(texts[0], 'PORT: first step').not.toMatch(/\breply\b/i);
    expect(texts[0], 'PORT: first step').toMatch(/command/i);
  });

  test('EPRT names the address and port itself: nothing about 229', async ({ page }) => {
    await openPanel(page, 'EPRT |1|203.0.113.7|5000|', { control: '203.0.113.7' });
    await tab(page, 'Step by step');
    const all = (await allSteps(page)).join('\n');
    expect(all, 'EPRT steps').not.toContain('229');
    expect(all, 'EPRT steps').toContain('203.0.113.7');
    expect(all, 'EPRT steps').toContain('5000');
  });

  test('the address step says something, not "10.0.0.12 is the address 10.0.0.12"', async ({ page }) => {
    await openPanel(page, NAT, { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const second = (await allSteps(page))[1];
    expect(second.split('10.0.0.12').length - 1, `address step names the address once: ${second}`).toBe(1);
  });

  test('with leading zeros the address step shows how the bytes read', async ({ page }) => {
    await openPanel(page, '227 Entering Passive Mode (010,000,000,001,4,5)', { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const second = (await allSteps(page))[1];
    expect(second, 'leading zeros').toContain('010.000.000.001');
    expect(second, 'leading zeros').toContain('10.0.0.1');
  });
});

test.describe('diagram labels fit with long IPv6 addresses', () => {
  const cases = [
    ['229 Entering Extended Passive Mode (|||50006|)', '2001:db8:1234:5678:9abc:def0:1234:5678', ']:50006'],
    ['EPRT |2|2001:db8:1234:5678:9abc:def0:1234:5678|65535|', '2001:db8:ffff:ffff:ffff:ffff:ffff:fffe', ']:65535'],
  ];
  for (const lang of ['en', 'vi']) {
    for (const [reply, control, port] of cases) {
      test(`${lang}: ${reply}`, async ({ page }) => {
        await openPanel(page, reply, { control, lang });
        await tab(page, lang === 'en' ? 'Connection diagram' : 'Sơ đồ kết nối');
        const svg = page.locator('svg.dg-svg');
        await svg.waitFor();
        const boxes = await svg.evaluate((el) => {
          const vb = el.viewBox.baseVal;
          return [...el.querySelectorAll('text')].map((t) => {
            const b = t.getBBox();
            return { text: t.textContent, left: b.x, right: b.x + b.width, min: vb.x, max: vb.x + vb.width };
          });
        });
        expect(boxes.some((b) => b.text.includes(port)), `a label with ${port}: ${JSON.stringify(boxes)}`).toBe(true);
        const outside = boxes
          .filter((b) => !(b.left >= b.min - 0.5 && b.right <= b.max + 0.5))
          .map((b) => `“${b.text}” spans ${b.left.toFixed(1)}–${b.right.toFixed(1)}, outside ${b.min}–${b.max}`);
        expect(outside, 'labels outside the picture').toEqual([]);
        if (reply.startsWith('229')) await screenshot(page, `extras-diagram-ipv6-${lang}.png`, { fullPage: true });
      });
    }
  }
});

// Opening and closing "More" from the keyboard keeps the focus on the
// toggle: the button is updated in place, not replaced (a replaced button
// drops the focus to <body>, and a keyboard user starts over from the top).
test('the More toggle keeps the keyboard focus', async ({ page }) => {
  await page.goto(`?reply=${encodeURIComponent(NAT)}&lang=en`);
  await waitForApp(page);
  const toggle = page.locator('.extras-toggle');
  await toggle.focus();
  const focused = () => page.evaluate(() => document.activeElement.className + ' ' + document.activeElement.getAttribute('aria-expanded'));
  await page.keyboard.press('Enter');
  await page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
  expect(await focused(), 'focus after opening').toBe('extras-toggle true');
  await page.keyboard.press('Enter');
  await page.locator('.extras-root').waitFor({ state: 'detached' });
  expect(await focused(), 'focus after closing').toBe('extras-toggle false');
});
