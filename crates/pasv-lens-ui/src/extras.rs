//! The one interface to the on-demand second module (crate
//! `pasv-lens-extras`, built into `extras/` next to the page): a loader that
//! imports it on first use, and one typed function per export of the
//! module. Each forwarder below names its export statically; a renamed or
//! retyped export is a change to this file and to the module's `lib.rs`.
//! The forwarding happens in JavaScript on purpose: the page's first load
//! carries no Rust future or boxed closure per call.
use pasv_core::Lang;
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(inline_js = r#"
let extras;
function load() {
  const base = globalThis.__pasvLensBase || new URL('./', document.baseURI).href;
  return extras ??= import(new URL('extras/pasv-lens-extras.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('extras/pasv-lens-extras_bg.wasm', base) });
    return m;
  });
}
function failed(root) {
  return (err) => {
    console.error('PASV Lens: the on-demand module failed to load', err);
    if (root) root.textContent = String(err);
  };
}
export function looks_like_log(text, done) {
  load().then((m) => m.judge_log(text, done), (err) => { failed()(err); done(false); });
}
export function show_log(root, text, control, lang, analysed) {
  load().then((m) => m.show_log(root, text, control, lang, analysed), failed(root));
}
export function show_card_extras(root, line, control, sent, lang) {
  load().then((m) => m.show_card_extras(root, line, control, sent, lang), failed(root));
}
export function show_practice(root, seed, lang) {
  load().then((m) => m.show_practice(root, seed, lang), failed(root));
}
// Opening an expander that names its content (`data-more`) inside a result
// card (`data-line` and the rest: the card's context and language; an
// embedded card's host page has a language of its own) asks the module to draw it
// (`show_detail`). One listener for the page and the log view's shadow roots
// (composedPath), registered once even though the module carries this file too.
if (!globalThis.__pasvLensDetail) {
  globalThis.__pasvLensDetail = 1;
  document.addEventListener('click', (e) => {
    const s = e.composedPath()[0];
    const d = s.closest && s.closest('summary') && s.closest('summary').parentElement;
    const card = d && !d.open && d.dataset.more && d.closest('[data-line]');
    const root = card && d.querySelector(':scope > .more-root');
    if (root) {
      load().then((m) => m.show_detail(root, d.dataset.more, d.dataset.finding || '', card.dataset.line, card.dataset.control, card.dataset.sent, card.dataset.lang), failed(root));
    }
  });
}
"#)]
extern "C" {
    /// `looks_like_log(text: string) -> bool`: the core's judgment; `done`
    /// gets it, or false when the module cannot load.
    #[wasm_bindgen(js_name = looks_like_log)]
    fn extras_looks_like_log(text: js_sys::Uint8Array, done: JsValue);

    /// `show_log(root, text, control, lang, analysed)`.
    #[wasm_bindgen(js_name = show_log)]
    fn extras_show_log(root: Element, text: js_sys::Uint8Array, control: &str, lang: &str, analysed: usize);

    /// `show_card_extras(root, line, control, sent, lang)`.
    #[wasm_bindgen(js_name = show_card_extras)]
    fn extras_show_card_extras(root: Element, line: &str, control: &str, sent: &str, lang: &str);

    /// `show_practice(root, seed, lang)`.
    #[wasm_bindgen(js_name = show_practice)]
    fn extras_show_practice(root: Element, seed: &str, lang: &str);
}

/// Ask the core, through the on-demand module (which asks the analysis
/// worker), whether `text` is a session log; `done` gets the answer (false when the module cannot load).
pub fn looks_like_log(text: &str, done: impl FnOnce(bool) + 'static) {
    extras_looks_like_log(bytes(text), Closure::once_into_js(done));
}

/// Show the session-log view for the first `analysed` bytes of `text` in
/// `root` (the whole text is what "Copy a redacted log" copies). When the
/// module cannot load, `root` says why.
pub fn show_log(root: Element, text: &str, analysed: usize, control: &str, lang: Lang) {
    extras_show_log(root, bytes(text), control, lang.code(), analysed);
}

/// Show the extras panel of a result card in `root`.
pub fn show_card_extras(root: Element, line: &str, control: &str, sent: &str, lang: Lang) {
    extras_show_card_extras(root, line, control, sent, lang.code());
}

/// Show the practice page for `seed` in `root`.
pub fn show_practice(root: Element, seed: &str, lang: Lang) {
    extras_show_practice(root, seed, lang.code());
}

/// A copy of `text` as UTF-8 bytes: a block copy, where a JS string of
/// megabytes costs a slow conversion here and another in the module.
fn bytes(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}
