//! `227 … (h1,h2,h3,h4,p1,p2)` replies and `PORT h1,h2,h3,h4,p1,p2` commands
//! (RFC 959 §4.1.2, RFC 1123 §4.1.2.6).
use core::net::{IpAddr, Ipv4Addr};

use super::{port_of, Decoded};
use crate::scan::{self, List, Number};
use crate::{ErrorKind, Field, FindingId, Span};

/// The name of field `index` (0-based) of a six-number list.
pub(super) fn six_field(index: usize) -> Field {
    match index {
        0..=3 => Field::AddressByte(index as u8 + 1),
        4 => Field::PortHigh,
        _ => Field::PortLow,
    }
}

/// Parse one byte-sized field, reporting which component failed.
pub(super) fn byte_field(d: &mut Decoded, line: &[u8], span: Span, field: Field) -> Option<u8> {
    match scan::number(&line[span.start..span.end]) {
        Number::NotANumber | Number::Signed => d.fail(ErrorKind::NotANumber { field }, span),
        Number::Negative => d.fail(ErrorKind::Negative { field }, span),
        Number::Value { value, leading_zero } => match value.and_then(|v| u8::try_from(v).ok()) {
            Some(byte) => {
                if leading_zero {
                    d.lint(FindingId::LeadingZeros, Some(span));
                }
                return Some(byte);
            }
            None => d.fail(ErrorKind::TooLarge { field, max: 255 }, span),
        },
    }
    None
}

/// Lints about how a list is framed: parentheses, `=`, spaces, trailing text.
pub(super) fn frame_lints(d: &mut Decoded, line: &[u8], list: &List) {
    let before = line[..list.span.start].iter().rposition(|b| !b.is_ascii_whitespace());
    let after = line[list.span.end..].iter().position(|b| !b.is_ascii_whitespace()).map(|i| i + list.span.end);
    let opened = before.is_some_and(|i| line[i] == b'(');
    let closed = after.is_some_and(|i| line[i] == b')');
    if before.is_some_and(|i| line[i] == b'=') {
        d.lint(FindingId::EqualsForm, Some(Span::new(before.unwrap_or(0), list.span.end)));
    } else if !(opened && closed) {
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
    for (i, span) in list.fields().iter().enumerate() {
        match byte_field(d, bytes, *span, six_field(i)) {
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
    d.ip = Some(IpAddr::V4(Ipv4Addr::new(values[0], values[1], values[2], values[3])));
    d.port = Some(port);
    d.port_bytes = Some([values[4], values[5]]);
    true
}
