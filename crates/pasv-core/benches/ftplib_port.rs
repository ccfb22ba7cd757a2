//! A yardstick, not part of PASV Lens: CPython 3.11's `ftplib.parse227` and
//! `ftplib.parse229` ported step for step to Rust, allocation-free. It shows
//! how fast the bare ftplib algorithm (one search, no range checks, no spans,
//! no lints) runs natively, so the ratio ftplib / pasv-core can be read
//! against the ratio ftplib / "ftplib itself, in Rust".
//!
//! Deliberate differences, both in ftplib's favour of being accepted less:
//! Python's `int()` also takes non-ASCII decimal digits (`٥٠٠٠٠`), which this
//! port rejects; hosts are returned as the four digit strings ftplib joins
//! with dots, not as a joined `String`.

/// `parse227`: the first match of `(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)`
/// (ASCII digits) anywhere after the code; `port = (p1 << 8) + p2` unchecked.
pub fn parse227(resp: &str) -> Option<([&str; 4], u64)> {
    let s = resp.as_bytes();
    if s.get(..3) != Some(b"227") {
        return None;
    }
    // `\d+` is greedy and only a comma may follow, so the leftmost start
    // that is a digit run followed by five more `,\d+` is the regex's match.
    let mut start = 0;
    while start < s.len() {
        if !s[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let mut fields = [(0usize, 0usize); 6];
        let mut at = start;
        let mut matched = true;
        for (k, field) in fields.iter_mut().enumerate() {
            let begin = at;
            while at < s.len() && s[at].is_ascii_digit() {
                at += 1;
            }
            if at == begin {
                matched = false;
                break;
            }
            *field = (begin, at);
            if k < 5 {
                if s.get(at) != Some(&b',') {
                    matched = false;
                    break;
                }
                at += 1;
            }
        }
        if matched {
            let text = |k: usize| &resp[fields[k].0..fields[k].1];
            let number = |k: usize| text(k).bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')));
            let port = (number(4) << 8).saturating_add(number(5));
            return Some(([text(0), text(1), text(2), text(3)], port));
        }
        start += 1;
    }
    None
}

/// `parse229`: text between the first `(` and the next `)`, split on its
/// first character into exactly five parts; the port is `int(parts[3])`.
/// The host is the control connection's peer, which the caller has.
pub fn parse229(resp: &str) -> Option<i64> {
    let s = resp.as_bytes();
    if s.get(..3) != Some(b"229") {
        return None;
    }
    let left = s.iter().position(|&b| b == b'(')?;
    let right = s[left + 1..].iter().position(|&b| b == b')')? + left + 1;
    // ftplib's `resp[left + 1] != resp[right - 1]` check.
    let delimiter = *s.get(left + 1)?;
    if delimiter != s[right - 1] {
        return None;
    }
    let inner = &resp[left + 1..right];
    let mut parts = inner.split(char::from(delimiter));
    let port = parts.nth(3)?;
    if parts.next().is_none() || parts.next().is_some() {
        return None;
    }
    python_int(port)
}

/// Python's `int(str)` for ASCII text: surrounding whitespace, one sign,
/// digits with single underscores between them.
fn python_int(text: &str) -> Option<i64> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes[0] == b'_' || bytes[bytes.len() - 1] == b'_' || digits.contains("__") {
        return None;
    }
    let mut value = 0i64;
    for &b in bytes {
        match b {
            b'_' => {}
            b'0'..=b'9' => value = value.saturating_mul(10).saturating_add(i64::from(b - b'0')),
            _ => return None,
        }
    }
    Some(if negative { -value } else { value })
}
