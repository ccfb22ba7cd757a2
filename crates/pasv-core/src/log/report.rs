//! The JSON contract for logs: one [`ExchangeReport`] per exchange (the
//! single-reply [`Report`] plus where it is in the log) and a
//! [`SummaryReport`] with the verdict, rendered in a [`Lang`].
use alloc::string::{String, ToString};
use alloc::vec::Vec;

pub use super::explain::{fix_message, verdict_message};
use super::{ControlSource, FailureKind, LogAnalysis, LogFormat, ServerSoftware};
use crate::{render, Citation, Lang, Report, Severity};

/// One exchange as reported: `line` and `command` first, then every field of
/// the single-reply [`Report`], whose spans point into `text`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExchangeReport {
    /// 1-based line of what was decoded (the reply; the command for PORT/EPRT/LPRT).
    pub line: usize,
    /// The command the reply answers (`PASV`, `EPSV`…), or null when the log shows none.
    pub command: Option<String>,
    /// 1-based line of that command.
    pub command_line: Option<usize>,
    /// Last line of a multi-line reply.
    pub last_line: usize,
    /// The text decoded; `span`, `address_spans` and `port_spans` point into it.
    pub text: String,
    /// The reply does not answer the command before it.
    pub out_of_step: bool,
    /// PORT/EPRT/LPRT: the server's reply code.
    pub reply_code: Option<u16>,
    /// Line where the client says it ignored the announced address.
    pub client_fixup_line: Option<usize>,
    /// The client ignores the announced address without saying so: a 227 in
    /// Python ftplib output (the default since Python 3.9.3, CVE-2021-4189).
    pub client_ignores_address: bool,
    /// Where the client says it connected for data, `ip:port`.
    pub client_target: Option<String>,
    /// The line where the client says so.
    pub client_target_line: Option<usize>,
    /// Line of the refused EPSV this PASV falls back from.
    pub fallback_from_line: Option<usize>,
    /// The data-connection failure that followed, if any.
    pub data_failure: Option<FailureReport>,
    /// Line of the reply that completed the transfer (226/250).
    pub completed_line: Option<usize>,
    /// Line where the client says the data connection was established.
    pub data_connected_line: Option<usize>,
    /// The connection it was on, when the log names connections (FileZilla
    /// log files: the id after the process id).
    pub connection: Option<u32>,
    /// The decoding and analysis.
    #[serde(flatten)]
    pub report: Report,
}

/// A data-connection failure as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FailureReport {
    /// 1-based line.
    pub line: usize,
    /// Stable kebab-case id.
    pub kind: FailureKind,
    /// Localized description.
    pub message: String,
    /// The client's message or reply (user names masked).
    pub text: String,
    /// Index of the exchange it follows.
    pub exchange: Option<usize>,
    /// Where the failed connection went, `ip:port`, when the log says.
    pub target: Option<String>,
}

/// A server-side fix as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FixReport {
    /// Stable id, e.g. `nat-vsftpd`.
    #[serde(deserialize_with = "crate::restore::fix_id")]
    pub id: &'static core::primitive::str,
    /// Localized instructions.
    pub message: String,
    /// The documentation it follows.
    pub citation: Citation,
}

/// The verdict as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerdictReport {
    /// Stable kebab-case id.
    #[serde(deserialize_with = "crate::restore::verdict_id")]
    pub id: &'static core::primitive::str,
    /// `danger` (a failure), `warning` or `info`.
    pub severity: Severity,
    /// Localized explanation.
    pub message: String,
    /// Index of the exchange it concerns.
    pub exchange: Option<usize>,
    /// 1-based line it concerns.
    pub line: Option<usize>,
    /// The standard or source the verdict rests on (every verdict has one).
    pub citation: Citation,
    /// The fix, for server-side causes.
    pub fix: Option<FixReport>,
}

/// A stray reply as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StrayReport {
    /// 1-based line.
    pub line: usize,
    /// The reply code.
    pub code: u16,
}

/// Everything about the log as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SummaryReport {
    /// `filezilla`, `curl`, `lftp`, `winscp`, `ftplib`, `raw`, or null.
    pub format: Option<LogFormat>,
    /// Localized name of the format.
    pub format_name: Option<String>,
    /// `vsftpd`, `proftpd`, `pure-ftpd`, `iis`, `filezilla-server`, `serv-u`, `pyftpdlib`, or null.
    pub server: Option<ServerSoftware>,
    /// The product's name.
    #[serde(deserialize_with = "crate::restore::server_name")]
    pub server_name: Option<&'static core::primitive::str>,
    /// Line that identified the server.
    pub server_line: Option<usize>,
    /// The server was guessed from characteristic wording, not named.
    pub server_guessed: bool,
    /// The control connection's address used for the analysis.
    pub control_ip: Option<String>,
    /// `log` or `override`.
    #[serde(deserialize_with = "crate::restore::control_source")]
    pub control_source: Option<&'static core::primitive::str>,
    /// Line of the log it came from.
    pub control_line: Option<usize>,
    /// A server's own log: the client's address, as the server saw it.
    pub client_ip: Option<String>,
    /// The line that names it first.
    pub client_line: Option<usize>,
    /// The most likely cause.
    pub verdict: VerdictReport,
    /// Number of exchanges.
    pub exchanges: usize,
    /// Number of exchanges whose text did not decode.
    pub undecoded: usize,
    /// The same number as `undecoded`, under its first name (kept for
    /// existing readers of the JSON; it never counted failed transfers).
    pub failed: usize,
    /// Data-connection failures.
    pub data_failures: Vec<FailureReport>,
    /// Replies that arrived when no command was waiting.
    pub stray_replies: Vec<StrayReport>,
    /// Lines in the log.
    pub lines: usize,
    /// No failure: every exchange decoded and the verdict is not a failure.
    pub ok: bool,
}

/// The whole log as reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LogReport {
    /// The summary.
    pub summary: SummaryReport,
    /// Every exchange, in order.
    pub exchanges: Vec<ExchangeReport>,
}

/// The localized name of a log format.
pub fn format_name(format: LogFormat, lang: Lang) -> String {
    render(lang, format.msg(), &[])
}

/// The localized description of a failure kind.
pub fn failure_message(kind: FailureKind, lang: Lang) -> String {
    render(lang, kind.msg(), &[])
}

fn failure_report(a: &LogAnalysis, i: usize, lang: Lang) -> FailureReport {
    let f = &a.failures[i];
    FailureReport {
        line: f.line,
        kind: f.kind,
        message: failure_message(f.kind, lang),
        text: f.text.clone(),
        exchange: f.exchange,
        target: f.target.map(|t| t.to_string()),
    }
}

/// Report a log analysis in `lang`.
pub fn report(a: &LogAnalysis, lang: Lang) -> LogReport {
    let exchanges: Vec<ExchangeReport> = a
        .exchanges
        .iter()
        .map(|e| ExchangeReport {
            line: e.line,
            command: e.command.clone(),
            command_line: e.command_line,
            last_line: e.last_line,
            text: e.text.clone(),
            out_of_step: e.out_of_step,
            reply_code: e.reply_code,
            client_fixup_line: e.client_fixup,
            client_ignores_address: e.client_ignores_address,
            client_target: e.client_target.map(|(t, _)| t.to_string()),
            client_target_line: e.client_target.map(|(_, line)| line),
            fallback_from_line: e.fallback_from.map(|i| a.exchanges[i].line),
            data_failure: e.failure.map(|i| failure_report(a, i, lang)),
            completed_line: e.completed,
            data_connected_line: e.data_connected,
            connection: e.connection,
            report: crate::report(&e.explained, lang, &e.text),
        })
        .collect();
    let v = &a.verdict;
    let undecoded = a.exchanges.iter().filter(|e| !e.explained.decoded.is_ok()).count();
    let verdict = VerdictReport {
        id: v.kind.as_str(),
        severity: v.severity,
        message: verdict_message(a, lang),
        exchange: v.exchange,
        line: v.line,
        citation: v.citation(),
        fix: v.fix.map(|fix| FixReport { id: fix.id(), message: fix_message(a, lang).unwrap_or_default(), citation: fix.citation() }),
    };
    let summary = SummaryReport {
        format: a.format,
        format_name: a.format.map(|f| format_name(f, lang)),
        server: a.server.map(|s| s.software),
        server_name: a.server.map(|s| s.software.name()),
        server_line: a.server.map(|s| s.line),
        server_guessed: a.server.is_some_and(|s| s.guessed),
        control_ip: a.control.map(|c| c.ip.to_string()),
        control_source: a.control.map(|c| c.source.as_str()),
        control_line: a.control.and_then(|c| match c.source {
            ControlSource::Log { line } => Some(line),
            ControlSource::Override => None,
        }),
        client_ip: a.client.map(|c| c.ip.to_string()),
        client_line: a.client.map(|c| c.line),
        verdict,
        exchanges: a.exchanges.len(),
        undecoded,
        failed: undecoded,
        data_failures: (0..a.failures.len()).map(|i| failure_report(a, i, lang)).collect(),
        stray_replies: a.stray.iter().map(|s| StrayReport { line: s.line, code: s.code }).collect(),
        lines: a.lines,
        ok: !a.is_failure(),
    };
    LogReport { summary, exchanges }
}
