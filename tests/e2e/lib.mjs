// Shared helpers for the PASV Lens end-to-end suite: the static server
// (serve-dist.mjs, screenshots.mjs, perf/), the monitored page and the
// message catalog (fixtures.mjs). Only Node's standard library.
import { createServer } from 'node:http';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * A tiny static file server for dist/ on 127.0.0.1 (`port` 0: a random free one).
 *
 * The same files are served at the root and below every prefix listed in
 * `mounts` (e.g. "/nested/pasv/"), so tests can check that the page works from
 * a sub-path. `log` records every request as {method, path, status}.
 */
export async function startStaticServer(root, { mounts = ['/nested/pasv-lens/'], port = 0 } = {}) {
  const rootDir = resolve(root);
  const log = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0 };
    log.push(entry);
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      let path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      for (const m of mounts) {
        if (path === m.slice(0, -1)) {
          entry.status = 301;
          res.writeHead(301, { Location: m });
          return res.end();
        }
        if (path.startsWith(m)) {
          path = '/' + path.slice(m.length);
          break;
        }
      }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(rootDir, path));
      if (file !== rootDir && !file.startsWith(rootDir + sep)) return send(403, 'forbidden');
      let info;
      try {
        info = await stat(file);
      } catch {
        return send(404, 'not found');
      }
      if (!info.isFile()) return send(404, 'not found');
      entry.status = 200;
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch (err) {
      send(500, String(err));
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const bound = server.address().port;
  return {
    baseUrl: `http://127.0.0.1:${bound}/`,
    mounts,
    log,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** The lists of what a monitored page did wrong (see `guardContext`, `watchPage`). */
export function newProblems() {
  return { consoleErrors: [], consoleWarnings: [], pageErrors: [], cspViolations: [], foreignRequests: [], failedRequests: [], httpErrors: [] };
}

/**
 * Abort and record every request of `context` to an origin other than
 * `origin` (nothing leaves the machine), and record CSP violations.
 */
export async function guardContext(context, origin, problems) {
  const allowedOrigin = new URL(origin).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let reqOrigin;
    try {
      reqOrigin = new URL(url).origin;
    } catch {
      reqOrigin = 'invalid';
    }
    if (reqOrigin !== allowedOrigin && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.foreignRequests.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });

  await context.exposeBinding('__pasvReportCsp', (_source, v) => problems.cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      __pasvReportCsp({
        directive: e.violatedDirective,
        effective: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    });
  });
}

/** Record `page`'s console errors and warnings, exceptions, failed requests and HTTP errors. */
export function watchPage(page, problems) {
  page.on('console', (msg) => {
    const text = `${msg.text()}${msg.location()?.url ? ` (${msg.location().url}:${msg.location().lineNumber})` : ''}`;
    if (msg.type() === 'error') problems.consoleErrors.push(text);
    else if (msg.type() === 'warning') problems.consoleWarnings.push(text);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('requestfailed', (req) => {
    // A prefetch of the on-demand module (static/later.js) or a worker start
    // that a navigation or a newer text cut short.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && /\/extras\/|\/worker\/|\/static\/analysis-worker\.js/.test(req.url())) return;
    if (!problems.foreignRequests.includes(req.url())) {
      problems.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
    }
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400) problems.httpErrors.push(`${resp.status()} ${resp.url()}`);
  });
}

/**
 * Open a page in a fresh browser context that records everything a test
 * usually wants to forbid: console errors/warnings, uncaught exceptions, CSP
 * violations, failed requests and requests to any origin other than `origin`
 * (those are also aborted, so nothing leaves the machine).
 */
export async function openMonitoredPage(browser, origin, { viewport = { width: 1280, height: 800 }, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const problems = newProblems();
  await guardContext(context, origin, problems);
  const page = await context.newPage();
  watchPage(page, problems);
  return { context, page, problems };
}

/** Throw unless every problem list is empty (warnings are ignored unless `strictWarnings`). */
export function assertNoProblems(problems, { strictWarnings = false } = {}) {
  const lists = { ...problems };
  if (!strictWarnings) delete lists.consoleWarnings;
  const bad = Object.entries(lists).filter(([, v]) => v.length > 0);
  if (bad.length) {
    throw new Error(
      'page reported problems:\n' + bad.map(([k, v]) => `  ${k}:\n${v.map((x) => '    - ' + JSON.stringify(x)).join('\n')}`).join('\n'),
    );
  }
}

/** Wait until the Yew app has rendered something into #app (fails fast on a loader error). */
export async function waitForApp(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const app = document.getElementById('app');
      return app && app.children.length > 0;
    },
    null,
    { timeout },
  );
  const loadError = await page.locator('#app .load-error').count();
  if (loadError > 0) {
    throw new Error('the loader reported: ' + (await page.locator('#app .load-error').first().textContent()));
  }
}

// Expected wording is read from the core's message catalog
// (crates/pasv-core/locales/*.toml), so rewording a translation does not
// break the tests.

/** The `[section] key = "value"` entries of a locale file, as "section.key" → text. */
function loadCatalog(lang) {
  const text = readFileSync(new URL(`../../crates/pasv-core/locales/${lang}.toml`, import.meta.url), 'utf8');
  const out = new Map();
  let section = '';
  for (const line of text.split('\n')) {
    const head = line.match(/^\s*\[([^\]]+)\]\s*$/);
    if (head) {
      section = head[1];
      continue;
    }
    const entry = line.match(/^\s*([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/);
    if (entry) out.set(`${section}.${entry[1]}`, JSON.parse(`"${entry[2]}"`));
  }
  return out;
}
const CATALOG = { en: loadCatalog('en'), vi: loadCatalog('vi') };

/** A catalog text, with `{name}` placeholders filled from `args`. */
export function msg(lang, key, args = {}) {
  const template = CATALOG[lang].get(key);
  if (template === undefined) throw new Error(`no ${key} in locales/${lang}.toml`);
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name) => (name in args ? String(args[name]) : m));
}
