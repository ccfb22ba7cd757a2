//! pyftpdlib's log (read from pyftpdlib 2.2.0, in its own format and in
//! the `[%(asctime)s] %(message)s` of an application's `logging` setup):
//! `[I 2026-12-07 17:18:50]
//! 127.0.0.1:46560-[alice] USER 'alice' logged in.`; at the debug level
//! every command and reply too, `… 127.0.0.1:46560-[alice] <- PASV` and `…
//! -> 227 Entering passive mode (…).` (the password masked: `<- PASS
//! ******`). Each line names the client's address and port, which tell the
//! sessions apart; the start names the address the server listens on
//! (`>>> starting FTP server on 127.0.0.1:2121, pid=15177 <<<`).
use super::{of, Classified, LogFormat, Shape, Starts, KEYED};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"[");

pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    let rest = after_date(line)?;
    if let Some(listen) = rest.strip_prefix(">>> starting FTP server on ") {
        let target = listen.split(", pid=").next().unwrap_or(listen);
        return of(LogFormat::PyftpdlibServer, Shape::Listening(target));
    }
    let s = session(line)?;
    let shape = if let Some(command) = s.message.strip_prefix("<- ") {
        Shape::Command(command)
    } else if let Some(reply) = s.message.strip_prefix("-> ") {
        Shape::Reply(reply)
    } else {
        Shape::Note { text: s.message, error: b[1] == b'E' && b[2] == b' ' }
    };
    let mut c = of(LogFormat::PyftpdlibServer, shape)?;
    c.conn = (u32::from(s.port) + 1).min(KEYED - 1);
    Some(c)
}

/// What follows the level and the date: `[I 2026-12-07 17:18:50]` (its own
/// format), or a date alone (`[2026-12-07 17:27:30,232]`, a `logging`
/// format of the application's).
fn after_date(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let levelled = matches!(b.get(1), Some(b'D' | b'I' | b'W' | b'E' | b'C')) && b.get(2) == Some(&b' ');
    let date = if levelled { 3 } else { 1 };
    if b.len() < 24 || !b[date].is_ascii_digit() {
        return None;
    }
    let close = memchr::memchr(b']', &b[date..])? + date;
    line[close + 1..].strip_prefix(' ')
}

/// A session's line: `ip:port-[user] message`, the address IPv4, IPv6
/// (`[::1]:46560`) or IPv4-mapped (`::ffff:203.0.113.50:56236`).
pub(super) struct Session<'a> {
    pub host: &'a str,
    pub port: u16,
    pub message: &'a str,
}

pub(super) fn session(line: &str) -> Option<Session<'_>> {
    let rest = after_date(line)?;
    let dash = rest.find("-[")?;
    let (host, port) = rest[..dash].rsplit_once(':')?;
    let after = &rest[dash + 2..];
    let message = &after[after.find("] ")? + 2..];
    Some(Session { host: host.trim_start_matches('[').trim_end_matches(']'), port: port.parse().ok()?, message })
}
