//! The list of result cards, with a short live summary for screen readers.
use pasv_core::{LogMsg, Msg, Report};
use yew::prelude::*;

use super::log_host::LogHost;
use super::result_card::{CardContext, ResultCard};
use crate::analysis::AnalysisProps;
use crate::i18n::{t, t1};
use crate::state::StateHandle;

/// One sentence about the first result, announced politely.
fn summary(lang: pasv_core::Lang, r: &Report) -> String {
    let kind = t(lang, pasv_core::kind_msg(r.kind));
    match (&r.error, &r.connect_to, r.port) {
        (Some(e), _, _) => format!("{kind}. {}: {}", t(lang, Msg::UiError), e.message),
        (None, Some(target), _) => format!("{kind}. {}: {target}", t(lang, Msg::UiConnectTo)),
        (None, None, Some(port)) => format!("{kind}. {}: {port}", t(lang, Msg::UiPort)),
        _ => kind,
    }
}

/// All results.
#[function_component(Results)]
pub fn results(props: &AnalysisProps) -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let reports = &props.analysis.reports;
    let live = reports.first().map(|r| summary(lang, r)).unwrap_or_default();
    let multiple = reports.len() > 1;
    if props.analysis.is_log {
        let text = crate::analysis::prefix(&state.input, props.analysis.analysed_len).to_string();
        return html! {
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title" class="visually-hidden">{ t(lang, LogMsg::UiTitle) }</h2>
                <LogHost {text} control={state.control.clone()} {lang} />
            </section>
        };
    }
    let body = if reports.is_empty() {
        html! { <p class="welcome">{ t(lang, Msg::UiWelcome) }</p> }
    } else {
        let cards = reports.iter().enumerate().map(|(i, r)| {
            let line = state.input[..r.span.start.min(state.input.len())].matches('\n').count() + 1;
            let source = state.input.get(r.span.start..r.span.end).unwrap_or_default().to_string();
            let context = CardContext { source, control: state.control.clone(), sent: state.sent };
            html! { <ResultCard key={i} report={r.clone()} {lang} line={multiple.then_some(line)} context={Some(context)} /> }
        });
        html! {
            <>
                { for multiple.then(|| html! { <p class="count">{ t1(lang, Msg::UiResultsCount, "n", &reports.len()) }</p> }) }
                { for cards }
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
