//! Arbitrary bytes (lossily UTF-8) through every entry point: `decode_all`,
//! `decode`, `analyse` and `report_all` in every language. Every span must be
//! in bounds and on a char boundary; successful decodes must be coherent.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use libfuzzer_sys::fuzz_target;
use pasv_core::{analyse, decode, decode_all, report_all, Command, Context, Kind, Lang, Span};

/// The first byte picks the context, so analysis paths get exercised too.
fn context(selector: u8) -> Context {
    let control = match selector & 7 {
        0 | 1 => None,
        2 => Some(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10))),
        3 => Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))),
        4 => Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        5 => Some(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 7))),
        6 => Some(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        _ => Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
    };
    let sent = match (selector >> 3) % 8 {
        i @ 0..=5 => Some(Command::ALL[usize::from(i)]),
        _ => None,
    };
    Context { control_ip: control, sent }
}

fn check_span(input: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= input.len(), "{what} span {span:?} out of bounds (len {}) in {input:?}", input.len());
    assert!(
        input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
        "{what} span {span:?} not on a char boundary in {input:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let input = String::from_utf8_lossy(rest);
    let input = input.as_ref();
    let ctx = context(selector);

    let all = decode_all(input);
    let first = decode(input);
    match all.first() {
        Some(d) => assert_eq!(&first, d, "decode() differs from decode_all()[0]"),
        None => assert!(!first.is_ok(), "decode() of nothing succeeded"),
    }
    for d in all.iter().chain(std::iter::once(&first)) {
        check_span(input, d.span, "item");
        for s in d.address_fields.iter().chain(&d.port_fields) {
            check_span(input, *s, "field");
            assert!(s.start >= d.span.start && s.end <= d.span.end, "field {s:?} outside item {:?} in {input:?}", d.span);
        }
        if let Some(e) = d.error {
            check_span(input, e.span, "error");
            assert!(d.ip.is_none() && d.port.is_none(), "failed decode still carries an address: {d:?}");
        }
        for f in &d.lints {
            if let Some(s) = f.span {
                check_span(input, s, "lint");
            }
        }
        if d.is_ok() {
            match d.kind {
                Kind::Pasv | Kind::Lpsv | Kind::Port | Kind::Eprt | Kind::Lprt => {
                    assert!(d.ip.is_some(), "ok {:?} without address: {input:?}", d.kind);
                    assert!(d.port.is_some_and(|p| p != 0), "ok {:?} without port: {input:?}", d.kind);
                }
                Kind::Epsv => {
                    assert!(d.ip.is_none(), "229 carries no address");
                    assert!(d.port.is_some_and(|p| p != 0), "ok 229 without port: {input:?}");
                }
                Kind::Other => {}
            }
        }
        if let (Some(port), Some([p1, p2])) = (d.port, d.port_bytes) {
            assert_eq!(port, u16::from_be_bytes([p1, p2]));
        }
        let explained = analyse(d, &ctx);
        for f in &explained.findings {
            if let Some(s) = f.span {
                check_span(input, s, "finding");
            }
        }
        if let Some(target) = explained.connect_to {
            assert_eq!(Some(target.port), d.port);
        }
    }
    for &lang in Lang::ALL.iter() {
        let reports = report_all(input, &ctx, lang);
        assert!(!reports.is_empty(), "report_all returned nothing");
        for r in &reports {
            check_span(input, r.span, "report");
            for s in r.address_spans.iter().chain(&r.port_spans) {
                check_span(input, *s, "report field");
            }
            if let Some(e) = &r.error {
                check_span(input, e.span, "report error");
                assert!(!e.message.is_empty());
                assert!(!r.ok);
            }
            for f in &r.findings {
                assert!(!f.message.is_empty(), "empty message for {}", f.id);
                if let Some(s) = f.span {
                    check_span(input, s, "report finding");
                }
            }
        }
    }
});
