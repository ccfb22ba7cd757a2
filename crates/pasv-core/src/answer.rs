//! The answer at a glance for one report: a state in words and one sentence,
//! decided here from the findings and their severities so that every front
//! end says the same thing. Text comes from the catalog.
use alloc::string::{String, ToString};
use core::net::IpAddr;

use crate::{class_msg, render, AddressClass, Arg, Context, Kind, Lang, Msg, Report, Severity};

/// What happens to the data connection, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outlook {
    /// Nothing found that stops it.
    Works,
    /// The reply's address cannot be used; careful clients replace it with
    /// the control connection's and so connect anyway.
    Repaired,
    /// Some clients or networks fail (the worst finding is a warning).
    MayFail,
    /// It fails or is unsafe (the worst finding is a danger).
    Fails,
    /// The line does not decode.
    Invalid,
}

impl Outlook {
    /// Stable kebab-case name (a CSS class, a test hook).
    pub const fn as_str(self) -> &'static str {
        match self {
            Outlook::Works => "works",
            Outlook::Repaired => "repaired",
            Outlook::MayFail => "may-fail",
            Outlook::Fails => "fails",
            Outlook::Invalid => "invalid",
        }
    }
    /// The state in words.
    pub const fn msg(self) -> Msg {
        match self {
            Outlook::Works => Msg::UiStateWorks,
            Outlook::Repaired => Msg::UiStateRepaired,
            Outlook::MayFail => Msg::UiStateMayFail,
            Outlook::Fails => Msg::UiStateFails,
            Outlook::Invalid => Msg::UiStateInvalid,
        }
    }
}

/// Whose behaviour the connect-to value describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Every client: the reply's address is the control connection's, or a
    /// 229 carries none.
    Every,
    /// The named clients replace the reply's address with the control
    /// connection's (see [`Answer::clients`]).
    Careful,
    /// Clients that use the reply's address as it is (curl and ftplib by
    /// default use the control connection's instead).
    Trusting,
    /// PORT, EPRT, LPRT: the server connects.
    Server,
}

/// One report's answer: the state, the sentence and the two values' labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The state.
    pub outlook: Outlook,
    /// One sentence, rendered (none for a line that sets up no connection).
    pub sentence: Option<String>,
    /// Whose behaviour [`Report::connect_to`] is.
    pub whose: Whose,
    /// For [`Whose::Careful`]: the clients whose source shows that they
    /// connect to `connect_to`, comma-separated; empty when none is sure to.
    pub clients: &'static str,
    /// The label of `connect_to`, rendered: whose behaviour it is.
    pub target_label: String,
}

/// Only findings that no client's pattern minds: the reply is in RFC 959's form.
fn plain(r: &Report) -> bool {
    r.findings.iter().all(|f| matches!(f.id, "nat-unroutable-address" | "address-mismatch" | "trailing-text" | "lowercase-text"))
}

/// curl (default `CURLOPT_FTP_SKIP_PASV_IP`) and ftplib (default
/// `trust_server_pasv_ipv4_address = False`) never dial a 227's address;
/// FileZilla replaces it only when libfilezilla's `is_routable_address`
/// says it is private, loopback or link-local and the IPv4 control peer is
/// routable, and its pattern (` ` or `(`, six comma-separated numbers, then
/// ` `, `)` or the end of the final line) finds the address: only RFC 959's
/// form with at most trailing text or another case passes for sure
/// (`src/clients/`: curl.rs, python.rs, filezilla.rs).
fn careful_clients(r: &Report, control: Option<IpAddr>) -> &'static str {
    let plain = plain(r);
    let fz_private = matches!(r.address_class, Some(AddressClass::Private | AddressClass::Loopback | AddressClass::LinkLocal));
    let fz_peer = matches!(control, Some(IpAddr::V4(_))) && control.as_ref().is_some_and(|c| crate::classify(c).is_routable());
    match (plain, fz_private && fz_peer) {
        (true, true) => "curl, FileZilla, ftplib",
        (true, false) => "curl, ftplib",
        // Other forms: each client's own pattern decides (the "More" panel).
        (false, _) => "",
    }
}

/// Decide the answer for a report made in `context`, with its sentence in `lang`.
///
/// ```
/// use pasv_core::{answer, report_all, Context, Lang, Outlook, Whose};
///
/// let ctx = Context { control_ip: Some("203.0.113.10".parse().unwrap()), sent: None };
/// let r = &report_all("227 Entering Passive Mode (10,0,0,12,156,64).", &ctx, Lang::En)[0];
/// let a = answer(r, &ctx, Lang::En);
/// assert_eq!((a.outlook, a.whose, a.clients), (Outlook::Repaired, Whose::Careful, "curl, FileZilla, ftplib"));
/// assert!(a.sentence.unwrap().contains("10.0.0.12"));
/// ```
pub fn answer(r: &Report, context: &Context, lang: Lang) -> Answer {
    let control = context.control_ip;
    let active = matches!(r.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let worst = r.findings.iter().map(|f| f.severity).max();
    let target = r.connect_to.as_deref();
    // Careful clients went to the control address instead of the reply's.
    let replaced = !active
        && r.kind == Kind::Pasv
        && r.findings.first().is_some_and(|f| f.id == "nat-unroutable-address" && f.severity == Severity::Danger)
        && control.is_some_and(|c| r.reply_ip.as_deref() != Some(c.to_string().as_str()))
        && target.is_some();
    let whose = if active {
        Whose::Server
    } else if replaced {
        Whose::Careful
    } else if r.kind == Kind::Epsv || (control.is_some() && r.ip.as_deref() == control.map(|c| c.to_string()).as_deref()) {
        Whose::Every
    } else {
        Whose::Trusting
    };
    let clients = if replaced { careful_clients(r, control) } else { "" };
    // Every client reads the plain form; others only some (spaces, zeros…).
    let whose = if whose == Whose::Every && r.kind == Kind::Pasv && !plain(r) { Whose::Trusting } else { whose };
    let outlook = match (&r.error, worst) {
        (Some(_), _) => Outlook::Invalid,
        _ if replaced => Outlook::Repaired,
        (None, Some(Severity::Danger)) => Outlook::Fails,
        (None, Some(Severity::Warning)) => Outlook::MayFail,
        _ => Outlook::Works,
    };
    let say = |msg: Msg, args: &[Arg<'_>]| Some(render(lang, msg, args));
    // " (curl, ftplib)" after "careful clients", when the clients are known.
    let named = if clients.is_empty() { String::new() } else { alloc::format!(" ({clients})") };
    let target_label = match whose {
        Whose::Server => render(lang, Msg::UiConnectToActive, &[]),
        Whose::Careful => render(lang, Msg::UiValueCareful, &[Arg { name: "clients", value: &named }]),
        Whose::Every => render(lang, Msg::UiValueEvery, &[]),
        Whose::Trusting => render(lang, Msg::UiValueTrusting, &[]),
    };
    let sentence = match outlook {
        Outlook::Invalid => r.error.as_ref().map(|e| e.message.clone()),
        Outlook::Repaired => {
            let address = r.reply_ip.clone().unwrap_or_default();
            let class = r.address_class.map(|c| render(lang, class_msg(c), &[])).unwrap_or_default();
            let control = control.map(|c| c.to_string()).unwrap_or_default();
            say(
                Msg::UiAnswerRepaired,
                &[
                    Arg { name: "address", value: &address },
                    Arg { name: "class", value: &class },
                    Arg { name: "control", value: &control },
                    Arg { name: "clients", value: &named },
                ],
            )
        }
        Outlook::Fails => say(Msg::UiAnswerFails, &[]),
        Outlook::MayFail => say(Msg::UiAnswerMayFail, &[]),
        Outlook::Works => match (target, r.port) {
            (Some(target), _) if active || control.is_some() => say(Msg::UiAnswerWorks, &[Arg { name: "target", value: &target }]),
            (_, Some(port)) if r.kind == Kind::Epsv => say(Msg::UiAnswerWorksPort, &[Arg { name: "port", value: &port }]),
            (Some(_), _) => say(Msg::UiAnswerWorksCheck, &[]),
            _ => None,
        },
    };
    Answer { outlook, sentence, whose, clients, target_label }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::{predict, Client, Outcome, Target};
    use crate::report_all;

    fn ctx(control: &str) -> Context {
        Context { control_ip: control.parse().ok(), sent: None }
    }

    fn first(line: &str, control: &str) -> (Report, Answer) {
        let c = ctx(control);
        let r = report_all(line, &c, Lang::En).remove(0);
        let a = answer(&r, &c, Lang::En);
        (r, a)
    }

    #[test]
    fn each_state_from_the_findings() {
        let cases = [
            ("227 Entering Passive Mode (10,0,0,12,156,64).", "203.0.113.10", Outlook::Repaired),
            ("227 Entering Passive Mode (198,51,100,20,195,80).", "198.51.100.20", Outlook::Works),
            ("227 Entering Passive Mode (198,51,100,20,195,80).", "203.0.113.10", Outlook::MayFail),
            ("227 Entering Passive Mode (224,0,0,1,195,80).", "203.0.113.10", Outlook::Fails),
            ("227 Entering Passive Mode (192,168,1,2,300,5)", "", Outlook::Invalid),
            ("227 Entering Passive Mode (10,0,0,12,156,64).", "", Outlook::MayFail),
            ("229 Entering Extended Passive Mode (|||50006|)", "", Outlook::Works),
            ("PORT 192,0,2,7,195,80", "198.51.100.1", Outlook::Fails),
        ];
        for (line, control, want) in cases {
            assert_eq!(first(line, control).1.outlook, want, "{line} from {control:?}");
        }
    }

    #[test]
    fn an_invalid_line_says_its_error_once() {
        let (r, a) = first("227 Entering Passive Mode (192,168,1,2,300,5)", "");
        assert_eq!(a.sentence, r.error.map(|e| e.message));
    }

    #[test]
    fn an_unknown_target_is_not_claimed() {
        let (_, a) = first("229 Entering Extended Passive Mode (|||50006|)", "");
        assert_eq!(a.whose, Whose::Every);
        assert!(a.sentence.unwrap().contains("50006"));
        let (_, a) = first("227 Entering Passive Mode (198,51,100,20,195,80).", "");
        assert_eq!((a.outlook, a.whose), (Outlook::Works, Whose::Trusting));
        assert_eq!(a.sentence.as_deref(), Some(render(Lang::En, Msg::UiAnswerWorksCheck, &[]).as_str()));
    }

    /// Every client the answer names connects where the report says, per
    /// the client rules read from their sources.
    #[test]
    fn the_named_clients_connect_to_the_target() {
        let replies = [
            "227 Entering Passive Mode (10,0,0,12,156,64).",
            "227 Entering Passive Mode (172,16,5,1,4,1)",
            "227 Entering Passive Mode (192,168,0,9,200,1)",
            "227 Entering Passive Mode (127,0,0,1,39,16)",
            "227 Entering Passive Mode (169,254,3,3,39,16)",
            "227 Entering Passive Mode (100,64,0,1,39,16)",
            "227 Entering Passive Mode (198,18,0,1,39,16)",
            "227 =10,0,0,12,156,64",
            "227 Entering Passive Mode 10,0,0,12,156,64",
            "227-Entering Passive Mode\r\n227 (10,0,0,12,156,64)",
            "227-Entering Passive Mode (10,0,0,12,156,64)\r\n227 OK",
            "227 Entering Passive Mode (10, 0, 0, 12, 156, 64)",
            "227 Entering Passive Mode (010,000,000,012,156,064)",
            "227 entering passive mode (10,0,0,12,156,64) ok",
            "227 Entering Passive Mode (198,51,100,20,195,80).",
            "227 Entering Passive Mode (198, 51, 100, 20, 195, 80).",
        ];
        let controls =
            ["203.0.113.10", "10.0.0.12", "198.51.100.20", "198.51.100.7", "8.8.8.8", "192.168.1.1", "10.0.0.1", "2001:db8::1", ""];
        let mut named = 0;
        for line in replies {
            for control in controls {
                let (r, a) = first(line, control);
                if a.whose == Whose::Every {
                    for client in [Client::CurlDefault, Client::FileZilla, Client::Ftplib] {
                        let p = predict(client, line, control.parse().ok());
                        let ok = matches!(p.outcome, Outcome::Connects { to: Target::At(t), .. } if Some(t.to_string()) == r.connect_to);
                        assert!(ok, "{client:?} with {line:?} from {control:?}: {:?}", p.outcome);
                        named += 1;
                    }
                }
                if a.whose != Whose::Careful {
                    continue;
                }
                assert!(a.target_label.contains(a.clients), "the label names the clients");
                for name in a.clients.split(", ").filter(|n| !n.is_empty()) {
                    let client = match name {
                        "curl" => Client::CurlDefault,
                        "FileZilla" => Client::FileZilla,
                        "ftplib" => Client::Ftplib,
                        other => panic!("unknown client {other}"),
                    };
                    let p = predict(client, line, control.parse().ok());
                    let to = match p.outcome {
                        Outcome::Connects { to: Target::At(t), .. } => Some(t.to_string()),
                        _ => None,
                    };
                    assert_eq!(to, r.connect_to, "{name} with {line:?} from {control:?}");
                    named += 1;
                }
            }
        }
        assert!(named > 20, "the cases exercise the named clients ({named})");
    }
}
