//! Python ftplib debug output: `*cmd* 'PASV'`, `*resp* '227 …'`, and the
//! last line of a Python traceback, which is the client's word in ftplib
//! output only (the scan checks that).
use super::{of, Classified, LogFormat, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"*");

#[inline]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let tagged = line.strip_prefix('*')?;
    if !matches!(tagged.as_bytes().first(), Some(b'c' | b'r' | b'w' | b'p' | b'g')) {
        return None; // curl's `* ` notes
    }
    // The tag is one of a few words, each followed by `* `.
    let tag = ["cmd", "resp", "welcome", "put", "get"].into_iter().find(|t| tagged.strip_prefix(t).is_some_and(|r| r.starts_with("* ")))?;
    let rest = &tagged[tag.len() + 2..];
    let shape = match tag {
        "cmd" => Shape::Command(unquote(rest)?),
        "resp" | "welcome" => Shape::ReplyRepr(unquote(rest)?),
        // Level 2 repeats every line as *put*/*get*; the *cmd*/*resp* lines suffice.
        _ => Shape::Other,
    };
    of(LogFormat::Ftplib, shape)
}

/// The contents of a Python string literal `'…'` or `"…"`.
fn unquote(s: &str) -> Option<&str> {
    let q = s.as_bytes().first().copied().filter(|q| matches!(q, b'\'' | b'"'))?;
    (s.len() >= 2 && s.as_bytes()[s.len() - 1] == q).then(|| &s[1..s.len() - 1])
}

/// An exception name: an upper-case letter, or the `socket` and `ftplib` modules.
pub(super) const EXCEPTION_STARTS: Starts = Starts::NONE.range(b'A', b'Z').bytes(b"sf");

/// The last line of a Python traceback: an exception name (a dotted
/// identifier ending in `Error`, `Exception`, `error…` or `timeout`), a colon
/// and the message: `TimeoutError: timed out`, `socket.timeout: timed out`,
/// `ConnectionRefusedError: [Errno 111] Connection refused`,
/// `ftplib.error_temp: 425 Can't open data connection.`
pub(super) fn exception(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b[0].is_ascii_lowercase() && !line.starts_with("socket.") && !line.starts_with("ftplib.") {
        return None;
    }
    let end = b.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.'))?;
    if b[end] != b':' || !matches!(b.get(end + 1), None | Some(b' ')) {
        return None;
    }
    let name = &line[..end];
    let last = name.rsplit('.').next().unwrap_or(name);
    let exception = last.ends_with("Error") || last.ends_with("Exception") || last.starts_with("error") || last == "timeout";
    exception.then_some(Classified { format: None, shape: Shape::Exception(line), conn: 0, weak: false })
}
