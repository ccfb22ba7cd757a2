//! lftp debug output: `---> PASV`, `<--- 227 …`, `---- note`, `**** error`.
//! tnftp and inetutils write their commands the same way (`---> PASV`) but
//! their replies bare: the survey tells them apart (see `survey.rs`).
use super::{of, Classified, LogFormat, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"-<*");

#[inline]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b.len() < 5 || b[4] != b' ' {
        return None;
    }
    let rest = &line[5..];
    let shape = match [b[0], b[1], b[2], b[3]] {
        [b'-', b'-', b'-', b'>'] => Shape::Command(rest),
        [b'<', b'-', b'-', b'-'] => Shape::Reply(rest),
        [b'-', b'-', b'-', b'-'] => Shape::Note { text: rest, error: false },
        [b'*', b'*', b'*', b'*'] => Shape::Note { text: rest, error: true },
        _ => return None,
    };
    of(LogFormat::Lftp, shape)
}
