//! A first, cheap pass: which program wrote the log, and the user names to
//! mask. Also [`looks_like_log`], which stops as soon as it knows.
use super::format::{classify, command_word, reading, Classified, Shape};
use super::redact::{add_command, Secrets};
use super::{lines, LogFormat};

/// What the first pass found.
pub(crate) struct Survey<'a> {
    /// The format with the most recognised lines.
    pub format: Option<LogFormat>,
    /// User names from `USER` commands (not `anonymous`/`ftp`) and
    /// passwords from `PASS`/`ACCT`, to mask.
    pub secrets: Secrets<'a>,
    /// Number of lines.
    pub lines: usize,
}

/// Lines that count towards a format: commands, replies, and the notes of
/// the formats whose notes cannot be mistaken for prose (curl's `* ` notes
/// look like a bulleted list).
fn counts(c: &Classified) -> bool {
    match c.shape {
        Shape::Command(_) | Shape::Reply(_) | Shape::ReplyRepr(_) | Shape::Connect { .. } | Shape::Listening(_) | Shape::Failure(..) => {
            true
        }
        Shape::Note { .. } => c.format != Some(LogFormat::Curl),
        Shape::Exception(_) | Shape::Other => false,
    }
}

/// The argument of a `USER` command worth masking.
pub(crate) fn user_name(command: &str) -> Option<&str> {
    let command = command.trim_start();
    let word = command_word(command);
    if !word.eq_ignore_ascii_case("USER") {
        return None;
    }
    let name = command[word.len()..].trim();
    let public = ["anonymous", "ftp"].iter().any(|n| n.eq_ignore_ascii_case(name));
    let masked = name.bytes().all(|b| b == b'*');
    (!name.is_empty() && !public && !masked).then_some(name)
}

/// The argument of a `PASS` or `ACCT` command worth masking.
pub(crate) fn password(command: &str) -> Option<&str> {
    let command = command.trim_start();
    let word = command_word(command);
    if !word.eq_ignore_ascii_case("PASS") && !word.eq_ignore_ascii_case("ACCT") {
        return None;
    }
    let secret = command[word.len()..].trim();
    (!secret.is_empty() && !secret.bytes().all(|b| b == b'*')).then_some(secret)
}

/// The first pass's counts, kept line by line (the scan keeps them too, so
/// a log is read once).
pub(crate) struct Tally<'a> {
    counts: [usize; LogFormat::ALL.len()],
    /// Replies in lftp's shape (`<--- 227 …`): without them, `---> PASV`
    /// commands are tnftp's or inetutils'.
    lftp_replies: usize,
    secrets: Secrets<'a>,
    lines: usize,
}

impl<'a> Tally<'a> {
    pub fn new() -> Self {
        Tally { counts: [0; LogFormat::ALL.len()], lftp_replies: 0, secrets: Secrets::default(), lines: 0 }
    }

    /// Lines of `format` counted so far.
    pub fn count(&self, format: LogFormat) -> usize {
        self.counts[format.index()]
    }

    /// Count line `no`, classified as `c`.
    pub fn add(&mut self, no: usize, c: &Classified<'a>) {
        self.lines = no;
        let Some(format) = c.format else { return };
        if counts(c) {
            self.counts[format.index()] += 1;
        }
        if format == LogFormat::Lftp && matches!(c.shape, Shape::Reply(_)) {
            self.lftp_replies += 1;
        }
        if let Shape::Command(cmd) = c.shape {
            add_command(&mut self.secrets, cmd);
        }
    }

    pub fn finish(self) -> Survey<'a> {
        let mut tally = self.counts;
        let count = |tally: &[usize; LogFormat::ALL.len()], f: LogFormat| tally[f.index()];
        // `---> PASV` commands and bare replies, no `<--- ` reply: the BSD
        // shape. tnftp's own lines (its debug output after every login) say
        // which; inetutils has none it always prints.
        let raw = count(&tally, LogFormat::Raw);
        if count(&tally, LogFormat::Lftp) > 0 && self.lftp_replies == 0 && raw > 0 {
            let bsd = if count(&tally, LogFormat::Tnftp) >= count(&tally, LogFormat::Inetutils) && count(&tally, LogFormat::Tnftp) > 0 {
                LogFormat::Tnftp
            } else {
                LogFormat::Inetutils
            };
            tally[bsd.index()] += core::mem::take(&mut tally[LogFormat::Lftp.index()]);
        }
        let best = |tally: &[usize; LogFormat::ALL.len()], formats: &mut dyn Iterator<Item = LogFormat>| {
            formats.filter(|f| tally[f.index()] > 0).max_by_key(|f| (tally[f.index()], usize::MAX - f.index()))
        };
        let mut format = best(&tally, &mut LogFormat::ALL.iter().copied());
        // The bare replies of a program that prints them so are its lines,
        // however many they are.
        if format == Some(LogFormat::Raw) {
            let marked = best(&tally, &mut LogFormat::ALL.iter().copied().filter(|f| *f != LogFormat::Raw));
            if marked.is_some_and(|f| reading(f).bare_replies) {
                format = marked;
            }
        }
        Survey { format, secrets: self.secrets, lines: self.lines }
    }
}

#[cfg(test)]
fn survey(text: &str) -> Survey<'_> {
    let mut tally = Tally::new();
    for (no, line) in lines(text) {
        tally.add(no, &classify(line));
    }
    tally.finish()
}

/// A bare line that only a conversation has: a command other than the
/// data-connection ones (`USER`, `RETR`…), or a reply that is not one a list
/// of sample replies holds (greeting, login, transfer: 1xx, 2xx but 200 and
/// 227–229, 3xx). Refusals (4xx, 5xx) come in both.
fn conversation(shape: &Shape<'_>) -> bool {
    match *shape {
        Shape::Command(cmd) => {
            let word = command_word(cmd);
            !["PASV", "EPSV", "LPSV", "PORT", "EPRT", "LPRT"].iter().any(|w| w.eq_ignore_ascii_case(word))
        }
        Shape::Reply(line) => match line.trim_start().as_bytes() {
            [b'1' | b'3', ..] => true,
            [b'2', b'0', b'0', ..] | [b'2', b'2', b'7'..=b'9', ..] => false,
            [b'2', ..] => true,
            _ => false,
        },
        _ => false,
    }
}

/// Whether `text` is a session log rather than one reply or a list of
/// sample replies: it has lines in a client log's shape (FileZilla, curl -v,
/// lftp, WinSCP, ftplib, wget, tnftp, inetutils) or a server log's (vsftpd,
/// pyftpdlib), or several command/reply pairs of a raw control stream with at
/// least one line only a conversation has (a greeting, a login, a transfer).
/// A page can switch to the log view when this is true.
///
/// ```
/// use pasv_core::log::looks_like_log;
/// assert!(looks_like_log("Command:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,1,4,5)"));
/// assert!(looks_like_log("USER bob\r\n331 Password?\r\nPASV\r\n227 =10,0,0,1,4,5\r\n"));
/// assert!(!looks_like_log("227 Entering Passive Mode (10,0,0,1,4,5)"));
/// assert!(!looks_like_log("PASV\n227 Entering Passive Mode (10,0,0,1,4,5)"));
/// // Sample replies and commands pasted together are no session.
/// assert!(!looks_like_log("EPRT |2|2001:db8::7|5282|\nEPSV\n522 Use (1)\n227 =10,0,0,1,4,5\n229 (|||6446|)"));
/// ```
pub fn looks_like_log(text: &str) -> bool {
    let (mut notes, mut commands, mut replies, mut spoken) = (0, 0, 0, false);
    for (_, line) in lines(text) {
        let c = classify(line);
        match (c.format, c.shape) {
            (Some(LogFormat::Raw), Shape::Command(_)) => commands += 1,
            (Some(LogFormat::Raw), Shape::Reply(_)) => replies += 1,
            // An unknown FileZilla tag: as weak as a bare protocol line.
            (Some(_), Shape::Command(_)) if c.weak => commands += 1,
            (Some(_), Shape::Reply(_)) if c.weak => replies += 1,
            (Some(_), Shape::Command(_) | Shape::Reply(_) | Shape::ReplyRepr(_)) => return true,
            (Some(_), Shape::Note { .. }) if counts(&c) => notes += 1,
            _ => {}
        }
        spoken = spoken || (c.format == Some(LogFormat::Raw) || c.weak) && conversation(&c.shape);
        if notes >= 2 || (commands >= 2 && replies >= 2 && spoken) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let s = survey("Status:\tx\nCommand:\tUSER bob\nResponse:\t331 ok\nPASV\n");
        assert_eq!(s.format, Some(LogFormat::Filezilla));
        assert_eq!(s.secrets.names, ["bob"]);
        assert_eq!(s.lines, 4);
        let s = survey("* Note\n* Another\nPASV\n227 x\n");
        assert_eq!(s.format, Some(LogFormat::Raw));
        assert_eq!(survey("hello\n").format, None);
        assert_eq!(user_name("USER anonymous"), None);
        assert_eq!(user_name("USER ****"), None);
        assert_eq!(user_name("user Alice "), Some("Alice"));
        assert!(!looks_like_log("* one\n* two\n"));
        assert!(looks_like_log("Status:\tConnecting\nError:\tFailed to retrieve directory listing\n"));
    }

    #[test]
    fn sample_replies_are_not_a_session_but_a_conversation_is() {
        let samples = "227 Entering Passive Mode (198,51,100,20,195,80).\n227 Entering Passive Mode (10,0,0,12,156,64).\n\
            229 Entering Extended Passive Mode (|||50006|)\n229 Entering Extended Passive Mode (!!!9447!).\n\
            EPRT |2|2001:db8::7|5282|\nEPSV\n522 Network protocol not supported, use (1)\n\
            PORT 192,0,2,7,195,80\n200 PORT command successful\n227 Entering Passive Mode (192,168,1,2,300,5)\n";
        assert!(!looks_like_log(samples));
        // The same lines with one login or transfer line are a session.
        for spoken in ["USER bob\n", "220 Welcome\n", "150 Opening data connection\n", "331 Password required\n", "RETR a.txt\n"] {
            assert!(looks_like_log(&alloc::format!("{spoken}{samples}")), "{spoken:?}");
        }
    }
}
