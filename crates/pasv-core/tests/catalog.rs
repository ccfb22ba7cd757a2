//! The message catalog: every template exists in every language, every error
//! and finding that some input produces renders completely (no leftover
//! `{placeholder}`, no missing data, no thousands separators), and English and
//! Vietnamese say the same thing — checked by comparing the numbers,
//! addresses, ports and RFC numbers they contain.
mod common;

use std::collections::BTreeSet;
use std::net::IpAddr;

use pasv_core::{
    analyse, decode, decode_all, error_message, finding_message, finding_msg, render, Arg, CliMsg, Command, Context, ErrorKind, Explained,
    ExtrasMsg, FindingId, Lang, LogMsg, Message, Msg,
};

/// `{name}` placeholders of a template (rendering with no arguments leaves them in place).
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        found.insert(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    found
}

/// A `{identifier}` left in a rendered message.
fn leftover_placeholder(message: &str) -> Option<&str> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            return Some(&rest[open..open + name_len + 2]);
        }
        rest = after;
    }
    None
}

/// Runs of ASCII digits, sorted: the numbers, addresses, ports and RFC numbers
/// a message mentions. English spells "zero(s)" where Vietnamese writes
/// "số 0", so in English those words count as the digit 0.
fn digit_runs(message: &str, lang: Lang) -> Vec<String> {
    let text = if lang == Lang::En { spell_zero(message) } else { message.to_string() };
    let mut runs: Vec<String> = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(str::to_string).collect();
    runs.sort();
    runs
}

/// `zero`/`zeros` (any case, as a word or word part before `-`) → `0`.
fn spell_zero(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.to_ascii_lowercase().find("zero") {
        let before_ok = !rest[..at].ends_with(|c: char| c.is_alphanumeric());
        let mut end = at + 4;
        if rest[end..].starts_with('s') {
            end += 1;
        }
        let after_ok = !rest[end..].starts_with(|c: char| c.is_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { "0" } else { &rest[at..end] });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The message without quoted input excerpts (“…”) and the given addresses:
/// input text may legitimately look like grouped digits (`“001,002,004,005”`),
/// and so may an address such as 255.255.255.255.
fn scrub(message: &str, addresses: &[String]) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find('“') {
        out.push_str(&rest[..open]);
        match rest[open..].find('”') {
            Some(close) => rest = &rest[open + close + '”'.len_utf8()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    for a in addresses {
        out = out.replace(a.as_str(), "ADDRESS");
    }
    out
}

/// A number written with a thousands separator (`40.000`, `40,000`, `40 000`
/// with a no-break or thin space): 1–3 digits, then groups of exactly three,
/// not part of a dotted address, an address prefix (`192.168/16`) or a
/// comma-separated byte list.
fn thousands_separator(message: &str) -> Option<String> {
    const SEPARATORS: [char; 5] = ['.', ',', '\u{a0}', '\u{202f}', '\u{2009}'];
    let chars: Vec<char> = message.chars().collect();
    let is_sep = |c: char| SEPARATORS.contains(&c);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_digit() || is_sep(chars[i - 1]))) {
            i += 1;
            continue;
        }
        let lead = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut j = i + lead;
        let mut groups = 0;
        while j < chars.len()
            && is_sep(chars[j])
            && chars.get(j + 1..j + 4).is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !chars.get(j + 4).is_some_and(|c| c.is_ascii_digit())
        {
            groups += 1;
            j += 4;
        }
        let ends_clean = !chars.get(j).is_some_and(|&c| c == '/' || (is_sep(c) && chars.get(j + 1).is_some_and(char::is_ascii_digit)));
        if lead <= 3 && groups > 0 && ends_clean {
            return Some(chars[i..j].iter().collect());
        }
        i += lead.max(1);
    }
    None
}

/// The detector itself: it must catch separators and pass addresses.
#[test]
fn thousands_separator_detector() {
    for text in ["port 40.000", "port 40,000", "port 40\u{a0}000", "1.234.567 bytes"] {
        assert!(thousands_separator(text).is_some(), "{text:?}");
    }
    for text in ["10.0.0.12", "(10,0,0,12,156,64)", "192.168/16 and 172.16/12", "port 40000", "3.5 MB"] {
        assert_eq!(thousands_separator(text), None, "{text:?}");
    }
}

#[test]
fn zero_words() {
    assert_eq!(spell_zero("leading zeros; a zero-padded Zero, not zeroth"), "leading 0; a 0-padded 0, not zeroth");
    assert_eq!(digit_runs("RFC 959 says 010 is 8", Lang::En), ["010", "8", "959"]);
    assert_eq!(scrub("the text “001,002” at 255.255.255.255", &["255.255.255.255".into()]), "the text  at ADDRESS");
}

#[test]
fn separator_detector() {
    for bad in ["port 40.000.", "port 40,000", "port 40\u{a0}000", "1.234.567 bytes", "(65,535)"] {
        assert!(thousands_separator(bad).is_some(), "{bad:?}");
    }
    for good in [
        "port 40000.",
        "address 192.168.178.39, port 5060",
        "(192,168,178,39,184,244)",
        "10.0.0.1",
        "curl 7.74.0",
        "RFC 1123 §4.1.2.6",
        "(1,2)",
        "33–126",
        "2001:db8::1",
        "(192,168,1,2,300,5)",
    ] {
        assert_eq!(thousands_separator(good), None, "{good:?}");
    }
}

#[test]
fn every_template_in_every_language() {
    let mut keys = BTreeSet::new();
    for &msg in Msg::ALL {
        assert!(!msg.key().is_empty());
        assert!(keys.insert(msg.key()), "duplicate key {}", msg.key());
        let reference = placeholders(&render(Lang::En, msg, &[]));
        for &lang in Lang::ALL {
            let template = render(lang, msg, &[]);
            assert!(!template.trim().is_empty(), "{lang:?} {}: empty", msg.key());
            assert_eq!(placeholders(&template), reference, "{lang:?} {}: placeholders differ from English", msg.key());
            // Filled in, nothing is left.
            let names: Vec<String> = reference.iter().cloned().collect();
            let args: Vec<Arg> = names.iter().map(|n| Arg { name: leak(n), value: &"X" }).collect();
            let filled = render(lang, msg, &args);
            assert_eq!(leftover_placeholder(&filled), None, "{lang:?} {}: {filled:?}", msg.key());
        }
    }
    for &lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
        assert!(!lang.native_name().is_empty());
    }
}

/// The checks every message group gets: text in every language, the
/// placeholders of English, no thousands separator, the same numbers as English.
fn check_group<M: Message + std::fmt::Debug>(all: &[M]) {
    for &msg in all {
        let en = render(Lang::En, msg, &[]);
        let reference = placeholders(&en);
        for &lang in Lang::ALL {
            let template = render(lang, msg, &[]);
            assert!(!template.trim().is_empty(), "{lang:?} {msg:?}: empty");
            assert_eq!(placeholders(&template), reference, "{lang:?} {msg:?}: placeholders differ from English");
            assert_eq!(thousands_separator(&template), None, "{lang:?} {msg:?}");
            assert_eq!(digit_runs(&template, lang), digit_runs(&en, Lang::En), "{lang:?} {msg:?}: numbers differ from English");
        }
    }
}

#[test]
fn every_log_template_in_every_language() {
    check_group(LogMsg::ALL);
}

#[test]
fn every_cli_template_in_every_language() {
    check_group(CliMsg::ALL);
}

#[test]
fn every_extras_template_in_every_language() {
    check_group(ExtrasMsg::ALL);
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// Inputs that between them produce every error and every finding: the test
/// vectors plus a few contexts the vectors do not need.
fn inputs() -> Vec<(String, Context)> {
    let mut all: Vec<(String, Context)> =
        common::load_vectors().into_iter().map(|v| (v.input, Context { control_ip: v.control, sent: v.sent })).collect();
    let public: IpAddr = "203.0.113.10".parse().unwrap();
    for (input, sent) in [
        ("227 Entering Passive Mode (10,0,0,12,156,64)", None),
        ("227 Entering Passive Mode (10,0,0,12,156,64)", Some(Command::Epsv)),
        ("229 Entering Extended Passive Mode (|||40000|)", None),
        ("229 Entering Extended Passive Mode (|||65536|)", None),
        ("PORT 10,0,0,12,156,64", None),
        ("228 Entering Long Passive Mode (4,4,10,0,0,12,2,156,64)", None),
    ] {
        all.push((input.into(), Context { control_ip: None, sent }));
        all.push((input.into(), Context { control_ip: Some(public), sent }));
    }
    all
}

/// Each rendered error or finding message of every input, in every language.
struct Rendered {
    input: String,
    id: &'static str,
    /// Placeholders of the template the message came from, when known.
    placeholders: BTreeSet<String>,
    /// Per language.
    messages: Vec<(Lang, String)>,
    /// The data each placeholder needs was there.
    missing_data: Vec<&'static str>,
    /// Addresses the message may show.
    addresses: Vec<String>,
}

fn explained_all(input: &str, context: &Context) -> Vec<Explained> {
    let decoded = decode_all(input);
    let decoded = if decoded.is_empty() { vec![decode(input)] } else { decoded };
    decoded.iter().map(|d| analyse(d, context)).collect()
}

fn render_all() -> (Vec<Rendered>, BTreeSet<&'static str>, BTreeSet<&'static str>) {
    let mut out = Vec::new();
    let mut errors = BTreeSet::new();
    let mut findings = BTreeSet::new();
    for (input, context) in inputs() {
        for e in explained_all(&input, &context) {
            let d = &e.decoded;
            if let Some(err) = &d.error {
                errors.insert(err.kind.as_str());
                out.push(Rendered {
                    input: input.clone(),
                    id: err.kind.as_str(),
                    placeholders: BTreeSet::new(),
                    messages: Lang::ALL.iter().map(|&l| (l, error_message(l, d.kind, err, &input))).collect(),
                    missing_data: Vec::new(),
                    addresses: Vec::new(),
                });
            }
            for f in &e.findings {
                findings.insert(f.id.as_str());
                let msg = finding_msg(f, &e);
                let names = placeholders(&render(Lang::En, msg, &[]));
                let missing_data = names
                    .iter()
                    .filter_map(|name| {
                        let present = match name.as_str() {
                            "address" => f.data.address.is_some(),
                            "control" => f.data.control.is_some(),
                            "class" => f.data.class.is_some(),
                            "text" => f.span.is_some(),
                            "port" => f.data.port.is_some(),
                            "number" => f.data.number.is_some(),
                            "sent" => e.sent.is_some(),
                            _ => false,
                        };
                        (!present).then(|| leak(name))
                    })
                    .collect();
                out.push(Rendered {
                    input: input.clone(),
                    id: f.id.as_str(),
                    placeholders: names,
                    messages: Lang::ALL.iter().map(|&l| (l, finding_message(l, f, &e, &input))).collect(),
                    missing_data,
                    addresses: [f.data.address, f.data.control].into_iter().flatten().map(|a| a.to_string()).collect(),
                });
            }
        }
    }
    (out, errors, findings)
}

#[test]
fn every_error_and_finding_is_produced_by_some_input() {
    let (_, errors, findings) = render_all();
    let all_findings: BTreeSet<&str> = FindingId::ALL.iter().map(|f| f.as_str()).collect();
    assert_eq!(findings, all_findings, "findings no input produces: {:?}", all_findings.difference(&findings).collect::<Vec<_>>());
    // ErrorKind has no ALL list; decode_table.rs proves every variant reachable. Here: most of them
    // appear among the vectors, so their messages get the checks below.
    assert!(errors.len() >= 15, "only {errors:?}");
    assert!(errors.contains(ErrorKind::PortZero.as_str()));
}

#[test]
fn messages_render_completely() {
    let (rendered, _, _) = render_all();
    let mut problems = Vec::new();
    for r in &rendered {
        if !r.missing_data.is_empty() {
            problems.push(format!("{:?} {}: message needs {:?} but the finding has no such data", r.input, r.id, r.missing_data));
        }
        for (lang, message) in &r.messages {
            if message.trim().is_empty() {
                problems.push(format!("{:?} {} {lang:?}: empty message", r.input, r.id));
            }
            if let Some(p) = leftover_placeholder(message) {
                problems.push(format!("{:?} {} {lang:?}: leftover {p} in {message:?}", r.input, r.id));
            }
            if let Some(n) = thousands_separator(&scrub(message, &r.addresses)) {
                problems.push(format!("{:?} {} {lang:?}: thousands separator {n:?} in {message:?}", r.input, r.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(rendered.iter().any(|r| r.placeholders.contains("port")), "no message with a port was checked");
}

/// "Both languages say the same thing": every number (ports, addresses,
/// codes, RFC and section numbers) appears in both, as many times.
#[test]
fn english_and_vietnamese_mention_the_same_numbers() {
    let (rendered, _, _) = render_all();
    let mut problems = BTreeSet::new();
    for r in &rendered {
        let (_, en) = r.messages.iter().find(|(l, _)| *l == Lang::En).unwrap();
        for (lang, message) in &r.messages {
            if digit_runs(message, *lang) != digit_runs(en, Lang::En) {
                problems.insert(format!(
                    "{} ({:?}) {lang:?}: numbers {:?} vs English {:?}\n    en: {en}\n    {}: {message}",
                    r.id,
                    r.input,
                    digit_runs(message, *lang),
                    digit_runs(en, Lang::En),
                    lang.code()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.into_iter().collect::<Vec<_>>().join("\n"));
}

/// The same check on every template of the catalog, placeholders removed.
#[test]
fn templates_mention_the_same_numbers() {
    let mut problems = Vec::new();
    for &msg in Msg::ALL {
        let en = render(Lang::En, msg, &[]);
        for &lang in Lang::ALL {
            let other = render(lang, msg, &[]);
            if digit_runs(&other, lang) != digit_runs(&en, Lang::En) {
                problems.push(format!("{} {lang:?}: {:?} vs English {:?}", msg.key(), digit_runs(&other, lang), digit_runs(&en, Lang::En)));
            }
        }
    }
    for &msg in LogMsg::ALL {
        let en = render(Lang::En, msg, &[]);
        for &lang in Lang::ALL {
            let other = render(lang, msg, &[]);
            if digit_runs(&other, lang) != digit_runs(&en, Lang::En) {
                problems.push(format!("{msg:?} {lang:?}: {:?} vs English {:?}", digit_runs(&other, lang), digit_runs(&en, Lang::En)));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A port-40000 example: the port is written as digits, never grouped.
#[test]
fn ports_are_never_grouped() {
    let control: IpAddr = "203.0.113.10".parse().unwrap();
    let input = "229 Entering Extended Passive Mode (|||40000|)";
    let e = analyse(&decode(input), &Context { control_ip: Some(control), sent: None });
    let f = e.findings.iter().find(|f| f.id == FindingId::EpsvUsesControlAddress).unwrap();
    let too_large = decode("229 Entering Extended Passive Mode (|||65536|)");
    for &lang in Lang::ALL {
        let messages = [
            finding_message(lang, f, &e, input),
            render(
                lang,
                Msg::UiArithmetic,
                &[Arg { name: "p1", value: &156 }, Arg { name: "p2", value: &64 }, Arg { name: "port", value: &40000 }],
            ),
        ];
        for m in &messages {
            assert!(m.contains("40000"), "{lang:?}: {m}");
            for grouped in ["40.000", "40,000", "40 000", "40\u{a0}000", "40\u{202f}000"] {
                assert!(!m.contains(grouped), "{lang:?}: {grouped:?} in {m}");
            }
        }
        let m = error_message(lang, too_large.kind, &too_large.error.unwrap(), "229 Entering Extended Passive Mode (|||65536|)");
        assert!(m.contains("65536") && m.contains("65535"), "{lang:?}: {m}");
        assert!(!m.contains("65.53") && !m.contains("65,53"), "{lang:?}: {m}");
    }
}

/// The page shows a finding's first sentence as its summary: in every
/// language it is a whole, short sentence, cut at the same place as in
/// English (the same numbers on each side of the cut), never at an initial.
#[test]
fn finding_summaries_are_the_first_sentence_in_every_language() {
    let mut problems = Vec::new();
    for (input, context) in inputs() {
        for e in explained_all(&input, &context) {
            for f in &e.findings {
                let parts = |lang: Lang| {
                    let message = finding_message(lang, f, &e, &input);
                    let n = pasv_core::finding_summary_len(lang, f, &e, &input);
                    assert!(message.is_char_boundary(n) && n > 0, "{} {lang:?}: {n} in {message}", f.id.as_str());
                    (message[..n].to_string(), message[n..].to_string())
                };
                let (en_head, en_tail) = parts(Lang::En);
                for &lang in Lang::ALL {
                    let (head, tail) = parts(lang);
                    let whole = tail.is_empty();
                    if !(head.ends_with('.') || whole) || head.chars().count() > 240 || (!whole && !tail.starts_with(' ')) {
                        problems.push(format!("{} {lang:?}: summary {head:?}", f.id.as_str()));
                    }
                    if digit_runs(&head, lang) != digit_runs(&en_head, Lang::En) || tail.is_empty() != en_tail.is_empty() {
                        problems.push(format!("{} {lang:?}: cut differs from English: {head:?} vs {en_head:?}", f.id.as_str()));
                    }
                    if f.id == FindingId::EqualsForm && !head.contains("Bernstein") {
                        problems.push(format!("cut at an initial: {head:?}"));
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
