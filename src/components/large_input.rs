//! A large text held in memory, summarised in place of the text area (which
//! would take seconds to lay it out): its size, its line count and what can
//! be done with it. The text itself is never cut or lost.
use pasv_core::{render, Arg, Msg};
use web_sys::{DragEvent, Event, HtmlElement};
use yew::prelude::*;

use super::open_file::load_file;
use crate::analysis::SameText;
use crate::browser;
use crate::i18n::t;
use crate::large_text::{dropped_file, format_size, line_count, pasted_text};
use crate::state::{Action, StateHandle};

/// The summary panel.
#[function_component(LargeInput)]
pub fn large_input() -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let copied = use_state(|| None::<bool>);
    let panel = use_node_ref();
    // The text area this replaces had the focus: keep keyboard and screen
    // reader users in the same place.
    {
        let panel = panel.clone();
        use_effect_with((), move |_| {
            if let Some(panel) = panel.cast::<HtmlElement>() {
                let _ = panel.focus();
            }
        });
    }
    let lines = use_memo(SameText(state.input.clone()), |SameText(text)| line_count(text));

    // Pasting or dropping onto the panel replaces the held text.
    let onpaste = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(text) = pasted_text(&e) {
                e.prevent_default();
                state.dispatch(Action::Load(text));
            }
        })
    };
    let ondrop = {
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(file) = dropped_file(&e) {
                load_file(state.clone(), file);
            }
        })
    };
    let oncopy = {
        let (state, copied) = (state.clone(), copied.clone());
        Callback::from(move |_| {
            let (text, copied) = (state.input.to_string(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move { copied.set(Some(browser::copy_text(text).await)) });
        })
    };
    let onedit = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::EditAsText))
    };
    let onclear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Clear))
    };

    let title = render(
        lang,
        Msg::UiLargeTitle,
        &[Arg { name: "size", value: &format_size(lang, state.input.len()) }, Arg { name: "lines", value: &*lines }],
    );
    let status = match *copied {
        Some(true) => t(lang, Msg::UiCopiedText),
        Some(false) => t(lang, Msg::UiCopyTextFailed),
        None => String::new(),
    };
    html! {
        <section class="large-input" tabindex="-1" aria-labelledby="large-title" aria-describedby="large-help"
            ref={panel} {onpaste} ondragover={Callback::from(|e: DragEvent| e.prevent_default())} {ondrop}>
            <p id="large-title" class="large-title">{ title }</p>
            <p id="large-help" class="help">{ t(lang, Msg::UiLargeHelp) }</p>
            <div class="large-actions">
                <button type="button" class="large-copy" onclick={oncopy}>{ t(lang, Msg::UiCopy) }</button>
                <button type="button" class="large-edit" onclick={onedit}>{ t(lang, Msg::UiLargeEdit) }</button>
                <button type="button" class="large-clear" onclick={onclear}>{ t(lang, Msg::UiLargeClear) }</button>
                <span class="copy-status" role="status">{ status }</span>
            </div>
        </section>
    }
}
