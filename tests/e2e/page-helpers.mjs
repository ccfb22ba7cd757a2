// What the page*.spec.mjs files share: sample texts and the moves a person
// makes on the decoder page.
import { msg, waitForApp } from './fixtures.mjs';

export const NAT_REPLY = '227 Entering Passive Mode (10,0,0,12,156,64).';
export const MALFORMED = '227 Entering Passive Mode (192,168,1,2,300,5)';
export const IMG = '<img src=x onerror=alert(1)>';
export const SCRIPT = '<script>alert(1)</script>';
export const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** Open the page with `query` (null: where it already is) and wait for the app. */
export async function open(page, query = '?lang=en') {
  if (query !== null) await page.goto(query || './');
  await waitForApp(page);
  await page.waitForSelector('#reply');
}

/** Type like a person (key by key) into the reply field, after clearing it. */
export async function typeReply(page, text) {
  await page.fill('#reply', '');
  await page.locator('#reply').pressSequentially(text);
}

export async function waitForLabel(page, lang) {
  await page.locator('label[for="reply"]', { hasText: msg(lang, 'ui.input-label') }).waitFor();
}

export function queryOf(page) {
  return new URL(page.url()).searchParams;
}
