// Detail on demand: a finding answers in one sentence, and "Why", "What
// clients do" and "How to fix" (one tab per server, with a snippet to copy)
// open under it; notes and the address-family table sit under "Details";
// no paragraph is said twice on the screen. Both languages.
//
// Expected wording comes from the core's message catalog (see lib.mjs).
import { test, expect, msg, waitForApp } from './fixtures.mjs';

const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';
const EPSV_REPLY = '229 Entering Extended Passive Mode (|||50006|)';
const CONTROL = '203.0.113.10';
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

async function openReply(openPage, lang, reply, options = {}) {
  const opened = await openPage(`?${new URLSearchParams({ reply, control: CONTROL, lang })}`, { ...CLIPBOARD, ...options });
  await waitForApp(opened.page);
  await opened.page.waitForSelector('.card .answer');
  return opened.page;
}

/** The visible text of every innermost paragraph-like element, shadow roots included. */
async function visibleParagraphs(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        // Table cells are rows of data (two clients may well do the same thing).
        if (!['P', 'LI', 'DD'].includes(el.tagName) || el.querySelector('p, li, dd') || el.closest('.editor')) continue;
        const text = el.innerText?.trim();
        if (text && text.length > 30 && el.checkVisibility()) out.push(text);
      }
    };
    walk(document);
    return out;
  });
}

for (const lang of ['en', 'vi']) {
  test(`${lang}: a finding is one sentence, and Why opens the rest with its source`, async ({ openPage }) => {
    const page = await openReply(openPage, lang, NAT_REPLY);
    const finding = page.locator('.finding[data-id="nat-unroutable-address"]');
    const full = msg(lang, 'finding.nat-unroutable-address', { address: '10.0.0.12', control: CONTROL, class: msg(lang, 'class.private') });
    const head = finding.locator('.finding-summary');
    const badge = await head.locator('.sev-badge').innerText();
    const summary = (await head.innerText()).slice(badge.length).trim();
    // The first sentence of the catalog's message, and nothing more.
    expect(full.startsWith(summary)).toBe(true);
    expect(summary.endsWith('.')).toBe(true);
    expect(summary.length).toBeLessThan(full.length / 2);
    const rest = finding.locator('.why .finding-text');
    await expect(rest).toBeHidden();
    await finding.locator('.why > summary').click();
    await expect(rest).toBeVisible();
    expect(`${summary} ${await rest.innerText()}`).toBe(full);
    await expect(finding.locator('.why .citation a')).toBeVisible();
  });

  test(`${lang}: What clients do groups real clients by what happens`, async ({ openPage }) => {
    const page = await openReply(openPage, lang, NAT_REPLY);
    const clients = page.locator('.finding .more.clients').first();
    await expect(clients.locator('.client-groups')).toHaveCount(0);
    await clients.locator(':scope > summary').click();
    // curl connects to the control address; curl --no-ftp-skip-pasv-ip trusts 10.0.0.12 and fails.
    await expect(clients.locator('.client-groups li.clients-ok')).toContainText(msg(lang, 'extras.clients.name-curl'));
    await expect(clients.locator('.client-groups li.clients-bad')).toContainText(msg(lang, 'extras.clients.name-curl-no-skip'));
    await expect(clients.locator('.client-groups li.clients-ok')).not.toContainText(msg(lang, 'extras.clients.name-curl-no-skip'));
  });

  test(`${lang}: How to fix has a tab per server, arrow keys, and a snippet that copies`, async ({ openPage }) => {
    const page = await openReply(openPage, lang, NAT_REPLY);
    const fix = page.locator('.finding .more.fix').first();
    await fix.locator(':scope > summary').click();
    const tabs = fix.locator('[role=tab]');
    await expect(tabs).toHaveText(['vsftpd', 'ProFTPD', 'Pure-FTPd', 'IIS', 'FileZilla Server']);
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    const code = fix.locator('.snippet code');
    await expect(code).toHaveText('pasv_address=203.0.113.10\npasv_min_port=40000\npasv_max_port=40100');
    await fix.locator('.fix-panel .copy-snippet').click();
    await expect(fix.locator('.fix-panel .copy-status')).toHaveText(msg(lang, 'extras.detail.copied-snippet'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.innerText());
    // The WAI-ARIA tabs pattern: arrows move the selection and the focus.
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.nth(1)).toBeFocused();
    await expect(code).toHaveText('MasqueradeAddress 203.0.113.10\nPassivePorts 49152 65534');
    await page.keyboard.press('End');
    await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
    // FileZilla Server is set in its interface: no snippet pretends otherwise.
    await expect(fix.locator('.snippet')).toHaveCount(0);
    await expect(fix.locator('.fix-panel')).toContainText(msg(lang, 'extras.detail.fix-filezilla'));
    await expect(fix.locator('.fix-panel .citation a')).toHaveAttribute('href', /filezilla-project\.org/);
  });

  test(`${lang}: Details holds the notes and the address-family table, said once when both rows agree`, async ({ openPage }) => {
    // A 229 works over both families for the same reason: one row.
    let page = await openReply(openPage, lang, EPSV_REPLY);
    const details = page.locator('.card-details');
    await expect(details.locator(':scope > summary')).toHaveText(msg(lang, 'ui.details'));
    // The 229's note (where the client connects) is inside, hidden until opened.
    const note = details.locator('.finding[data-id="epsv-uses-control-address"]');
    await expect(note).toBeHidden();
    await details.locator(':scope > summary').click();
    await expect(note).toBeVisible();
    const rows = details.locator('.compat tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator('th')).toHaveText(msg(lang, 'extras.compat.both'));
    // A 227 works over IPv4 only: two rows that differ.
    page = await openReply(openPage, lang, NAT_REPLY);
    await page.locator('.card-details > summary').click();
    await expect(page.locator('.card-details .compat tbody tr th')).toHaveText(['IPv4', 'IPv6']);
    // No warning or danger hides under Details.
    await expect(page.locator('.card-details .finding.sev-danger, .card-details .finding.sev-warning')).toHaveCount(0);
  });

  test(`${lang}: no paragraph appears twice on the screen, every expander and tab open`, async ({ openPage }) => {
    const page = await openReply(openPage, lang, NAT_REPLY);
    // Open every closed disclosure, nested ones too ("What clients do" of one
    // card form a group: at most one of them is open).
    const closed = page.locator('.card details:not([open]) > summary').filter({ visible: true });
    for (let i = 0; i < 20 && (await closed.count()) > 0; i++) await closed.first().click();
    await expect(page.locator('.fix-tabs')).toBeVisible();
    await expect(page.locator('.card-details .compat')).toBeVisible();
    await page.locator('.extras-toggle').click();
    // The presentation steps are reworked elsewhere; every other tab is checked.
    const tabs = page.locator('.card-extras .extras-tab');
    await expect(tabs.first()).toBeVisible();
    const steps = msg(lang, 'extras.steps.tab');
    for (let i = 0; i < (await tabs.count()); i++) {
      if ((await tabs.nth(i).innerText()) === steps) continue;
      await tabs.nth(i).click();
      await expect(page.locator('.card-extras [role=tabpanel]:not([hidden])')).not.toBeEmpty();
      // The same text twice, or one paragraph inside another (the whole
      // finding repeated where the card shows its parts).
      const texts = await visibleParagraphs(page);
      const twice = texts.flatMap((a, j) => texts.filter((b, k) => k !== j && b.includes(a)).map((b) => [a, b]));
      expect(twice, `tab ${await tabs.nth(i).innerText()}`).toEqual([]);
    }
    // The 227 vs 229 tab points to the finding rather than repeating it.
    await tabs.filter({ hasText: msg(lang, 'extras.tab-compare') }).click();
    await expect(page.locator('.cmp-grid')).toContainText(msg(lang, 'extras.compare.see-finding'));
  });
}
