//! The line shapes of every format, and the command and reply-head readers.
use super::*;

fn shape(line: &str) -> (Option<LogFormat>, Shape<'_>) {
    let c = classify(line);
    (c.format, c.shape)
}

#[test]
fn shapes() {
    use LogFormat::*;
    use Shape::*;
    let cases: &[(&str, Option<LogFormat>, Shape)] = &[
        ("Command:\tPASV", Some(Filezilla), Command("PASV")),
        ("Response:\t227 Entering Passive Mode (10,0,0,5,195,80).", Some(Filezilla), Reply("227 Entering Passive Mode (10,0,0,5,195,80).")),
        ("2024-05-01 10:00:00 1234 1 Command: PASV", Some(Filezilla), Command("PASV")),
        ("10:00:01\tError:\tConnection timed out", Some(Filezilla), Note { text: "Connection timed out", error: true }),
        // Translations without a colon (Polish `Odpowiedź`, Armenian's full stop): only before a tab, or a space after a log file's ids.
        ("Odpowied\u{17a}\t227 Entering", Some(Filezilla), Reply("227 Entering")),
        ("2024-05-01 10:00:00 1234 1 Odpowied\u{17a} 227 Entering", Some(Filezilla), Reply("227 Entering")),
        ("Odpowied\u{17a} 227 Entering", None, Other),
        ("2024-05-01 10:00:00 Odpowied\u{17a} 227 Entering", None, Other),
        ("\u{54d}\u{56d}\u{561}\u{56c}.\tTimeout", Some(Filezilla), Note { text: "Timeout", error: true }),
        ("> PASV", Some(Curl), Command("PASV")),
        ("< 227 Entering Passive Mode (1,2,3,4,5,6)", Some(Curl), Reply("227 Entering Passive Mode (1,2,3,4,5,6)")),
        ("*   Trying 93.184.216.34:21...", Some(Curl), Note { text: "Trying 93.184.216.34:21...", error: false }),
        ("curl: (28) Failed", Some(Curl), Note { text: "curl: (28) Failed", error: true }),
        ("---> PASV", Some(Lftp), Command("PASV")),
        ("<--- 227 Entering", Some(Lftp), Reply("227 Entering")),
        ("<---  EPSV", Some(Lftp), Reply(" EPSV")),
        (
            "**** Socket error (Connection timed out) - reconnecting",
            Some(Lftp),
            Note { text: "Socket error (Connection timed out) - reconnecting", error: true },
        ),
        ("2024-05-01 10:00:00 ---> EPSV", Some(Lftp), Command("EPSV")),
        ("> 2024-05-01 10:00:00.123 PASV", Some(Winscp), Command("PASV")),
        ("< 2024-05-01 10:00:00.456 227 Entering", Some(Winscp), Reply("227 Entering")),
        (". 2024-05-01 10:00:00.456 Connecting to host", Some(Winscp), Note { text: "Connecting to host", error: false }),
        ("*cmd* 'PASV'", Some(Ftplib), Command("PASV")),
        ("*resp* '211-Features:\\n EPSV\\n211 End'", Some(Ftplib), ReplyRepr("211-Features:\\n EPSV\\n211 End")),
        ("*resp* \"257 \\\"/\\\" is cwd\"", Some(Ftplib), ReplyRepr("257 \\\"/\\\" is cwd")),
        ("*get* '227 x\\r\\n'", Some(Ftplib), Other),
        ("227 Entering Passive Mode (1,2,3,4,5,6)\r", Some(Raw), Reply("227 Entering Passive Mode (1,2,3,4,5,6)")),
        ("211-Features:", Some(Raw), Reply("211-Features:")),
        ("PASV", Some(Raw), Command("PASV")),
        ("USER alice", Some(Raw), Command("USER alice")),
        ("227 Status: odd", Some(Raw), Reply("227 Status: odd")),
        ("List of files", None, Other),
        (" EPSV", None, Other),
        ("> GET / HTTP/1.1", None, Other),
        ("< HTTP/1.1 200 OK", None, Other),
        ("> Thanks for the log", None, Other),
        ("", None, Other),
        ("* ", None, Other),
        ("hello world", None, Other),
        ("1234567", None, Other),
    ];
    for (line, format, want) in cases {
        assert_eq!(shape(line), (*format, *want), "{line:?}");
    }
}
