//! FileZilla's message log (`Status:`, `Command:`, `Response:`…), optionally
//! after a timestamp and ids (`2024-05-01 10:00:00 1234 1 Command: PASV`),
//! and lftp lines after `debug -t`/`-p` prefixes (`2024-05-01 10:00:00 --->
//! PASV`), which share the timestamp reader. Tags in FileZilla's other
//! interface languages are in `tags.rs`.
use super::{lftp, of, Classified, LogFormat, Shape, Starts};
pub(super) use tags::tagged;

mod tags;

/// A timestamp, a FileZilla tag or a bare reply or command: a digit or an
/// upper-case letter, or `[`.
pub(super) const STAMPED_STARTS: Starts = Starts::NONE.range(b'0', b'9').range(b'A', b'Z').bytes(b"[");

/// A translated tag in a script other than Latin (`Команда:`, `命令:`), and
/// what `command_word` trims (a bare command after odd white space).
pub(super) const TRANSLATED_STARTS: Starts = Starts::NONE.bytes(b"\n\x0b\x0c\r").range(0x80, 0xff);

/// A tag not in a Latin script, alone at the start of the line.
pub(super) fn translated(line: &str) -> Option<Classified<'_>> {
    tagged(line, false)
}

/// A FileZilla line, or an lftp line after timestamps.
#[inline]
pub(super) fn stamped(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    let mut at = 0;
    let mut skipped = 0;
    // All-digit tokens: FileZilla's process and connection ids; the last one
    // is read once the line is known to be FileZilla's.
    let mut numbers = 0;
    let mut last_number = 0..0;
    // Plain index loops: digit-led noise (`2024-05-01 10:00:00,123 INFO …`)
    // passes through here on every line.
    while skipped < 6 && at < b.len() && (b[at].is_ascii_digit() || b[at] == b'[') {
        let start = at;
        let mut all_digits = true;
        while at < b.len() && b[at] != b' ' && b[at] != b'\t' {
            all_digits &= b[at].is_ascii_digit();
            at += 1;
        }
        // A token without a blank after it, or a bare number first
        // (`227 Status: …`, a reply, not a timestamp).
        if at == b.len() || (skipped == 0 && all_digits) {
            return None;
        }
        if all_digits {
            numbers += 1;
            last_number = start..at;
        }
        while matches!(b.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        skipped += 1;
    }
    let rest = &line[at..];
    if skipped > 0 {
        if let Some(c) = lftp::line(rest) {
            return Some(c);
        }
    }
    // FileZilla's translated tags come alone, after its log file's process
    // and connection ids, or after a tab (timestamps in the message log);
    // not after any timestamp (`… 10:00:00,123 INFO …` is common noise).
    let translated = skipped == 0 || numbers >= 2 || b[at - 1] == b'\t';
    let mut c = filezilla(rest, skipped > 0, translated)?;
    if numbers >= 2 {
        let id = b[last_number].iter().fold(0u32, |n, d| n.saturating_mul(10).saturating_add(u32::from(d - b'0')));
        // Below `KEYED`: a connection the log names.
        c.conn = id.saturating_add(1).min(super::KEYED - 1);
    }
    Some(c)
}

/// A FileZilla line; `stamped`: after a timestamp; `translated`: where a
/// translated tag may be.
fn filezilla(line: &str, stamped: bool, translated: bool) -> Option<Classified<'_>> {
    // The tag is one of a few words, each followed by `:`; debug traces
    // (`Trace`, `Debug`) repeat internals, not protocol lines.
    const TAGS: [(&str, Option<Tag>); 7] = [
        ("Command", Some(Tag::Command)),
        ("Response", Some(Tag::Response)),
        ("Status", Some(Tag::Status)),
        ("Listing", Some(Tag::Status)),
        ("Error", Some(Tag::Error)),
        ("Trace", None),
        ("Debug", None),
    ];
    let english = match line.as_bytes().first() {
        Some(b'C' | b'R' | b'S' | b'L' | b'E' | b'T' | b'D') => {
            TAGS.into_iter().find(|(t, _)| line.strip_prefix(t).is_some_and(|r| r.starts_with(':')))
        }
        _ => None,
    };
    let Some((tag, role)) = english else {
        return if translated { tagged(line, stamped) } else { None };
    };
    let text = line[tag.len() + 1..].trim_start_matches([' ', '\t']);
    of(LogFormat::Filezilla, role.map_or(Shape::Other, |r| r.shape(text)))
}

/// What a FileZilla tag says a line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Command,
    Response,
    Status,
    Error,
}

impl Tag {
    fn shape(self, text: &str) -> Shape<'_> {
        match self {
            Tag::Command => Shape::Command(text),
            Tag::Response => Shape::Reply(text),
            Tag::Status => Shape::Note { text, error: false },
            Tag::Error => Shape::Note { text, error: true },
        }
    }
}
