//! Line shapes: which program wrote a log line, and whether it is a command,
//! a reply or a note of the client. Works on `&str` slices only — nothing in
//! this file allocates, so unknown lines cost a few byte comparisons.
use super::lines::trim_start;
use super::LogFormat;
use tags::{filezilla, tagged};

mod tags;

/// What a log line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape<'a> {
    /// A command the client sent (`PASV`, `USER alice`).
    Command(&'a str),
    /// One line of a reply (the first, a continuation or the last).
    Reply(&'a str),
    /// Python ftplib: a whole reply as a Python string literal, its lines
    /// separated by `\n` escapes (quotes already removed).
    ReplyRepr(&'a str),
    /// A message of the client itself (status, info, error).
    Note {
        /// The message.
        text: &'a str,
        /// Written as an error (`Error:`, `****`, `curl: (7)`…).
        error: bool,
    },
    /// The last line of a Python traceback (`TimeoutError: timed out`,
    /// `socket.timeout: timed out`): a client message in ftplib output only.
    Exception(&'a str),
    /// Anything else.
    Other,
}

/// A classified line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Classified<'a> {
    /// The program whose shape the line has (`Raw` for bare protocol lines).
    pub format: Option<LogFormat>,
    /// What it carries.
    pub shape: Shape<'a>,
    /// FileZilla log files: the connection (engine) id after the process
    /// id (`2024-05-01 10:00:00 4312 3 Command: PASV`), plus one; 0 when
    /// the line has none.
    pub conn: u32,
    /// Recognised by its content alone (an unknown FileZilla tag followed by
    /// a command or a reply): counts like a bare protocol line when deciding
    /// whether a text is a log at all.
    pub weak: bool,
}

const OTHER: Classified<'static> = Classified { format: None, shape: Shape::Other, conn: 0, weak: false };

fn of(format: LogFormat, shape: Shape<'_>) -> Option<Classified<'_>> {
    Some(Classified { format: Some(format), shape, conn: 0, weak: false })
}

/// FTP command words recognised in a raw control stream (RFC 959, 2228,
/// 2389, 2428, 3659, 7151 and common extensions).
const COMMANDS: &[&str] = &[
    "ABOR", "ACCT", "ALLO", "APPE", "AUTH", "CCC", "CDUP", "CLNT", "CWD", "DELE", "EPRT", "EPSV", "ESTA", "ESTP", "FEAT", "HELP", "HOST",
    "LANG", "LIST", "LPRT", "LPSV", "MDTM", "MFMT", "MKD", "MLSD", "MLST", "MODE", "NLST", "NOOP", "OPTS", "PASS", "PASV", "PBSZ", "PORT",
    "PRET", "PROT", "PWD", "QUIT", "REIN", "REST", "RETR", "RMD", "RNFR", "RNTO", "SITE", "SIZE", "SMNT", "SPSV", "STAT", "STOR", "STOU",
    "STRU", "SYST", "TYPE", "USER", "XCWD", "XMKD", "XPWD", "XRMD",
];

/// The reply code and whether the line opens a multi-line reply (`227-`).
pub(crate) fn reply_head(text: &str) -> Option<(u16, bool)> {
    let b = text.as_bytes();
    if b.len() < 3 || !(b'1'..=b'5').contains(&b[0]) || !b[1].is_ascii_digit() || !b[2].is_ascii_digit() {
        return None;
    }
    let continued = match b.get(3) {
        None | Some(b' ' | b'\t') => false,
        Some(b'-') => true,
        Some(_) => return None,
    };
    Some((b[..3].iter().fold(0, |acc, d| acc * 10 + u16::from(d - b'0')), continued))
}

/// The command word of a command line (`PASV`, `USER`…), any case.
pub(crate) fn command_word(text: &str) -> &str {
    let text = text.trim_start();
    &text[..text.bytes().position(|b| b == b' ' || b == b'\t').unwrap_or(text.len())]
}

/// Whether `text` starts with a known command word. Looks at five bytes at
/// most, and most noise words (`GET`, `Host:`) fail at their first or
/// second byte.
fn starts_with_command(text: &str, any_case: bool) -> bool {
    let b = text.as_bytes();
    match b.first() {
        // Leading (Unicode) white space: `command_word` trims it.
        Some(f) if !f.is_ascii() || f.is_ascii_whitespace() || *f == 0x0b => known_command(command_word(text), any_case),
        Some(_) => {
            let mut key = 0u32;
            for (i, &c) in b.iter().take(5).enumerate() {
                if c == b' ' || c == b'\t' {
                    return is_command_key(key, i);
                }
                // Every command is 3 or 4 letters.
                if i == 4 || !is_letter(c, any_case) || (i == 0 && !is_command_initial(c)) {
                    return false;
                }
                key = key << 8 | u32::from(c.to_ascii_uppercase());
            }
            is_command_key(key, b.len())
        }
        None => false,
    }
}

fn is_letter(c: u8, any_case: bool) -> bool {
    if any_case {
        c.is_ascii_alphabetic()
    } else {
        c.is_ascii_uppercase()
    }
}

/// Whether letter `c` starts a command (most noise words, like `GET`, do not).
fn is_command_initial(c: u8) -> bool {
    COMMAND_INITIALS & 1 << (c.to_ascii_uppercase() - b'A') != 0
}

/// Whether the first `len` letters packed in `key` (upper case, one byte
/// each, the first highest) are a command.
fn is_command_key(key: u32, len: usize) -> bool {
    (3..=4).contains(&len) && COMMAND_KEYS.binary_search(&(key << (8 * (4 - len)))).is_ok()
}

/// Whether `word` is an FTP command word, in any case (`list`, `PASV`).
pub(crate) fn is_command_word(word: &str) -> bool {
    known_command(word, true)
}

fn known_command(word: &str, any_case: bool) -> bool {
    let word = word.as_bytes();
    if !(3..=4).contains(&word.len()) || !word.iter().all(|&c| is_letter(c, any_case)) || !is_command_initial(word[0]) {
        return false;
    }
    is_command_key(word.iter().fold(0, |key, c| key << 8 | u32::from(c.to_ascii_uppercase())), word.len())
}

/// The first letters of `COMMANDS`, one bit each (`A` is bit 0).
const COMMAND_INITIALS: u32 = {
    let mut set = 0;
    let mut i = 0;
    while i < COMMANDS.len() {
        set |= 1 << (COMMANDS[i].as_bytes()[0] - b'A');
        i += 1;
    }
    set
};

/// `COMMANDS` as big-endian integers (padded with zero bytes), in the same order.
const COMMAND_KEYS: [u32; COMMANDS.len()] = {
    let mut keys = [0; COMMANDS.len()];
    let mut i = 0;
    while i < COMMANDS.len() {
        let b = COMMANDS[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            keys[i] |= (b[j] as u32) << (24 - 8 * j);
            j += 1;
        }
        i += 1;
    }
    keys
};

/// Classify one line (without its line ending).
pub(crate) fn classify(line: &str) -> Classified<'_> {
    let Some(&first) = line.as_bytes().first() else { return OTHER };
    // Most noise (`{ [16384 bytes data]`, indented or lower-case text) is
    // ruled out by its first byte. Trimming cannot change that byte, only
    // empty the line.
    let start = START[usize::from(first)];
    if start == Start::None {
        return OTHER;
    }
    let b = line.as_bytes();
    let mut kept = b.len();
    while kept > 0 && matches!(b[kept - 1], b' ' | b'\t' | b'\r') {
        kept -= 1;
    }
    let line = &line[..kept];
    let b = line.as_bytes();
    if b.is_empty() {
        return OTHER;
    }
    // Each first byte goes straight to the only formats whose lines can
    // start with it (in the order they were always tried).
    let classified = match start {
        Start::Marker => marked(line),
        Start::Dash => lftp(line),
        Start::DotBang => winscp(line),
        Start::C if line.starts_with("curl: (") => of(LogFormat::Curl, Shape::Note { text: line, error: true }),
        Start::Bracket => timestamped(line),
        Start::Stamp => timestamped(line).or_else(|| raw(line)).or_else(|| if first.is_ascii_digit() { None } else { exception(line) }),
        Start::Python if line.starts_with("socket.") || line.starts_with("ftplib.") => exception(line),
        // A FileZilla tag in a script other than Latin (`Команда:`, `命令:`).
        Start::RawOnly => raw(line).or_else(|| tagged(line, false)),
        Start::C | Start::Python | Start::None => None,
    };
    classified.unwrap_or(OTHER)
}

/// `*`, `<` or `>` first: curl and WinSCP put a space after the marker,
/// lftp (`<---`, `****`) and ftplib (`*cmd*`) do not.
fn marked(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    match (b[0], b.get(1)) {
        (_, Some(b' ')) => winscp(line).or_else(|| curl(line)),
        (b'*', _) => ftplib(line).or_else(|| lftp(line)),
        (b'<', _) => lftp(line),
        _ => None,
    }
}

/// What a line's first byte allows it to be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Nothing (most noise).
    None,
    /// `*`, `<`, `>`: curl, WinSCP, lftp, ftplib.
    Marker,
    /// `-`: lftp.
    Dash,
    /// `.`, `!`: WinSCP.
    DotBang,
    /// `c`: `curl: (`.
    C,
    /// `s`, `f`: a Python exception of the `socket` or `ftplib` module.
    Python,
    /// `[`: a timestamp.
    Bracket,
    /// A digit or an upper-case letter: a timestamp, a FileZilla tag, or a
    /// bare reply or command.
    Stamp,
    /// Something `command_word` trims (white space other than the space and
    /// tab that rule a command out, any non-ASCII): a bare command.
    RawOnly,
}

const START: [Start; 256] = {
    let mut table = [Start::None; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'*' | b'<' | b'>' => Start::Marker,
            b'-' => Start::Dash,
            b'.' | b'!' => Start::DotBang,
            b'c' => Start::C,
            b's' | b'f' => Start::Python,
            b'[' => Start::Bracket,
            b'0'..=b'9' | b'A'..=b'Z' => Start::Stamp,
            b'\n' | 0x0b | 0x0c | b'\r' | 0x80..=0xff => Start::RawOnly,
            _ => Start::None,
        };
        b += 1;
    }
    table
};

fn raw(line: &str) -> Option<Classified<'_>> {
    if reply_head(line).is_some() {
        return of(LogFormat::Raw, Shape::Reply(line));
    }
    if !line.starts_with([' ', '\t']) && starts_with_command(line, false) {
        return of(LogFormat::Raw, Shape::Command(line));
    }
    None
}

/// Python ftplib debug output: `*cmd* 'PASV'`, `*resp* '227 …'`.
fn ftplib(line: &str) -> Option<Classified<'_>> {
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

/// lftp debug output: `---> PASV`, `<--- 227 …`, `---- note`, `**** error`.
fn lftp(line: &str) -> Option<Classified<'_>> {
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

/// WinSCP session log: a marker, a date and a time, then the text:
/// `> 2024-05-01 10:00:00.123 PASV`.
fn winscp(line: &str) -> Option<Classified<'_>> {
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

/// curl -v: `> PASV`, `< 227 …`, `* Connected to …`.
fn curl(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if b.len() < 3 || b[1] != b' ' {
        return None;
    }
    let text = &line[2..];
    // Only FTP: `> GET / HTTP/1.1` and `< HTTP/1.1 200 OK` are not ours.
    let shape = match b[0] {
        b'>' if starts_with_command(text, true) => Shape::Command(text),
        b'<' if reply_head(text).is_some() || text.starts_with(' ') => Shape::Reply(text),
        b'*' => Shape::Note { text: trim_start(text), error: false },
        _ => return None,
    };
    of(LogFormat::Curl, shape)
}

/// FileZilla (`Status:`, `Command:`, `Response:`…), optionally after a
/// timestamp and ids (`2024-05-01 10:00:00 1234 1 Command: PASV`), and lftp
/// lines after `debug -t`/`-p` prefixes (`2024-05-01 10:00:00 ---> PASV`).
fn timestamped(line: &str) -> Option<Classified<'_>> {
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
        if let Some(c) = lftp(rest) {
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
        c.conn = id.saturating_add(1);
    }
    Some(c)
}

/// The last line of a Python traceback: an exception name (a dotted
/// identifier ending in `Error`, `Exception`, `error…` or `timeout`), a colon
/// and the message: `TimeoutError: timed out`, `socket.timeout: timed out`,
/// `ConnectionRefusedError: [Errno 111] Connection refused`,
/// `ftplib.error_temp: 425 Can't open data connection.`
fn exception(line: &str) -> Option<Classified<'_>> {
    let b = line.as_bytes();
    if !b[0].is_ascii_alphabetic() {
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

#[cfg(test)]
mod tests;
