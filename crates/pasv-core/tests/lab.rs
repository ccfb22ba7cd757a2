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
