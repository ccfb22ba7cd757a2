// Real logs from the lab (tests/lab/, written by scripts/lab.sh): one log of
// each client program pasted into the page gives, word for word, the verdict
// the CLI gives for the same log — one core behind both — in both languages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert, assertNoProblems, waitForApp } from './lib.mjs';

const LAB = fileURLToPath(new URL('../lab/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAMS = ['curl', 'lftp', 'ftplib', 'wget', 'tnftp', 'inetutils', 'filezilla'];
// Scenarios where the verdict has something to say (NAT), in order of preference.
const SCENARIOS = ['a-private-trust', 'l-announce-private', 'b-private-workaround', 'fz-private', 'e-ports-drop'];

function labLogs() {
  const [header, ...rows] = readFileSync(`${LAB}manifest.tsv`, 'utf8').trim().split('\n');
  const cols = header.split('\t');
  const records = rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
  return PROGRAMS.map((program) => {
    const mine = records.filter((r) => r.client.split('-')[0] === program);
    const pick = SCENARIOS.map((s) => mine.find((r) => r.scenario === s)).find(Boolean) ?? mine[0];
    assert(pick, `the lab has a log of ${program}`);
    return { program, name: pick.log, text: readFileSync(`${LAB}logs/${pick.log}`, 'utf8') };
  });
}

function cliVerdict(text, lang) {
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'pasv-cli', '--', 'decode', '--json', '--lang', lang], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const summary = JSON.parse(out.trim().split('\n').pop()).summary;
  assert(summary?.verdict?.message, `the CLI gives a verdict: ${out.slice(-300)}`);
  return summary.verdict;
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

export async function labLogsGetTheCliVerdictOnThePage({ openPage }) {
  for (const lang of ['en', 'vi']) {
    const { page, problems } = await openPage(`?lang=${lang}`);
    await waitForApp(page);
    for (const { program, name, text } of labLogs()) {
      const want = cliVerdict(text, lang);
      await page.fill('#reply', '');
      await page.fill('#reply', text);
      await page.waitForSelector('.log-root .verdict-text', { timeout: 30_000 });
      const shown = squash(await page.locator('.verdict-text').innerText());
      assert(shown.includes(squash(want.message)), `${lang} ${program} (${name}): page shows\n${shown}\nCLI says\n${want.message}`);
    }
    assertNoProblems(problems);
  }
}
