//! WinSCP session log: a marker, a date and a time, then the text:
//! `> 2024-05-01 10:00:00.123 PASV`.
use super::{of, Classified, LogFormat, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"><.!*");

#[inline]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b.get(1) != Some(&b' ') || b.get(12) != Some(&b' ') {
        return None;
    }
    let dated = b[2..12].iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !dated {
        return None;
    }
    let rest = &line[13..];
    let text = rest.find(' ').map_or("", |i| &rest[i + 1..]);
    let shape = match b[0] {
        b'>' => Shape::Command(text),
        b'<' => Shape::Reply(text),
        b'.' | b'!' => Shape::Note { text, error: false },
        b'*' => Shape::Note { text, error: true },
        _ => return None,
    };
    of(LogFormat::Winscp, shape)
}
