//! A prediction and a client's source as sentences in a [`Lang`], from the
//! `[extras.clients]` catalog. The page's client table shows these; keeping
//! them here lets the tests read what a learner reads.
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::{Caveat, Client, DialFailure, EpsvUse, Fallback, Note, Outcome, Prediction, Reason, Target};
use crate::{classify, render, AddressClass, Arg, ExtrasMsg, Lang};

/// A prediction as sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// The main sentence: what the client does.
    pub main: String,
    /// Why, and what else to know, one sentence each.
    pub notes: Vec<String>,
    /// The client's own error message, verbatim (not translated).
    pub says: Option<String>,
}

fn t(lang: Lang, m: ExtrasMsg) -> String {
    render(lang, m, &[])
}

fn target(lang: Lang, to: &Target) -> String {
    match to {
        Target::At(t) => alloc::format!("{t}"),
        Target::Control { port } => alloc::format!("{}:{port}", t(lang, ExtrasMsg::ClientsControlAddress)),
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

/// What this client checks before it replaces the reply's address: each one
/// checks something else (FileZilla `is_routable_address`, lftp
/// `Handle_PASV`, jlaffaye/ftp `isBogusDataIP`).
fn note_msg(client: Client, note: Note) -> ExtrasMsg {
    match note {
        Note::Trusted => ExtrasMsg::ClientsNoteTrusted,
        Note::ControlByDefault => ExtrasMsg::ClientsNoteControlByDefault,
        Note::Replaced => match client {
            Client::FileZilla => ExtrasMsg::ClientsNoteReplacedFilezilla,
            Client::Lftp => ExtrasMsg::ClientsNoteReplacedLftp,
            // The only other client that replaces an address.
            _ => ExtrasMsg::ClientsNoteReplacedJlaffaye,
        },
        Note::Epsv => ExtrasMsg::ClientsNoteEpsv,
        Note::Truncated => ExtrasMsg::ClientsNoteTruncated,
    }
}

fn not_asked_msg(when: EpsvUse) -> ExtrasMsg {
    match when {
        EpsvUse::Ipv6Only => ExtrasMsg::ClientsNotAskedIpv6Only,
        EpsvUse::Ipv6OrOptIn => ExtrasMsg::ClientsNotAskedIpv6OrOptIn,
        EpsvUse::Ipv6OrProxy => ExtrasMsg::ClientsNotAskedIpv6OrProxy,
        EpsvUse::Ipv6OrPreferEpsv => ExtrasMsg::ClientsNotAskedIpv6OrPreferEpsv,
    }
}

/// How a data connection to an address of this class fails. None for the
/// classes [`Prediction::unreachable_target`] never reports.
pub(super) fn unreachable_msg(class: AddressClass) -> Option<ExtrasMsg> {
    Some(match class {
        AddressClass::Private => ExtrasMsg::ClientsUnreachablePrivate,
        AddressClass::Shared => ExtrasMsg::ClientsUnreachableShared,
        AddressClass::Loopback => ExtrasMsg::ClientsUnreachableLoopback,
        AddressClass::LinkLocal => ExtrasMsg::ClientsUnreachableLinkLocal,
        AddressClass::Unspecified => ExtrasMsg::ClientsUnreachableUnspecified,
        AddressClass::Multicast => ExtrasMsg::ClientsUnreachableMulticast,
        AddressClass::Broadcast => ExtrasMsg::ClientsUnreachableBroadcast,
        AddressClass::Reserved => ExtrasMsg::ClientsUnreachableReserved,
        AddressClass::Benchmarking => ExtrasMsg::ClientsUnreachableBenchmarking,
        AddressClass::Public | AddressClass::Documentation | AddressClass::UniqueLocal | AddressClass::Ipv4Mapped => return None,
    })
}

/// The outcome alone, for `client`.
fn outcome_sentences(lang: Lang, client: Client, outcome: &Outcome) -> Described {
    let reason = |r: Reason| t(lang, reason_msg(r));
    let plain = |main: String| Described { main, notes: vec![], says: None };
    match outcome {
        Outcome::Connects { to, note } => {
            let to = target(lang, to);
            Described {
                main: render(lang, ExtrasMsg::ClientsConnects, &[Arg { name: "target", value: &to }]),
                notes: vec![t(lang, note_msg(client, *note))],
                says: None,
            }
        }
        Outcome::Dials { host, port, failure } => {
            let why = match failure {
                DialFailure::PortOutOfRange => ExtrasMsg::ClientsDialPortRange,
                DialFailure::NotAnAddress => ExtrasMsg::ClientsDialNotAnAddress,
            };
            Described {
                main: render(lang, ExtrasMsg::ClientsDials, &[Arg { name: "host", value: host }, Arg { name: "port", value: port }]),
                notes: vec![t(lang, why)],
                says: None,
            }
        }
        Outcome::Rejects { reason: r, says } => Described {
            main: render(lang, ExtrasMsg::ClientsRejects, &[Arg { name: "reason", value: &reason(*r) }]),
            notes: vec![],
            says: Some((*says).into()),
        },
        Outcome::FallsBack { reason: r, to } => {
            let msg = match to {
                Fallback::Active => ExtrasMsg::ClientsFallsBackActive,
                Fallback::Pasv => ExtrasMsg::ClientsFallsBackPasv,
            };
            let r = reason(*r);
            plain(render(lang, msg, &[Arg { name: "reason", value: &r.trim_end_matches('.') }]))
        }
        Outcome::Expects { to, note } => {
            let to = target(lang, to);
            let notes = if *note == Note::Truncated { vec![t(lang, ExtrasMsg::ClientsNoteTruncated)] } else { vec![] };
            Described { main: render(lang, ExtrasMsg::ClientsExpects, &[Arg { name: "target", value: &to }]), notes, says: None }
        }
        Outcome::NoExpectation { ip, server, .. } => {
            let args = [Arg { name: "ip", value: ip }, Arg { name: "server", value: server }];
            let mut notes = vec![];
            // The NAT box in front of a server that announces its internal
            // address sees that address as the reply's source.
            let internal = matches!(classify(&IpAddr::V4(*ip)), AddressClass::Private | AddressClass::Shared | AddressClass::LinkLocal);
            if internal && classify(server).is_routable() {
                notes.push(render(lang, ExtrasMsg::ClientsNoteNatBox, &args));
            }
            Described { main: render(lang, ExtrasMsg::ClientsNoExpectation, &args), notes, says: None }
        }
        Outcome::Ignores => plain(t(lang, ExtrasMsg::ClientsIgnores)),
        Outcome::Drops { reason: r, pattern } => {
            let args = [Arg { name: "pattern", value: pattern }, Arg { name: "reason", value: &reason(*r) }];
            plain(render(lang, ExtrasMsg::ClientsDrops, &args))
        }
        Outcome::Shows { ip: Some(ip), port, nat } => {
            let msg = if *nat { ExtrasMsg::ClientsShowsNat } else { ExtrasMsg::ClientsShows };
            plain(render(lang, msg, &[Arg { name: "ip", value: ip }, Arg { name: "port", value: port }]))
        }
        Outcome::Shows { ip: None, port, .. } => plain(render(lang, ExtrasMsg::ClientsShowsEpsv, &[Arg { name: "port", value: port }])),
        Outcome::ShowsNothing { expert } => {
            plain(t(lang, if *expert { ExtrasMsg::ClientsShowsInvalid } else { ExtrasMsg::ClientsShowsNothing }))
        }
        Outcome::Throws { says } => Described { main: t(lang, ExtrasMsg::ClientsThrows), notes: vec![], says: Some((*says).into()) },
        Outcome::Panics { says } => Described { main: t(lang, ExtrasMsg::ClientsPanics), notes: vec![], says: Some(says.clone()) },
        Outcome::NotAsked { when, then } => {
            let inner = outcome_sentences(lang, client, then);
            let mut notes = vec![render(lang, ExtrasMsg::ClientsIfAsked, &[Arg { name: "outcome", value: &inner.main }])];
            notes.extend(inner.notes);
            Described { main: t(lang, not_asked_msg(*when)), notes, says: inner.says }
        }
        Outcome::NotApplicable => plain(t(lang, ExtrasMsg::ClientsNotApplicable)),
    }
}

/// The prediction as sentences: the outcome, why, where a connection that
/// does happen really goes ([`Prediction::unreachable_target`]), and what
/// other releases do.
pub fn describe(lang: Lang, p: &Prediction, control: Option<IpAddr>) -> Described {
    let mut d = outcome_sentences(lang, p.client, &p.outcome);
    if let Some(u) = p.unreachable_target(control) {
        if let Some(msg) = unreachable_msg(u.class) {
            d.notes.push(render(lang, msg, &[Arg { name: "ip", value: &u.ip }]));
        }
    }
    match p.caveat {
        Some(Caveat::JlaffayeOldPanic) => d.notes.push(t(lang, ExtrasMsg::ClientsCaveatJlaffayeOldPanic)),
        Some(Caveat::CommonsNetBefore390 { to }) => {
            let to = target(lang, &to);
            d.notes.push(render(lang, ExtrasMsg::ClientsCaveatCommonsNetBefore390, &[Arg { name: "target", value: &to }]));
        }
        None => {}
    }
    d
}

/// The source column: files, revision (with the reading date for a branch),
/// settings, and the note in `lang`. Only the note is translated.
pub fn source_text(lang: Lang, client: Client) -> String {
    let s = client.source();
    let mut out = alloc::format!("{} ({}", s.files, s.revision);
    if let Some(date) = s.read_on {
        out.push_str(", ");
        out.push_str(&render(lang, ExtrasMsg::ClientsSourceReadOn, &[Arg { name: "date", value: &date }]));
    }
    out.push(')');
    if !s.settings.is_empty() {
        out.push_str(", ");
        out.push_str(s.settings);
    }
    if let Some(note) = s.note {
        out.push_str(" — ");
        out.push_str(&t(lang, note));
    }
    out
}
