// PASV Lens for documentation sites: the JS API and inline widgets.
//
//   <script type="module" src="/pasv-lens/static/pasv-lens.js"></script>
//   <div data-pasv-lens data-reply="227 Entering Passive Mode (10,0,0,12,156,64)." data-lang="vi"></div>
//
//   import { decode } from '/pasv-lens/static/pasv-lens.js';
//   await decode('229 Entering Extended Passive Mode (|||6446|)', { control: '2001:db8::7', lang: 'en' });
//
// Every URL is written relative to this module (`new URL('…', import.meta.url)`
// and `import('…')` with literal paths), so the folder can live under any
// path, and bundlers (the npm package `pasv-lens`) find the files. Widgets
// render inside a shadow root: no CSS leaks either way.
const base = new URL('../', import.meta.url);
globalThis.__pasvLensBase ??= base.href;
const stylesheet = new URL('style.css', import.meta.url).href;

let bindings;

/** Resolves once the WebAssembly module is ready. */
export const ready = (async () => {
  bindings = await import('../pasv-lens-web.js');
  await bindings.default({ module_or_path: new URL('../pasv-lens-web_bg.wasm', import.meta.url) });
})();

let api;
function extras() {
  api ??= import('../extras/pasv-lens-extras.js').then(async (m) => {
    await m.default({ module_or_path: new URL('../extras/pasv-lens-extras_bg.wasm', import.meta.url) });
    return m;
  });
  return api;
}

/** Decode every reply or command in `text` (see pasv-lens.d.ts). Resolves
 * with the reports; the decoder lives in the on-demand module (extras/),
 * loaded on the first call (or when the pointer enters a full widget). */
export async function decode(text, options = {}) {
  return (await extras()).decode(text, options);
}

/** Mount a decoder into `element`; options: {reply, control, sent, lang,
 * compact, theme, page} (see pasv-lens.d.ts). */
export function mount(element, options = {}) {
  if (!bindings) throw new Error('PASV Lens is not ready yet: await ready first');
  const { theme, ...rest } = options;
  // The stylesheet reads the theme from the element (`:host([data-theme])`).
  if (theme) element.dataset.theme = theme;
  // The module takes `compact` as the URL of the full page to link to.
  bindings.mount(element, { stylesheet, ...rest, compact: rest.compact ? rest.page || base.href : undefined });
  // The pointer near a full widget: fetch what its "More" panel needs.
  if (!rest.compact) element.addEventListener('pointerenter', prefetch, { once: true });
}

/** Mount every `[data-pasv-lens]` element not mounted yet. */
export function mountAll(root = document) {
  for (const el of root.querySelectorAll('[data-pasv-lens]')) {
    if (el.shadowRoot) continue;
    const { reply, control, sent, lang, page, compact } = el.dataset;
    // `data-compact` alone, or any value but "false".
    mount(el, { reply, control, sent, lang, page, compact: compact !== undefined && compact !== 'false' });
  }
}

let prefetched;
function prefetch() {
  if (prefetched) return;
  prefetched = true;
  // Loads the module ahead of the click (the page's own loader then finds it
  // in the module map and the HTTP cache).
  extras().catch(() => {});
}

ready.then(() => mountAll()).catch((err) => console.error('PASV Lens failed to load', err));
