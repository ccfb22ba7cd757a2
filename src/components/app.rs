//! The page: header, input, examples, results; state in a context.
use yew::prelude::*;

use super::{examples::Examples, header::Header, input_panel::InputPanel, results::Results};
use crate::analysis::Analysis;
use crate::browser;
use crate::i18n::t;
use crate::state::{State, StateHandle};

/// The whole decoder.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::from_browser);

    // Keep the URL (the permalink), <html lang>, the title and the saved
    // language in step with the state.
    {
        let query = state.query();
        let lang = state.lang;
        use_effect_with((query, lang), move |(query, lang)| {
            browser::replace_query(query);
            browser::save_lang(*lang);
            browser::set_document_language(*lang, &t(*lang, pasv_core::Msg::UiPageTitle));
        });
    }

    let analysis = {
        let key = ((*state).clone(),);
        use_memo(key, |(state,)| Analysis::of(state))
    };
    let lang = state.lang;
    html! {
        <ContextProvider<StateHandle> context={state}>
            <div class="page">
                <Header />
                <main id="main">
                    <InputPanel analysis={analysis.clone()} />
                    <Examples />
                    <Results {analysis} />
                </main>
                <footer class="footer"><p>{ t(lang, pasv_core::Msg::UiFooter) }</p></footer>
            </div>
        </ContextProvider<StateHandle>>
    }
}
