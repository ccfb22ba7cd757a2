//! The line shapes of every format; the lines read only once a log's
//! program is known; the connections and client addresses of server logs.
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
        // wget -d.
        ("--> PASS s3cr3t", Some(Wget), Command("PASS s3cr3t")),
        ("==> PASV ... ", Some(Wget), Note { text: "PASV ...", error: false }),
        ("==> CWD not needed.", Some(Wget), Note { text: "CWD not needed.", error: false }),
        ("==> see below", None, Other),
        // tnftp and inetutils: `---> ` is lftp's shape (the survey tells them apart); their own lines.
        ("---> EPRT |1|127.0.0.1|55689|", Some(Lftp), Command("EPRT |1|127.0.0.1|55689|")),
        (
            "setupsockbufsize: rcvbuf_size determined as 131072",
            Some(Tnftp),
            Note { text: "setupsockbufsize: rcvbuf_size determined as 131072", error: false },
        ),
        ("features[FEAT_MLST] = 1", Some(Tnftp), Note { text: "features[FEAT_MLST] = 1", error: false }),
        (
            "Passive mode: off; fallback to active mode: off.",
            Some(Tnftp),
            Note { text: "Passive mode: off; fallback to active mode: off.", error: false },
        ),
        ("Passive mode on.", Some(Inetutils), Note { text: "Passive mode on.", error: false }),
        ("Use of EPRT/EPSV for IPv4: on.", Some(Inetutils), Note { text: "Use of EPRT/EPSV for IPv4: on.", error: false }),
        // vsftpd's protocol log, in its own file and through syslog.
        ("Mon Dec  7 17:19:54 2026 [pid 20244] [ftp] FTP command: Client \"127.0.0.1\", \"PASV\"", Some(VsftpdServer), Command("PASV")),
        (
            "Mon Dec  7 17:19:52 2026 [pid 20169] [ftp] FTP response: Client \"127.0.0.1\", \"257 \"/\" is the current directory\"",
            Some(VsftpdServer),
            Reply("257 \"/\" is the current directory"),
        ),
        ("Mon Dec  7 17:20:57 2026 [pid 21292] [ftp] FTP response: Client \"127.0.0.1\", \" EPSV??\"", Some(VsftpdServer), Reply(" EPSV")),
        (
            "Dec  7 17:19:52 host vsftpd[20169]: [ftp] FTP command: Client \"::ffff:127.0.0.1\", \"EPSV\"",
            Some(VsftpdServer),
            Command("EPSV"),
        ),
        (
            "Mon Dec  7 17:19:52 2026 [pid 20168] CONNECT: Client \"127.0.0.1\"",
            Some(VsftpdServer),
            Note { text: "CONNECT: Client \"127.0.0.1\"", error: false },
        ),
        ("Mon Dec  7 17:19:52 2026 the FTP command was PASV", None, Other),
        // pyftpdlib, in its own format and in an application's.
        ("[D 2026-12-07 17:18:50] 127.0.0.1:46560-[alice] <- PASV", Some(PyftpdlibServer), Command("PASV")),
        (
            "[2026-12-07 17:27:30,232] ::ffff:203.0.113.50:56236-[] -> 220 pyftpdlib 2.2.0 ready.",
            Some(PyftpdlibServer),
            Reply("220 pyftpdlib 2.2.0 ready."),
        ),
        (
            "[I 2026-12-07 17:18:50] [::1]:46560-[alice] USER 'alice' logged in.",
            Some(PyftpdlibServer),
            Note { text: "USER 'alice' logged in.", error: false },
        ),
        (
            "[I 2026-12-07 17:18:49] >>> starting FTP server on 127.0.0.1:2121, pid=15177 <<<",
            Some(PyftpdlibServer),
            Listening("127.0.0.1:2121"),
        ),
        ("[D 2026-12-07 17:18:50] [debug] call: close()", None, Other),
        // curl's lines glued after progress meter updates; the meter alone is noise.
        (
            "\r  0     0    0     0    0     0      0      0 --:--:--  0:00:03 --:--:--     0< 425 Can't connect to specified address.",
            Some(Curl),
            Reply("425 Can't connect to specified address."),
        ),
        (
            "\r100  3000  100  3000    0     0   366k      0 --:--:-- --:--:-- --:--:--  418k* Closing connection 0",
            Some(Curl),
            Note { text: "Closing connection 0", error: false },
        ),
        ("\r  0     0    0     0    0     0      0      0 --:--:--  0:00:03 --:--:--     0", None, Other),
        ("\r  0     0    0 < 425 x", None, Other),
        ("* Connection time-out", Some(Curl), Failure("Connection time-out", FailureKind::TimedOut)),
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

#[test]
fn context_lines() {
    use FailureKind::*;
    use Shape::*;
    let wget: &[(&str, Option<Shape>)] = &[
        ("Connecting to 127.0.0.1:2121... connected.", Some(Connect { target: "127.0.0.1:2121", established: true })),
        (
            "Connecting to ftp.example.com (ftp.example.com)|203.0.113.5|:21... connected.",
            Some(Connect { target: "203.0.113.5", established: true }),
        ),
        ("Connecting to 127.0.0.1:2121... failed: Connection refused.", Some(Connect { target: "127.0.0.1:2121", established: false })),
        ("trying to connect to 10.0.0.12 port 40030", Some(Connect { target: "10.0.0.12 port 40030", established: false })),
        (
            "couldn't connect to 10.0.0.12 port 40030: Network is unreachable",
            Some(Note { text: "couldn't connect to 10.0.0.12 port 40030: Network is unreachable", error: true }),
        ),
        ("Logged in!", None),
    ];
    for (line, want) in wget {
        assert_eq!((reading(LogFormat::Wget).context.unwrap())(line), *want, "{line:?}");
    }
    let bsd: &[(&str, Option<Shape>)] = &[
        ("Connected to 127.0.0.1.", Some(Note { text: "Connected to 127.0.0.1.", error: false })),
        ("Passive mode address mismatch.", Some(Failure("Passive mode address mismatch.", AddressRefused))),
        (
            "tnftp: Can't connect to `127.0.0.1:40034': Connection timed out",
            Some(Note { text: "tnftp: Can't connect to `127.0.0.1:40034': Connection timed out", error: true }),
        ),
        ("ftp: connect: Connection refused", Some(Note { text: "ftp: connect: Connection refused", error: true })),
        ("Remote system type is UNIX.", None),
    ];
    for format in [LogFormat::Tnftp, LogFormat::Inetutils] {
        for (line, want) in bsd {
            assert_eq!((reading(format).context.unwrap())(line), *want, "{format:?} {line:?}");
        }
    }
    assert!(reading(LogFormat::Tnftp).repeats_replies && !reading(LogFormat::Inetutils).repeats_replies);
    assert!(!reading(LogFormat::Curl).second_pass() && reading(LogFormat::Raw).bare_commands && !reading(LogFormat::Wget).bare_commands);
}

#[test]
fn server_sessions() {
    // vsftpd: one key per client address, whatever the process.
    let a = classify("Mon Dec  7 17:19:52 2026 [pid 20168] FTP command: Client \"127.0.0.1\", \"USER anonymous\"");
    let b = classify("Mon Dec  7 17:19:52 2026 [pid 20169] [ftp] FTP response: Client \"127.0.0.1\", \"230 Login successful.\"");
    let c = classify("Mon Dec  7 17:19:52 2026 [pid 20170] FTP command: Client \"127.0.0.2\", \"USER anonymous\"");
    let line = "Mon Dec  7 17:19:52 2026 [pid 20168] FTP command: Client \"127.0.0.1\", \"USER anonymous\"";
    assert_eq!((peer(LogFormat::VsftpdServer, line), a.conn == b.conn, a.conn == c.conn), (Some("127.0.0.1"), true, false));
    assert!(a.conn >= KEYED);
    // pyftpdlib: the client's port, below KEYED; the address without it.
    let line = "[D 2026-12-07 17:18:50] [::1]:46560-[alice] <- PASV";
    assert_eq!((peer(LogFormat::PyftpdlibServer, line), classify(line).conn), (Some("::1"), 46561));
    let line = "[2026-12-07 17:27:30,232] ::ffff:203.0.113.50:56236-[] -> 220 ready.";
    assert_eq!((peer(LogFormat::PyftpdlibServer, line), classify(line).conn), (Some("::ffff:203.0.113.50"), 56237));
    assert_eq!(credential("x OK LOGIN: Client \"127.0.0.1\", anon password \"s3cr3tpw\"").map(|(s, e)| e - s), Some(8));
    assert_eq!(credential("x OK LOGIN: Client \"127.0.0.1\""), None);
}
