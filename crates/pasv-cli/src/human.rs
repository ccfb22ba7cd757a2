//! Localized human-readable output: the verdict, the arithmetic, and a caret
//! line under the offending characters.
use std::io::{self, Write};

use pasv_core::{class_msg, kind_msg, render, severity_msg, Arg, Lang, Msg, Report, Span};

fn t(lang: Lang, msg: impl pasv_core::Message) -> String {
    render(lang, msg, &[])
}

/// The columns a character takes in a terminal: none for a combining mark
/// (a decomposed Vietnamese letter is one column, however many marks follow
/// it), two for a wide East Asian or fullwidth character, one otherwise.
/// An approximation of Unicode's East Asian Width that covers the scripts a
/// server's reply text is likely to use.
fn columns(c: char) -> usize {
    match c {
        '\u{0300}'..='\u{036F}' // combining diacritical marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200B}'..='\u{200D}' // zero-width space and joiners
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FEFF}' => 0,
        '\u{1100}'..='\u{115F}' // Hangul jamo
        | '\u{2E80}'..='\u{303E}' // CJK radicals, punctuation
        | '\u{3041}'..='\u{33FF}' // kana, CJK compatibility
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}' // fullwidth forms
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1F64F}' // emoji
        | '\u{1F900}'..='\u{1F9FF}'
        | '\u{20000}'..='\u{3FFFD}' => 2,
        _ => 1,
    }
}

/// The input line containing `span`, and the caret line under it. The caret
/// line copies the line's tabs before the span (a space for every other
/// column), so the carets stay under the span whatever the tab stops.
pub(crate) fn caret(input: &str, span: Span) -> (String, String) {
    let start = span.start.min(input.len());
    let line_start = input[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = input[start..].find(['\r', '\n']).map_or(input.len(), |i| start + i);
    let line = &input[line_start..line_end];
    let mut marks = String::new();
    for c in input[line_start..start].chars() {
        match c {
            '\t' => marks.push('\t'),
            c => marks.extend(std::iter::repeat_n(' ', columns(c))),
        }
    }
    let width = input.get(start..span.end.min(line_end)).map_or(0, |s| s.chars().map(columns).sum::<usize>()).max(1);
    marks.extend(std::iter::repeat_n('^', width));
    (line.to_string(), marks)
}

/// Line numbers of byte offsets into one input, counted from the previous
/// offset asked about rather than from the start: reports come in input
/// order, so numbering all of them reads the input once.
pub struct LineCounter {
    offset: usize,
    line: usize,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter::new()
    }
}

impl LineCounter {
    pub fn new() -> Self {
        LineCounter { offset: 0, line: 1 }
    }

    /// The 1-based line holding byte `offset` of `input`.
    pub fn line_at(&mut self, input: &str, offset: usize) -> usize {
        let offset = offset.min(input.len());
        if offset < self.offset {
            // Out of order (never for report_all's output): count afresh.
            *self = LineCounter::new();
        }
        self.line += input.as_bytes()[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

/// One report of `input` and a blank line; `lines` numbers the reports of
/// this input, which must come in input order.
pub fn print(out: &mut impl Write, lang: Lang, input: &str, r: &Report, lines: &mut LineCounter) -> io::Result<()> {
    let line = lines.line_at(input, r.span.start);
    print_at(out, lang, input, r, line)?;
    writeln!(out)
}

/// The report without the closing blank line, at line `line_no`.
pub fn print_at(out: &mut impl Write, lang: Lang, input: &str, r: &Report, line_no: usize) -> io::Result<()> {
    let line = render(lang, Msg::UiLine, &[Arg { name: "n", value: &line_no }]);
    writeln!(out, "{} ({line})", t(lang, kind_msg(r.kind)))?;
    if let Some(err) = &r.error {
        let (text, marks) = caret(input, err.span);
        writeln!(out, "  {}: {}", t(lang, Msg::UiError), err.message)?;
        writeln!(out, "    {text}\n    {marks}")?;
    }
    if let Some(ip) = r.reply_ip.as_ref().or(r.ip.as_ref()) {
        let class = r.address_class.map(|c| t(lang, class_msg(c))).unwrap_or_default();
        // Not in parentheses: class labels carry their own ("private (RFC 1918)").
        writeln!(out, "  {}: {ip}, {class}", t(lang, Msg::UiAddress))?;
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
