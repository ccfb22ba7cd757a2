//! The `pasv-lens` binary as a user runs it: arguments, standard input,
//! output (human and JSON Lines) and exit status.
use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const NAT_REPLY: &str = "227 Entering Passive Mode (10,0,0,12,156,64).";

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pasv-lens starts");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn finding_ids(report: &Value) -> Vec<&str> {
    report["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect()
}

#[test]
fn json_contract_for_a_nat_reply() {
    let out = run(&["decode", "--json", "--control-ip", "203.0.113.10", NAT_REPLY], None);
    assert_eq!(out.status.code(), Some(0));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["kind"], "pasv");
    assert_eq!(r["code"], 227);
    assert_eq!(r["ok"], true);
    assert_eq!(r["ip"], "10.0.0.12");
    assert_eq!(r["port"], 40000);
    assert_eq!(r["family"], "ipv4");
    assert_eq!(r["address_class"], "private");
    assert_eq!(r["connect_to"], "203.0.113.10:40000");
    assert_eq!(r["error"], Value::Null);
    // The final period is RFC 959 §4.2.2's own 227 form: no trailing-text.
    assert_eq!(finding_ids(r), ["nat-unroutable-address"]);
    let nat = &r["findings"][0];
    assert_eq!(nat["severity"], "danger");
    assert_eq!(nat["citation"]["label"], "RFC 1918 §3; FileZilla rawtransfer.cpp");
    assert!(nat["message"].as_str().unwrap().contains("203.0.113.10"));
}

#[test]
fn an_error_has_its_span_and_exit_status_1() {
    let reply = "227 Entering Passive Mode (192,168,1,2,300,5)";
    let out = run(&["decode", "--json", reply], None);
    assert_eq!(out.status.code(), Some(1));
    let r = &json_lines(&out)[0];
    assert_eq!(r["ok"], false);
    assert_eq!(r["ip"], Value::Null);
    assert_eq!(r["port"], Value::Null);
    let span = &r["error"]["span"];
    let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert_eq!(&reply[start..end], "300");
    assert!(r["error"]["message"].as_str().unwrap().contains("300"));
}

#[test]
fn human_output_shows_the_arithmetic_in_both_languages() {
    let en = stdout(&run(&["decode", NAT_REPLY], None));
    assert!(en.contains("Port = 156 × 256 + 64 = 40000"), "{en}");
    assert!(en.contains("Address: 10.0.0.12"), "{en}");
    let vi = stdout(&run(&["decode", "--lang", "vi", NAT_REPLY], None));
    assert!(vi.contains("156 × 256 + 64 = 40000"), "{vi}");
    assert!(vi.contains("Phản hồi 227"), "{vi}");
    assert!(!vi.contains("40,000") && !vi.contains("40.000"), "{vi}");
}

#[test]
fn the_caret_marks_the_offending_characters() {
    let reply = "227 Entering Passive Mode (1216,256,2,127,127,127)";
    let out = run(&["decode", "--lang", "vi", reply], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let echoed = lines.iter().position(|l| l.trim_start() == reply).expect("the reply is echoed");
    let indent = lines[echoed].len() - reply.len();
    let caret = lines[echoed + 1];
    assert_eq!(caret.find('^'), Some(indent + reply.find("1216").unwrap()), "{text}");
    assert_eq!(caret.trim(), "^^^^");
    assert!(lines.iter().any(|l| l.contains("Lỗi") && l.contains("1216")), "{text}");
}

#[test]
fn multi_line_reply_in_one_argument_and_sent_command() {
    let out = run(&["decode", "--json", "--sent", "EPSV", "227-Hi\\r\\n227 =10,0,0,1,4,5"], None);
    let r = &json_lines(&out)[0];
    assert_eq!(r["port"], 1029);
    assert_eq!(r["sent"], "EPSV");
    assert_eq!(finding_ids(r)[0], "reply-command-mismatch");
    assert!(finding_ids(r).contains(&"equals-form"));
}

#[test]
fn several_replies_on_standard_input_are_json_lines() {
    let out = run(&["decode", "--json"], Some("227 Entering Passive Mode (10,0,0,1,4,5)\n229 Entering Extended Passive Mode (|||6446|)\n"));
    let reports = json_lines(&out);
    assert_eq!(reports.iter().map(|r| r["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["pasv", "epsv"]);
    assert_eq!(reports[1]["port"], 6446);
}

#[test]
fn a_session_log_on_standard_input_ends_with_a_summary() {
    let log = "Status:\tConnecting to 203.0.113.25:21...\nResponse:\t220 (vsFTPd 3.0.5)\nCommand:\tUSER alice\n\
               Response:\t331 Please specify the password.\nCommand:\tPASS hunter2\nResponse:\t230 Login successful.\nCommand:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,5,195,80).\nCommand:\tMLSD\n\
               Error:\tConnection timed out after 20 seconds of inactivity\n";
    let out = run(&["decode", "--json"], Some(log));
    assert_eq!(out.status.code(), Some(1), "a failing verdict");
    let objects = json_lines(&out);
    let summary = &objects.last().unwrap()["summary"];
    assert_eq!(summary["format"], "filezilla");
    assert_eq!(summary["server"], "vsftpd");
    assert_eq!(summary["control_ip"], "203.0.113.25");
    assert_eq!(summary["verdict"]["id"], "nat-unroutable");
    assert_eq!(objects[0]["line"], 8);
    assert_eq!(objects[0]["command"], "PASV");
    let text = stdout(&out);
    assert!(!text.contains("hunter2") && !text.contains("alice"), "credentials are masked");
    // Human output: the verdict, then its own source, then the fix and its source.
    let human = stdout(&run(&["decode", "--lang", "vi"], Some(log)));
    let lines: Vec<&str> = human.lines().take(4).collect();
    assert!(lines[0].starts_with("Kết luận: [nguy hiểm] "), "{human}");
    assert_eq!(lines[1], "  Nguồn: RFC 1918 §3; RFC 959 §4.1.2 <https://www.rfc-editor.org/rfc/rfc1918#section-3>");
    assert!(lines[2].starts_with("Cách sửa: vsftpd: "), "{human}");
    assert!(lines[3].starts_with("  Nguồn: "), "{human}");
}

#[test]
fn encode_prints_every_form() {
    let out = run(&["encode", "10.0.0.12:40000"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for form in [
        "227 Entering Passive Mode (10,0,0,12,156,64)",
        "229 Entering Extended Passive Mode (|||40000|)",
        "PORT 10,0,0,12,156,64",
        "EPRT |1|10.0.0.12|40000|",
        "LPRT 4,4,10,0,0,12,2,156,64",
    ] {
        assert!(text.lines().any(|l| l == form), "{form} in {text}");
    }
    let v6 = stdout(&run(&["encode", "[2001:db8::1]:21"], None));
    assert!(v6.contains("EPRT |2|2001:db8::1|21|") && !v6.contains("PORT 2"), "{v6}");
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [&["bogus"][..], &["decode", "--lang", "xx", "x"], &["encode", "not-an-address"], &["decode", "--sent", "RETR", "x"]] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"), "{args:?}");
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// `\\n` typed in an argument is a backslash followed by `n`, not a backslash
/// and a line break: escapes are read in one left-to-right pass.
#[test]
fn an_escaped_backslash_is_not_the_start_of_another_escape() {
    for (typed, meant) in [
        ("227 Entering Passive Mode (10,0,0,1,4,5) C:\\\\new", "227 Entering Passive Mode (10,0,0,1,4,5) C:\\new"),
        ("227 Entering Passive Mode (10,0,0,1,4,5) C:\\\\root", "227 Entering Passive Mode (10,0,0,1,4,5) C:\\root"),
        ("227 Entering Passive Mode (10,0,0,1,4,5) a\\\\\\\\b", "227 Entering Passive Mode (10,0,0,1,4,5) a\\\\b"),
        ("227 Entering Passive Mode (10,0,0,1,4,5) \\t\\x\\", "227 Entering Passive Mode (10,0,0,1,4,5) \\t\\x\\"),
    ] {
        let out = run(&["decode", "--json", typed], None);
        let reports = json_lines(&out);
        assert_eq!(reports.len(), 1, "{typed:?}: {}", stdout(&out));
        assert_eq!(reports[0]["span"], serde_json::json!([0, meant.len()]), "{typed:?} is one line of {} bytes", meant.len());
    }
    // A backslash before the escape still leaves \r\n a line break.
    let out = run(&["decode", "--json", "227-C:\\\\\\r\\n227 =10,0,0,1,4,5"], None);
    let r = &json_lines(&out)[0];
    assert_eq!(r["port"], 1029);
    assert_eq!(r["span"], serde_json::json!([0, "227-C:\\\r\n227 =10,0,0,1,4,5".len()]));
}

#[test]
fn help_is_usage_on_standard_output_with_status_0() {
    for args in
        [&["--help"][..], &["-h"], &["help"], &["decode", "-h"], &["decode", "--help"], &["decode", "--json", "-h"], &["encode", "--help"]]
    {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        assert!(text.starts_with("Usage:\n  pasv-lens decode [--json]") && text.contains("\n  pasv-lens encode "), "{args:?}: {text}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn unknown_short_and_long_options_are_usage_errors() {
    for args in [&["decode", "-x"][..], &["decode", "-foo", NAT_REPLY], &["decode", "--foo"], &["encode", "-x", "10.0.0.1:21"], &["-x"]] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("unknown option") && err.contains("Usage:"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn replies_starting_with_a_dash_follow_the_end_of_options() {
    // After `--`, -h and -x are replies (which do not decode), not options.
    let out = run(&["decode", "--json", "--", "-h", "-x"], None);
    assert_eq!(out.status.code(), Some(1));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(|r| r["error"]["id"] == "not-ftp"), "{}", stdout(&out));
    // A dash followed by something other than a letter is a reply too.
    let out = run(&["decode", "--json", "-5"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out)[0]["error"]["id"], "not-ftp");
    // Options before `--` still count.
    let out = run(&["decode", "--json", "--sent", "EPSV", "--", NAT_REPLY], None);
    assert_eq!(json_lines(&out)[0]["sent"], "EPSV");
}

#[test]
fn version_prints_the_crate_version() {
    for flag in ["--version", "-V"] {
        let out = run(&[flag], None);
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert_eq!(stdout(&out), format!("pasv-lens {}\n", env!("CARGO_PKG_VERSION")), "{flag}");
        assert!(out.stderr.is_empty());
    }
}

/// The columns a character takes in the test's expectations: tabs are
/// copied, combining marks take none, wide (CJK, fullwidth) characters two.
fn expected_pad(before: &str) -> String {
    before
        .chars()
        .filter_map(|c| match c {
            '\t' => Some("\t"),
            '\u{300}'..='\u{36f}' => None,
            'パ' | 'ッ' | 'シ' | 'ブ' | 'モ' | 'ー' | 'ド' | '１' | '２' => Some("  "),
            _ => Some(" "),
        })
        .collect()
}

#[test]
fn the_caret_stays_under_the_offending_characters_after_tabs_and_non_ascii_text() {
    let tail = "(1216,256,2,127,127,127)";
    for reply in [
        format!("227 Entering\tPassive Mode\t{tail}"),
        format!("227 Entering Passive Mode\t\t{tail}"),
        format!("227 Đang vào chế độ thụ động {tail}"),
        // The same words decomposed (NFD): base letters plus combining marks.
        format!("227 Đang va\u{300}o che\u{302}\u{301} đô\u{323} thu\u{323} đô\u{323}ng {tail}"),
        format!("227 Entering ٥ Mode {tail}"),
        format!("227 パッシブモード\t{tail}"),
        "227 Entering Passive Mode (１２,256,2,127,127,127)".to_string(),
    ] {
        let json = run(&["decode", "--json", &reply], None);
        let span = &json_lines(&json)[0]["error"]["span"];
        let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        let out = run(&["decode", &reply], None);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        let echoed = lines.iter().position(|l| *l == format!("    {reply}")).unwrap_or_else(|| panic!("echoed: {text}"));
        let marks = "^".repeat(expected_pad(&reply[start..end]).len());
        assert_eq!(lines[echoed + 1], format!("    {}{marks}", expected_pad(&reply[..start])), "{reply:?}\n{text}");
    }
}

#[test]
fn encode_speaks_vietnamese_with_lang() {
    let out = run(&["encode", "--lang", "vi", "10.0.0.12:40000"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().any(|l| l == "Cổng = 156 × 256 + 64 = 40000"), "{text}");
    assert!(text.lines().any(|l| l == "227 Entering Passive Mode (10,0,0,12,156,64)"), "protocol text is not translated: {text}");
    let out = run(&["encode", "10.0.0.12:40000", "--lang=vi"], None);
    assert!(stdout(&out).contains("Cổng = 156 × 256 + 64 = 40000"));
    let en = stdout(&run(&["encode", "--lang", "en", "10.0.0.12:40000"], None));
    assert!(en.contains("Port = 156 × 256 + 64 = 40000"), "{en}");
}

#[test]
fn usage_errors_and_help_follow_an_earlier_lang() {
    // --lang before the error: Vietnamese message and usage.
    for args in [
        &["decode", "--lang", "vi", "--foo"][..],
        &["decode", "--lang=vi", "--sent", "RETR", "x"],
        &["decode", "--lang", "vi", "--control-ip"],
        &["encode", "--lang", "vi", "not-an-address"],
        &["encode", "--lang", "vi"],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("Cách dùng:") && !err.contains("Usage"), "{args:?}: {err}");
        let first = err.lines().next().unwrap();
        assert!(first.starts_with("pasv-lens: "), "{args:?}: {first}");
        for english in ["unknown", "is not", "needs a value", "takes one"] {
            assert!(!first.contains(english), "{args:?}: English in {first}");
        }
    }
    // The error comes first: English.
    let err = stderr(&run(&["decode", "--foo", "--lang", "vi"], None));
    assert!(err.contains("unknown option --foo") && err.contains("Usage:"), "{err}");
    // An invalid --lang is reported in English.
    let err = stderr(&run(&["decode", "--lang", "xx"], None));
    assert!(err.contains("--lang") && err.contains("\"xx\"") && err.contains("Usage:"), "{err}");
    // Help in Vietnamese names the same options as the English one.
    let out = run(&["decode", "--lang", "vi", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let vi = stdout(&out);
    assert!(vi.starts_with("Cách dùng:") && vi.contains("Mã thoát"), "{vi}");
    let en = stdout(&run(&["--help"], None));
    let options = |text: &str| {
        let mut o: Vec<String> = text
            .split(|c: char| c.is_whitespace() || "[]|(),".contains(c))
            .filter(|w| w.starts_with('-') && w.len() > 1)
            .map(str::to_string)
            .collect();
        o.sort();
        o.dedup();
        o
    };
    assert_eq!(options(&vi), options(&en), "{vi}\n{en}");
    assert!(options(&en).contains(&"--version".to_string()), "{en}");
}

#[test]
fn a_log_shows_a_guessed_server_as_a_guess_and_where_the_client_connected() {
    // IIS only from `215 Windows_NT`; lftp connected to the announced address.
    let log = "---- Connecting to 203.0.113.9 (203.0.113.9) port 21\n<--- 220 Welcome\n---> SYST\n<--- 215 Windows_NT\n---> PASV\n\
               <--- 227 Entering Passive Mode (10,0,0,9,195,80).\n---- Connecting data socket to (10.0.0.9) port 50000\n\
               **** Connection timed out\n";
    for (lang, guess, target) in [
        (
            "en",
            "Server software: probably Microsoft FTP Service (IIS) (guessed from line 4)",
            "Line 7: the client connected to 10.0.0.9:50000.",
        ),
        ("vi", "Phần mềm máy chủ: có thể là Microsoft FTP Service (IIS) (đoán từ dòng 4)", "10.0.0.9:50000"),
    ] {
        let human = stdout(&run(&["decode", "--lang", lang], Some(log)));
        assert!(human.lines().any(|l| l == guess), "{human}");
        assert!(human.contains(target), "{human}");
    }
}
