//! lftp's 227 and 229 rules, from lftp src/ftpclass.cc + src/network.cc (9781fab).
use core::net::IpAddr;

use super::scanf::{scanf_six, scanf_u};
use super::{control_v4, ipv4, Note, Outcome, Reason, Target};
use crate::SocketTarget;

/// lftp `sockaddr_u` classes (src/network.cc).
fn lftp_reserved(a: [u8; 4]) -> bool {
    a[0] == 0 || (a[0] == 127 && !lftp_loopback(a)) || a[0] >= 240
}
fn lftp_multicast(a: [u8; 4]) -> bool {
    (224..240).contains(&a[0])
}
fn lftp_private(a: [u8; 4]) -> bool {
    // The revision read lists 10/8, 172.16/12, 192.168/16 and link-local 169.254/16.
    a[0] == 10 || (a[0] == 172 && (16..32).contains(&a[1])) || (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254)
}
fn lftp_loopback(a: [u8; 4]) -> bool {
    a == [127, 0, 0, 1]
}

pub(super) fn lftp_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // From line+4, at every digit: sscanf(b, "%u,%u,%u,%u,%u,%u") == 6; values stored in bytes.
    let b = line.as_bytes();
    let found = (4.min(b.len())..b.len()).filter(|&i| b[i].is_ascii_digit()).find_map(|i| scanf_six(b, i, scanf_u));
    let Some(n) = found else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "Disconnect (no address in the 227 reply)" };
    };
    let truncated = n.iter().any(|&v| v > 255);
    let a = [n[0] as u8, n[1] as u8, n[2] as u8, n[3] as u8];
    let port = u16::from(n[4] as u8) << 8 | u16::from(n[5] as u8);
    let peer = control_v4(control).map(|ip| ip.octets());
    // With no control address, assume it is public.
    let peer_private = peer.is_some_and(lftp_private);
    let peer_loopback = peer.is_some_and(lftp_loopback);
    let fix = lftp_reserved(a) || lftp_multicast(a) || lftp_private(a) != peer_private || lftp_loopback(a) != peer_loopback;
    if fix {
        Outcome::Connects { to: Target::control(control, port), note: Note::Replaced }
    } else {
        let to = Target::At(SocketTarget { ip: IpAddr::V4(ipv4(a)), port });
        Outcome::Connects { to, note: if truncated { Note::Truncated } else { Note::Trusted } }
    }
}

pub(super) fn lftp_229(line: &str, control: Option<IpAddr>) -> Outcome {
    // c = strchr(line,'(') + 1, else line+4; sscanf(c, "DDD%uD") with D = *c; only %u must match.
    let b = line.as_bytes();
    let start = line.find('(').map_or(4, |p| p + 1).min(b.len());
    let c = &b[start..];
    let fail = Outcome::Rejects { reason: Reason::NoMatch, says: "cannot parse EPSV response" };
    let Some(&delim) = c.first() else { return fail };
    if c.get(1) != Some(&delim) || c.get(2) != Some(&delim) {
        return fail;
    }
    let mut i = 3;
    let Some(v) = scanf_u(c, &mut i) else { return fail };
    let note = if v > 0xFFFF { Note::Truncated } else { Note::Epsv };
    Outcome::Connects { to: Target::control(control, v as u16), note }
}
