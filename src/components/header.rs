//! Title, tagline and the language switch.
use pasv_core::{Lang, Msg};
use yew::prelude::*;

use crate::i18n::t;
use crate::state::{Action, StateHandle};

/// The page header.
#[function_component(Header)]
pub fn header() -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let buttons = Lang::ALL.iter().map(|&l| {
        let onclick = {
            let state = state.clone();
            // Remembered for the next visit; a link's ?lang= is not.
            Callback::from(move |_| {
                crate::browser::save_lang(l);
                state.dispatch(Action::Lang(l))
            })
        };
        html! {
            <button type="button" class="lang-button" lang={l.code()} aria-pressed={(l == lang).to_string()} {onclick}>
                { l.native_name() }
            </button>
        }
    });
    html! {
        <header class="header">
            <div class="brand">
                <h1>{ "PASV Lens" }</h1>
                <p class="tagline">{ t(lang, Msg::UiTagline) }</p>
            </div>
            <div class="lang-switch" role="group" aria-label={t(lang, Msg::UiLanguage)}>
                { for buttons }
            </div>
        </header>
    }
}
