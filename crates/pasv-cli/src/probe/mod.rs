//! `pasv-lens probe ftp://[user@]host[:port][/path]`: tests a live server
//! from where the user stands. The session is written as a transcript the
//! core's log reader understands, and the verdict at the end is the core's
//! (`log::analyse_log`) on that very transcript: the probe decides nothing
//! the log analysis would not.
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use pasv_core::{render, Arg, CliMsg, Command, Lang};

use crate::{cli, parse_args, print_usage, usage_error, Parsed, UsageError};

mod control;
mod data;
mod end;
mod session;
mod tls;
mod transcript;
mod url;

use session::{Failure, Outcome, Session};
use transcript::Transcript;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Any,
    V4,
    V6,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    None,
    /// `AUTH TLS` on the control connection (RFC 4217).
    Explicit,
    /// TLS from the first byte (port 990 by custom).
    Implicit,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub tls: TlsMode,
    pub insecure: bool,
    pub timeout: Duration,
    pub family: Family,
    pub active: bool,
    pub try_announced: bool,
    pub json: bool,
    pub lang: Lang,
}

const DEFAULT_TIMEOUT: u64 = 5;
const MAX_TIMEOUT: u64 = 3600;

fn parse(args: &[String]) -> Result<Parsed<(Options, url::Target)>, UsageError> {
    let mut tls = None;
    let mut opts = Options {
        tls: TlsMode::None,
        insecure: false,
        timeout: Duration::from_secs(DEFAULT_TIMEOUT),
        family: Family::Any,
        active: false,
        try_announced: false,
        json: false,
        lang: Lang::En,
    };
    let mut v4 = false;
    let mut v6 = false;
    let parsed = parse_args(args, |name, value, lang| {
        let set = |flag: &mut bool| {
            *flag = true;
            Ok(())
        };
        Some(match name {
            "--json" => set(&mut opts.json),
            "--active" => set(&mut opts.active),
            "--try-announced" => set(&mut opts.try_announced),
            "--insecure" | "-k" => set(&mut opts.insecure),
            "--tls" => value().and_then(|v| {
                tls = Some(match v.as_str() {
                    "none" => TlsMode::None,
                    "explicit" => TlsMode::Explicit,
                    "implicit" => TlsMode::Implicit,
                    _ => return Err(cli(lang, CliMsg::ProbeBadTls, &[Arg { name: "value", value: &format!("{v:?}") }])),
                });
                Ok(())
            }),
            "--ipv4" | "-4" => set(&mut v4),
            "--ipv6" | "-6" => set(&mut v6),
            "--timeout" => value().and_then(|v| {
                let secs = v.parse::<u64>().ok().filter(|s| (1..=MAX_TIMEOUT).contains(s));
                let secs = secs.ok_or_else(|| cli(lang, CliMsg::ProbeBadTimeout, &[Arg { name: "value", value: &format!("{v:?}") }]))?;
                opts.timeout = Duration::from_secs(secs);
                Ok(())
            }),
            _ => return None,
        })
    })?;
    let (lang, operands) = match parsed {
        Parsed::Help(lang) => return Ok(Parsed::Help(lang)),
        Parsed::Run(p) => p,
    };
    opts.lang = lang;
    let err = |message| UsageError { lang, message };
    if v4 && v6 {
        return Err(err(cli(lang, CliMsg::ProbeBothFamilies, &[])));
    }
    opts.family = if v4 {
        Family::V4
    } else if v6 {
        Family::V6
    } else {
        Family::Any
    };
    let [target] = operands.as_slice() else {
        return Err(err(cli(lang, CliMsg::ProbeArguments, &[])));
    };
    let target = url::parse(target).map_err(|e| {
        let msg = match e {
            url::UrlError::Malformed => CliMsg::ProbeBadUrl,
            url::UrlError::Password => CliMsg::ProbePasswordInUrl,
        };
        err(cli(lang, msg, &[Arg { name: "value", value: &format!("{target:?}") }]))
    })?;
    opts.tls = match (tls, target.implicit_tls) {
        (Some(TlsMode::Explicit | TlsMode::None), true) => return Err(err(cli(lang, CliMsg::ProbeFtpsImplicit, &[]))),
        (Some(mode), _) => mode,
        (None, true) => TlsMode::Implicit,
        (None, false) => TlsMode::None,
    };
    Ok(Parsed::Run((opts, target)))
}

/// The password: `PASV_LENS_PASSWORD`, else a prompt on the terminal with
/// echo off; anonymous logins send `anonymous@` (RFC 1635).
fn password(lang: Lang, target: &url::Target) -> Result<String, UsageError> {
    if let Ok(p) = std::env::var("PASV_LENS_PASSWORD") {
        return Ok(p);
    }
    let Some(user) = target.user.as_deref().filter(|u| !u.eq_ignore_ascii_case("anonymous") && !u.eq_ignore_ascii_case("ftp")) else {
        return Ok("anonymous@".into());
    };
    let no_password = || UsageError { lang, message: cli(lang, CliMsg::ProbeNoPassword, &[Arg { name: "user", value: &user }]) };
    if !io::stdin().is_terminal() {
        return Err(no_password());
    }
    eprint!("{}", cli(lang, CliMsg::ProbePasswordPrompt, &[Arg { name: "user", value: &user }]));
    let stty =
        |arg: &str| std::process::Command::new("stty").arg(arg).stdin(std::process::Stdio::inherit()).status().is_ok_and(|s| s.success());
    let hidden = stty("-echo");
    let mut line = String::new();
    let read = io::stdin().lock().read_line(&mut line);
    if hidden {
        stty("echo");
    }
    eprintln!();
    read.map_err(|_| no_password())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn run(args: &[String]) -> io::Result<ExitCode> {
    let (opts, target) = match parse(args) {
        Ok(Parsed::Run(p)) => p,
        Ok(Parsed::Help(lang)) => return print_usage(lang),
        Err(e) => return Ok(usage_error(e)),
    };
    let password = match password(opts.lang, &target) {
        Ok(p) => p,
        Err(e) => return Ok(usage_error(e)),
    };
    let out: Box<dyn Write> = Box::new(io::stdout());
    let mut t = Transcript::new(opts.json, out).with_progress(opts.lang);
    let code = probe(&opts, &target, password, &mut t)?;
    Ok(ExitCode::from(code))
}

/// Runs the probe and prints its end; the exit status.
pub fn probe(opts: &Options, target: &url::Target, password: String, t: &mut Transcript) -> io::Result<u8> {
    let shown = match &target.user {
        Some(u) => format!("ftp://{u}@{}:{}/{}", host_in_url(&target.host), target.port, target.path),
        None => format!("ftp://{}:{}/{}", host_in_url(&target.host), target.port, target.path),
    };
    let tls = match opts.tls {
        TlsMode::None => "",
        TlsMode::Explicit => "--tls explicit ",
        TlsMode::Implicit => "--tls implicit ",
    };
    t.header(&format!("$ pasv-lens probe {tls}{shown}"));
    let tls = match opts.tls {
        TlsMode::None => None,
        TlsMode::Explicit | TlsMode::Implicit => match tls::Tls::new(&target.host, opts.insecure) {
            Ok(tls) => Some(tls),
            Err(error) => {
                let failure = Failure { msg: CliMsg::ProbeTlsFailed, args: vec![("error", error)], exit: 3 };
                return end::finish(opts, t, end::End { tests: Vec::new(), failure: Some(failure), overridden: None, plain: None });
            }
        },
    };
    let mut s = Session {
        opts,
        target,
        password,
        t,
        control: None,
        control_ip: None,
        tests: Vec::new(),
        tls: tls.as_ref(),
        data_tls: false,
        cert_overridden: None,
    };
    let failure = steps(&mut s).err();
    s.quit();
    let tests = std::mem::take(&mut s.tests);
    let overridden = s.cert_overridden.take();
    let password = std::mem::take(&mut s.password);
    drop(s);
    // Data connections that failed under TLS: would they work without it?
    // That tells a router's FTP helper, blind to encrypted replies, from a
    // port that is closed to everyone.
    let tls_failed = tests
        .iter()
        .any(|x| matches!(x.outcome, Outcome::ConnectFailed(_) | Outcome::Stalled | Outcome::NoConnectBack | Outcome::TlsFailed(_)));
    let plain = (opts.tls == TlsMode::Explicit && failure.is_none() && tls_failed).then(|| plain_comparison(opts, target, password));
    end::finish(opts, t, end::End { tests, failure, overridden, plain })
}

/// The same tests without TLS, in a second session whose transcript is not
/// printed (it would make the printed one two sessions in one log).
fn plain_comparison(opts: &Options, target: &url::Target, password: String) -> end::Plain {
    let plain_opts = Options { tls: TlsMode::None, json: false, ..opts.clone() };
    let mut quiet = Transcript::new(false, Box::new(io::sink()));
    let mut s = Session {
        opts: &plain_opts,
        target,
        password,
        t: &mut quiet,
        control: None,
        control_ip: None,
        tests: Vec::new(),
        tls: None,
        data_tls: false,
        cert_overridden: None,
    };
    let failure = steps(&mut s).err();
    s.quit();
    let tests = std::mem::take(&mut s.tests);
    end::Plain { tests, failure }
}

fn steps(s: &mut Session<'_>) -> Result<(), Failure> {
    let addrs = s.resolve()?;
    s.connect(&addrs)?;
    if s.opts.tls == TlsMode::Implicit {
        s.start_tls(false)?;
    }
    let banner = render(s.opts.lang, CliMsg::ProbeStepBanner, &[]);
    s.banner(&banner)?;
    if s.opts.tls == TlsMode::Explicit {
        s.start_tls(true)?;
    }
    s.login()?;
    s.protect_data()?;
    s.features()?;
    let commands: &[Command] = if s.opts.active { &[Command::Eprt, Command::Port] } else { &[Command::Epsv, Command::Pasv] };
    for &cmd in commands {
        if s.control.is_none() {
            break;
        }
        // PASV and PORT carry only IPv4 addresses (RFC 2428 §1): over IPv6
        // a careful client sends EPSV and EPRT alone.
        if matches!(cmd, Command::Pasv | Command::Port) && s.control_ip.is_some_and(|ip| ip.is_ipv6()) {
            continue;
        }
        if matches!(cmd, Command::Eprt | Command::Port) {
            s.active(cmd)?;
        } else {
            s.passive(cmd)?;
        }
    }
    Ok(())
}

fn host_in_url(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}
