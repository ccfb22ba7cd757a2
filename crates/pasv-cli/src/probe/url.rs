//! `ftp://[user@]host[:port][/path]` and `ftps://` (implicit TLS, port 990).
//! A password in the URL is refused: it would stay in the shell's history.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub implicit_tls: bool,
    pub user: Option<String>,
    /// A name or an address (IPv6 without its brackets).
    pub host: String,
    pub port: u16,
    /// The path after the host, without its leading `/`; empty for none.
    pub path: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum UrlError {
    Malformed,
    Password,
}

pub fn parse(url: &str) -> Result<Target, UrlError> {
    let (implicit_tls, rest) = if let Some(rest) = strip_prefix_ci(url, "ftp://") {
        (false, rest)
    } else if let Some(rest) = strip_prefix_ci(url, "ftps://") {
        (true, rest)
    } else {
        return Err(UrlError::Malformed);
    };
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((user, _)) if user.contains(':') => return Err(UrlError::Password),
        Some(("", _)) => return Err(UrlError::Malformed),
        Some((user, hostport)) => (Some(percent_decode(user).ok_or(UrlError::Malformed)?), hostport),
        None => (None, authority),
    };
    let default_port = if implicit_tls { 990 } else { 21 };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or(UrlError::Malformed)?;
        host.parse::<std::net::Ipv6Addr>().map_err(|_| UrlError::Malformed)?;
        let port = match after {
            "" => default_port,
            p => p.strip_prefix(':').and_then(parse_port).ok_or(UrlError::Malformed)?,
        };
        (host.to_string(), port)
    } else {
        match hostport.split_once(':') {
            Some((host, port)) => (host.to_string(), parse_port(port).ok_or(UrlError::Malformed)?),
            None => (hostport.to_string(), default_port),
        }
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':');
    if host.is_empty() || !host.chars().all(valid) {
        return Err(UrlError::Malformed);
    }
    let path = percent_decode(path).ok_or(UrlError::Malformed)?;
    // A path goes into a command line: no line breaks.
    if path.contains(['\r', '\n']) || user.as_deref().is_some_and(|u| u.contains(['\r', '\n'])) {
        return Err(UrlError::Malformed);
    }
    Ok(Target { implicit_tls, user, host, port, path })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

fn parse_port(p: &str) -> Option<u16> {
    p.parse::<u16>().ok().filter(|&p| p != 0 && !p.to_string().is_empty())
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let t = parse("ftp://127.0.0.1:2121/pub/x").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.path.as_str(), t.user, t.implicit_tls), ("127.0.0.1", 2121, "pub/x", None, false));
        let t = parse("FTP://alice@ftp.example.org").unwrap();
        assert_eq!((t.user.as_deref(), t.host.as_str(), t.port), (Some("alice"), "ftp.example.org", 21));
        let t = parse("ftps://[2001:db8::1]/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.implicit_tls), ("2001:db8::1", 990, true));
        assert_eq!(parse("ftp://[::1]:21").unwrap().port, 21);
        assert_eq!(parse("ftp://a%40b@h").unwrap().user.as_deref(), Some("a@b"));
        assert_eq!(parse("ftp://bob:pw@h"), Err(UrlError::Password));
        for bad in ["http://h", "ftp://", "ftp://h:0", "ftp://h:99999", "ftp://h:x", "ftp://[zz]", "ftp://h/a%0d%0aDELE%20x", "ftp://h h"] {
            assert_eq!(parse(bad), Err(UrlError::Malformed), "{bad}");
        }
    }
}
