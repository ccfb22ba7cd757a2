//! Where the on-demand log view (crate `pasv-lens-extras`, a second wasm
//! module) renders. The first session log pasted loads it; until then the
//! element says so.
use pasv_core::{Lang, LogMsg};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::i18n::t;

#[wasm_bindgen(inline_js = r#"
let extras;
export function show_log(root, text, control, lang) {
  const base = globalThis.__pasvLensBase || new URL('./', document.baseURI).href;
  extras ??= import(new URL('extras/pasv_lens_extras.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('extras/pasv_lens_extras_bg.wasm', base) });
    return m;
  });
  extras.then((m) => m.show_log(root, text, control, lang)).catch((err) => {
    console.error('PASV Lens: the log view failed to load', err);
    root.textContent = String(err);
  });
}
"#)]
extern "C" {
    fn show_log(root: web_sys::Element, text: String, control: String, lang: String);
}

/// Props: what the log view needs.
#[derive(Properties, PartialEq)]
pub struct LogHostProps {
    /// The (possibly truncated) log.
    pub text: String,
    /// The control IP field, as typed.
    pub control: String,
    /// Display language.
    pub lang: Lang,
}

/// An element handed over to the log view.
#[function_component(LogHost)]
pub fn log_host(props: &LogHostProps) -> Html {
    let root = use_node_ref();
    {
        let root = root.clone();
        let key = (props.text.clone(), props.control.clone(), props.lang);
        use_effect_with(key, move |(text, control, lang)| {
            if let Some(element) = root.cast::<web_sys::Element>() {
                show_log(element, text.clone(), control.clone(), lang.code().to_string());
            }
        });
    }
    // Yew renders no children here, so it never touches what the log view draws.
    html! { <div class="log-root" ref={root} aria-busy="false" data-loading={t(props.lang, LogMsg::UiTitle)}></div> }
}
