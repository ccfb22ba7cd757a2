// The session-log view: the input keeps its highlighting; a row's "line N"
// link selects that line in the input and scrolls it into view; rows show a
// chevron that turns when they open; a clean log is a green "no problem"
// (words and an icon); on a phone no address or port breaks across lines.
// Real logs from the lab (tests/lab/logs). Both languages.
import { readFileSync } from 'node:fs';
import { test, expect, msg, waitForApp } from './fixtures.mjs';

const lab = (name) => readFileSync(new URL(`../lab/logs/${name}.log`, import.meta.url), 'utf8');
// ProFTPD behind NAT announces 10.0.0.12 and lftp (ftp:fix-pasv-address off) times out: 56 lines.
const NAT_LOG = lab('a-private-trust--proftpd--lftp-nofix');
const CLEAN_LOG = lab('f-clean-passive--vsftpd--ftplib');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function openLog(openPage, lang, log, options = {}) {
  const opened = await openPage(`?lang=${lang}`, options);
  const { page } = opened;
  await waitForApp(page);
  await page.locator('#reply').fill(log);
  await expect(page.locator('.exchange-row').first()).toBeVisible();
  return page;
}

/** Where line `n` (1-based) of the textarea lies, measured on a copy laid out like it. */
async function lineInView(page, n) {
  return page.evaluate((n) => {
    const area = document.getElementById('reply');
    const cs = getComputedStyle(area);
    const mirror = document.createElement('div');
    for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize', 'wordBreak', 'overflowWrap']) mirror.style[p] = cs[p];
    mirror.style.whiteSpace = 'pre-wrap';
    mirror.style.position = 'absolute';
    mirror.style.visibility = 'hidden';
    mirror.style.width = `${area.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px`;
    const lines = area.value.split('\n');
    mirror.append(lines.slice(0, n - 1).join('\n') + (n > 1 ? '\n' : ''));
    const marker = document.createElement('span');
    marker.textContent = lines[n - 1] || ' ';
    mirror.append(marker);
    document.body.append(mirror);
    const top = marker.offsetTop;
    mirror.remove();
    const lineHeight = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    const visibleTop = area.scrollTop;
    const visibleBottom = area.scrollTop + area.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    const box = area.getBoundingClientRect();
    return {
      lineInArea: top >= visibleTop - 1 && top + lineHeight <= visibleBottom + 1,
      areaOnScreen: box.top < innerHeight && box.bottom > 0,
      top,
      visibleTop,
      visibleBottom,
    };
  }, n);
}

for (const lang of ['en', 'vi']) {
  for (const [where, options] of [['laptop', { viewport: { width: 1366, height: 768 } }], ['phone', PHONE]]) {
    test(`${lang} ${where}: a row's line link selects that line in the input and scrolls to it`, async ({ openPage }) => {
      const page = await openLog(openPage, lang, NAT_LOG, options);
      const link = page.locator('.exchange .line-link').last();
      const n = Number((await link.innerText()).match(/\d+/)[0]);
      await expect(link).toHaveAttribute('title', msg(lang, 'log.ui.show-line', { n }));
      expect(n).toBeGreaterThan(10);
      // The line starts out of the field's view (5 rows).
      expect((await lineInView(page, n)).lineInArea).toBe(false);
      await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
      await link.click();
      const lines = NAT_LOG.split('\n');
      const start = lines.slice(0, n - 1).join('\n').length + 1;
      const selected = await page.evaluate(() => {
        const a = document.getElementById('reply');
        return { start: a.selectionStart, end: a.selectionEnd, text: a.value.slice(a.selectionStart, a.selectionEnd), focused: document.activeElement === a };
      });
      expect(selected).toEqual({ start, end: start + lines[n - 1].length, text: lines[n - 1], focused: true });
      const view = await lineInView(page, n);
      expect(view.lineInArea, JSON.stringify(view)).toBe(true);
      expect(view.areaOnScreen).toBe(true);
    });
  }

  test(`${lang}: the input keeps its highlighting in log view`, async ({ openPage }) => {
    const page = await openLog(openPage, lang, NAT_LOG);
    // The 227's address and port bytes, behind lftp's "<--- " prefix (the
    // lab picks the port afresh on every run: read it from the log's text).
    const [, p1, p2] = NAT_LOG.match(/<--- 227 [^(]*\(10,0,0,12,(\d+),(\d+)\)/);
    await expect(page.locator('.backdrop mark.hl-address')).toHaveText(['10', '0', '0', '12']);
    await expect(page.locator('.backdrop mark.hl-port')).toHaveText([p1, p2]);
  });

  test(`${lang}: rows show a chevron that turns when they open`, async ({ openPage }) => {
    const page = await openLog(openPage, lang, NAT_LOG);
    const rows = page.locator('.exchange-row');
    const count = await rows.count();
    await expect(page.locator('.exchange-row .chevron')).toHaveCount(count);
    const row = rows.last();
    const turn = () => row.locator('.chevron').evaluate((c) => getComputedStyle(c).transform);
    expect(await turn()).toBe('none');
    await row.click();
    await expect(row).toHaveAttribute('aria-expanded', 'true');
    // rotate(90deg) once the transition ends.
    await expect.poll(turn).toMatch(/^matrix\((6\.1\d*e-17|0), 1, -1, (6\.1\d*e-17|0), 0, 0\)$/);
    await row.click();
    await expect.poll(turn).toMatch(/^(none|matrix\(1, 0, 0, 1, 0, 0\))$/);
  });

  test(`${lang}: a clean lab log is a green "no problem", in words and with an icon`, async ({ openPage }) => {
    const page = await openLog(openPage, lang, CLEAN_LOG);
    const verdict = page.locator('.log-view .verdict');
    await expect(verdict).toHaveClass(/\bok\b/);
    await expect(verdict.locator('.state-ok')).toHaveText(`✓${msg(lang, 'log.ui.state-no-problem')}`);
    await expect(verdict.locator('.sev-badge')).toHaveCount(0);
    const [border, ok] = await verdict.evaluate((v) => [getComputedStyle(v).borderLeftColor, getComputedStyle(v.querySelector('.state-ok')).color]);
    expect(border).toBe(ok);
    // Green: more green than red or blue.
    const [r, g, b] = ok.match(/\d+/g).map(Number);
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
    // A log with a problem keeps its severity badge.
    const nat = await openLog(openPage, lang, NAT_LOG);
    await expect(nat.locator('.log-view .verdict')).not.toHaveClass(/\bok\b/);
    await expect(nat.locator('.log-view .verdict .sev-badge')).toBeVisible();
  });

  test(`${lang} phone: no address or port in the exchange grid breaks across lines`, async ({ openPage }) => {
    const page = await openLog(openPage, lang, NAT_LOG, PHONE);
    const pieces = page.locator('.exchange-row .ep, .exchange-row .reply');
    expect(await pieces.count()).toBeGreaterThanOrEqual(3);
    const broken = await pieces.evaluateAll((els) =>
      els
        .map((el) => {
          const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.2;
          return { text: el.textContent, rects: el.getClientRects().length, height: el.getBoundingClientRect().height, lineHeight };
        })
        .filter((p) => p.text && (p.rects !== 1 || p.height > p.lineHeight * 1.5)),
    );
    expect(broken).toEqual([]);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
