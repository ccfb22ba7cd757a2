//! Masking credentials so a log can be shared: `PASS`/`ACCT` arguments,
//! `USER` names (wherever else they appear too), passwords in URLs and in
//! `-u user:password` options.
use alloc::string::String;

use super::shape::{classify, command_word, Shape};
use super::survey::{survey, user_name};

/// What replaces a secret.
pub(crate) const MASK: &str = "****";

/// Names shorter than this are masked only in `USER` lines: masking `a` or
/// `jo` wherever it appears as a word would mangle the log.
const MIN_NAME: usize = 3;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Byte offset of `inner` (a subslice) within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize).min(outer.len())
}

/// The byte range of the secret in a `USER`, `PASS` or `ACCT` command line,
/// in any log format (raw lines in any case: `pass secret`).
fn credential(line: &str) -> Option<(usize, usize)> {
    let command = match classify(line).shape {
        Shape::Command(c) => c,
        _ => line.trim_start(),
    };
    let word = command_word(command);
    if !["USER", "PASS", "ACCT"].iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return None;
    }
    if word.eq_ignore_ascii_case("USER") && user_name(command).is_none() {
        return None; // anonymous, ftp, or already masked
    }
    let rest = &command[word.len()..];
    let arg = rest.trim_start_matches([' ', '\t']).trim_end_matches([' ', '\t', '\r']);
    if arg.is_empty() || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let start = offset_in(line, arg);
    Some((start, start + arg.len()))
}

/// End of URL user information starting at `at` (`user:pass@`), exclusive of `@`.
fn userinfo_end(b: &[u8], at: usize) -> Option<usize> {
    let len = b[at..].iter().position(|c| matches!(c, b'/' | b' ' | b'\t' | b'@' | b'"' | b'\''))?;
    (len > 0 && b[at + len] == b'@').then_some(at + len)
}

/// The argument of `-u`, `--user` or `--user=` starting at `at`.
fn option_arg(line: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &line[at..];
    let after = ["--user=", "--user ", "-u "].iter().find_map(|o| rest.starts_with(o).then_some(at + o.len()))?;
    let b = line.as_bytes();
    let end = b[after..].iter().position(|c| c.is_ascii_whitespace()).map_or(b.len(), |i| after + i);
    (end > after).then_some((after, end))
}

/// A user name at `at`, as a whole word.
fn name_at(b: &[u8], at: usize, names: &[&str]) -> Option<usize> {
    names.iter().filter(|n| n.len() >= MIN_NAME).find_map(|n| {
        let end = at + n.len();
        let whole = b[at..].starts_with(n.as_bytes()) && b.get(end).is_none_or(|c| !is_word(*c));
        whole.then_some(end)
    })
}

/// Append `line` to `out` with URL passwords, `-u` arguments and user names masked.
fn mask_line(out: &mut String, line: &str, names: &[&str]) {
    let b = line.as_bytes();
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        let word_start = i == 0 || !is_word(b[i - 1]);
        let secret = if b[i..].starts_with(b"://") {
            userinfo_end(b, i + 3).map(|end| (i + 3, end))
        } else if word_start && b[i] == b'-' {
            option_arg(line, i)
        } else if word_start && is_word(b[i]) {
            name_at(b, i, names).map(|end| (i, end))
        } else {
            None
        };
        match secret {
            Some((start, end)) => {
                out.push_str(&line[copied..start]);
                out.push_str(MASK);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&line[copied..]);
}

/// `text` with user names masked, or `None` when nothing changed.
pub(crate) fn mask_names(text: &str, names: &[&str]) -> Option<String> {
    if names.iter().all(|n| n.len() < MIN_NAME || !text.contains(n)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    mask_line(&mut out, text, names);
    Some(out)
}

/// A copy of `text` safe to share: every `PASS` and `ACCT` argument and
/// `USER` name is replaced by `****`, and so is every other occurrence of
/// those user names (as whole words), passwords in `ftp://user:password@`
/// URLs, and `-u`/`--user` arguments. Line endings are kept.
///
/// ```
/// use pasv_core::log::redact;
/// let log = "> USER alice\r\n< 331 Password required for alice\r\n> PASS hunter2\r\n";
/// assert_eq!(redact(log), "> USER ****\r\n< 331 Password required for ****\r\n> PASS ****\r\n");
/// ```
pub fn redact(text: &str) -> String {
    let names = survey(text).names;
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive('\n') {
        let body = piece.strip_suffix('\n').map_or(piece, |b| b.strip_suffix('\r').unwrap_or(b));
        let ending = &piece[body.len()..];
        match credential(body) {
            Some((start, end)) => {
                mask_line(&mut out, &body[..start], &names);
                out.push_str(MASK);
                // ftplib's closing quote, trailing blanks.
                mask_line(&mut out, &body[end..], &names);
            }
            None => mask_line(&mut out, body, &names),
        }
        out.push_str(ending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        let cases: &[(&str, &str)] = &[
            ("Command:\tPASS s3cret", "Command:\tPASS ****"),
            ("*cmd* 'PASS ********'", "*cmd* 'PASS ****'"),
            (
                "*cmd* 'USER deploy'\n*resp* '331 User deploy OK. Password required'",
                "*cmd* 'USER ****'\n*resp* '331 User **** OK. Password required'",
            ),
            ("pass hunter2\r\n", "pass ****\r\n"),
            ("> 2024-05-01 10:00:00.161 PASS hunter2", "> 2024-05-01 10:00:00.161 PASS ****"),
            ("$ curl -v -u bob:pw ftp://bob:pw@ftp.example.com/", "$ curl -v -u **** ftp://****@ftp.example.com/"),
            ("$ curl --user=bob:pw ftp://x/", "$ curl --user=**** ftp://x/"),
            ("USER anonymous\nPASS guest@", "USER anonymous\nPASS ****"),
            ("USER alice\nCWD /home/alice\n250 ok, alicea stays", "USER ****\nCWD /home/****\n250 ok, alicea stays"),
            ("PASV\n227 Entering Passive Mode (1,2,3,4,5,6)\n", "PASV\n227 Entering Passive Mode (1,2,3,4,5,6)\n"),
            ("PASS", "PASS"),
            ("Passwords are fine", "Passwords are fine"),
            ("USER jo\n230 jo logged in", "USER ****\n230 jo logged in"),
        ];
        for (input, want) in cases {
            assert_eq!(redact(input), *want, "{input:?}");
        }
    }
}
