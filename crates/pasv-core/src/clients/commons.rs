//! Apache Commons Net's 227 and 229 rules, from Apache Commons Net FTPClient.java (c66d035, 3.9.0+),
//! and what releases 3.0 to 3.8.0 did with a 227 (tags NET_3_0, NET_3_6, rel/commons-net-3.9.0).
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::python::unicode_digit;
use super::{control_v4, dial_control, ipv4, Note, Outcome, Reason, Target};
use crate::SocketTarget;

/// One `\d{1,3}` group at `i` followed by `next` (None: anything).
fn commons_group(b: &[u8], i: usize, last: bool) -> Option<(u64, usize)> {
    let n = b.get(i..)?.iter().take_while(|c| c.is_ascii_digit()).count().min(3);
    if n == 0 {
        return None;
    }
    // Followed by ',' unless last; backtracking to fewer digits cannot help (a digit follows).
    if !last && b.get(i + n) != Some(&b',') {
        return None;
    }
    let v = b[i..i + n].iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
    Some((v, i + n))
}

/// PARMS_PAT `(\d{1,3},\d{1,3},\d{1,3},\d{1,3}),(\d{1,3}),(\d{1,3})`, find()
/// on the first line only (`_parsePassiveModeReply(_replyLines.get(0))`).
fn parms_pat(line: &str) -> Option<[u64; 6]> {
    let b = line.as_bytes();
    (0..b.len()).find_map(|i| {
        let mut j = i;
        let mut vals = [0u64; 6];
        for (n, slot) in vals.iter_mut().enumerate() {
            let (v, end) = commons_group(b, j, n == 5)?;
            *slot = v;
            j = if n == 5 { end } else { end + 1 };
        }
        Some(vals)
    })
}

pub(super) fn commons_227(line: &str, control: Option<IpAddr>) -> Outcome {
    let Some(v) = parms_pat(line) else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "MalformedServerReplyException" };
    };
    // (oct1 << 8) | oct2 — a bitwise or, so 300 and 5 give 76805.
    let port = i64::try_from(v[4] << 8 | v[5]).unwrap_or(i64::MAX);
    // The host (0,0,0,0 special-cased) is replaced by the control address by default.
    dial_control(control, port, Note::ControlByDefault)
}

/// Where Commons Net 3.0 to 3.8.0 connect for this 227 when it is not where
/// 3.9.0 and later do (the control address). Those releases take the reply's
/// address (0,0,0,0 excepted) and replace it only when
/// `InetAddress.isSiteLocalAddress()` (10/8, 172.16/12, 192.168/16) holds for
/// it and not for the control address, which is assumed public when unknown.
pub(super) fn commons_227_before_390(line: &str, control: Option<IpAddr>) -> Option<Target> {
    let v = parms_pat(line)?;
    let octets: [u8; 4] = [v[0], v[1], v[2], v[3]].map(|x| u8::try_from(x).unwrap_or(0));
    // A number above 255 is no address literal: getByName fails, no connection.
    if v[..4].iter().any(|&x| x > 255) || v[..4] == [0, 0, 0, 0] {
        return None;
    }
    let port = u16::try_from(v[4] << 8 | v[5]).ok()?;
    let site_local = |a: [u8; 4]| a[0] == 10 || (a[0] == 172 && (16..32).contains(&a[1])) || (a[0] == 192 && a[1] == 168);
    let control_site_local = control_v4(control).is_some_and(|c| site_local(c.octets()));
    if site_local(octets) && !control_site_local {
        return None; // replaced by the control address, as in 3.9.0
    }
    let ip = IpAddr::V4(ipv4(octets));
    (Some(ip) != control).then_some(Target::At(SocketTarget { ip, port }))
}

/// Java `Integer.parseInt`: optional sign, decimal digits of any script, no spaces.
fn java_parse_int(s: &str) -> Option<i64> {
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for c in s.chars() {
        v = v * 10 + i64::from(unicode_digit(c)?);
        if v > i64::from(i32::MAX) + 1 {
            return None;
        }
    }
    let v = if neg { -v } else { v };
    i32::try_from(v).ok().map(i64::from)
}

pub(super) fn commons_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // reply.substring(indexOf('(') + 1, indexOf(')')).trim(); chars 0, 1, 2 and the last equal;
    // Integer.parseInt(substring(3, length - 1)).
    let sioobe = Outcome::Throws { says: "StringIndexOutOfBoundsException" };
    let malformed = |reason| Outcome::Rejects { reason, says: "MalformedServerReplyException" };
    let begin = line.find('(').map_or(0, |p| p + 1);
    let Some(end) = line.find(')') else { return sioobe };
    if end < begin {
        return sioobe;
    }
    let s: Vec<char> = line[begin..end].trim_matches(|c: char| u32::from(c) <= 0x20).chars().collect();
    if s.len() < 4 {
        // charAt(2) or substring(3, len - 1) out of bounds
        return sioobe;
    }
    if s[0] != s[1] || s[1] != s[2] || s[2] != s[s.len() - 1] {
        return malformed(Reason::NoMatch);
    }
    let field: String = s[3..s.len() - 1].iter().collect();
    match java_parse_int(&field) {
        Some(port) => dial_control(control, port, Note::Epsv),
        None => malformed(Reason::BadNumber),
    }
}
