//! The verdict and its fix in words: the message variant the log calls for
//! (loopback, TLS, IPv6, the client that wrote it…), with the client's own
//! advice and the port range the log shows.
use alloc::string::{String, ToString};

use super::advice::{advice, Advice};
use super::report::failure_message;
use super::verdict::{fallback_after, refused};
use super::{LogAnalysis, LogFormat, ServerSoftware, VerdictKind};
use crate::{class_msg, error_message, finding_message, render, Arg, Command, Lang, LogMsg};

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
    // A server's own log names the client instead of the control address.
    let server_log = a.client.is_some() && a.format.is_some_and(|f| f.is_server_side());
    // A failure naming another port than the data connection's (curl
    // 7.88 names the control port) does not say where that connection went.
    let data_port = failed.and_then(|x| x.explained.decoded.port);
    let target = failure
        .and_then(|f| f.target)
        .filter(|t| data_port.is_none_or(|p| p == t.port))
        .or(failed.and_then(|x| x.client_target.map(|t| t.0)))
        .or(failed.and_then(|x| x.explained.connect_to));
    // An EPSV the server refused before this reply: the verdict's own rule
    // (any 4xx/5xx, a 501 included), so the message and the verdict agree.
    let refused_epsv = v.exchange.and_then(|i| {
        let e = &a.exchanges[i];
        e.fallback_from.map(|j| &a.exchanges[j]).or_else(|| a.exchanges[..i].iter().rev().find(|x| refused(x, Command::Epsv)))
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
        // Without the control address, the ftplib message says the log cannot
        // show the announced address reachable.
        VerdictKind::NatWorkedAround if ftplib && control.is_none() => LogMsg::VerdictNatUnroutableFtplib,
        VerdictKind::NatWorkedAround if ftplib => LogMsg::VerdictNatWorkedAroundFtplib,
        VerdictKind::NatPortsBlocked if ftplib => LogMsg::VerdictNatPortsBlockedFtplib,
        VerdictKind::DataFailure if previous.is_some() => LogMsg::VerdictDataFailureLater,
        VerdictKind::PortsBlocked if failure.is_none() => LogMsg::VerdictPortsBlockedHung,
        VerdictKind::NatUnroutable if control.is_none() && server_log => LogMsg::VerdictNatUnroutableServerLog,
        VerdictKind::NatWorkedAround if control.is_none() && server_log => LogMsg::VerdictNatWorkedAroundServerLog,
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
    let client = or_dash(a.client.map(|c| c.ip.to_string()));
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
        Arg { name: "client", value: &client },
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
    let epsv_refused = a.exchanges.iter().any(|x| refused(x, Command::Epsv));
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
