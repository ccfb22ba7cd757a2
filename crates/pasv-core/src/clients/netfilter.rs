//! Linux `nf_conntrack_ftp`'s reading of 227 and 229 replies, from Linux net/netfilter/nf_conntrack_ftp.c (v6.12).
//!
//! The box modelled is a Linux firewall that sees the server at the control
//! connection's address (in front of the client, or anywhere on the path
//! outside the server's own NAT). `help()` compares the reply's address with
//! `ct->tuplehash[dir].tuple.src`, the reply's source as *this* box sees it.
//! On the NAT box in front of a server that announces its internal address,
//! that source is the internal address itself: the expectation is created
//! and `nf_nat_ftp` rewrites the reply (see [`super::describe`]).
use core::net::{IpAddr, Ipv4Addr};

use super::{Note, Outcome, Reason, Reply, Target};
use crate::SocketTarget;

/// `try_number(data, dlen, array, 6, ',', term=0)` after the first digit.
fn nf_rfc1123(b: &[u8]) -> Option<[u32; 6]> {
    let first = b.iter().position(u8::is_ascii_digit)?;
    let mut array = [0u32; 6];
    let mut i = 0usize;
    for &c in &b[first..] {
        if c.is_ascii_digit() {
            array[i] = array[i].wrapping_mul(10).wrapping_add(u32::from(c - b'0'));
        } else if c == b',' {
            i += 1;
            if i == 6 {
                return None; // "Failed to fill 6 numbers"
            }
        } else {
            return (i == 5).then_some(array);
        }
    }
    None
}

/// `try_epsv_response` + `get_port` on the text after `(`.
fn nf_epsv(b: &[u8]) -> Result<u16, Reason> {
    if b.len() <= 3 {
        return Err(Reason::NoMatch);
    }
    let delim = b[0];
    if delim.is_ascii_digit() || !(33..=126).contains(&delim) || b[1] != delim || b[2] != delim {
        return Err(Reason::NoMatch);
    }
    let mut port: u16 = 0;
    for &c in &b[3..] {
        if c == delim {
            return if port == 0 { Err(Reason::PortZero) } else { Ok(port) };
        } else if c.is_ascii_digit() {
            port = port.wrapping_mul(10).wrapping_add(u16::from(c - b'0'));
        } else {
            return Err(Reason::BadNumber);
        }
    }
    Err(Reason::NoMatch)
}

pub(super) fn netfilter(reply: &Reply<'_>, control: Option<IpAddr>) -> Outcome {
    // The TCP payload: the whole reply, CRLF-terminated. Only its start is matched.
    let mut payload = reply.lines.join("\r\n");
    payload.push_str("\r\n");
    let b = payload.as_bytes();
    if let Some(rest) = b.strip_prefix(b"227 ") {
        return match nf_rfc1123(rest) {
            None => Outcome::Drops { reason: Reason::NoMatch, pattern: "227 " },
            Some(a) => {
                let ip = Ipv4Addr::from(a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]);
                let port = (a[4] << 8 | a[5]) as u16;
                let note = if a.iter().any(|&v| v > 255) { Note::Truncated } else { Note::Trusted };
                match control {
                    Some(c) if c == IpAddr::V4(ip) => Outcome::Expects { to: Target::At(SocketTarget { ip: c, port }), note },
                    Some(server) => Outcome::NoExpectation { reason: Reason::NotServerAddress, ip, server },
                    // Unknown control address: an expectation only if this is the server's own address.
                    None => Outcome::Expects { to: Target::At(SocketTarget { ip: IpAddr::V4(ip), port }), note },
                }
            }
        };
    }
    if let Some(rest) = b.strip_prefix(b"229 ") {
        // skip to '(' (not found before the last byte: partial match → DROP)
        let Some(open) = rest.iter().position(|&c| c == b'(') else {
            return Outcome::Drops { reason: Reason::NoMatch, pattern: "229 " };
        };
        return match nf_epsv(&rest[open + 1..]) {
            Ok(port) => Outcome::Expects { to: Target::control(control, port), note: Note::Epsv },
            Err(reason) => Outcome::Drops { reason, pattern: "229 " },
        };
    }
    Outcome::Ignores
}
