//! Splitting pasted text into replies and commands: CRLF/LF lines, RFC 959
//! multi-line replies (`227-…` … `227 …`), and the command each reply answers.
use alloc::vec::Vec;

use super::extended::{decode_eprt, decode_epsv};
use super::long::decode_long;
use super::six::decode_six;
use super::split::{Group, Line, Lines};
use super::{Command, Decoded, Kind};
use crate::{ErrorKind, FindingId, Span};

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

/// Decode one line into the still empty `d` with `f`, shifting its spans
/// into input coordinates. Returns false, leaving `d` untouched, when `f`
/// found nothing to decode on this line.
fn on_line(d: &mut Decoded, line: &Line, f: impl Fn(&mut Decoded, &str) -> bool) -> bool {
    if !f(d, line.text) {
        return false;
    }
    d.shift(line.start);
    true
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
    let b = text.as_bytes();
    // `head`'s reply test, without its command parsing.
    let reply = b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b.get(3), None | Some(b' ' | b'-'));
    if reply {
        text.len().min(4)
    } else {
        0
    }
}

/// The reply code: on the final line, or on the first when the multi-line
/// reply never ended (its last line may be shorter than a code).
fn code_span(code: u16, group: &Group) -> Span {
    let last = group.last;
    let line = if ends_reply(last.text, code) { last } else { group.first };
    Span::new(line.start, line.start + 3)
}

fn decode_reply(code: u16, group: &Group) -> Decoded {
    let last = group.last;
    let span = group.first.span().join(last.span());
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
                // The answer to PORT/EPRT/LPRT (and to many other commands:
                // reported only when it answers a passive command or stands alone).
                None if code == 200 => d.lint(FindingId::CommandOkay, None),
                None => d.fail(ErrorKind::NotPassiveReply { code }, code_span(code, group)),
            }
            return d;
        }
    };
    let mut d = Decoded::new(kind, Some(code), span);
    // Clients such as curl, lftp and FileZilla read only the final line.
    let found = on_line(&mut d, &last, f)
        || group.lines().take(group.len - 1).any(|line| {
            let found = on_line(&mut d, &line, f);
            if found {
                d.lint(FindingId::AddressNotOnFinalLine, Some(line.span()));
            }
            found
        });
    if !found {
        let rest = Span::new(last.start + after_code(last.text), last.start + last.text.len());
        d.fail(ErrorKind::NoAddress, if rest.start == rest.end { code_span(code, group) } else { rest });
    }
    if code == 227 {
        lowercase_lint(&mut d, group);
    }
    d
}

/// `Entering passive mode`: clients must not depend on the text, but odd
/// casing is a sign of a hand-written or unusual server.
fn lowercase_lint(d: &mut Decoded, group: &Group) {
    const WORDS: &[u8] = b"passive mode";
    for line in group.lines() {
        // Case-insensitive search without allocating a lowered copy, tried
        // only where a `p` or `P` is.
        let text = line.text.as_bytes();
        let mut from = 0;
        let found = loop {
            match find_p(text, from) {
                Some(i) if i + WORDS.len() > text.len() => break None,
                Some(i) if text[i..i + WORDS.len()].eq_ignore_ascii_case(WORDS) => break Some(i),
                Some(i) => from = i + 1,
                None => break None,
            }
        };
        if let Some(i) = found {
            if &line.text.as_bytes()[i..i + WORDS.len()] != b"Passive Mode" {
                d.lint(FindingId::LowercaseText, Some(Span::new(line.start + i, line.start + i + WORDS.len())));
            }
        }
    }
}

/// The first `p` or `P` at or after `from`, eight bytes at a time (a plain
/// word loop, not memchr2: its searcher would weigh on the page's download).
fn find_p(text: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let rest = text.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Setting bit 5 folds `P` onto `p` (and nothing else onto it); a
        // zero byte of `x` is a `p`. The lowest flagged byte is exact.
        let x = (u64::from_le_bytes(word) | (0x20 * ONES)) ^ (u64::from(b'p') * ONES);
        let zeros = x.wrapping_sub(ONES) & !x & (0x80 * ONES);
        if zeros != 0 {
            return Some(from + n * 8 + (zeros.trailing_zeros() / 8) as usize);
        }
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| b | 0x20 == b'p').map(|i| from + rest.len() - tail.len() + i)
}

fn decode_command(cmd: Command, line: &Line, args: usize) -> Decoded {
    let kind = match cmd {
        Command::Port => Kind::Port,
        Command::Eprt => Kind::Eprt,
        _ => Kind::Lprt,
    };
    let mut d = Decoded::new(kind, None, line.span());
    let found = match cmd {
        Command::Port => on_line(&mut d, line, |d, t| decode_six(d, t, args)),
        Command::Lprt => on_line(&mut d, line, |d, t| decode_long(d, t, args)),
        _ => on_line(&mut d, line, |d, t| {
            decode_eprt(d, t, args);
            true
        }),
    };
    if !found {
        d.fail(ErrorKind::NoAddress, Span::new(line.start + args.min(line.text.len()), line.start + line.text.len()));
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
    decode_iter(input).collect()
}

/// [`decode_all`] as an iterator: decodes one item per call and allocates
/// nothing of its own (a reply's spans and findings are kept inline).
///
/// ```
/// use pasv_core::decode_iter;
/// let ports: Vec<_> = decode_iter("227 =10,0,0,1,4,5\n229 (|||6446|)").map(|d| d.port).collect();
/// assert_eq!(ports, [Some(1029), Some(6446)]);
/// ```
pub fn decode_iter(input: &str) -> DecodeIter<'_> {
    DecodeIter { lines: Lines::new(input), after: None, skipped: None, found_any: false }
}

/// The iterator returned by [`decode_iter`].
#[derive(Debug, Clone)]
pub struct DecodeIter<'a> {
    lines: Lines<'a>,
    /// The passive command on the line before, for the next reply.
    after: Option<Command>,
    /// The first skipped line, reported when nothing else is found.
    skipped: Option<Decoded>,
    found_any: bool,
}

impl Iterator for DecodeIter<'_> {
    type Item = Decoded;

    fn next(&mut self) -> Option<Decoded> {
        if let Some(d) = self.next_item() {
            self.found_any = true;
            return Some(d);
        }
        if self.found_any {
            return None;
        }
        self.found_any = true;
        self.skipped.take()
    }
}

impl<'a> DecodeIter<'a> {
    /// The next reply or data-connection command; remembers the first
    /// skipped line (unknown text, an unrelated reply) on the way.
    #[inline(always)]
    fn next_item(&mut self) -> Option<Decoded> {
        loop {
            let from = self.lines.clone();
            let line = self.lines.next()?;
            let mut group = Group { from, len: 1, first: line, last: line };
            let mut d = match head(line.text) {
                Head::Blank => continue,
                Head::Command(cmd @ (Command::Pasv | Command::Epsv | Command::Lpsv), _) => {
                    self.after = Some(cmd);
                    continue;
                }
                Head::Command(cmd, args) => decode_command(cmd, &line, args),
                Head::OtherCommand => {
                    self.after = None;
                    continue;
                }
                Head::Unknown => {
                    if self.skipped.is_none() {
                        let mut d = Decoded::new(Kind::Other, None, line.span());
                        d.fail(ErrorKind::NotFtp, line.span());
                        self.skipped = Some(d);
                    }
                    continue;
                }
                Head::Reply { code, continued } => {
                    if continued {
                        // RFC 959 §4.2: the reply ends at the line "ddd " with the same code;
                        // an inner line that starts with digits is padded, so it is indented deeper.
                        for next in self.lines.by_ref() {
                            group.len += 1;
                            group.last = next;
                            if ends_reply(next.text, code) && next.indent <= line.indent {
                                break;
                            }
                        }
                    }
                    decode_reply(code, &group)
                }
            };
            // Only this item's lines: scanning from the start would be quadratic.
            if group.len > 1 || line.stray_cr {
                for line in group.lines() {
                    if line.stray_cr && d.span.join(line.span()) == d.span {
                        let end = line.start + line.text.len();
                        d.lint(FindingId::StrayCarriageReturn, Some(Span::new(end, end + 1)));
                    }
                }
            }
            d.after = self.after.take();
            let unrelated = matches!(d.error, Some(e) if matches!(e.kind, ErrorKind::NotPassiveReply { .. })) || d.code == Some(200);
            if unrelated && d.after.is_none() {
                self.skipped.get_or_insert(d);
                continue;
            }
            return Some(d);
        }
    }
}

fn ends_reply(text: &str, code: u16) -> bool {
    match head(text) {
        Head::Reply { code: c, continued: false } => c == code,
        _ => false,
    }
}

pub(super) fn decode_first(input: &str) -> Decoded {
    let mut items = decode_iter(input);
    items.next().unwrap_or_else(|| {
        let whole = Span::new(0, input.len());
        let mut d = Decoded::new(Kind::Other, None, whole);
        // Nothing but a passive command (`PASV` pasted on its own).
        match items.after {
            Some(command) => d.fail(ErrorKind::ReplyMissing { command }, whole),
            None => d.fail(ErrorKind::Empty, whole),
        }
        d
    })
}

#[cfg(test)]
mod tests {
    use crate::{decode, ErrorKind, Span};

    proptest::proptest! {
        // The word-at-a-time search finds what a byte loop finds.
        #[test]
        fn find_p_is_a_byte_search(text in "[pPqQ0\\x10\\x50\\x70\\xd0 é]{0,40}", from in 0usize..45) {
            let bytes = text.as_bytes();
            let naive = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'p' || b == b'P')).map(|i| from + i);
            proptest::prop_assert_eq!(super::find_p(bytes, from), naive, "{:?} from {}", text, from);
        }
    }

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
