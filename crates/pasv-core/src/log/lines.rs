//! Splitting a log into lines. Most of a long log is lines nobody reads, so
//! finding line ends is a large share of the work: a SIMD byte search
//! (`memchr`) does it.

/// The lines of `text` with 1-based numbers, without `\r\n` or `\n`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let count = if text.is_empty() { 0 } else { usize::MAX };
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(core::iter::once(body.len()));
    let mut start = 0;
    ends.take(count).enumerate().map(move |(i, end)| {
        let line = &body[start..end];
        start = end + 1;
        (i + 1, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// `str::trim_start`, with a shortcut for the usual first byte (ASCII, not
/// white space).
pub(crate) fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r') => text,
        _ => text.trim_start(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn line_splitting() {
        let all = |t| lines(t).collect::<Vec<_>>();
        assert_eq!(all(""), []);
        assert_eq!(all("\n"), [(1, "")]);
        assert_eq!(all("a\r\nb\n\nc"), [(1, "a"), (2, "b"), (3, ""), (4, "c")]);
        assert_eq!(all("a\r\n\r\n"), [(1, "a"), (2, "")]);
        assert_eq!(all("\u{e9}\n\u{e9}\r"), [(1, "\u{e9}"), (2, "\u{e9}")]);
    }

    #[test]
    fn line_ends_anywhere() {
        // Line ends at every offset (around SIMD block edges too), texts of every length.
        for len in 0..200 {
            for every in [1, 2, 63, 64, 65, 130] {
                let text: String = (0..len).map(|i| if i % every == every - 1 { '\n' } else { 'x' }).collect();
                let split: Vec<&str> = text.strip_suffix('\n').unwrap_or(&text).split('\n').collect();
                let got: Vec<&str> = lines(&text).map(|(_, l)| l).collect();
                assert_eq!(got, if text.is_empty() { Vec::new() } else { split }, "len {len}, every {every}");
            }
        }
    }

    #[test]
    fn trims() {
        for case in ["", " a", "\u{b}a", "\u{3000}a", "a ", "\u{e9}", "\r\n\tx", "\u{1c}x"] {
            assert_eq!(trim_start(case), case.trim_start(), "{case:?}");
        }
    }
}
