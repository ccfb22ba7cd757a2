//! The probe's transcript, written as it happens. Its lines have the shape
//! of `curl -v` output (`> ` commands, `< ` replies, `* ` notes in curl's
//! own words for connections and their failures), a log format the core
//! already reads: `pasv-lens decode` and the page give the same verdict
//! on a saved transcript as the probe does at its end.
use std::io::{self, IsTerminal, Write};
use std::time::Instant;

use pasv_core::{render, Arg, CliMsg, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Command,
    Reply,
    Note,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Command => "command",
            Kind::Reply => "reply",
            Kind::Note => "note",
        }
    }
    fn mark(self) -> &'static str {
        match self {
            Kind::Command => "> ",
            Kind::Reply => "< ",
            Kind::Note => "* ",
        }
    }
}

pub struct Transcript {
    text: String,
    lines: usize,
    start: Instant,
    json: bool,
    out: Box<dyn Write>,
    /// A progress line on the terminal (standard error) while a step waits:
    /// never in the transcript, never when standard error is not a terminal.
    progress: Option<Lang>,
    shown: bool,
    /// A write to standard output failed (a closed pipe): the probe goes
    /// on quietly and reports it at the end.
    pub write_error: Option<io::Error>,
}

impl Transcript {
    pub fn new(json: bool, out: Box<dyn Write>) -> Transcript {
        Transcript { text: String::new(), lines: 0, start: Instant::now(), json, out, progress: None, shown: false, write_error: None }
    }

    /// Shows progress lines in `lang` when standard error is a terminal.
    pub fn with_progress(mut self, lang: Lang) -> Transcript {
        self.progress = io::stderr().is_terminal().then_some(lang);
        self
    }

    /// What the probe waits for now (`msg` with its `what`), until the next line.
    pub fn waiting(&mut self, msg: CliMsg, what: &str) {
        if let Some(lang) = self.progress {
            let text = render(lang, msg, &[Arg { name: "what", value: &what }]);
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K… {text}");
            let _ = err.flush();
            self.shown = true;
        }
    }

    fn clear_progress(&mut self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn elapsed_ms(&self) -> u128 {
        self.start.elapsed().as_millis()
    }

    /// A first line naming the command, which the log reader skips.
    pub fn header(&mut self, line: &str) {
        self.push_raw(None, line);
    }

    pub fn command(&mut self, line: &str) {
        self.push(Kind::Command, line);
    }

    pub fn reply(&mut self, line: &str) {
        self.push(Kind::Reply, line);
    }

    pub fn note(&mut self, line: &str) {
        self.push(Kind::Note, line);
    }

    fn push(&mut self, kind: Kind, line: &str) {
        // One transcript line per line received: a control character from
        // the server cannot start a line of its own.
        let clean: String = line.chars().map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c }).collect();
        self.push_raw(Some(kind), &format!("{}{}", kind.mark(), clean));
    }

    fn push_raw(&mut self, kind: Option<Kind>, line: &str) {
        self.clear_progress();
        self.lines += 1;
        self.text.push_str(line);
        self.text.push('\n');
        if self.write_error.is_some() {
            return;
        }
        let ms = self.elapsed_ms();
        let result = if self.json {
            let obj = serde_json::json!({
                "line": self.lines,
                "ms": ms as u64,
                "kind": kind.map_or("header", Kind::as_str),
                "text": line,
            });
            writeln!(self.out, "{obj}")
        } else {
            writeln!(self.out, "{line}")
        };
        if let Err(e) = result.and_then(|()| self.out.flush()) {
            self.write_error = Some(e);
        }
    }

    pub fn out(&mut self) -> &mut dyn Write {
        self.clear_progress();
        &mut self.out
    }
}
