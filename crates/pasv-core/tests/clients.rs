//! Every 227/229 row of `tests/data/client-matrix.tsv` (a copy of
//! `/work/shared/research/client-matrix.tsv`) against `pasv_core::clients::predict`,
//! for a control connection to 203.0.113.10. The matrix came from emulations,
//! so the cells we disagree with after reading the sources are listed in
//! `DISAGREE` with the reason; every other cell must match exactly.
use std::net::IpAddr;

use pasv_core::clients::{predict, Client, Outcome, Target};

const MATRIX: &str = include_str!("data/client-matrix.tsv");
const CONTROL: &str = "203.0.113.10";

/// Matrix columns we predict (suppaftp is not modelled).
const COLUMNS: [(&str, Client); 8] = [
    ("curl", Client::CurlDefault),
    ("ftplib", Client::Ftplib),
    ("wireshark", Client::Wireshark),
    ("netfilter", Client::Netfilter),
    ("commons-net", Client::CommonsNet),
    ("filezilla", Client::FileZilla),
    ("lftp", Client::Lftp),
    ("jlaffaye", Client::Jlaffaye),
];

/// (line, column, what we predict instead, why).
const DISAGREE: &[(&str, &str, &str, &str)] = &[
    // No cell differs after normalisation (connect/dial/reject/fallback/expect/drop/show).
    // Differences in the detail, which the normalisation hides, kept here for the record:
    // - commons-net `229 … (|||4242)`: with no ')' `substring(indexOf('(') + 1, -1)` throws
    //   StringIndexOutOfBoundsException, not MalformedServerReplyException (we say SIOOBE).
    // - jlaffaye `229 … (|||4242)`: in the ftp.go revision read, `line[start+3:end]` with
    //   end = start+2 is a slice-bounds panic, not "invalid EPSV response format"; newer
    //   revisions test for it (TestEPSV_Parse_MissingTrailingPipe_ShouldError), so we keep
    //   the matrix's fallback to PASV.
    // - lftp `169.254.10.20`: the revision of network.cc read cuts off after 192.168/16; the
    //   link-local clause of is_private() is assumed, as the matrix does.
    // - every `…:0` "ok" cell: the client accepts port 0 but the connect itself fails; the
    //   core's own findings say so, the table keeps the client's view.
];

/// A cell, normalised: "connect H:P", "dial H:P", "reject", "fallback", "expect H:P",
/// "noexpect", "ignore", "drop", "show H:P[ nat]", "show *:P", "nothing", "invalid", "-".
fn normalise_cell(cell: &str) -> String {
    let cell = cell.trim();
    if cell == "-" {
        return "-".into();
    }
    if let Some(rest) = cell.strip_prefix("ok ") {
        let target = rest.split_whitespace().next().unwrap();
        let (host, port) = target.rsplit_once(':').unwrap();
        let good = host.parse::<IpAddr>().is_ok() && port.parse::<u16>().is_ok();
        return format!("{} {host}:{port}", if good { "connect" } else { "dial" });
    }
    if let Some(rest) = cell.strip_prefix("parsed ") {
        let port = rest.split_whitespace().next().unwrap();
        return format!("dial {CONTROL}:{port}");
    }
    if cell.starts_with("ERR") {
        return if cell.contains("fall") { "fallback".into() } else { "reject".into() };
    }
    if let Some(rest) = cell.strip_prefix("expect peer:") {
        return format!("expect {CONTROL}:{}", rest.trim());
    }
    if cell.starts_with("accept, NO expectation") {
        return "noexpect".into();
    }
    if cell.starts_with("accept (no match") {
        return "ignore".into();
    }
    if cell.starts_with("DROP") {
        return "drop".into();
    }
    if let Some(rest) = cell.strip_prefix("ip=") {
        let mut it = rest.split_whitespace();
        let ip = it.next().unwrap();
        let port = it.next().unwrap().strip_prefix("port=").unwrap();
        let nat = it.next() == Some("passive.nat=1");
        return format!("show {ip}:{port}{}", if nat { " nat" } else { "" });
    }
    if let Some(rest) = cell.strip_prefix("epsv.port=") {
        return format!("show *:{}", rest.split_whitespace().next().unwrap());
    }
    if cell == "no fields" {
        return "nothing".into();
    }
    if cell.starts_with("expert:") {
        return "invalid".into();
    }
    panic!("unknown cell {cell:?}");
}

fn normalise_outcome(o: &Outcome) -> String {
    let target = |t: &Target| t.to_string();
    match o {
        Outcome::Connects { to, .. } => format!("connect {}", target(to)),
        Outcome::Dials { host, port, .. } => format!("dial {host}:{port}"),
        Outcome::Rejects { .. } => "reject".into(),
        Outcome::FallsBack { .. } => "fallback".into(),
        Outcome::Expects { to, .. } => format!("expect {}", target(to)),
        Outcome::NoExpectation { .. } => "noexpect".into(),
        Outcome::Ignores => "ignore".into(),
        Outcome::Drops { .. } => "drop".into(),
        Outcome::Shows { ip: Some(ip), port, nat } => format!("show {ip}:{port}{}", if *nat { " nat" } else { "" }),
        Outcome::Shows { ip: None, port, .. } => format!("show *:{port}"),
        Outcome::ShowsNothing { expert: false } => "nothing".into(),
        Outcome::ShowsNothing { expert: true } => "invalid".into(),
        Outcome::NotApplicable => "-".into(),
    }
}

fn rows() -> Vec<(String, Vec<String>)> {
    let mut lines = MATRIX.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header[0], "line");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "{l}");
            let line = cells[0].replace("\\n", "\n");
            let picked = COLUMNS.iter().map(|(name, _)| cells[header.iter().position(|h| h == name).unwrap()].to_string()).collect();
            (line, picked)
        })
        .collect()
}

#[test]
fn reproduces_the_matrix() {
    let control: IpAddr = CONTROL.parse().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (line, cells) in rows() {
        for ((name, client), cell) in COLUMNS.iter().zip(&cells) {
            let want = match DISAGREE.iter().find(|(l, c, _, _)| *l == line && c == name) {
                Some((_, _, ours, _)) => (*ours).to_string(),
                None => normalise_cell(cell),
            };
            let got = normalise_outcome(&predict(*client, &line, Some(control)).outcome);
            checked += 1;
            if got != want {
                failures.push(format!("{name:12} {line:?}\n    matrix: {cell}\n    want:   {want}\n    got:    {got}"));
            }
        }
    }
    assert!(checked >= 8 * 60, "only {checked} cells");
    assert!(failures.is_empty(), "{} of {checked} cells differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn curl_without_skip_uses_the_reply_address() {
    let control = Some(CONTROL.parse().unwrap());
    let p = |line| normalise_outcome(&predict(Client::CurlNoSkipPasvIp, line, control).outcome);
    assert_eq!(p("227 Entering Passive Mode (192,168,1,2,4,5)"), "connect 192.168.1.2:1029");
    assert_eq!(p("227 Entering Passive Mode (1216,256,2,127,127,127)"), "reject");
    assert_eq!(p("229 Entering Extended Passive Mode (|||50000|)"), "connect 203.0.113.10:50000");
}

#[test]
fn unknown_control_address() {
    let p = |c, line| normalise_outcome(&predict(c, line, None).outcome);
    let private = "227 Entering Passive Mode (10,0,0,1,4,5)";
    assert_eq!(p(Client::CurlDefault, private), "connect <control>:1029");
    assert_eq!(p(Client::FileZilla, private), "connect <control>:1029");
    assert_eq!(p(Client::Lftp, "227 Entering Passive Mode (8,8,8,8,4,5)"), "connect 8.8.8.8:1029");
    assert_eq!(p(Client::Netfilter, private), "expect 10.0.0.1:1029");
    assert_eq!(p(Client::Wireshark, private), "show 10.0.0.1:1029");
    assert_eq!(p(Client::Ftplib, "250 OK"), "-");
}

#[test]
fn connecting_to_a_private_address_from_the_internet_is_unreachable() {
    let public: IpAddr = CONTROL.parse().unwrap();
    let nat = "227 Entering Passive Mode (10,0,0,12,156,64).";
    let trusting = predict(Client::CurlNoSkipPasvIp, nat, Some(public));
    assert_eq!(trusting.unreachable_target(Some(public)), Some("10.0.0.12".parse().unwrap()));
    // curl by default uses the control address: reachable.
    assert_eq!(predict(Client::CurlDefault, nat, Some(public)).unreachable_target(Some(public)), None);
    // Same private network, or nothing known: no verdict.
    let lan: IpAddr = "10.0.0.1".parse().unwrap();
    assert_eq!(predict(Client::CurlNoSkipPasvIp, nat, Some(lan)).unreachable_target(Some(lan)), None);
    assert_eq!(trusting.unreachable_target(None), None);
    // A public address in the reply is reachable.
    let public_reply = "227 Entering Passive Mode (198,51,100,7,156,64)";
    assert_eq!(predict(Client::CurlNoSkipPasvIp, public_reply, Some(public)).unreachable_target(Some(public)), None);
}
