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
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::net::IpAddr;

use pasv_core::{report_all, Command, Context, Lang, Report, Span};

const COLUMNS: [&str; 14] =
    ["input", "control", "sent", "n", "kind", "code", "ok", "ip", "port", "connect_to", "error", "error_text", "findings", "why"];

/// One parsed vector.
struct Vector {
    line: usize,
    input: String,
    control: Option<IpAddr>,
    sent: Option<Command>,
    n: usize,
    kind: String,
    code: Option<u16>,
    ok: bool,
    ip: Option<String>,
    port: Option<u16>,
    connect_to: Option<String>,
    error: Option<String>,
    error_text: Option<String>,
    findings: BTreeSet<String>,
    why: String,
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            other => return Err(format!("bad escape \\{other:?} in {text:?}")),
        }
    }
    Ok(out)
}

fn optional(text: &str) -> Option<&str> {
    (text != "-").then_some(text)
}

fn parse_vector(line: usize, fields: &[&str]) -> Result<Vector, String> {
    if fields.len() != COLUMNS.len() {
        return Err(format!("{} columns, expected {}", fields.len(), COLUMNS.len()));
    }
    let number = |name: &str, text: &str| -> Result<Option<u16>, String> {
        optional(text).map(|t| t.parse::<u16>().map_err(|e| format!("{name} {t:?}: {e}"))).transpose()
    };
    let control = match fields[1] {
        "" => None,
        ip => Some(ip.parse().map_err(|e| format!("control {ip:?}: {e}"))?),
    };
    let sent = match fields[2] {
        "" => None,
        word => Some(Command::parse(word).ok_or_else(|| format!("sent {word:?} is not a command"))?),
    };
    let ok = match fields[6] {
        "true" => true,
        "false" => false,
        other => return Err(format!("ok must be true or false, not {other:?}")),
    };
    let error_text = match fields[11] {
        "-" => None,
        "<empty>" => Some(String::new()),
        text => Some(unescape(text)?),
    };
    let findings = match fields[12] {
        "-" => BTreeSet::new(),
        list => list.split(',').map(str::to_string).collect(),
    };
    if fields[13].trim().is_empty() {
        return Err("the why column is empty".into());
    }
    Ok(Vector {
        line,
        input: unescape(fields[0])?,
        control,
        sent,
        n: fields[3].parse().map_err(|e| format!("n {:?}: {e}", fields[3]))?,
        kind: fields[4].to_string(),
        code: number("code", fields[5])?,
        ok,
        ip: optional(fields[7]).map(str::to_string),
        port: number("port", fields[8])?,
        connect_to: optional(fields[9]).map(str::to_string),
        error: optional(fields[10]).map(str::to_string),
        error_text,
        findings,
        why: fields[13].to_string(),
    })
}

fn load() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut vectors = Vec::new();
    let mut problems = Vec::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.starts_with('#') || (raw.is_empty() && header_seen) {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if !header_seen {
            assert_eq!(fields, COLUMNS, "vectors.tsv:{line}: header");
            header_seen = true;
            continue;
        }
        match parse_vector(line, &fields) {
            Ok(v) => vectors.push(v),
            Err(e) => problems.push(format!("vectors.tsv:{line}: {e}")),
        }
    }
    assert!(problems.is_empty(), "malformed vectors:\n{}", problems.join("\n"));
    assert!(!vectors.is_empty(), "no vectors");
    vectors
}

fn kind_id(report: &Report) -> String {
    serde_json::to_value(report.kind).unwrap().as_str().unwrap().to_string()
}

/// Every span a report carries, with a name for messages.
fn spans(report: &Report) -> Vec<(String, Span)> {
    let mut all = vec![("span".to_string(), report.span)];
    if let Some(e) = &report.error {
        all.push((format!("error {}", e.id), e.span));
    }
    for f in &report.findings {
        if let Some(s) = f.span {
            all.push((format!("finding {}", f.id), s));
        }
    }
    all.extend(report.address_spans.iter().map(|s| ("address field".to_string(), *s)));
    all.extend(report.port_spans.iter().map(|s| ("port field".to_string(), *s)));
    all
}

/// Problems with the spans of `report` over `input`.
pub fn span_problems(input: &str, report: &Report) -> Vec<String> {
    spans(report)
        .into_iter()
        .filter(|(_, s)| !(s.start <= s.end && s.end <= input.len() && input.is_char_boundary(s.start) && input.is_char_boundary(s.end)))
        .map(|(name, s)| {
            format!("{name} span {}..{} is out of bounds or not on char boundaries (input is {} bytes)", s.start, s.end, input.len())
        })
        .collect()
}

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
