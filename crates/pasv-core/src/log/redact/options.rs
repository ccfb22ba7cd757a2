//! Where command lines and URLs carry credentials: `-u`/`--user` option
//! arguments and the user information of `ftp://user:password@host/`.
use super::Secrets;

/// End of URL user information starting at `at` (`user:pass@`), exclusive of `@`.
pub(super) fn userinfo_end(b: &[u8], at: usize) -> Option<usize> {
    let len = b[at..].iter().position(|c| matches!(c, b'/' | b' ' | b'\t' | b'@' | b'"' | b'\''))?;
    (len > 0 && b[at + len] == b'@').then_some(at + len)
}

/// Long options whose argument is a user name, a password or both: curl's
/// `--user`, wget's `--ftp-user`/`--ftp-password`. The short `-u
/// user:password` of curl and lftp (lftp: `-u user,password`; curl also
/// `-uuser:password` and fused flags, `-svu`) is read by [`short_u`].
const OPTIONS: [&str; 7] = ["--user=", "--user ", "--ftp-user=", "--ftp-password=", "--password=", "--ftp-user ", "--ftp-password "];

/// curl's short options that take no argument (`ARG_BOOL`/`ARG_NONE` with
/// a letter in `aliases`, curl's `src/tool_getparam.c`): curl reads `-svu x`
/// and `-vux` as `-s -v -u x`, `-v -u x`.
const CURL_FLAGS: &[u8] = b"012346:#aBfgGiIjJklLMnNOpqRsSvVZ";

/// Where `-u` ends in an option word starting at `rest`: `-u`, or `-u` after
/// fused flags (`-vu`, `-svu`).
fn short_u(rest: &[u8]) -> Option<usize> {
    let flags = rest.get(1..)?.iter().take_while(|c| CURL_FLAGS.contains(c)).count();
    (rest[0] == b'-' && rest.get(1 + flags) == Some(&b'u')).then_some(2 + flags)
}

/// The argument of such an option starting at `at`.
pub(super) fn option_arg(line: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &line[at..];
    // A long option, or `-u` (the argument may be glued or the next word).
    let (short, len) = match OPTIONS.iter().find(|o| rest.starts_with(*o)) {
        Some(o) => (false, o.len()),
        None => (true, short_u(rest.as_bytes())?),
    };
    let b = line.as_bytes();
    let mut after = at + len;
    let glued = short && b.get(after).is_some_and(|c| !c.is_ascii_whitespace());
    while short && b.get(after) == Some(&b' ') {
        after += 1;
    }
    let end = b[after..].iter().position(|c| c.is_ascii_whitespace()).map_or(b.len(), |i| after + i);
    // `-ubob:pw`, but not the word `-user`.
    if glued && !b[after..end].iter().any(|c| matches!(c, b':' | b',')) {
        return None;
    }
    (end > after).then_some((after, end))
}

/// Add the user name and password of a `user:password` (or lftp's
/// `user,password`) option argument or URL user information.
pub(super) fn add_pair<'a>(secrets: &mut Secrets<'a>, pair: &'a str) {
    let pair = pair.trim_matches(['\'', '"']);
    match pair.find(':').or_else(|| pair.find(',')) {
        Some(i) => {
            secrets.add_name(&pair[..i]);
            secrets.add_password(&pair[i + 1..]);
        }
        None => secrets.add_name(pair),
    }
}
