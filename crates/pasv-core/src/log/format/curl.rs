//! curl -v: `> PASV`, `< 227 …`, `* Connected to …`, `curl: (28) …`, and
//! the same lines glued after the progress meter: curl writes the meter to
//! the same stream (stderr), ending each update with a carriage return and
//! no line feed, so in a captured file the next verbose line follows it on
//! one line (`\r  0     0    0 … --:--:--     0< 425 Can't open …`).
use super::lines::trim_start;
use super::{of, reply_head, starts_with_command, Classified, FailureKind, LogFormat, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"*<>c");

// Always inlined: it runs for most lines of a long curl log, and it has two callers.
#[inline(always)]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b[0] == b'c' {
        let error = Shape::Note { text: line, error: true };
        return if line.starts_with("curl: (") { of(LogFormat::Curl, error) } else { None };
    }
    if b.len() < 3 || b[1] != b' ' {
        return None;
    }
    let text = &line[2..];
    // Only FTP: `> GET / HTTP/1.1` and `< HTTP/1.1 200 OK` are not ours.
    let shape = match b[0] {
        b'>' if starts_with_command(text, true) => Shape::Command(text),
        b'<' if reply_head(text).is_some() || text.starts_with(' ') => Shape::Reply(text),
        // curl's message for a connection that timed out (`Connection
        // time-out`), in words the shared phrases do not hold.
        b'*' if text == "Connection time-out" => Shape::Failure(text, FailureKind::TimedOut),
        b'*' => Shape::Note { text: trim_start(text), error: false },
        _ => return None,
    };
    of(LogFormat::Curl, shape)
}

/// Progress meter updates start with a carriage return; where a text field
/// (a browser's textarea) has turned those into line breaks, they start
/// with the meter's first column: blanks or a percentage.
pub(super) const PROGRESS_STARTS: Starts = Starts::NONE.bytes(b"\r 0123456789");

/// The shortest meter: eight number columns and three times
/// (`  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0`
/// is 79 bytes wide).
const METER_MIN: usize = 60;

/// A verbose line glued after progress meter updates: what follows the last
/// update (`  0     0    0     0    0     0      0      0 --:--:--  0:00:01
/// --:--:--     0`: sizes, percentages, times and a speed).
pub(super) fn after_progress(text: &str) -> Option<Classified<'_>> {
    let meter = match memchr::memrchr(b'\r', text.as_bytes()) {
        Some(last) => &text[last + 1..],
        // No carriage return left: only a whole meter (its width and its
        // times) tells it from other lines that start with a blank or a digit.
        None => text,
    };
    let end = meter.bytes().position(|c| !matches!(c, b'0'..=b'9' | b' ' | b'-' | b':' | b'.' | b'k' | b'M' | b'G' | b'T' | b'P'))?;
    // A meter ends with the speed, a digit or a size suffix.
    if end == 0 || meter.as_bytes()[end - 1] == b' ' {
        return None;
    }
    if meter.len() == text.len() && (end < METER_MIN || memchr::memchr(b':', &meter.as_bytes()[..end]).is_none()) {
        return None;
    }
    let glued = &meter[end..];
    match glued.as_bytes() {
        [b'*' | b'<' | b'>', b' ', ..] => line(glued),
        _ => None,
    }
}
