// PASV Lens loader (Trunk runs with inject_scripts = false).
//
// index.html loads this module from `static/loader.js`. Every URL below is
// resolved against this module's own URL, never against the site root, so the
// built dist/ works from any sub-path and from a plain static file server, and
// no inline script is needed (strict Content-Security-Policy).
const base = new URL('../', import.meta.url);
// Where on-demand modules (extras/) are found, whatever the page's path.
globalThis.__pasvLensBase = base.href;
// ?theme=light|dark sets the colour scheme (static/style.css). Otherwise a
// frame takes its element's color-scheme when the host page is of the same
// origin (Chromium gives a frame the system's prefers-color-scheme, not its
// host's); a host of any origin may post {type: 'pasv-lens:theme', theme}.
const theme = (t) => t && t != 'auto' && (document.documentElement.dataset.theme = t);
try {
  const scheme = getComputedStyle(frameElement).colorScheme;
  theme(/dark/.test(scheme) ? !/light/.test(scheme) && 'dark' : 'light');
} catch {}
theme(new URLSearchParams(location.search).get('theme'));
addEventListener('message', (e) => e.source == parent && e.data?.type == 'pasv-lens:theme' && theme(e.data.theme));
const jsUrl = new URL('pasv-lens-web.js', base);
const wasmUrl = new URL('pasv-lens-web_bg.wasm', base);

function showLoadError(err) {
  const app = document.getElementById('app');
  if (app && !app.hasChildNodes()) {
    const p = document.createElement('p');
    p.className = 'load-error';
    p.setAttribute('role', 'alert');
    p.textContent = 'PASV Lens could not start: ' + (err && err.message ? err.message : String(err));
    app.appendChild(p);
  }
}

try {
  const bindings = await import(jsUrl.href);
  const wasm = await bindings.default({ module_or_path: wasmUrl });
  // Only this loader starts the page (pasv-lens.js loads the module on other sites).
  bindings.startPage();
  // What can wait (fetching the on-demand module ahead of use) waits for
  // the browser's first idle moment: static/later.js.
  (self.requestIdleCallback || setTimeout)(() => import('./later.js'));
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (err) {
  console.error('PASV Lens failed to load', err);
  showLoadError(err);
}
