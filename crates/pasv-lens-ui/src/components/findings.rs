//! Findings, most severe first, each with its citation.
use pasv_core::{severity_msg, FindingReport, Lang, Msg};
use yew::prelude::*;

use crate::i18n::t;

/// The findings list (already ordered by severity by the core). A view
/// function: it has no state (see `arithmetic`).
pub fn findings(findings: &[FindingReport], lang: Lang) -> Html {
    if findings.is_empty() {
        return html! {};
    }
    let items = findings.iter().map(|f| {
        let sev = f.severity.as_str();
        html! {
            <li class={classes!("finding", format!("sev-{sev}"))} data-id={f.id}>
                <span class={classes!("sev-badge", format!("sev-{sev}"))}>{ t(lang, severity_msg(f.severity)) }</span>
                <p class="finding-text">{ &f.message }</p>
                <p class="citation">{ t(lang, Msg::UiSource) }{ ": " }
                    <a href={f.citation.url} rel="noopener noreferrer" target="_blank">{ f.citation.label }</a>
                </p>
            </li>
        }
    });
    html! {
        <section class="findings">
            <h4>{ t(lang, Msg::UiFindings) }</h4>
            <ul>{ for items }</ul>
        </section>
    }
}
