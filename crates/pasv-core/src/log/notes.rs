//! The client's own messages: where it connects (the control connection's
//! address, the data connection's target), whether it replaced an announced
//! address, and whether a data connection failed. No allocation.
use core::net::IpAddr;

use super::address::address_in;
use super::lines::trim_start;
use super::phrase::{find_ci, Haystack, Phrase};
use super::FailureKind;
use crate::SocketTarget;

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
    // No phrase starts another, so the first byte picks the candidates.
    const C: [(&str, bool, bool); 4] = [
        ("connecting data socket to", false, true),
        ("connected 2nd connection to", true, true),
        ("connected to", true, false),
        ("connecting to", false, false),
    ];
    const E: [(&str, bool, bool); 1] = [("established 2nd connection to", true, true)];
    const T: [(&str, bool, bool); 1] = [("trying", false, false)];
    let text = trim_start(text);
    let phrases: &[_] = match text.as_bytes().first().map(|b| b | 0x20) {
        Some(b'c') => &C,
        Some(b'e') => &E,
        Some(b't') => &T,
        _ => return None, // most notes
    };
    let &(phrase, established, data) = phrases.iter().find(|(p, ..)| starts_with_ci(text, p))?;
    let (ip, port) = address_in(&text[phrase.len()..])?;
    Some(Connection { ip, port, established, data })
}

/// Whether `text` starts with `prefix` (lower case), ASCII case-insensitively.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    let text = text.as_bytes();
    text.len() >= prefix.len() && text.iter().zip(prefix.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
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
pub(crate) fn is_fixup(text: Haystack) -> bool {
    const FIXUP: [Phrase; 4] = [
        Phrase::new("passive reply with unroutable address"),
        Phrase::new("for data connection, re-use"),
        Phrase::new("for data connection, reuse"),
        Phrase::new("has been fixed"),
    ];
    text.contains_any(&FIXUP)
}

/// A message about the control connection, not a data connection.
fn about_control(text: &Haystack) -> bool {
    const CONTROL: [Phrase; 4] = [
        Phrase::new("could not connect to server"),
        Phrase::new("(control connection)"),
        Phrase::new("control socket"),
        Phrase::new("disconnected from server"),
    ];
    text.contains_any(&CONTROL)
}

/// What kind of data-connection failure the client reports, if any.
pub(crate) fn failure(text: Haystack) -> Option<FailureKind> {
    const TABLE: [(Phrase, FailureKind); 16] = [
        (Phrase::new("failed to retrieve directory listing"), FailureKind::ListingFailed),
        (Phrase::new("could not retrieve directory listing"), FailureKind::ListingFailed),
        (Phrase::new("error listing directory"), FailureKind::ListingFailed),
        (Phrase::new("timed out"), FailureKind::TimedOut),
        (Phrase::new("timeout"), FailureKind::TimedOut),
        (Phrase::new("etimedout"), FailureKind::TimedOut),
        (Phrase::new("connection refused"), FailureKind::Refused),
        (Phrase::new("econnrefused"), FailureKind::Refused),
        (Phrase::new("no route to host"), FailureKind::Unreachable),
        (Phrase::new("network is unreachable"), FailureKind::Unreachable),
        (Phrase::new("ehostunreach"), FailureKind::Unreachable),
        (Phrase::new("enetunreach"), FailureKind::Unreachable),
        (Phrase::new("data connection could not be established"), FailureKind::ConnectFailed),
        (Phrase::new("failed to connect to"), FailureKind::ConnectFailed),
        (Phrase::new("couldn't connect to server"), FailureKind::ConnectFailed),
        (Phrase::new("can't open data connection"), FailureKind::CannotOpen),
    ];
    if about_control(&text) {
        return None;
    }
    TABLE.iter().find(|(p, _)| text.contains(p)).map(|&(_, kind)| kind)
}

/// A failure message that can only be about a data connection.
pub(crate) fn data_specific(text: Haystack) -> bool {
    const DATA: [Phrase; 3] = [Phrase::new("directory listing"), Phrase::new("data connection"), Phrase::new("data socket")];
    text.contains_any(&DATA)
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
        assert_eq!(failure(Haystack::new("Connection timed out after 20 seconds of inactivity")), Some(FailureKind::TimedOut));
        assert_eq!(failure(Haystack::new("Failed to retrieve directory listing")), Some(FailureKind::ListingFailed));
        assert_eq!(failure(Haystack::new("Could not connect to server")), None);
        assert_eq!(failure(Haystack::new("Timeout detected. (control connection)")), None);
        assert_eq!(
            failure(Haystack::new("The data connection could not be established: ECONNREFUSED - Connection refused by server")),
            Some(FailureKind::Refused)
        );
        assert_eq!(failure(Haystack::new("Logged in")), None);
        let t = failed_target("Failed to connect to 10.0.0.5 port 40001 after 21003 ms: Timeout was reached");
        assert_eq!(t, Some(SocketTarget { ip: ip("10.0.0.5"), port: 40001 }));
        assert!(is_fixup(Haystack::new("Server sent passive reply with unroutable address. Using server address instead.")));
        assert!(is_fixup(Haystack::new("Skip 10.0.0.5 for data connection, re-use ftp.example.com instead")));
        assert!(!is_fixup(Haystack::new("Logged in")));
    }
}
