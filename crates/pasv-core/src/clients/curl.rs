//! curl's 227 and 229 rules, from curl lib/ftp.c (5c61e16).
use core::net::IpAddr;

use super::{digits, ipv4, six_numbers, Client, Note, Outcome, Reason, Target};
use crate::SocketTarget;

/// curl `match_pasv_6nums`: six `curlx_str_number(&p, &num, 0xff)` separated by
/// single commas; tried at every offset of the final line.
fn curl_six(b: &[u8], at: usize) -> Option<[u8; 6]> {
    let n = six_numbers(b, at)?;
    let mut out = [0u8; 6];
    for (slot, v) in out.iter_mut().zip(n) {
        *slot = u8::try_from(v).ok()?;
    }
    Some(out)
}

pub(super) fn curl_227(client: Client, line: &str, control: Option<IpAddr>) -> Outcome {
    let b = line.as_bytes();
    let Some(n) = (0..b.len()).find_map(|i| curl_six(b, i)) else {
        return Outcome::Rejects { reason: Reason::NoMatch, says: "CURLE_FTP_WEIRD_227_FORMAT (Couldn't interpret the 227-response)" };
    };
    let port = u16::from(n[4]) << 8 | u16::from(n[5]);
    if client == Client::CurlDefault {
        Outcome::Connects { to: Target::control(control, port), note: Note::ControlByDefault }
    } else {
        let ip = IpAddr::V4(ipv4([n[0], n[1], n[2], n[3]]));
        Outcome::Connects { to: Target::At(SocketTarget { ip, port }), note: Note::Trusted }
    }
}

pub(super) fn curl_229(line: &str, control: Option<IpAddr>) -> Outcome {
    let b = line.as_bytes();
    let weird = Outcome::Rejects { reason: Reason::NoMatch, says: "CURLE_FTP_WEIRD_PASV_REPLY (Weirdly formatted EPSV reply)" };
    let Some(open) = line.find('(') else { return weird };
    let p = &b[open + 1..];
    let (Some(&sep), Some(&s1), Some(&s2), Some(&d)) = (p.first(), p.get(1), p.get(2), p.get(3)) else { return weird };
    if s1 != sep || s2 != sep || !d.is_ascii_digit() {
        return weird;
    }
    const ILLEGAL: &str = "CURLE_FTP_WEIRD_PASV_REPLY (Illegal port number in EPSV reply)";
    let Some((v, end)) = digits(p, 3) else { return weird };
    match u16::try_from(v) {
        Ok(port) if p.get(end) == Some(&sep) => Outcome::Connects { to: Target::control(control, port), note: Note::Epsv },
        Ok(_) => Outcome::Rejects { reason: Reason::BadNumber, says: ILLEGAL },
        Err(_) => Outcome::Rejects { reason: Reason::OutOfRange, says: ILLEGAL },
    }
}
