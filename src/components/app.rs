//! The page: header, input, examples, results; state in a context.
use yew::prelude::*;

use super::{examples::Examples, header::Header, input_panel::InputPanel, results::Results};
use crate::analysis::{Analysis, SameText};
use crate::browser;
use crate::i18n::t;
use crate::state::{Action, Initial, Mode, State, StateHandle};

/// How the decoder is mounted.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Page, iframe or widget.
    #[prop_or_default]
    pub mode: Mode,
    /// Starting values for a widget (pages and frames read the URL).
    #[prop_or_default]
    pub initial: Option<Initial>,
    /// The result only (`?compact=1`, `data-compact`): no input, and a link
    /// to the full page at this URL (without its query).
    #[prop_or_default]
    pub compact: Option<String>,
}

/// The whole decoder.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let (mode, initial) = (props.mode, props.initial.clone());
        use_reducer(move || match initial {
            Some(initial) => State::new(mode, initial),
            None => State::from_browser(mode),
        })
    };
    let mode = state.mode;

    // The page and a frame keep the URL (the permalink), <html lang> and the
    // title in step with the state; a widget touches nothing global. (The
    // language is saved only when the person switches it: see the header.)
    // (A compact frame changes nothing, and keeps its `?compact=1`.)
    {
        let query = state.query();
        let lang = state.lang;
        let keep = props.compact.is_some();
        use_effect_with((query, lang), move |(query, lang)| {
            if mode != Mode::Widget {
                if !keep {
                    browser::replace_query(query);
                }
                browser::set_document_language(*lang, &t(*lang, pasv_core::Msg::UiPageTitle));
            }
        });
    }
    // A frame tells its parent how tall it is after every render.
    use_effect(move || {
        if mode == Mode::Frame {
            browser::post_height();
        }
    });

    // A large input is summarised first and analysed once that is on screen.
    {
        let state = state.clone();
        use_effect_with(state.pending, move |pending| {
            if *pending {
                browser::after_paint(move || state.dispatch(Action::Analyse));
            }
        });
    }
    // Whether the text is a session log is the core's judgment, asked of the
    // on-demand module: its line shapes of every client stay out of the
    // first load.
    {
        let state = state.clone();
        use_effect_with(SameText(state.input.clone()), move |SameText(input)| {
            // One line is one reply: only a text of several lines may be a
            // session, so a shared link of one reply loads nothing more.
            if input.trim().contains('\n') {
                let text = input.clone();
                let head = crate::analysis::prefix(input, crate::analysis::MAX_LOG_BYTES);
                crate::extras::looks_like_log(head, move |is_log| state.dispatch(Action::Judged(text, is_log)));
            }
        });
    }
    let analysis = {
        // What Analysis::of reads, the input by identity (see SameText).
        let key = (SameText(state.input.clone()), state.large, state.pending, state.is_log(), state.context(), state.lang);
        let state = state.clone();
        use_memo(key, move |_| Analysis::of(&state))
    };
    let lang = state.lang;
    let full = mode == Mode::Page;
    // The permalink of the full page, for a compact embed.
    let open_full = props.compact.as_ref().map(|page| format!("{page}?{}", state.share_query()));
    html! {
        <ContextProvider<StateHandle> context={state}>
            <div class={classes!("page", (!full).then_some("compact"), open_full.is_some().then_some("result-only"))}>
                { for full.then(|| html! { <Header /> }) }
                // Input and answer side by side on wide screens, except for a
                // session log, whose view needs the width.
                <main id={full.then_some("main")} class={classes!((!analysis.is_log).then_some("split"))}>
                    // Input, options, then the answer; on a phone the answer
                    // moves up right after the input (static/style.css).
                    if open_full.is_none() { <InputPanel analysis={analysis.clone()} /> }
                    <Results analysis={analysis.clone()} />
                    { for open_full.map(|href| html! {
                        <a class="open-full" {href} target="_blank" rel="noopener">{ t(lang, pasv_core::Msg::UiEmbedOpenFull) }</a>
                    }) }
                    { for full.then(|| html! { <Examples /> }) }
                </main>
                { for full.then(|| html! { <footer class="footer"><p>{ t(lang, pasv_core::Msg::UiFooter) }</p></footer> }) }
            </div>
        </ContextProvider<StateHandle>>
    }
}
