//! Where the on-demand log view (crate `pasv-lens-extras`, a second wasm
//! module) renders. The first session log pasted loads it; until then the
//! element says so.
use pasv_core::{Lang, Msg};
use yew::prelude::*;

use crate::analysis::SameText;
use crate::i18n::t;

/// Props: what the log view needs.
#[derive(Properties, PartialEq)]
pub struct LogHostProps {
    /// The whole log, shared with the state (never copied).
    pub text: SameText,
    /// The bytes of it to analyse (the rest is only redacted for copying).
    pub analysed: usize,
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
        let key = (props.text.clone(), props.analysed, props.control.clone(), props.lang);
        use_effect_with(key, move |(text, analysed, control, lang)| {
            // In a task of its own: copying megabytes to the module and the
            // worker is not added to the page's own render.
            if let Some(element) = root.cast::<web_sys::Element>() {
                let (text, analysed, control, lang) = (text.0.clone(), *analysed, control.clone(), *lang);
                crate::browser::after_paint(move || crate::extras::show_log(element, &text, analysed, &control, lang));
            }
        });
    }
    // The log view draws into a shadow root of this element, so Yew never
    // touches it; the light-DOM text below shows only until that root exists
    // (while the module loads and analyses the first log).
    html! {
        <div class="log-root" ref={root} aria-busy="false" data-loading={t(props.lang, Msg::UiLogTitle)}>
            <p class="analysing">{ t(props.lang, Msg::UiAnalysing) }</p>
        </div>
    }
}
