//! Real software is the judge: every log the lab (`scripts/lab.sh`) wrote —
//! real clients against real servers, through real NAT — gets the verdict
//! its observed outcome calls for (`common/lab.rs`), names the server and the
//! address the client dialed, and no output in any language shows the
//! password.
#![cfg(not(target_arch = "wasm32"))]

#[path = "lab_support/rules.rs"]
mod rules;

use pasv_core::log::{analyse_log, redact, report};
use pasv_core::Lang;
use rules::{expected, log_text, manifest, server_software, shows_control, PASSWORD};

#[test]
fn every_lab_log_gets_the_verdict_its_real_outcome_calls_for() {
    let rows = manifest();
    assert!(rows.len() >= 100, "the lab wrote only {} logs", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let text = log_text(row);
        let a = analyse_log(&text, None);
        let want = expected(row, &text);
        let got = (a.verdict.kind, a.verdict.severity);
        let verdict_ok = want.as_ref().is_some_and(|w| w.kinds.contains(&got.0) && w.severity == got.1);
        let control_ok = !shows_control(row) || a.control.map(|c| c.ip.to_string()) == Some(row.control.clone());
        let server_ok = a.server.map(|s| s.software) == server_software(row);
        if !(verdict_ok && control_ok && server_ok) {
            wrong.push(format!(
                "{}: transfer {} (drops {}): got {} {:?}, control {:?}, server {:?}; want {} ({}), control {}, server {:?}",
                row.log,
                row.transfer,
                row.private_drops,
                got.0.as_str(),
                got.1,
                a.control.map(|c| c.ip.to_string()),
                a.server.map(|s| s.software),
                want.as_ref().map_or("an explained outcome".to_string(), |w| format!(
                    "{} {:?}",
                    w.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|"),
                    w.severity
                )),
                want.as_ref().map_or("the lab observed a failure no rule explains", |w| w.why),
                if shows_control(row) { row.control.as_str() } else { "(not in this log)" },
                server_software(row),
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} lab logs disagree with reality:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
}

/// A pasted log is what a browser's text field holds: every line break,
/// curl's lone carriage returns (its progress meter) included, becomes a
/// line feed (HTML's textarea value normalisation). The page must reach the
/// file's verdict from that text.
#[test]
fn every_lab_log_pasted_into_a_text_field_gets_the_files_verdict() {
    let mut wrong = Vec::new();
    for row in manifest() {
        let text = log_text(&row);
        let field = text.replace("\r\n", "\n").replace('\r', "\n");
        let file = analyse_log(&text, None).verdict;
        let pasted = analyse_log(&field, None).verdict;
        if (file.kind, file.severity) != (pasted.kind, pasted.severity) {
            wrong.push(format!(
                "{}: file {} {:?}, pasted {} {:?}",
                row.log,
                file.kind.as_str(),
                file.severity,
                pasted.kind.as_str(),
                pasted.severity
            ));
        }
    }
    assert!(wrong.is_empty(), "{} lab logs read differently once pasted:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn no_lab_output_shows_the_password() {
    for row in manifest() {
        let text = log_text(&row);
        let a = analyse_log(&text, None);
        assert!(!redact(&text).contains(PASSWORD), "{}: redact", row.log);
        for lang in Lang::ALL {
            let json = serde_json::to_string(&report(&a, *lang)).unwrap();
            assert!(!json.contains(PASSWORD), "{}: report ({})", row.log, lang.code());
        }
    }
}

#[test]
fn the_lab_covers_every_client_and_server() {
    let rows = manifest();
    for server in ["vsftpd", "proftpd", "pure-ftpd", "pyftpdlib"] {
        assert!(rows.iter().any(|r| r.server == server), "no log of {server}");
    }
    for client in ["curl", "lftp", "ftplib", "wget", "tnftp", "inetutils"] {
        assert!(rows.iter().any(|r| rules::program(r) == client), "no log of {client}");
    }
    for topology in ["nat", "loopback"] {
        assert!(rows.iter().any(|r| r.topology == topology), "no {topology} log");
    }
    assert!(rows.iter().any(|r| r.transfer == "ok") && rows.iter().any(|r| r.transfer != "ok"));
}

/// The servers' own logs (vsftpd, pyftpdlib) name the client: behind the
/// lab's NAT that is the client's public address, so a 227 announcing the
/// server's private address is judged from the server's side — unreachable
/// when no transfer followed, worked around when one did.
#[test]
fn server_logs_judge_nat_from_the_clients_address() {
    use pasv_core::log::VerdictKind;
    use pasv_core::Severity;
    let mut judged = 0;
    for row in manifest().iter().filter(|r| r.topology == "nat" && r.family == "4") {
        let path = rules::lab_dir().join("logs").join(row.log.replace(".log", ".server.log"));
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let a = analyse_log(&text, None);
        if !a.format.is_some_and(|f| f.is_server_side()) {
            continue; // ProFTPD's ExtendedLog layout is the lab's own, not a format
        }
        assert_eq!(a.client.map(|c| c.ip.to_string()).as_deref(), Some("203.0.113.50"), "{}", path.display());
        assert!(!redact(&text).contains(PASSWORD), "{}", path.display());
        if !text.contains("10,0,0,12,") {
            continue;
        }
        let want = if row.transfer == "ok" {
            (VerdictKind::NatWorkedAround, Severity::Warning)
        } else {
            (VerdictKind::NatUnroutable, Severity::Danger)
        };
        assert_eq!((a.verdict.kind, a.verdict.severity), want, "{} (transfer {})", path.display(), row.transfer);
        judged += 1;
    }
    assert!(judged >= 10, "only {judged} server logs with a private 227");
}

/// The catalog's claim about vsftpd (`finding.unspecified-address`): on an
/// IPv6 socket (`listen_ipv6=YES`) it answers PASV with 0,0,0,0 when the
/// client came over IPv6, or when `pasv_address` is set — held to the real
/// vsftpd of the lab in both cases.
#[test]
fn vsftpd_answers_pasv_with_0000_where_the_catalog_says() {
    let rows = manifest();
    let cases = [
        ("d-ipv6-pasv", "default", "the client came over IPv6, no pasv_address"),
        ("d-v4mapped-pasv", "public", "an IPv4 client, pasv_address set"),
    ];
    for (scenario, announced, what) in cases {
        let logs: Vec<_> = rows.iter().filter(|r| r.scenario == scenario && r.server == "vsftpd" && r.announced == announced).collect();
        let with_227: Vec<_> = logs.iter().map(|r| log_text(r)).filter(|t| t.contains("227 Entering Passive Mode")).collect();
        assert!(!with_227.is_empty(), "{scenario}: no vsftpd 227 in the lab");
        for text in with_227 {
            assert!(text.contains("227 Entering Passive Mode (0,0,0,0,"), "{scenario} ({what}): {text}");
        }
    }
    let message = pasv_core::render(pasv_core::Lang::En, pasv_core::Msg::FindingUnspecifiedAddress, &[]);
    assert!(message.contains("the client came over IPv6 or pasv_address is set"), "{message}");
}
