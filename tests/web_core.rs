//! The core's table checks, run in the browser: the same file runs natively
//! (`cargo test`) and in headless Chromium (`cargo test --target
//! wasm32-unknown-unknown -p pasv-lens-web`), in the manner of rust-url's
//! `url/tests/unit.rs`, where `#[test]` becomes `#[wasm_bindgen_test]` on
//! wasm32. It proves that the core the page ships behaves in wasm32 (32-bit
//! `usize`, no OS) exactly as the native test suite says.
//!
//! The cases come from the core itself: every line of
//! `crates/pasv-core/tests/vectors.tsv` (loaded by the core's own
//! `tests/common` module), checked column by column in both languages, plus
//! round trips through `encode` and inputs chosen for what could differ on a
//! 32-bit target (numbers past `u32`/`usize`, long inputs, multi-byte text).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../crates/pasv-core/tests/common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::net::IpAddr;

use common::{kind_id, load_vectors, span_problems, spans, Vector};
use pasv_core::{decode, decode_all, encode, report_all, Context, Kind, Lang, SocketTarget};

/// The differences between the first report for `v` and its expectations
/// (the same columns crates/pasv-core/tests/vectors.rs checks).
fn problems(v: &Vector) -> Vec<String> {
    let context = Context { control_ip: v.control, sent: v.sent };
    let reports = report_all(&v.input, &context, Lang::En);
    let mut out: Vec<String> = reports.iter().flat_map(|r| span_problems(&v.input, r)).collect();
    if reports.len() != v.n {
        out.push(format!("n: expected {}, got {}", v.n, reports.len()));
    }
    let Some(r) = reports.first() else {
        out.push("no report".into());
        return out;
    };
    let opt = |x: Option<String>| x.unwrap_or_else(|| "-".into());
    let pairs = [
        ("kind", v.kind.clone(), kind_id(r)),
        ("code", format!("{:?}", v.code), format!("{:?}", r.code)),
        ("ok", v.ok.to_string(), r.ok.to_string()),
        ("ip", opt(v.ip.clone()), opt(r.ip.clone())),
        ("port", format!("{:?}", v.port), format!("{:?}", r.port)),
        ("connect_to", opt(v.connect_to.clone()), opt(r.connect_to.clone())),
        ("error", opt(v.error.clone()), opt(r.error.as_ref().map(|e| e.id.to_string()))),
    ];
    for (name, want, got) in pairs {
        if want != got {
            out.push(format!("{name}: expected {want}, got {got}"));
        }
    }
    if let (Some(want), Some(e)) = (&v.error_text, &r.error) {
        let got = v.input.get(e.span.start..e.span.end);
        if got != Some(want.as_str()) {
            out.push(format!("error_text: expected {want:?}, got {got:?}"));
        }
    }
    let got: BTreeSet<String> = r.findings.iter().map(|f| f.id.to_string()).collect();
    if got != v.findings {
        out.push(format!("findings: expected {:?}, got {got:?}", v.findings));
    }
    out
}

#[test]
fn every_core_vector_holds() {
    let vectors = load_vectors();
    assert!(vectors.len() > 100, "only {} vectors loaded", vectors.len());
    let mut report = String::new();
    let mut failed = 0;
    for v in &vectors {
        let found = problems(v);
        if !found.is_empty() {
            failed += 1;
            let _ = writeln!(report, "vectors.tsv:{}: {:?}\n    {}", v.line, v.input, found.join("\n    "));
        }
    }
    assert!(failed == 0, "{failed} of {} vectors failed on this target:\n{report}", vectors.len());
}

#[test]
fn every_core_vector_renders_in_every_language() {
    for v in load_vectors() {
        let context = Context { control_ip: v.control, sent: v.sent };
        let en = report_all(&v.input, &context, Lang::En);
        for &lang in Lang::ALL {
            let other = report_all(&v.input, &context, lang);
            assert_eq!(other.len(), en.len(), "vectors.tsv:{} {lang:?}", v.line);
            for (a, b) in en.iter().zip(&other) {
                assert_eq!(spans(a), spans(b), "vectors.tsv:{} {lang:?}: spans", v.line);
                assert_eq!((a.ok, &a.ip, a.port, &a.connect_to), (b.ok, &b.ip, b.port, &b.connect_to), "vectors.tsv:{} {lang:?}", v.line);
                let messages = b.error.iter().map(|e| &e.message).chain(b.findings.iter().map(|f| &f.message));
                for m in messages {
                    assert!(!m.trim().is_empty(), "vectors.tsv:{} {lang:?}: empty message", v.line);
                    assert!(!m.contains("{") || !m.contains("}"), "vectors.tsv:{} {lang:?}: placeholder left in {m:?}", v.line);
                }
            }
        }
    }
}

/// Every target `encode` writes decodes back to itself, in every form that can carry it.
#[test]
fn encode_then_decode_round_trips() {
    let targets = [
        "10.0.0.12:40000",
        "192.0.2.1:1",
        "255.255.255.255:65535",
        "198.51.100.20:50000",
        "[2001:db8::7]:5282",
        "[::1]:1",
        "[::ffff:192.0.2.1]:65535",
        "[fe80::1]:21",
    ];
    for text in targets {
        let addr: std::net::SocketAddr = text.parse().unwrap();
        let target = SocketTarget { ip: addr.ip(), port: addr.port() };
        let e = encode(target);
        let mut forms: Vec<(String, Kind)> = vec![(e.lpsv.clone(), Kind::Lpsv), (e.eprt.clone(), Kind::Eprt), (e.lprt.clone(), Kind::Lprt)];
        forms.extend(e.pasv.clone().map(|p| (p, Kind::Pasv)));
        forms.extend(e.port.clone().map(|p| (p, Kind::Port)));
        assert_eq!(e.pasv.is_some(), addr.is_ipv4(), "{text}: 227 only for IPv4");
        for (line, kind) in forms {
            let d = decode(&line);
            assert!(d.is_ok(), "{text}: {line:?} does not decode: {:?}", d.error);
            assert_eq!(d.kind, kind, "{line:?}");
            assert_eq!(d.ip, Some(target.ip), "{line:?}");
            assert_eq!(d.port, Some(target.port), "{line:?}");
        }
        let d = decode(&e.epsv);
        assert_eq!((d.kind, d.port, d.ip), (Kind::Epsv, Some(target.port), None), "{:?}", e.epsv);
    }
}

/// Inputs where a 32-bit `usize` or a different integer width could change
/// the outcome: numbers far past `u8`, `u16`, `u32` and `u64`, and offsets
/// after multi-byte characters.
#[test]
fn wide_numbers_and_offsets_behave_as_natively() {
    let cases: &[(&str, bool, Option<u16>)] = &[
        ("227 Entering Passive Mode (10,0,0,12,156,64)", true, Some(40000)),
        ("227 Entering Passive Mode (10,0,0,12,255,255)", true, Some(65535)),
        ("227 Entering Passive Mode (10,0,0,12,256,0)", false, None),
        ("227 Entering Passive Mode (10,0,0,12,4294967296,0)", false, None),
        ("227 Entering Passive Mode (10,0,0,12,18446744073709551616,0)", false, None),
        ("227 Entering Passive Mode (10,0,0,4294967308,156,64)", false, None),
        ("229 Entering Extended Passive Mode (|||65535|)", true, Some(65535)),
        ("229 Entering Extended Passive Mode (|||65536|)", false, None),
        ("229 Entering Extended Passive Mode (|||4294967297|)", false, None),
        ("229 Entering Extended Passive Mode (|||99999999999999999999999|)", false, None),
        ("EPRT |1|10.0.0.12|4294967296|", false, None),
        ("PORT 10,0,0,12,156,64", true, Some(40000)),
        ("227 Chế độ thụ động — (10,0,0,12,156,64)", true, Some(40000)),
    ];
    for &(input, ok, port) in cases {
        let d = decode(input);
        assert_eq!(d.is_ok(), ok, "{input:?}: {:?}", d.error);
        assert_eq!(d.port, port, "{input:?}");
        for s in d.address_fields.iter().chain(&d.port_fields).chain(d.error.as_ref().map(|e| &e.span)) {
            assert!(input.get(s.start..s.end).is_some(), "{input:?}: span {s:?} is not on char boundaries");
        }
        if let Some(e) = &d.error {
            let marked = &input[e.span.start..e.span.end];
            assert!(!marked.contains('('), "{input:?}: the error marks {marked:?}, more than the bad field");
        }
    }
}

/// A long paste of many replies: spans far into the text stay exact on a
/// 32-bit target.
#[test]
fn long_inputs_keep_exact_spans() {
    let line = "227 Entering Passive Mode (10,0,0,12,156,64).\r\n";
    let text = line.repeat(2000);
    let items = decode_all(&text);
    assert_eq!(items.len(), 2000);
    let last = items.last().unwrap();
    assert_eq!(last.span.start, line.len() * 1999);
    assert_eq!(&text[last.port_fields[0].start..last.port_fields[0].end], "156");
    assert_eq!(last.ip, Some("10.0.0.12".parse::<IpAddr>().unwrap()));
}
