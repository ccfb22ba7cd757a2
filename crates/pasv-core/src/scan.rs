//! Finding comma-separated number lists in free reply text (RFC 1123
//! §4.1.2.6: "scan the reply for the first digit"), without allocating.
use crate::Span;

/// The most fields we keep spans for: LPRT/228 with IPv6 has 21.
pub(crate) const MAX_FIELDS: usize = 24;

/// A comma-separated list of fields found in a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct List {
    /// Field spans (only the first `MAX_FIELDS` are kept).
    fields: [Span; MAX_FIELDS],
    /// Number of fields seen (may exceed `MAX_FIELDS`).
    pub count: usize,
    /// From the first to the last field.
    pub span: Span,
    /// Whitespace occurred between fields and commas.
    pub has_space: Option<Span>,
}

impl List {
    pub fn fields(&self) -> &[Span] {
        &self.fields[..self.count.min(MAX_FIELDS)]
    }
}

/// A parsed field value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    /// Not `[+-]?[0-9]+` (`**`, `x`, empty, non-ASCII digits).
    Invalid,
    /// Starts with `+`.
    Signed,
    /// Starts with `-` followed by digits.
    Negative,
    /// A value; `None` when too long for any integer.
    Value { value: Option<u64>, leading_zero: bool },
}

pub(crate) fn number(bytes: &[u8]) -> Number {
    let (sign, digits) = match bytes.first() {
        Some(b'-') => (Some(b'-'), &bytes[1..]),
        Some(b'+') => (Some(b'+'), &bytes[1..]),
        _ => (None, bytes),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Number::Invalid;
    }
    match sign {
        Some(b'-') => return Number::Negative,
        Some(_) => return Number::Signed,
        None => {}
    }
    let significant = digits.iter().position(|&d| d != b'0').map_or(&digits[digits.len() - 1..], |i| &digits[i..]);
    let value = if significant.len() > 19 {
        None // never overflow: more than 19 digits cannot fit a u64 safely
    } else {
        Some(significant.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0')))
    };
    Number::Value { value, leading_zero: digits.len() > 1 && digits[0] == b'0' }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_separator(b: u8) -> bool {
    matches!(b, b',' | b'(' | b')' | b'=' | b'|') || b.is_ascii_whitespace()
}

/// End of the field starting at `at`: a signed digit run, or else any run of
/// non-separators (so `**` and `x` become one field each).
fn field_end(line: &[u8], at: usize) -> usize {
    let mut i = at;
    if i < line.len() && matches!(line[i], b'-' | b'+') {
        i += 1;
    }
    if i < line.len() && line[i].is_ascii_digit() {
        while i < line.len() && line[i].is_ascii_digit() {
            i += 1;
        }
        return i;
    }
    let mut i = at;
    while i < line.len() && !is_separator(line[i]) {
        i += 1;
    }
    i
}

fn skip_spaces(line: &[u8], mut i: usize) -> usize {
    while i < line.len() && is_space(line[i]) {
        i += 1;
    }
    i
}

/// Read the list whose first field starts at `start`.
fn list_at(line: &[u8], start: usize) -> List {
    let mut list = List { fields: [Span::default(); MAX_FIELDS], count: 0, span: Span::new(start, start), has_space: None };
    let mut at = start;
    loop {
        let end = field_end(line, at);
        if list.count < MAX_FIELDS {
            list.fields[list.count] = Span::new(at, end);
        }
        list.count += 1;
        list.span.end = end;
        let after = skip_spaces(line, end);
        if after >= line.len() || line[after] != b',' {
            return list;
        }
        let next = skip_spaces(line, after + 1);
        if after > end || next > after + 1 {
            let gap = Span::new(end, next);
            list.has_space = Some(list.has_space.map_or(gap, |s| s.join(gap)));
        }
        at = next;
    }
}

fn is_numeric(line: &[u8], span: Span) -> bool {
    !matches!(number(&line[span.start..span.end]), Number::Invalid)
}

/// The address list of a line, chosen as a client following RFC 1123 would:
/// the first all-numeric list of `expected` fields; else the first
/// all-numeric list; else the first list with any number in it (a masked
/// `**, **, …, 143,225` still points at the right place).
pub(crate) fn find_list(line: &[u8], from: usize, expected: &[usize]) -> Option<List> {
    let mut first_numeric: Option<List> = None;
    let mut first_partial: Option<List> = None;
    let mut i = from;
    while i < line.len() {
        if is_separator(line[i]) {
            i += 1;
            continue;
        }
        let list = list_at(line, i);
        if list.count >= 2 {
            let numeric = list.fields().iter().filter(|s| is_numeric(line, **s)).count();
            if numeric == list.fields().len() {
                if expected.contains(&list.count) {
                    return Some(list);
                }
                first_numeric.get_or_insert(list);
            } else if numeric > 0 {
                first_partial.get_or_insert(list);
            }
        }
        i = list.span.end.max(i + 1);
    }
    first_numeric.or(first_partial)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(b"255"), Number::Value { value: Some(255), leading_zero: false });
        assert_eq!(number(b"010"), Number::Value { value: Some(10), leading_zero: true });
        assert_eq!(number(b"0"), Number::Value { value: Some(0), leading_zero: false });
        assert_eq!(number(b"000"), Number::Value { value: Some(0), leading_zero: true });
        assert_eq!(number(b"-4"), Number::Negative);
        assert_eq!(number(b"+4"), Number::Signed);
        assert_eq!(number(b"**"), Number::Invalid);
        assert_eq!(number(b""), Number::Invalid);
        assert_eq!(number(b"-"), Number::Invalid);
        assert_eq!(number(b"99999999999999999999999"), Number::Value { value: None, leading_zero: false });
        assert_eq!(number(b"0000000000000000000000001"), Number::Value { value: Some(1), leading_zero: true });
    }

    fn texts(line: &str, list: &List) -> std::vec::Vec<std::string::String> {
        list.fields().iter().map(|s| line[s.start..s.end].into()).collect()
    }

    #[test]
    fn lists() {
        let cases: &[(&str, &[&str], bool)] = &[
            ("227 Entering Passive Mode (10,0,0,1,4,5)", &["10", "0", "0", "1", "4", "5"], false),
            ("227 =192,168,1,2,4,5", &["192", "168", "1", "2", "4", "5"], false),
            ("227 Mode (192, 168, 1, 2, 4, 5).", &["192", "168", "1", "2", "4", "5"], true),
            ("227 Mode( **, **, **, **, 143,225).", &["**", "**", "**", "**", "143", "225"], true),
            ("227 OK, then (1,2,3,4,5,6)", &["1", "2", "3", "4", "5", "6"], false),
            ("227 v1,2 at 1,2,3,4,5,6", &["1", "2", "3", "4", "5", "6"], false),
            ("227 (1,2,,4,5,6)", &["1", "2", "", "4", "5", "6"], false),
            ("227 (1,-4,5)", &["1", "-4", "5"], false),
        ];
        for (line, want, spaced) in cases {
            let list = find_list(line.as_bytes(), 4, &[6]).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(texts(line, &list), *want, "{line}");
            assert_eq!(list.has_space.is_some(), *spaced, "{line}");
        }
        assert!(find_list(b"227 Logout.", 4, &[6]).is_none());
        assert!(find_list(b"227 Entering Passive Mode (", 4, &[6]).is_none());
        assert!(find_list(b"227 OK, fine", 4, &[6]).is_none());
    }
}
