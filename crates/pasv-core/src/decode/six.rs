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
pub(super) fn frame_lints<const N: usize>(d: &mut Decoded, line: &[u8], list: &List<N>) {
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
        // sscanf-based readers (Wireshark, lftp) skip a space before a number
        // but not before a comma: the message says which case this is.
        let listed = &line[list.span.start..list.span.end];
        let before_comma = listed.windows(2).any(|w| w[0].is_ascii_whitespace() && w[1] == b',');
        let data = FindingData { number: Some(u32::from(before_comma)), ..Default::default() };
        d.lints.push(Finding::new(FindingId::SpacesInList, Some(gap)).with(data));
    }
    let tail_start = if closed { after.unwrap_or(list.span.end) + 1 } else { list.span.end };
    let tail = Span::new(tail_start, line.len());
    if closed && d.code == Some(227) {
        trailing_after_227(d, line, tail_start);
    } else if line[tail.start..tail.end].iter().any(|b| !b.is_ascii_whitespace()) {
        d.lint(FindingId::TrailingText, Some(tail));
    }
}

/// Text after the `)` of a 227. RFC 959 §4.2.2 lists the reply as
/// `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).`, so one final period is
/// the form itself, not trailing text; anything else is.
fn trailing_after_227(d: &mut Decoded, line: &[u8], at: usize) {
    let rest = line[at..].trim_ascii();
    if !rest.is_empty() && rest != b"." {
        d.lint(FindingId::TrailingText, Some(Span::new(at, line.len())));
    }
}

/// Decode six numbers found at or after `from`. Returns false when the line
/// has no number list at all (so a multi-line reply can look elsewhere).
pub(super) fn decode_six(d: &mut Decoded, line: &str, from: usize) -> bool {
    canonical_six(d, line.as_bytes(), from) || scan_six(d, line, from)
}

/// The form nearly every server sends, `(h1,h2,h3,h4,p1,p2)` with plain
/// numbers after text without commas, decoded without the general scan.
/// Returns false, leaving `d` untouched, for anything else (a list before the
/// parenthesis, spaces, zero padding, a value over 255, port 0…): the general
/// scan then decides, with the same result for this form (tested).
fn canonical_six(d: &mut Decoded, bytes: &[u8], from: usize) -> bool {
    // One pass to the parenthesis; a comma before it means another list
    // could come first.
    let Some(open) = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'(' || b == b',')) else { return false };
    let open = from + open;
    if bytes[open] != b'(' {
        return false;
    }
    let (mut fields, mut values) = ([Span::default(); 6], [0u8; 6]);
    let mut at = open + 1;
    for (i, (field, value)) in fields.iter_mut().zip(&mut values).enumerate() {
        // One to three digits, no zero padding, then the separator.
        let digit = |k: usize| bytes.get(at + k).map(|b| b.wrapping_sub(b'0')).filter(|&v| v <= 9);
        let Some(first) = digit(0) else { return false };
        let (mut number, mut digits) = (u16::from(first), 1);
        while let Some(next) = digit(digits) {
            if digits == 3 || first == 0 {
                return false;
            }
            number = number * 10 + u16::from(next);
            digits += 1;
        }
        let Ok(byte) = u8::try_from(number) else { return false };
        let separator = if i < 5 { b',' } else { b')' };
        if bytes.get(at + digits) != Some(&separator) {
            return false;
        }
        (*field, *value) = (Span::new(at, at + digits), byte);
        at += digits + 1;
    }
    let port = port_of(values[4], values[5]);
    if port == 0 {
        return false;
    }
    if d.code == Some(227) {
        trailing_after_227(d, bytes, at);
    } else if bytes[at..].iter().any(|b| !b.is_ascii_whitespace()) {
        d.lint(FindingId::TrailingText, Some(Span::new(at, bytes.len())));
    }
    d.address_fields.extend_from_slice(&fields[..4]);
    d.port_fields.extend_from_slice(&fields[4..]);
    d.ip = Some(IpAddr::V4(Ipv4Addr::new(values[0], values[1], values[2], values[3])));
    d.port = Some(port);
    d.port_bytes = Some([values[4], values[5]]);
    true
}

/// [`decode_six`] by the general scan (RFC 1123: the first list of numbers).
fn scan_six(d: &mut Decoded, line: &str, from: usize) -> bool {
    let bytes = line.as_bytes();
    let Some(list) = scan::find_list::<6>(bytes, from, &[6]) else {
        return dotted_address(d, bytes, from);
    };
    if list.count != 6 {
        if !dotted_address(d, bytes, from) {
            d.fail(ErrorKind::WrongCount { found: list.count, expected: 6 }, list.span);
        }
        return true;
    }
    let fields = list.fields();
    let mut values = [0u8; 6];
    let mut padded = None;
    for (i, span) in fields.iter().enumerate() {
        match byte_field(d, bytes, *span, six_field(i), &mut padded) {
            Some(v) => values[i] = v,
            None => return true,
        }
    }
    frame_lints(d, bytes, &list);
    d.address_fields.extend_from_slice(&fields[..4]);
    d.port_fields.extend_from_slice(&fields[4..]);
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

/// The length of the run of ASCII digits at `at`.
fn digit_run(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count())
}

/// A dotted quad (`10.0.0.12`) at `at`, with what follows it as a port
/// (`:40000` or `,156,64`): the span's end, or None.
fn dotted_at(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = at;
    for part in 0..4 {
        if part > 0 {
            if bytes.get(end) != Some(&b'.') {
                return None;
            }
            end += 1;
        }
        let run = digit_run(bytes, end);
        if !(1..=3).contains(&run) {
            return None;
        }
        end += run;
    }
    // Not part of a longer dotted run (`1.2.3.4.5`).
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let port = match bytes.get(end) {
        Some(b':') => digit_run(bytes, end + 1).checked_sub(1).map(|r| end + 2 + r),
        Some(b',') => {
            let high = digit_run(bytes, end + 1);
            let low = if high > 0 && bytes.get(end + 1 + high) == Some(&b',') { digit_run(bytes, end + 2 + high) } else { 0 };
            (low > 0).then_some(end + 2 + high + low)
        }
        _ => None,
    };
    Some(port.unwrap_or(end))
}

/// When the line has no valid six-number list but a dotted address — the
/// commonest mistake of a hand-written or misconfigured reply — says so,
/// pointing at it. Returns whether one was found.
fn dotted_address(d: &mut Decoded, bytes: &[u8], from: usize) -> bool {
    let starts =
        (from..bytes.len()).filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'.'));
    for start in starts {
        if let Some(end) = dotted_at(bytes, start) {
            d.fail(ErrorKind::DottedAddress, Span::new(start, end));
            return true;
        }
    }
    false
}

/// The six-number form of a dotted address and its port, for the
/// dotted-address message: `10.0.0.12:40000` and `10.0.0.12,156,64` give
/// `10,0,0,12,156,64`; without a usable port, `10,0,0,12,p1,p2`.
pub(crate) fn comma_form(text: &str) -> alloc::string::String {
    use core::fmt::Write;
    let mut out = alloc::string::String::new();
    let (address, port) = text.split_once(':').unwrap_or((text, ""));
    for c in address.chars() {
        out.push(if c == '.' { ',' } else { c });
    }
    let number = port.bytes().try_fold(0u32, |n, b| (b.is_ascii_digit() && n <= 65535).then(|| n * 10 + u32::from(b - b'0')));
    match number.filter(|p| (1..=65535).contains(p)) {
        Some(p) => _ = write!(out, ",{},{}", p >> 8, p & 0xff),
        // `,p1,p2` already written as the address's tail, or no port at all.
        None if !address.contains(',') => out.push_str(",p1,p2"),
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn both(line: &str, from: usize) -> (Option<Decoded>, Decoded) {
        let fresh = || Decoded::new(Kind::Pasv, Some(227), Span::new(0, line.len()));
        let mut fast = fresh();
        let canonical = canonical_six(&mut fast, line.as_bytes(), from).then_some(fast);
        let mut general = fresh();
        scan_six(&mut general, line, from);
        (canonical, general)
    }

    #[test]
    fn the_canonical_form_takes_the_short_path() {
        for line in ["227 Entering Passive Mode (10,0,0,12,156,64).", "227 (1,2,3,4,5,6)", "227 x(255,255,255,255,255,255)  "] {
            let (fast, general) = both(line, 4);
            assert_eq!(fast.as_ref(), Some(&general), "{line}");
        }
        for line in [
            "227 (1,2,3,4,0,0)",
            "227 (01,2,3,4,5,6)",
            "227 (1, 2,3,4,5,6)",
            "227 a,b (1,2,3,4,5,6)",
            "227 (1,2,3,4,5,256)",
            "227 (1,2,3,4,5)",
        ] {
            assert!(both(line, 4).0.is_none(), "{line}");
        }
    }

    proptest::proptest! {
        // Whenever the short path decodes, the general scan agrees exactly.
        #[test]
        fn the_short_path_agrees_with_the_scan(
            prefix in "[A-Za-z =,]{0,10}",
            numbers in proptest::collection::vec((0u16..300, 0u8..12), 5..=7),
            close in "[)]{0,1}",
            tail in "[.) ,0-9a]{0,3}",
        ) {
            // Mostly plain numbers; some zero-padded or with a space.
            let fields: std::vec::Vec<std::string::String> = numbers
                .iter()
                .map(|(n, style)| match style {
                    0 => std::format!("0{n}"),
                    1 => std::format!(" {n}"),
                    _ => std::format!("{n}"),
                })
                .collect();
            let text = std::format!("227 {prefix}({}{close}{tail}", fields.join(","));
            let (fast, general) = both(&text, 4);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(fast, general, "{:?}", text);
            }
        }
    }
}
