//! Shared readers for the client rules: numbers, dotted quads and the
//! connection a client attempts.
use alloc::string::String;
use core::net::{IpAddr, Ipv4Addr};

use super::{DialFailure, Note, Outcome, Target};
use crate::SocketTarget;

pub(super) fn ipv4(a: [u8; 4]) -> Ipv4Addr {
    Ipv4Addr::new(a[0], a[1], a[2], a[3])
}

pub(super) fn control_v4(control: Option<IpAddr>) -> Option<Ipv4Addr> {
    match control {
        Some(IpAddr::V4(ip)) => Some(ip),
        _ => None,
    }
}

/// A connection to `host:port` as computed by a client that checks nothing.
pub(super) fn dial(host: &str, port: i64, note: Note) -> Outcome {
    let Ok(port16) = u16::try_from(port) else {
        return Outcome::Dials { host: host.into(), port, failure: DialFailure::PortOutOfRange };
    };
    match strict_ipv4(host) {
        Some(ip) => Outcome::Connects { to: Target::At(SocketTarget { ip: IpAddr::V4(ip), port: port16 }), note },
        None => Outcome::Dials { host: host.into(), port, failure: DialFailure::NotAnAddress },
    }
}

/// A connection to the control address on a computed port.
pub(super) fn dial_control(control: Option<IpAddr>, port: i64, note: Note) -> Outcome {
    match u16::try_from(port) {
        Ok(port) => Outcome::Connects { to: Target::control(control, port), note },
        Err(_) => {
            let host = control.map_or_else(|| String::from("<control>"), |ip| alloc::format!("{ip}"));
            Outcome::Dials { host, port, failure: DialFailure::PortOutOfRange }
        }
    }
}

/// Dotted decimal with no leading zeros and every part ≤ 255 (what Go's
/// `net.ParseIP` and Rust accept).
pub(super) fn strict_ipv4(host: &str) -> Option<Ipv4Addr> {
    host.parse().ok()
}

/// A run of ASCII digits at `i`: (value saturated at u64::MAX, end).
pub(super) fn digits(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let end = i + b.get(i..)?.iter().take_while(|c| c.is_ascii_digit()).count();
    if end == i {
        return None;
    }
    let v = b[i..end].iter().fold(0u64, |acc, &d| acc.saturating_mul(10).saturating_add(u64::from(d - b'0')));
    Some((v, end))
}

/// Six ASCII digit runs separated by single commas, starting at `i` (what
/// curl's and ftplib's patterns both look for; each then applies its own
/// range rule).
pub(super) fn six_numbers(b: &[u8], mut i: usize) -> Option<[u64; 6]> {
    let mut out = [0u64; 6];
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        let (v, end) = digits(b, i)?;
        *slot = v;
        i = end;
    }
    Some(out)
}
