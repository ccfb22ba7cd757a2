//! Findings, most severe first: each one's first sentence, then "Why" (the
//! rest and its citation), "What clients do" and "How to fix". Notes (info
//! findings) and the address-family table go under the card's "Details".
//! Native `<details>` elements: accessible, and no state to download. The
//! contents of "What clients do", "How to fix" and the table come from the
//! on-demand module when opened (`data-more`, see `src/extras.rs`), so the
//! first load carries only their titles.
use pasv_core::{kind_msg, severity_msg, FindingReport, Kind, Lang, Msg, Report, Severity};
use yew::prelude::*;

use crate::i18n::t;

/// A disclosure: every `<details>` of the card goes through here (one
/// place of markup keeps the page's download small). `more` names what the
/// on-demand module draws into its `.more-root` when it opens ("" for none);
/// `name` groups disclosures of which one is open at a time.
fn disclosure(
    class: &'static str,
    title: Msg,
    lang: Lang,
    more: &'static str,
    finding: &'static str,
    name: Option<&'static str>,
    body: Html,
) -> Html {
    html! {
        <details class={class} data-more={more} data-finding={finding} {name}>
            <summary>{ t(lang, title) }</summary>
            { body }
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
    let root = || html! { <div class="more-root"></div> };
    let why = html! {
        <>
            <p class="finding-text">{ rest.trim_start() }</p>
            <p class="citation">{ t(lang, Msg::UiSource) }{ ": " }
                <a href={f.citation.url} rel="noopener noreferrer" target="_blank">{ f.citation.label }</a>
            </p>
        </>
    };
    // A new message (another language, another address) is a new element:
    // an open expander never keeps stale content.
    html! {
        <li key={f.message.clone()} class={classes!("finding", format!("sev-{sev}"))} data-id={f.id}>
            <p class="finding-summary">
                <span class={classes!("sev-badge", format!("sev-{sev}"))}>{ t(lang, severity_msg(f.severity)) }</span>{ " " }{ head }
            </p>
            { disclosure("why", Msg::UiWhy, lang, "", f.id, None, why) }
            if clients { { disclosure("more clients", Msg::UiWhatClientsDo, lang, "clients", f.id, Some("clients"), root()) } }
            if fix { { disclosure("more fix", Msg::UiHowToFix, lang, "fix", f.id, None, root()) } }
        </li>
    }
}

/// The findings list (already ordered by severity by the core), then
/// "Details": the notes and the address-family table. A view function: it
/// has no state (see `arithmetic`).
pub fn findings(r: &Report, lang: Lang, control: &str) -> Html {
    let list = |notes: bool| {
        let mut items = r.findings.iter().filter(|f| (f.severity == Severity::Info) == notes).peekable();
        items.peek().is_some().then(|| html! { <ul>{ for items.map(|f| finding(f, r, lang)) }</ul> })
    };
    let table = r.ok && r.kind != Kind::Other;
    let notes = list(true);
    let details = (notes.is_some() || table).then(|| {
        let body = html! { <>{ for notes }if table { <div class="more-root"></div> }</> };
        // Keyed by the form (in the reader's language) and the control IP the
        // table depends on: when they change, the disclosure starts closed.
        html! { <div key={format!("{}{control}", t(lang, kind_msg(r.kind)))}>{ disclosure("more card-details", Msg::UiDetails, lang, "family", "", None, body) }</div> }
    });
    html! {
        <>
            { for list(false).map(|main| html! {
                <section class="findings">
                    <h4>{ t(lang, Msg::UiFindings) }</h4>
                    { main }
                </section>
            }) }
            { for details }
        </>
    }
}
