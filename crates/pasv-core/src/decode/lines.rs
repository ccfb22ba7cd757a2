//! Splitting pasted text into replies and commands: CRLF/LF lines, RFC 959
//! multi-line replies (`227-…` … `227 …`), and the command each reply answers.
use alloc::vec::Vec;

use super::extended::{decode_eprt, decode_epsv};
use super::long::decode_long;
use super::six::decode_six;
use super::{Command, Decoded, Kind};
use crate::{ErrorKind, FindingId, Span};

/// One line of input, without its line ending.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    /// A carriage return not followed by a line feed was removed.
    stray_cr: bool,
    /// Leading blanks removed (inner lines of a multi-line reply are padded).
    indent: usize,
}

impl Line<'_> {
    fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

fn lines(input: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    input.split('\n').map(move |piece| {
        let line_start = start;
        start += piece.len() + 1;
        let had_lf = line_start + piece.len() < input.len();
        let mut text = if had_lf { piece.strip_suffix('\r').unwrap_or(piece) } else { piece };
        let stray_cr = text.ends_with('\r');
        text = text.trim_end_matches('\r');
        // Leading blanks from indented pastes are not part of the reply.
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        Line { text: trimmed, start: line_start + indent, stray_cr, indent }
    })
}

/// What a line starts with.
enum Head {
    Blank,
    /// `ddd ` or `ddd` (final line) / `ddd-` (first line of a multi-line reply).
    Reply {
        code: u16,
        continued: bool,
    },
    /// A data-connection command, with the offset of its arguments.
    Command(Command, usize),
    /// Another FTP command (`USER`, `LIST`…): irrelevant here.
    OtherCommand,
    Unknown,
}

fn head(text: &str) -> Head {
    let b = text.as_bytes();
    if text.is_empty() {
        return Head::Blank;
    }
    if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b.get(3), None | Some(b' ' | b'-')) {
        let code = b[..3].iter().fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
        return Head::Reply { code, continued: b.get(3) == Some(&b'-') };
    }
    let word_end = b.iter().position(|&c| c == b' ').unwrap_or(b.len());
    let args = b[word_end..].iter().position(|&c| c != b' ').map_or(b.len(), |i| word_end + i);
    match Command::parse(&text[..word_end]) {
        Some(cmd) => Head::Command(cmd, args),
        None if (3..=4).contains(&word_end) && b[..word_end].iter().all(u8::is_ascii_alphabetic) => Head::OtherCommand,
        None => Head::Unknown,
    }
}

/// Decode one line with `f`, shifting its spans into input coordinates.
/// Returns None when `f` found nothing to decode on this line.
fn on_line(kind: Kind, code: Option<u16>, line: &Line, f: impl Fn(&mut Decoded, &str) -> bool) -> Option<Decoded> {
    let mut d = Decoded::new(kind, code, line.span());
    if !f(&mut d, line.text) {
        return None;
    }
    d.shift(line.start);
    Some(d)
}

/// Reply codes that answer PASV/EPSV/LPSV without an address, and what they mean.
fn refusal(code: u16) -> Option<FindingId> {
    Some(match code {
        421 => FindingId::ServiceClosing,
        425 => FindingId::CannotOpenDataConnection,
        500 | 502 => FindingId::EpsvNotSupported,
        501 => FindingId::SyntaxErrorInArguments,
        522 => FindingId::NetworkProtocolNotSupported,
        530 => FindingId::NotLoggedIn,
        _ => return None,
    })
}

/// Where a reply line's text starts: after `ddd ` / `ddd-`, or at the start
/// of a line inside a multi-line reply that does not begin with a code.
fn after_code(text: &str) -> usize {
    match head(text) {
        Head::Reply { .. } => text.len().min(4),
        _ => 0,
    }
}

/// The reply code: on the final line, or on the first when the multi-line
/// reply never ended (its last line may be shorter than a code).
fn code_span(code: u16, group: &[Line]) -> Span {
    let last = group[group.len() - 1];
    let line = if ends_reply(last.text, code) { last } else { group[0] };
    Span::new(line.start, line.start + 3)
}

fn decode_reply(code: u16, group: &[Line]) -> Decoded {
    let last = group[group.len() - 1];
    let span = group[0].span().join(last.span());
    let (kind, f): (Kind, fn(&mut Decoded, &str) -> bool) = match code {
        227 => (Kind::Pasv, |d, t| decode_six(d, t, after_code(t))),
        228 => (Kind::Lpsv, |d, t| decode_long(d, t, after_code(t))),
        229 => (Kind::Epsv, |d, t| decode_epsv(d, t, after_code(t))),
        _ => {
            let mut d = Decoded::new(Kind::Other, Some(code), span);
            match refusal(code) {
                // 522 lists the supported families, e.g. "(1,2)".
                Some(id) => {
                    let list = last.text.find('(').map(|i| Span::new(last.start + i, last.start + last.text.len()));
                    d.lint(id, if code == 522 { list } else { None });
                }
                None => d.fail(ErrorKind::NotPassiveReply { code }, code_span(code, group)),
            }
            return d;
        }
    };
    // Clients such as curl, lftp and FileZilla read only the final line.
    let found = on_line(kind, Some(code), &last, f).or_else(|| {
        group[..group.len() - 1].iter().find_map(|line| {
            let mut d = on_line(kind, Some(code), line, f)?;
            d.lint(FindingId::AddressNotOnFinalLine, Some(line.span()));
            Some(d)
        })
    });
    let mut d = found.unwrap_or_else(|| {
        let mut d = Decoded::new(kind, Some(code), span);
        let rest = Span::new(last.start + after_code(last.text), last.start + last.text.len());
        d.fail(ErrorKind::NoAddress, if rest.start == rest.end { code_span(code, group) } else { rest });
        d
    });
    d.span = span;
    if code == 227 {
        lowercase_lint(&mut d, group);
    }
    d
}

/// `Entering passive mode`: clients must not depend on the text, but odd
/// casing is a sign of a hand-written or unusual server.
fn lowercase_lint(d: &mut Decoded, group: &[Line]) {
    const WORDS: &[u8] = b"passive mode";
    for line in group {
        // Case-insensitive search without allocating a lowered copy.
        let found = line.text.as_bytes().windows(WORDS.len()).position(|w| w.eq_ignore_ascii_case(WORDS));
        if let Some(i) = found {
            if &line.text.as_bytes()[i..i + WORDS.len()] != b"Passive Mode" {
                d.lint(FindingId::LowercaseText, Some(Span::new(line.start + i, line.start + i + WORDS.len())));
            }
        }
    }
}

fn decode_command(cmd: Command, line: &Line, args: usize) -> Decoded {
    let kind = match cmd {
        Command::Port => Kind::Port,
        Command::Eprt => Kind::Eprt,
        _ => Kind::Lprt,
    };
    let mut d = Decoded::new(kind, None, line.span());
    let found = match cmd {
        Command::Port => on_line(kind, None, line, |d, t| decode_six(d, t, args)),
        Command::Lprt => on_line(kind, None, line, |d, t| decode_long(d, t, args)),
        _ => on_line(kind, None, line, |d, t| {
            decode_eprt(d, t, args);
            true
        }),
    };
    match found {
        Some(found) => d = found,
        None => d.fail(ErrorKind::NoAddress, Span::new(line.start + args.min(line.text.len()), line.start + line.text.len())),
    }
    d
}

/// Decode every reply and data-connection command in `input`.
///
/// Passive commands (`PASV`, `EPSV`, `LPSV`) are not results themselves; they
/// set [`Decoded::after`] on the reply that follows. Other FTP commands,
/// unrelated replies (`220`, `150`…) and unknown lines are skipped — unless
/// nothing else was found, so a single bad line still gets its error.
///
/// ```
/// use pasv_core::{decode_all, Command, Kind};
/// let all = decode_all("EPSV\r\n500 Unknown command\r\nPASV\r\n227 =10,0,0,1,4,5\r\n");
/// assert_eq!(all.len(), 2);
/// assert_eq!((all[0].kind, all[0].after), (Kind::Other, Some(Command::Epsv)));
/// assert_eq!((all[1].port, all[1].after), (Some(1029), Some(Command::Pasv)));
/// ```
pub fn decode_all(input: &str) -> Vec<Decoded> {
    let all: Vec<Line> = lines(input).collect();
    let mut out = Vec::new();
    let mut skipped: Option<Decoded> = None;
    let mut after = None;
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        let item_first = i;
        i += 1;
        let mut d = match head(line.text) {
            Head::Blank => continue,
            Head::Command(cmd @ (Command::Pasv | Command::Epsv | Command::Lpsv), _) => {
                after = Some(cmd);
                continue;
            }
            Head::Command(cmd, args) => decode_command(cmd, &line, args),
            Head::OtherCommand => {
                after = None;
                continue;
            }
            Head::Unknown => {
                let mut d = Decoded::new(Kind::Other, None, line.span());
                d.fail(ErrorKind::NotFtp, line.span());
                skipped.get_or_insert(d);
                continue;
            }
            Head::Reply { code, continued } => {
                let first = i - 1;
                if continued {
                    // RFC 959 §4.2: the reply ends at the line "ddd " with the same code;
                    // an inner line that starts with digits is padded, so it is indented deeper.
                    while i < all.len() && !(ends_reply(all[i].text, code) && all[i].indent <= line.indent) {
                        i += 1;
                    }
                    i = (i + 1).min(all.len());
                }
                decode_reply(code, &all[first..i])
            }
        };
        // Only this item's lines: scanning from the start would be quadratic.
        for line in &all[item_first..i] {
            if line.stray_cr && d.span.join(line.span()) == d.span {
                d.lint(FindingId::StrayCarriageReturn, Some(Span::new(line.start + line.text.len(), line.start + line.text.len() + 1)));
            }
        }
        let unrelated = matches!(d.error, Some(e) if matches!(e.kind, ErrorKind::NotPassiveReply { .. }));
        d.after = after.take();
        if unrelated && d.after.is_none() {
            skipped.get_or_insert(d);
            continue;
        }
        out.push(d);
    }
    if out.is_empty() {
        out.extend(skipped);
    }
    out
}

fn ends_reply(text: &str, code: u16) -> bool {
    match head(text) {
        Head::Reply { code: c, continued: false } => c == code,
        _ => false,
    }
}

pub(super) fn decode_first(input: &str) -> Decoded {
    decode_all(input).into_iter().next().unwrap_or_else(|| {
        let mut d = Decoded::new(Kind::Other, None, Span::new(0, input.len()));
        d.fail(ErrorKind::Empty, Span::new(0, input.len()));
        d
    })
}

#[cfg(test)]
mod tests {
    use crate::{decode, ErrorKind, Span};

    // Found by fuzz/decode_all: an unterminated multi-line reply whose last
    // line is shorter than a reply code gave an error span past the input.
    #[test]
    fn unterminated_multi_line_reply_spans_stay_in_bounds() {
        let e = decode("127-listen socket created\r\n22").error.unwrap();
        assert_eq!((e.kind, e.span), (ErrorKind::NotPassiveReply { code: 127 }, Span::new(0, 3)));
        let e = decode("227-listen socket created\r\nx").error.unwrap();
        assert_eq!((e.kind, e.span), (ErrorKind::NoAddress, Span::new(27, 28)));
        let input = "227-Entering\n22\u{e9}7 OK";
        let e = decode(input).error.unwrap();
        assert_eq!((e.kind, e.span), (ErrorKind::NoAddress, Span::new(13, 21)));
        let e = decode("227-a\r\n227").error.unwrap();
        assert_eq!((e.kind, e.span), (ErrorKind::NoAddress, Span::new(7, 10)));
    }

    // Found by fuzz/decode_all: lines inside a multi-line reply that do not
    // start with the code were scanned from byte 4, possibly inside a character.
    #[test]
    fn inner_lines_are_scanned_from_their_start() {
        let input = "227-listen\r\n7 (\u{e9}\u{e9}0,1,2,3,4,5)";
        let e = decode(input).error.unwrap();
        assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end), "{e:?}");
        let d = decode("227-Welcome\r\n10,0,0,1,4,5 is where\r\n227 OK");
        assert_eq!((d.ip, d.port), (Some([10, 0, 0, 1].into()), Some(1029)));
    }
}
