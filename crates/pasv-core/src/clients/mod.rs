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
use core::fmt;
use core::net::{IpAddr, Ipv4Addr};

use crate::{AddressClass, SocketTarget};

mod commons;
mod curl;
mod filezilla;
mod go;
mod lftp;
mod netfilter;
mod python;
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
use python::{ftplib_227, ftplib_229};
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

/// When a client that sends PASV on IPv4 by default sends EPSV instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpsvUse {
    /// Only over IPv6: CPython `makepasv`, `if self.af == socket.AF_INET:` PASV, else EPSV.
    Ipv6Only,
    /// Over IPv6, or with `setUseEPSVwithIPv4(true)`: Commons Net
    /// `attemptEPSV = isUseEPSVwithIPv4() || isInet6Address`.
    Ipv6OrOptIn,
    /// Over IPv6, or through a proxy when the server lists EPSV: FileZilla
    /// `GetPassiveCommand`.
    Ipv6OrProxy,
    /// Over IPv6, or with `ftp:prefer-epsv` (default no) when the server
    /// supports EPSV: lftp `!conn->can_do_pasv || (epsv_supported && prefer-epsv)`.
    Ipv6OrPreferEpsv,
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
    /// The reply's address failed the client's own check and was replaced by
    /// the control connection's. Each client checks different things
    /// (FileZilla, lftp and jlaffaye/ftp use this; [`describe`] says which).
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
    /// The address differs from the server's address as the firewall sees it
    /// (netfilter, `loose=0`).
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
        /// The server's address as this firewall sees it: the source of the
        /// reply, `ct->tuplehash[dir].tuple.src` (here, the control connection's).
        server: IpAddr,
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
    /// The program crashes: a Go runtime panic while reading the reply.
    Panics {
        /// The runtime error, as Go prints it.
        says: String,
    },
    /// By default the client does not send EPSV on this control connection
    /// (IPv4, or unknown), so it would not receive this 229.
    NotAsked {
        /// When it does send EPSV.
        when: EpsvUse,
        /// What it would do with the reply if it had sent EPSV.
        then: Box<Outcome>,
    },
    /// Not a 227 or 229 reply: nothing to predict.
    NotApplicable,
}

/// Something true of other releases than the one the rule was written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caveat {
    /// jlaffaye/ftp before v0.2.1 panics on this 229 (`line[start+3:end]` with
    /// no closing delimiter: slice bounds out of range); fixed by commit
    /// 0e45063, issue #451.
    JlaffayeOldPanic,
}

/// One client's predicted reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// Who.
    pub client: Client,
    /// What it does.
    pub outcome: Outcome,
    /// What other releases do differently, when it matters here.
    pub caveat: Option<Caveat>,
}

/// A data connection that goes to the wrong place: the address and its class.
/// Each class fails differently ([`describe`] says how).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreachable {
    /// The address the client connects to.
    pub ip: IpAddr,
    /// Its class: private, shared, loopback, link-local, unspecified,
    /// multicast, broadcast, reserved or benchmarking.
    pub class: AddressClass,
}

impl Prediction {
    /// The client connects to an address that does not lead to the server:
    ///
    /// - loopback or unspecified: the client's own machine, unless the
    ///   control connection is on that machine too;
    /// - multicast or broadcast: TCP cannot connect there at all;
    /// - private, shared, link-local, benchmarking or reserved: not routed on
    ///   the Internet, when the control connection goes to a public address.
    ///
    /// None when the client connects nowhere, to the control connection's
    /// address, or when the control address is unknown.
    pub fn unreachable_target(&self, control: Option<IpAddr>) -> Option<Unreachable> {
        let Outcome::Connects { to: Target::At(to), .. } = &self.outcome else { return None };
        let control = control?;
        if to.ip == control {
            return None;
        }
        let class = crate::classify(&to.ip);
        let control_class = crate::classify(&control);
        let wrong = match class {
            AddressClass::Loopback | AddressClass::Unspecified => {
                !matches!(control_class, AddressClass::Loopback | AddressClass::Unspecified)
            }
            AddressClass::Multicast | AddressClass::Broadcast => true,
            AddressClass::Private
            | AddressClass::Shared
            | AddressClass::LinkLocal
            | AddressClass::Benchmarking
            | AddressClass::Reserved => control_class.is_routable(),
            // A 227 reply only carries IPv4 addresses; the IPv6 classes and
            // the routable ones have nothing to say here.
            AddressClass::Public | AddressClass::Documentation | AddressClass::UniqueLocal | AddressClass::Ipv4Mapped => false,
        };
        wrong.then_some(Unreachable { ip: to.ip, class })
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
