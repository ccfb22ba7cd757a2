//! `static/pasv-lens.d.ts` (the JS API's TypeScript types) against the serde
//! types it describes: reports of representative inputs, serialized exactly
//! as `decode()` and `--json` serialize them, must conform to the declared
//! `Report` (every key declared, no key missing, every value of its declared
//! type), and every declared alternative of a field (`string | null`, …) must
//! occur in some report, so a field that can no longer be null fails too.
use std::collections::{BTreeMap, BTreeSet};

use pasv_core::{report_all, Command, Context, Lang};
use serde_json::Value;

const DTS: &str = include_str!("../../../static/pasv-lens.d.ts");

/// `export type` aliases and `export interface` bodies of the file, comments removed.
struct Declarations {
    aliases: BTreeMap<String, String>,
    interfaces: BTreeMap<String, String>,
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let line = rest.find("//");
        let block = rest.find("/*");
        match (line, block) {
            (Some(l), b) if b.is_none_or(|b| l < b) => {
                out.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |n| &rest[l + n..]);
            }
            (_, Some(b)) => {
                out.push_str(&rest[..b]);
                rest = rest[b..].find("*/").map_or("", |e| &rest[b + e + 2..]);
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

fn declarations() -> Declarations {
    let text = strip_comments(DTS);
    let mut decls = Declarations { aliases: BTreeMap::new(), interfaces: BTreeMap::new() };
    let mut rest = text.as_str();
    while let Some(at) = rest.find("export ") {
        rest = &rest[at + "export ".len()..];
        if let Some(after) = rest.strip_prefix("type ") {
            let (name, body) = after.split_once('=').expect("type X = …");
            let end = body.find(';').expect("type ends with ;");
            decls.aliases.insert(name.trim().to_string(), body[..end].trim().to_string());
        } else if let Some(after) = rest.strip_prefix("interface ") {
            let open = after.find('{').expect("interface body");
            let name = after[..open].split_whitespace().next().unwrap().to_string();
            let close = matching(&after[open..]) + open;
            decls.interfaces.insert(name, after[open + 1..close].to_string());
        }
    }
    decls
}

/// Index of the bracket closing the one `text` starts with.
fn matching(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced: {text}");
}

/// Split at `sep` outside brackets and quotes.
fn split_top(text: &str, sep: char) -> Vec<String> {
    let (mut parts, mut depth, mut quoted, mut start) = (Vec::new(), 0i32, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '[' | '(' if !quoted => depth += 1,
            '}' | ']' | ')' if !quoted => depth -= 1,
            c if c == sep && depth == 0 && !quoted => {
                parts.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim().to_string());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `name?: type` members of an object type body.
fn members(body: &str) -> Vec<(String, bool, String)> {
    split_top(&body.replace('\n', ";"), ';')
        .into_iter()
        .map(|m| {
            let (name, ty) = m.split_once(':').unwrap_or_else(|| panic!("member without a type: {m}"));
            let optional = name.trim().ends_with('?');
            (name.trim().trim_end_matches('?').to_string(), optional, ty.trim().to_string())
        })
        .collect()
}

impl Declarations {
    /// Why `value` does not conform to `ty`, if it does not.
    fn check(&self, value: &Value, ty: &str, at: &str) -> Result<(), String> {
        let alternatives = split_top(ty, '|');
        if alternatives.len() > 1 {
            return match alternatives.iter().find(|alt| self.check(value, alt, at).is_ok()) {
                Some(_) => Ok(()),
                None => Err(format!("{at}: {value} is none of {ty}")),
            };
        }
        let ty = ty.trim();
        let ok = match (ty, value) {
            ("null", Value::Null) | ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
            ("number", Value::Number(_)) => true,
            (lit, Value::String(s)) if lit.starts_with('\'') => lit.trim_matches('\'') == s,
            (array, Value::Array(items)) if array.ends_with("[]") => {
                let item = &array[..array.len() - 2];
                return items.iter().enumerate().try_for_each(|(i, v)| self.check(v, item, &format!("{at}[{i}]")));
            }
            (tuple, Value::Array(items)) if tuple.starts_with('[') => {
                let types = split_top(&tuple[1..tuple.len() - 1], ',');
                if types.len() != items.len() {
                    return Err(format!("{at}: {value} is not {tuple}"));
                }
                return items.iter().zip(&types).enumerate().try_for_each(|(i, (v, t))| self.check(v, t, &format!("{at}[{i}]")));
            }
            (object, Value::Object(_)) if object.starts_with('{') => return self.check_object(value, &object[1..object.len() - 1], at),
            (name, _) if self.aliases.contains_key(name) => return self.check(value, &self.aliases[name], at),
            (name, Value::Object(_)) if self.interfaces.contains_key(name) => return self.check_object(value, &self.interfaces[name], at),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("{at}: {value} is not {ty}"))
        }
    }

    fn check_object(&self, value: &Value, body: &str, at: &str) -> Result<(), String> {
        let object = value.as_object().expect("object");
        let declared = members(body);
        let names: BTreeSet<&str> = declared.iter().map(|(n, _, _)| n.as_str()).collect();
        for key in object.keys() {
            if !names.contains(key.as_str()) {
                return Err(format!("{at}.{key}: serialized but not declared in pasv-lens.d.ts"));
            }
        }
        for (name, optional, ty) in &declared {
            match object.get(name) {
                Some(v) => self.check(v, ty, &format!("{at}.{name}"))?,
                None if *optional => {}
                None => return Err(format!("{at}.{name}: declared in pasv-lens.d.ts but not serialized")),
            }
        }
        Ok(())
    }
}

/// Reports of inputs chosen so that every field is null in one and set in another.
fn sample() -> Vec<Value> {
    let inputs: &[(&str, Option<&str>, Option<Command>)] = &[
        ("227 Entering Passive Mode (10,0,0,12,156,64).", Some("203.0.113.10"), Some(Command::Pasv)),
        ("229 Entering Extended Passive Mode (|||50006|)", Some("2001:db8::7"), None),
        ("229 Entering Extended Passive Mode (|||50006|)", None, None),
        ("227 Entering Passive Mode (192,168,1,2,300,5)", None, None),
        ("PORT 10,0,0,1,4,5", None, None),
        ("EPRT |2|2001:db8::7|5282|", Some("2001:db8::7"), None),
        ("228 Entering Long Passive Mode (4,4,127,0,0,1,2,4,5)", None, None),
        ("EPSV\n522 Network protocol not supported, use (1)", None, None),
        ("hello", None, None),
    ];
    let mut out = Vec::new();
    for (text, control, sent) in inputs {
        let context = Context { control_ip: control.map(|c| c.parse().unwrap()), sent: *sent };
        for lang in Lang::ALL {
            let reports = report_all(text, &context, *lang);
            out.extend(reports.iter().map(|r| serde_json::to_value(r).unwrap()));
        }
    }
    out
}

#[test]
fn every_report_conforms_to_the_declared_report_type() {
    let decls = declarations();
    assert!(decls.interfaces.contains_key("Report"), "interface Report in pasv-lens.d.ts");
    for (i, report) in sample().iter().enumerate() {
        if let Err(why) = decls.check(report, "Report", &format!("report {i}")) {
            panic!("{why}\nreport: {report}");
        }
    }
}

#[test]
fn every_declared_alternative_of_a_field_occurs() {
    let decls = declarations();
    let sample = sample();
    let mut missing = Vec::new();
    for (interface, path) in [("Report", ""), ("ErrorReport", "error"), ("FindingReport", "findings[]")] {
        let values: Vec<&Value> = match path {
            "" => sample.iter().collect(),
            "error" => sample.iter().map(|r| &r["error"]).filter(|e| !e.is_null()).collect(),
            _ => sample.iter().flat_map(|r| r["findings"].as_array().unwrap()).collect(),
        };
        assert!(!values.is_empty(), "no sample of {interface}");
        for (name, _, ty) in members(&decls.interfaces[interface]) {
            for alt in split_top(&ty, '|') {
                if !values.iter().any(|v| decls.check(&v[name.as_str()], &alt, "").is_ok()) {
                    missing.push(format!("{interface}.{name}: no report has {alt}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "declared but never serialized (is the d.ts or the serde type out of date?):\n{}", missing.join("\n"));
}

#[test]
fn the_command_type_lists_every_command() {
    let decls = declarations();
    let declared: BTreeSet<String> = split_top(&decls.aliases["Command"], '|').iter().map(|c| c.trim_matches('\'').to_string()).collect();
    let commands: BTreeSet<String> = Command::ALL.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(declared, commands);
    let langs: BTreeSet<String> = Lang::ALL.iter().map(|l| format!("'{}'", l.code())).collect();
    let decode_options = members(&decls.interfaces["DecodeOptions"]);
    let lang = &decode_options.iter().find(|(n, _, _)| n == "lang").expect("DecodeOptions.lang").2;
    assert_eq!(split_top(lang, '|').into_iter().collect::<BTreeSet<_>>(), langs, "DecodeOptions.lang lists Lang::ALL");
}

#[test]
fn a_changed_type_is_caught() {
    // The checker itself: a report with a renamed, a missing and a mistyped field fails.
    let decls = declarations();
    let good = sample().remove(0);
    let mut renamed = good.clone();
    let port = renamed.as_object_mut().unwrap().remove("port").unwrap();
    renamed.as_object_mut().unwrap().insert("data_port".into(), port);
    assert!(decls.check(&renamed, "Report", "r").is_err());
    let mut mistyped = good.clone();
    mistyped["ok"] = Value::String("yes".into());
    assert!(decls.check(&mistyped, "Report", "r").is_err());
    let mut bad_kind = good;
    bad_kind["kind"] = Value::String("passive".into());
    assert!(decls.check(&bad_kind, "Report", "r").is_err());
}
