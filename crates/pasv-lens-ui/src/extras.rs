//! The one interface to the on-demand second module (crate
//! `pasv-lens-extras`, built into `extras/` next to the page): a loader that
//! imports it on first use, and [`Extras`], its exports as typed methods.
//! A renamed or retyped export is a change on both sides of this file.
use pasv_core::Lang;
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(inline_js = r#"
let extras;
export function load_extras() {
  const base = globalThis.__pasvLensBase || new URL('./', document.baseURI).href;
  return extras ??= import(new URL('extras/pasv-lens-extras.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('extras/pasv-lens-extras_bg.wasm', base) });
    return m;
  }).catch((err) => {
    console.error('PASV Lens: the on-demand module failed to load', err);
    throw String(err);
  });
}
"#)]
extern "C" {
    /// The module's namespace object, once its wasm is instantiated; the
    /// promise is shared by every caller and rejects with a message.
    fn load_extras() -> js_sys::Promise;

    /// The exports of `pasv-lens-extras` (see its `lib.rs`).
    pub type Extras;

    /// The core's judgment: is `text` a session log rather than replies?
    #[wasm_bindgen(method)]
    fn looks_like_log(this: &Extras, text: &str) -> bool;

    /// Analyse the first `analysed` bytes of `text` as a session log and
    /// show it in `root`.
    #[wasm_bindgen(method)]
    fn show_log(this: &Extras, root: Element, text: &str, control: &str, lang: &str, analysed: usize);

    /// Show the "More" panel of one result card in `root`.
    #[wasm_bindgen(method)]
    fn show_card_extras(this: &Extras, root: Element, line: &str, control: &str, sent: &str, lang: &str);
}

/// Run `ready` with the module once it is loaded; `failed` gets the error
/// message (already logged) when it cannot load.
fn with_extras(ready: impl FnOnce(&Extras) + 'static, failed: impl FnOnce(String) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(load_extras()).await {
            Ok(module) => ready(module.unchecked_ref()),
            Err(err) => failed(err.as_string().unwrap_or_default()),
        }
    });
}

/// Say why the module is missing where it would have drawn.
fn show_error(root: Element) -> impl FnOnce(String) {
    move |err| root.set_text_content(Some(&err))
}

/// Ask the core, through the on-demand module, whether `text` is a session
/// log; `done` gets the answer (false when the module cannot load).
pub fn looks_like_log(text: &str, done: impl FnOnce(bool) + Clone + 'static) {
    let text = text.to_owned();
    let on_error = done.clone();
    with_extras(move |m| done(m.looks_like_log(&text)), move |_| on_error(false));
}

/// Show the session-log view for the first `analysed` bytes of `text` in
/// `root` (the whole text is what "Copy a redacted log" copies).
pub fn show_log(root: Element, text: &str, analysed: usize, control: &str, lang: Lang) {
    let (text, control) = (text.to_owned(), control.to_owned());
    let on_error = show_error(root.clone());
    with_extras(move |m| m.show_log(root, &text, &control, lang.code(), analysed), on_error);
}

/// Show the extras panel of a result card in `root`.
pub fn show_card_extras(root: Element, line: &str, control: &str, sent: &str, lang: Lang) {
    let (line, control, sent) = (line.to_owned(), control.to_owned(), sent.to_owned());
    let on_error = show_error(root.clone());
    with_extras(move |m| m.show_card_extras(root, &line, &control, &sent, lang.code()), on_error);
}
