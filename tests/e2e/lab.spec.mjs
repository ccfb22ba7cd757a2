// Real logs from the lab (tests/lab/, written by scripts/lab.sh): one log of
// each client program pasted into the page gives, word for word, the verdict
// the CLI gives for the same log — one core behind both — in both languages.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, waitForApp } from './fixtures.mjs';

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
    expect(pick, `the lab has a log of ${program}`).toBeTruthy();
    return { program, name: pick.log, text: readFileSync(`${LAB}logs/${pick.log}`, 'utf8') };
  });
}

// The pasv-lens binary, built once for the file (cargo finds it wherever
// CARGO_TARGET_DIR puts it).
let cli;
test.beforeAll(() => {
  test.setTimeout(900_000);
  const build = spawnSync('cargo', ['build', '--quiet', '-p', 'pasv-cli', '--bin', 'pasv-lens', '--message-format=json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  expect(build.status, `cargo build -p pasv-cli: ${build.stderr}`).toBe(0);
  cli = build.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.executable && m.target?.name === 'pasv-lens')?.executable;
  expect(cli, 'cargo names the pasv-lens executable').toBeTruthy();
});

function cliVerdict(text, lang) {
  // Exit status 1 means the log shows a problem: that is a verdict too.
  const run = spawnSync(cli, ['decode', '--json', '--lang', lang], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
  expect([0, 1], `pasv-lens exit ${run.status}: ${run.stderr}`).toContain(run.status);
  const out = run.stdout;
  const summary = JSON.parse(out.trim().split('\n').pop()).summary;
  expect(summary?.verdict?.message, `the CLI gives a verdict: ${out.slice(-300)}`).toBeTruthy();
  return summary.verdict;
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

for (const lang of ['en', 'vi']) {
  test(`lab logs get the CLI's verdict on the page (${lang})`, async ({ page }) => {
    await page.goto(`?lang=${lang}`);
    await waitForApp(page);
    for (const { program, name, text } of labLogs()) {
      await test.step(`${program} (${name})`, async () => {
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
        expect(shown, `${lang} ${program} (${name}): the page shows the CLI's verdict`).toContain(squash(want.message));
      });
    }
  });
}
