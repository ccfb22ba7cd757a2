//! One click loads a typical situation.
use pasv_core::Msg;
use yew::prelude::*;

use crate::i18n::t;
use crate::state::{Action, StateHandle, EXAMPLES};

/// The examples strip.
#[function_component(Examples)]
pub fn examples() -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let buttons = EXAMPLES.iter().enumerate().map(|(i, ex)| {
        let onclick = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Example(i)))
        };
        html! { <li><button type="button" class="example" title={ex.reply} {onclick}>{ t(lang, ex.label) }</button></li> }
    });
    html! {
        <nav class="examples" aria-label={t(lang, Msg::UiExamples)}>
            <h2 class="examples-title">{ t(lang, Msg::UiExamples) }</h2>
            <ul>{ for buttons }</ul>
        </nav>
    }
}
