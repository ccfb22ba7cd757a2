//! Line recognition: which program wrote a log line, and whether it is a
//! command, a reply or a message of the client. One file per program, each
//! with its recognisers (the bytes its lines can start with and a function)
//! listed once in the `recognisers!` table; a program whose lines carry no mark of
//! their own also says how to read the log once it is known to be its
//! ([`Reading`]). Nothing here allocates: a line's first byte rules out
//! most recognisers, so unknown lines cost a few byte comparisons.
use super::{lines, FailureKind, LogFormat};
pub(crate) use words::{command_word, is_command_word, reply_head, starts_with_command};

mod curl;
mod filezilla;
mod ftplib;
mod inetutils;
mod lftp;
mod pyftpdlib_server;
mod raw;
mod tnftp;
mod vsftpd_server;
mod wget;
mod winscp;
mod words;

/// What a log line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape<'a> {
    /// A command the client sent (`PASV`, `USER alice`).
    Command(&'a str),
    /// One line of a reply (the first, a continuation or the last).
    Reply(&'a str),
    /// Python ftplib: a whole reply as a Python string literal, its lines
    /// separated by `\n` escapes (quotes already removed).
    ReplyRepr(&'a str),
    /// A message of the client itself (status, info, error).
    Note {
        /// The message.
        text: &'a str,
        /// Written as an error (`Error:`, `****`, `curl: (7)`…).
        error: bool,
    },
    /// The last line of a Python traceback (`TimeoutError: timed out`,
    /// `socket.timeout: timed out`): a client message in ftplib output only.
    Exception(&'a str),
    /// The client connects to an address (`ip:port`, `ip port N` or a bare
    /// address in `target`): the control connection before the session
    /// starts, a data connection after.
    Connect {
        /// The address.
        target: &'a str,
        /// The connection is open, not only tried.
        established: bool,
    },
    /// A server log names the address it listens on: the control
    /// connection's address (unless it is the unspecified address).
    Listening(&'a str),
    /// A data-connection failure in words only this program uses.
    Failure(&'a str, FailureKind),
    /// Anything else.
    Other,
}

/// A classified line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Classified<'a> {
    /// The program whose shape the line has (`Raw` for bare protocol lines).
    pub format: Option<LogFormat>,
    /// What it carries.
    pub shape: Shape<'a>,
    /// The connection the line belongs to, when the log tells sessions
    /// apart, plus one (0: not told). Below [`KEYED`]: the id the log shows
    /// (FileZilla's engine id, pyftpdlib's client port); from `KEYED` up, a
    /// key made from the client's address (vsftpd).
    pub conn: u32,
    /// Recognised by its content alone (an unknown FileZilla tag followed by
    /// a command or a reply): counts like a bare protocol line when deciding
    /// whether a text is a log at all.
    pub weak: bool,
}

/// Connection ids from here up are keys, not ids shown in the log.
pub(crate) const KEYED: u32 = 1 << 31;

const OTHER: Classified<'static> = Classified { format: None, shape: Shape::Other, conn: 0, weak: false };

fn of(format: LogFormat, shape: Shape<'_>) -> Option<Classified<'_>> {
    Some(Classified { format: Some(format), shape, conn: 0, weak: false })
}

/// A set of first bytes.
#[derive(Clone, Copy)]
pub(super) struct Starts([bool; 256]);

impl Starts {
    const NONE: Starts = Starts([false; 256]);

    const fn bytes(mut self, bytes: &[u8]) -> Starts {
        let mut i = 0;
        while i < bytes.len() {
            self.0[bytes[i] as usize] = true;
            i += 1;
        }
        self
    }

    const fn range(mut self, from: u8, to: u8) -> Starts {
        let mut b = from as usize;
        while b <= to as usize {
            self.0[b] = true;
            b += 1;
        }
        self
    }
}

/// How the scan reads a log of a program whose lines are not all marked.
#[derive(Clone, Copy)]
pub(crate) struct Reading {
    /// Bare replies (`227 …`) are the program's.
    pub bare_replies: bool,
    /// Bare commands (`PASV`) are too (a raw control stream).
    pub bare_commands: bool,
    /// Unmarked lines in the program's own words, read only once the log is
    /// known to be its (`Connected to 127.0.0.1.`).
    pub context: Option<fn(&str) -> Option<Shape<'_>>>,
    /// The program prints some replies twice: the same reply on the next
    /// line is not a second one (tnftp).
    pub repeats_replies: bool,
}

impl Reading {
    /// Every line is marked: one pass reads it all.
    pub const MARKED: Reading = Reading { bare_replies: false, bare_commands: false, context: None, repeats_replies: false };

    /// Whether the log must be read again once its program is known.
    pub fn second_pass(&self) -> bool {
        self.bare_replies || self.bare_commands || self.context.is_some()
    }
}

/// How to read a log of `format`.
pub(crate) fn reading(format: LogFormat) -> Reading {
    match format {
        LogFormat::Raw => Reading { bare_replies: true, bare_commands: true, context: None, repeats_replies: false },
        LogFormat::Wget => wget::READING,
        LogFormat::Tnftp => tnftp::READING,
        LogFormat::Inetutils => inetutils::READING,
        LogFormat::Filezilla
        | LogFormat::Curl
        | LogFormat::Lftp
        | LogFormat::Winscp
        | LogFormat::Ftplib
        | LogFormat::VsftpdServer
        | LogFormat::PyftpdlibServer => Reading::MARKED,
    }
}

/// The client's address a server log's line names (`127.0.0.1`, `::1`,
/// `::ffff:203.0.113.50`), read again only when the scan wants it (the
/// first time): the classification stays small.
pub(crate) fn peer(format: LogFormat, line: &str) -> Option<&str> {
    match format {
        LogFormat::VsftpdServer => vsftpd_server::peer(line),
        LogFormat::PyftpdlibServer => pyftpdlib_server::session(line).map(|s| s.host),
        _ => None,
    }
}

/// A credential in a line that no command carries (vsftpd's `anon password
/// "…"`): its byte range.
pub(crate) fn credential(line: &str) -> Option<(usize, usize)> {
    vsftpd_server::credential(line)
}

/// The recognisers, in the order they are tried: where lines of two
/// programs can start alike, the first listed wins. Each entry: the
/// function, the bytes its lines can start with.
macro_rules! recognisers {
    ($($recognise:path, $starts:expr;)*) => {
        /// For each first byte, the recognisers to try, one bit each in the listed order.
        const START: [u16; 256] = {
            let starts = [$($starts),*];
            assert!(starts.len() <= 16);
            let mut table = [0u16; 256];
            let mut i = 0;
            while i < starts.len() {
                let mut b = 0;
                while b < 256 {
                    if starts[i].0[b] {
                        table[b] |= 1 << i;
                    }
                    b += 1;
                }
                i += 1;
            }
            table
        };

        /// Try the recognisers in `candidates`, in order. A test per
        /// recogniser and direct calls: a jump table indexed by the line's
        /// program would be an indirect branch that mispredicts on mixed logs.
        #[inline(always)]
        fn recognise(candidates: u16, line: &str) -> Option<Classified<'_>> {
            let mut bit = 1u16;
            $(
                if candidates & bit != 0 {
                    if let Some(c) = $recognise(line) {
                        return Some(c);
                    }
                }
                bit <<= 1;
            )*
            let _ = bit;
            None
        }
    };
}

recognisers! {
    vsftpd_server::line, vsftpd_server::STARTS;
    pyftpdlib_server::line, pyftpdlib_server::STARTS;
    winscp::line, winscp::STARTS;
    curl::line, curl::STARTS;
    ftplib::line, ftplib::STARTS;
    lftp::line, lftp::STARTS;
    wget::line, wget::STARTS;
    filezilla::stamped, filezilla::STAMPED_STARTS;
    raw::line, raw::STARTS;
    filezilla::translated, filezilla::TRANSLATED_STARTS;
    ftplib::exception, ftplib::EXCEPTION_STARTS;
    tnftp::line, tnftp::STARTS;
    inetutils::line, inetutils::STARTS;
    curl::after_progress, curl::PROGRESS_STARTS;
}

/// Classify one line (without its line ending).
pub(crate) fn classify(line: &str) -> Classified<'_> {
    let Some(&first) = line.as_bytes().first() else { return OTHER };
    // Most noise (`{ [16384 bytes data]`, indented or lower-case text) is
    // ruled out by its first byte. Trimming cannot change that byte, only
    // empty the line.
    let candidates = START[usize::from(first)];
    if candidates == 0 {
        return OTHER;
    }
    let line = trim_end(line);
    if line.is_empty() {
        return OTHER;
    }
    recognise(candidates, line).unwrap_or(OTHER)
}

/// `line` without trailing blanks and carriage returns.
pub(crate) fn trim_end(line: &str) -> &str {
    let b = line.as_bytes();
    let mut kept = b.len();
    while kept > 0 && matches!(b[kept - 1], b' ' | b'\t' | b'\r') {
        kept -= 1;
    }
    &line[..kept]
}

#[cfg(test)]
mod tests;
