#!/usr/bin/env bash
# Lighthouse (npm package pinned in the root package.json) against the built
# page, in English and Vietnamese, with Lighthouse's default mobile emulation
# and throttling. A measurement, not a test: it prints the four category
# scores and the audits that lost points, and exits 0 whatever the scores.
#
#   trunk build --release && bash tests/e2e/perf/lighthouse.sh
#
# dist/ is served by the e2e suite's static server (tests/e2e/lib.mjs) on
# 127.0.0.1 with a random port; Chromium is Debian's (CHROME_PATH, default
# /usr/bin/chromium). Reports go to target/lighthouse/<lang>.report.{json,html}.
# Environment: DIST_DIR, CHROME_PATH, LH_OUT (report folder), LH_REPLY (the
# reply put in the URL).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
e2e="$(cd "$here/.." && pwd)"
repo="$(cd "$e2e/../.." && pwd)"
dist="${DIST_DIR:-$repo/dist}"
out="${LH_OUT:-$repo/target/lighthouse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
lighthouse="$repo/node_modules/.bin/lighthouse"
reply="${LH_REPLY:-227 Entering Passive Mode (10,0,0,12,156,64).}"

[ -f "$dist/index.html" ] || { echo "lighthouse: $dist/index.html not found; run trunk build --release first" >&2; exit 2; }
[ -x "$lighthouse" ] || { echo "lighthouse: $lighthouse not found; run scripts/setup.sh (npm ci at the repository root)" >&2; exit 2; }
[ -x "$CHROME_PATH" ] || { echo "lighthouse: no Chromium at $CHROME_PATH" >&2; exit 2; }
mkdir -p "$out"

# Serve dist/ on loopback; the server prints its base URL and runs until killed.
url_file="$(mktemp)"
node --input-type=module -e "
  import { startStaticServer } from '$e2e/lib.mjs';
  const server = await startStaticServer(process.argv[1]);
  console.log(server.baseUrl);
" "$dist" >"$url_file" &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -f "$url_file"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  [ -s "$url_file" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "lighthouse: the static server did not start" >&2; exit 2; }
  sleep 0.1
done
base="$(head -n 1 "$url_file")"
case "$base" in
  http://127.0.0.1:*) ;;
  *) echo "lighthouse: unexpected server address '$base'" >&2; exit 2 ;;
esac

# Everything Chromium might do on its own that would leave the machine is off.
chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
--disable-extensions --metrics-recording-only --no-default-browser-check --mute-audio"

encoded_reply="$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$reply")"
for lang in en vi; do
  url="${base}?lang=${lang}&reply=${encoded_reply}"
  echo "lighthouse: $url"
  "$lighthouse" "$url" \
    --quiet \
    --no-enable-error-reporting \
    --chrome-flags="$chrome_flags" \
    --output=json --output=html \
    --output-path="$out/$lang" \
    --only-categories=performance,accessibility,best-practices,seo \
    --max-wait-for-load=60000
done

node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  const out = process.argv[1];
  const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
  console.log('');
  console.log('  lang  ' + cats.map((c) => c.padStart(15)).join(''));
  const reports = {};
  for (const lang of ['en', 'vi']) {
    const r = JSON.parse(readFileSync(out + '/' + lang + '.report.json', 'utf8'));
    reports[lang] = r;
    const score = (c) => (r.categories[c].score === null ? 'n/a' : String(Math.round(r.categories[c].score * 100)));
    console.log('  ' + lang.padEnd(6) + cats.map((c) => score(c).padStart(15)).join(''));
  }
  for (const [lang, r] of Object.entries(reports)) {
    const lost = [];
    for (const c of cats) {
      for (const ref of r.categories[c].auditRefs) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          const value = a.displayValue ? ' (' + a.displayValue + ')' : '';
          lost.push('    [' + c + '] ' + a.id + ': ' + Math.round(a.score * 100) + value);
        }
      }
    }
    const m = (id) => r.audits[id] && r.audits[id].displayValue;
    console.log('');
    console.log('  ' + lang + ': FCP ' + m('first-contentful-paint') + ', LCP ' + m('largest-contentful-paint') + ', TBT ' + m('total-blocking-time') + ', CLS ' + m('cumulative-layout-shift') + ', SI ' + m('speed-index'));
    console.log(lost.length ? '  audits that lost points:\n' + lost.join('\n') : '  no audit lost points');
  }
  console.log('');
  console.log('reports: ' + out + '/{en,vi}.report.{json,html}');
" "$out"
