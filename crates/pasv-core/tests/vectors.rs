//! Test vectors: `tests/vectors.tsv`, one reply, command or stream per line,
//! with hand-derived expectations (from the public corpus, the RFCs and the
//! documented policy — never pasted from the decoder's output).
//!
//! Format: tab-separated, UTF-8. Lines starting with `#` are comments; the
//! first other line is the header. Columns:
//!
//! | column       | meaning                                                                    |
//! |--------------|----------------------------------------------------------------------------|
//! | `input`      | the text, with escapes `\n`, `\r`, `\t`, `\\`                              |
//! | `control`    | control connection IP, empty when unknown                                  |
//! | `sent`       | command the reply answers (`Context::sent`), empty when not given          |
//! | `n`          | number of reports `report_all` returns; the other columns describe the first |
//! | `kind`       | `pasv`, `epsv`, `lpsv`, `port`, `eprt`, `lprt`, `other`                    |
//! | `code`       | reply code or `-`                                                          |
//! | `ok`         | `true` / `false`                                                           |
//! | `ip`         | `Report::ip` (for 229: the control IP) or `-`                              |
//! | `port`       | port or `-`                                                                |
//! | `connect_to` | `ip:port` / `[ipv6]:port` or `-`                                           |
//! | `error`      | error id or `-`                                                            |
//! | `error_text` | the exact input text under the error span (escaped), `<empty>`, or `-`     |
//! | `findings`   | the exact set of finding ids, comma-separated, or `-`                      |
//! | `why`        | source (corpus line `corpus Lnn`, RFC…) and the policy where peers disagree |
//!
//! Every vector is checked and every failure is reported with its line
//! number; every span of every report must lie within the input on char
//! boundaries.
mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use common::{kind_id, load_vectors as load, span_problems, spans, unescape, Vector};
use pasv_core::{report_all, Context, Lang};

fn check(v: &Vector) -> Vec<String> {
    let context = Context { control_ip: v.control, sent: v.sent };
    let reports = report_all(&v.input, &context, Lang::En);
    let mut problems = Vec::new();
    for r in &reports {
        problems.extend(span_problems(&v.input, r));
    }
    if reports.len() != v.n {
        problems.push(format!("n: expected {}, got {}", v.n, reports.len()));
    }
    let Some(r) = reports.first() else {
        problems.push("no report at all".into());
        return problems;
    };
    let mut compare = |name: &str, want: String, got: String| {
        if want != got {
            problems.push(format!("{name}: expected {want}, got {got}"));
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    compare("kind", v.kind.clone(), kind_id(r));
    compare("code", format!("{:?}", v.code), format!("{:?}", r.code));
    compare("ok", v.ok.to_string(), r.ok.to_string());
    compare("ip", opt(v.ip.clone()), opt(r.ip.clone()));
    compare("port", format!("{:?}", v.port), format!("{:?}", r.port));
    compare("connect_to", opt(v.connect_to.clone()), opt(r.connect_to.clone()));
    compare("error", opt(v.error.clone()), opt(r.error.as_ref().map(|e| e.id.to_string())));
    if let (Some(want), Some(e)) = (&v.error_text, &r.error) {
        let got = v.input.get(e.span.start..e.span.end).map_or_else(|| format!("<bad span {:?}>", e.span), |t| format!("{t:?}"));
        compare("error_text", format!("{want:?}"), got);
    }
    let got: BTreeSet<String> = r.findings.iter().map(|f| f.id.to_string()).collect();
    if got != v.findings {
        let missing: Vec<_> = v.findings.difference(&got).collect();
        let extra: Vec<_> = got.difference(&v.findings).collect();
        problems.push(format!("findings: missing {missing:?}, unexpected {extra:?}"));
    }
    problems
}

#[test]
fn vectors() {
    let vectors = load();
    let mut report = String::new();
    let mut failed = 0;
    for v in &vectors {
        let problems = check(v);
        if !problems.is_empty() {
            failed += 1;
            let _ = writeln!(report, "vectors.tsv:{}: {:?}\n    why: {}", v.line, v.input, v.why);
            for p in problems {
                let _ = writeln!(report, "    {p}");
            }
        }
    }
    assert!(failed == 0, "{failed} of {} vectors failed:\n{report}", vectors.len());
}

/// Spans are language-independent, and every language renders every vector.
#[test]
fn vectors_in_every_language() {
    for v in load() {
        let context = Context { control_ip: v.control, sent: v.sent };
        let en = report_all(&v.input, &context, Lang::En);
        for &lang in Lang::ALL {
            let other = report_all(&v.input, &context, lang);
            assert_eq!(other.len(), en.len(), "vectors.tsv:{}", v.line);
            for (a, b) in en.iter().zip(&other) {
                assert_eq!(spans(a), spans(b), "vectors.tsv:{} {lang:?}", v.line);
                assert_eq!((a.ok, &a.ip, a.port, &a.connect_to), (b.ok, &b.ip, b.port, &b.connect_to), "vectors.tsv:{} {lang:?}", v.line);
                if let Some(e) = &b.error {
                    assert!(!e.message.trim().is_empty(), "vectors.tsv:{} {lang:?}: empty error message", v.line);
                }
                for f in &b.findings {
                    assert!(!f.message.trim().is_empty(), "vectors.tsv:{} {lang:?}: empty message for {}", v.line, f.id);
                }
            }
        }
    }
}

/// The vectors must stay unique (same input and context twice is a copy-paste slip).
#[test]
fn vectors_are_unique() {
    let vectors = load();
    let mut seen = std::collections::HashMap::new();
    for v in &vectors {
        let key = (v.input.clone(), v.control, v.sent);
        if let Some(first) = seen.insert(key, v.line) {
            panic!("vectors.tsv:{} repeats vectors.tsv:{first}", v.line);
        }
    }
}

/// Every line of the shared public corpus has a vector that cites it. The
/// corpus lives outside the crate; the check is skipped when it is absent
/// (set `PASV_CORPUS` to point elsewhere).
#[test]
fn every_corpus_line_has_a_vector() {
    let path = std::env::var("PASV_CORPUS").unwrap_or_else(|_| "/work/shared/corpus/public-replies.tsv".into());
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("{path} not found: corpus coverage not checked");
        return;
    };
    let vectors = load();
    let mut missing = Vec::new();
    let mut count = 0;
    for (i, raw) in corpus.lines().enumerate().skip(1) {
        let Some(line) = raw.split('\t').next().filter(|l| !l.is_empty()) else { continue };
        count += 1;
        let input = unescape(line).unwrap();
        let cite = format!("corpus L{}", i + 1);
        let cites = |why: &str| why.match_indices(&cite).any(|(at, _)| !why[at + cite.len()..].starts_with(|c: char| c.is_ascii_digit()));
        if !vectors.iter().any(|v| v.input == input && cites(&v.why)) {
            missing.push(format!("{path}:{}: {line}", i + 1));
        }
    }
    assert!(missing.is_empty(), "corpus lines without a vector citing them:\n{}", missing.join("\n"));
    assert!(count > 0, "{path} has no data lines");
}
