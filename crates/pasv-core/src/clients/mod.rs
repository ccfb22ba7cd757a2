//! What real FTP software would do with a 227 or 229 reply.
//!
//! Each [`Client`] has its own parsing rule and address policy, written from
//! the source revision named by [`Client::source`] (see
//! `/work/shared/research/peers.md`). The rules differ on purpose — which
//! line of a multi-line reply is read, whether numbers are range-checked,
//! whether the address in the reply is trusted — so none of them reuses the
//! core's own (strict) decoder.
//!
//! ```
//! use pasv_core::clients::{predict, Client, Outcome, Target};
//!
//! let control = Some("203.0.113.10".parse().unwrap());
//! let p = predict(Client::Lftp, "227 Entering Passive Mode (1216,256,2,127,127,127)", control);
//! // lftp keeps only the low byte of each number: 1216 → 192, 256 → 0.
//! assert!(matches!(p.outcome, Outcome::Connects { to: Target::At(t), .. } if t.to_string() == "192.0.2.127:32639"));
//! ```
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

mod commons;
mod curl;
mod filezilla;
mod go;
mod lftp;
mod netfilter;
mod outcome;
mod python;
mod read;
mod scanf;
mod sources;
mod text;
mod wireshark;

use commons::{commons_227, commons_229};
use curl::{curl_227, curl_229};
use filezilla::{filezilla_227, filezilla_229};
use go::{jlaffaye_227, jlaffaye_229, textproto_message};
use lftp::{lftp_227, lftp_229};
use netfilter::netfilter;
pub use outcome::{Caveat, DialFailure, EpsvUse, Fallback, Note, Outcome, Prediction, Reason, Target, Unreachable};
use python::{ftplib_227, ftplib_229};
use read::{control_v4, dial, dial_control, digits, ipv4, six_numbers, strict_ipv4};
pub use text::{describe, source_text, Described};
use wireshark::{wireshark_227, wireshark_229};

/// A client, firewall helper or analyser whose behaviour is predicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    /// curl with its default `CURLOPT_FTP_SKIP_PASV_IP=1` (7.74.0 and later).
    CurlDefault,
    /// curl with `--no-ftp-skip-pasv-ip` (`CURLOPT_FTP_SKIP_PASV_IP=0`).
    CurlNoSkipPasvIp,
    /// Python's `ftplib` (default `trust_server_pasv_ipv4_address = False`).
    Ftplib,
    /// FileZilla (client engine).
    FileZilla,
    /// lftp (defaults: `ftp:fix-pasv-address` yes, `ftp:ignore-pasv-address` no).
    Lftp,
    /// Apache Commons Net `FTPClient` (default `ipAddressFromPasvResponse=false`).
    CommonsNet,
    /// Go `github.com/jlaffaye/ftp`.
    Jlaffaye,
    /// Linux `nf_conntrack_ftp` (default `loose=0`).
    Netfilter,
    /// Wireshark's FTP dissector.
    Wireshark,
}

/// Where a client's rule comes from. Everything but `note` is data (file
/// paths, revisions, option names) shown as is in every language; `note` is
/// prose from the catalog. [`source_text`] puts them together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Project and files read.
    pub files: &'static str,
    /// The revision read: a commit, or a branch when none was recorded.
    pub revision: &'static str,
    /// For a branch: the date the rule was written from it (ISO 8601).
    pub read_on: Option<&'static str>,
    /// The settings modelled, as option names and values.
    pub settings: &'static str,
    /// What else to know about the revision or the defaults.
    pub note: Option<crate::ExtrasMsg>,
    /// Where to read it.
    pub url: &'static str,
}

impl Client {
    /// Every client, in table order.
    pub const ALL: [Client; 9] = [
        Client::CurlDefault,
        Client::CurlNoSkipPasvIp,
        Client::Ftplib,
        Client::FileZilla,
        Client::Lftp,
        Client::CommonsNet,
        Client::Jlaffaye,
        Client::Netfilter,
        Client::Wireshark,
    ];

    /// A stable identifier (also the catalog key suffix `extras.clients.name-…`).
    pub const fn id(self) -> &'static str {
        match self {
            Client::CurlDefault => "curl",
            Client::CurlNoSkipPasvIp => "curl-no-skip",
            Client::Ftplib => "ftplib",
            Client::FileZilla => "filezilla",
            Client::Lftp => "lftp",
            Client::CommonsNet => "commons-net",
            Client::Jlaffaye => "jlaffaye",
            Client::Netfilter => "netfilter",
            Client::Wireshark => "wireshark",
        }
    }

    /// When the client sends EPSV, if it does not send it first on an IPv4
    /// control connection by default. None: it sends EPSV first (curl,
    /// jlaffaye/ftp) or only watches the traffic (netfilter, Wireshark).
    pub const fn epsv_use(self) -> Option<EpsvUse> {
        match self {
            Client::Ftplib => Some(EpsvUse::Ipv6Only),
            Client::CommonsNet => Some(EpsvUse::Ipv6OrOptIn),
            Client::FileZilla => Some(EpsvUse::Ipv6OrProxy),
            Client::Lftp => Some(EpsvUse::Ipv6OrPreferEpsv),
            _ => None,
        }
    }
}

/// Predict every client, in table order ([`Client::ALL`]).
///
/// ```
/// use pasv_core::clients::{predict_all, Client, Note, Outcome, Target};
///
/// let control = Some("203.0.113.10".parse().unwrap());
/// let all = predict_all("227 Entering Passive Mode (10,0,0,12,156,64).", control);
/// assert_eq!(all.len(), Client::ALL.len());
/// assert_eq!(all[0].client, Client::CurlDefault);
/// // curl (by default) never uses a 227 address: it goes to the control connection's.
/// let Outcome::Connects { to: Target::At(to), note } = &all[0].outcome else { panic!() };
/// assert_eq!((to.to_string(), *note), ("203.0.113.10:40000".to_string(), Note::ControlByDefault));
/// // With --no-ftp-skip-pasv-ip curl trusts it, and 10.0.0.12 cannot be reached from the Internet.
/// let trusting = &all[1];
/// assert_eq!(trusting.client, Client::CurlNoSkipPasvIp);
/// assert_eq!(trusting.unreachable_target(control).map(|u| u.ip.to_string()).as_deref(), Some("10.0.0.12"));
/// // Not a 227 or 229: nothing to predict.
/// assert!(predict_all("200 OK", control).iter().all(|p| p.outcome == Outcome::NotApplicable));
/// ```
pub fn predict_all(line: &str, control: Option<IpAddr>) -> Vec<Prediction> {
    Client::ALL.iter().map(|&c| predict(c, line, control)).collect()
}

/// Predict what `client` does with `line` (one reply, lines separated by
/// `\n` or `\r\n`) received on a control connection to `control`.
///
/// The reply is taken as the answer to the matching command (227 to PASV,
/// 229 to EPSV). With no control address, the clients that would use it
/// answer [`Target::Control`], and the ones that compare it with the
/// reply's address assume it is public.
pub fn predict(client: Client, line: &str, control: Option<IpAddr>) -> Prediction {
    let reply = Reply::new(line);
    let outcome = match reply.code {
        Some(227) => pasv(client, &reply, control),
        Some(229) => epsv(client, &reply, control),
        _ => Outcome::NotApplicable,
    };
    let caveat = match (client, reply.code) {
        (Client::Jlaffaye, Some(229)) if go::old_release_panics(&textproto_message(&reply)) => Some(Caveat::JlaffayeOldPanic),
        (Client::CommonsNet, Some(227)) if matches!(outcome, Outcome::Connects { .. }) => {
            commons::commons_227_before_390(reply.first(), control).map(|to| Caveat::CommonsNetBefore390 { to })
        }
        _ => None,
    };
    Prediction { client, outcome, caveat }
}

/// The reply split into lines.
struct Reply<'a> {
    lines: Vec<&'a str>,
    code: Option<u16>,
}

impl<'a> Reply<'a> {
    fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).filter(|l| !l.is_empty()).collect();
        let code = lines.first().and_then(|l| l.get(..3)).filter(|c| c.bytes().all(|b| b.is_ascii_digit())).and_then(|c| c.parse().ok());
        Reply { lines, code }
    }
    fn first(&self) -> &'a str {
        self.lines.first().copied().unwrap_or("")
    }
    fn last(&self) -> &'a str {
        self.lines.last().copied().unwrap_or("")
    }
    /// The whole reply as received, lines joined by `\n`.
    fn whole(&self) -> String {
        self.lines.join("\n")
    }
}

fn pasv(client: Client, reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
    match client {
        Client::CurlDefault | Client::CurlNoSkipPasvIp => curl_227(client, reply.last(), control),
        Client::Ftplib => ftplib_227(&reply.whole(), control),
        Client::FileZilla => filezilla_227(reply.last(), control),
        Client::Lftp => lftp_227(reply.last(), control),
        Client::CommonsNet => commons_227(reply.first(), control),
        Client::Jlaffaye => jlaffaye_227(&textproto_message(reply), control),
        Client::Netfilter => netfilter(reply, control),
        Client::Wireshark => wireshark_227(reply.first(), control),
    }
}

/// A 229, as the answer to EPSV. Clients that send EPSV on an IPv4 control
/// connection only when told to get [`Outcome::NotAsked`] there (and when the
/// control connection is unknown), with what they would do if they had asked.
fn epsv(client: Client, reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
    let outcome = epsv_reply(client, reply, control);
    match (client.epsv_use(), control) {
        (Some(when), None | Some(IpAddr::V4(_))) => Outcome::NotAsked { when, then: Box::new(outcome) },
        _ => outcome,
    }
}

fn epsv_reply(client: Client, reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
    match client {
        Client::CurlDefault | Client::CurlNoSkipPasvIp => curl_229(reply.last(), control),
        Client::Ftplib => ftplib_229(&reply.whole(), control),
        Client::FileZilla => filezilla_229(reply.last(), control),
        Client::Lftp => lftp_229(reply.last(), control),
        Client::CommonsNet => commons_229(reply.first(), control),
        Client::Jlaffaye => jlaffaye_229(&textproto_message(reply), control),
        Client::Netfilter => netfilter(reply, control),
        Client::Wireshark => wireshark_229(reply.first()),
    }
}
