// The "More" panel beyond the happy path: replies our decoder rejects (where
// real clients disagree most), the tabs by keyboard, the presentation's keys,
// steps for every form, and a diagram whose labels always fit.
import { join } from 'node:path';
import { assert, assertEqual, assertNoProblems, waitForApp } from './lib.mjs';

const NAT = '227 Entering Passive Mode (10,0,0,12,156,64).';

async function openPanel(openPage, reply, { control = '', lang = 'en' } = {}) {
  const opened = await openPage(`?reply=${encodeURIComponent(reply)}&control=${encodeURIComponent(control)}&lang=${lang}`);
  await waitForApp(opened.page);
  await opened.page.locator('.extras-toggle').click();
  await opened.page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
  return opened;
}

/** Select the tab whose label contains `name`. */
async function tab(page, name) {
  const t = page.locator('.extras-tab', { hasText: name });
  await t.click();
  await t.and(page.locator('[aria-selected="true"]')).waitFor();
}

/** Go through every slide (keyboard on the stage) and return their texts,
 *  from the slide after the one that shows the line alone. */
async function allSteps(page) {
  const steps = page.locator('.steps');
  await steps.waitFor();
  const total = Number((await steps.locator('.steps-counter').innerText()).match(/(\d+)\D*$/)[1]);
  await steps.focus();
  const texts = [];
  for (let i = 1; i <= total; i++) {
    await steps.locator(`.slide[data-slide="${i}"]`).waitFor();
    texts.push(await steps.locator('.slide-text').innerText());
    await page.keyboard.press('ArrowRight');
  }
  return texts.slice(1);
}

export async function morePanelForRepliesWeCannotDecode({ openPage, shotDir }) {
  const cases = [
    ['227 Entering Passive Mode (1216,256,2,127,127,127)', '203.0.113.10'],
    ['229 Entering Extended Passive Mode (|||50_000|)', '203.0.113.10'],
    ['229 Entering Extended Passive Mode (|||0|)', ''],
  ];
  for (const [reply, control] of cases) {
    const { page, problems } = await openPage(`?reply=${encodeURIComponent(reply)}&control=${control}&lang=en`);
    await waitForApp(page);
    await page.locator('.card.tone-error').waitFor();
    assertEqual(await page.locator('.extras-toggle').count(), 1, `${reply}: a "More" button under the error`);
    await page.locator('.extras-toggle').click();
    const table = page.locator('.clients-table');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert(rows.length >= 9, `${reply}: one row per client, got ${rows.length}`);
    // Tabs that need a decoded address are not offered; the client table and the encoder are.
    const tabs = await page.locator('.extras-tab').allInnerTexts();
    assert(tabs.includes('What real clients do') && tabs.includes('Encoder'), `${reply}: tabs ${tabs}`);
    assert(!tabs.includes('Connection diagram') && !tabs.includes('Step by step'), `${reply}: no tabs without an address: ${tabs}`);
    if (reply.includes('1216')) await page.screenshot({ path: join(shotDir, 'extras-undecodable-clients.png'), fullPage: true });
    assertNoProblems(problems);
    await page.context().close();
  }
  // A decoded reply keeps every tab.
  const { page } = await openPanel(openPage, NAT, { control: '203.0.113.10' });
  assertEqual(await page.locator('.extras-tab').count(), 5, 'five tabs for a decoded reply');
}

export async function extrasTabsFollowTheTabsPattern({ openPage }) {
  const { page, problems } = await openPanel(openPage, NAT, { control: '203.0.113.10' });
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
    await tabs.nth(i).and(page.locator('[aria-selected="true"]')).waitFor({ timeout: 5_000 }).catch(() => {});
    const s = await state();
    s.forEach((t, j) => {
      assertEqual(t.selected, String(i === j), `${what}: tab ${j} aria-selected`);
      assertEqual(t.tabindex, i === j ? '0' : '-1', `${what}: tab ${j} tabindex (roving)`);
    });
    assert(s[i].focused, `${what}: tab ${i} has the focus`);
    // The selected tab controls the panel, which is labelled by it.
    const panel = await tabs.nth(i).evaluate((el) => {
      const p = el.getRootNode().getElementById(el.getAttribute('aria-controls'));
      return p && { role: p.getAttribute('role'), labelledby: p.getAttribute('aria-labelledby') };
    });
    assert(panel, `${what}: aria-controls names an element`);
    assertEqual(panel.role, 'tabpanel', `${what}: controlled element role`);
    assertEqual(panel.labelledby, s[i].id, `${what}: panel labelled by its tab`);
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
  // Tab leaves the tablist for the panel's content.
  const ids = new Set((await state()).map((t) => t.controls));
  assertEqual(ids.size, count, 'every tab controls its own panel id');
  assertNoProblems(problems);
}

export async function presentationKeysButtonsAndReplyChanges({ openPage }) {
  const { page, problems } = await openPanel(openPage, NAT, { control: '203.0.113.10' });
  await tab(page, 'Step by step');
  const steps = page.locator('.steps');
  const shown = async () => Number(await steps.locator('.slide').getAttribute('data-slide'));
  const [back, next] = [steps.locator('.steps-controls button').first(), steps.locator('.steps-controls button').nth(1)];
  await next.click();
  await next.click();
  await next.click();
  assertEqual(await shown(), 4, 'slide 4 after three Next clicks');
  // Enter and Space on a focused button press that button, and only that.
  await back.focus();
  await page.keyboard.press('Enter');
  assertEqual(await shown(), 3, 'Enter on Back goes back');
  await page.keyboard.press(' ');
  assertEqual(await shown(), 2, 'Space on Back goes back');
  await next.focus();
  await page.keyboard.press('Enter');
  assertEqual(await shown(), 3, 'Enter on Next goes forward once');
  // The stage itself still takes Enter and the arrows.
  await steps.focus();
  await page.keyboard.press('Enter');
  assertEqual(await shown(), 4, 'Enter on the stage goes forward');

  // Present: the stage goes full screen (Fullscreen API), and comes back.
  await steps.locator('.steps-present').click();
  await page.locator('.steps.presenting').waitFor();
  await page.waitForFunction(() => document.fullscreenElement !== null, null, { timeout: 5_000 }).catch(() => {});
  assert(await page.evaluate(() => document.fullscreenElement !== null), 'presentation uses the Fullscreen API');
  await steps.locator('.steps-present').click();
  await page.locator('.steps:not(.presenting)').waitFor();
  await page.waitForFunction(() => document.fullscreenElement === null, null, { timeout: 5_000 });

  // Go to the last step, then change the reply: the presentation starts over.
  await steps.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  const counter = await steps.locator('.steps-counter').innerText();
  assertEqual(counter, 'Step 9 of 9', 'last slide of the 227');
  await page.fill('#reply', '229 Entering Extended Passive Mode (|||50006|)');
  await steps.locator('.slide-line', { hasText: '|||50006|' }).waitFor();
  assertEqual(await steps.locator('.steps-counter').innerText(), 'Step 1 of 4', 'a new reply starts at its first slide');
  assertEqual(await shown(), 1, 'the first slide of the new reply');
  assertNoProblems(problems);
}

export async function presentationStepsForLongForms({ openPage, shotDir }) {
  // 228 (LPSV) with an IPv6 address: all 21 numbers, the family and lengths, then the arithmetic.
  const v6 = '228 Entering Long Passive Mode (6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,4,5)';
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPanel(openPage, v6, { control: '2001:db8::1', lang });
    await tab(page, lang === 'en' ? 'Step by step' : 'Từng bước');
    const texts = await allSteps(page);
    const all = texts.join('\n');
    assert(texts[0].includes('6, 16, 32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 5'), `${lang}: all 21 numbers: ${texts[0]}`);
    assert(!/first four|Bốn số đầu/.test(all), `${lang}: 16 address bytes are not "the first four": ${all}`);
    assert(all.includes('2001:db8::1'), `${lang}: the IPv6 address: ${all}`);
    assert(all.includes('IPv6') && all.includes('16'), `${lang}: family and length explained: ${all}`);
    assert(all.includes('4 × 256 + 5') && all.includes('1029'), `${lang}: arithmetic: ${all}`);
    if (lang === 'vi') await page.screenshot({ path: join(shotDir, 'extras-steps-228-vi.png'), fullPage: true });
    assertNoProblems(problems);
    await page.context().close();
  }
  // 228 with an IPv4 address.
  {
    const { page } = await openPanel(openPage, '228 Entering Long Passive Mode (4,4,192,168,1,2,2,4,5)', { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const texts = await allSteps(page);
    assert(texts[0].includes('4, 4, 192, 168, 1, 2, 2, 4, 5'), `228 v4: all 9 numbers: ${texts[0]}`);
    assert(texts.join('\n').includes('192.168.1.2') && !texts.join('\n').includes('first four'), `228 v4: ${texts.join(' / ')}`);
    await page.context().close();
  }
}

export async function presentationStepsForCommandsAndPlainAddresses({ openPage }) {
  // A PORT command is a command, not a reply.
  {
    const { page } = await openPanel(openPage, 'PORT 192,168,0,3,19,243', { control: '192.168.0.3' });
    await tab(page, 'Step by step');
    const texts = await allSteps(page);
    assert(!/\breply\b/i.test(texts[0]) && /command/i.test(texts[0]), `PORT: first step: ${texts[0]}`);
    await page.context().close();
  }
  // EPRT names the address and port itself: nothing about 229.
  {
    const { page } = await openPanel(openPage, 'EPRT |1|203.0.113.7|5000|', { control: '203.0.113.7' });
    await tab(page, 'Step by step');
    const all = (await allSteps(page)).join('\n');
    assert(!all.includes('229') && all.includes('203.0.113.7') && all.includes('5000'), `EPRT steps: ${all}`);
    await page.context().close();
  }
  // The address step says something: not "10.0.0.12 is the address 10.0.0.12".
  {
    const { page } = await openPanel(openPage, NAT, { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const second = (await allSteps(page))[1];
    assertEqual(second.split('10.0.0.12').length - 1, 1, `address step names the address once: ${second}`);
    await page.context().close();
  }
  // …but with leading zeros it shows how the bytes read.
  {
    const { page } = await openPanel(openPage, '227 Entering Passive Mode (010,000,000,001,4,5)', { control: '203.0.113.10' });
    await tab(page, 'Step by step');
    const second = (await allSteps(page))[1];
    assert(second.includes('010.000.000.001') && second.includes('10.0.0.1'), `leading zeros: ${second}`);
    await page.context().close();
  }
}

export async function diagramLabelsFitWithLongIpv6Addresses({ openPage, shotDir }) {
  const cases = [
    ['229 Entering Extended Passive Mode (|||50006|)', '2001:db8:1234:5678:9abc:def0:1234:5678', ']:50006'],
    ['EPRT |2|2001:db8:1234:5678:9abc:def0:1234:5678|65535|', '2001:db8:ffff:ffff:ffff:ffff:ffff:fffe', ']:65535'],
  ];
  for (const lang of ['en', 'vi']) {
    for (const [reply, control, port] of cases) {
      const { page, problems } = await openPanel(openPage, reply, { control, lang });
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
      assert(boxes.some((b) => b.text.includes(port)), `${lang} ${reply}: a label with ${port}: ${JSON.stringify(boxes)}`);
      for (const b of boxes) {
        assert(b.left >= b.min - 0.5 && b.right <= b.max + 0.5, `${lang} ${reply}: “${b.text}” spans ${b.left.toFixed(1)}–${b.right.toFixed(1)}, outside ${b.min}–${b.max}`);
      }
      if (reply.startsWith('229')) await page.screenshot({ path: join(shotDir, `extras-diagram-ipv6-${lang}.png`), fullPage: true });
      assertNoProblems(problems);
      await page.context().close();
    }
  }
}

// Opening and closing "More" from the keyboard keeps the focus on the
// toggle: the button is updated in place, not replaced (a replaced button
// drops the focus to <body>, and a keyboard user starts over from the top).
export async function moreToggleKeepsTheKeyboardFocus({ openPage }) {
  const { page, problems } = await openPage(`?reply=${encodeURIComponent(NAT)}&lang=en`);
  await waitForApp(page);
  const toggle = page.locator('.extras-toggle');
  await toggle.focus();
  const focused = () => page.evaluate(() => document.activeElement.className + ' ' + document.activeElement.getAttribute('aria-expanded'));
  await page.keyboard.press('Enter');
  await page.locator('.extras-tab').first().waitFor({ timeout: 30_000 });
  assertEqual(await focused(), 'extras-toggle true', 'focus after opening');
  await page.keyboard.press('Enter');
  await page.locator('.extras-root').waitFor({ state: 'detached' });
  assertEqual(await focused(), 'extras-toggle false', 'focus after closing');
  assertNoProblems(problems);
}
