//! Addresses in the client's notes: `(ip)`, `ip:port`, `[ipv6]:port`, a
//! bare address, `… port N`. `Trying ip:port` notes are frequent in long
//! curl logs, so dotted IPv4 addresses are read by hand; anything else goes
//! to the standard parser (the result is the same either way).
use core::net::{IpAddr, Ipv4Addr};

use super::lines::trim_start;
use super::phrase::find_ci;

/// The first address in `text`: `(ip)`, `ip:port`, `[ipv6]:port` or a bare
/// address, with the port from `:port` or a following `port N`.
pub(crate) fn address_in(text: &str) -> Option<(IpAddr, Option<u16>)> {
    let text = trim_start(text);
    let mut rest = text;
    // memchr: `str::find` costs more on these short texts.
    while let Some(open) = memchr::memchr(b'(', rest.as_bytes()) {
        let Some(close) = memchr::memchr(b')', &rest.as_bytes()[open..]).map(|c| open + c) else {
            break;
        };
        if let Some(ip) = ip(rest[open + 1..close].trim()) {
            return Some((ip, port_after(&rest[close..])));
        }
        rest = &rest[close + 1..];
    }
    let end = text.bytes().position(|b| matches!(b, b' ' | b'\t' | b',' | b';')).unwrap_or(text.len());
    let token = text[..end].trim_end_matches('.');
    let (ip, port) = endpoint(token)?;
    Some((ip, port.or_else(|| port_after(&text[token.len()..]))))
}

fn endpoint(token: &str) -> Option<(IpAddr, Option<u16>)> {
    if let Some(inner) = token.strip_prefix('[') {
        let close = inner.find(']')?;
        let port = inner[close + 1..].strip_prefix(':').and_then(digits);
        return Some((inner[..close].parse().ok()?, port));
    }
    let last_colon = token.bytes().rposition(|b| b == b':');
    // `198.51.100.7:443` (a dot before the last colon) is no address as a
    // whole: skip that parse.
    let whole_may_parse = last_colon.is_none_or(|c| !token.as_bytes()[..c].contains(&b'.'));
    if whole_may_parse {
        if let Some(ip) = ip(token) {
            return Some((ip, None));
        }
    }
    let (host, port) = token.split_at(last_colon?);
    Some((IpAddr::V4(ipv4(host.as_bytes())?), digits(&port[1..])))
}

/// `text` as an address, exactly as `str::parse::<IpAddr>` reads it.
fn ip(text: &str) -> Option<IpAddr> {
    match ipv4(text.as_bytes()) {
        Some(v4) => Some(IpAddr::V4(v4)),
        None => text.parse().ok(),
    }
}

/// A dotted IPv4 address, exactly as `str::parse::<Ipv4Addr>` reads it:
/// four decimal numbers up to 255, no leading zeros (`010` could be octal).
/// One pass over the bytes: this runs for every `Trying ip:port` note.
fn ipv4(text: &[u8]) -> Option<Ipv4Addr> {
    if !(7..=15).contains(&text.len()) {
        return None;
    }
    let mut octets = [0u8; 4];
    let mut k = 0;
    let mut value = 0u16;
    let mut len = 0;
    for &c in text {
        if c == b'.' {
            if len == 0 || k == 3 {
                return None;
            }
            octets[k] = value as u8; // at most 255: checked below
            k += 1;
            value = 0;
            len = 0;
        } else {
            let d = c.wrapping_sub(b'0');
            // A digit after a leading zero, or a number above 255.
            if d > 9 || (len == 1 && value == 0) {
                return None;
            }
            value = value * 10 + u16::from(d);
            if value > 255 {
                return None;
            }
            len += 1;
        }
    }
    if len == 0 || k != 3 {
        return None;
    }
    octets[3] = value as u8;
    Some(Ipv4Addr::from(octets))
}

/// The number at the start of `s` (`443...`), if it fits a port.
pub(crate) fn digits(s: &str) -> Option<u16> {
    let end = s.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    s.as_bytes()[..end].iter().try_fold(0u16, |n, d| n.checked_mul(10)?.checked_add(u16::from(d - b'0')))
}

/// `… port 21`.
fn port_after(text: &str) -> Option<u16> {
    let at = find_ci(text, "port ")?;
    digits(&text[at + 5..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn ipv4_as_std() {
        let cases = [
            "1.2.3.4",
            "198.51.100.7",
            "255.255.255.255",
            "0.0.0.0",
            "010.0.0.1",
            "10.0.0.01",
            "256.1.1.1",
            "1.2.3.256",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            ".1.2.3",
            "1..2.3",
            "1.2.3.4x",
            "1.2.3.-4",
            "+1.2.3.4",
            "1.2.3.1000",
            "",
            ".",
            "a.b.c.d",
            "1.2.3.4 ",
            "\u{e9}.1.1.1",
            "999.1.1.1",
            "00.1.1.1",
            "0.00.1.1",
        ];
        for case in cases {
            assert_eq!(ipv4(case.as_bytes()), case.parse::<Ipv4Addr>().ok(), "{case:?}");
            assert_eq!(ip(case), case.parse::<IpAddr>().ok(), "{case:?}");
        }
        for case in ["::1", "2001:db8::21", "::ffff:1.2.3.4", "[::1]", "1.2.3.4:21"] {
            assert_eq!(ip(case), case.parse::<IpAddr>().ok(), "{case:?}");
        }
        // Every octet value, with and without leading zeros.
        for n in 0..1100 {
            for text in [format!("{n}.1.2.3"), format!("1.2.3.{n:03}"), format!("1.{n:02}.2.3")] {
                assert_eq!(ipv4(text.as_bytes()), text.parse::<Ipv4Addr>().ok(), "{text:?}");
            }
        }
    }

    #[test]
    fn ports() {
        for case in ["21", "021", "65535", "65536", "99999999999", "", "x", "443...", "00000000000443", "+21"] {
            let end = case.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(case.len());
            assert_eq!(digits(case), case[..end].parse().ok(), "{case:?}");
        }
    }

    #[test]
    fn addresses() {
        let v4 = |s: &str| IpAddr::V4(s.parse().unwrap());
        let a = |t| address_in(t);
        assert_eq!(a("010.0.0.1:21"), None);
        assert_eq!(a("256.1.1.1:21..."), None);
        assert_eq!(a("10.0.0.1:21..."), Some((v4("10.0.0.1"), Some(21))));
        assert_eq!(a("10.0.0.1:99999"), Some((v4("10.0.0.1"), None)));
        assert_eq!(a("10.0.0.1:"), Some((v4("10.0.0.1"), None)));
        assert_eq!(a("10.0.0:21"), None);
        assert_eq!(a("10.0.0.1... port 21"), Some((v4("10.0.0.1"), Some(21))));
        assert_eq!(a("[::1]:21"), Some(("::1".parse().unwrap(), Some(21))));
        assert_eq!(a("[::1"), None);
        assert_eq!(a("::1:21"), Some(("::1:21".parse().unwrap(), None)));
        assert_eq!(a("host (10.0.0.07) (10.0.0.7) port 990"), Some((v4("10.0.0.7"), Some(990))));
        assert_eq!(a("host ( ::1 ) port 21"), Some(("::1".parse().unwrap(), Some(21))));
        assert_eq!(a("1.2.3.4.:21"), None);
    }
}
