//! The lab's manifest (`tests/lab/manifest.tsv`, written by `scripts/lab.sh`)
//! and the verdict each real outcome calls for.
//!
//! The expectation is derived from what the lab observed — did the file
//! arrive, did the client send packets to a private address (the client
//! namespace drops them and counts them), what the scenario configured — and
//! from plain facts of the log text (a 227 carrying the server's private
//! address). It never asks the analysis under test.
#![allow(dead_code)]

use pasv_core::log::{ServerSoftware, VerdictKind};
use pasv_core::Severity;

/// The lab folder: `tests/lab` of the workspace, or `PASV_LAB_DIR` (to
/// judge another run's logs).
pub fn lab_dir() -> std::path::PathBuf {
    match std::env::var_os("PASV_LAB_DIR") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lab"),
    }
}

/// The password every lab client logs in with.
pub const PASSWORD: &str = "lab-pw-7f3a";

/// The server's private address as a 227 writes it.
const PRIVATE_227: &str = "10,0,0,12,";

/// One manifest row.
#[derive(Debug, Clone)]
pub struct Row {
    pub log: String,
    pub scenario: String,
    pub server: String,
    pub client: String,
    pub topology: String,
    pub family: String,
    pub control: String,
    pub mode: String,
    pub tls: String,
    pub router_helper: String,
    pub announced: String,
    pub ports: String,
    pub exit: String,
    pub transfer: String,
    pub private_drops: u64,
    pub data_target: String,
}

const HEADER: &str = "log\tscenario\tserver\tclient\ttopology\tfamily\tcontrol\tmode\ttls\trouter_helper\tannounced\tports\texit\ttransfer\tprivate_drops\tdata_target";

/// Every row of the manifest; panics on a malformed one.
pub fn manifest() -> Vec<Row> {
    let path = lab_dir().join("manifest.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run `bash scripts/lab.sh`)", path.display()));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER), "{}: unexpected header", path.display());
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 16, "manifest row with {} fields: {l}", f.len());
            Row {
                log: f[0].into(),
                scenario: f[1].into(),
                server: f[2].into(),
                client: f[3].into(),
                topology: f[4].into(),
                family: f[5].into(),
                control: f[6].into(),
                mode: f[7].into(),
                tls: f[8].into(),
                router_helper: f[9].into(),
                announced: f[10].into(),
                ports: f[11].into(),
                exit: f[12].into(),
                transfer: f[13].into(),
                private_drops: f[14].parse().unwrap_or_else(|_| panic!("private_drops not a number: {l}")),
                data_target: f[15].into(),
            }
        })
        .collect()
}

/// A row's log text.
pub fn log_text(row: &Row) -> String {
    let path = lab_dir().join("logs").join(&row.log);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the real outcome calls for: any of `kinds`, at `severity`, and why.
#[derive(Debug, Clone)]
pub struct Expect {
    pub kinds: &'static [VerdictKind],
    pub severity: Severity,
    pub why: &'static str,
}

/// The client program a row ran (`curl-trust` → `curl`).
pub fn program(row: &Row) -> &str {
    row.client.split('-').next().unwrap_or(&row.client)
}

/// The server software the log's banner names.
pub fn server_software(row: &Row) -> Option<ServerSoftware> {
    match row.server.as_str() {
        "vsftpd" => Some(ServerSoftware::Vsftpd),
        "proftpd" => Some(ServerSoftware::Proftpd),
        "pure-ftpd" => Some(ServerSoftware::PureFtpd),
        "pyftpdlib" => Some(ServerSoftware::Pyftpdlib),
        _ => None,
    }
}

/// Whether this client's log shows the address it dialed (Python's ftplib
/// prints no connection line).
pub fn shows_control(row: &Row) -> bool {
    program(row) != "ftplib"
}

/// The verdict the row's real outcome calls for, or `None` when the lab
/// observed a failure no rule explains (a lab problem to look into).
pub fn expected(row: &Row, text: &str) -> Option<Expect> {
    use Severity::*;
    use VerdictKind::*;
    let failed = row.transfer != "ok";
    let private_227 = text.contains(PRIVATE_227);
    let zero_227 = text.contains("(0,0,0,0,");
    let active = row.mode == "active" || row.client.ends_with("-active");
    let epsv_refusing = row.scenario.starts_with("c-epsv") || row.scenario.starts_with("d-ipv6-epsv");
    let sent_epsv = text.contains("EPSV");
    let blocked = matches!(row.ports.as_str(), "reject" | "drop" | "not-forwarded");
    let e = |kinds, severity, why| Some(Expect { kinds, severity, why });
    if failed {
        if row.private_drops > 0 && program(row) == "ftplib" && private_227 {
            // ftplib prints the same lines whether it used the address
            // (trust_server_pasv_ipv4_address) or the control host's.
            return e(&[NatUnroutable, NatPortsBlocked], Danger, "ftplib's log does not say which address it used; the message names both");
        }
        if zero_227 && row.private_drops == 0 {
            return e(&[BadPassiveAddress, FamilyMismatch], Danger, "the 227 carries 0.0.0.0 (PASV on an IPv6 control connection)");
        }
        if row.private_drops > 0 || (private_227 && text.contains("Passive mode address mismatch")) {
            return e(&[NatUnroutable], Danger, "the client tried (or refused) the private address the server announced");
        }
        if active {
            return e(&[ActiveFailed], Danger, "active mode: the server's connection back to the client failed or was refused");
        }
        if row.scenario == "c-pasv-disabled" {
            return e(&[PassiveDisabled], Danger, "the server refuses PASV and EPSV (passive mode disabled)");
        }
        if row.scenario == "d-epsv-all" && row.mode == "epsv-all-then-pasv" {
            return e(&[PassiveRefused], Danger, "after EPSV ALL the server refuses PASV, as RFC 2428 §4 says it must");
        }
        if epsv_refusing && sent_epsv {
            return e(&[EpsvRefused], Danger, "EPSV refused and no working PASV after it");
        }
        if row.family == "6" && row.scenario.contains("ipv6-pasv") {
            return e(
                &[FamilyMismatch, MalformedReply, PassiveRefused, BadPassiveAddress],
                Danger,
                "PASV on an IPv6 control connection: the server refuses it or sends a 227 no client can use",
            );
        }
        if blocked || (row.router_helper == "ftp" && row.tls != "none") {
            let kinds: &'static [VerdictKind] = if private_227 { &[NatPortsBlocked] } else { &[PortsBlocked] };
            return e(kinds, Danger, "the data connection to the right address was dropped, refused or never forwarded");
        }
        return None;
    }
    if private_227 {
        return e(
            &[NatWorkedAround],
            Warning,
            "the server announces its private address; this client replaced it and the transfer completed",
        );
    }
    if zero_227 {
        return e(&[BadPassiveAddress], Warning, "the 227 carries 0.0.0.0; this client replaced it and the transfer completed");
    }
    if epsv_refusing && sent_epsv && !active {
        return e(&[EpsvFallback], Info, "EPSV refused, the client fell back and the transfer completed");
    }
    e(&[NoProblem, LoopbackSameHost], Info, "the transfer completed with a correct reply")
}
