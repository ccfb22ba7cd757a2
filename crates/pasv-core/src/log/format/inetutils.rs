//! GNU inetutils `ftp -d -v` (read from inetutils 2.4): the BSD shape of
//! tnftp (`---> PASV`, bare replies, `Connected to 127.0.0.1.`, `Passive
//! mode address mismatch.`), replies printed once, the data connection
//! failing as `ftp: connect: Connection timed out`. Its own lines, which
//! tell its log from tnftp's, come when a mode is toggled: `Passive mode
//! on.`, `Use of EPRT/EPSV for IPv4: on.`
use super::{of, tnftp, Classified, LogFormat, Reading, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"PU");

pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    let own = matches!(line, "Passive mode on." | "Passive mode off.") || line.starts_with("Use of EPRT/EPSV for IPv4: ");
    own.then_some(())?;
    of(LogFormat::Inetutils, Shape::Note { text: line, error: false })
}

pub(super) const READING: Reading =
    Reading { bare_replies: true, bare_commands: false, context: Some(tnftp::context), repeats_replies: false };
