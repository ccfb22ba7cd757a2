//! Localized human-readable output: the verdict, the arithmetic, and a caret
//! line under the offending characters.
use std::io::{self, Write};

use pasv_core::{class_msg, kind_msg, render, severity_msg, Arg, Lang, Msg, Report, Span};

fn t(lang: Lang, msg: impl pasv_core::Message) -> String {
    render(lang, msg, &[])
}

/// The input line containing `span`, and the caret line under it.
fn caret(input: &str, span: Span) -> (String, String) {
    let start = span.start.min(input.len());
    let line_start = input[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = input[start..].find(['\r', '\n']).map_or(input.len(), |i| start + i);
    let line = &input[line_start..line_end];
    let pad = input[line_start..start].chars().count();
    let width = input.get(start..span.end.min(line_end)).map_or(1, |s| s.chars().count()).max(1);
    (line.to_string(), format!("{}{}", " ".repeat(pad), "^".repeat(width)))
}

pub fn print(out: &mut impl Write, lang: Lang, input: &str, r: &Report) -> io::Result<()> {
    print_at(out, lang, input, r, None)?;
    writeln!(out)
}

/// The report without the closing blank line; `line` overrides the line
/// number computed from `input` (for exchanges taken from a session log).
pub fn print_at(out: &mut impl Write, lang: Lang, input: &str, r: &Report, line: Option<usize>) -> io::Result<()> {
    let line_no = line.unwrap_or_else(|| input[..r.span.start.min(input.len())].matches('\n').count() + 1);
    let line = render(lang, Msg::UiLine, &[Arg { name: "n", value: &line_no }]);
    writeln!(out, "{} ({line})", t(lang, kind_msg(r.kind)))?;
    if let Some(err) = &r.error {
        let (text, marks) = caret(input, err.span);
        writeln!(out, "  {}: {}", t(lang, Msg::UiError), err.message)?;
        writeln!(out, "    {text}\n    {marks}")?;
    }
    if let Some(ip) = r.reply_ip.as_ref().or(r.ip.as_ref()) {
        let class = r.address_class.map(|c| t(lang, class_msg(c))).unwrap_or_default();
        writeln!(out, "  {}: {ip} ({class})", t(lang, Msg::UiAddress))?;
    }
    match (r.port, r.port_bytes) {
        (Some(port), Some([p1, p2])) => {
            let args = [Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }, Arg { name: "port", value: &port }];
            writeln!(out, "  {}", render(lang, Msg::UiArithmetic, &args))?;
        }
        (Some(port), None) => writeln!(out, "  {}: {port}", t(lang, Msg::UiPort))?,
        _ => {}
    }
    if r.ok && r.port.is_some() {
        let active = matches!(r.kind, pasv_core::Kind::Port | pasv_core::Kind::Eprt | pasv_core::Kind::Lprt);
        let label = t(lang, if active { Msg::UiConnectToActive } else { Msg::UiConnectTo });
        let target = r.connect_to.clone().unwrap_or_else(|| t(lang, Msg::UiConnectToUnknown));
        writeln!(out, "  {label}: {target}")?;
    }
    for f in &r.findings {
        writeln!(out, "  [{}] {}", t(lang, severity_msg(f.severity)), f.message)?;
        writeln!(out, "      {}: {} <{}>", t(lang, Msg::UiSource), f.citation.label, f.citation.url)?;
    }
    Ok(())
}
