//! Masking credentials so a log can be shared: `USER`, `PASS` and `ACCT`
//! arguments in every format (ftplib's quoted `*cmd*`/`*put*` lines and
//! FileZilla's translated tags too), `-u`/`--user` options and passwords in
//! URLs — and every other occurrence of the user names and passwords found
//! there.
//!
//! Secrets shorter than [`MIN_SECRET`] characters are masked only where
//! they stand as credentials: the arguments above, a whole quoted string
//! (`login('jo', 'pw')`), a name before `@` (`jo@ftp.example.com`), and
//! words of the server's login replies (230, 331, 332, 430, 530: `331
//! Password required for jo`). Masking every `jo` or `x` elsewhere would
//! mangle the log (`x` in `TYPE x`, `jo` in a file name); a name that short
//! identifies little on its own.
use alloc::string::String;
use alloc::vec::Vec;

use super::format::{classify, command_word, credential, is_command_word, reply_head, Shape};
use super::lines;
use super::survey::{password, user_name};
use options::{add_pair, option_arg, userinfo_end};

mod options;

/// What replaces a secret.
pub(crate) const MASK: &str = "****";

/// Secrets shorter than this are masked only in credential-bearing places
/// (see the module documentation).
const MIN_SECRET: usize = 3;

/// Reply codes of the login sequence, whose text may name the user
/// (RFC 959 §5.4: USER → 230, 331, 332, 530; 430 is common for a rejected login).
const LOGIN_REPLIES: [u16; 5] = [230, 331, 332, 430, 530];

/// User names and passwords found in a log, to mask wherever they appear.
#[derive(Default)]
pub(crate) struct Secrets<'a> {
    /// User names (not `anonymous`/`ftp`, not already masked).
    pub names: Vec<&'a str>,
    /// Passwords and account strings (not already masked).
    pub passwords: Vec<&'a str>,
}

impl<'a> Secrets<'a> {
    /// Add a user name (unless public, masked or known).
    pub fn add_name(&mut self, name: &'a str) {
        if let Some(name) = user_name_value(name) {
            if !self.names.contains(&name) {
                self.names.push(name);
            }
        }
    }

    /// Add a password (unless empty, masked or known). The conventional
    /// passwords of anonymous logins (`guest`, `ftp`, `anonymous`, a name
    /// ending in `@`; RFC 1635, "What is Anonymous FTP?") and FTP command
    /// words are masked where they are arguments, not everywhere: masking
    /// every `ftp` or `LIST` would mangle the log and hide nothing.
    pub fn add_password(&mut self, secret: &'a str) {
        let public = ["anonymous", "ftp", "guest"].iter().any(|p| p.eq_ignore_ascii_case(secret)) || secret.ends_with('@');
        if !is_masked(secret) && !public && !is_command_word(secret) && !self.passwords.contains(&secret) {
            self.passwords.push(secret);
        }
    }

    fn all(&self) -> impl Iterator<Item = &&'a str> {
        self.names.iter().chain(self.passwords.iter())
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty() && self.passwords.is_empty()
    }
}

/// A user name worth masking: not `anonymous` or `ftp`, not masked already.
fn user_name_value(name: &str) -> Option<&str> {
    let public = ["anonymous", "ftp"].iter().any(|n| n.eq_ignore_ascii_case(name));
    (!public && !is_masked(name)).then_some(name)
}

/// Empty, or already masked by us or by the client (`********`, lftp's `XXXX`).
fn is_masked(secret: &str) -> bool {
    secret.is_empty() || secret.bytes().all(|b| b == b'*') || secret == "XXXX"
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Byte offset of `inner` (a subslice) within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize).min(outer.len())
}

/// Which credential a command carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    Secret,
}

/// The byte range of the argument of a `USER`, `PASS` or `ACCT` command in
/// `command` (a subslice of `line`, or `line` itself), any case.
fn command_credential(line: &str, command: &str) -> Option<(usize, usize, Kind)> {
    let command = command.trim_start();
    let word = command_word(command);
    let kind = if word.eq_ignore_ascii_case("USER") {
        Kind::User
    } else if word.eq_ignore_ascii_case("PASS") || word.eq_ignore_ascii_case("ACCT") {
        Kind::Secret
    } else {
        return None;
    };
    let rest = &command[word.len()..];
    let arg = rest.trim_start_matches([' ', '\t']).trim_end_matches([' ', '\t', '\r']);
    if arg.is_empty() || !rest.starts_with([' ', '\t']) {
        return None;
    }
    if kind == Kind::User && user_name_value(arg).is_none() {
        return None; // anonymous, ftp, already masked
    }
    let start = offset_in(line, arg);
    Some((start, start + arg.len(), kind))
}

/// Python ftplib's `*cmd* 'PASS x'` and `*put* 'PASS x\r\n'` (debug levels
/// 1 and 2) and `*get* '331 …\r\n'`/`*resp* '331 …'`: the text inside the
/// quotes, without the `\r\n` escapes, and whether it is a command.
fn ftplib_line(line: &str) -> Option<(&str, bool)> {
    let (rest, command) = [("*cmd* ", true), ("*put* ", true), ("*get* ", false), ("*resp* ", false)]
        .into_iter()
        .find_map(|(tag, command)| line.strip_prefix(tag).map(|rest| (rest, command)))?;
    let quote = rest.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
    let inner = rest[1..].strip_suffix(quote).unwrap_or(&rest[1..]);
    let inner = inner.strip_suffix("\\r\\n").or_else(|| inner.strip_suffix("\\n")).unwrap_or(inner);
    Some((inner, command))
}

/// `USER`, `PASS` or `ACCT` in the middle of a line that is not a reply
/// (`Trace: CFtpControlSocket::SendNextCommand() PASS x`, another client's
/// debug print), upper case, after a blank or a quote: the rest of the line,
/// closing quotes left out.
fn mid_line(line: &str) -> Option<(usize, usize, Kind)> {
    let b = line.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr3(b'U', b'P', b'A', &b[from..]).map(|i| from + i) {
        from = at + 1;
        if at == 0 || !matches!(b[at - 1], b' ' | b'\t' | b'\'' | b'"') {
            continue;
        }
        let kind = match b.get(at..at + 5) {
            Some(b"USER ") => Kind::User,
            Some(b"PASS " | b"ACCT ") => Kind::Secret,
            _ => continue,
        };
        let arg = line[at + 5..].trim_start_matches([' ', '\t']);
        let arg = arg.trim_end_matches([' ', '\t', '\r', '\'', '"']);
        let arg = arg.strip_suffix("\\r\\n").unwrap_or(arg);
        if arg.is_empty() || (kind == Kind::User && user_name_value(arg).is_none()) {
            continue;
        }
        let start = offset_in(line, arg);
        return Some((start, start + arg.len(), kind));
    }
    None
}

/// What a line carries: the byte range of a credential (in any log
/// format) and what it is; whether it is a reply of the login sequence.
fn inspect(line: &str) -> (Option<(usize, usize, Kind)>, bool) {
    let (command, reply) = match classify(line).shape {
        Shape::Command(c) => (Some(c), None),
        Shape::Reply(t) | Shape::ReplyRepr(t) => (None, Some(t)),
        _ => match ftplib_line(line) {
            Some((inner, true)) => (Some(inner), None),
            Some((inner, false)) => (None, Some(inner)),
            None => (Some(line), None),
        },
    };
    if let Some(reply) = reply {
        return (None, reply_head(reply).is_some_and(|(code, _)| LOGIN_REPLIES.contains(&code)));
    }
    let command = command.unwrap_or(line);
    let found = command_credential(line, command).or_else(|| {
        // Cheap test first: most lines hold none of the three words.
        let b = line.as_bytes();
        (memchr::memmem::find(b, b"USER ").is_some()
            || memchr::memmem::find(b, b"PASS ").is_some()
            || memchr::memmem::find(b, b"ACCT ").is_some())
        .then(|| mid_line(line))
        .flatten()
    });
    let found = found.or_else(|| credential(line).map(|(start, end)| (start, end, Kind::Secret)));
    (found, false)
}

/// The secrets to mask in a text, with the bytes a masked span can start with.
struct Masker<'s, 'a> {
    secrets: &'s Secrets<'a>,
    /// First bytes of secrets, quotes, `:` (URLs), `-` (options).
    starts: [bool; 256],
}

impl<'s, 'a> Masker<'s, 'a> {
    fn new(secrets: &'s Secrets<'a>) -> Self {
        let mut starts = [false; 256];
        for c in [b'\'', b'"', b':', b'-'] {
            starts[usize::from(c)] = true;
        }
        for s in secrets.all() {
            starts[usize::from(s.as_bytes()[0])] = true;
        }
        Masker { secrets, starts }
    }

    /// The secret `b[at..]` starts with, standing on its own (no word
    /// character glued to either end), and where it ends. Short secrets
    /// only when `short` (a credential-bearing line).
    fn secret_at(&self, b: &[u8], at: usize, short: bool) -> Option<usize> {
        let glued_before = at > 0 && is_word(b[at - 1]);
        self.secrets.all().filter(|s| short || s.len() >= MIN_SECRET).find_map(|s| {
            let s = s.as_bytes();
            let end = at + s.len();
            let fits = b[at..].starts_with(s)
                && !(glued_before && is_word(s[0]))
                && !(b.get(end).is_some_and(|c| is_word(*c)) && is_word(s[s.len() - 1]));
            fits.then_some(end)
        })
    }

    /// A secret in a credential-bearing place at `at`, whatever its length:
    /// a whole quoted string (`'jo'`), or a name before `@` (`jo@host`).
    fn credential_at(&self, b: &[u8], at: usize) -> Option<(usize, usize)> {
        if matches!(b[at], b'\'' | b'"') {
            let quote = b[at];
            let inner = &b[at + 1..];
            let found = self.secrets.all().find(|s| inner.starts_with(s.as_bytes()) && inner.get(s.len()) == Some(&quote));
            return found.map(|s| (at + 1, at + 1 + s.len()));
        }
        if at > 0 && is_word(b[at - 1]) {
            return None;
        }
        let found = self.secrets.names.iter().find(|n| b[at..].starts_with(n.as_bytes()) && b.get(at + n.len()) == Some(&b'@'));
        found.map(|n| (at, at + n.len()))
    }

    /// Append `line` to `out` with URL user information, option arguments
    /// and the secrets masked (short ones too when `short`).
    fn mask_line(&self, out: &mut String, line: &str, short: bool) {
        let b = line.as_bytes();
        let (mut i, mut copied) = (0, 0);
        while i < b.len() {
            if !self.starts[usize::from(b[i])] {
                i += 1;
                continue;
            }
            let found = if b[i..].starts_with(b"://") {
                userinfo_end(b, i + 3).map(|end| (i + 3, end))
            } else if b[i] == b'-' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
                option_arg(line, i)
            } else {
                None
            };
            let found = found.or_else(|| self.secret_at(b, i, short).map(|end| (i, end))).or_else(|| self.credential_at(b, i));
            match found {
                Some((start, end)) => {
                    out.push_str(&line[copied..start]);
                    out.push_str(MASK);
                    copied = end;
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out.push_str(&line[copied..]);
    }
}

/// `text` with `secrets` masked (not the short ones), or `None` when nothing
/// changed. For the texts an analysis shows.
pub(crate) fn mask_secrets(text: &str, secrets: &Secrets) -> Option<String> {
    if secrets.all().all(|s| s.len() < MIN_SECRET || !text.contains(*s)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    Masker::new(secrets).mask_line(&mut out, text, false);
    Some(out)
}

/// Every credential in `text`: `USER`, `PASS` and `ACCT` arguments, option
/// arguments, URL user information.
fn collect(text: &str) -> Secrets<'_> {
    let mut secrets = Secrets::default();
    for (_, line) in lines(text) {
        if let (Some((start, end, kind)), _) = inspect(line) {
            match kind {
                Kind::User => secrets.add_name(&line[start..end]),
                Kind::Secret => secrets.add_password(&line[start..end]),
            }
        }
        let b = line.as_bytes();
        let mut from = 0;
        while let Some(at) = memchr::memchr2(b'-', b':', &b[from..]).map(|i| from + i) {
            from = at + 1;
            let pair = if b[at] == b':' {
                if b[at..].starts_with(b"://") {
                    userinfo_end(b, at + 3).map(|end| (at + 3, end))
                } else {
                    None
                }
            } else if at == 0 || b[at - 1].is_ascii_whitespace() {
                option_arg(line, at)
            } else {
                None
            };
            if let Some((start, end)) = pair {
                add_pair(&mut secrets, &line[start..end]);
                from = end;
            }
        }
    }
    secrets
}

/// A copy of `text` safe to share: every `USER` name and `PASS`/`ACCT`
/// argument is replaced by `****` — in every log format, Python ftplib's
/// `*cmd*`/`*put*` lines and FileZilla's translated tags included — and so
/// is every other occurrence of those names and passwords, passwords in
/// `ftp://user:password@` URLs and `-u`/`--user` arguments. Secrets shorter
/// than 3 characters are masked only where they stand as credentials
/// (arguments, quoted strings, `name@`, login replies such as `331
/// Password required for jo`). Line endings are kept.
///
/// ```
/// use pasv_core::log::redact;
/// let log = "> USER alice\r\n< 331 Password required for alice\r\n> PASS hunter2\r\n";
/// assert_eq!(redact(log), "> USER ****\r\n< 331 Password required for ****\r\n> PASS ****\r\n");
/// ```
pub fn redact(text: &str) -> String {
    let secrets = collect(text);
    let masker = Masker::new(&secrets);
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive('\n') {
        let body = piece.strip_suffix('\n').map_or(piece, |b| b.strip_suffix('\r').unwrap_or(b));
        let ending = &piece[body.len()..];
        let (credential, login_reply) = inspect(body);
        let short = login_reply && !secrets.is_empty();
        match credential {
            Some((start, end, _)) => {
                masker.mask_line(&mut out, &body[..start], short);
                out.push_str(MASK);
                // ftplib's closing quote, trailing blanks.
                masker.mask_line(&mut out, &body[end..], short);
            }
            None => masker.mask_line(&mut out, body, short),
        }
        out.push_str(ending);
    }
    out
}

/// The secrets a `USER`/`PASS`/`ACCT` command carries, for the scan's
/// survey (the analysis masks them in what it shows).
pub(crate) fn add_command<'a>(secrets: &mut Secrets<'a>, command: &'a str) {
    if let Some(name) = user_name(command) {
        secrets.add_name(name);
    } else if let Some(secret) = password(command) {
        secrets.add_password(secret);
    }
}

#[cfg(test)]
mod tests;
