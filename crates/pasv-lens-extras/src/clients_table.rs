//! "What real clients do": one row per client, its predicted reaction to the
//! line and the source revision the rule was read from. Every prediction
//! comes from `pasv_core::clients::predict` and every sentence from
//! `pasv_core::clients::describe`/`source_text`; nothing is parsed or worded here.
use pasv_core::clients::{describe, predict, source_text, Client, Outcome};
use pasv_core::{render, Arg, Explained, ExtrasMsg, Lang};
use yew::prelude::*;

/// Props: the core's analysis of the line, and the line itself (clients read
/// the raw text, which the analysis does not carry).
#[derive(Properties, PartialEq)]
pub struct ClientsTableProps {
    /// The analysis (for the control connection's address).
    pub explained: Explained,
    /// The reply as pasted (lines of a multi-line reply separated by `\n`).
    #[prop_or_default]
    pub line: String,
    /// Display language.
    pub lang: Lang,
}

/// The client's name in the catalog.
pub(crate) fn name(client: Client) -> ExtrasMsg {
    match client {
        Client::CurlDefault => ExtrasMsg::ClientsNameCurl,
        Client::CurlNoSkipPasvIp => ExtrasMsg::ClientsNameCurlNoSkip,
        Client::Ftplib => ExtrasMsg::ClientsNameFtplib,
        Client::FileZilla => ExtrasMsg::ClientsNameFilezilla,
        Client::Lftp => ExtrasMsg::ClientsNameLftp,
        Client::CommonsNet => ExtrasMsg::ClientsNameCommonsNet,
        Client::Jlaffaye => ExtrasMsg::ClientsNameJlaffaye,
        Client::Netfilter => ExtrasMsg::ClientsNameNetfilter,
        Client::Wireshark => ExtrasMsg::ClientsNameWireshark,
    }
}

/// The CSS class of an outcome cell: works, fails, or neutral (netfilter/Wireshark).
pub(crate) fn outcome_class(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Connects { .. } | Outcome::Expects { .. } => "clients-ok",
        Outcome::Dials { .. } | Outcome::Rejects { .. } | Outcome::Drops { .. } | Outcome::Panics { .. } | Outcome::Throws { .. } => {
            "clients-bad"
        }
        Outcome::FallsBack { .. } | Outcome::NoExpectation { .. } => "clients-warn",
        // NotAsked: by default the client never sees this reply.
        _ => "clients-info",
    }
}

/// The tab.
#[function_component(ClientsTable)]
pub fn clients_table(props: &ClientsTableProps) -> Html {
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let control = props.explained.context.control_ip;
    let caption = match control {
        Some(ip) => render(lang, ExtrasMsg::ClientsCaptionControl, &[Arg { name: "control", value: &ip }]),
        None => t(ExtrasMsg::ClientsCaption),
    };
    let predictions: Vec<_> = Client::ALL.iter().map(|&c| predict(c, &props.line, control)).collect();
    if predictions.iter().all(|p| p.outcome == Outcome::NotApplicable) {
        return html! { <p class="clients-na">{ t(ExtrasMsg::ClientsNotApplicable) }</p> };
    }
    let row = |p: &pasv_core::clients::Prediction| {
        let source = p.client.source();
        let described = describe(lang, p, control);
        // It does connect, but not to the server (describe says why).
        let cell_class = if p.unreachable_target(control).is_some() { "clients-bad" } else { outcome_class(&p.outcome) };
        html! {
            <tr role="row">
                <th scope="row" role="rowheader">{ t(name(p.client)) }</th>
                <td class={cell_class} role="cell">
                    <strong>{ described.main }</strong>
                    { for described.notes.into_iter().map(|n| html! { <> { " " }{ n }</> }) }
                    if let Some(says) = described.says {
                        { " " }{ render(lang, ExtrasMsg::ClientsSays, &[Arg { name: "says", value: &"" }]) }<code>{ says }</code>
                    }
                </td>
                <td class="clients-source" role="cell">
                    { source_text(lang, p.client) }{ " " }
                    <a href={source.url} target="_blank" rel="noopener noreferrer">{ t(ExtrasMsg::ClientsSourceLink) }</a>
                </td>
            </tr>
        }
    };
    html! {
        <div class="clients">
            // Explicit roles: narrow screens lay the rows out as blocks,
            // which would otherwise drop the table from the accessibility tree.
            <table class="clients-table" role="table">
                <caption>{ caption }</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{ t(ExtrasMsg::ClientsColClient) }</th>
                        <th scope="col" role="columnheader">{ t(ExtrasMsg::ClientsColOutcome) }</th>
                        <th scope="col" role="columnheader">{ t(ExtrasMsg::ClientsColSource) }</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{ for predictions.iter().map(row) }</tbody>
            </table>
            if control.is_none() {
                <p class="clients-note">{ t(ExtrasMsg::ClientsControlUnknown) }</p>
            }
        </div>
    }
}
