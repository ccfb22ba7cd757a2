//! `229 … (|||port|)` replies and `EPRT |af|addr|port|` commands (RFC 2428).
use core::net::IpAddr;

use super::Decoded;
use crate::{ErrorKind, Field, FindingId, Span};

/// RFC 2428 §2: "one of the ASCII characters in range 33-126 inclusive".
/// Digits are refused as well (as Linux netfilter does): a digit delimiter
/// cannot be told apart from the port.
fn is_delimiter(b: u8) -> bool {
    (33..=126).contains(&b) && !b.is_ascii_digit()
}

/// Span of the (possibly multi-byte) character at `at`.
fn char_span(line: &str, at: usize) -> Span {
    let len = line[at..].chars().next().map_or(1, char::len_utf8);
    Span::new(at, at + len)
}

/// The field from `at` to the next `delim`: its span, or None when the
/// delimiter never comes.
fn field(line: &[u8], at: usize, delim: u8) -> Option<Span> {
    line[at..].iter().position(|&b| b == delim).map(|i| Span::new(at, at + i))
}

/// Where the closing delimiter should have been: after the digits (the whole
/// character there, which may be multi-byte; empty at the end of the line).
fn missing_close(line: &str, at: usize) -> Span {
    let bytes = line.as_bytes();
    let end = bytes[at..].iter().position(|b| !b.is_ascii_digit()).map_or(bytes.len(), |i| at + i);
    if end == bytes.len() {
        Span::new(end, end)
    } else {
        char_span(line, end)
    }
}

/// Parse a decimal TCP port: ASCII digits only, 1–65535.
fn port_field(d: &mut Decoded, line: &str, span: Span) -> Option<u16> {
    let text = &line.as_bytes()[span.start..span.end];
    if text.is_empty() {
        d.fail(ErrorKind::EmptyPort, Span::new(span.start, span.start + 1));
        return None;
    }
    if let Some(bad) = text.iter().position(|b| !b.is_ascii_digit()) {
        d.fail(ErrorKind::PortNotDigits, char_span(line, span.start + bad));
        return None;
    }
    let significant = text.iter().skip_while(|&&b| b == b'0').count();
    let value = if significant > 5 { None } else { Some(text.iter().fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'))) };
    match value.and_then(|v| u16::try_from(v).ok()) {
        None => d.fail(ErrorKind::TooLarge { field: Field::Port, max: 65535 }, span),
        Some(0) => d.fail(ErrorKind::PortZero, span),
        Some(port) => return Some(port),
    }
    None
}

/// Where the `<d><d><d>` group starts: after `(`, or, with no parentheses,
/// at the first run of three identical delimiters.
fn epsv_start(line: &[u8], from: usize) -> Option<(usize, bool)> {
    if let Some(i) = line[from..].iter().position(|&b| b == b'(') {
        return Some((from + i + 1, true));
    }
    (from..line.len().saturating_sub(2))
        .find(|&i| !line[i].is_ascii_alphanumeric() && is_delimiter(line[i]) && line[i] == line[i + 1] && line[i] == line[i + 2])
        .map(|i| (i, false))
}

/// Decode a 229 reply's `(<d><d><d>port<d>)`. Returns false when the line has
/// neither parentheses nor a delimiter run.
///
/// Text may hold parentheses of its own (`Entering Extended Passive Mode
/// (EPSV) (|||5000|)`): when the first group fails and a later `(` follows,
/// the first later group that decodes wins; if none does, the first group's
/// error stands.
pub(super) fn decode_epsv(d: &mut Decoded, line: &str, from: usize) -> bool {
    let bytes = line.as_bytes();
    let first = from.min(bytes.len());
    // Only lines with two or more `(` pay for the trial copies.
    let two_groups = memchr::memchr(b'(', &bytes[first..]).is_some_and(|i| memchr::memchr(b'(', &bytes[first + i + 1..]).is_some());
    if two_groups {
        for open in (first..bytes.len()).filter(|&i| bytes[i] == b'(') {
            let mut trial = d.clone();
            if decode_epsv_group(&mut trial, line, open) && trial.is_ok() {
                *d = trial;
                return true;
            }
        }
    }
    decode_epsv_group(d, line, from)
}

/// [`decode_epsv`] for the first group at or after `from`.
fn decode_epsv_group(d: &mut Decoded, line: &str, from: usize) -> bool {
    let bytes = line.as_bytes();
    // A bare "229" line is shorter than "229 ".
    let from = from.min(bytes.len());
    let Some((start, parenthesised)) = epsv_start(bytes, from) else {
        return false;
    };
    let Some(&delim) = bytes.get(start) else {
        d.fail(ErrorKind::NoAddress, Span::new(start - 1, start));
        return true;
    };
    if !is_delimiter(delim) {
        d.fail(ErrorKind::BadDelimiter, char_span(line, start));
        return true;
    }
    let Some(net_prt) = field(bytes, start + 1, delim) else {
        d.fail(ErrorKind::MissingClosingDelimiter, missing_close(line, start + 1));
        return true;
    };
    let Some(net_addr) = field(bytes, net_prt.end + 1, delim) else {
        d.fail(ErrorKind::MissingClosingDelimiter, missing_close(line, net_prt.end + 1));
        return true;
    };
    let Some(port_span) = field(bytes, net_addr.end + 1, delim) else {
        d.fail(ErrorKind::MissingClosingDelimiter, missing_close(line, net_addr.end + 1));
        return true;
    };
    let Some(port) = port_field(d, line, port_span) else {
        return true;
    };
    if net_prt.start != net_prt.end || net_addr.start != net_addr.end {
        d.lint(FindingId::EpsvNonBlankFields, Some(net_prt.join(net_addr)));
    }
    if delim != b'|' {
        d.lint(FindingId::UnusualDelimiter, Some(Span::new(start, start + 1)));
    }
    let mut tail = port_span.end + 1;
    if parenthesised && bytes.get(tail) == Some(&b')') {
        tail += 1;
    } else {
        d.lint(FindingId::EpsvMissingParentheses, Some(Span::new(start, tail)));
    }
    if bytes[tail..].iter().any(|b| !b.is_ascii_whitespace()) {
        d.lint(FindingId::TrailingText, Some(Span::new(tail, bytes.len())));
    }
    d.port = Some(port);
    d.port_fields.push(port_span);
    true
}

/// Decode `EPRT <d>af<d>addr<d>port<d>` whose arguments start at `from`.
pub(super) fn decode_eprt(d: &mut Decoded, line: &str, from: usize) {
    let bytes = line.as_bytes();
    let Some(&delim) = bytes.get(from) else {
        d.fail(ErrorKind::NoAddress, Span::new(from.min(bytes.len()), bytes.len()));
        return;
    };
    if !is_delimiter(delim) {
        d.fail(ErrorKind::BadDelimiter, char_span(line, from));
        return;
    }
    let spans = field(bytes, from + 1, delim).and_then(|af| {
        let addr = field(bytes, af.end + 1, delim)?;
        Some((af, addr, field(bytes, addr.end + 1, delim)))
    });
    let Some((af_span, addr_span, Some(port_span))) = spans else {
        // The last character, which may be multi-byte.
        let last = line.char_indices().next_back().map_or(bytes.len(), |(i, _)| i);
        d.fail(ErrorKind::MissingClosingDelimiter, Span::new(last, bytes.len()));
        return;
    };
    let addr_text = &line[addr_span.start..addr_span.end];
    let parsed: Option<IpAddr> = addr_text.parse().ok();
    let ip = match (&line[af_span.start..af_span.end], parsed) {
        ("1", Some(ip @ IpAddr::V4(_))) | ("2", Some(ip @ IpAddr::V6(_))) => ip,
        ("1" | "2", Some(_)) => return d.fail(ErrorKind::FamilyAddressMismatch, addr_span),
        ("1" | "2", None) => return d.fail(ErrorKind::BadAddress, addr_span),
        _ => return d.fail(ErrorKind::UnknownFamily, af_span),
    };
    let Some(port) = port_field(d, line, port_span) else {
        return;
    };
    if delim != b'|' {
        d.lint(FindingId::UnusualDelimiter, Some(Span::new(from, from + 1)));
    }
    let tail = port_span.end + 1;
    if bytes[tail..].iter().any(|b| !b.is_ascii_whitespace()) {
        d.lint(FindingId::TrailingText, Some(Span::new(tail, bytes.len())));
    }
    d.ip = Some(ip);
    d.port = Some(port);
    d.address_fields.push(addr_span);
    d.port_fields.push(port_span);
}

#[cfg(test)]
mod tests {
    use crate::{decode, ErrorKind, Span};

    fn error_at(input: &str) -> (ErrorKind, Span) {
        let e = decode(input).error.unwrap_or_else(|| panic!("{input:?} decoded"));
        assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end), "{input:?}: {e:?}");
        (e.kind, e.span)
    }

    // Found by fuzz/decode_roundtrip: a bare "229" line sliced past its end.
    #[test]
    fn bare_229_is_an_error_not_a_panic() {
        assert_eq!(error_at("229").0, ErrorKind::NoAddress);
        assert_eq!(error_at("EPSV\r\n229\r\n").0, ErrorKind::NoAddress);
    }

    // Found by fuzz/decode_all: error spans must cover whole characters.
    #[test]
    fn missing_delimiter_spans_are_char_boundaries() {
        // 't' is a legal RFC 2428 delimiter; the port field then meets 'é'.
        let input = "229 Entering Ext(t\u{e9}d Pass|4242)";
        assert_eq!(error_at(input), (ErrorKind::MissingClosingDelimiter, Span::new(18, 20)));
        assert_eq!(error_at("229 Entering Extended Passive Mode (|||4242)").1, Span::new(43, 44));
        assert_eq!(error_at("229 (|||4242").1, Span::new(12, 12));
        let eprt = "EPRT |1|10.0.0.1\u{e9}";
        assert_eq!(error_at(eprt), (ErrorKind::MissingClosingDelimiter, Span::new(16, 18)));
    }
}
