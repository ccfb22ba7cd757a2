//! The JSON contract for logs: one [`ExchangeReport`] per exchange (the
//! single-reply [`Report`] plus where it is in the log) and a
//! [`SummaryReport`] with the verdict, rendered in a [`Lang`].
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::advice::{advice, Advice};
use super::verdict::fallback_after;
use super::{ControlSource, FailureKind, LogAnalysis, LogFormat, ServerSoftware, VerdictKind};
use crate::{class_msg, error_message, finding_message, render, Arg, Citation, Command, Lang, LogMsg, Report, Severity};

/// One exchange as reported: `line` and `command` first, then every field of
/// the single-reply [`Report`], whose spans point into `text`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FixReport {
    /// Stable id, e.g. `nat-vsftpd`.
    pub id: &'static str,
    /// Localized instructions.
    pub message: String,
    /// The documentation it follows.
    pub citation: Citation,
}

/// The verdict as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VerdictReport {
    /// Stable kebab-case id.
    pub id: &'static str,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StrayReport {
    /// 1-based line.
    pub line: usize,
    /// The reply code.
    pub code: u16,
}

/// Everything about the log as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SummaryReport {
    /// `filezilla`, `curl`, `lftp`, `winscp`, `ftplib`, `raw`, or null.
    pub format: Option<LogFormat>,
    /// Localized name of the format.
    pub format_name: Option<String>,
    /// `vsftpd`, `proftpd`, `pure-ftpd`, `iis`, `filezilla-server`, `serv-u`, `pyftpdlib`, or null.
    pub server: Option<ServerSoftware>,
    /// The product's name.
    pub server_name: Option<&'static str>,
    /// Line that identified the server.
    pub server_line: Option<usize>,
    /// The server was guessed from characteristic wording, not named.
    pub server_guessed: bool,
    /// The control connection's address used for the analysis.
    pub control_ip: Option<String>,
    /// `log` or `override`.
    pub control_source: Option<&'static str>,
    /// Line of the log it came from.
    pub control_line: Option<usize>,
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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".to_string())
}

/// The localized explanation of the verdict.
pub fn verdict_message(a: &LogAnalysis, lang: Lang) -> String {
    let v = &a.verdict;
    let e = v.exchange.map(|i| &a.exchanges[i]);
    let failure = v.failure.map(|i| &a.failures[i]);
    // The exchange the failure followed (the verdict's own, or the one
    // whose failure is the evidence).
    let failed = failure.and_then(|f| f.exchange).map(|i| &a.exchanges[i]).or(e);
    let d = e.map(|e| &e.explained);
    let control = a.control.map(|c| c.ip);
    // A failure naming another port than the data connection's (curl
    // 7.88 names the control port) does not say where that connection went.
    let data_port = failed.and_then(|x| x.explained.decoded.port);
    let target = failure
        .and_then(|f| f.target)
        .filter(|t| data_port.is_none_or(|p| p == t.port))
        .or(failed.and_then(|x| x.client_target.map(|t| t.0)))
        .or(failed.and_then(|x| x.explained.connect_to));
    // An EPSV the server refused before this reply.
    let refused_epsv = v.exchange.and_then(|i| {
        let e = &a.exchanges[i];
        e.fallback_from.map(|j| &a.exchanges[j]).or_else(|| {
            a.exchanges[..i]
                .iter()
                .rev()
                .find(|x| x.explained.sent == Some(Command::Epsv) && matches!(x.explained.decoded.code, Some(500 | 502 | 522)))
        })
    });
    let ftplib = e.is_some_and(|e| e.client_ignores_address);
    let loopback = control.is_some_and(|c| c.to_canonical().is_loopback());
    let ipv6 = control.is_some_and(|c| c.to_canonical().is_ipv6());
    // Python's ftplib sends EPSV only over IPv6 (FTP.makepasv).
    let ftplib_epsv = a.format == Some(LogFormat::Ftplib) && control.is_none();
    let epsv_all = a.epsv_all.filter(|&l| v.line.is_some_and(|line| l < line));
    let vsftpd = a.server.is_some_and(|s| s.software == ServerSoftware::Vsftpd);
    // The exchange that worked after a refused EPSV (PASV, or PORT/EPRT).
    let fallback = match v.kind {
        VerdictKind::EpsvFallback => v.exchange.and_then(|i| fallback_after(&a.exchanges, &a.failures, i)).map(|j| &a.exchanges[j]),
        _ => None,
    };
    // For a failure no exchange explains: the last exchange before it.
    let previous = failure.filter(|f| f.exchange.is_none()).and_then(|f| a.exchanges.iter().rev().find(|x| x.line < f.line));
    let msg = match v.kind {
        VerdictKind::NatUnroutable if ftplib => LogMsg::VerdictNatUnroutableFtplib,
        VerdictKind::NatUnroutable if a.tls.is_some() && control.is_some() => LogMsg::VerdictNatUnroutableTls,
        VerdictKind::NatUnroutable if loopback => LogMsg::VerdictNatUnroutableLoopback,
        VerdictKind::NatWorkedAround if loopback => LogMsg::VerdictNatWorkedAroundLoopback,
        VerdictKind::EpsvRefused if ipv6 => LogMsg::VerdictEpsvRefusedIpv6,
        VerdictKind::EpsvRefused if ftplib_epsv => LogMsg::VerdictEpsvRefusedFtplib,
        VerdictKind::PassiveRefused if epsv_all.is_some() => LogMsg::VerdictPassiveRefusedEpsvAll,
        VerdictKind::PassiveRefused if e.is_some_and(|e| e.explained.sent == Some(Command::Lpsv)) => LogMsg::VerdictLpsvRefused,
        VerdictKind::PassiveRefused if ipv6 && e.is_some_and(|e| e.explained.sent == Some(Command::Pasv)) => {
            LogMsg::VerdictPassiveRefusedIpv6
        }
        VerdictKind::NatPortsBlocked if a.tls.is_some() && control.is_some() && target.is_some() => LogMsg::VerdictNatPortsBlockedTls,
        VerdictKind::EpsvFallback if fallback.is_some_and(|x| x.is_active()) => LogMsg::VerdictEpsvFallbackActive,
        VerdictKind::PassiveDisabled if vsftpd => LogMsg::VerdictPassiveDisabledVsftpd,
        VerdictKind::NatWorkedAround if ftplib => LogMsg::VerdictNatWorkedAroundFtplib,
        VerdictKind::NatPortsBlocked if ftplib => LogMsg::VerdictNatPortsBlockedFtplib,
        VerdictKind::DataFailure if previous.is_some() => LogMsg::VerdictDataFailureLater,
        VerdictKind::NatUnroutable if control.is_none() => LogMsg::VerdictNatUnroutableNoControl,
        VerdictKind::NatWorkedAround if control.is_none() => LogMsg::VerdictNatWorkedAroundNoControl,
        VerdictKind::NatPortsBlocked if control.is_none() || target.is_none() => LogMsg::VerdictNatPortsBlockedNoTarget,
        VerdictKind::FamilyMismatch if refused_epsv.is_some() => LogMsg::VerdictFamilyMismatchEpsvRefused,
        VerdictKind::OutOfStep if e.is_none_or(|e| e.command.is_none()) => LogMsg::VerdictOutOfStepUnsolicited,
        kind => kind.msg(),
    };
    let code = d.and_then(|d| d.decoded.code).or_else(|| a.stray.iter().find(|s| Some(s.line) == v.line).map(|s| s.code));
    let fallback_command = or_dash(fallback.and_then(|x| x.command.clone()));
    let fallback = fallback.map(|x| x.line);
    let wanted = match v.kind {
        VerdictKind::EpsvRefused => Some(Advice::UsePasv),
        VerdictKind::ActiveFailed => Some(Advice::UsePassive),
        VerdictKind::NatUnroutable if !ftplib => Some(Advice::IgnoreAddress),
        _ => None,
    };
    let advice = wanted.map(|what| render(lang, advice(a.format, what), &[])).unwrap_or_default();
    let tls = or_dash(a.tls.map(|l| l.to_string()));
    let epsv_all = or_dash(epsv_all.map(|l| l.to_string()));
    let detail = match (v.kind, e) {
        (VerdictKind::MalformedReply, Some(e)) => {
            e.explained.decoded.error.map(|err| error_message(lang, e.explained.decoded.kind, &err, &e.text)).unwrap_or_default()
        }
        // A 425 to the passive command itself is no failed data connection
        // (the finding explains that case): the server's own words say why.
        (VerdictKind::PassiveRefused, Some(e)) if e.explained.decoded.code == Some(425) => {
            render(lang, LogMsg::VerdictServerSays, &[Arg { name: "text", value: &e.text }])
        }
        (VerdictKind::PassiveRefused, Some(e)) => {
            e.explained.findings.first().map(|f| finding_message(lang, f, &e.explained, &e.text)).unwrap_or_default()
        }
        _ => String::new(),
    };
    let line = or_dash(v.line.map(|l| l.to_string()));
    let address = or_dash(d.and_then(|d| d.decoded.ip).map(|ip| ip.to_string()));
    let class = or_dash(d.and_then(|d| d.address_class).map(|c| render(lang, class_msg(c), &[])));
    let control = or_dash(control.map(|ip| ip.to_string()));
    let code = or_dash(code.map(|c| c.to_string()));
    let sent = or_dash(e.and_then(|e| e.command.clone()));
    let target = or_dash(target.map(|t| t.to_string()));
    let kind = or_dash(failure.map(|f| failure_message(f.kind, lang)));
    let established = or_dash(e.and_then(|e| e.data_connected).map(|l| l.to_string()));
    let failure = or_dash(failure.map(|f| f.line.to_string()));
    let fallback = or_dash(fallback.map(|l| l.to_string()));
    let previous = or_dash(previous.map(|x| x.line.to_string()));
    let epsv_line = or_dash(refused_epsv.map(|x| x.line.to_string()));
    let epsv_code = or_dash(refused_epsv.and_then(|x| x.explained.decoded.code).map(|c| c.to_string()));
    let args = [
        Arg { name: "line", value: &line },
        Arg { name: "address", value: &address },
        Arg { name: "class", value: &class },
        Arg { name: "control", value: &control },
        Arg { name: "code", value: &code },
        Arg { name: "sent", value: &sent },
        Arg { name: "target", value: &target },
        Arg { name: "failure", value: &failure },
        Arg { name: "kind", value: &kind },
        Arg { name: "established", value: &established },
        Arg { name: "fallback", value: &fallback },
        Arg { name: "previous", value: &previous },
        Arg { name: "epsv_line", value: &epsv_line },
        Arg { name: "epsv_code", value: &epsv_code },
        Arg { name: "detail", value: &detail },
        Arg { name: "advice", value: &advice },
        Arg { name: "fallback_command", value: &fallback_command },
        Arg { name: "tls", value: &tls },
        Arg { name: "epsv_all", value: &epsv_all },
    ];
    render(lang, msg, &args).trim_end().to_string()
}

/// The localized fix for the verdict, when it has one. The public address
/// to announce is the control connection's, when known. When the server
/// software was only guessed from its wording, the fix says so.
pub fn fix_message(a: &LogAnalysis, lang: Lang) -> Option<String> {
    let fix = a.verdict.fix?;
    let address = a.control.map_or_else(|| render(lang, LogMsg::UiPublicAddress, &[]), |c| c.ip.to_string());
    let (min, max) = fix.range();
    let (min, max, end) = (min.to_string(), max.to_string(), (u32::from(max) + 1).to_string());
    let args = [
        Arg { name: "address", value: &address },
        Arg { name: "min", value: &min },
        Arg { name: "max", value: &max },
        Arg { name: "end", value: &end },
    ];
    let mut message = render(lang, fix.msg(), &args);
    // EPSV is a way out only for a server that did not refuse it.
    let epsv_refused = a.exchanges.iter().any(|x| {
        let d = &x.explained.decoded;
        x.explained.sent == Some(Command::Epsv) && d.kind == crate::Kind::Other && d.code.is_some_and(|c| c >= 400)
    });
    if fix.server.is_none() && fix.issue == super::FixIssue::Nat && !epsv_refused {
        message.push(' ');
        message.push_str(&render(lang, LogMsg::FixEpsvToo, &[]));
    }
    // A range read from the log is the least the server uses: say so.
    if fix.ports.is_some() && fix.names_range() {
        message.push(' ');
        message.push_str(&render(lang, LogMsg::FixPortsSeen, &args));
    }
    match a.server.filter(|s| s.guessed && fix.server == Some(s.software)) {
        Some(s) => {
            let line = s.line.to_string();
            let args = [
                Arg { name: "line", value: &line },
                Arg { name: "server", value: &s.software.name() },
                Arg { name: "fix", value: &message },
            ];
            Some(render(lang, LogMsg::FixGuessed, &args))
        }
        None => Some(message),
    }
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
        control_source: a.control.map(|c| match c.source {
            ControlSource::Log { .. } => "log",
            ControlSource::Override => "override",
        }),
        control_line: a.control.and_then(|c| match c.source {
            ControlSource::Log { line } => Some(line),
            ControlSource::Override => None,
        }),
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
