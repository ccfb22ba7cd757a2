//! The bridge to the on-demand second module (crate `pasv-lens-extras`):
//! loaded on first use from `extras/` next to the page, then called directly.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let extras;
function load() {
  const base = globalThis.__pasvLensBase || new URL('./', document.baseURI).href;
  extras ??= import(new URL('extras/pasv_lens_extras.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('extras/pasv_lens_extras_bg.wasm', base) });
    return m;
  });
  return extras;
}
export function judge_log(text, done) {
  load().then((m) => m.judge_log(text, done)).catch((err) => {
    console.error('PASV Lens: the on-demand module failed to load', err);
    done(false);
  });
}
export function call_extras(name, root, args) {
  load().then((m) => m[name](root, ...args)).catch((err) => {
    console.error('PASV Lens: the on-demand module failed to load', err);
    root.textContent = String(err);
  });
}
"#)]
extern "C" {
    fn call_extras(name: &str, root: web_sys::Element, args: js_sys::Array);
    fn judge_log(text: js_sys::Uint8Array, done: JsValue);
}

/// Ask the core, through the on-demand module (which asks the analysis
/// worker), whether `text` is a session log; `done` gets the answer (false
/// when the module cannot load).
pub fn looks_like_log(text: &str, done: impl FnOnce(bool) + 'static) {
    judge_log(bytes(text), Closure::once_into_js(move |is_log: bool| done(is_log)));
}

/// A copy of `text` as UTF-8 bytes: a block copy, where a JS string of
/// megabytes costs a slow conversion here and another in the module.
fn bytes(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}

fn strings(args: &[&str]) -> js_sys::Array {
    args.iter().map(|a| JsValue::from_str(a)).collect()
}

/// Show the session-log view for the first `analysed` bytes of `text` in
/// `root` (the whole text is what "Copy a redacted log" copies).
pub fn show_log(root: web_sys::Element, text: &str, analysed: usize, control: &str, lang: pasv_core::Lang) {
    let args = strings(&[control, lang.code()]);
    args.unshift(&bytes(text));
    args.push(&JsValue::from(analysed as f64));
    call_extras("show_log", root, args);
}

/// Show the extras panel of a result card in `root`.
pub fn show_card_extras(root: web_sys::Element, line: &str, control: &str, sent: &str, lang: pasv_core::Lang) {
    call_extras("show_card_extras", root, strings(&[line, control, sent, lang.code()]));
}
