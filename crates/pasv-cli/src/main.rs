//! `pasv-lens`: decode and explain FTP passive-mode replies from the command line.
//! Argument parsing and printing, and the `probe` network client; every
//! decision (decoding, analysis, the verdict) lives in `pasv-core`.
#![forbid(unsafe_code)]
use std::io::{self, IsTerminal, Read, Write};
use std::net::IpAddr;
use std::process::ExitCode;

use pasv_core::{encode, render, report_all, Arg, CliMsg, Command, Context, Lang, Msg, SocketTarget};

mod human;
mod log;
mod output;
mod probe;

/// The exit status when standard output is a closed pipe (`pasv-lens decode … | head`):
/// 128 + SIGPIPE, what a shell reports for a Unix tool that SIGPIPE ended. The
/// tool stops writing and exits without a message.
const BROKEN_PIPE: u8 = 141;

/// The command lines at the top of the usage text: option syntax, the same in
/// every language (the rest of the usage comes from the catalog, `cli.usage`).
const SYNOPSIS: &str = concat!(
    "  pasv-lens decode [--json] [--control-ip IP] [--sent PASV|EPSV|LPSV|PORT|EPRT|LPRT] [--lang en|vi] [--] [REPLY...]\n",
    "  pasv-lens encode [--lang en|vi] IP:PORT\n",
    "  pasv-lens probe [--json] [--tls none|explicit|implicit] [--insecure] [--timeout SECS] [--ipv4|--ipv6] [--active] [--try-announced] [--lang en|vi] ftp://[USER@]HOST[:PORT][/PATH]\n",
    "  pasv-lens --help | --version",
);

struct DecodeArgs {
    json: bool,
    context: Context,
    lang: Lang,
    replies: Vec<String>,
}

/// A command line that cannot run, in the language of a `--lang` given before
/// the mistake (English otherwise).
struct UsageError {
    lang: Lang,
    message: String,
}

/// What a subcommand's arguments ask for.
enum Parsed<T> {
    Run(T),
    /// `-h` or `--help`, in the language of a `--lang` given before it.
    Help(Lang),
}

fn cli(lang: Lang, msg: CliMsg, args: &[Arg<'_>]) -> String {
    render(lang, msg, args)
}

fn usage(lang: Lang) -> String {
    cli(lang, CliMsg::Usage, &[Arg { name: "synopsis", value: &SYNOPSIS }])
}

fn print_usage(lang: Lang) -> io::Result<ExitCode> {
    writeln!(io::stdout().lock(), "{}", usage(lang))?;
    Ok(ExitCode::SUCCESS)
}

fn usage_error(err: UsageError) -> ExitCode {
    eprintln!("pasv-lens: {}\n\n{}", err.message, usage(err.lang));
    ExitCode::from(2)
}

/// `\\`, `\r` and `\n` typed literally in an argument, read in one pass from
/// left to right (so `\\n` is a backslash and an `n`); any other backslash
/// is kept as typed.
fn unescape(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len());
    let mut chars = arg.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// An argument that names an option: `--anything` but `--` itself, or `-`
/// followed by a letter. Anything else (`-5`, `-`, text) is an operand.
fn is_option(arg: &str) -> bool {
    let mut chars = arg.chars();
    chars.next() == Some('-') && chars.next().is_some_and(|c| c == '-' || c.is_alphabetic()) && arg != "--"
}

/// Walks the arguments of a subcommand: options it knows are handed to
/// `on_option` (with a way to take their value), `-h`/`--help`, `--lang`,
/// `--` and unknown options are handled here, operands are collected.
fn parse_args(
    args: &[String],
    mut on_option: impl FnMut(&str, &mut dyn FnMut() -> Result<String, String>, Lang) -> Option<Result<(), String>>,
) -> Result<Parsed<(Lang, Vec<String>)>, UsageError> {
    let mut lang = Lang::En;
    let mut operands = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--" {
            operands.extend(it.by_ref().cloned());
            break;
        }
        if !is_option(arg) {
            operands.push(arg.clone());
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let fail = move |message| UsageError { lang, message };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| cli(lang, CliMsg::NeedsValue, &[Arg { name: "option", value: &name }]))
        };
        match name {
            "-h" | "--help" => return Ok(Parsed::Help(lang)),
            "--lang" => {
                let v = value().map_err(fail)?;
                let langs = Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ");
                lang = Lang::from_code(&v).ok_or_else(|| {
                    fail(cli(
                        lang,
                        CliMsg::BadLang,
                        &[Arg { name: "value", value: &format!("{v:?}") }, Arg { name: "langs", value: &langs }],
                    ))
                })?;
            }
            _ => match on_option(name, &mut value, lang) {
                Some(result) => result.map_err(fail)?,
                None => return Err(fail(cli(lang, CliMsg::UnknownOption, &[Arg { name: "option", value: &name }]))),
            },
        }
    }
    Ok(Parsed::Run((lang, operands)))
}

fn parse_decode(args: &[String]) -> Result<Parsed<DecodeArgs>, UsageError> {
    let mut json = false;
    let mut context = Context::default();
    let parsed = parse_args(args, |name, value, lang| {
        let quoted = |v: &str| format!("{v:?}");
        Some(match name {
            "--json" => {
                json = true;
                Ok(())
            }
            "--control-ip" => value().and_then(|v| {
                let ip = v.parse::<IpAddr>().map_err(|_| cli(lang, CliMsg::BadControlIp, &[Arg { name: "value", value: &quoted(&v) }]))?;
                context.control_ip = Some(ip);
                Ok(())
            }),
            "--sent" => value().and_then(|v| {
                let sent = Command::parse(&v).ok_or_else(|| cli(lang, CliMsg::BadSent, &[Arg { name: "value", value: &quoted(&v) }]))?;
                context.sent = Some(sent);
                Ok(())
            }),
            _ => return None,
        })
    })?;
    Ok(match parsed {
        Parsed::Help(lang) => Parsed::Help(lang),
        Parsed::Run((lang, replies)) => {
            Parsed::Run(DecodeArgs { json, context, lang, replies: replies.iter().map(|r| unescape(r)).collect() })
        }
    })
}

fn run_decode(args: &[String]) -> io::Result<ExitCode> {
    let args = match parse_decode(args) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Help(lang)) => return print_usage(lang),
        Err(e) => return Ok(usage_error(e)),
    };
    let inputs = if args.replies.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("pasv-lens: {}", cli(args.lang, CliMsg::ReadingStdin, &[]));
        }
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        let input = String::from_utf8_lossy(&bytes).into_owned();
        if pasv_core::log::looks_like_log(&input) {
            return log::run(&args, &input);
        }
        vec![input]
    } else {
        args.replies.clone()
    };
    let mut all_ok = true;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for input in &inputs {
        let reports = report_all(input, &args.context, args.lang);
        all_ok &= reports.iter().all(|r| r.ok);
        output::print_reports(&mut out, args.json, args.lang, input, &reports)?;
    }
    out.flush()?;
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_encode(args: &[String]) -> io::Result<ExitCode> {
    let (lang, operands) = match parse_args(args, |_, _, _| None) {
        Ok(Parsed::Run(parsed)) => parsed,
        Ok(Parsed::Help(lang)) => return print_usage(lang),
        Err(e) => return Ok(usage_error(e)),
    };
    let [target] = operands.as_slice() else {
        return Ok(usage_error(UsageError { lang, message: cli(lang, CliMsg::EncodeArguments, &[]) }));
    };
    let parsed = target.parse::<std::net::SocketAddr>().ok().filter(|s| s.port() != 0);
    let Some(sock) = parsed else {
        let message = cli(lang, CliMsg::EncodeBadTarget, &[Arg { name: "value", value: &format!("{target:?}") }]);
        return Ok(usage_error(UsageError { lang, message }));
    };
    let e = encode(SocketTarget { ip: sock.ip(), port: sock.port() });
    let [p1, p2] = e.port_bytes;
    let arith = render(
        lang,
        Msg::UiArithmetic,
        &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }, Arg { name: "port", value: &sock.port() }],
    );
    let lines = [e.pasv, Some(e.lpsv), Some(e.epsv), e.port, Some(e.eprt), Some(e.lprt), Some(arith)];
    let mut out = io::stdout().lock();
    for line in lines.into_iter().flatten() {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The exit status of a command that ran: quietly [`BROKEN_PIPE`] when the
/// reader of standard output went away, 1 with a message on other I/O errors.
fn finish(result: io::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            eprintln!("pasv-lens: {e}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let en = |message| usage_error(UsageError { lang: Lang::En, message });
    match args.first().map(String::as_str) {
        Some("decode") => finish(run_decode(&args[1..])),
        Some("encode") => finish(run_encode(&args[1..])),
        Some("probe") => finish(probe::run(&args[1..])),
        Some("-h" | "--help" | "help") => finish(print_usage(Lang::En)),
        Some("-V" | "--version") => {
            finish(writeln!(io::stdout().lock(), "pasv-lens {}", env!("CARGO_PKG_VERSION")).map(|()| ExitCode::SUCCESS))
        }
        Some(option) if is_option(option) => en(cli(Lang::En, CliMsg::UnknownOption, &[Arg { name: "option", value: &option }])),
        Some(other) => en(cli(Lang::En, CliMsg::UnknownCommand, &[Arg { name: "command", value: &format!("{other:?}") }])),
        None => en(cli(Lang::En, CliMsg::MissingCommand, &[])),
    }
}
