// Real logs from the lab (tests/lab/, written by scripts/lab.sh): one log of
// each client program pasted into the page gives, word for word, the verdict
// the CLI gives for the same log — one core behind both — in both languages.
import { spawnSync } from 'node:child_process';
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
    // A run that failed says most; then one that worked around the address.
    const pick =
      SCENARIOS.map((s) => mine.find((r) => r.scenario === s && r.transfer !== 'ok')).find(Boolean) ??
      SCENARIOS.map((s) => mine.find((r) => r.scenario === s)).find(Boolean) ??
      mine[0];
    assert(pick, `the lab has a log of ${program}`);
    return { program, name: pick.log, text: readFileSync(`${LAB}logs/${pick.log}`, 'utf8') };
  });
}

function cliVerdict(text, lang) {
  // Exit status 1 means the log shows a problem: that is a verdict too.
  const run = spawnSync('cargo', ['run', '--quiet', '-p', 'pasv-cli', '--', 'decode', '--json', '--lang', lang], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert(run.status === 0 || run.status === 1, `pasv-lens exit ${run.status}: ${run.stderr}`);
  const out = run.stdout;
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
      // Empty the field first, so that the previous log's verdict is gone.
      await page.fill('#reply', '');
      await page.waitForSelector('.log-root .verdict-text', { state: 'detached', timeout: 30_000 });
      await page.fill('#reply', text);
      await page.waitForSelector('.log-root .verdict-text', { timeout: 30_000 });
      // The CLI reads what the page holds: a text field turns curl's lone
      // carriage returns (its progress meter) into line breaks (HTML's
      // newline normalization), which moves the line numbers of such a log.
      const want = cliVerdict(await page.inputValue('#reply'), lang);
      const shown = squash(await page.locator('.verdict-text').innerText());
      assert(shown.includes(squash(want.message)), `${lang} ${program} (${name}): page shows\n${shown}\nCLI says\n${want.message}`);
    }
    assertNoProblems(problems);
  }
}
