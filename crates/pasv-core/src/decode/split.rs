//! Pasted text as lines (CRLF or LF, lazily, without allocating) and the
//! group of lines one reply or command spans.
use crate::Span;

/// One line of input, without its line ending.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    /// A carriage return not followed by a line feed was removed.
    pub(super) stray_cr: bool,
    /// Leading blanks removed (inner lines of a multi-line reply are padded).
    pub(super) indent: usize,
}

impl Line<'_> {
    pub(super) fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

/// The lines of `input`, split at `\n` like `str::split` (a final empty
/// piece included), lazily and without allocating.
#[derive(Debug, Clone)]
pub(super) struct Lines<'a> {
    pub(super) input: &'a str,
    /// Start of the next line; None after the last one.
    pub(super) next: Option<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Lines { input, next: Some(0) }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let line_start = self.next?;
        let rest = &self.input.as_bytes()[line_start..];
        let (piece_len, had_lf) = match memchr::memchr(b'\n', rest) {
            Some(i) => (i, true),
            None => (rest.len(), false),
        };
        self.next = had_lf.then_some(line_start + piece_len + 1);
        // Byte loops, not `str` patterns: this runs once per line.
        let mut end = piece_len;
        if had_lf && end > 0 && rest[end - 1] == b'\r' {
            end -= 1;
        }
        let stray_crs = rest[..end].iter().rev().take_while(|&&b| b == b'\r').count();
        let stray_cr = stray_crs > 0;
        let text = &self.input[line_start..line_start + end - stray_crs];
        // Leading blanks from indented pastes are not part of the reply
        // (checked on the first byte first: trimming decodes characters).
        let trimmed = match text.as_bytes().first() {
            Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => text,
            _ => text.trim_start(),
        };
        let indent = text.len() - trimmed.len();
        Some(Line { text: trimmed, start: line_start + indent, stray_cr, indent })
    }
}

/// The lines of one reply or command: a range of [`Lines`].
pub(super) struct Group<'a> {
    /// Positioned at the first line.
    pub(super) from: Lines<'a>,
    pub(super) len: usize,
    pub(super) first: Line<'a>,
    pub(super) last: Line<'a>,
}

impl<'a> Group<'a> {
    pub(super) fn lines(&self) -> impl Iterator<Item = Line<'a>> {
        // A one-line group (nearly all) is not split again.
        let single = self.len == 1;
        core::iter::once(self.first).filter(move |_| single).chain(self.from.clone().take(if single { 0 } else { self.len }))
    }
}
