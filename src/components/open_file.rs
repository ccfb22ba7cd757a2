//! "Open a log file…": a button for a hidden file input. A file's text is
//! loaded like a paste (held in memory and summarised when large).
use pasv_core::Msg;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::t;
use crate::large_text::read_file;
use crate::state::{Action, StateHandle};

/// Read `file` and make its text the input.
pub fn load_file(state: StateHandle, file: File) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(text) = read_file(file).await {
            state.dispatch(Action::Load(text));
        }
    });
}

/// The button and its file input.
#[function_component(OpenFile)]
pub fn open_file() -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let picker = use_node_ref();
    let onclick = {
        let picker = picker.clone();
        Callback::from(move |_| {
            if let Some(picker) = picker.cast::<HtmlInputElement>() {
                picker.click();
            }
        })
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let picker: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = picker.files().and_then(|files| files.get(0)) {
                load_file(state.clone(), file);
            }
            // Choosing the same file again must load it again.
            picker.set_value("");
        })
    };
    html! {
        <>
            <button type="button" class="open-file" {onclick}>{ t(state.lang, Msg::UiOpenFile) }</button>
            <input type="file" class="file-picker" hidden=true accept=".log,.txt,text/plain" ref={picker} {onchange} />
        </>
    }
}
