//! Shared by the integration tests: the `vectors.tsv` loader and the span
//! checks every report must pass.
#![allow(dead_code)] // each test crate uses a different part

use std::collections::BTreeSet;
use std::net::IpAddr;

use pasv_core::{Command, Report, Span};

const COLUMNS: [&str; 14] =
    ["input", "control", "sent", "n", "kind", "code", "ok", "ip", "port", "connect_to", "error", "error_text", "findings", "why"];

/// One parsed vector.
pub struct Vector {
    pub line: usize,
    pub input: String,
    pub control: Option<IpAddr>,
    pub sent: Option<Command>,
    pub n: usize,
    pub kind: String,
    pub code: Option<u16>,
    pub ok: bool,
    pub ip: Option<String>,
    pub port: Option<u16>,
    pub connect_to: Option<String>,
    pub error: Option<String>,
    pub error_text: Option<String>,
    pub findings: BTreeSet<String>,
    pub why: String,
}

pub fn unescape(text: &str) -> Result<String, String> {
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

pub fn load_vectors() -> Vec<Vector> {
    // Embedded, so the tests need no file system (they also build for wasm32).
    let text = include_str!("../vectors.tsv");
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

pub fn kind_id(report: &Report) -> String {
    serde_json::to_value(report.kind).unwrap().as_str().unwrap().to_string()
}

/// Every span a report carries, with a name for messages.
pub fn spans(report: &Report) -> Vec<(String, Span)> {
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
