//! Verdict classes seen on real software (curl 7.88, lftp 4.9, Python 3.11
//! ftplib against vsftpd, ProFTPD, Pure-FTPd and pyftpdlib, through real
//! NAT, tunnels and router FTP helpers): one table row per class, each log
//! built from lines in the shape those programs print. The logic behind
//! each row is general; the rows only exercise it.
use pasv_core::log::{analyse_log, fix_message, report, verdict_message, LogAnalysis, ServerSoftware, VerdictKind};
use pasv_core::{FindingId, Lang, Severity};

struct Case {
    name: &'static str,
    log: &'static str,
    kind: VerdictKind,
    severity: Severity,
    fix: Option<&'static str>,
    /// The English verdict message contains each of these.
    says: &'static [&'static str],
    /// … and none of these.
    never: &'static [&'static str],
    /// The fix (English) contains each of these.
    fix_says: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    use Severity::*;
    use VerdictKind::*;
    let case = |name, log, kind, severity, fix| Case { name, log, kind, severity, fix, says: &[], never: &[], fix_says: &[] };
    vec![
        Case {
            says: &["127.0.0.1, a loopback address", "tunnel", "127.0.0.1:40000 instead", "wget"],
            never: &["another private network"],
            ..case(
                "loopback control, lftp fixed the address, transfer done",
                "---- Connecting to 127.0.0.1 (127.0.0.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> USER lab\n<--- 331 Please specify the password.\n\
                 ---> PASS XXXX\n<--- 230 Login successful.\n---> PASV\n<--- 227 Entering Passive Mode (10,0,0,12,156,64).\n\
                 ---- Address returned by PASV seemed to be incorrect and has been fixed\n---- Connecting data socket to (127.0.0.1) port 40000\n\
                 ---- Data connection established\n---> RETR hello.txt\n<--- 150 Opening BINARY mode data connection for hello.txt (80 bytes).\n\
                 <--- 226 Transfer complete.\n",
                NatWorkedAround,
                Warning,
                Some("nat-vsftpd"),
            )
        },
        Case {
            says: &["loopback address", "not the port range", "leave out --no-ftp-skip-pasv-ip"],
            fix_says: &["MasqueradeAddress 127.0.0.1"],
            ..case(
                "loopback control, curl trusted the private address and timed out",
                "* Connected to 127.0.0.1 (127.0.0.1) port 21 (#0)\n< 220 ProFTPD Server (PASV Lens lab) [::ffff:127.0.0.1]\n> USER lab\n\
                 < 331 Password required for lab\n> PASS pw\n< 230 User lab logged in\n> PASV\n< 227 Entering Passive Mode (10,0,0,12,156,70).\n\
                 * Connecting to 10.0.0.12 (10.0.0.12) port 40006\n*   Trying 10.0.0.12:40006...\n\
                 * Failed to connect to 10.0.0.12 port 40006 after 3001 ms: Timeout was reached\n",
                NatUnroutable,
                Danger,
                Some("nat-proftpd"),
            )
        },
        Case {
            says: &["203.0.113.1:40031 instead", "wget connects to the address", "tnftp refuses"],
            ..case(
                "curl skipped the NAT address and the transfer worked",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 (vsFTPd 3.0.3)\n> USER lab\n< 331 Please specify the password.\n\
                 > PASS pw\n< 230 Login successful.\n> PASV\n< 227 Entering Passive Mode (10,0,0,12,156,95).\n\
                 * Skip 10.0.0.12 for data connection, re-use 203.0.113.1 instead\n*   Trying 203.0.113.1:40031...\n\
                 * Connected 2nd connection to 203.0.113.1 port 40031 (#0)\n> RETR hello.txt\n\
                 < 150 Opening BINARY mode data connection for hello.txt (80 bytes).\n< 226 Transfer complete.\n",
                NatWorkedAround,
                Warning,
                Some("nat-vsftpd"),
            )
        },
        case(
            "lftp ignored the address by its setting",
            "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> PASV\n\
             <--- 227 Entering Passive Mode (10,0,0,12,156,95).\n\
             ---- Address returned by PASV is ignored according to ftp:ignore-pasv-address setting\n\
             ---- Connecting data socket to (203.0.113.1) port 40031\n---- Data connection established\n---> RETR hello.txt\n\
             <--- 150 Opening BINARY mode data connection for hello.txt (80 bytes).\n<--- 226 Transfer complete.\n",
            NatWorkedAround,
            Warning,
            Some("nat-vsftpd"),
        ),
        Case {
            says: &["client on the server's own host"],
            ..case(
                "ftplib, loopback 227, no control IP, transfer done",
                "*cmd* 'USER lab'\n*resp* '331 Username ok, send password.'\n*cmd* 'PASS ******'\n*resp* '230 Login successful.'\n\
                 *cmd* 'PASV'\n*resp* '227 Entering passive mode (127,0,0,1,156,69).'\n*cmd* 'RETR hello.txt'\n\
                 *resp* '125 Data connection already open. Transfer starting.'\n*resp* '226 Transfer complete.'\n",
                LoopbackSameHost,
                Info,
                None,
            )
        },
        case(
            "ftplib, loopback 227, no control IP, timed out",
            "*resp* '220 (vsFTPd 3.0.3)'\n*cmd* 'PASV'\n*resp* '227 Entering Passive Mode (127,0,0,1,156,69).'\n*cmd* 'RETR hello.txt'\n\
             Traceback (most recent call last):\nTimeoutError: timed out\n",
            PortsBlocked,
            Danger,
            Some("ports-vsftpd"),
        ),
        Case {
            never: &["malformed"],
            ..case(
                "501 to EPSV, then PASV worked",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 ProFTPD Server (PASV Lens lab) [203.0.113.1]\n> EPSV\n\
                 < 501 EPSV: Operation not permitted\n* Failed EPSV attempt. Disabling EPSV\n> PASV\n\
                 < 227 Entering Passive Mode (203,0,113,1,156,95).\n*   Trying 203.0.113.1:40031...\n\
                 * Connected 2nd connection to 203.0.113.1 port 40031 (#0)\n> RETR hello.txt\n< 150 Opening BINARY mode data connection\n\
                 < 226 Transfer complete\n",
                EpsvFallback,
                Info,
                None,
            )
        },
        Case {
            says: &["active mode", "EPRT on line 5"],
            ..case(
                "EPSV refused, the client fell back to EPRT",
                "Connected to 203.0.113.1.\n220 ProFTPD Server (PASV Lens lab) [203.0.113.1]\nEPSV\n501 EPSV: Operation not permitted\n\
                 EPRT |1|198.51.100.50|40400|\n200 EPRT command successful\nRETR hello.txt\n150 Opening BINARY mode data connection\n\
                 226 Transfer complete\n",
                EpsvFallback,
                Info,
                None,
            )
        },
        Case {
            says: &["pasv_enable=NO", "pasv_enable=YES"],
            ..case(
                "vsftpd refuses EPSV and PASV with 550",
                "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> EPSV\n<--- 550 Permission denied.\n\
                 ---> PASV\n<--- 550 Permission denied.\n",
                PassiveDisabled,
                Danger,
                None,
            )
        },
        Case {
            says: &["passive mode is turned off"],
            ..case(
                "another server refuses EPSV and PASV with 550",
                "> EPSV\n< 550 Permission denied\n> PASV\n< 550 Permission denied\n",
                PassiveDisabled,
                Danger,
                None,
            )
        },
        case(
            "EPSV ALL accepted, then EPSV",
            "*cmd* 'EPSV ALL'\n*resp* '200 EPSV ALL ok.'\n*cmd* 'EPSV'\n*resp* '229 Entering Extended Passive Mode (|||40033|)'\n\
             *cmd* 'RETR hello.txt'\n*resp* '150 Opening BINARY mode data connection'\n*resp* '226 Transfer complete.'\n",
            NoProblem,
            Info,
            None,
        ),
        Case {
            says: &["EPSV ALL on line 1", "RFC 2428 §4"],
            never: &["pasv_enable"],
            ..case(
                "EPSV ALL, then PASV refused",
                "*cmd* 'EPSV ALL'\n*resp* '200 EPSV ALL ok.'\n*cmd* 'PASV'\n*resp* '550 Permission denied.'\n",
                PassiveRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["IPv6", "connect over IPv4"],
            never: &["--disable-epsv", "Make the client use PASV"],
            ..case(
                "EPSV refused over IPv6, nothing else",
                "---- Connecting to 2001:db8:2::12 (2001:db8:2::12) port 21\n<--- 220 ProFTPD Server (PASV Lens lab) [2001:db8:2::12]\n\
                 ---> EPSV\n<--- 501 EPSV: Operation not permitted\n",
                EpsvRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["IPv6"],
            never: &["--disable-epsv", "LPSV"],
            ..case(
                "EPSV then LPSV refused over IPv6",
                "* Connected to 2001:db8:2::12 (2001:db8:2::12) port 21 (#0)\n< 220 ProFTPD Server\n> EPSV\n\
                 < 502 EPSV not implemented\n> LPSV\n< 500 LPSV not understood\n",
                EpsvRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["uses IPv6", "Use EPSV"],
            ..case(
                "PASV refused over IPv6",
                "---- Connecting to 2001:db8:2::12 (2001:db8:2::12) port 21\n<--- 220 ProFTPD Server\n---> PASV\n\
                 <--- 500 Illegal PASV command\n",
                PassiveRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["The server says: “425 You cannot use PASV on IPv6 connections. Use EPSV instead.”"],
            never: &["firewall"],
            ..case(
                "425 to PASV: the server's own words, not a blocked data connection",
                "*cmd* 'PASV'\n*resp* '425 You cannot use PASV on IPv6 connections. Use EPSV instead.'\n",
                PassiveRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["LPSV (RFC 1639)", "use EPSV"],
            never: &["PASV or EPSV"],
            ..case(
                "LPSV refused (tnftp over IPv6 with EPSV off)",
                "Connected to 2001:db8:2::12.\n220 ProFTPD Server\n---> LPSV\n500 LPSV not understood\nPassive mode refused.\n",
                PassiveRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["set ftp:prefer-epsv no"],
            never: &["--disable-epsv"],
            ..case(
                "lftp: EPSV refused over IPv4",
                "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 ProFTPD Server\n---> EPSV\n\
                 <--- 501 EPSV: Operation not permitted\n---- Switching passive mode off\n",
                EpsvRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["--disable-epsv"],
            ..case(
                "curl: EPSV refused over IPv4",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 ProFTPD Server\n> EPSV\n< 501 EPSV: Operation not permitted\n",
                EpsvRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["IPv6", "IPv4 address"],
            never: &["--disable-epsv"],
            ..case(
                "ftplib: EPSV refused (ftplib sends EPSV only over IPv6)",
                "*cmd* 'EPSV'\n*resp* '501 EPSV: Operation not permitted'\n",
                EpsvRefused,
                Danger,
                None,
            )
        },
        Case {
            says: &["ftp:passive-mode on"],
            never: &["--ftp-port", "EPSV or PASV"],
            ..case(
                "lftp: active mode refused",
                "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> EPRT |1|198.51.100.50|40400|\n\
                 <--- 200 EPRT command successful. Consider using EPSV.\n---> RETR hello.txt\n<--- 425 Failed to establish connection.\n",
                ActiveFailed,
                Danger,
                None,
            )
        },
        Case {
            says: &["-P (--ftp-port)"],
            ..case(
                "curl: PORT refused",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 (vsFTPd 3.0.3)\n> PORT 198,51,100,50,157,232\n\
                 < 500 Illegal PORT command.\n",
                ActiveFailed,
                Danger,
                None,
            )
        },
        Case {
            fix_says: &["pasv_min_port=40030", "pasv_max_port=40039", "40030–40039"],
            ..case(
                "vsftpd answering ports of 40030–40039, blocked",
                "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> PASV\n\
                 <--- 227 Entering Passive Mode (203,0,113,1,156,95).\n---- Connecting data socket to (203.0.113.1) port 40031\n\
                 **** Connection timed out\n---> PASV\n<--- 227 Entering Passive Mode (203,0,113,1,156,101).\n\
                 ---- Connecting data socket to (203.0.113.1) port 40037\n**** Connection timed out\n",
                PortsBlocked,
                Danger,
                Some("ports-vsftpd"),
            )
        },
        Case {
            fix_says: &["handler.masquerade_address = '203.0.113.1'", "range(40030, 40040)"],
            ..case(
                "pyftpdlib is named by its banner, not guessed from 125",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 pyftpdlib 2.2.0 ready.\n> PASV\n\
                 < 227 Entering passive mode (10,0,0,12,156,96).\n*   Trying 10.0.0.12:40032...\n\
                 < 125 Data connection already open. Transfer starting.\n\
                 * Failed to connect to 10.0.0.12 port 40032 after 3001 ms: Timeout was reached\n",
                NatUnroutable,
                Danger,
                Some("nat-pyftpdlib"),
            )
        },
        Case {
            says: &["encrypted", "nf_nat_ftp", "cannot read an encrypted reply"],
            // Ignoring the address does not help: the helper opened no port.
            never: &["ftp:ignore-pasv-address"],
            ..case(
                "FTPS hides the 227 from the router's FTP helper",
                "---- Connecting to 203.0.113.1 (203.0.113.1) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> AUTH TLS\n<--- 234 Proceed with negotiation.\n\
                 ---> PASV\n<--- 227 Entering Passive Mode (10,0,0,12,156,96).\n---- Connecting data socket to (10.0.0.12) port 40032\n\
                 **** Connection timed out\n",
                NatUnroutable,
                Danger,
                Some("nat-vsftpd"),
            )
        },
        Case {
            says: &["encrypted", "203.0.113.1:40032"],
            ..case(
                "FTPS: curl skipped the address, the port was not opened either",
                "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 (vsFTPd 3.0.3)\n> AUTH TLS\n< 234 Proceed with negotiation.\n\
                 > PASV\n< 227 Entering Passive Mode (10,0,0,12,156,96).\n\
                 * Skip 10.0.0.12 for data connection, re-use 203.0.113.1 instead\n*   Trying 203.0.113.1:40032...\n\
                 * connect to 203.0.113.1 port 40032 failed: Connection refused\n",
                NatPortsBlocked,
                Danger,
                Some("nat-vsftpd"),
            )
        },
        Case {
            says: &["last line of the log", "203.0.113.1:40032", "silently drops"],
            fix_says: &["pasv_min_port=40030", "pasv_max_port=40039"],
            ..case(
                "inetutils ftp: the log ends on the 227 while it connects (ports dropped)",
                "Connected to 203.0.113.1.\n220 (vsFTPd 3.0.3)\n---> USER lab\n331 Please specify the password.\n---> PASS XXXX\n\
                 230 Login successful.\n---> TYPE I\n200 Switching to Binary mode.\n---> PASV\n\
                 227 Entering Passive Mode (203,0,113,1,156,96).\n\n",
                PortsBlocked,
                Danger,
                Some("ports-vsftpd"),
            )
        },
        case(
            "a raw control stream that ends on a 227 is a sample, not a hang",
            "USER lab\r\n331 Password required\r\nPASS x\r\n230 Logged in\r\nPASV\r\n227 Entering Passive Mode (203,0,113,1,156,96).\r\n",
            NoProblem,
            Info,
            None,
        ),
    ]
}

fn check(c: &Case, a: &LogAnalysis) {
    let v = &a.verdict;
    assert_eq!((v.kind, v.severity, v.fix.map(|f| f.id())), (c.kind, c.severity, c.fix), "{}: {a:#?}", c.name);
    let message = verdict_message(a, Lang::En);
    for s in c.says {
        assert!(message.contains(s), "{}: {s:?} not in {message}", c.name);
    }
    for s in c.never {
        assert!(!message.contains(s), "{}: {s:?} in {message}", c.name);
    }
    let fix = fix_message(a, Lang::En).unwrap_or_default();
    for s in c.fix_says {
        assert!(fix.contains(s), "{}: {s:?} not in {fix}", c.name);
    }
    for lang in [Lang::En, Lang::Vi] {
        let r = report(a, lang);
        let texts = [r.summary.verdict.message.clone(), r.summary.verdict.fix.map(|f| f.message).unwrap_or_default()];
        for text in texts {
            assert!(!text.contains('{') && !text.contains('—'), "{} ({lang:?}): {text}", c.name);
        }
    }
}

#[test]
fn verdict_classes() {
    for c in cases() {
        check(&c, &analyse_log(c.log, None));
    }
}

#[test]
fn loopback_control_is_not_another_private_network() {
    let c = &cases()[0];
    let a = analyse_log(c.log, None);
    let e = &a.exchanges[0];
    let ids: Vec<_> = e.explained.findings.iter().map(|f| f.id).collect();
    assert!(ids.contains(&FindingId::NatUnroutableAddress) && !ids.contains(&FindingId::PrivateNetworkMismatch), "{ids:?}");
    // The row says where the client connected, not the announced address.
    assert_eq!(e.explained.connect_to.map(|t| t.to_string()).as_deref(), Some("127.0.0.1:40000"));
}

#[test]
fn pyftpdlib_is_named_not_guessed() {
    let c = cases().into_iter().find(|c| c.name.starts_with("pyftpdlib")).unwrap();
    let a = analyse_log(c.log, None);
    let s = a.server.unwrap();
    assert_eq!((s.software, s.line, s.guessed), (ServerSoftware::Pyftpdlib, 2, false));
}

#[test]
fn no_epsv_offered_to_a_server_that_refused_it() {
    // An unknown server, EPSV refused, then a NAT address that failed.
    let log = "* Connected to 203.0.113.1 (203.0.113.1) port 21 (#0)\n< 220 FTP ready\n> EPSV\n< 500 EPSV not understood\n> PASV\n\
               < 227 Entering Passive Mode (10,0,0,12,156,96).\n*   Trying 10.0.0.12:40032...\n\
               * Failed to connect to 10.0.0.12 port 40032 after 3001 ms: Timeout was reached\n";
    let a = analyse_log(log, None);
    assert_eq!(a.verdict.kind, VerdictKind::NatUnroutable);
    for lang in [Lang::En, Lang::Vi] {
        assert!(!fix_message(&a, lang).unwrap().contains("EPSV"), "{lang:?}");
    }
    // Where EPSV was not refused, the generic fix may offer it.
    let without = log.replace("> EPSV\n< 500 EPSV not understood\n", "");
    assert!(fix_message(&analyse_log(&without, None), Lang::En).unwrap().contains("EPSV"));
}

#[test]
fn advice_never_names_another_clients_options() {
    let lftp = cases().into_iter().filter(|c| c.log.starts_with("----")).collect::<Vec<_>>();
    assert!(lftp.len() >= 4);
    for c in lftp {
        let a = analyse_log(c.log, None);
        for lang in [Lang::En, Lang::Vi] {
            let message = verdict_message(&a, lang);
            assert!(!message.contains("--disable-epsv") && !message.contains("--ftp-port"), "{}: {message}", c.name);
        }
    }
}

#[test]
fn lftp_ignore_setting_is_a_fixup() {
    let c = cases().into_iter().find(|c| c.name.starts_with("lftp ignored")).unwrap();
    let a = analyse_log(c.log, None);
    assert_eq!(a.exchanges[0].client_fixup, Some(5));
}

#[test]
fn guessed_server_is_marked_in_the_fix() {
    // No banner naming the software: IIS only from `215 Windows_NT`.
    let log = "Status:\tConnecting to 203.0.113.9:21...\nResponse:\t220 Welcome\nCommand:\tSYST\nResponse:\t215 Windows_NT\n\
               Command:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,9,195,80).\nCommand:\tLIST\n\
               Error:\tConnection timed out after 20 seconds of inactivity\n";
    let a = analyse_log(log, None);
    assert!(a.server.unwrap().guessed);
    assert!(fix_message(&a, Lang::En).unwrap().starts_with("The log does not name the server software"));
}

/// The family-mismatch message names the refused EPSV whatever the refusal's
/// code: the same rule the verdict uses (any 4xx/5xx), not a list of codes.
#[test]
fn family_mismatch_names_every_kind_of_epsv_refusal() {
    let codes = [
        "500 EPSV not understood",
        "501 Syntax error",
        "502 Command not implemented",
        "522 Network protocol not supported",
        "421 Service not available",
    ];
    // Right after the refusal, and with a refused PASV in between (then the
    // 227 is no direct fallback and the message looks further back).
    for (code, between) in codes.iter().flat_map(|c| [(c, ""), (c, "> PASV\n< 501 Try again\n")]) {
        let log = format!(
            "* Connected to ftp6.example.net (2001:db8::21) port 21\n< 220 ready\n> EPSV\n< {code}\n{between}> PASV\n< 227 Entering Passive Mode (192,0,2,21,156,64)\n"
        );
        let a = analyse_log(&log, None);
        assert_eq!(a.verdict.kind, VerdictKind::FamilyMismatch, "{code}");
        let text = verdict_message(&a, Lang::En);
        assert!(text.contains("refused it on line 4"), "{code}: {text}");
        assert!(text.contains(&format!("reply {}", &code[..3])), "{code}: {text}");
    }
    // Without an EPSV the message does not claim one was refused.
    let a = analyse_log(
        "* Connected to ftp6.example.net (2001:db8::21) port 21\n< 220 ready\n> PASV\n< 227 Entering Passive Mode (192,0,2,21,156,64)\n",
        None,
    );
    assert!(!verdict_message(&a, Lang::En).contains("refused it"));
}
