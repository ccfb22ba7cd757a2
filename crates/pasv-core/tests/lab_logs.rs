//! Real logs from the lab (real servers and clients in network namespaces,
//! real NAT; `tests/logs/lab-*.log`, each with a header naming the
//! versions): the verdict the real outcome calls for. Each expectation
//! comes from what really happened (the transfer done or not, where the
//! client connected), not from the analyser's output.
use pasv_core::log::{analyse_log, fix_message, report, ServerSoftware, VerdictKind};
use pasv_core::{Lang, Severity};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/logs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (file, verdict, severity, fix id, server, control IP, what the verdict
/// message must say) — with what really happened.
type Row = (&'static str, VerdictKind, Severity, Option<&'static str>, Option<ServerSoftware>, Option<&'static str>, &'static str);

const ROWS: [Row; 12] = {
    use ServerSoftware::*;
    use Severity::*;
    use VerdictKind::*;
    [
        // lftp through a loopback forward: it replaced 10.0.0.12 with
        // 127.0.0.1 and the transfer completed.
        (
            "lab-l-announce-private--vsftpd--lftp.log",
            NatWorkedAround,
            Warning,
            Some("nat-vsftpd"),
            Some(Vsftpd),
            Some("127.0.0.1"),
            "loopback",
        ),
        // curl told to trust the address: it tried 10.0.0.12:40038 and timed out.
        (
            "lab-l-announce-private--vsftpd--curl-trust.log",
            NatUnroutable,
            Danger,
            Some("nat-vsftpd"),
            Some(Vsftpd),
            Some("127.0.0.1"),
            "not the port range",
        ),
        // FTPS behind a router with nf_nat_ftp, range not forwarded: lftp
        // replaced the address and the public port was not open either.
        (
            "lab-h-helper-ftps--vsftpd--lftp.log",
            NatPortsBlocked,
            Danger,
            Some("nat-vsftpd"),
            Some(Vsftpd),
            Some("203.0.113.1"),
            "nf_nat_ftp",
        ),
        // vsftpd with pasv_enable=NO: 550 to EPSV and PASV, nothing transferred.
        ("lab-c-pasv-disabled--vsftpd--lftp.log", PassiveDisabled, Danger, None, Some(Vsftpd), Some("203.0.113.1"), "pasv_enable=NO"),
        // ftplib sent EPSV ALL, then PASV: refused, as RFC 2428 §4 says.
        ("lab-d-epsv-all--vsftpd--ftplib-epsv-all-pasv.log", PassiveRefused, Danger, None, Some(Vsftpd), None, "EPSV ALL"),
        // ProFTPD <Limit EPSV>: 501, curl fell back to PASV and the transfer completed.
        ("lab-c-epsv-501--proftpd--curl.log", EpsvFallback, Info, None, Some(Proftpd), Some("203.0.113.1"), "fell back to PASV"),
        // The same over IPv6: no way out through PASV.
        ("lab-d-ipv6-epsv-501--proftpd--curl.log", EpsvRefused, Danger, None, Some(Proftpd), Some("2001:db8:2::12"), "IPv4"),
        ("lab-d-ipv6-epsv-501--proftpd--tnftp.log", EpsvRefused, Danger, None, Some(Proftpd), None, "EPSV"),
        // Server and client on one host, the server announcing 127.0.0.1: fine.
        ("lab-l-announce-loopback--vsftpd--ftplib.log", LoopbackSameHost, Info, None, Some(Vsftpd), None, "own host"),
        // FileZilla through a loopback forward trusted 10.0.0.12 (its rule
        // replaces only when the control address is public) and timed out.
        (
            "lab-fz-loopback-private--vsftpd--filezilla.log",
            NatUnroutable,
            Danger,
            Some("nat-vsftpd"),
            Some(Vsftpd),
            Some("127.0.0.1"),
            "FileZilla trusts",
        ),
        // pyftpdlib, passive ports REJECTed at the router.
        (
            "lab-e-ports-reject--pyftpdlib--curl.log",
            PortsBlocked,
            Danger,
            Some("ports-pyftpdlib"),
            Some(Pyftpdlib),
            Some("203.0.113.1"),
            "blocks the passive port range",
        ),
        // lftp with ftp:ignore-pasv-address: it used 203.0.113.1 and the transfer completed.
        (
            "lab-b-private-workaround--proftpd--lftp-ignore.log",
            NatWorkedAround,
            Warning,
            Some("nat-proftpd"),
            Some(Proftpd),
            Some("203.0.113.1"),
            "wget",
        ),
    ]
};

#[test]
fn lab_logs_get_the_verdict_their_outcome_calls_for() {
    for (file, kind, severity, fix, server, control, says) in ROWS {
        let text = fixture(file);
        let a = analyse_log(&text, None);
        let v = &a.verdict;
        assert_eq!((v.kind, v.severity, v.fix.map(|f| f.id())), (kind, severity, fix), "{file}");
        assert_eq!(a.server.map(|s| s.software), server, "{file}");
        if control.is_some() {
            assert_eq!(a.control.map(|c| c.ip.to_string()).as_deref(), control, "{file}");
        }
        for lang in [Lang::En, Lang::Vi] {
            let r = report(&a, lang);
            let json = serde_json::to_string(&r.summary).unwrap() + &serde_json::to_string(&r.exchanges).unwrap();
            assert!(!json.contains("lab-pw-7f3a"), "{file} ({lang:?}): the password leaks");
            assert!(!r.summary.verdict.message.contains('{'), "{file} ({lang:?})");
        }
        let message = report(&a, Lang::En).summary.verdict.message;
        assert!(message.contains(says), "{file}: {says:?} not in {message}");
    }
}

#[test]
fn the_fix_uses_the_ports_the_server_announced() {
    // The lab's servers use 40030–40039.
    let a = analyse_log(&fixture("lab-h-helper-ftps--vsftpd--lftp.log"), None);
    let fix = fix_message(&a, Lang::En).unwrap();
    assert!(fix.contains("pasv_min_port=40030 and pasv_max_port=40039"), "{fix}");
    let a = analyse_log(&fixture("lab-e-ports-reject--pyftpdlib--curl.log"), None);
    assert!(fix_message(&a, Lang::En).unwrap().contains("range(40030, 40040)"));
}
