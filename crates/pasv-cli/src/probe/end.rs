//! The end of a probe: what each data connection did, the core's verdict
//! on the transcript, the exit status; for people or as JSON.
use std::io;

use pasv_core::log::{analyse_log, report};
use pasv_core::{render, Arg, CliMsg, Lang, Severity};

use super::session::{DataTest, Failure, Outcome};
use super::transcript::Transcript;
use super::{Options, TlsMode};

pub struct End {
    pub tests: Vec<DataTest>,
    pub failure: Option<Failure>,
    /// What `--insecure` let through.
    pub overridden: Option<String>,
    /// The same tests without TLS, when data connections failed with it.
    pub plain: Option<Plain>,
}

pub struct Plain {
    pub tests: Vec<DataTest>,
    pub failure: Option<Failure>,
}

impl Plain {
    fn id(&self) -> &'static str {
        if self.failure.is_some() {
            "no-session"
        } else if self.tests.iter().any(|x| x.outcome == Outcome::Ok)
            && self.tests.iter().all(|x| matches!(x.outcome, Outcome::Ok | Outcome::NotAccepted(_)))
        {
            "works"
        } else {
            "fails-too"
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self.id(), &self.failure) {
            ("works", _) => render(lang, CliMsg::ProbePlainWorks, &[]),
            ("fails-too", _) => render(lang, CliMsg::ProbePlainFailsToo, &[]),
            (_, Some(f)) => {
                let why = failure_message(lang, f);
                render(lang, CliMsg::ProbePlainNoSession, &[Arg { name: "error", value: &why }])
            }
            _ => unreachable!("no-session has a failure"),
        }
    }
}

/// The system's reason for a failed connection, in the reader's language
/// where it is one of the common ones (the transcript keeps the system's
/// English words, as curl prints them, so that the core reads it back).
fn reason(lang: Lang, text: &str) -> String {
    let plain = text.split(" (os error").next().unwrap_or(text);
    let msg = match plain.to_ascii_lowercase().as_str() {
        "connection refused" => CliMsg::ProbeReasonRefused,
        "connection timed out" => CliMsg::ProbeReasonTimedOut,
        "timed out" => CliMsg::ProbeReasonTimeout,
        "no route to host" => CliMsg::ProbeReasonNoRoute,
        "network is unreachable" => CliMsg::ProbeReasonNetUnreachable,
        "connection reset by peer" => CliMsg::ProbeReasonReset,
        _ => return text.to_string(),
    };
    render(lang, msg, &[])
}

/// A failure's message, its system reason (`error`) in the reader's language.
fn failure_message(lang: Lang, f: &Failure) -> String {
    let values: Vec<String> =
        f.args.iter().map(|(name, value)| if *name == "error" { reason(lang, value) } else { value.clone() }).collect();
    let args: Vec<Arg<'_>> = f.args.iter().zip(&values).map(|((name, _), value)| Arg { name, value }).collect();
    render(lang, f.msg, &args)
}

fn outcome_text(lang: Lang, test: &DataTest) -> String {
    let target = test.target.map(|a| a.to_string()).unwrap_or_default();
    let (msg, extra): (CliMsg, String) = match &test.outcome {
        Outcome::Ok => (CliMsg::ProbeDataOk, String::new()),
        Outcome::NotAccepted(code) => (CliMsg::ProbeDataNotAccepted, code.to_string()),
        Outcome::Undecodable => (CliMsg::ProbeDataUndecodable, String::new()),
        Outcome::ConnectFailed(why) => (CliMsg::ProbeDataConnectFailed, reason(lang, why)),
        Outcome::NoConnectBack => (CliMsg::ProbeDataNoConnectBack, String::new()),
        Outcome::Stalled => (CliMsg::ProbeDataStalled, String::new()),
        Outcome::ListFailed(code) => (CliMsg::ProbeDataListFailed, code.to_string()),
        Outcome::ControlLost => (CliMsg::ProbeDataControlLost, String::new()),
        Outcome::TlsFailed(reason) => (CliMsg::ProbeDataTlsFailed, reason.clone()),
    };
    let args = [
        Arg { name: "command", value: &test.command },
        Arg { name: "target", value: &target },
        Arg { name: "bytes", value: &test.bytes },
        Arg { name: "ms", value: &test.ms },
        Arg { name: "detail", value: &extra },
    ];
    // Each message uses the placeholders it needs; render skips the others.
    render(lang, msg, &args)
}

fn outcome_id(o: &Outcome) -> &'static str {
    match o {
        Outcome::Ok => "ok",
        Outcome::NotAccepted(_) => "not-accepted",
        Outcome::Undecodable => "undecodable",
        Outcome::ConnectFailed(_) => "connect-failed",
        Outcome::NoConnectBack => "no-connect-back",
        Outcome::Stalled => "stalled",
        Outcome::ListFailed(_) => "list-failed",
        Outcome::ControlLost => "control-lost",
        Outcome::TlsFailed(_) => "tls-failed",
    }
}

fn tests_json(lang: Lang, tests: &[DataTest]) -> Vec<serde_json::Value> {
    tests
        .iter()
        .map(|x| {
            serde_json::json!({
                "command": x.command,
                "target": x.target.map(|a| a.to_string()),
                "outcome": outcome_id(&x.outcome),
                "bytes": x.bytes,
                "ms": x.ms as u64,
                "message": outcome_text(lang, x),
            })
        })
        .collect()
}

pub fn finish(opts: &Options, t: &mut Transcript, end: End) -> io::Result<u8> {
    let End { tests, failure, overridden, plain } = end;
    let tests = &tests[..];
    let lang = opts.lang;
    let analysis = analyse_log(t.text(), None);
    let rep = report(&analysis, lang);
    let any_ok = tests.iter().any(|x| x.outcome == Outcome::Ok);
    let broken = tests.iter().any(|x| !matches!(x.outcome, Outcome::Ok | Outcome::NotAccepted(_)));
    let code = match &failure {
        Some(f) => f.exit,
        // A warning is a problem too: some clients or networks fail (a
        // private address the probe itself skipped, for one).
        None if analysis.is_failure() || analysis.verdict.severity != Severity::Info || broken || !any_ok => 1,
        None => 0,
    };
    let failure_text = failure.as_ref().map(|f| failure_message(lang, f));
    let overridden = overridden.map(|error| render(lang, CliMsg::ProbeInsecureWent, &[Arg { name: "error", value: &error }]));
    let result = match (code, &failure_text) {
        (0, _) => render(lang, CliMsg::ProbeResultOk, &[]),
        (3, _) => render(lang, CliMsg::ProbeResultNoSession, &[]),
        _ => render(lang, CliMsg::ProbeResultProblem, &[]),
    };
    if let Some(e) = t.write_error.take() {
        return Err(e);
    }
    let out = t.out();
    if opts.json {
        let plain_json =
            plain.as_ref().map(|p| serde_json::json!({"outcome": p.id(), "tests": tests_json(lang, &p.tests), "message": p.message(lang)}));
        let error = failure.as_ref().zip(failure_text.as_ref()).map(|(f, m)| serde_json::json!({"id": f.msg.key(), "message": m}));
        let probe = serde_json::json!({
            "exit": code,
            "tls": opts.tls != TlsMode::None,
            "certificate_problem": overridden,
            "tests": tests_json(lang, tests),
            "without_tls": plain_json,
            "error": error,
            "result": result,
        });
        writeln!(out, "{}", serde_json::json!({ "probe": probe }))?;
        writeln!(out, "{{\"summary\":{}}}", serde_json::to_string(&rep.summary).expect("reports serialize"))?;
    } else {
        writeln!(out)?;
        for x in tests {
            writeln!(out, "{}", outcome_text(lang, x))?;
        }
        if let Some(text) = &overridden {
            writeln!(out, "{text}")?;
        }
        if let Some(p) = &plain {
            for x in &p.tests {
                writeln!(out, "{} {}", render(lang, CliMsg::ProbeWithoutTls, &[]), outcome_text(lang, x))?;
            }
            writeln!(out, "{}", p.message(lang))?;
        }
        if let Some(text) = &failure_text {
            writeln!(out, "{}: {text}", render(lang, CliMsg::ProbeStopped, &[]))?;
        }
        if code != 3 {
            writeln!(out)?;
            crate::log::print_human(&mut &mut *out, lang, &rep)?;
        }
        writeln!(out, "{result}")?;
    }
    out.flush()?;
    if let (Some(text), false) = (&failure_text, opts.json) {
        eprintln!("pasv-lens: {text}");
    }
    Ok(code)
}
