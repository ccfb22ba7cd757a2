//! "Open a log file…": a file input in a button-like label. A file's text is
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

/// The file input, inside a label that looks like a button (the label opens
/// the picker: no script needed for that). A view function of the input
/// panel, not a component of its own (see `arithmetic`).
pub fn open_file(state: &StateHandle) -> Html {
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
        <label class="open-file">
            { t(state.lang, Msg::UiOpenFile) }
            <input type="file" class="file-picker" accept=".log,.txt,text/plain" {onchange} />
        </label>
    }
}
