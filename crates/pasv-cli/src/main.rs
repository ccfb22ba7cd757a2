//! `pasv-lens`: decode and explain FTP passive-mode replies from the command line.
//! Argument parsing and printing only; all logic lives in `pasv-core`.
use std::io::{self, IsTerminal, Read, Write};
use std::net::IpAddr;
use std::process::ExitCode;

use pasv_core::{encode, report_all, Command, Context, Lang, Msg, Report, SocketTarget};

mod human;
mod log;

const USAGE: &str = "\
Usage:
  pasv-lens decode [--json] [--control-ip IP] [--sent PASV|EPSV|LPSV|PORT|EPRT|LPRT] [--lang en|vi] [REPLY...]
  pasv-lens encode IP:PORT

decode  Decodes each REPLY argument (\\r\\n inside an argument separates the lines
        of a multi-line reply), or everything on standard input when none is given.
        --json prints one JSON object per reply or command (JSON Lines).
        A session log on standard input (FileZilla, curl -v, lftp debug, WinSCP,
        Python ftplib debug, or a raw control connection) is read as a whole: the
        verdict first, then every passive/active exchange with its line number.
        With --json: one object per exchange (with \"line\" and \"command\"), then
        {\"summary\": {...}}. --control-ip overrides the address found in the log.
encode  Prints the 227, 228, 229, PORT, EPRT and LPRT forms of an address and port.

Exit status: 0 when every input decoded, 1 otherwise (for a log: when an exchange
did not decode or the verdict is a failure), 2 on usage errors.";

struct DecodeArgs {
    json: bool,
    context: Context,
    lang: Lang,
    replies: Vec<String>,
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("pasv-lens: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// `\r`, `\n` and `\\` typed literally in an argument.
fn unescape(arg: &str) -> String {
    arg.replace("\\r", "\r").replace("\\n", "\n").replace("\\\\", "\\")
}

fn parse_decode(args: &[String]) -> Result<DecodeArgs, String> {
    let mut out = DecodeArgs { json: false, context: Context::default(), lang: Lang::En, replies: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |flag: &str| inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{flag} needs a value"));
        match name {
            "--json" => out.json = true,
            "--control-ip" => {
                let v = value("--control-ip")?;
                out.context.control_ip = Some(v.parse::<IpAddr>().map_err(|_| format!("--control-ip: {v:?} is not an IP address"))?);
            }
            "--sent" => {
                let v = value("--sent")?;
                out.context.sent = Some(Command::parse(&v).ok_or(format!("--sent: {v:?} is not PASV, EPSV, LPSV, PORT, EPRT or LPRT"))?);
            }
            "--lang" => {
                let v = value("--lang")?;
                out.lang = Lang::from_code(&v).ok_or(format!("--lang: {v:?} is not one of en, vi"))?;
            }
            "--" => out.replies.extend(it.by_ref().map(|s| unescape(s))),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            reply => out.replies.push(unescape(reply)),
        }
    }
    Ok(out)
}

fn print_reports(out: &mut impl Write, args: &DecodeArgs, input: &str, reports: &[Report]) -> io::Result<()> {
    for report in reports {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(report).expect("reports serialize"))?;
        } else {
            human::print(out, args.lang, input, report)?;
        }
    }
    Ok(())
}

fn run_decode(args: &[String]) -> io::Result<ExitCode> {
    let args = match parse_decode(args) {
        Ok(a) => a,
        Err(e) => return Ok(usage_error(&e)),
    };
    let inputs = if args.replies.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("pasv-lens: reading replies from standard input (Ctrl-D to end)");
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
        print_reports(&mut out, &args, input, &reports)?;
    }
    out.flush()?;
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_encode(args: &[String]) -> ExitCode {
    let [target] = args else { return usage_error("encode takes one IP:PORT argument") };
    let parsed = target.parse::<std::net::SocketAddr>().ok().filter(|s| s.port() != 0);
    let Some(sock) = parsed else {
        return usage_error(&format!("{target:?} is not IP:PORT (IPv6 as [addr]:port, port 1-65535)"));
    };
    let e = encode(SocketTarget { ip: sock.ip(), port: sock.port() });
    let [p1, p2] = e.port_bytes;
    let arith = pasv_core::render(
        Lang::En,
        Msg::UiArithmetic,
        &[
            pasv_core::Arg { name: "p1", value: &p1 },
            pasv_core::Arg { name: "p2", value: &p2 },
            pasv_core::Arg { name: "port", value: &sock.port() },
        ],
    );
    let lines = [e.pasv, Some(e.lpsv), Some(e.epsv), e.port, Some(e.eprt), Some(e.lprt), Some(arith)];
    for line in lines.into_iter().flatten() {
        println!("{line}");
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("decode") => run_decode(&args[1..]).unwrap_or_else(|e| {
            eprintln!("pasv-lens: {e}");
            ExitCode::from(1)
        }),
        Some("encode") => run_encode(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command {other:?}")),
        None => usage_error("missing command"),
    }
}
