//! tnftp, the BSD `ftp` (`ftp -d -v`, read from tnftp 20210827): commands
//! after `---> ` as lftp writes them (the password masked: `---> PASS
//! XXXX`), replies bare, and `Connected to 127.0.0.1.` before the greeting.
//! It prints some replies twice (`229 …` after EPSV, `200 …` after EPRT).
//! Its own lines: `setupsockbufsize: …` and `features[FEAT_…] = 1` (debug
//! output), the data connection failing (`tnftp: Can't connect to
//! `127.0.0.1:40034': Connection timed out`; the prefix is the program's
//! name), and `Passive mode address mismatch.`: it refuses a 227 naming
//! another address than the control connection's.
use super::{of, Classified, FailureKind, LogFormat, Reading, Shape, Starts};

pub(super) const STARTS: Starts = Starts::NONE.bytes(b"sfPE");

/// Lines only tnftp prints: they tell its log from inetutils'.
pub(super) fn line(line: &str) -> Option<Classified<'_>> {
    const OWN: [&str; 4] = ["setupsockbufsize: ", "features[FEAT_", "Passive mode: ", "EPSV/EPRT on IPv4 "];
    OWN.iter().any(|p| line.starts_with(p)).then_some(())?;
    of(LogFormat::Tnftp, Shape::Note { text: line, error: false })
}

pub(super) const READING: Reading = Reading { bare_replies: true, bare_commands: false, context: Some(context), repeats_replies: true };

/// The messages of the BSD family (inetutils writes the same ones).
pub(super) fn context(line: &str) -> Option<Shape<'_>> {
    if line.starts_with("Connected to ") {
        return Some(Shape::Note { text: line, error: false });
    }
    if line == "Passive mode address mismatch." {
        return Some(Shape::Failure(line, FailureKind::AddressRefused));
    }
    // `tnftp: Can't connect to `…'`, inetutils' `ftp: connect: …`.
    let (_, message) = line.split_once(": ")?;
    (message.starts_with("Can't connect to ") || message.starts_with("connect: ")).then_some(Shape::Note { text: line, error: true })
}
