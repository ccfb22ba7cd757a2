//! FileZilla's 227 and 229 rules, from FileZilla src/engine/ftp/rawtransfer.cpp + libfilezilla lib/iputils.cpp (read from SVN trunk on 2026-11-23; release tag 3.63.0 linked).
use alloc::vec::Vec;
use core::net::IpAddr;

use super::{control_v4, dial, digits, Fallback, Note, Outcome, Reason, Target};

/// One `0*[0-9]{1,3}` field: a digit run whose part after some leading zeros has 1–3 digits.
fn fz_field(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let (v, end) = digits(b, i)?;
    let run = &b[i..end];
    (run.len() <= 3 || run[..run.len() - 3].iter().all(|&c| c == b'0')).then_some((v, end))
}

/// libfilezilla `is_routable_address` for IPv4 text: a valid dotted quad
/// (leading zeros allowed, first part non-zero), then string-prefix checks.
fn fz_routable(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    let valid = parts.len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|v| v <= 255))
        && parts[0].parse::<u32>().is_ok_and(|v| v != 0);
    if !valid || host.len() < 7 {
        return false;
    }
    if ["127", "10."].iter().any(|p| host.starts_with(p)) || ["192.168", "169.254"].iter().any(|p| host.starts_with(p)) {
        return false;
    }
    if host.starts_with("172") {
        let middle = &host[4..];
        match middle.find('.') {
            Some(pos) if pos <= 3 => {
                let seg: u32 = middle[..pos].parse().unwrap_or(0);
                return !(16..=31).contains(&seg);
            }
            _ => return false,
        }
    }
    true
}

pub(super) fn filezilla_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // `( |\()(0*[0-9]{1,3},…×6)( |\)|$)` on the final line; then p1, p2 ≤ 255.
    let b = line.as_bytes();
    let found = (0..b.len()).find_map(|i| {
        if !matches!(b[i], b' ' | b'(') {
            return None;
        }
        let mut j = i + 1;
        let mut vals = [0u64; 6];
        for (n, slot) in vals.iter_mut().enumerate() {
            if n > 0 {
                if b.get(j) != Some(&b',') {
                    return None;
                }
                j += 1;
            }
            let (v, end) = fz_field(b, j)?;
            *slot = v;
            j = end;
        }
        matches!(b.get(j), None | Some(b' ') | Some(b')')).then(|| (vals, &line[i + 1..j]))
    });
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Active };
    let Some((vals, text)) = found else { return fallback(Reason::NoMatch) };
    if vals[4] > 255 || vals[5] > 255 {
        return fallback(Reason::OutOfRange);
    }
    let port = (vals[4] * 256 + vals[5]) as u16;
    let fields: Vec<&str> = text.split(',').collect();
    let host = fields[..4].join(".");
    let peer_routable = control_v4(control).is_none_or(|ip| fz_routable(&alloc::format!("{ip}")));
    if !fz_routable(&host) && peer_routable && control.is_none_or(|c| c.is_ipv4()) {
        return Outcome::Connects { to: Target::control(control, port), note: Note::Replaced };
    }
    dial(&host, i64::from(port), Note::Trusted)
}

pub(super) fn filezilla_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // `(|||` … `|)`, `fz::to_integral<unsigned>`, 1–65535.
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Active };
    let Some(pos) = line.find("(|||") else { return fallback(Reason::NoMatch) };
    let Some(pos2) = line[pos + 4..].find("|)").map(|p| p + pos + 4) else { return fallback(Reason::NoMatch) };
    if pos2 == pos + 4 {
        return fallback(Reason::NoMatch);
    }
    let number = &line[pos + 4..pos2];
    let port = if number.bytes().all(|c| c.is_ascii_digit()) { number.parse::<u32>().unwrap_or(0) } else { 0 };
    match u16::try_from(port) {
        Ok(port) if port != 0 => Outcome::Connects { to: Target::control(control, port), note: Note::Epsv },
        _ => fallback(if number.bytes().all(|c| c.is_ascii_digit()) { Reason::OutOfRange } else { Reason::BadNumber }),
    }
}
