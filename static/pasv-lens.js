// PASV Lens for documentation sites: the JS API and inline widgets.
//
//   <script type="module" src="/pasv-lens/static/pasv-lens.js"></script>
//   <div data-pasv-lens data-reply="227 Entering Passive Mode (10,0,0,12,156,64)." data-lang="vi"></div>
//
//   import { decode } from '/pasv-lens/static/pasv-lens.js';
//   await decode('229 Entering Extended Passive Mode (|||6446|)', { control: '2001:db8::7', lang: 'en' });
//
// Every URL is resolved against this module's own URL, so the folder can live
// under any path. Widgets render inside a shadow root: no CSS leaks either way.
const base = new URL('../', import.meta.url);
globalThis.__pasvLensBase ??= base.href;
const stylesheet = new URL('static/style.css', base).href;

let bindings;

/** Resolves once the WebAssembly module is ready. */
export const ready = (async () => {
  bindings = await import(new URL('pasv-lens-web.js', base).href);
  await bindings.default({ module_or_path: new URL('pasv-lens-web_bg.wasm', base) });
})();

let api;

/** Decode every reply or command in `text` (see pasv-lens.d.ts). Resolves
 * with the reports; the decoder lives in the on-demand module (extras/),
 * loaded on the first call, so widgets alone never download it. */
export async function decode(text, options = {}) {
  api ??= import(new URL('extras/pasv-lens-extras.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('extras/pasv-lens-extras_bg.wasm', base) });
    return m;
  });
  return (await api).decode(text, options);
}

/** Mount a decoder into `element`; options: {reply, control, sent, lang}. */
export function mount(element, options = {}) {
  if (!bindings) throw new Error('PASV Lens is not ready yet: await ready first');
  bindings.mount(element, { stylesheet, ...options });
}

/** Mount every `[data-pasv-lens]` element not mounted yet. */
export function mountAll(root = document) {
  for (const el of root.querySelectorAll('[data-pasv-lens]')) {
    if (el.shadowRoot) continue;
    const { reply, control, sent, lang } = el.dataset;
    mount(el, { reply, control, sent, lang });
  }
}

ready.then(() => mountAll()).catch((err) => console.error('PASV Lens failed to load', err));
