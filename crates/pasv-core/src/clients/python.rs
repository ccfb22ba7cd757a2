//! Python `ftplib`'s 227 and 229 rules, with `int()` and its Unicode digits, from CPython Lib/ftplib.py (v3.13.0).
use alloc::vec::Vec;
use core::net::IpAddr;

use super::{dial_control, six_numbers, Note, Outcome, Reason};

/// Python `int(str)`: surrounding whitespace, a sign, decimal digits of any
/// script, single `_` between digits. Only the common scripts are known here.
fn python_int(s: &str) -> Option<i128> {
    let s = s.trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut v: i128 = 0;
    let mut prev_digit = false;
    let mut any = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            if !prev_digit || chars.peek().is_none_or(|&n| unicode_digit(n).is_none()) {
                return None;
            }
            prev_digit = false;
            continue;
        }
        let d = unicode_digit(c)?;
        v = v.saturating_mul(10).saturating_add(i128::from(d));
        prev_digit = true;
        any = true;
    }
    any.then_some(if neg { -v } else { v })
}

/// The value of a Unicode decimal digit (Nd) from the blocks replies may use.
pub(super) fn unicode_digit(c: char) -> Option<u32> {
    const ZEROS: [u32; 7] = [0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10];
    let c = u32::from(c);
    ZEROS.iter().find(|&&z| (z..z + 10).contains(&c)).map(|&z| c - z)
}

pub(super) fn ftplib_227(resp: &str, control: Option<IpAddr>) -> Outcome {
    // `_227_re = re.compile(r'(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)', re.ASCII)`, searched in
    // the whole (multi-line) reply; no range check. The host is ignored by default.
    let b = resp.as_bytes();
    let Some(n) = (0..b.len()).find_map(|i| six_numbers(b, i)) else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "ftplib.error_proto" };
    };
    let port = i64::try_from((u128::from(n[4]) << 8) + u128::from(n[5])).unwrap_or(i64::MAX);
    dial_control(control, port, Note::ControlByDefault)
}

pub(super) fn ftplib_229(resp: &str, control: Option<IpAddr>) -> Outcome {
    let proto = Outcome::Rejects { reason: Reason::NoMatch, says: "ftplib.error_proto" };
    let Some(left) = resp.find('(') else { return proto };
    let Some(right) = resp[left + 1..].find(')').map(|r| r + left + 1) else { return proto };
    let inner = &resp[left + 1..right];
    let (Some(first), Some(last)) = (resp[left + 1..].chars().next(), resp[..right].chars().next_back()) else { return proto };
    if first != last || inner.is_empty() {
        return proto;
    }
    let parts: Vec<&str> = inner.split(first).collect();
    if parts.len() != 5 {
        return proto;
    }
    match python_int(parts[3]) {
        Some(port) => dial_control(control, i64::try_from(port).unwrap_or(i64::MAX), Note::Epsv),
        None => Outcome::Rejects { reason: Reason::BadNumber, says: "ValueError (int() of the port field)" },
    }
}
