//! GNU Wget's debug output (`wget -d`, read from Wget 1.21.3): commands
//! after `--> ` (`--> PASV`, the password in clear: `--> PASS s3cr3t`),
//! replies bare (`227 Entering Passive Mode (…)`), each step announced by
//! `==> PASV ... `, and messages without a mark: `Connecting to
//! 127.0.0.1:21... connected.` (with a host name: `Connecting to
//! ftp.example.com (ftp.example.com)|203.0.113.5|:21... connected.`),
//! `trying to connect to 10.0.0.12 port 40030` (the data connection),
//! `couldn't connect to 10.0.0.12 port 40030: Connection timed out`.
use super::{of, starts_with_command, Classified, LogFormat, Reading, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"-=");

#[inline]
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    if let Some(command) = line.strip_prefix("--> ") {
        return of(LogFormat::Wget, Shape::Command(command));
    }
    // `==> PASV ... `, `==> CWD not needed.`: only before a command word
    // (an arrow in prose is not wget's).
    let step = line.strip_prefix("==> ")?;
    starts_with_command(step, false).then_some(())?;
    of(LogFormat::Wget, Shape::Note { text: step, error: false })
}

/// Bare replies, and the messages above once the log is known to be wget's.
pub(super) const READING: Reading = Reading { bare_replies: true, bare_commands: false, context: Some(context), repeats_replies: false };

fn context(line: &str) -> Option<Shape<'_>> {
    if let Some(rest) = line.strip_prefix("Connecting to ") {
        // `host (host)|ip|:port... connected.` or `ip:port... connected.`
        let target = match rest.find('|') {
            Some(open) => rest[open + 1..].split('|').next()?,
            None => rest.split("...").next()?,
        };
        return Some(Shape::Connect { target, established: rest.ends_with("connected.") });
    }
    if let Some(target) = line.strip_prefix("trying to connect to ") {
        return Some(Shape::Connect { target, established: false });
    }
    if line.starts_with("couldn't connect to ") {
        return Some(Shape::Note { text: line, error: true });
    }
    None
}
