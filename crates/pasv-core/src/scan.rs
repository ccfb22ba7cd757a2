//! Finding comma-separated number lists in free reply text (RFC 1123
//! §4.1.2.6: "scan the reply for the first digit"), without allocating.
use crate::Span;

/// How many leading fields decide whether a list is all-numeric: more than
/// LPRT/228 with IPv6 has (21).
const MAX_FIELDS: usize = 24;

/// A comma-separated list of fields found in a line, with the spans of its
/// first `N` fields (as many as the caller's form has).
#[derive(Debug, Clone, Copy)]
pub(crate) struct List<const N: usize> {
    /// Spans of the first `N` fields.
    fields: [Span; N],
    /// Number of fields seen.
    pub count: usize,
    /// How many of the first `MAX_FIELDS` fields are numbers (`[+-]?[0-9]+`).
    numeric: usize,
    /// From the first to the last field.
    pub span: Span,
    /// Whitespace occurred between fields and commas.
    pub has_space: Option<Span>,
}

impl<const N: usize> List<N> {
    /// The spans of the first `N` fields.
    pub fn fields(&self) -> &[Span] {
        &self.fields[..self.count.min(N)]
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
        Some(&b @ (b'-' | b'+')) => (Some(b), &bytes[1..]),
        _ => (None, bytes),
    };
    if digits.is_empty() {
        return Number::Invalid;
    }
    // One pass: validate and accumulate the significant digits; more than
    // 19 of them cannot fit a u64 safely, so stop adding (never overflow).
    let (mut value, mut significant) = (0u64, 0usize);
    for &b in digits {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return Number::Invalid;
        }
        if significant > 0 || digit != 0 {
            significant += 1;
        }
        if significant <= 19 {
            value = value * 10 + u64::from(digit);
        }
    }
    match sign {
        Some(b'-') => Number::Negative,
        Some(_) => Number::Signed,
        None => Number::Value { value: (significant <= 19).then_some(value), leading_zero: digits.len() > 1 && digits[0] == b'0' },
    }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Bytes that end a field: `,`, `(`, `)`, `=`, `|` and ASCII whitespace.
const SEPARATORS: [bool; 256] = {
    let mut table = [false; 256];
    let list = b",()=| \t\n\x0b\x0c\r";
    let mut i = 0;
    while i < list.len() {
        table[list[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_separator(b: u8) -> bool {
    SEPARATORS[usize::from(b)]
}

/// End of the field starting at `at`, and whether it is a number: a signed
/// digit run, or else any run of non-separators (so `**` and `x` become one
/// field each).
fn field_end(line: &[u8], at: usize) -> (usize, bool) {
    let mut i = at;
    if i < line.len() && matches!(line[i], b'-' | b'+') {
        i += 1;
    }
    if i < line.len() && line[i].is_ascii_digit() {
        while i < line.len() && line[i].is_ascii_digit() {
            i += 1;
        }
        return (i, true);
    }
    let mut i = at;
    while i < line.len() && !is_separator(line[i]) {
        i += 1;
    }
    (i, false)
}

fn skip_spaces(line: &[u8], mut i: usize) -> usize {
    while i < line.len() && is_space(line[i]) {
        i += 1;
    }
    i
}

/// Read the list whose first field starts at `start`.
fn list_at<const N: usize>(line: &[u8], start: usize) -> List<N> {
    let mut list = List { fields: [Span::default(); N], count: 0, numeric: 0, span: Span::new(start, start), has_space: None };
    let mut at = start;
    loop {
        let (end, numeric) = field_end(line, at);
        if list.count < N {
            list.fields[list.count] = Span::new(at, end);
        }
        if list.count < MAX_FIELDS {
            list.numeric += usize::from(numeric);
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

/// Where the scan from `from` starts the field that ends before the comma at
/// `comma` (spaces allowed in between), or `comma` when no field ends there.
/// Fields start where a run of non-separators (a token) starts and split
/// only from left to right inside it, so the token's start is where the
/// scan from `from` would have been.
fn field_before(line: &[u8], from: usize, comma: usize) -> usize {
    let mut end = comma;
    while end > from && is_space(line[end - 1]) {
        end -= 1;
    }
    if end == from || is_separator(line[end - 1]) {
        return comma;
    }
    let mut start = end - 1;
    while start > from && !is_separator(line[start - 1]) {
        start -= 1;
    }
    start
}

/// The address list of a line, chosen as a client following RFC 1123 would:
/// the first all-numeric list of `expected` fields; else the first
/// all-numeric list; else the first list with any number in it (a masked
/// `**, **, …, 143,225` still points at the right place).
pub(crate) fn find_list<const N: usize>(line: &[u8], from: usize, expected: &[usize]) -> Option<List<N>> {
    // Every list has a comma, and before the first one there are only
    // one-field lists, which never count: start at the field before it.
    let comma = from + memchr::memchr(b',', line.get(from..)?)?;
    find_list_at(line, field_before(line, from, comma), expected)
}

/// [`find_list`] scanning from `i`, a field start.
fn find_list_at<const N: usize>(line: &[u8], mut i: usize, expected: &[usize]) -> Option<List<N>> {
    let mut first_numeric: Option<List<N>> = None;
    let mut first_partial: Option<List<N>> = None;
    while i < line.len() {
        if is_separator(line[i]) {
            i += 1;
            continue;
        }
        // A field not followed by a comma is a one-field list: skip it
        // without building a list.
        let (end, _) = field_end(line, i);
        let after = skip_spaces(line, end);
        if after >= line.len() || line[after] != b',' {
            i = end.max(i + 1);
            continue;
        }
        let list = list_at(line, i);
        if list.numeric == list.count.min(MAX_FIELDS) {
            if expected.contains(&list.count) {
                return Some(list);
            }
            first_numeric.get_or_insert(list);
        } else if list.numeric > 0 {
            first_partial.get_or_insert(list);
        }
        i = list.span.end.max(i + 1);
    }
    first_numeric.or(first_partial)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: Option<List<6>>, b: Option<List<6>>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => {
                (a.fields(), a.count, a.numeric, a.span, a.has_space) == (b.fields(), b.count, b.numeric, b.span, b.has_space)
            }
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    proptest::proptest! {
        // Starting at the field before the first comma finds the list the
        // scan from the start of the text finds.
        #[test]
        fn skipping_to_the_first_comma_changes_nothing(text in "[0-9a,()= +|\t-]{0,40}", from in 0usize..8) {
            let line = text.as_bytes();
            let from = from.min(line.len());
            let scanned = if line.len() > from { find_list_at(line, from, &[6]) } else { None };
            proptest::prop_assert!(same(find_list(line, from, &[6]), scanned), "{:?} from {}", text, from);
        }
    }

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

    fn texts(line: &str, list: &List<8>) -> std::vec::Vec<std::string::String> {
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
            let list = find_list::<8>(line.as_bytes(), 4, &[6]).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(texts(line, &list), *want, "{line}");
            assert_eq!(list.has_space.is_some(), *spaced, "{line}");
        }
        assert!(find_list::<6>(b"227 Logout.", 4, &[6]).is_none());
        assert!(find_list::<6>(b"227 Entering Passive Mode (", 4, &[6]).is_none());
        assert!(find_list::<6>(b"227 OK, fine", 4, &[6]).is_none());
    }
}
