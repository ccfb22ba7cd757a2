//! Splitting the input into segments to mark: the error, the port bytes and
//! the address bytes, in that order of precedence.
use pasv_core::{Report, Span};

/// What a segment of the input shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Plain text.
    None,
    /// An address field.
    Address,
    /// A port field.
    Port,
    /// The offending characters of an error.
    Error,
}

impl Mark {
    /// CSS class of the `<mark>`.
    pub fn class(self) -> &'static str {
        match self {
            Mark::None => "",
            Mark::Address => "hl-address",
            Mark::Port => "hl-port",
            Mark::Error => "hl-error",
        }
    }
}

/// Inputs longer than this are not mirrored for highlighting (a pasted log
/// would create a huge DOM); results still show.
pub const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;

/// The marked spans of all reports, clamped to the input and to char boundaries.
pub fn marks(input: &str, reports: &[Report]) -> Vec<(Span, Mark)> {
    let mut out = Vec::new();
    for r in reports {
        out.extend(r.address_spans.iter().map(|s| (*s, Mark::Address)));
        out.extend(r.port_spans.iter().map(|s| (*s, Mark::Port)));
        if let Some(e) = &r.error {
            out.push((e.span, Mark::Error));
        }
    }
    out.retain(|(s, _)| s.start <= s.end && s.end <= input.len() && input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
    out
}

/// Cut `input` into consecutive segments, each with its strongest mark.
/// An empty error span (a missing character) marks the following character.
pub fn segments<'a>(input: &'a str, marks: &[(Span, Mark)]) -> Vec<(&'a str, Mark)> {
    let widen = |s: Span| {
        if s.start == s.end {
            let next = input[s.start..].chars().next().map_or(0, char::len_utf8);
            Span::new(s.start, s.start + next)
        } else {
            s
        }
    };
    // The strongest mark of every byte, then the runs of equal marks: linear,
    // and no sort (whose code would weigh on the page's download).
    let mut strongest = vec![Mark::None; input.len()];
    for (span, mark) in marks {
        let span = widen(*span);
        for byte in &mut strongest[span.start..span.end] {
            *byte = (*byte).max(*mark);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=input.len() {
        if i == input.len() || strongest[i] != strongest[start] {
            out.push((&input[start..i], strongest[start]));
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_wins_over_port() {
        let input = "227 (1,2,3,4,300,5)";
        let marks = [(Span::new(13, 16), Mark::Port), (Span::new(13, 16), Mark::Error), (Span::new(5, 12), Mark::Address)];
        let segs = segments(input, &marks);
        assert_eq!(
            segs,
            vec![("227 (", Mark::None), ("1,2,3,4", Mark::Address), (",", Mark::None), ("300", Mark::Error), (",5)", Mark::None)]
        );
    }

    #[test]
    fn empty_error_span_marks_next_char() {
        let segs = segments("(|||4242)", &[(Span::new(8, 8), Mark::Error)]);
        assert_eq!(segs, vec![("(|||4242", Mark::None), (")", Mark::Error)]);
    }
}
