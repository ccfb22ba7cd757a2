//! The client's own messages: where it connects (the control connection's
//! address, the data connection's target), whether it replaced an announced
//! address, and whether a data connection failed. No allocation.
use core::net::{IpAddr, Ipv4Addr};

use super::FailureKind;
use crate::SocketTarget;

/// Byte offset of `needle` in `hay`, ASCII case-insensitively.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    // Compare whole windows only where the first byte already matches: most
    // log lines are noise, and this is their hot path.
    let first = n[0].to_ascii_lowercase();
    (0..=h.len() - n.len()).find(|&i| h[i].to_ascii_lowercase() == first && h[i + 1..i + n.len()].eq_ignore_ascii_case(&n[1..]))
}

/// Whether `hay` contains `needle`, ASCII case-insensitively.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    find_ci(hay, needle).is_some()
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// A connection the client reports opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Connection {
    pub ip: IpAddr,
    pub port: Option<u16>,
    /// `Connected to` rather than `Connecting to`/`Trying`.
    pub established: bool,
    /// Explicitly a data connection (`Connecting data socket to`).
    pub data: bool,
}

/// `Connecting to 93.184.216.34:21...` (FileZilla), `Connected to host
/// (ip) port 21` and `Trying ip:21...` (curl), `Connecting to host (ip) port
/// 21` and `Connecting data socket to (ip) port 40001` (lftp).
pub(crate) fn connection(text: &str) -> Option<Connection> {
    const PHRASES: [(&str, bool, bool); 6] = [
        ("connecting data socket to", false, true),
        ("connected 2nd connection to", true, true),
        ("established 2nd connection to", true, true),
        ("connected to", true, false),
        ("connecting to", false, false),
        ("trying", false, false),
    ];
    let text = text.trim_start();
    PHRASES.iter().find_map(|&(phrase, established, data)| {
        let rest = strip_prefix_ci(text, phrase)?;
        let (ip, port) = address_in(rest)?;
        Some(Connection { ip, port, established, data })
    })
}

/// The first address in `text`: `(ip)`, `ip:port`, `[ipv6]:port` or a bare
/// address, with the port from `:port` or a following `port N`.
pub(crate) fn address_in(text: &str) -> Option<(IpAddr, Option<u16>)> {
    let text = text.trim_start();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        if let Ok(ip) = rest[open + 1..close].trim().parse::<IpAddr>() {
            return Some((ip, port_after(&rest[close..])));
        }
        rest = &rest[close + 1..];
    }
    let token = text.split([' ', '\t', ',', ';']).next()?.trim_end_matches('.');
    let (ip, port) = endpoint(token)?;
    Some((ip, port.or_else(|| port_after(&text[token.len()..]))))
}

fn endpoint(token: &str) -> Option<(IpAddr, Option<u16>)> {
    if let Some(inner) = token.strip_prefix('[') {
        let close = inner.find(']')?;
        let port = inner[close + 1..].strip_prefix(':').and_then(digits);
        return Some((inner[..close].parse().ok()?, port));
    }
    if let Ok(ip) = token.parse::<IpAddr>() {
        return Some((ip, None));
    }
    let (host, port) = token.rsplit_once(':')?;
    Some((IpAddr::V4(host.parse::<Ipv4Addr>().ok()?), digits(port)))
}

fn digits(s: &str) -> Option<u16> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..end].parse().ok()
}

/// `… port 21`.
fn port_after(text: &str) -> Option<u16> {
    let at = find_ci(text, "port ")?;
    digits(&text[at + 5..])
}

/// The target of a failed connection: `Failed to connect to 10.0.0.5 port
/// 40001 after 21003 ms`, `connect to 10.0.0.5 port 40001 failed`.
pub(crate) fn failed_target(text: &str) -> Option<SocketTarget> {
    let at = find_ci(text, "connect to ")?;
    match address_in(&text[at + 11..])? {
        (ip, Some(port)) => Some(SocketTarget { ip, port }),
        _ => None,
    }
}

/// The client replaced an unroutable announced address with the control
/// connection's: FileZilla and WinSCP (`Server sent passive reply with
/// unroutable address…`), curl (`Skip 10.0.0.5 for data connection, re-use
/// … instead`), lftp (`Address returned by PASV seemed to be incorrect and
/// has been fixed`).
pub(crate) fn is_fixup(text: &str) -> bool {
    ["passive reply with unroutable address", "for data connection, re-use", "for data connection, reuse", "has been fixed"]
        .iter()
        .any(|p| contains_ci(text, p))
}

/// A message about the control connection, not a data connection.
fn about_control(text: &str) -> bool {
    ["could not connect to server", "(control connection)", "control socket", "disconnected from server"]
        .iter()
        .any(|p| contains_ci(text, p))
}

/// What kind of data-connection failure the client reports, if any.
pub(crate) fn failure(text: &str) -> Option<FailureKind> {
    const TABLE: [(&str, FailureKind); 16] = [
        ("failed to retrieve directory listing", FailureKind::ListingFailed),
        ("could not retrieve directory listing", FailureKind::ListingFailed),
        ("error listing directory", FailureKind::ListingFailed),
        ("timed out", FailureKind::TimedOut),
        ("timeout", FailureKind::TimedOut),
        ("etimedout", FailureKind::TimedOut),
        ("connection refused", FailureKind::Refused),
        ("econnrefused", FailureKind::Refused),
        ("no route to host", FailureKind::Unreachable),
        ("network is unreachable", FailureKind::Unreachable),
        ("ehostunreach", FailureKind::Unreachable),
        ("enetunreach", FailureKind::Unreachable),
        ("data connection could not be established", FailureKind::ConnectFailed),
        ("failed to connect to", FailureKind::ConnectFailed),
        ("couldn't connect to server", FailureKind::ConnectFailed),
        ("can't open data connection", FailureKind::CannotOpen),
    ];
    if about_control(text) {
        return None;
    }
    TABLE.iter().find(|(p, _)| contains_ci(text, p)).map(|&(_, kind)| kind)
}

/// A failure message that can only be about a data connection.
pub(crate) fn data_specific(text: &str) -> bool {
    ["directory listing", "data connection", "data socket"].iter().any(|p| contains_ci(text, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn connections() {
        let c = |t| connection(t).map(|c| (c.ip, c.port, c.established, c.data));
        assert_eq!(c("Connecting to 93.184.216.34:21..."), Some((ip("93.184.216.34"), Some(21), false, false)));
        assert_eq!(c("Connected to ftp.example.com (93.184.216.34) port 21 (#0)"), Some((ip("93.184.216.34"), Some(21), true, false)));
        assert_eq!(c("Trying [2001:db8::21]:21..."), Some((ip("2001:db8::21"), Some(21), false, false)));
        assert_eq!(c("Trying 77.232.67.28... connected"), Some((ip("77.232.67.28"), None, false, false)));
        assert_eq!(c("Connecting data socket to (10.0.0.5) port 40001"), Some((ip("10.0.0.5"), Some(40001), false, true)));
        assert_eq!(c("Connecting to ftp.example.net (2001:db8:85a3::21) port 21"), Some((ip("2001:db8:85a3::21"), Some(21), false, false)));
        assert_eq!(c("Connecting to 2001:db8::1"), Some((ip("2001:db8::1"), None, false, false)));
        assert_eq!(c("Connecting to ftp.example.com ..."), None);
        assert_eq!(c("Connection established, waiting for welcome message..."), None);
        assert_eq!(c("Retrying 1.2.3.4"), None);
    }

    #[test]
    fn failures() {
        assert_eq!(failure("Connection timed out after 20 seconds of inactivity"), Some(FailureKind::TimedOut));
        assert_eq!(failure("Failed to retrieve directory listing"), Some(FailureKind::ListingFailed));
        assert_eq!(failure("Could not connect to server"), None);
        assert_eq!(failure("Timeout detected. (control connection)"), None);
        assert_eq!(
            failure("The data connection could not be established: ECONNREFUSED - Connection refused by server"),
            Some(FailureKind::Refused)
        );
        assert_eq!(failure("Logged in"), None);
        let t = failed_target("Failed to connect to 10.0.0.5 port 40001 after 21003 ms: Timeout was reached");
        assert_eq!(t, Some(SocketTarget { ip: ip("10.0.0.5"), port: 40001 }));
        assert!(is_fixup("Server sent passive reply with unroutable address. Using server address instead."));
        assert!(is_fixup("Skip 10.0.0.5 for data connection, re-use ftp.example.com instead"));
        assert!(!is_fixup("Logged in"));
        assert_eq!(find_ci("abcABC", "CA"), Some(2));
    }
}
