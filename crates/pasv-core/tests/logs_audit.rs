//! Logs from an audit of the log reader (tests/logs/*.log): credentials
//! that leaked through redaction, verdicts the log itself contradicts,
//! FileZilla log files with several connections, Python tracebacks, and
//! FileZilla in German. Fields added since the audit are read from the JSON
//! report, so this file also builds against the reader as it was before.
use pasv_core::log::{analyse_log, fix_message, looks_like_log, redact, report, verdict_message, FailureKind, LogAnalysis, LogFormat};
use pasv_core::Lang;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/logs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The verdict's id, line and fix id.
fn verdict(a: &LogAnalysis) -> (&'static str, Option<usize>, Option<&'static str>) {
    (a.verdict.kind.as_str(), a.verdict.line, a.verdict.fix.map(|f| f.id()))
}

/// The JSON report: its summary and its exchanges.
fn json(a: &LogAnalysis) -> (serde_json::Value, Vec<serde_json::Value>) {
    let r = report(a, Lang::En);
    (serde_json::to_value(&r.summary).unwrap(), r.exchanges.iter().map(|e| serde_json::to_value(e).unwrap()).collect())
}

fn failures(a: &LogAnalysis) -> Vec<(usize, FailureKind, Option<usize>)> {
    a.failures.iter().map(|f| (f.line, f.kind, f.exchange)).collect()
}

/// An exchange's line, command, command line and completing line.
type Seen<'a> = (usize, Option<&'a str>, Option<usize>, Option<usize>);

fn exchanges(a: &LogAnalysis) -> Vec<Seen<'_>> {
    a.exchanges.iter().map(|e| (e.line, e.command.as_deref(), e.command_line, e.completed)).collect()
}

// ---- 1. Redaction ----

#[test]
fn redaction_masks_every_credential_in_every_place() {
    let text = fixture("redact-mixed.log");
    let redacted = redact(&text);
    let secrets = [
        "carol",
        "Pa55word",
        "bob:",
        "P4ss",
        "dave",
        "Sup3rS3cret",
        "Eve.Smith@example.com",
        "hunter2",
        "nguyen",
        "TopS3cret",
        "frank",
        "grace",
        "heidi",
        "with spaces",
        "lowercasepw",
        "Xyz123",
    ];
    for secret in secrets {
        assert!(text.contains(secret), "fixture lacks {secret}");
        assert!(!redacted.contains(secret), "{secret} left in\n{redacted}");
    }
    // Python ftplib at debug level 2 (`*put*`) and 1 (`*cmd*`), and the
    // password where the script passed it.
    for line in [">>> ftp.login('****', '****')", "*cmd* 'PASS ****'", "*put* 'PASS ****\\r\\n'", "*put* 'USER ****\\r\\n'"] {
        assert!(redacted.lines().any(|l| l == line), "no {line:?} in\n{redacted}");
    }
    // curl's -u without a blank; lftp's user,password.
    assert!(redacted.contains("$ curl -v -u**** ftp://ftp.example.com/"), "{redacted}");
    assert!(redacted.contains("$ lftp -u **** -e 'debug 3; ls' ftp://ftp.example.com"), "{redacted}");
    assert_eq!(redacted.lines().count(), text.lines().count());
    assert_eq!(redact(&redacted), redacted, "idempotent");
}

#[test]
fn curl_short_flags_fused_with_u_are_masked() {
    for (command, masked) in [("-vubob:Wh1sk3y", "-vu****"), ("-svu bob:Wh1sk3y", "-svu ****"), ("-sSvu 'bob:Wh1sk3y'", "-sSvu ****")] {
        let text = format!(
            "$ curl {command} ftp://ftp.example.com/pub/\n* Connected to ftp.example.com (203.0.113.7) port 21\n\
             < 220 ready\n> USER bob\n< 331 Password required for bob\n> PASS Wh1sk3y\n< 230 Logged in\n\
             > PASV\n< 227 Entering Passive Mode (10,0,0,7,195,80)\n* Trying 10.0.0.7:50000...\n\
             * Failed to connect to 10.0.0.7 port 50000 after 21000 ms: Couldn't connect to server\n"
        );
        let redacted = redact(&text);
        assert!(redacted.starts_with(&format!("$ curl {masked} ftp://")), "{redacted}");
        assert!(!redacted.contains("bob") && !redacted.contains("Wh1sk3y"), "{redacted}");
        let json = serde_json::to_string(&report(&analyse_log(&text, None), Lang::En)).unwrap();
        assert!(!json.contains("bob") && !json.contains("Wh1sk3y"), "{json}");
    }
}

#[test]
fn short_names_are_masked_where_they_are_credentials() {
    let text = "> USER jo\n< 331 Password required for jo\n> PASS x\n< 230 User jo logged in\n> RETR jo.txt\n< 150 ok\n";
    let redacted = redact(text);
    assert_eq!(
        redacted, "> USER ****\n< 331 Password required for ****\n> PASS ****\n< 230 User **** logged in\n> RETR jo.txt\n< 150 ok\n",
        "in login replies, not in file names"
    );
    // Quoted, and before an @.
    assert_eq!(
        redact("ftp.login('jo', 'pw')\n. Session name: jo@ftp.example.com\n*cmd* 'USER jo'\n*cmd* 'PASS pw'"),
        "ftp.login('****', '****')\n. Session name: ****@ftp.example.com\n*cmd* 'USER ****'\n*cmd* 'PASS ****'"
    );
}

// ---- 2. Verdicts the log contradicts ----

#[test]
fn a_timeout_after_the_data_connection_opened_is_not_a_blocked_port() {
    let a = analyse_log(&fixture("curl-control-timeout.log"), None);
    assert_eq!(a.format, Some(LogFormat::Curl));
    assert_eq!(verdict(&a), ("control-timeout", Some(14), None));
    assert_eq!(failures(&a), [(27, FailureKind::TimedOut, Some(0))]);
    let (summary, ex) = json(&a);
    assert_eq!(ex[0]["data_connected_line"], 17, "curl: Connected 2nd connection to …");
    assert_eq!(summary["verdict"]["citation"]["label"], "RFC 5382 §5 (REQ-5); curl lib/ftp.c (ftp_done)");
    let message = verdict_message(&a, Lang::En);
    assert!(message.contains("203.0.113.5:41234") && message.contains("line 17") && message.contains("line 27"), "{message}");
    assert!(!message.contains("blocks the passive port range"), "{message}");
    assert!(verdict_message(&a, Lang::Vi).contains("dòng 17"));

    let a = analyse_log(&fixture("lftp-control-timeout.log"), None);
    assert_eq!(verdict(&a), ("control-timeout", Some(8), None));
    assert_eq!(failures(&a), [(13, FailureKind::TimedOut, Some(0))]);
    assert_eq!(json(&a).1[0]["data_connected_line"], 10, "lftp: Data connection established");

    // Any other failure after the data connection opened: interrupted.
    let a = analyse_log(
        "---> PASV\n<--- 227 Entering Passive Mode (203,0,113,150,195,90).\n---- Connecting data socket to (203.0.113.150) port 50010\n\
         ---- Data connection established\n---> RETR big.iso\n<--- 150 Opening BINARY mode data connection\n<--- 426 Failure writing network stream.\n",
        None,
    );
    assert_eq!(verdict(&a), ("transfer-interrupted", Some(2), None));
    assert!(verdict_message(&a, Lang::En).contains("line 7: reply 426"), "{}", verdict_message(&a, Lang::En));
}

#[test]
fn a_client_that_already_replaced_the_nat_address_shows_blocked_ports() {
    // curl: `Skip 172.31.5.9 for data connection, reuse 203.0.113.77 instead`,
    // then the connection to 203.0.113.77:50007 times out.
    let a = analyse_log(&fixture("curl-skip-ports-blocked.log"), None);
    assert_eq!(verdict(&a), ("nat-ports-blocked", Some(23), Some("nat-iis")));
    assert_eq!(a.exchanges[1].client_fixup, Some(24));
    let message = verdict_message(&a, Lang::En);
    assert!(message.contains("203.0.113.77:50007") && message.contains("line 26") && message.contains("not forwarded"), "{message}");
    let vi = verdict_message(&a, Lang::Vi);
    assert!(vi.contains("203.0.113.77:50007") && vi.contains("chưa được chuyển tiếp"), "{vi}");
    // lftp: `Address returned by PASV seemed to be incorrect and has been fixed`.
    let a = analyse_log(&fixture("lftp-fixed-ports-blocked.log"), None);
    assert_eq!(verdict(&a), ("nat-ports-blocked", Some(19), Some("nat-proftpd")));
    assert_eq!(failures(&a), [(22, FailureKind::TimedOut, Some(0))]);
    // No fixup, no target: the NAT address is the likeliest cause.
    let a = analyse_log(&fixture("filezilla-nat-no-fixup.log"), None);
    assert_eq!(verdict(&a), ("nat-unroutable", Some(22), Some("nat-vsftpd")));
    // EPSV to the right address timed out too: the ports, not only NAT.
    let a = analyse_log(
        "* Connected to ftp.example.com (203.0.113.80) port 21\n> EPSV\n< 229 Entering Extended Passive Mode (|||40009|)\n\
         * Failed to connect to 203.0.113.80 port 40009 after 21003 ms: Timeout was reached\n> PASV\n\
         < 227 Entering Passive Mode (10,10,0,8,156,74).\n* Failed to connect to 10.10.0.8 port 40010 after 21003 ms: Timeout was reached\n",
        None,
    );
    assert_eq!(verdict(&a), ("nat-ports-blocked", Some(6), Some("nat-generic")));
    let message = verdict_message(&a, Lang::En);
    assert!(message.contains("(203.0.113.80:40009) failed too (line 4)"), "{message}");
}

#[test]
fn a_refused_epsv_is_not_offered_as_the_way_out() {
    let a = analyse_log(&fixture("filezilla-ipv6-epsv-refused.log"), None);
    assert_eq!(verdict(&a), ("family-mismatch", Some(11), None));
    assert_eq!(a.exchanges[1].fallback_from, Some(0));
    let en = verdict_message(&a, Lang::En);
    assert!(!en.contains("Use EPSV instead"), "{en}");
    assert!(en.contains("refused it on line 9 (reply 522)") && en.contains("over IPv4"), "{en}");
    let vi = verdict_message(&a, Lang::Vi);
    assert!(!vi.contains("Hãy dùng EPSV:") && vi.contains("dòng 9") && vi.contains("522"), "{vi}");
    // Without the refusal the advice stands.
    let a = analyse_log(
        "* Connected to ftp6.example.net (2001:db8::21) port 21\n> PASV\n< 227 Entering Passive Mode (192,0,2,21,156,64)\n",
        None,
    );
    assert!(verdict_message(&a, Lang::En).contains("Use EPSV instead"));
}

#[test]
fn a_weak_hint_does_not_beat_contrary_evidence_and_a_guess_says_so() {
    // `331 Password required for olga.` (ProFTPD, and IIS) vs `215 Windows_NT` (IIS).
    let a = analyse_log(&fixture("filezilla-iis-guessed.log"), None);
    assert_eq!(a.server.map(|s| (s.software.as_str(), s.line)), Some(("iis", 8)));
    assert_eq!(verdict(&a), ("nat-unroutable", Some(10), Some("nat-iis")));
    assert_eq!(json(&a).0["server_guessed"], true);
    let en = fix_message(&a, Lang::En).unwrap();
    assert!(en.starts_with("The log does not name the server software, but line 8 suggests Microsoft FTP Service (IIS)"), "{en}");
    assert!(en.contains("External IP Address of Firewall (198.51.100.90)"), "{en}");
    let vi = fix_message(&a, Lang::Vi).unwrap();
    assert!(
        vi.starts_with("Nhật ký không ghi tên phần mềm máy chủ, nhưng dòng 8 cho thấy đó có thể là Microsoft FTP Service (IIS)"),
        "{vi}"
    );
    // A named server: the fix is not worded as a guess.
    let a = analyse_log(&fixture("filezilla-nat-no-fixup.log"), None);
    assert_eq!(json(&a).0["server_guessed"], false);
    assert!(fix_message(&a, Lang::En).unwrap().starts_with("vsftpd: "));
}

// ---- 3. FileZilla log files with several connections ----

#[test]
fn each_filezilla_connection_has_its_own_queue() {
    let a = analyse_log(&fixture("filezilla-two-connections.log"), None);
    assert_eq!(a.format, Some(LogFormat::Filezilla));
    assert_eq!(exchanges(&a), [(14, Some("PASV"), Some(13), Some(22)), (17, Some("PASV"), Some(16), Some(21))]);
    assert!(a.stray.is_empty() && a.exchanges.iter().all(|e| !e.out_of_step));
    assert_eq!(verdict(&a), ("no-problem", None, None));
    let (_, ex) = json(&a);
    assert_eq!((ex[0]["connection"].clone(), ex[1]["connection"].clone()), (3.into(), 1.into()));
    // Failures are noted on the connection they happened on.
    let text = "2024-05-01 10:00:00 4312 1 Command: PASV\n2024-05-01 10:00:00 4312 1 Response: 227 Entering Passive Mode (198,51,100,7,156,66).\n\
                2024-05-01 10:00:00 4312 3 Command: PASV\n2024-05-01 10:00:00 4312 3 Response: 227 Entering Passive Mode (198,51,100,7,156,65).\n\
                2024-05-01 10:00:00 4312 1 Command: MLSD\n2024-05-01 10:00:00 4312 3 Command: RETR big.iso\n\
                2024-05-01 10:00:00 4312 3 Response: 150 Opening BINARY mode data connection\n\
                2024-05-01 10:00:20 4312 1 Error: Connection timed out after 20 seconds of inactivity\n\
                2024-05-01 10:00:21 4312 3 Response: 226 Transfer complete.\n";
    let a = analyse_log(text, None);
    assert_eq!(failures(&a), [(8, FailureKind::TimedOut, Some(0))]);
    assert_eq!(exchanges(&a), [(2, Some("PASV"), Some(1), None), (4, Some("PASV"), Some(3), Some(9))]);
}

// ---- 4. Python tracebacks ----

#[test]
fn python_exceptions_count_as_failures_in_ftplib_output() {
    let a = analyse_log(&fixture("ftplib-traceback.log"), None);
    assert_eq!(a.format, Some(LogFormat::Ftplib));
    assert_eq!(failures(&a), [(29, FailureKind::TimedOut, Some(0))]);
    assert!(a.is_failure());
    let session = "*cmd* 'PASV'\n*resp* '227 Entering Passive Mode (203,0,113,9,117,48).'\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n";
    for (last, kind) in [
        ("socket.timeout: timed out", FailureKind::TimedOut),
        ("TimeoutError: timed out", FailureKind::TimedOut),
        ("ConnectionRefusedError: [Errno 111] Connection refused", FailureKind::Refused),
        ("OSError: [Errno 113] No route to host", FailureKind::Unreachable),
        ("ftplib.error_temp: 425 Can't open data connection.", FailureKind::CannotOpen),
    ] {
        let a = analyse_log(&format!("{session}{last}\n"), None);
        assert_eq!(failures(&a), [(5, kind, Some(0))], "{last}");
        assert_eq!(verdict(&a).0, "ports-blocked", "{last}");
    }
    // A traceback elsewhere is not the FTP client's word.
    let a = analyse_log("> PASV\n< 227 Entering Passive Mode (203,0,113,9,117,48).\nTimeoutError: timed out\n", None);
    assert!(a.failures.is_empty(), "{:?}", a.failures);
}

// ---- 5. FileZilla in other languages ----

#[test]
fn filezilla_in_german() {
    let text = fixture("filezilla-de.log");
    assert!(looks_like_log(&text));
    let a = analyse_log(&text, None);
    assert_eq!(a.format, Some(LogFormat::Filezilla));
    assert_eq!(a.control.map(|c| c.ip.to_string()), Some("203.0.113.25".into()), "Verbinde mit 203.0.113.25:21...");
    assert_eq!(exchanges(&a), [(9, Some("PASV"), Some(8), None)]);
    assert_eq!(failures(&a), [(11, FailureKind::TimedOut, Some(0))], "Zeitüberschreitung der Verbindung …");
    assert_eq!(verdict(&a), ("nat-unroutable", Some(9), Some("nat-vsftpd")));
    let redacted = redact(&text);
    assert!(redacted.contains("Befehl:\tPASS ****\n") && redacted.contains("Befehl:\tUSER ****\n"), "{redacted}");
    assert!(!redacted.contains("geheim") && !redacted.contains("paul"));
}

/// A FileZilla session whose PASV reply is followed by a timed-out LIST,
/// each line starting with its tag (and separator); checks that it reads
/// as one exchange and one failure.
fn filezilla_session(command: &str, response: &str, error: &str, password: &str) -> String {
    let text = format!(
        "{command}USER lan\n{response}331 ok\n{command}PASS {password}\n{response}230 ok\n{command}PASV\n\
         {response}227 Entering Passive Mode (203,0,113,9,156,64)\n{command}LIST\n{error}Connection timed out after 20 seconds of inactivity\n"
    );
    assert!(looks_like_log(&text), "{response}");
    let a = analyse_log(&text, None);
    assert_eq!(a.format, Some(LogFormat::Filezilla), "{response}");
    assert_eq!(exchanges(&a), [(6, Some("PASV"), Some(5), None)], "{response}");
    assert_eq!(failures(&a), [(8, FailureKind::TimedOut, Some(0))], "{response}");
    text
}

#[test]
fn filezilla_tags_in_other_languages_and_scripts() {
    for (command, response, error) in [
        ("Commande :", "Réponse :", "Erreur :"),
        ("Comando:", "Respuesta:", "Error:"),
        ("Lệnh:", "Trả về:", "Lỗi:"),
        ("Команда:", "Ответ:", "Ошибка:"),
        ("命令:", "响应:", "错误:"),
        // A tag no table knows: the protocol line after it decides.
        ("Kommandoen:", "Svaret:", "Error:"),
    ] {
        let text = filezilla_session(&format!("{command}\t"), &format!("{response}\t"), &format!("{error}\t"), "matkhau");
        let redacted = redact(&text);
        assert!(!redacted.contains("matkhau") && !redacted.contains("lan\n"), "{redacted}");
    }
    // FileZilla 3.48's Polish translation has no colon after `Odpowiedź`
    // (`locales/pl_PL.po`: msgid "Response:", msgstr "Odpowiedź"): the
    // message log's `Odpowiedź\t227 …`, the log file's `… 4312 1 Odpowiedź 227 …`.
    // Armenian ends its tags with a full stop (`locales/hy.po`).
    for (command, response, error) in [
        ("Polecenie:\t", "Odpowiedź\t", "Błąd:\t"),
        ("Polecenie:  \t", "Odpowiedź  \t", "Błąd:      \t"),
        ("Հրամանը.\t", "Պատասխանը.\t", "Սխալ.\t"),
        ("10:00:00\tPolecenie:\t", "10:00:00\tOdpowiedź\t", "10:00:00\tBłąd:\t"),
        ("2024-01-01 10:00:00 4312 1 Polecenie: ", "2024-01-01 10:00:00 4312 1 Odpowiedź ", "2024-01-01 10:00:00 4312 1 Błąd: "),
    ] {
        let text = filezilla_session(command, response, error, "haslo123");
        let a = analyse_log(&text, None);
        assert!(a.stray.is_empty(), "{response}: {:?}", a.stray);
    }
    // The bare word in prose is no tag.
    assert!(!looks_like_log("Odpowiedź serwera 227 była dziwna\nOdpowiedź 150 też\n"));
    // Tab-separated noise is not a log.
    for noise in ["Time:\t200 ms\nCount:\t150 files\n", "Note:\tPASV\n", "Duration:\t226 s\nFiles:\t227 (1,2,3,4,5,6)\n"] {
        assert!(!looks_like_log(noise), "{noise:?}");
    }
}

// ---- 6. Every verdict has a citation; the summary's fields ----

#[test]
fn every_verdict_is_cited_and_the_summary_keeps_failed() {
    for name in [
        "curl-skip-ports-blocked.log",
        "curl-control-timeout.log",
        "lftp-control-timeout.log",
        "lftp-fixed-ports-blocked.log",
        "filezilla-ipv6-epsv-refused.log",
        "filezilla-iis-guessed.log",
        "filezilla-two-connections.log",
        "ftplib-traceback.log",
        "filezilla-de.log",
        "filezilla-nat-no-fixup.log",
        "raw-desync.log",
        "lftp-ipv6.log",
    ] {
        let a = analyse_log(&fixture(name), None);
        let (summary, _) = json(&a);
        let citation = &summary["verdict"]["citation"];
        assert!(citation["url"].as_str().is_some_and(|u| u.starts_with("https://")), "{name}: {summary}");
        assert!(citation["label"].as_str().is_some_and(|l| !l.is_empty()), "{name}");
        assert_eq!(summary["undecoded"], summary["failed"], "{name}");
        assert!(summary["undecoded"].is_u64(), "{name}");
        for lang in [Lang::En, Lang::Vi] {
            let message = verdict_message(&a, lang);
            assert!(!message.contains('{') && !message.contains('—'), "{name} {lang:?}: {message}");
        }
    }
}
