//! Arbitrary text (lossily UTF-8) as a session log: `log::looks_like_log`,
//! `log::analyse_log` without and with a control address, `log::report` (in
//! a language the first byte picks) and `log::redact`. Every line number must be a line of the
//! text, every index must point into its list, every span must be in bounds
//! and on a char boundary of the exchange text it points into, and the
//! override must not change what is read from the log.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use libfuzzer_sys::fuzz_target;
use pasv_core::log::{analyse_log, looks_like_log, redact, report, ControlIp, ControlSource, LogAnalysis, VerdictKind};
use pasv_core::{Command, Lang, Span};

/// The first byte picks the control address given as the override (and,
/// with its high bit, the report's language).
fn control(selector: u8) -> IpAddr {
    match selector % 6 {
        0 => IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10)),
        1 => IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
        2 => IpAddr::V4(Ipv4Addr::LOCALHOST),
        3 => IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 7)),
        4 => IpAddr::V6(Ipv6Addr::LOCALHOST),
        _ => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
    }
}

/// Lines as the log module counts them: split at `\n`, a final `\n` ends
/// the last line rather than starting an empty one.
fn line_count(text: &str) -> usize {
    if text.is_empty() {
        0
    } else {
        text.strip_suffix('\n').unwrap_or(text).split('\n').count()
    }
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} span {span:?} out of bounds (len {}) in {text:?}", text.len());
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on a char boundary in {text:?}"
    );
}

fn check(text: &str, a: &LogAnalysis, lang: Lang) {
    let lines = line_count(text);
    assert_eq!(a.lines, lines, "line count of {text:?}");
    let line_ok = |line: usize, what: &str| assert!((1..=lines).contains(&line), "{what} line {line} not in 1..={lines} of {text:?}");
    if looks_like_log(text) {
        assert!(a.format.is_some(), "looks_like_log but no format recognised in {text:?}");
    }
    if let Some(s) = a.server {
        line_ok(s.line, "server");
    }
    if let Some(ControlIp { source: ControlSource::Log { line }, .. }) = a.control {
        line_ok(line, "control");
    }
    let (n_ex, n_fail) = (a.exchanges.len(), a.failures.len());
    for (i, e) in a.exchanges.iter().enumerate() {
        line_ok(e.line, "exchange");
        line_ok(e.last_line, "exchange last");
        assert!(e.line <= e.last_line, "exchange {i} ends (line {}) before it starts (line {}) in {text:?}", e.last_line, e.line);
        if let Some(c) = e.command_line {
            line_ok(c, "command");
        }
        if let Some(c) = &e.command {
            assert_eq!(c, &c.to_ascii_uppercase(), "command word not upper case in {text:?}");
        }
        for l in [e.client_fixup, e.client_target.map(|t| t.1), e.completed].into_iter().flatten() {
            line_ok(l, "exchange note");
        }
        if let Some(f) = e.failure {
            assert!(f < n_fail, "exchange {i} failure index {f} of {n_fail}");
        }
        if let Some(j) = e.fallback_from {
            assert!(j < i, "exchange {i} falls back from a later exchange {j}");
            assert_eq!(a.exchanges[j].explained.sent, Some(Command::Epsv), "fallback from a non-EPSV exchange in {text:?}");
        }
        let d = &e.explained.decoded;
        check_span(&e.text, d.span, "item");
        for s in d.address_fields.iter().chain(&d.port_fields) {
            check_span(&e.text, *s, "field");
        }
        if let Some(err) = d.error {
            check_span(&e.text, err.span, "error");
        }
        for f in &e.explained.findings {
            if let Some(s) = f.span {
                check_span(&e.text, s, "finding");
            }
        }
    }
    for (i, f) in a.failures.iter().enumerate() {
        line_ok(f.line, "failure");
        if let Some(x) = f.exchange {
            assert!(x < n_ex, "failure {i} exchange index {x} of {n_ex}");
        }
    }
    for s in &a.stray {
        line_ok(s.line, "stray reply");
    }
    let v = &a.verdict;
    if let Some(l) = v.line {
        line_ok(l, "verdict");
    }
    if let Some(x) = v.exchange {
        assert!(x < n_ex, "verdict exchange index {x} of {n_ex}");
    }
    if let Some(f) = v.failure {
        assert!(f < n_fail, "verdict failure index {f} of {n_fail}");
    }
    if v.kind == VerdictKind::NoExchanges {
        assert_eq!(n_ex, 0, "verdict no-exchanges with exchanges in {text:?}");
    }
    let r = report(a, lang);
    assert_eq!(r.exchanges.len(), n_ex);
    assert_eq!(r.summary.lines, lines);
    assert!(!r.summary.verdict.message.is_empty(), "empty verdict message for {text:?}");
    for x in &r.exchanges {
        check_span(&x.text, x.report.span, "report");
        if let Some(err) = &x.report.error {
            check_span(&x.text, err.span, "report error");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let lang = Lang::ALL[usize::from(selector >> 7) % Lang::ALL.len()];

    let plain = analyse_log(text, None);
    check(text, &plain, lang);
    if let Some(c) = plain.control {
        assert!(matches!(c.source, ControlSource::Log { .. }), "an override without one being given");
    }

    let ip = control(selector);
    let given = analyse_log(text, Some(ip));
    check(text, &given, lang);
    assert_eq!(given.control, Some(ControlIp { ip, source: ControlSource::Override }));
    // The override changes the analysis, not what is read from the log.
    assert_eq!((given.format, given.lines, given.server), (plain.format, plain.lines, plain.server));
    assert_eq!(given.exchanges.len(), plain.exchanges.len());
    for (g, p) in given.exchanges.iter().zip(&plain.exchanges) {
        assert_eq!((g.line, g.last_line, &g.text, &g.explained.decoded), (p.line, p.last_line, &p.text, &p.explained.decoded));
    }
    assert_eq!(given.failures, plain.failures);
    assert_eq!(given.stray, plain.stray);

    // Redaction keeps every line ending.
    let redacted = redact(text);
    assert_eq!(redacted.matches('\n').count(), text.matches('\n').count(), "redact changed the lines of {text:?}");
});
