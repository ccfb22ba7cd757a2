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
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, Ipv4Addr};

use crate::SocketTarget;

mod commons;
mod curl;
mod filezilla;
mod go;
mod lftp;
mod netfilter;
mod python;
mod scanf;
mod sources;
mod wireshark;

use commons::{commons_227, commons_229};
use curl::{curl_227, curl_229};
use filezilla::{filezilla_227, filezilla_229};
use go::{jlaffaye_227, jlaffaye_229, textproto_message};
use lftp::{lftp_227, lftp_229};
use netfilter::netfilter;
use python::{ftplib_227, ftplib_229};
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

/// Where a client's rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Project, file and revision read, with the relevant defaults.
    pub text: &'static str,
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
}

/// An address to connect to: a known socket, or the control connection's
/// address when it was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A known address and port.
    At(SocketTarget),
    /// The control connection's address (unknown here) and this port.
    Control {
        /// The port.
        port: u16,
    },
}

impl Target {
    fn control(control: Option<IpAddr>, port: u16) -> Self {
        match control {
            Some(ip) => Target::At(SocketTarget { ip, port }),
            None => Target::Control { port },
        }
    }
    /// The port.
    pub const fn port(self) -> u16 {
        match self {
            Target::At(t) => t.port,
            Target::Control { port } => port,
        }
    }
}

/// Why the address was (or was not) taken from the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The address in the reply is used as is.
    Trusted,
    /// The client ignores every PASV address by design and uses the control connection's.
    ControlByDefault,
    /// The reply's address looked wrong (unroutable, private vs public, loopback,
    /// reserved, multicast) and was replaced by the control connection's.
    Replaced,
    /// 229 carries no address: the control connection's is used.
    Epsv,
    /// Out-of-range numbers were cut to 8 (or 16) bits before use.
    Truncated,
}

/// Why a target cannot be connected to although the client accepted the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialFailure {
    /// The port is outside 0–65535 (raised at connect time).
    PortOutOfRange,
    /// The host text is not a valid IPv4 address (leading zeros or values above 255)
    /// and goes to the resolver, where it fails or is read in octal.
    NotAnAddress,
}

/// Why a reply was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// No address in the form the client looks for.
    NoMatch,
    /// A number is out of range.
    OutOfRange,
    /// A field is not a plain number (spaces, signs, `_`, other digits).
    BadNumber,
    /// Port 0.
    PortZero,
    /// The address is not the server's own (netfilter, `loose=0`).
    NotServerAddress,
}

/// Where a client goes when it cannot use the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Active mode (PORT/EPRT), when allowed.
    Active,
    /// Sends PASV instead of EPSV.
    Pasv,
}

/// What a client does with the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Opens the data connection to `to`.
    Connects {
        /// Where.
        to: Target,
        /// Why there.
        note: Note,
    },
    /// Accepts the reply but the connection cannot be made.
    Dials {
        /// The host as the client would pass it on.
        host: String,
        /// The port as computed (may be out of range).
        port: i64,
        /// Why it fails.
        failure: DialFailure,
    },
    /// Gives up with an error.
    Rejects {
        /// Why.
        reason: Reason,
        /// The client's own error, verbatim.
        says: &'static str,
    },
    /// Cannot use the reply and tries another mode.
    FallsBack {
        /// Why.
        reason: Reason,
        /// To what.
        to: Fallback,
    },
    /// netfilter: creates an expectation, so the data connection passes.
    Expects {
        /// For this address and port.
        to: Target,
        /// `Truncated` when the numbers wrapped.
        note: Note,
    },
    /// netfilter: lets the packet through without an expectation.
    NoExpectation {
        /// Why.
        reason: Reason,
        /// The address it read.
        ip: Ipv4Addr,
    },
    /// netfilter: the packet is not inspected (it does not start with `227 ` or `229 `).
    Ignores,
    /// netfilter: drops the packet ("partial matching of `227 '").
    Drops {
        /// Why.
        reason: Reason,
        /// The pattern that partly matched (`227 ` or `229 `).
        pattern: &'static str,
    },
    /// Wireshark: the fields it displays.
    Shows {
        /// The address (None for 229: taken from the packet).
        ip: Option<Ipv4Addr>,
        /// The port.
        port: u16,
        /// `ftp.passive.nat`: the address differs from the packet's source.
        nat: bool,
    },
    /// Wireshark: nothing decoded; `expert` when it flags `ftp.epsv.args_invalid`.
    ShowsNothing {
        /// An expert-info warning is shown.
        expert: bool,
    },
    /// Not a 227 or 229 reply: nothing to predict.
    NotApplicable,
}

/// One client's predicted reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// Who.
    pub client: Client,
    /// What it does.
    pub outcome: Outcome,
}

impl Prediction {
    /// The client connects to a non-public address while the control
    /// connection goes to a public one: from the Internet that address cannot
    /// be reached and the data connection times out (RFC 1918 §4). None when
    /// the client connects nowhere or reachability cannot be judged.
    pub fn unreachable_target(&self, control: Option<IpAddr>) -> Option<IpAddr> {
        let Outcome::Connects { to: Target::At(to), .. } = &self.outcome else { return None };
        let control = control?;
        (to.ip != control && crate::classify(&control).is_routable() && !crate::classify(&to.ip).is_routable()).then_some(to.ip)
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
/// assert_eq!(trusting.unreachable_target(control).map(|ip| ip.to_string()).as_deref(), Some("10.0.0.12"));
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
    Prediction { client, outcome }
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

fn epsv(client: Client, reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
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

// ---------------------------------------------------------------- helpers

fn ipv4(a: [u8; 4]) -> Ipv4Addr {
    Ipv4Addr::new(a[0], a[1], a[2], a[3])
}

fn control_v4(control: Option<IpAddr>) -> Option<Ipv4Addr> {
    match control {
        Some(IpAddr::V4(ip)) => Some(ip),
        _ => None,
    }
}

/// A connection to `host:port` as computed by a client that checks nothing.
fn dial(host: &str, port: i64, note: Note) -> Outcome {
    let Ok(port16) = u16::try_from(port) else {
        return Outcome::Dials { host: host.into(), port, failure: DialFailure::PortOutOfRange };
    };
    match strict_ipv4(host) {
        Some(ip) => Outcome::Connects { to: Target::At(SocketTarget { ip: IpAddr::V4(ip), port: port16 }), note },
        None => Outcome::Dials { host: host.into(), port, failure: DialFailure::NotAnAddress },
    }
}

/// A connection to the control address on a computed port.
fn dial_control(control: Option<IpAddr>, port: i64, note: Note) -> Outcome {
    match u16::try_from(port) {
        Ok(port) => Outcome::Connects { to: Target::control(control, port), note },
        Err(_) => {
            let host = control.map_or_else(|| String::from("<control>"), |ip| alloc::format!("{ip}"));
            Outcome::Dials { host, port, failure: DialFailure::PortOutOfRange }
        }
    }
}

/// Dotted decimal with no leading zeros and every part ≤ 255 (what Go's
/// `net.ParseIP` and Rust accept).
fn strict_ipv4(host: &str) -> Option<Ipv4Addr> {
    host.parse().ok()
}

/// A run of ASCII digits at `i`: (value saturated at u64::MAX, end).
fn digits(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let end = i + b.get(i..)?.iter().take_while(|c| c.is_ascii_digit()).count();
    if end == i {
        return None;
    }
    let v = b[i..end].iter().fold(0u64, |acc, &d| acc.saturating_mul(10).saturating_add(u64::from(d - b'0')));
    Some((v, end))
}

/// Six ASCII digit runs separated by single commas, starting at `i` (what
/// curl's and ftplib's patterns both look for; each then applies its own
/// range rule).
fn six_numbers(b: &[u8], mut i: usize) -> Option<[u64; 6]> {
    let mut out = [0u64; 6];
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        let (v, end) = digits(b, i)?;
        *slot = v;
        i = end;
    }
    Some(out)
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::At(t) => t.fmt(f),
            Target::Control { port } => write!(f, "<control>:{port}"),
        }
    }
}
