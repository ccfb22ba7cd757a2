//! Findings, most severe first: each one's first sentence, then "Why" (the
//! rest and its citation), "What clients do" and "How to fix". Notes (info
//! findings) and the address-family table go under the card's "Details".
//! Native `<details>` elements: accessible, and no state to download. The
//! contents of "What clients do", "How to fix" and the table come from the
//! on-demand module when opened (`data-more`, see `src/extras.rs`), so the
//! first load carries only their titles.
use pasv_core::{severity_msg, FindingReport, Kind, Lang, Msg, Report, Severity};
use yew::prelude::*;

use crate::i18n::t;

/// An expander whose content the on-demand module draws into `.more-root`.
fn more(lang: Lang, what: &'static str, title: Msg, finding: &'static str, name: Option<&'static str>) -> Html {
    html! {
        <details class={classes!("more", what)} data-more={what} data-finding={finding} {name}>
            <summary>{ t(lang, title) }</summary>
            <div class="more-root"></div>
        </details>
    }
}

/// One finding. The "What clients do" expanders of the page are one group
/// (`name`): a card's findings show the same clients, so one is open at a time.
fn finding(f: &FindingReport, r: &Report, lang: Lang) -> Html {
    let sev = f.severity.as_str();
    let (head, rest) = f.message.split_at(f.summary_len.min(f.message.len()));
    let passive = matches!(r.kind, Kind::Pasv | Kind::Epsv);
    let clients = passive && f.severity != Severity::Info;
    // The server announces an address it should not, or needs a port range.
    let fix = !matches!(r.kind, Kind::Port | Kind::Eprt | Kind::Lprt)
        && matches!(
            f.id,
            "nat-unroutable-address"
                | "private-network-mismatch"
                | "unspecified-address"
                | "not-unicast"
                | "reserved-address"
                | "cannot-open-data-connection"
                | "sip-alg-port"
        );
    // A new message (another language, another address) is a new element:
    // an open expander never keeps stale content.
    html! {
        <li key={f.message.clone()} class={classes!("finding", format!("sev-{sev}"))} data-id={f.id}>
            <p class="finding-summary">
                <span class={classes!("sev-badge", format!("sev-{sev}"))}>{ t(lang, severity_msg(f.severity)) }</span>{ " " }{ head }
            </p>
            <details class="why">
                <summary>{ t(lang, Msg::UiWhy) }</summary>
                { for (!rest.is_empty()).then(|| html! { <p class="finding-text">{ rest.trim_start() }</p> }) }
                <p class="citation">{ t(lang, Msg::UiSource) }{ ": " }
                    <a href={f.citation.url} rel="noopener noreferrer" target="_blank">{ f.citation.label }</a>
                </p>
            </details>
            if clients { { more(lang, "clients", Msg::UiWhatClientsDo, f.id, Some("clients")) } }
            if fix { { more(lang, "fix", Msg::UiHowToFix, f.id, None) } }
        </li>
    }
}

/// The findings list (already ordered by severity by the core), then
/// "Details": the notes and the address-family table. A view function: it
/// has no state (see `arithmetic`).
pub fn findings(r: &Report, lang: Lang, control: &str) -> Html {
    let (notes, main): (Vec<_>, Vec<_>) = r.findings.iter().partition(|f| f.severity == Severity::Info);
    let list = |items: Vec<&FindingReport>| html! { <ul>{ for items.into_iter().map(|f| finding(f, r, lang)) }</ul> };
    let details = (!notes.is_empty() || (r.ok && r.kind != Kind::Other)).then(|| {
        html! {
            <details key={format!("{}{control}", lang.code())} class="more card-details" data-more="family">
                <summary>{ t(lang, Msg::UiDetails) }</summary>
                { for (!notes.is_empty()).then(|| list(notes)) }
                if r.ok && r.kind != Kind::Other { <div class="more-root"></div> }
            </details>
        }
    });
    html! {
        <>
            if !main.is_empty() {
                <section class="findings">
                    <h4>{ t(lang, Msg::UiFindings) }</h4>
                    { list(main) }
                </section>
            }
            { for details }
        </>
    }
}
