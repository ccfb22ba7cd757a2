//! Session logs on standard input: the verdict first, then every passive or
//! active exchange with its line number. All analysis lives in `pasv_core::log`.
use std::io::{self, Write};
use std::process::ExitCode;

use pasv_core::log::{analyse_log, report, ExchangeReport, LogReport};
use pasv_core::{render, severity_msg, Arg, Lang, LogMsg, Msg};

use crate::{human, DecodeArgs};

fn t(lang: Lang, msg: impl pasv_core::Message) -> String {
    render(lang, msg, &[])
}

pub fn run(args: &DecodeArgs, input: &str) -> io::Result<ExitCode> {
    let analysis = analyse_log(input, args.context.control_ip);
    let rep = report(&analysis, args.lang);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        for exchange in &rep.exchanges {
            writeln!(out, "{}", serde_json::to_string(exchange).expect("reports serialize"))?;
        }
        // Keep the summary's field order (a serde_json::Value map would sort it).
        writeln!(out, "{{\"summary\":{}}}", serde_json::to_string(&rep.summary).expect("reports serialize"))?;
    } else {
        print_human(&mut out, args.lang, &rep)?;
    }
    out.flush()?;
    Ok(if analysis.is_failure() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub(crate) fn print_human(out: &mut impl Write, lang: Lang, rep: &LogReport) -> io::Result<()> {
    let s = &rep.summary;
    let v = &s.verdict;
    writeln!(out, "{}: [{}] {}", t(lang, LogMsg::UiVerdict), t(lang, severity_msg(v.severity)), v.message)?;
    writeln!(out, "  {}: {} <{}>", t(lang, Msg::UiSource), v.citation.label, v.citation.url)?;
    if let Some(fix) = &v.fix {
        writeln!(out, "{}: {}", t(lang, LogMsg::UiFix), fix.message)?;
        writeln!(out, "  {}: {} <{}>", t(lang, Msg::UiSource), fix.citation.label, fix.citation.url)?;
    }
    writeln!(out)?;
    if let Some(format) = &s.format_name {
        writeln!(out, "{}", render(lang, LogMsg::UiFormat, &[Arg { name: "format", value: format }]))?;
    }
    // A server guessed from its wording is shown as a guess.
    let server_msg = if s.server_guessed { LogMsg::UiServerGuessed } else { LogMsg::UiServer };
    match (s.server_name, s.server_line) {
        (Some(name), Some(line)) => {
            writeln!(out, "{}", render(lang, server_msg, &[Arg { name: "server", value: &name }, Arg { name: "line", value: &line }]))?
        }
        _ => writeln!(out, "{}", t(lang, LogMsg::UiServerUnknown))?,
    }
    let control = match (&s.control_ip, s.control_line) {
        (Some(ip), Some(line)) => {
            render(lang, LogMsg::UiControlLog, &[Arg { name: "address", value: ip }, Arg { name: "line", value: &line }])
        }
        (Some(ip), None) => render(lang, LogMsg::UiControlOverride, &[Arg { name: "address", value: ip }]),
        _ => t(lang, LogMsg::UiControlUnknown),
    };
    writeln!(out, "{control}")?;
    writeln!(out, "{}\n", render(lang, LogMsg::UiExchangesCount, &[Arg { name: "n", value: &s.exchanges }]))?;
    for e in &rep.exchanges {
        print_exchange(out, lang, e)?;
    }
    Ok(())
}

fn print_exchange(out: &mut impl Write, lang: Lang, e: &ExchangeReport) -> io::Result<()> {
    let command = e.command.clone().unwrap_or_else(|| t(lang, LogMsg::UiNoCommand));
    let line = e.command_line.unwrap_or(e.line);
    writeln!(out, "{}", render(lang, LogMsg::UiExchange, &[Arg { name: "line", value: &line }, Arg { name: "command", value: &command }]))?;
    human::print_at(out, lang, &e.text, &e.report, e.line)?;
    let notes = [
        e.out_of_step.then(|| t(lang, LogMsg::UiOutOfStep)),
        e.fallback_from_line.map(|l| render(lang, LogMsg::UiFallback, &[Arg { name: "line", value: &l }])),
        e.client_fixup_line.map(|l| render(lang, LogMsg::UiClientFixup, &[Arg { name: "line", value: &l }])),
        e.client_ignores_address.then(|| t(lang, LogMsg::UiFtplibIgnoresAddress)),
        // Where the client really connected, when not where the row says.
        e.client_target.as_ref().filter(|&target| Some(target) != e.report.connect_to.as_ref()).map(|target| {
            let line = e.client_target_line.unwrap_or(e.line);
            render(lang, LogMsg::UiClientTarget, &[Arg { name: "line", value: &line }, Arg { name: "target", value: target }])
        }),
        e.data_failure.as_ref().map(|f| {
            let failed =
                render(lang, LogMsg::UiDataFailure, &[Arg { name: "line", value: &f.line }, Arg { name: "kind", value: &f.message }]);
            format!("{failed} — “{}”", f.text)
        }),
        e.completed_line.map(|l| render(lang, LogMsg::UiCompleted, &[Arg { name: "line", value: &l }])),
    ];
    for note in notes.into_iter().flatten() {
        writeln!(out, "  * {note}")?;
    }
    writeln!(out)
}
