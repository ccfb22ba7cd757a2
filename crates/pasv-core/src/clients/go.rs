//! Go `jlaffaye/ftp`'s 227 and 229 rules with their `textproto`/`strconv` helpers, from github.com/jlaffaye/ftp ftp.go (61c29fb).
//!
//! 61c29fb (2026-07-28) already has commit 0e45063 ("Fix panic for malformed
//! EPSV response", in v0.2.1): a 229 without its closing delimiter is an
//! error there, and the client falls back to PASV. Older releases panic;
//! [`super::Caveat::JlaffayeOldPanic`] says so.
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr};

use super::{control_v4, dial, dial_control, strict_ipv4, Fallback, Note, Outcome, Reason, Reply};

/// `textproto.ReadResponse`: the message without the `NNN ` / `NNN-` prefixes, lines joined by `\n`.
pub(super) fn textproto_message(reply: &Reply<'_>) -> String {
    let code = reply.first().get(..3).unwrap_or("");
    let lines: Vec<&str> = reply
        .lines
        .iter()
        .map(|l| match (l.get(..3), l.as_bytes().get(3)) {
            (Some(c), Some(b' ' | b'-')) if c == code => &l[4..],
            (Some(c), None) if c == code => "",
            _ => l,
        })
        .collect();
    lines.join("\n")
}

/// Go `strconv.Atoi`: optional sign, ASCII digits only.
fn go_atoi(s: &str) -> Option<i64> {
    let (neg, d) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if d.is_empty() || !d.bytes().all(|c| c.is_ascii_digit()) || d.len() > 18 {
        return None;
    }
    let v: i64 = d.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Go `net.IP` classes.
fn go_private(ip: Ipv4Addr) -> bool {
    let a = ip.octets();
    a[0] == 10 || (a[0] == 172 && a[1] & 0xf0 == 16) || (a[0] == 192 && a[1] == 168)
}

pub(super) fn jlaffaye_227(msg: &str, control: Option<IpAddr>) -> Outcome {
    let invalid = Outcome::Rejects { reason: Reason::NoMatch, says: "invalid PASV response format" };
    let (Some(start), Some(end)) = (msg.find('('), msg.rfind(')')) else { return invalid };
    // `pasv()` checks only that both were found: with the last ')' before the
    // first '(', `line[start+1 : end]` is a slice-bounds panic.
    if end < start + 1 {
        return Outcome::Panics { says: alloc::format!("runtime error: slice bounds out of range [{}:{end}]", start + 1) };
    }
    let data: Vec<&str> = msg[start + 1..end].split(',').collect();
    if data.len() < 6 {
        return invalid;
    }
    let (Some(p1), Some(p2)) = (go_atoi(data[4]), go_atoi(data[5])) else {
        return Outcome::Rejects { reason: Reason::BadNumber, says: "strconv.Atoi: invalid syntax" };
    };
    let port = p1 * 256 + p2;
    let host = data[..4].join(".");
    let cmd = control_v4(control);
    if let Some(data_ip) = strict_ipv4(&host) {
        if cmd != Some(data_ip) {
            // isBogusDataIP, "Logic stolen from lftp"; with no control address, assume it is public.
            let cmd_private = cmd.is_some_and(go_private);
            let cmd_loopback = cmd.is_some_and(|c| c.is_loopback());
            let bogus = data_ip.is_multicast() || cmd_private != go_private(data_ip) || cmd_loopback != data_ip.is_loopback();
            if bogus && control.is_none_or(|c| c.is_ipv4()) {
                return dial_control(control, port, Note::Replaced);
            }
        }
    }
    dial(&host, port, Note::Trusted)
}

/// `parseEPSV` at 61c29fb: `start == -1 || start+3 >= end` → "invalid EPSV
/// response format", else `strconv.Atoi(line[start+3 : end])`. Any error
/// sets `skipEPSV` and `getDataConnPort` sends PASV (for this and every later
/// transfer).
pub(super) fn jlaffaye_229(msg: &str, control: Option<IpAddr>) -> Outcome {
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Pasv };
    let (Some(start), Some(end)) = (msg.find("|||"), msg.rfind('|')) else { return fallback(Reason::NoMatch) };
    if start + 3 >= end {
        return fallback(Reason::NoMatch);
    }
    match go_atoi(&msg[start + 3..end]) {
        Some(port) => dial_control(control, port, Note::Epsv),
        None => fallback(Reason::BadNumber),
    }
}

/// Before commit 0e45063 (v0.2.1, issue #451) `epsv()` checked only
/// `start == -1 || end == -1`, so `line[start+3 : end]` panicked when the last
/// '|' was the third of the first "|||" — a 229 with no closing delimiter.
pub(super) fn old_release_panics(msg: &str) -> bool {
    matches!((msg.find("|||"), msg.rfind('|')), (Some(start), Some(end)) if end < start + 3)
}
