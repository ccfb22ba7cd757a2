//! Edge cases of the one-pass log scan: user names learned late are still
//! masked, failure notes are found wherever and however they are written.
use pasv_core::log::{analyse_log, FailureKind, LogFormat};

#[test]
fn names_learned_after_an_exchange_are_masked() {
    // The reply and the failure mention `dorothy` before her USER line.
    let text = "> PASV\n< 227 Entering Passive Mode (10,0,0,5,4,1) for dorothy\n\
                * Failed to connect to 10.0.0.5 port 1025: dorothy's data connection timed out\n\
                > PORT 10,0,0,9,4,2\n< 200 PORT ok for dorothy\n> USER dorothy\n< 331 Password required\n";
    let a = analyse_log(text, None);
    assert_eq!(a.format, Some(LogFormat::Curl));
    assert_eq!(a.exchanges[0].text, "227 Entering Passive Mode (10,0,0,5,4,1) for ****");
    assert_eq!(a.failures[0].text, "Failed to connect to 10.0.0.5 port 1025: ****'s data connection timed out");
    // An active command's text is kept as logged.
    assert_eq!(a.exchanges[1].text, "PORT 10,0,0,9,4,2");
}

#[test]
fn failure_notes_in_any_case_and_line_ending() {
    let session = "Command:\tPASV\r\nResponse:\t227 Entering Passive Mode (10,0,0,5,195,80).\r\nCommand:\tMLSD\r\n";
    for (note, kind) in [
        ("Error:\tConnection TIMED OUT after 20 seconds", FailureKind::TimedOut),
        ("Error:\tfailed to RETRIEVE directory listing", FailureKind::ListingFailed),
        ("Error:\tECONNREFUSED - Connection refused by server", FailureKind::Refused),
        ("Error:\tNo Route To Host \t ", FailureKind::Unreachable),
    ] {
        for ending in ["", "\r", "\r\n", "\n"] {
            let a = analyse_log(&format!("{session}{note}{ending}"), None);
            assert_eq!(a.failures.len(), 1, "{note:?}{ending:?}");
            assert_eq!((a.failures[0].kind, a.failures[0].line, a.failures[0].exchange), (kind, 4, Some(0)), "{note:?}{ending:?}");
        }
    }
    // Phrases only count in the client's notes, not in noise lines.
    let a = analyse_log(&format!("{session}> Connection timed out\n< HTTP/1.1 504 timed out\n"), None);
    assert!(a.failures.is_empty(), "{:?}", a.failures);
}

#[test]
fn raw_control_stream_is_read_in_a_second_pass() {
    let text = "USER bob\r\n331 Password?\r\nPASS x\r\n230 ok\r\nPASV\r\n227 Entering Passive Mode (10,0,0,1,4,5) for bob\r\n";
    let a = analyse_log(text, None);
    assert_eq!(a.format, Some(LogFormat::Raw));
    assert_eq!(a.lines, 6);
    assert_eq!(a.exchanges.len(), 1);
    assert_eq!((a.exchanges[0].command_line, a.exchanges[0].line), (Some(5), 6));
    assert_eq!(a.exchanges[0].text, "227 Entering Passive Mode (10,0,0,1,4,5) for ****");
}
