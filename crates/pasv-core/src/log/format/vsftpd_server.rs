//! vsftpd's protocol log (`log_ftp_protocol=YES`, read from vsftpd 3.0.3):
//! one line per command and per reply line, each naming the client's
//! address: `Mon Dec  7 17:19:52 2026 [pid 20169] [ftp] FTP command: Client
//! "127.0.0.1", "PASV"`, `… FTP response: Client "127.0.0.1", "227 Entering
//! Passive Mode (…)."`; through syslog, `Dec  7 17:19:52 host vsftpd[20169]:
//! [ftp] FTP command: …`. vsftpd masks the password (`"PASS <password>"`)
//! but writes an anonymous login's in clear (`OK LOGIN: Client "127.0.0.1",
//! anon password "…"`: see [`credential`]). The process changes at login,
//! so the lines of one session are told apart by the client's address.
use super::{of, Classified, LogFormat, Shape, Starts, KEYED};

/// A day or a month name.
pub(super) const STARTS: Starts = Starts::NONE.bytes(b"MTWFSJAOND");

const NAMES: [&[u8; 3]; 19] = [
    b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun", b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct",
    b"Nov", b"Dec",
];

const CLIENT: &[u8] = b": Client \"";

pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b.len() < 24 || b[3] != b' ' || !NAMES.iter().any(|n| b[..3] == n[..]) {
        return None;
    }
    let at = memchr::memmem::find(b, CLIENT)?;
    let peer = client_at(line, at)?;
    // What the line is: the words before `: Client`, after the last `] `.
    let head = &line[..at];
    let what = head.rfind("] ").map_or(head, |i| &head[i + 2..]);
    let after = at + CLIENT.len() + peer.len() + 1;
    let quoted = line[after..].strip_prefix(", \"").and_then(|r| r.strip_suffix('"'));
    let shape = match (what, quoted) {
        ("FTP command", Some(command)) => Shape::Command(command),
        // Continuation lines end with the line break vsftpd writes as `??`.
        ("FTP response", Some(reply)) => Shape::Reply(reply.strip_suffix("??").unwrap_or(reply)),
        _ => Shape::Note { text: &line[head.len() - what.len()..], error: what.starts_with("FAIL") },
    };
    let mut c = of(LogFormat::VsftpdServer, shape)?;
    c.conn = key(peer);
    Some(c)
}

/// The client's address in the quotes after `: Client` at `at`.
fn client_at(line: &str, at: usize) -> Option<&str> {
    let start = at + CLIENT.len();
    let end = start + memchr::memchr(b'"', &line.as_bytes()[start..])?;
    Some(&line[start..end])
}

/// The client's address a line names.
pub(super) fn peer(line: &str) -> Option<&str> {
    client_at(line, memchr::memmem::find(line.as_bytes(), CLIENT)?)
}

/// A connection key for a client address (not a number the log shows).
fn key(peer: &str) -> u32 {
    // FNV-1a.
    let hash = peer.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    KEYED | (hash & (KEYED - 1))
}

/// The anonymous password of an `OK LOGIN` line (`anon password "…"`):
/// its byte range.
pub(crate) fn credential(line: &str) -> Option<(usize, usize)> {
    const ANON: &str = "anon password \"";
    let start = memchr::memmem::find(line.as_bytes(), ANON.as_bytes())? + ANON.len();
    let end = line[start..].rfind('"').map_or(line.len(), |i| start + i);
    (end > start).then_some((start, end))
}
