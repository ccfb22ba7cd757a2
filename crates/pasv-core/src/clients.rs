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

    /// The source revision the rule was written from, and where to read it.
    pub const fn source(self) -> Source {
        match self {
            Client::CurlDefault => Source {
                text: "curl lib/ftp.c (5c61e16), 7.74.0+ default CURLOPT_FTP_SKIP_PASV_IP=1",
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::CurlNoSkipPasvIp => Source {
                text: "curl lib/ftp.c (5c61e16), --no-ftp-skip-pasv-ip (CURLOPT_FTP_SKIP_PASV_IP=0)",
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::Ftplib => Source {
                text: "CPython Lib/ftplib.py (3.x main), trust_server_pasv_ipv4_address=False",
                url: "https://github.com/python/cpython/blob/main/Lib/ftplib.py",
            },
            Client::FileZilla => Source {
                text:
                    "FileZilla src/engine/ftp/rawtransfer.cpp + libfilezilla lib/iputils.cpp (3.x), passive-mode fallback to active allowed",
                url: "https://svn.filezilla-project.org/filezilla/FileZilla3/trunk/src/engine/ftp/rawtransfer.cpp",
            },
            Client::Lftp => Source {
                text: "lftp src/ftpclass.cc + src/network.cc (9781fab), ftp:fix-pasv-address=yes, ftp:ignore-pasv-address=no",
                url: "https://github.com/lavv17/lftp/blob/9781fab/src/ftpclass.cc",
            },
            Client::CommonsNet => Source {
                text: "Apache Commons Net FTPClient.java (c66d035, 3.9.0+), ipAddressFromPasvResponse=false",
                url: "https://github.com/apache/commons-net/blob/c66d035/src/main/java/org/apache/commons/net/ftp/FTPClient.java",
            },
            Client::Jlaffaye => Source {
                text: "github.com/jlaffaye/ftp ftp.go (61c29fb), EPSV first, then PASV",
                url: "https://github.com/jlaffaye/ftp/blob/61c29fb/ftp.go",
            },
            Client::Netfilter => Source {
                text: "Linux net/netfilter/nf_conntrack_ftp.c (6.x), loose=0",
                url: "https://github.com/torvalds/linux/blob/master/net/netfilter/nf_conntrack_ftp.c",
            },
            Client::Wireshark => Source {
                text: "Wireshark epan/dissectors/packet-ftp.c (4.x)",
                url: "https://gitlab.com/wireshark/wireshark/-/blob/master/epan/dissectors/packet-ftp.c",
            },
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

/// Predict every client, in table order.
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

/// C `isspace` in the "C" locale.
fn c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// What glibc `sscanf` reads for `%u` and `%d` alike: whitespace, an optional
/// sign, digits. Returns whether it was negative and the digits' value.
fn scanf_signed_digits(b: &[u8], i: &mut usize) -> Option<(bool, u64)> {
    let mut j = *i;
    while b.get(j).is_some_and(|&c| c_space(c)) {
        j += 1;
    }
    let neg = match b.get(j) {
        Some(b'-') => {
            j += 1;
            true
        }
        Some(b'+') => {
            j += 1;
            false
        }
        _ => false,
    };
    let (v, end) = digits(b, j)?;
    *i = end;
    Some((neg, v))
}

/// glibc `sscanf` `%u`: the `unsigned long` result (negated for `-`,
/// saturated on overflow) stored into 32 bits.
fn scanf_u(b: &[u8], i: &mut usize) -> Option<u32> {
    let (neg, v) = scanf_signed_digits(b, i)?;
    let v = if neg { v.wrapping_neg() } else { v };
    Some(v as u32)
}

/// glibc `sscanf` `%d`: like `%u` but signed; the `long` saturates on overflow.
fn scanf_d(b: &[u8], i: &mut usize) -> Option<i32> {
    let (neg, v) = scanf_signed_digits(b, i)?;
    let v = i64::try_from(v).unwrap_or(i64::MAX);
    let v = if neg { -v } else { v };
    Some(v as i32)
}

/// Six `%u`/`%d`-style numbers separated by literal commas, as `sscanf(p, "%u,%u,%u,%u,%u,%u")`.
fn scanf_six<T>(b: &[u8], at: usize, one: fn(&[u8], &mut usize) -> Option<T>) -> Option<[T; 6]>
where
    T: Copy + Default,
{
    let mut out = [T::default(); 6];
    let mut i = at;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        *slot = one(b, &mut i)?;
    }
    Some(out)
}

// ---------------------------------------------------------------- curl

/// curl `match_pasv_6nums`: six `curlx_str_number(&p, &num, 0xff)` separated by
/// single commas; tried at every offset of the final line.
fn curl_six(b: &[u8], at: usize) -> Option<[u8; 6]> {
    let n = six_numbers(b, at)?;
    let mut out = [0u8; 6];
    for (slot, v) in out.iter_mut().zip(n) {
        *slot = u8::try_from(v).ok()?;
    }
    Some(out)
}

fn curl_227(client: Client, line: &str, control: Option<IpAddr>) -> Outcome {
    let b = line.as_bytes();
    let Some(n) = (0..b.len()).find_map(|i| curl_six(b, i)) else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "CURLE_FTP_WEIRD_227_FORMAT (Couldn't interpret the 227-response)" };
    };
    let port = u16::from(n[4]) << 8 | u16::from(n[5]);
    if client == Client::CurlDefault {
        Outcome::Connects { to: Target::control(control, port), note: Note::ControlByDefault }
    } else {
        let ip = IpAddr::V4(ipv4([n[0], n[1], n[2], n[3]]));
        Outcome::Connects { to: Target::At(SocketTarget { ip, port }), note: Note::Trusted }
    }
}

fn curl_229(line: &str, control: Option<IpAddr>) -> Outcome {
    let b = line.as_bytes();
    let weird = Outcome::Rejects { reason: Reason::NoMatch, says: "CURLE_FTP_WEIRD_PASV_REPLY (Weirdly formatted EPSV reply)" };
    let Some(open) = line.find('(') else { return weird };
    let p = &b[open + 1..];
    let (Some(&sep), Some(&s1), Some(&s2), Some(&d)) = (p.first(), p.get(1), p.get(2), p.get(3)) else { return weird };
    if s1 != sep || s2 != sep || !d.is_ascii_digit() {
        return weird;
    }
    const ILLEGAL: &str = "CURLE_FTP_WEIRD_PASV_REPLY (Illegal port number in EPSV reply)";
    let Some((v, end)) = digits(p, 3) else { return weird };
    match u16::try_from(v) {
        Ok(port) if p.get(end) == Some(&sep) => Outcome::Connects { to: Target::control(control, port), note: Note::Epsv },
        Ok(_) => Outcome::Rejects { reason: Reason::BadNumber, says: ILLEGAL },
        Err(_) => Outcome::Rejects { reason: Reason::OutOfRange, says: ILLEGAL },
    }
}

// ---------------------------------------------------------------- ftplib

/// Python `int(str)`: surrounding whitespace, a sign, decimal digits of any
/// script, single `_` between digits. Only the common scripts are known here.
fn python_int(s: &str) -> Option<i128> {
    let s = s.trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut v: i128 = 0;
    let mut prev_digit = false;
    let mut any = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            if !prev_digit || chars.peek().is_none_or(|&n| unicode_digit(n).is_none()) {
                return None;
            }
            prev_digit = false;
            continue;
        }
        let d = unicode_digit(c)?;
        v = v.saturating_mul(10).saturating_add(i128::from(d));
        prev_digit = true;
        any = true;
    }
    any.then_some(if neg { -v } else { v })
}

/// The value of a Unicode decimal digit (Nd) from the blocks replies may use.
fn unicode_digit(c: char) -> Option<u32> {
    const ZEROS: [u32; 7] = [0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10];
    let c = u32::from(c);
    ZEROS.iter().find(|&&z| (z..z + 10).contains(&c)).map(|&z| c - z)
}

fn ftplib_227(resp: &str, control: Option<IpAddr>) -> Outcome {
    // `_227_re = re.compile(r'(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)', re.ASCII)`, searched in
    // the whole (multi-line) reply; no range check. The host is ignored by default.
    let b = resp.as_bytes();
    let Some(n) = (0..b.len()).find_map(|i| six_numbers(b, i)) else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "ftplib.error_proto" };
    };
    let port = i64::try_from((u128::from(n[4]) << 8) + u128::from(n[5])).unwrap_or(i64::MAX);
    dial_control(control, port, Note::ControlByDefault)
}

fn ftplib_229(resp: &str, control: Option<IpAddr>) -> Outcome {
    let proto = Outcome::Rejects { reason: Reason::NoMatch, says: "ftplib.error_proto" };
    let Some(left) = resp.find('(') else { return proto };
    let Some(right) = resp[left + 1..].find(')').map(|r| r + left + 1) else { return proto };
    let inner = &resp[left + 1..right];
    let (Some(first), Some(last)) = (resp[left + 1..].chars().next(), resp[..right].chars().next_back()) else { return proto };
    if first != last || inner.is_empty() {
        return proto;
    }
    let parts: Vec<&str> = inner.split(first).collect();
    if parts.len() != 5 {
        return proto;
    }
    match python_int(parts[3]) {
        Some(port) => dial_control(control, i64::try_from(port).unwrap_or(i64::MAX), Note::Epsv),
        None => Outcome::Rejects { reason: Reason::BadNumber, says: "ValueError (int() of the port field)" },
    }
}

// ---------------------------------------------------------------- FileZilla

/// One `0*[0-9]{1,3}` field: a digit run whose part after some leading zeros has 1–3 digits.
fn fz_field(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let (v, end) = digits(b, i)?;
    let run = &b[i..end];
    (run.len() <= 3 || run[..run.len() - 3].iter().all(|&c| c == b'0')).then_some((v, end))
}

/// libfilezilla `is_routable_address` for IPv4 text: a valid dotted quad
/// (leading zeros allowed, first part non-zero), then string-prefix checks.
fn fz_routable(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    let valid = parts.len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|v| v <= 255))
        && parts[0].parse::<u32>().is_ok_and(|v| v != 0);
    if !valid || host.len() < 7 {
        return false;
    }
    if ["127", "10."].iter().any(|p| host.starts_with(p)) || ["192.168", "169.254"].iter().any(|p| host.starts_with(p)) {
        return false;
    }
    if host.starts_with("172") {
        let middle = &host[4..];
        match middle.find('.') {
            Some(pos) if pos <= 3 => {
                let seg: u32 = middle[..pos].parse().unwrap_or(0);
                return !(16..=31).contains(&seg);
            }
            _ => return false,
        }
    }
    true
}

fn filezilla_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // `( |\()(0*[0-9]{1,3},…×6)( |\)|$)` on the final line; then p1, p2 ≤ 255.
    let b = line.as_bytes();
    let found = (0..b.len()).find_map(|i| {
        if !matches!(b[i], b' ' | b'(') {
            return None;
        }
        let mut j = i + 1;
        let mut vals = [0u64; 6];
        for (n, slot) in vals.iter_mut().enumerate() {
            if n > 0 {
                if b.get(j) != Some(&b',') {
                    return None;
                }
                j += 1;
            }
            let (v, end) = fz_field(b, j)?;
            *slot = v;
            j = end;
        }
        matches!(b.get(j), None | Some(b' ') | Some(b')')).then(|| (vals, &line[i + 1..j]))
    });
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Active };
    let Some((vals, text)) = found else { return fallback(Reason::NoMatch) };
    if vals[4] > 255 || vals[5] > 255 {
        return fallback(Reason::OutOfRange);
    }
    let port = (vals[4] * 256 + vals[5]) as u16;
    let fields: Vec<&str> = text.split(',').collect();
    let host = fields[..4].join(".");
    let peer_routable = control_v4(control).is_none_or(|ip| fz_routable(&alloc::format!("{ip}")));
    if !fz_routable(&host) && peer_routable && control.is_none_or(|c| c.is_ipv4()) {
        return Outcome::Connects { to: Target::control(control, port), note: Note::Replaced };
    }
    dial(&host, i64::from(port), Note::Trusted)
}

fn filezilla_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // `(|||` … `|)`, `fz::to_integral<unsigned>`, 1–65535.
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Active };
    let Some(pos) = line.find("(|||") else { return fallback(Reason::NoMatch) };
    let Some(pos2) = line[pos + 4..].find("|)").map(|p| p + pos + 4) else { return fallback(Reason::NoMatch) };
    if pos2 == pos + 4 {
        return fallback(Reason::NoMatch);
    }
    let number = &line[pos + 4..pos2];
    let port = if number.bytes().all(|c| c.is_ascii_digit()) { number.parse::<u32>().unwrap_or(0) } else { 0 };
    match u16::try_from(port) {
        Ok(port) if port != 0 => Outcome::Connects { to: Target::control(control, port), note: Note::Epsv },
        _ => fallback(if number.bytes().all(|c| c.is_ascii_digit()) { Reason::OutOfRange } else { Reason::BadNumber }),
    }
}

// ---------------------------------------------------------------- lftp

/// lftp `sockaddr_u` classes (src/network.cc).
fn lftp_reserved(a: [u8; 4]) -> bool {
    a[0] == 0 || (a[0] == 127 && !lftp_loopback(a)) || a[0] >= 240
}
fn lftp_multicast(a: [u8; 4]) -> bool {
    (224..240).contains(&a[0])
}
fn lftp_private(a: [u8; 4]) -> bool {
    // The revision read lists 10/8, 172.16/12, 192.168/16 and link-local 169.254/16.
    a[0] == 10 || (a[0] == 172 && (16..32).contains(&a[1])) || (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254)
}
fn lftp_loopback(a: [u8; 4]) -> bool {
    a == [127, 0, 0, 1]
}

fn lftp_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // From line+4, at every digit: sscanf(b, "%u,%u,%u,%u,%u,%u") == 6; values stored in bytes.
    let b = line.as_bytes();
    let found = (4.min(b.len())..b.len()).filter(|&i| b[i].is_ascii_digit()).find_map(|i| scanf_six(b, i, scanf_u));
    let Some(n) = found else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "Disconnect (no address in the 227 reply)" };
    };
    let truncated = n.iter().any(|&v| v > 255);
    let a = [n[0] as u8, n[1] as u8, n[2] as u8, n[3] as u8];
    let port = u16::from(n[4] as u8) << 8 | u16::from(n[5] as u8);
    let peer = control_v4(control).map(|ip| ip.octets());
    // With no control address, assume it is public.
    let peer_private = peer.is_some_and(lftp_private);
    let peer_loopback = peer.is_some_and(lftp_loopback);
    let fix = lftp_reserved(a) || lftp_multicast(a) || lftp_private(a) != peer_private || lftp_loopback(a) != peer_loopback;
    if fix {
        Outcome::Connects { to: Target::control(control, port), note: Note::Replaced }
    } else {
        let to = Target::At(SocketTarget { ip: IpAddr::V4(ipv4(a)), port });
        Outcome::Connects { to, note: if truncated { Note::Truncated } else { Note::Trusted } }
    }
}

fn lftp_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // c = strchr(line,'(') + 1, else line+4; sscanf(c, "DDD%uD") with D = *c; only %u must match.
    let b = line.as_bytes();
    let start = line.find('(').map_or(4, |p| p + 1).min(b.len());
    let c = &b[start..];
    let fail = Outcome::Rejects { reason: Reason::NoMatch, says: "cannot parse EPSV response" };
    let Some(&delim) = c.first() else { return fail };
    if c.get(1) != Some(&delim) || c.get(2) != Some(&delim) {
        return fail;
    }
    let mut i = 3;
    let Some(v) = scanf_u(c, &mut i) else { return fail };
    let note = if v > 0xFFFF { Note::Truncated } else { Note::Epsv };
    Outcome::Connects { to: Target::control(control, v as u16), note }
}

// ---------------------------------------------------------------- Commons Net

/// One `\d{1,3}` group at `i` followed by `next` (None: anything).
fn commons_group(b: &[u8], i: usize, last: bool) -> Option<(u64, usize)> {
    let n = b.get(i..)?.iter().take_while(|c| c.is_ascii_digit()).count().min(3);
    if n == 0 {
        return None;
    }
    // Followed by ',' unless last; backtracking to fewer digits cannot help (a digit follows).
    if !last && b.get(i + n) != Some(&b',') {
        return None;
    }
    let v = b[i..i + n].iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
    Some((v, i + n))
}

fn commons_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // PARMS_PAT `(\d{1,3},\d{1,3},\d{1,3},\d{1,3}),(\d{1,3}),(\d{1,3})`, find() on the first line.
    let b = line.as_bytes();
    let found = (0..b.len()).find_map(|i| {
        let mut j = i;
        let mut vals = [0u64; 6];
        for (n, slot) in vals.iter_mut().enumerate() {
            let (v, end) = commons_group(b, j, n == 5)?;
            *slot = v;
            j = if n == 5 { end } else { end + 1 };
        }
        Some(vals)
    });
    let Some(v) = found else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "MalformedServerReplyException" };
    };
    // (oct1 << 8) | oct2 — a bitwise or, so 300 and 5 give 76805.
    let port = i64::try_from(v[4] << 8 | v[5]).unwrap_or(i64::MAX);
    // The host (0,0,0,0 special-cased) is replaced by the control address by default.
    dial_control(control, port, Note::ControlByDefault)
}

/// Java `Integer.parseInt`: optional sign, decimal digits of any script, no spaces.
fn java_parse_int(s: &str) -> Option<i64> {
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for c in s.chars() {
        v = v * 10 + i64::from(unicode_digit(c)?);
        if v > i64::from(i32::MAX) + 1 {
            return None;
        }
    }
    let v = if neg { -v } else { v };
    i32::try_from(v).ok().map(i64::from)
}

fn commons_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // reply.substring(indexOf('(') + 1, indexOf(')')).trim(); chars 0, 1, 2 and the last equal;
    // Integer.parseInt(substring(3, length - 1)).
    let sioobe = Outcome::Rejects { reason: Reason::NoMatch, says: "StringIndexOutOfBoundsException" };
    let malformed = |reason| Outcome::Rejects { reason, says: "MalformedServerReplyException" };
    let begin = line.find('(').map_or(0, |p| p + 1);
    let Some(end) = line.find(')') else { return sioobe };
    if end < begin {
        return sioobe;
    }
    let s: Vec<char> = line[begin..end].trim_matches(|c: char| u32::from(c) <= 0x20).chars().collect();
    if s.len() < 4 {
        // charAt(2) or substring(3, len - 1) out of bounds
        return sioobe;
    }
    if s[0] != s[1] || s[1] != s[2] || s[2] != s[s.len() - 1] {
        return malformed(Reason::NoMatch);
    }
    let field: String = s[3..s.len() - 1].iter().collect();
    match java_parse_int(&field) {
        Some(port) => dial_control(control, port, Note::Epsv),
        None => malformed(Reason::BadNumber),
    }
}

// ---------------------------------------------------------------- jlaffaye

/// `textproto.ReadResponse`: the message without the `NNN ` / `NNN-` prefixes, lines joined by `\n`.
fn textproto_message(reply: &Reply<'_>) -> String {
    let code = reply.first().get(..3).unwrap_or("");
    let lines: Vec<&str> = reply
        .lines
        .iter()
        .map(|l| match (l.get(..3), l.as_bytes().get(3)) {
            (Some(c), Some(b' ' | b'-')) if c == code => &l[4..],
            (Some(c), None) if c == code => "",
            _ => l,
        })
        .collect();
    lines.join("\n")
}

/// Go `strconv.Atoi`: optional sign, ASCII digits only.
fn go_atoi(s: &str) -> Option<i64> {
    let (neg, d) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if d.is_empty() || !d.bytes().all(|c| c.is_ascii_digit()) || d.len() > 18 {
        return None;
    }
    let v: i64 = d.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Go `net.IP` classes.
fn go_private(ip: Ipv4Addr) -> bool {
    let a = ip.octets();
    a[0] == 10 || (a[0] == 172 && a[1] & 0xf0 == 16) || (a[0] == 192 && a[1] == 168)
}

fn jlaffaye_227(msg: &str, control: Option<IpAddr>) -> Outcome {
    let invalid = Outcome::Rejects { reason: Reason::NoMatch, says: "invalid PASV response format" };
    let (Some(start), Some(end)) = (msg.find('('), msg.rfind(')')) else { return invalid };
    if end < start + 1 {
        return invalid;
    }
    let data: Vec<&str> = msg[start + 1..end].split(',').collect();
    if data.len() < 6 {
        return invalid;
    }
    let (Some(p1), Some(p2)) = (go_atoi(data[4]), go_atoi(data[5])) else {
        return Outcome::Rejects { reason: Reason::BadNumber, says: "strconv.Atoi: invalid syntax" };
    };
    let port = p1 * 256 + p2;
    let host = data[..4].join(".");
    let cmd = control_v4(control);
    if let Some(data_ip) = strict_ipv4(&host) {
        if cmd != Some(data_ip) {
            // isBogusDataIP, "Logic stolen from lftp"; with no control address, assume it is public.
            let cmd_private = cmd.is_some_and(go_private);
            let cmd_loopback = cmd.is_some_and(|c| c.is_loopback());
            let bogus = data_ip.is_multicast() || cmd_private != go_private(data_ip) || cmd_loopback != data_ip.is_loopback();
            if bogus && control.is_none_or(|c| c.is_ipv4()) {
                return dial_control(control, port, Note::Replaced);
            }
        }
    }
    dial(&host, port, Note::Trusted)
}

fn jlaffaye_229(msg: &str, control: Option<IpAddr>) -> Outcome {
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Pasv };
    let (Some(start), Some(end)) = (msg.find("|||"), msg.rfind('|')) else { return fallback(Reason::NoMatch) };
    // `line[start+3:end]` with end < start+3: the revision read would panic (slice
    // bounds); newer revisions reject it. Either way there is no port.
    if end < start + 3 {
        return fallback(Reason::NoMatch);
    }
    match go_atoi(&msg[start + 3..end]) {
        Some(port) => dial_control(control, port, Note::Epsv),
        None => fallback(Reason::BadNumber),
    }
}

// ---------------------------------------------------------------- netfilter

/// `try_number(data, dlen, array, 6, ',', term=0)` after the first digit.
fn nf_rfc1123(b: &[u8]) -> Option<[u32; 6]> {
    let first = b.iter().position(u8::is_ascii_digit)?;
    let mut array = [0u32; 6];
    let mut i = 0usize;
    for &c in &b[first..] {
        if c.is_ascii_digit() {
            array[i] = array[i].wrapping_mul(10).wrapping_add(u32::from(c - b'0'));
        } else if c == b',' {
            i += 1;
            if i == 6 {
                return None; // "Failed to fill 6 numbers"
            }
        } else {
            return (i == 5).then_some(array);
        }
    }
    None
}

/// `try_epsv_response` + `get_port` on the text after `(`.
fn nf_epsv(b: &[u8]) -> Result<u16, Reason> {
    if b.len() <= 3 {
        return Err(Reason::NoMatch);
    }
    let delim = b[0];
    if delim.is_ascii_digit() || !(33..=126).contains(&delim) || b[1] != delim || b[2] != delim {
        return Err(Reason::NoMatch);
    }
    let mut port: u16 = 0;
    for &c in &b[3..] {
        if c == delim {
            return if port == 0 { Err(Reason::PortZero) } else { Ok(port) };
        } else if c.is_ascii_digit() {
            port = port.wrapping_mul(10).wrapping_add(u16::from(c - b'0'));
        } else {
            return Err(Reason::BadNumber);
        }
    }
    Err(Reason::NoMatch)
}

fn netfilter(reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
    // The TCP payload: the whole reply, CRLF-terminated. Only its start is matched.
    let mut payload = reply.lines.join("\r\n");
    payload.push_str("\r\n");
    let b = payload.as_bytes();
    if let Some(rest) = b.strip_prefix(b"227 ") {
        return match nf_rfc1123(rest) {
            None => Outcome::Drops { reason: Reason::NoMatch, pattern: "227 " },
            Some(a) => {
                let ip = Ipv4Addr::from(a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]);
                let port = (a[4] << 8 | a[5]) as u16;
                let note = if a.iter().any(|&v| v > 255) { Note::Truncated } else { Note::Trusted };
                match control {
                    Some(c) if c == IpAddr::V4(ip) => Outcome::Expects { to: Target::At(SocketTarget { ip: c, port }), note },
                    Some(_) => Outcome::NoExpectation { reason: Reason::NotServerAddress, ip },
                    // Unknown control address: an expectation only if this is the server's own address.
                    None => Outcome::Expects { to: Target::At(SocketTarget { ip: IpAddr::V4(ip), port }), note },
                }
            }
        };
    }
    if let Some(rest) = b.strip_prefix(b"229 ") {
        // skip to '(' (not found before the last byte: partial match → DROP)
        let Some(open) = rest.iter().position(|&c| c == b'(') else {
            return Outcome::Drops { reason: Reason::NoMatch, pattern: "229 " };
        };
        return match nf_epsv(&rest[open + 1..]) {
            Ok(port) => Outcome::Expects { to: Target::control(control, port), note: Note::Epsv },
            Err(reason) => Outcome::Drops { reason, pattern: "229 " },
        };
    }
    Outcome::Ignores
}

// ---------------------------------------------------------------- Wireshark

fn wireshark_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // parse_port_pasv: skip to a digit, sscanf "%d,%d,%d,%d,%d,%d", else skip that number and retry.
    let b = line.as_bytes();
    let mut p = 0;
    loop {
        while p < b.len() && !b[p].is_ascii_digit() {
            p += 1;
        }
        if p >= b.len() {
            return Outcome::ShowsNothing { expert: false };
        }
        if let Some(n) = scanf_six(b, p, scanf_d) {
            let u = n.map(|v| v as u32);
            let ip = Ipv4Addr::from(u[0] << 24 | u[1] << 16 | u[2] << 8 | u[3]);
            let port = ((u[4] & 0xFF) << 8 | (u[5] & 0xFF)) as u16;
            let nat = control.is_some_and(|c| c != IpAddr::V4(ip));
            return Outcome::Shows { ip: Some(ip), port, nat };
        }
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
    }
}

/// `isvalid_rfc2428_delimiter`: printable, not a hex digit, `.` or `:`.
fn ws_delimiter(c: u8) -> bool {
    c.is_ascii_graphic() && !c.is_ascii_hexdigit() && c != b'.' && c != b':'
}

fn wireshark_229(line: &str) -> Outcome {
    let invalid = Outcome::ShowsNothing { expert: true };
    let b = line.as_bytes();
    let Some(open) = line.find('(') else { return invalid };
    let mut p = open + 1;
    let mut delimiter = None;
    for _ in 0..3 {
        let Some(&c) = b.get(p) else { break };
        if delimiter.is_none() && ws_delimiter(c) {
            delimiter = Some(c);
        }
        if Some(c) != delimiter {
            break;
        }
        p += 1;
    }
    if p >= b.len() {
        return invalid;
    }
    // ws_strtou16 (g_ascii_strtoull: whitespace, digits); accepted when valid or when it
    // stopped at '|'; 65535 when too large.
    let mut j = p;
    while b.get(j).is_some_and(|&c| c_space(c)) {
        j += 1;
    }
    let (port, end, ok) = match b.get(p) {
        Some(b'-' | b'+') => (0, p, false),
        _ => match digits(b, j) {
            None => (0, p, false),
            Some((v, end)) => match u16::try_from(v) {
                Ok(v) => (v, end, true),
                Err(_) => (u16::MAX, end, false),
            },
        },
    };
    let ok = ok || b.get(end) == Some(&b'|');
    if !ok || !line[p..].contains(')') {
        return invalid;
    }
    Outcome::Shows { ip: None, port, nat: false }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::At(t) => t.fmt(f),
            Target::Control { port } => write!(f, "<control>:{port}"),
        }
    }
}
