//! The list of result cards, with a short live summary for screen readers.
use pasv_core::{Kind, Msg, Report};
use yew::prelude::*;

use super::log_host::LogHost;
use super::result_card::{CardContext, ResultCard};
use crate::analysis::{AnalysisProps, SameText};
use crate::i18n::{t, t1};
use crate::state::{Action, StateHandle};

/// "Separate lines / one session": the core decides by evidence, the person
/// may overrule it.
fn read_as(state: &StateHandle, is_log: bool) -> Html {
    let lang = state.lang;
    let button = |session: bool, label: Msg| {
        let onclick = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Session(session)))
        };
        html! { <button type="button" aria-pressed={(session == is_log).to_string()} {onclick}>{ t(lang, label) }</button> }
    };
    html! {
        <div class="read-as" role="group" aria-label={t(lang, Msg::UiReadAs)}>
            <span>{ t(lang, Msg::UiReadAs) }</span>
            { button(false, Msg::UiReadLines) }
            { button(true, Msg::UiReadSession) }
        </div>
    }
}

/// One sentence about the first result, announced politely.
fn summary(lang: pasv_core::Lang, r: &Report) -> String {
    let kind = t(lang, pasv_core::kind_msg(r.kind));
    match (&r.error, &r.connect_to, r.port) {
        (Some(e), _, _) => format!("{kind}. {}: {}", t(lang, Msg::UiError), e.message),
        (None, Some(target), _) => {
            let active = matches!(r.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
            format!("{kind}. {}: {target}", t(lang, if active { Msg::UiConnectToActive } else { Msg::UiConnectTo }))
        }
        (None, None, Some(port)) => format!("{kind}. {}: {port}", t(lang, Msg::UiPort)),
        _ => kind,
    }
}

/// Cards rendered at first and added by "Show more": thousands of cards
/// would take seconds to render.
pub const PAGE_CARDS: usize = 100;

/// All results.
#[function_component(Results)]
pub fn results(props: &AnalysisProps) -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let shown = use_state(|| PAGE_CARDS);
    // A new input starts from the first page again.
    {
        let shown = shown.clone();
        use_effect_with(SameText(props.analysis.text.clone()), move |_| {
            if *shown != PAGE_CARDS {
                shown.set(PAGE_CARDS);
            }
        });
    }
    let reports = &props.analysis.reports;
    let live = reports.first().map(|r| summary(lang, r)).unwrap_or_default();
    let multiple = reports.len() > 1;
    if props.analysis.pending {
        return html! {
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title" class="visually-hidden">{ t(lang, Msg::UiResults) }</h2>
                <p class="analysing" role="status">{ t(lang, Msg::UiAnalysing) }</p>
            </section>
        };
    }
    if props.analysis.is_log {
        // The whole input (for the redacted copy) and how much of it to analyse.
        let (text, analysed) = (state.input.clone(), props.analysis.analysed_len);
        return html! {
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title" class="visually-hidden">{ t(lang, Msg::UiLogTitle) }</h2>
                { read_as(&state, true) }
                <LogHost text={SameText(text)} {analysed} control={state.control.clone()} {lang} />
            </section>
        };
    }
    let body = if reports.is_empty() {
        html! { <p class="welcome">{ t(lang, Msg::UiWelcome) }</p> }
    } else {
        let text = &props.analysis.text;
        // Line numbers counted on from the previous card: one pass over the text.
        let (mut line, mut counted_to) = (1, 0);
        let cards = reports.iter().take(*shown).enumerate().map(|(i, r)| {
            let start = r.span.start.clamp(counted_to, text.len());
            line += text.as_bytes()[counted_to..start].iter().filter(|&&b| b == b'\n').count();
            counted_to = start;
            let source = text.get(r.span.start..r.span.end).unwrap_or_default().to_string();
            let context = CardContext { source, control: state.control.clone(), sent: state.sent };
            html! { <ResultCard key={i} report={r.clone()} {lang} line={multiple.then_some(line)} context={Some(context)} /> }
        });
        let more = (reports.len() > *shown).then(|| {
            let onclick = {
                let shown = shown.clone();
                Callback::from(move |_| shown.set(*shown + PAGE_CARDS))
            };
            let left = reports.len() - *shown;
            html! { <button type="button" class="more" {onclick}>{ t1(lang, Msg::UiShowMore, "n", &left) }</button> }
        });
        html! {
            <>
                { for multiple.then(|| read_as(&state, false)) }
                { for multiple.then(|| html! { <p class="count">{ t1(lang, Msg::UiResultsCount, "n", &reports.len()) }</p> }) }
                { for cards }
                { for more }
            </>
        }
    };
    html! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">{ t(lang, Msg::UiResults) }</h2>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{ live }</p>
            { body }
        </section>
    }
}
