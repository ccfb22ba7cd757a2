//! The control connection: commands out, replies in, with a deadline for
//! every step and a bound on what a reply may hold, so that a server that
//! never ends a line, a reply or its banner cannot hang or flood the probe.
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A reply line longer than this is not FTP (RFC 959 replies are short
/// text lines); a 10 MB banner stops here.
pub const MAX_LINE: usize = 8 * 1024;
/// All lines of one reply together (a long FEAT list is a few KiB).
pub const MAX_REPLY: usize = 64 * 1024;

/// One reply: its code and its lines, as received (invalid UTF-8 replaced).
#[derive(Debug, Clone)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
    pub fn class(&self) -> u16 {
        self.code / 100
    }
}

/// Why a reply did not arrive.
#[derive(Debug)]
pub enum ReadError {
    /// No complete reply before the step's deadline.
    TimedOut,
    /// The server closed the connection.
    Closed,
    /// A line or the whole reply passed its bound.
    TooLong,
    /// A line that does not start with a reply code.
    Garbage(String),
    Io(io::Error),
}

/// The control connection's byte stream: plain TCP, or TLS over it.
pub trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

pub struct Control {
    stream: Box<dyn Stream>,
    /// The TCP socket under `stream`, for read timeouts.
    socket: TcpStream,
    buf: Vec<u8>,
}

impl Control {
    pub fn new(socket: TcpStream) -> io::Result<Control> {
        let stream = Box::new(socket.try_clone()?);
        Ok(Control { stream, socket, buf: Vec::new() })
    }

    pub fn socket(&self) -> &TcpStream {
        &self.socket
    }

    /// TLS over the same socket from here on (after `234`, or at once for
    /// implicit FTPS); the protocol and cipher suite.
    pub fn start_tls(&mut self, tls: &super::tls::Tls, deadline: Instant) -> Result<String, super::tls::TlsError> {
        // Bytes already read past the 234 would be taken as TLS, or worse,
        // as replies inside the encrypted session (command injection, as in
        // CVE-2011-0411): nothing may follow the 234 before the handshake.
        if !self.buf.is_empty() {
            return Err(super::tls::TlsError::Other("unencrypted data after the reply to AUTH TLS".into()));
        }
        let socket = self.socket.try_clone().map_err(|e| super::tls::TlsError::Other(e.to_string()))?;
        let stream = tls.handshake(socket, deadline)?;
        let described = super::tls::describe(&stream);
        self.stream = Box::new(stream);
        Ok(described)
    }

    pub fn send(&mut self, line: &str, deadline: Instant) -> io::Result<()> {
        self.socket.set_write_timeout(Some(remaining(deadline).unwrap_or(Duration::from_millis(1))))?;
        self.stream.write_all(line.as_bytes())?;
        self.stream.write_all(b"\r\n")?;
        self.stream.flush()
    }

    /// One line without its end, read before `deadline`.
    fn line(&mut self, deadline: Instant) -> Result<String, ReadError> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.buf.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            if self.buf.len() > MAX_LINE {
                return Err(ReadError::TooLong);
            }
            let left = remaining(deadline).ok_or(ReadError::TimedOut)?;
            self.socket.set_read_timeout(Some(left)).map_err(ReadError::Io)?;
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(ReadError::Closed),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => return Err(ReadError::TimedOut),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if is_closed(&e) => return Err(ReadError::Closed),
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
    }

    /// A whole reply (RFC 959 §4.2: `ddd-` opens a multi-line reply, a line
    /// starting `ddd ` with the same code closes it), each line handed to
    /// `on_line` as it arrives.
    pub fn reply(&mut self, deadline: Instant, mut on_line: impl FnMut(&str)) -> Result<Reply, ReadError> {
        let first = self.line(deadline)?;
        let Some(code) = reply_code(&first) else {
            on_line(&first);
            return Err(ReadError::Garbage(first));
        };
        on_line(&first);
        let mut total = first.len();
        let mut lines = vec![first];
        if lines[0].as_bytes().get(3) == Some(&b'-') {
            loop {
                let line = self.line(deadline)?;
                total += line.len();
                if total > MAX_REPLY {
                    return Err(ReadError::TooLong);
                }
                on_line(&line);
                let end = reply_code(&line) == Some(code) && line.as_bytes().get(3) != Some(&b'-');
                lines.push(line);
                if end {
                    break;
                }
            }
        }
        Ok(Reply { code, lines })
    }
}

/// The code of a line that starts a reply: three digits, 1–5 first, then
/// a space, a hyphen or nothing.
pub fn reply_code(line: &str) -> Option<u16> {
    let b = line.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) || !(b'1'..=b'5').contains(&b[0]) {
        return None;
    }
    if b.len() > 3 && b[3] != b' ' && b[3] != b'-' {
        return None;
    }
    line[..3].parse().ok()
}

pub fn remaining(deadline: Instant) -> Option<Duration> {
    deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())
}

pub fn is_closed(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe | io::ErrorKind::UnexpectedEof
    )
}

#[cfg(test)]
mod tests {
    use super::reply_code;

    #[test]
    fn reply_codes() {
        assert_eq!(reply_code("220 ready"), Some(220));
        assert_eq!(reply_code("211-Features:"), Some(211));
        assert_eq!(reply_code("226"), Some(226));
        assert_eq!(reply_code(" 226 x"), None);
        assert_eq!(reply_code("2200 x"), None);
        assert_eq!(reply_code("620 x"), None);
        assert_eq!(reply_code("HTTP/1.1 200"), None);
    }
}
