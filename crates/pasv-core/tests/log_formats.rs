//! Real logs of wget, tnftp, inetutils, curl and of the vsftpd and
//! pyftpdlib servers (tests/logs/*.log, each headed by the programs and
//! versions that wrote it, on 127.0.0.1 in a network namespace of its own):
//! the format, the control connection's and the client's addresses, the
//! exchanges and failures on the lines the files show, and no credential in
//! `redact` or in the JSON report in either language. Expectations are read
//! off the files by hand.
use std::net::IpAddr;

use pasv_core::log::{analyse_log, redact, report, ControlSource, FailureKind, LogAnalysis, LogFormat};
use pasv_core::Lang;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/logs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

struct Case {
    file: &'static str,
    format: LogFormat,
    /// The control connection's address and the line naming it.
    control: Option<(&'static str, usize)>,
    /// A server log: the client's address and the line naming it first.
    client: Option<(&'static str, usize)>,
    /// Exchanges: the decoded line, the command and its line, the reply code (passive).
    exchanges: &'static [(usize, &'static str, usize, Option<u16>)],
    /// Failures: line, kind, exchange index.
    failures: &'static [(usize, FailureKind, Option<usize>)],
    /// What must not survive redaction and the report.
    secrets: &'static [&'static str],
}

use FailureKind::*;
use LogFormat::*;

const CASES: &[Case] = &[
    Case {
        file: "wget-nat-timeout.log",
        format: Wget,
        control: Some(("127.0.0.1", 12)),
        client: None,
        exchanges: &[(51, "PASV", 49, Some(227))],
        failures: &[(55, TimedOut, Some(0))],
        secrets: &["s3cr3tpw", "alice"],
    },
    Case {
        file: "wget-refused.log",
        format: Wget,
        control: Some(("127.0.0.1", 12)),
        client: None,
        exchanges: &[(51, "PASV", 49, Some(227))],
        failures: &[(55, Refused, Some(0))],
        secrets: &["s3cr3tpw", "alice"],
    },
    Case {
        file: "wget-active-425.log",
        format: Wget,
        control: Some(("127.0.0.1", 13)),
        client: None,
        exchanges: &[(53, "PORT", 53, None)],
        failures: &[(59, CannotOpen, Some(0))],
        secrets: &["s3cr3tpw"],
    },
    Case {
        // tnftp prints the 229 and the 200 after EPRT twice (lines 33-34, 37-38).
        file: "tnftp-epsv-timeout.log",
        format: Tnftp,
        control: Some(("127.0.0.1", 4)),
        client: None,
        exchanges: &[(33, "EPSV", 32, Some(229)), (36, "EPRT", 36, None)],
        failures: &[(35, TimedOut, Some(0))],
        secrets: &["alice"],
    },
    Case {
        file: "tnftp-address-mismatch.log",
        format: Tnftp,
        control: Some(("127.0.0.1", 4)),
        client: None,
        exchanges: &[(34, "PASV", 33, Some(227))],
        failures: &[(35, AddressRefused, Some(0))],
        secrets: &["alice"],
    },
    Case {
        file: "tnftp-active-425.log",
        format: Tnftp,
        control: Some(("127.0.0.1", 4)),
        client: None,
        exchanges: &[(33, "EPRT", 33, None), (36, "PORT", 36, None)],
        failures: &[(34, CannotOpen, Some(0)), (37, CannotOpen, Some(1))],
        secrets: &["alice"],
    },
    Case {
        file: "inetutils-epsv-timeout.log",
        format: Inetutils,
        control: Some(("127.0.0.1", 2)),
        client: None,
        exchanges: &[(15, "EPSV", 14, Some(229))],
        failures: &[(16, TimedOut, Some(0))],
        secrets: &["alice"],
    },
    Case {
        file: "inetutils-address-mismatch.log",
        format: Inetutils,
        control: Some(("127.0.0.1", 2)),
        client: None,
        exchanges: &[(14, "PASV", 13, Some(227))],
        failures: &[(15, AddressRefused, Some(0))],
        secrets: &["alice"],
    },
    Case {
        file: "inetutils-refused.log",
        format: Inetutils,
        control: Some(("127.0.0.1", 2)),
        client: None,
        exchanges: &[(14, "PASV", 13, Some(227))],
        failures: &[(15, Refused, Some(0))],
        secrets: &["alice"],
    },
    Case {
        // Both 425s are glued after progress meter updates (lines 18, 23).
        file: "curl-glued-active-425.log",
        format: Curl,
        control: Some(("127.0.0.1", 5)),
        client: None,
        exchanges: &[(15, "EPRT", 15, None), (21, "PORT", 21, None)],
        failures: &[(18, CannotOpen, Some(0)), (23, CannotOpen, Some(1))],
        secrets: &["s3cr3tpw", "alice"],
    },
    Case {
        // The data connection's failure glued after the meter (line 21).
        file: "curl-control-port.log",
        format: Curl,
        control: Some(("127.0.0.1", 5)),
        client: None,
        exchanges: &[(18, "PASV", 15, Some(227))],
        failures: &[(21, TimedOut, Some(0))],
        secrets: &["s3cr3tpw", "alice"],
    },
    Case {
        file: "curl-data-connected.log",
        format: Curl,
        control: Some(("127.0.0.1", 5)),
        client: None,
        exchanges: &[(20, "EPSV", 18, Some(229))],
        failures: &[],
        secrets: &["s3cr3tpw", "alice"],
    },
    Case {
        file: "vsftpd-server-nat.log",
        format: VsftpdServer,
        control: None,
        client: Some(("127.0.0.1", 2)),
        exchanges: &[(12, "PASV", 11, Some(227))],
        failures: &[],
        secrets: &["s3cr3tpw"],
    },
    Case {
        file: "vsftpd-server-feat.log",
        format: VsftpdServer,
        control: None,
        client: Some(("127.0.0.1", 2)),
        exchanges: &[(22, "EPSV", 21, Some(229)), (27, "PASV", 26, Some(227))],
        failures: &[],
        secrets: &["s3cr3tpw"],
    },
    Case {
        file: "pyftpdlib-server-active-425.log",
        format: PyftpdlibServer,
        control: Some(("127.0.0.1", 14)),
        client: Some(("127.0.0.1", 15)),
        exchanges: &[(24, "EPRT", 24, None), (27, "PORT", 27, None)],
        failures: &[(26, CannotOpen, Some(0)), (30, CannotOpen, Some(1))],
        secrets: &["alice"],
    },
    Case {
        file: "pyftpdlib-server-clean.log",
        format: PyftpdlibServer,
        control: Some(("127.0.0.1", 14)),
        client: Some(("127.0.0.1", 15)),
        exchanges: &[(31, "PASV", 30, Some(227))],
        failures: &[],
        secrets: &["alice"],
    },
];

fn check(case: &Case, text: &str, a: &LogAnalysis) {
    let name = case.file;
    assert_eq!(a.format, Some(case.format), "{name}");
    let control = a.control.map(|c| (c.ip, c.source));
    assert_eq!(control, case.control.map(|(i, line)| (ip(i), ControlSource::Log { line })), "{name}");
    assert_eq!(a.client.map(|c| (c.ip, c.line)), case.client.map(|(i, line)| (ip(i), line)), "{name}");
    let exchanges: Vec<_> = a
        .exchanges
        .iter()
        .map(|e| (e.line, e.command.clone().unwrap_or_default(), e.command_line.unwrap_or(0), e.explained.decoded.code))
        .collect();
    let want: Vec<_> = case.exchanges.iter().map(|&(l, c, cl, code)| (l, c.to_string(), cl, code)).collect();
    assert_eq!(exchanges, want, "{name}");
    assert!(a.exchanges.iter().all(|e| !e.out_of_step && e.explained.decoded.is_ok()), "{name}: {:#?}", a.exchanges);
    assert!(a.stray.is_empty(), "{name}: {:?}", a.stray);
    let failures: Vec<_> = a.failures.iter().map(|f| (f.line, f.kind, f.exchange)).collect();
    assert_eq!(failures, case.failures, "{name}");
    let redacted = redact(text);
    for lang in [Lang::En, Lang::Vi] {
        let json = serde_json::to_string(&report(a, lang)).unwrap();
        assert!(json.contains(&format!("\"format\":\"{}\"", case.format.as_str())), "{name}: {json}");
        for secret in case.secrets {
            assert!(text.contains(secret), "{name}: the fixture holds {secret}");
            assert!(!redacted.contains(secret), "{name}: {secret} in redact");
            assert!(!json.contains(secret), "{name}: {secret} in the {lang:?} report");
        }
    }
}

#[test]
fn real_logs() {
    for case in CASES {
        let text = fixture(case.file);
        check(case, &text, &analyse_log(&text, None));
    }
}

/// `curl-control-port.log` without line 21, the meter line that carries
/// curl's own `connect to 10.0.0.12 port 40038 failed` (a terminal shows it
/// overwritten; a copy may lose it): only `Failed to connect to 127.0.0.1
/// port 2121` is left, naming the control port.
fn without_glued_failure(text: &str, control_port: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    assert!(lines[20].contains("connect to 10.0.0.12 port 40038 failed"));
    let kept: String = lines.iter().enumerate().filter(|(i, _)| *i != 20).map(|(_, l)| *l).collect();
    kept.replace("port 2121", &format!("port {control_port}")).replace("127.0.0.1:2121", &format!("127.0.0.1:{control_port}"))
}

#[test]
fn curl_names_the_control_port_for_a_failed_data_connection() {
    let text = fixture("curl-control-port.log");
    for port in ["2121", "21"] {
        let a = analyse_log(&without_glued_failure(&text, port), None);
        assert_eq!(a.control.map(|c| c.ip), Some(ip("127.0.0.1")), "{port}");
        let f: Vec<_> = a.failures.iter().map(|f| (f.line, f.kind, f.exchange, f.target.map(|t| t.to_string()))).collect();
        assert_eq!(f, [(21, ConnectFailed, Some(0), Some("10.0.0.12:40038".to_string()))], "{port}");
        assert_eq!(a.exchanges[0].failure, Some(0), "{port}");
    }
    // Before the client names a data connection, the control port is the
    // control connection's: no data failure.
    let early =
        "* Connected to 127.0.0.1 (127.0.0.1) port 21 (#0)\n< 220 ready\n> PASV\n< 227 Entering Passive Mode (10,0,0,12,156,102).\n\
                 * Failed to connect to 127.0.0.1 port 21 after 3071 ms: Couldn't connect to server\n";
    assert!(analyse_log(early, None).failures.is_empty());
}

#[test]
fn curl_names_the_control_port_for_an_open_data_connection() {
    // Line 23: `Connected to 127.0.0.1 (127.0.0.1) port 2121 (#0)` after
    // `Trying 127.0.0.1:40035...`: the data connection, not a reconnection
    // (which would forget the pending RETR and its 226 on line 34).
    let a = analyse_log(&fixture("curl-data-connected.log"), None);
    let e = &a.exchanges[0];
    assert_eq!((e.data_connected, e.completed), (Some(23), Some(34)));
    assert_eq!(e.client_target.map(|(t, line)| (t.to_string(), line)), Some(("127.0.0.1:40035".to_string(), 22)));
}

#[test]
fn tnftp_repeats_are_one_reply() {
    // The repeated 229 is the same reply; a 229 after another command is not.
    let text = fixture("tnftp-epsv-timeout.log");
    let a = analyse_log(&text, None);
    assert_eq!((a.exchanges.len(), a.exchanges[1].reply_code), (2, Some(200)));
    assert_eq!(a.exchanges[1].completed, Some(43));
    // In a raw control stream the same lines are two replies, the second out of step.
    let raw = "USER bob\n331 ok\nPASS x\n230 ok\nEPSV\n229 Entering Extended Passive Mode (|||40034|)\n229 Entering Extended Passive Mode (|||40034|)\n";
    let r = analyse_log(raw, None);
    assert_eq!(r.format, Some(Raw));
    assert_eq!(r.exchanges.iter().map(|e| e.out_of_step).collect::<Vec<_>>(), [false, true]);
}

#[test]
fn bsd_clients_told_apart() {
    // Without tnftp's debug lines, the BSD shape is inetutils'; lftp's own replies make it lftp.
    let bsd = "Connected to 127.0.0.1.\n220 ready\n---> USER bob\n331 ok\n---> PASS XXXX\n230 ok\n---> PASV\n227 Entering Passive Mode (127,0,0,1,156,96).\n";
    assert_eq!(analyse_log(bsd, None).format, Some(Inetutils));
    let tnftp = format!("setupsockbufsize: rcvbuf_size determined as 131072\n{bsd}");
    let a = analyse_log(&tnftp, None);
    assert_eq!((a.format, a.control.map(|c| c.ip)), (Some(Tnftp), Some(ip("127.0.0.1"))));
    assert_eq!(a.exchanges.iter().map(|e| e.line).collect::<Vec<_>>(), [9]);
    let lftp = "---> PASV\n<--- 227 Entering Passive Mode (127,0,0,1,156,96).\n";
    assert_eq!(analyse_log(lftp, None).format, Some(LogFormat::Lftp));
}

#[test]
fn curl_active_mode_timeout() {
    // curl 7.88's message when the server never connects back (lib/ftp.c,
    // `ftp_timeleft_accept`/`AllowServerConnect`): a data failure of the
    // EPRT exchange. Hand-written around the real message.
    let text = "* Connected to 127.0.0.1 (127.0.0.1) port 21 (#0)\n< 220 ready\n> EPRT |1|127.0.0.1|50011|\n\
                < 200 EPRT command successful.\n> RETR data.bin\n< 150 Opening BINARY mode data connection\n\
                * Accept timeout occurred while waiting server connect\n";
    let a = analyse_log(text, None);
    let f: Vec<_> = a.failures.iter().map(|f| (f.line, f.kind, f.exchange)).collect();
    assert_eq!(f, [(7, TimedOut, Some(0))]);
    assert_eq!(a.exchanges[0].reply_code, Some(200));
}
