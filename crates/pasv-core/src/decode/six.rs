//! `227 … (h1,h2,h3,h4,p1,p2)` replies and `PORT h1,h2,h3,h4,p1,p2` commands
//! (RFC 959 §4.1.2, RFC 1123 §4.1.2.6).
use core::net::{IpAddr, Ipv4Addr};

use super::{port_of, Decoded};
use crate::scan::{self, List, Number};
use crate::{ErrorKind, Field, Finding, FindingData, FindingId, Span};

/// The name of field `index` (0-based) of a six-number list.
pub(super) fn six_field(index: usize) -> Field {
    match index {
        0..=3 => Field::AddressByte(index as u8 + 1),
        4 => Field::PortHigh,
        _ => Field::PortLow,
    }
}

/// Parse one byte-sized field, reporting which component failed. Remembers
/// zero-padded fields in `padded`.
pub(super) fn byte_field(d: &mut Decoded, line: &[u8], span: Span, field: Field, padded: &mut Option<Span>) -> Option<u8> {
    match scan::number(&line[span.start..span.end]) {
        Number::Invalid | Number::Signed => d.fail(ErrorKind::NotANumber { field }, span),
        Number::Negative => d.fail(ErrorKind::Negative { field }, span),
        Number::Value { value, leading_zero } => match value.and_then(|v| u8::try_from(v).ok()) {
            Some(byte) => {
                if leading_zero {
                    *padded = Some(padded.map_or(span, |p| p.join(span)));
                }
                return Some(byte);
            }
            None => d.fail(ErrorKind::TooLarge { field, max: 255 }, span),
        },
    }
    None
}

/// What `inet_aton()` makes of the dotted address fields: zero-padded parts
/// are octal. None when it would reject them (an `8` or `9` after a `0`).
fn inet_aton_reading(line: &[u8], fields: &[Span]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    for (octet, span) in octets.iter_mut().zip(fields) {
        let text = &line[span.start..span.end];
        let (radix, digits) = if text.len() > 1 && text[0] == b'0' { (8, &text[1..]) } else { (10, text) };
        let value = digits.iter().try_fold(0u32, |acc, &b| {
            let digit = u32::from(b - b'0');
            (digit < radix && acc <= 255).then_some(acc * radix + digit)
        })?;
        *octet = u8::try_from(value).ok()?;
    }
    Some(Ipv4Addr::from(octets))
}

/// One finding for all zero-padded fields, with the octal misreading of the
/// address when it differs.
pub(super) fn leading_zero_lint(d: &mut Decoded, line: &[u8], padded: Option<Span>, address: &[Span], decoded: Option<IpAddr>) {
    let Some(span) = padded else { return };
    let misread = if address.len() == 4 { inet_aton_reading(line, address).map(IpAddr::V4) } else { None };
    let data = FindingData { address: misread.filter(|m| Some(*m) != decoded), ..Default::default() };
    d.lints.push(Finding::new(FindingId::LeadingZeros, Some(span)).with(data));
}

/// Lints about how a list is framed: parentheses, `=`, spaces, trailing text.
pub(super) fn frame_lints(d: &mut Decoded, line: &[u8], list: &List) {
    let before = line[..list.span.start].iter().rposition(|b| !b.is_ascii_whitespace());
    let after = line[list.span.end..].iter().position(|b| !b.is_ascii_whitespace()).map(|i| i + list.span.end);
    let opened = before.is_some_and(|i| line[i] == b'(');
    let closed = after.is_some_and(|i| line[i] == b')');
    // Only replies frame the numbers; PORT and LPRT take them bare (RFC 959 §4.1.2, RFC 1639).
    let reply = d.code.is_some();
    if reply && before.is_some_and(|i| line[i] == b'=') {
        d.lint(FindingId::EqualsForm, Some(Span::new(before.unwrap_or(0), list.span.end)));
    } else if reply && !(opened && closed) {
        d.lint(FindingId::MissingParentheses, Some(list.span));
    }
    if let Some(gap) = list.has_space {
        d.lint(FindingId::SpacesInList, Some(gap));
    }
    let tail_start = if closed { after.unwrap_or(list.span.end) + 1 } else { list.span.end };
    let tail = Span::new(tail_start, line.len());
    if line[tail.start..tail.end].iter().any(|b| !b.is_ascii_whitespace()) {
        d.lint(FindingId::TrailingText, Some(tail));
    }
}

/// Decode six numbers found at or after `from`. Returns false when the line
/// has no number list at all (so a multi-line reply can look elsewhere).
pub(super) fn decode_six(d: &mut Decoded, line: &str, from: usize) -> bool {
    let bytes = line.as_bytes();
    let Some(list) = scan::find_list(bytes, from, &[6]) else {
        return false;
    };
    if list.count != 6 {
        d.fail(ErrorKind::WrongCount { found: list.count, expected: 6 }, list.span);
        return true;
    }
    let mut values = [0u8; 6];
    let mut padded = None;
    for (i, span) in list.fields().iter().enumerate() {
        match byte_field(d, bytes, *span, six_field(i), &mut padded) {
            Some(v) => values[i] = v,
            None => return true,
        }
    }
    frame_lints(d, bytes, &list);
    let fields = list.fields();
    d.address_fields = fields[..4].to_vec();
    d.port_fields = fields[4..].to_vec();
    let port = port_of(values[4], values[5]);
    if port == 0 {
        d.fail(ErrorKind::PortZero, fields[4].join(fields[5]));
        return true;
    }
    let ip = IpAddr::V4(Ipv4Addr::new(values[0], values[1], values[2], values[3]));
    leading_zero_lint(d, bytes, padded, &fields[..4], Some(ip));
    d.ip = Some(ip);
    d.port = Some(port);
    d.port_bytes = Some([values[4], values[5]]);
    true
}
