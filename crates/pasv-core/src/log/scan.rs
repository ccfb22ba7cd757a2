//! The scan: pair commands with replies (first in, first out, like the
//! protocol — one queue per connection when a FileZilla log file names the
//! connection of every line), assemble multi-line replies, and read the
//! client's notes — while taking the survey's counts, so a log is read once
//! (twice when it turns out to be a raw control stream). Only recognised
//! exchanges and failures allocate; secrets are masked in them once all are
//! known.
use alloc::string::ToString;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::address::address_in;
use super::exchange::{draft, exchange_text, Draft};
use super::format::{classify, command_word, peer, reading, reply_head, trim_end, Reading, Shape, KEYED};
use super::notes::Connection;
use super::pending::{Pending, Queue, TRANSFER};
use super::redact::{mask_secrets, Secrets};
use super::server::{Recognition, ServerSoftware};
use super::survey::{Survey, Tally};
use super::{lines, DataFailure, FailureKind, LogFormat, StrayReply};
use crate::Command;

mod client;

/// What the scan found.
pub(crate) struct Scan {
    pub drafts: Vec<Draft>,
    pub failures: Vec<DataFailure>,
    pub stray: Vec<StrayReply>,
    pub control: Option<(IpAddr, usize)>,
    /// A server log: the client's address and the line naming it first.
    pub client: Option<(IpAddr, usize)>,
    /// The server, the line that gave it away, and whether it is a guess.
    pub server: Option<(ServerSoftware, usize, bool)>,
    /// Line of a 234 to `AUTH TLS`/`AUTH SSL`: the control connection is encrypted.
    pub tls: Option<usize>,
    /// Line of an `EPSV ALL` command (RFC 2428 §4): PASV may be refused after it.
    pub epsv_all: Option<usize>,
}

impl Scan {
    /// Mask user names and passwords in the texts taken from replies and
    /// notes (an active command's text stays as logged).
    pub fn mask(&mut self, secrets: &Secrets) {
        let passive = self.drafts.iter_mut().filter(|d| !d.active).map(|d| &mut d.text);
        for text in passive.chain(self.failures.iter_mut().map(|f| &mut f.text)) {
            if let Some(masked) = mask_secrets(text, secrets) {
                *text = masked;
            }
        }
    }
}

/// A reply being assembled.
struct Reply<'a> {
    code: u16,
    first: usize,
    last: usize,
    /// The lines, kept only when the reply may become an exchange.
    lines: Option<Vec<&'a str>>,
    /// ftplib: the lines are Python string-literal escaped.
    escaped: bool,
    final_text: &'a str,
    /// Index into `Scanner::conns`.
    conn: usize,
}

/// One control connection: the commands awaiting a reply on it and its
/// latest exchange (which the client's notes are about).
struct Conn<'a> {
    /// [`Classified::conn`](super::format::Classified) of its lines (0: none named).
    id: u32,
    queue: Queue<'a>,
    last: Option<usize>,
}

impl Conn<'_> {
    fn new(id: u32) -> Self {
        Conn { id, queue: Queue::new(), last: None }
    }
}

struct Scanner<'a> {
    /// How to read the lines no program marked (a second pass, once the
    /// log's program is known).
    reading: Reading,
    tally: Tally<'a>,
    conns: Vec<Conn<'a>>,
    /// The connection of the line being read.
    cur: usize,
    reply: Option<Reply<'a>>,
    out: Scan,
    /// The first command or reply was seen: later connections are data connections.
    frozen: bool,
    control_established: bool,
    server: Recognition,
    commands: usize,
    stray_failure: bool,
    /// The last one-line reply and its line (a program that repeats replies).
    previous_reply: Option<(usize, &'a str)>,
    /// The control connection's port, when the client names it.
    control_port: Option<u16>,
}

/// Scan `text`; `format`: the log's program, known from a first pass
/// (its unmarked lines are read then). Secrets are not masked yet: see
/// [`Scan::mask`].
pub(crate) fn scan(text: &str, format: Option<LogFormat>) -> (Survey<'_>, Scan) {
    let mut s = Scanner {
        reading: format.map_or(Reading::MARKED, reading),
        tally: Tally::new(),
        conns: alloc::vec![Conn::new(0)],
        cur: 0,
        reply: None,
        out: Scan {
            drafts: Vec::new(),
            failures: Vec::new(),
            stray: Vec::new(),
            control: None,
            client: None,
            server: None,
            tls: None,
            epsv_all: None,
        },
        frozen: false,
        control_established: false,
        server: Recognition::default(),
        commands: 0,
        stray_failure: false,
        previous_reply: None,
        control_port: None,
    };
    for (no, line) in lines(text) {
        s.line(no, line);
    }
    s.end_reply();
    s.out.server = s.server.finish();
    (s.tally.finish(), s.out)
}

impl<'a> Scanner<'a> {
    fn line(&mut self, no: usize, line: &'a str) {
        let c = classify(line);
        self.tally.add(no, &c);
        let shape = if c.format == Some(LogFormat::Raw) || (c.format.is_none() && self.reading.context.is_some()) {
            self.unmarked(line, c.shape)
        } else {
            c.shape
        };
        if c.conn != 0 {
            if self.out.client.is_none() {
                let peer = c.format.and_then(|f| peer(f, line)).and_then(address_in);
                self.out.client = peer.map(|(ip, _)| (ip.to_canonical(), no));
            }
            if c.conn != self.conns[self.cur].id {
                // Another connection's line ends a reply in progress.
                self.end_reply();
                self.switch(c.conn);
            }
        }
        if self.reply.is_some() {
            match shape {
                Shape::Reply(text) => return self.continue_reply(no, text),
                Shape::Other if self.reading.bare_replies => return self.continue_reply(no, line),
                Shape::Command(_) | Shape::ReplyRepr(_) => self.end_reply(),
                // Client notes may come between the lines of a reply.
                Shape::Note { .. }
                | Shape::Exception(_)
                | Shape::Connect { .. }
                | Shape::Listening(_)
                | Shape::Failure(..)
                | Shape::Other => {}
            }
        }
        match shape {
            Shape::Command(text) => self.command(no, text),
            Shape::Reply(text) => self.start_reply(no, text),
            Shape::ReplyRepr(text) => self.escaped_reply(no, text),
            Shape::Note { text, .. } => self.note(no, text, c.format == Some(LogFormat::Filezilla)),
            // A Python traceback is the client's word only in ftplib output.
            Shape::Exception(text) if self.tally.count(LogFormat::Ftplib) > 0 => self.note(no, text, false),
            Shape::Connect { target, established } => {
                if let Some((ip, port)) = address_in(target) {
                    self.connection(no, Connection { ip, port, established, data: false });
                }
            }
            Shape::Listening(target) => {
                let ip = address_in(target).map(|(ip, _)| ip.to_canonical()).filter(|ip| !ip.is_unspecified());
                if let (Some(ip), None) = (ip, self.out.control) {
                    self.out.control = Some((ip, no));
                }
            }
            Shape::Failure(text, kind) => self.failure(no, kind, text, false, None),
            Shape::Exception(_) | Shape::Other => {}
        }
    }

    /// A bare protocol line or a line no program marked: what the log's
    /// program means by it, if this pass knows the program.
    fn unmarked(&self, line: &'a str, shape: Shape<'a>) -> Shape<'a> {
        let shape = match shape {
            Shape::Command(_) if !self.reading.bare_commands => Shape::Other,
            Shape::Reply(_) if !self.reading.bare_replies => Shape::Other,
            shape => shape,
        };
        match (shape, self.reading.context) {
            (Shape::Other, Some(context)) => context(trim_end(line)).unwrap_or(Shape::Other),
            (shape, _) => shape,
        }
    }

    /// Make connection `id` the current one (a FileZilla log file's lines
    /// name theirs). Lines before the first id belong to the first.
    fn switch(&mut self, id: u32) {
        self.cur = match self.conns.iter().position(|c| c.id == id) {
            Some(i) => i,
            None if self.conns.len() == 1 && self.conns[0].id == 0 => {
                self.conns[0].id = id;
                0
            }
            None => {
                self.conns.push(Conn::new(id));
                self.conns.len() - 1
            }
        };
    }

    /// The latest exchange of the current connection.
    fn last_draft(&mut self) -> Option<&mut Draft> {
        self.conns[self.cur].last.map(|i| &mut self.out.drafts[i])
    }

    fn push_draft(&mut self, conn: usize, mut d: Draft) -> usize {
        let i = self.out.drafts.len();
        let id = self.conns[conn].id;
        d.connection = (id != 0 && id < KEYED).then(|| id - 1);
        self.out.drafts.push(d);
        self.conns[conn].last = Some(i);
        i
    }

    fn command(&mut self, no: usize, text: &'a str) {
        self.frozen = true;
        self.commands += 1;
        let word = command_word(text);
        let mut data = Command::parse(word);
        // `EPSV ALL` asks for no data connection: its 200 is no passive reply.
        if data == Some(Command::Epsv) && text.trim()[word.len()..].trim().eq_ignore_ascii_case("ALL") {
            data = None;
            self.out.epsv_all.get_or_insert(no);
        }
        let transfer = TRANSFER.iter().any(|t| t.eq_ignore_ascii_case(word));
        let mut exchange = None;
        if matches!(data, Some(Command::Port | Command::Eprt | Command::Lprt)) {
            exchange = Some(self.push_draft(self.cur, draft(no, no, Some((word, no)), data, true, text.trim().to_string())));
        }
        self.conns[self.cur].queue.push(Pending { word, line: no, data, exchange, transfer });
    }

    fn wants_text(&self, code: u16) -> bool {
        matches!(code, 227..=229) || self.conns[self.cur].queue.front().is_some_and(Pending::passive)
    }

    fn start_reply(&mut self, no: usize, text: &'a str) {
        let Some((code, continued)) = reply_head(text) else {
            return;
        };
        // tnftp prints some replies twice, one after the other.
        let repeated = self.previous_reply.is_some_and(|(line, previous)| line + 1 == no && previous == text);
        self.previous_reply = (!continued).then_some((no, text));
        if repeated && self.reading.repeats_replies {
            return;
        }
        self.frozen = true;
        self.server.add(no, text);
        let lines = self.wants_text(code).then(|| alloc::vec![text]);
        self.reply = Some(Reply { code, first: no, last: no, lines, escaped: false, final_text: text, conn: self.cur });
        if !continued {
            self.end_reply();
        }
    }

    fn continue_reply(&mut self, no: usize, text: &'a str) {
        let Some(r) = &self.reply else { return };
        let head = reply_head(text);
        // An unpadded line with another code: the terminator was lost.
        if matches!(head, Some((code, _)) if code != r.code) {
            self.end_reply();
            return self.start_reply(no, text);
        }
        self.server.add(no, text);
        let Some(r) = &mut self.reply else { return };
        r.last = no;
        if let Some(lines) = &mut r.lines {
            lines.push(text);
        }
        if head == Some((r.code, false)) {
            r.final_text = text;
            self.end_reply();
        }
    }

    /// ftplib prints a whole (multi-line) reply as one string literal.
    fn escaped_reply(&mut self, no: usize, literal: &'a str) {
        let Some((code, _)) = reply_head(literal) else {
            return;
        };
        self.frozen = true;
        let want = self.wants_text(code);
        let mut lines = want.then(Vec::new);
        let mut final_text = literal;
        for piece in literal.split("\\n").map(|p| p.trim_end_matches("\\r")).filter(|p| !p.is_empty()) {
            self.server.add(no, piece);
            if let Some(lines) = &mut lines {
                lines.push(piece);
            }
            final_text = piece;
        }
        self.reply = Some(Reply { code, first: no, last: no, lines, escaped: true, final_text, conn: self.cur });
        self.end_reply();
    }

    fn end_reply(&mut self) {
        let Some(r) = self.reply.take() else { return };
        let code = r.code;
        if code < 200 {
            return; // preliminary: the final reply follows
        }
        let conn = r.conn;
        if code == 220 {
            // A (new) connection's greeting: nothing is pending on it.
            self.conns[conn].queue.clear();
            return;
        }
        let passive_reply = matches!(code, 227..=229);
        let mut consumed = false;
        match self.conns[conn].queue.pop() {
            Some(p) if p.passive() => {
                self.exchange(&r, Some(p), !passive_reply && code < 400);
                consumed = true;
            }
            Some(p) => {
                if code == 234 && p.word.eq_ignore_ascii_case("AUTH") {
                    self.out.tls.get_or_insert(r.first);
                }
                if let Some(i) = p.exchange {
                    self.out.drafts[i].reply_code = Some(code);
                }
                if passive_reply {
                    self.exchange(&r, Some(p), true);
                    consumed = true;
                } else if p.transfer && matches!(code, 226 | 250) {
                    if let Some(i) = self.conns[conn].last.filter(|&i| self.out.drafts[i].failure.is_none()) {
                        self.out.drafts[i].completed.get_or_insert(r.first);
                    }
                }
            }
            None if passive_reply => {
                self.exchange(&r, None, self.commands > 0);
                consumed = true;
            }
            None if self.commands > 0 && code != 421 => self.out.stray.push(StrayReply { line: r.first, code }),
            None => {}
        }
        if !consumed && matches!(code, 425 | 426) {
            let kind = if code == 425 { FailureKind::CannotOpen } else { FailureKind::Aborted };
            let cur = core::mem::replace(&mut self.cur, conn);
            self.failure(r.last, kind, r.final_text, false, None);
            self.cur = cur;
        }
    }

    fn exchange(&mut self, r: &Reply<'a>, pending: Option<Pending<'a>>, out_of_step: bool) {
        let lines = r.lines.as_deref().unwrap_or(core::slice::from_ref(&r.final_text));
        let text = exchange_text(lines, r.escaped);
        let sent = pending.and_then(|p| p.data);
        let mut d = draft(r.first, r.last, pending.map(|p| (p.word, p.line)), sent, false, text);
        d.out_of_step = out_of_step;
        d.code = Some(r.code);
        // PASV or LPSV right after a refused EPSV on the same connection: the
        // client fell back (curl does after a 500/502 to EPSV).
        if matches!(sent, Some(Command::Pasv | Command::Lpsv)) {
            let previous = self.conns[r.conn].last.map(|i| (i, &self.out.drafts[i]));
            if let Some((i, prev)) = previous {
                let refused = prev.sent == Some(Command::Epsv)
                    && (prev.code.is_some_and(|c| c >= 400) || (prev.failure.is_some() && prev.completed.is_none()));
                if refused {
                    d.fallback_from = Some(i);
                }
            }
        }
        self.push_draft(r.conn, d);
    }
}
