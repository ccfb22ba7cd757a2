//! Turns `locales/<lang>.toml` into a typed message catalog.
//!
//! Every file must have exactly the same keys, and each message the same
//! `{placeholders}`, as `en.toml`; otherwise the build fails. The generated
//! `template(lang, msg)` is an exhaustive match, so adding a language is
//! adding one file.
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

type Catalog = BTreeMap<String, String>;

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalog) {
    for (key, value) in table {
        let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::Table(t) => flatten(&full, t, out),
            toml::Value::String(s) => {
                out.insert(full, s.clone());
            }
            other => panic!("{full}: expected a string or table, found {other:?}"),
        }
    }
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { panic!("unclosed '{{' in {text:?}") };
        let name = &rest[open + 1..open + close];
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "bad placeholder {{{name}}} in {text:?}");
        found.insert(name.to_string());
        rest = &rest[open + close + 1..];
    }
    found
}

fn camel(key: &str) -> String {
    key.split(['.', '-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            let first = c.next().unwrap().to_ascii_uppercase();
            std::iter::once(first).chain(c).collect::<String>()
        })
        .collect()
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<(String, Catalog)> = Vec::new();
    for entry in fs::read_dir(&dir).expect("locales/") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let code = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut catalog = Catalog::new();
        flatten("", &table, &mut catalog);
        langs.push((code, catalog));
    }
    // English first: it is the reference and the fallback default.
    langs.sort_by_key(|(code, _)| (code != "en", code.clone()));
    let (_, reference) = &langs[0];
    let mut problems = Vec::new();
    for (code, catalog) in &langs[1..] {
        for key in reference.keys().filter(|k| !catalog.contains_key(*k)) {
            problems.push(format!("{code}.toml: missing {key}"));
        }
        for key in catalog.keys().filter(|k| !reference.contains_key(*k)) {
            problems.push(format!("{code}.toml: {key} is not in en.toml"));
        }
        for (key, text) in catalog {
            if let Some(en) = reference.get(key) {
                if placeholders(en) != placeholders(text) {
                    problems.push(format!(
                        "{code}.toml: {key} has placeholders {:?}, en.toml has {:?}",
                        placeholders(text),
                        placeholders(en)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "message catalog is incomplete:\n{}", problems.join("\n"));
    for (code, catalog) in &langs {
        assert!(catalog.contains_key("meta.name"), "{code}.toml: missing meta.name");
    }

    let mut out = String::new();
    out.push_str("/// A language of the message catalog (one per `locales/*.toml`).\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Lang {\n");
    for (code, _) in &langs {
        writeln!(out, "    /// `{code}`\n    {},", camel(code)).unwrap();
    }
    out.push_str("}\n\nimpl Lang {\n    /// Every language, English first.\n    pub const ALL: &'static [Lang] = &[");
    for (code, _) in &langs {
        write!(out, "Lang::{}, ", camel(code)).unwrap();
    }
    out.push_str("];\n    /// The BCP 47 code (file name).\n    pub const fn code(self) -> &'static str {\n        match self {\n");
    for (code, _) in &langs {
        writeln!(out, "            Lang::{} => {code:?},", camel(code)).unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    // Keys under `log.` form their own enum, so a program that never analyses
    // session logs (the page's main module) does not carry their text.
    // The same holds for `extras.`: text only the on-demand page module shows,
    // and for `cli.`: text only the command-line tool shows.
    const GROUPS: [(&str, &str, &str); 4] = [
        ("Msg", "", "Every message of the catalog but the `log.*`, `extras.*` and `cli.*` ones."),
        ("LogMsg", "log.", "The session-log messages (keys `log.*`)."),
        ("ExtrasMsg", "extras.", "The messages of the on-demand page extras (keys `extras.*`)."),
        ("CliMsg", "cli.", "The messages of the command-line tool `pasv-lens` (keys `cli.*`)."),
    ];
    for (name, prefix, doc) in GROUPS {
        let in_group = |key: &str| {
            if prefix.is_empty() {
                !GROUPS[1..].iter().any(|(_, p, _)| key.starts_with(p))
            } else {
                key.starts_with(prefix)
            }
        };
        let variant = |key: &str| camel(&key[prefix.len()..]);
        let keys: Vec<&String> = reference.keys().filter(|k| in_group(k)).collect();
        writeln!(out, "/// {doc}\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum {name} {{").unwrap();
        for key in &keys {
            writeln!(out, "    /// `{key}`\n    {},", variant(key)).unwrap();
        }
        writeln!(out, "}}\n\nimpl {name} {{\n    /// Every message.\n    pub const ALL: &'static [{name}] = &[").unwrap();
        for key in &keys {
            writeln!(out, "        {name}::{},", variant(key)).unwrap();
        }
        out.push_str("    ];\n    /// The catalog key.\n    pub const fn key(self) -> &'static str {\n        match self {\n");
        for key in &keys {
            writeln!(out, "            {name}::{} => {key:?},", variant(key)).unwrap();
        }
        out.push_str("        }\n    }\n    /// The placeholders the message expects.\n    pub const fn placeholders(self) -> &'static [&'static str] {\n        match self {\n");
        for key in &keys {
            writeln!(out, "            {name}::{} => &{:?},", variant(key), placeholders(&reference[*key]).into_iter().collect::<Vec<_>>())
                .unwrap();
        }
        writeln!(out, "        }}\n    }}\n    /// The template in `lang`.\n    pub const fn template(self, lang: Lang) -> &'static str {{\n        match (lang, self) {{").unwrap();
        for (code, catalog) in &langs {
            for (key, text) in catalog.iter().filter(|(k, _)| in_group(k)) {
                writeln!(out, "            (Lang::{}, {name}::{}) => {text:?},", camel(code), variant(key)).unwrap();
            }
        }
        out.push_str("        }\n    }\n}\n\n");
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("catalog.rs"), out).unwrap();
}
