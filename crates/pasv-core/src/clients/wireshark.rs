//! Wireshark's FTP dissector on 227 and 229 replies, from Wireshark epan/dissectors/packet-ftp.c (01a25bb2).
use core::net::{IpAddr, Ipv4Addr};

use super::scanf::{c_space, scanf_d, scanf_six};
use super::{digits, Outcome};

pub(super) fn wireshark_227(line: &str, control: Option<IpAddr>) -> Outcome {
    // parse_port_pasv: skip to a digit, sscanf "%d,%d,%d,%d,%d,%d", else skip that number and retry.
    let b = line.as_bytes();
    let mut p = 0;
    loop {
        while p < b.len() && !b[p].is_ascii_digit() {
            p += 1;
        }
        if p >= b.len() {
            return Outcome::ShowsNothing { expert: false };
        }
        if let Some(n) = scanf_six(b, p, scanf_d) {
            let u = n.map(|v| v as u32);
            let ip = Ipv4Addr::from(u[0] << 24 | u[1] << 16 | u[2] << 8 | u[3]);
            let port = ((u[4] & 0xFF) << 8 | (u[5] & 0xFF)) as u16;
            let nat = control.is_some_and(|c| c != IpAddr::V4(ip));
            return Outcome::Shows { ip: Some(ip), port, nat };
        }
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
    }
}

/// `isvalid_rfc2428_delimiter`: printable, not a hex digit, `.` or `:`.
fn ws_delimiter(c: u8) -> bool {
    c.is_ascii_graphic() && !c.is_ascii_hexdigit() && c != b'.' && c != b':'
}

pub(super) fn wireshark_229(line: &str) -> Outcome {
    let invalid = Outcome::ShowsNothing { expert: true };
    let b = line.as_bytes();
    let Some(open) = line.find('(') else { return invalid };
    let mut p = open + 1;
    let mut delimiter = None;
    for _ in 0..3 {
        let Some(&c) = b.get(p) else { break };
        if delimiter.is_none() && ws_delimiter(c) {
            delimiter = Some(c);
        }
        if Some(c) != delimiter {
            break;
        }
        p += 1;
    }
    if p >= b.len() {
        return invalid;
    }
    // ws_strtou16 (g_ascii_strtoull: whitespace, digits); accepted when valid or when it
    // stopped at '|'; 65535 when too large.
    let mut j = p;
    while b.get(j).is_some_and(|&c| c_space(c)) {
        j += 1;
    }
    let (port, end, ok) = match b.get(p) {
        Some(b'-' | b'+') => (0, p, false),
        _ => match digits(b, j) {
            None => (0, p, false),
            Some((v, end)) => match u16::try_from(v) {
                Ok(v) => (v, end, true),
                Err(_) => (u16::MAX, end, false),
            },
        },
    };
    let ok = ok || b.get(end) == Some(&b'|');
    if !ok || !line[p..].contains(')') {
        return invalid;
    }
    Outcome::Shows { ip: None, port, nat: false }
}
