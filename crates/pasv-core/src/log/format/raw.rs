//! A bare control stream: replies (`227 …`) and commands (`PASV`) with no
//! mark of any program. wget, tnftp and inetutils print their replies this
//! way too; the scan reads these lines only in such logs.
use super::{of, reply_head, starts_with_command, Classified, LogFormat, Shape, Starts};

/// A reply code or a command word, or what `command_word` trims before one.
pub(super) const STARTS: Starts = Starts::NONE.range(b'0', b'9').range(b'A', b'Z').bytes(b"\n\x0b\x0c\r").range(0x80, 0xff);

#[inline]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    if reply_head(line).is_some() {
        return of(LogFormat::Raw, Shape::Reply(line));
    }
    if !line.starts_with([' ', '\t']) && starts_with_command(line, false) {
        return of(LogFormat::Raw, Shape::Command(line));
    }
    None
}
