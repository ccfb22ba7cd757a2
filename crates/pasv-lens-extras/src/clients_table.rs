//! "What real clients do": one row per client, its predicted reaction to the
//! line and the source revision the rule was read from. Every prediction
//! comes from `pasv_core::clients::predict`; nothing is parsed here.
use pasv_core::clients::{predict, Client, DialFailure, Fallback, Note, Outcome, Reason, Target};
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

fn name(client: Client) -> ExtrasMsg {
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

fn reason_msg(reason: Reason) -> ExtrasMsg {
    match reason {
        Reason::NoMatch => ExtrasMsg::ClientsReasonNoMatch,
        Reason::OutOfRange => ExtrasMsg::ClientsReasonOutOfRange,
        Reason::BadNumber => ExtrasMsg::ClientsReasonBadNumber,
        Reason::PortZero => ExtrasMsg::ClientsReasonPortZero,
        Reason::NotServerAddress => ExtrasMsg::ClientsReasonNotServerAddress,
    }
}

fn note_msg(note: Note) -> ExtrasMsg {
    match note {
        Note::Trusted => ExtrasMsg::ClientsNoteTrusted,
        Note::ControlByDefault => ExtrasMsg::ClientsNoteControlByDefault,
        Note::Replaced => ExtrasMsg::ClientsNoteReplaced,
        Note::Epsv => ExtrasMsg::ClientsNoteEpsv,
        Note::Truncated => ExtrasMsg::ClientsNoteTruncated,
    }
}

/// The outcome as sentences: the main one first, then notes, then the client's own message.
fn sentences(lang: Lang, outcome: &Outcome) -> (String, Vec<String>, Option<&'static str>) {
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let target = |to: &Target| match to {
        Target::At(t) => t.to_string(),
        Target::Control { port } => format!("{}:{port}", t(ExtrasMsg::ClientsControlAddress)),
    };
    let reason = |r: Reason| t(reason_msg(r));
    match outcome {
        Outcome::Connects { to, note } => {
            let to = target(to);
            (render(lang, ExtrasMsg::ClientsConnects, &[Arg { name: "target", value: &to }]), vec![t(note_msg(*note))], None)
        }
        Outcome::Dials { host, port, failure } => {
            let why = match failure {
                DialFailure::PortOutOfRange => ExtrasMsg::ClientsDialPortRange,
                DialFailure::NotAnAddress => ExtrasMsg::ClientsDialNotAnAddress,
            };
            let main = render(lang, ExtrasMsg::ClientsDials, &[Arg { name: "host", value: host }, Arg { name: "port", value: port }]);
            (main, vec![t(why)], None)
        }
        Outcome::Rejects { reason: r, says } => {
            (render(lang, ExtrasMsg::ClientsRejects, &[Arg { name: "reason", value: &reason(*r) }]), vec![], Some(*says))
        }
        Outcome::FallsBack { reason: r, to } => {
            let msg = match to {
                Fallback::Active => ExtrasMsg::ClientsFallsBackActive,
                Fallback::Pasv => ExtrasMsg::ClientsFallsBackPasv,
            };
            let r = reason(*r);
            let r = r.trim_end_matches('.');
            (render(lang, msg, &[Arg { name: "reason", value: &r }]), vec![], None)
        }
        Outcome::Expects { to, note } => {
            let to = target(to);
            let notes = if *note == Note::Truncated { vec![t(ExtrasMsg::ClientsNoteTruncated)] } else { vec![] };
            (render(lang, ExtrasMsg::ClientsExpects, &[Arg { name: "target", value: &to }]), notes, None)
        }
        Outcome::NoExpectation { ip, .. } => {
            (render(lang, ExtrasMsg::ClientsNoExpectation, &[Arg { name: "ip", value: ip }]), vec![], None)
        }
        Outcome::Ignores => (t(ExtrasMsg::ClientsIgnores), vec![], None),
        Outcome::Drops { reason: r, pattern } => {
            let args = [Arg { name: "pattern", value: pattern }, Arg { name: "reason", value: &reason(*r) }];
            (render(lang, ExtrasMsg::ClientsDrops, &args), vec![], None)
        }
        Outcome::Shows { ip: Some(ip), port, nat } => {
            let msg = if *nat { ExtrasMsg::ClientsShowsNat } else { ExtrasMsg::ClientsShows };
            (render(lang, msg, &[Arg { name: "ip", value: ip }, Arg { name: "port", value: port }]), vec![], None)
        }
        Outcome::Shows { ip: None, port, .. } => {
            (render(lang, ExtrasMsg::ClientsShowsEpsv, &[Arg { name: "port", value: port }]), vec![], None)
        }
        Outcome::ShowsNothing { expert } => {
            (t(if *expert { ExtrasMsg::ClientsShowsInvalid } else { ExtrasMsg::ClientsShowsNothing }), vec![], None)
        }
        Outcome::NotApplicable => (t(ExtrasMsg::ClientsNotApplicable), vec![], None),
    }
}

/// The CSS class of an outcome cell: works, fails, or neutral (netfilter/Wireshark).
fn class(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Connects { .. } | Outcome::Expects { .. } => "clients-ok",
        Outcome::Dials { .. } | Outcome::Rejects { .. } | Outcome::Drops { .. } => "clients-bad",
        Outcome::FallsBack { .. } | Outcome::NoExpectation { .. } => "clients-warn",
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
        let (main, mut notes, says) = sentences(lang, &p.outcome);
        // It does connect, but to an address the Internet cannot reach.
        let unreachable = p.unreachable_target(control);
        if let Some(ip) = unreachable {
            notes.push(render(lang, ExtrasMsg::ClientsNoteUnreachable, &[Arg { name: "ip", value: &ip }]));
        }
        let cell_class = if unreachable.is_some() { "clients-bad" } else { class(&p.outcome) };
        html! {
            <tr role="row">
                <th scope="row" role="rowheader">{ t(name(p.client)) }</th>
                <td class={cell_class} role="cell">
                    <strong>{ main }</strong>
                    { for notes.into_iter().map(|n| html! { <> { " " }{ n }</> }) }
                    if let Some(says) = says {
                        { " " }{ render(lang, ExtrasMsg::ClientsSays, &[Arg { name: "says", value: &"" }]) }<code>{ says }</code>
                    }
                </td>
                <td class="clients-source" role="cell">
                    { source.text }{ " " }
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
