//! Every 227/229 row of `tests/data/client-matrix.tsv` (a copy of
//! `/work/shared/research/client-matrix.tsv`) against `pasv_core::clients::predict`,
//! for a control connection to 203.0.113.10. The matrix came from emulations,
//! so the cells we disagree with after reading the sources are listed in
//! `DISAGREE` with the reason; every other cell must match exactly.
use std::net::IpAddr;

use pasv_core::clients::{describe, predict, source_text, Caveat, Client, EpsvUse, Fallback, Note, Outcome, Reason, Target};
use pasv_core::{AddressClass, Lang};

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
    // - commons-net `229 … |||50000|` (no parentheses at all): `substring(indexOf('(') + 1,
    //   indexOf(')'))` with indexOf(')') = -1 throws StringIndexOutOfBoundsException, as the
    //   matrix says; `(|||4242)` has its ')' and fails the delimiter check instead
    //   (MalformedServerReplyException, as the matrix says).
    // - jlaffaye `229 … (|||4242)`: ftp.go at 61c29fb has parseEPSV's `start+3 >= end` check
    //   (commit 0e45063, "Fix panic for malformed EPSV response", issue #451, in v0.2.1), so
    //   the matrix's "invalid EPSV response format, then PASV" is right for that revision;
    //   releases before v0.2.1 panic (slice bounds out of range), which the prediction
    //   carries as `Caveat::JlaffayeOldPanic` (test `jlaffaye_epsv_at_the_cited_revision`).
    // - the ftplib, Commons Net, FileZilla and lftp cells of the 229 rows: by default they do
    //   not send EPSV on an IPv4 control connection (test `epsv_is_not_sent_on_ipv4_by_default`);
    //   the cells are what they would do had they sent it, as the matrix gives.
    // - lftp `169.254.10.20`: network.cc at 9781fab does list 169.254/16 in is_private()
    //   ("self-assigned"), so the matrix's fix-up is right.
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
        Outcome::Rejects { .. } | Outcome::Throws { .. } => "reject".into(),
        Outcome::FallsBack { .. } => "fallback".into(),
        Outcome::Expects { to, .. } => format!("expect {}", target(to)),
        Outcome::NoExpectation { .. } => "noexpect".into(),
        Outcome::Ignores => "ignore".into(),
        Outcome::Drops { .. } => "drop".into(),
        Outcome::Shows { ip: Some(ip), port, nat } => format!("show {ip}:{port}{}", if *nat { " nat" } else { "" }),
        Outcome::Shows { ip: None, port, .. } => format!("show *:{port}"),
        Outcome::ShowsNothing { expert: false } => "nothing".into(),
        Outcome::ShowsNothing { expert: true } => "invalid".into(),
        Outcome::Panics { .. } => "panic".into(),
        // The matrix gives what the client would do had it sent EPSV.
        Outcome::NotAsked { then, .. } => normalise_outcome(then),
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
    assert_eq!(trusting.unreachable_target(Some(public)).map(|u| u.ip), Some("10.0.0.12".parse().unwrap()));
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

const V4: &str = "203.0.113.10";
const V6: &str = "2001:db8::10";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// Audit 1: ftplib, Commons Net, FileZilla and lftp send PASV, not EPSV, on an
/// IPv4 control connection by default (CPython makepasv; Commons Net
/// `attemptEPSV = isUseEPSVwithIPv4() || isInet6Address`; FileZilla
/// GetPassiveCommand; lftp `!can_do_pasv || (epsv_supported && prefer-epsv)`),
/// so a 229 there is one they would not get. curl and jlaffaye/ftp send EPSV
/// first; netfilter and Wireshark only watch.
#[test]
fn epsv_is_not_sent_on_ipv4_by_default() {
    let line = "229 Entering Extended Passive Mode (|||50000|)";
    let table: &[(Client, Option<EpsvUse>)] = &[
        (Client::CurlDefault, None),
        (Client::CurlNoSkipPasvIp, None),
        (Client::Ftplib, Some(EpsvUse::Ipv6Only)),
        (Client::FileZilla, Some(EpsvUse::Ipv6OrProxy)),
        (Client::Lftp, Some(EpsvUse::Ipv6OrPreferEpsv)),
        (Client::CommonsNet, Some(EpsvUse::Ipv6OrOptIn)),
        (Client::Jlaffaye, None),
        (Client::Netfilter, None),
        (Client::Wireshark, None),
    ];
    assert_eq!(table.len(), Client::ALL.len());
    for &(client, when) in table {
        assert_eq!(client.epsv_use(), when, "{client:?}");
        for control in [Some(ip(V4)), None] {
            let p = predict(client, line, control);
            match (when, &p.outcome) {
                (Some(w), Outcome::NotAsked { when: got, then }) => {
                    assert_eq!(*got, w, "{client:?}");
                    // What it would do had it asked: the control connection's address, port 50000.
                    assert_eq!(**then, Outcome::Connects { to: Target::Control { port: 50000 }.with(control), note: Note::Epsv });
                    let d = describe(Lang::En, &p, control);
                    assert!(d.main.contains("does not send EPSV on an IPv4 control connection"), "{client:?}: {}", d.main);
                    assert!(d.notes[0].starts_with("If it had sent EPSV: Connects to"), "{client:?}: {:?}", d.notes);
                    let vi = describe(Lang::Vi, &p, control);
                    assert!(vi.main.contains("không gửi EPSV trên kết nối điều khiển IPv4"), "{client:?}: {}", vi.main);
                }
                (None, Outcome::NotAsked { .. }) => panic!("{client:?} sends EPSV first, or only watches"),
                (Some(_), other) => panic!("{client:?} on {control:?}: {other:?}"),
                (None, _) => {}
            }
        }
        // Over IPv6 every client sends EPSV: the reply is used.
        let p = predict(client, line, Some(ip(V6)));
        assert!(!matches!(p.outcome, Outcome::NotAsked { .. }), "{client:?} over IPv6: {:?}", p.outcome);
    }
    // Each client's condition is its own sentence.
    let mains: std::collections::BTreeSet<String> = table
        .iter()
        .filter(|(_, w)| w.is_some())
        .map(|&(c, _)| describe(Lang::En, &predict(c, line, Some(ip(V4))), Some(ip(V4))).main)
        .collect();
    assert_eq!(mains.len(), 4);
}

trait With {
    fn with(self, control: Option<IpAddr>) -> Target;
}
impl With for Target {
    fn with(self, control: Option<IpAddr>) -> Target {
        match (self, control) {
            (Target::Control { port }, Some(ip)) => Target::At(pasv_core::SocketTarget { ip, port }),
            (t, _) => t,
        }
    }
}

/// Audit 2: a client that connects to the reply's address gets one note per
/// address class, each true of that class (curl --no-ftp-skip-pasv-ip trusts
/// every address, so it shows them all).
#[test]
fn unreachable_note_says_what_happens_for_each_class() {
    // (reply address, control, class, the English note must contain…, …and must not contain)
    type Case = (&'static str, &'static str, Option<AddressClass>, &'static [&'static str], &'static [&'static str]);
    let table: &[Case] = &[
        ("10,0,0,12", V4, Some(AddressClass::Private), &["10.0.0.12 cannot be reached", "RFC 1918 §3", "times out"], &[]),
        ("100,64,0,1", V4, Some(AddressClass::Shared), &["RFC 6598", "not RFC 1918 private"], &["RFC 1918 §"]),
        ("127,0,0,1", V4, Some(AddressClass::Loopback), &["RFC 1122 §3.2.1.3", "its own machine", "refused"], &["RFC 1918", "times out"]),
        ("169,254,10,20", V4, Some(AddressClass::LinkLocal), &["RFC 3927", "link-local"], &["RFC 1918"]),
        ("0,0,0,0", V4, Some(AddressClass::Unspecified), &["unspecified", "WSAEADDRNOTAVAIL"], &["RFC 1918", "times out"]),
        ("224,0,0,1", V4, Some(AddressClass::Multicast), &["multicast", "RFC 1122 §4.2.3.10", "at once"], &["RFC 1918", "times out"]),
        ("255,255,255,255", V4, Some(AddressClass::Broadcast), &["broadcast", "RFC 1122 §4.2.3.10"], &["RFC 1918", "times out"]),
        ("240,0,0,1", V4, Some(AddressClass::Reserved), &["reserved", "RFC 6890"], &["RFC 1918"]),
        ("198,18,0,1", V4, Some(AddressClass::Benchmarking), &["RFC 2544"], &["RFC 1918"]),
        // On the same private network: a private address may be right; the others are still wrong.
        ("10,0,0,12", "10.0.0.1", None, &[], &[]),
        ("127,0,0,1", "10.0.0.1", Some(AddressClass::Loopback), &["its own machine"], &[]),
        ("224,0,0,1", "10.0.0.1", Some(AddressClass::Multicast), &["multicast"], &[]),
        // Control connection on the same machine: loopback is that machine.
        ("127,0,0,2", "127.0.0.1", None, &[], &[]),
        // Public addresses are reachable.
        ("198,51,100,7", V4, None, &[], &[]),
    ];
    let mut texts = std::collections::BTreeSet::new();
    for &(bytes, control, class, has, has_not) in table {
        let line = format!("227 Entering Passive Mode ({bytes},156,64)");
        let control = Some(ip(control));
        let p = predict(Client::CurlNoSkipPasvIp, &line, control);
        let got = p.unreachable_target(control);
        assert_eq!(got.map(|u| u.class), class, "{line} on {control:?}");
        let en = describe(Lang::En, &p, control);
        let vi = describe(Lang::Vi, &p, control);
        let Some(u) = got else {
            assert_eq!(en.notes.len(), 1, "{line}: only the 'uses the address as is' note: {:?}", en.notes);
            continue;
        };
        let note = en.notes.last().unwrap();
        let note_vi = vi.notes.last().unwrap();
        assert!(note.contains(&u.ip.to_string()) && note_vi.contains(&u.ip.to_string()), "{note} / {note_vi}");
        for want in has {
            assert!(note.contains(want), "{line}: {note:?} lacks {want:?}");
        }
        for bad in has_not {
            assert!(!note.contains(bad), "{line}: {note:?} says {bad:?}");
        }
        assert_ne!(note, note_vi);
        texts.insert(note.replace(&u.ip.to_string(), "{ip}"));
    }
    assert_eq!(texts.len(), 9, "one message per class: {texts:#?}");
}

/// Audit 2 (second half): each client's "replaced" note says what that client
/// checks, and the behaviour matches the note: FileZilla only RFC 1918,
/// 127/8, 169.254/16 and a first number of 0; lftp reserved, multicast and
/// private/loopback mismatches; jlaffaye/ftp multicast and private/loopback
/// mismatches.
#[test]
fn each_client_replaces_what_it_checks() {
    // R: replaced by the control address; T: the reply's address is used.
    let table: &[(&str, [char; 3])] = &[
        // address         FileZilla lftp jlaffaye
        ("10,0,0,1", ['R', 'R', 'R']),
        ("172,16,0,1", ['R', 'R', 'R']),
        ("127,0,0,1", ['R', 'R', 'R']),
        ("127,0,0,2", ['R', 'R', 'R']),
        ("169,254,10,20", ['R', 'R', 'T']),
        ("0,0,0,0", ['R', 'R', 'T']),
        ("224,0,0,1", ['T', 'R', 'R']),
        ("255,255,255,255", ['T', 'R', 'T']),
        ("240,0,0,1", ['T', 'R', 'T']),
        ("100,64,0,1", ['T', 'T', 'T']),
        ("198,51,100,7", ['T', 'T', 'T']),
    ];
    let clients = [Client::FileZilla, Client::Lftp, Client::Jlaffaye];
    let control = Some(ip(V4));
    for (bytes, want) in table {
        let line = format!("227 Entering Passive Mode ({bytes},156,64)");
        for (client, want) in clients.iter().zip(want) {
            let got = match predict(*client, &line, control).outcome {
                Outcome::Connects { note: Note::Replaced, .. } => 'R',
                Outcome::Connects { note: Note::Trusted, .. } => 'T',
                other => panic!("{client:?} {line}: {other:?}"),
            };
            assert_eq!(got, *want, "{client:?} {line}");
        }
    }
    let note = |client, lang| {
        let p = predict(client, "227 Entering Passive Mode (10,0,0,1,156,64)", control);
        describe(lang, &p, control).notes[0].clone()
    };
    let (fz, lftp, go) = (note(Client::FileZilla, Lang::En), note(Client::Lftp, Lang::En), note(Client::Jlaffaye, Lang::En));
    assert!(fz.contains("169.254/16") && fz.contains("a first number of 0") && fz.contains("does not check multicast"), "{fz}");
    assert!(!fz.contains("reserved or multicast)"), "{fz}");
    assert!(lftp.contains("240/4") && lftp.contains("multicast (224/4)") && lftp.contains("ftp:fix-pasv-address"), "{lftp}");
    assert!(go.contains("isBogusDataIP") && go.contains("does not check 0.0.0.0, link-local"), "{go}");
    for client in clients {
        assert_ne!(note(client, Lang::En), note(client, Lang::Vi));
    }
}

/// Audit 3: netfilter compares the reply's address with the server's address
/// as the box sees it (`ct->tuplehash[dir].tuple.src`). The row models a
/// firewall that sees the server at the control address, and says what the
/// NAT box in front of a server announcing its internal address does.
#[test]
fn netfilter_names_the_box_it_models() {
    let control = Some(ip(V4));
    // (reply address, NAT-box note expected)
    let table: &[(&str, bool)] =
        &[("10,0,0,12", true), ("192,168,1,5", true), ("100,64,0,1", true), ("198,51,100,7", false), ("127,0,0,1", false)];
    for &(bytes, nat_box) in table {
        let line = format!("227 Entering Passive Mode ({bytes},156,64).");
        let p = predict(Client::Netfilter, &line, control);
        let Outcome::NoExpectation { reason: Reason::NotServerAddress, ip: reply, server } = p.outcome else {
            panic!("{line}: {:?}", p.outcome)
        };
        assert_eq!(server, ip(V4));
        let en = describe(Lang::En, &p, control);
        assert!(en.main.contains(&format!("{reply} differs from {V4}, the server's address as this firewall sees it")), "{}", en.main);
        assert!(!en.main.contains("not the server's own address"), "{}", en.main);
        let note = en.notes.iter().find(|n| n.contains("NAT box"));
        assert_eq!(note.is_some(), nat_box, "{line}: {:?}", en.notes);
        if let Some(note) = note {
            assert!(note.contains(&format!("sees the server as {reply} itself")), "{note}");
            assert!(note.contains(&format!("nf_nat_ftp rewrites the reply to {V4}")), "{note}");
        }
        let vi = describe(Lang::Vi, &p, control);
        assert!(vi.main.contains("địa chỉ của máy chủ mà tường lửa này nhìn thấy"), "{}", vi.main);
        assert_eq!(vi.notes.len(), en.notes.len());
    }
    // On the server's own address the expectation is created.
    let p = predict(Client::Netfilter, "227 Entering Passive Mode (203,0,113,10,156,64)", control);
    assert!(matches!(p.outcome, Outcome::Expects { .. }), "{:?}", p.outcome);
}

/// Audit 4: the source column keeps files, revisions and option names as
/// data and takes every phrase from the catalog; a branch (no commit or tag)
/// carries the date it was read on.
#[test]
fn sources_are_data_plus_localized_prose() {
    const PROSE: &[&str] = &["default", "fallback", "allowed", "first", "then", "read on", "modelled", "only", "since"];
    for client in Client::ALL {
        let s = client.source();
        for data in [s.files, s.revision, s.settings] {
            for word in PROSE {
                assert!(!data.contains(word), "{client:?}: {data:?} is prose ({word})");
            }
        }
        let commit = s.revision.len() >= 7 && s.revision.bytes().all(|b| b.is_ascii_hexdigit());
        // A release tag (v6.12, v3.13.0) pins the file as a commit does.
        let tag = s.revision.strip_prefix('v').is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        if commit || tag {
            assert!(s.read_on.is_none() && s.url.contains(s.revision), "{client:?}: {s:?}");
        } else {
            let date = s.read_on.unwrap_or_else(|| panic!("{client:?}: branch {} without a date", s.revision));
            assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
        }
        assert!(!["3.x main", "3.x"].contains(&s.revision), "{client:?}");
        let (en, vi) = (source_text(Lang::En, client), source_text(Lang::Vi, client));
        assert!(en.starts_with(s.files) && vi.starts_with(s.files));
        if let Some(date) = s.read_on {
            assert!(en.contains(&format!("as read on {date}")) && vi.contains(&format!("đọc ngày {date}")), "{en} / {vi}");
        }
        if s.note.is_some() {
            assert_ne!(en, vi, "{client:?}");
        }
        for word in PROSE {
            assert!(!vi.contains(word), "{client:?}: English {word:?} on the Vietnamese page: {vi}");
        }
    }
    assert!(source_text(Lang::Vi, Client::Jlaffaye).contains("thử EPSV trước"));
    assert!(source_text(Lang::Vi, Client::CurlDefault).contains("mặc định từ curl 7.74.0"));
}

/// Audit 5: at 61c29fb jlaffaye/ftp's parseEPSV rejects a 229 without its
/// closing delimiter ("invalid EPSV response format") and the client sends
/// PASV; releases before v0.2.1 panic there (commit 0e45063, issue #451).
/// PASV's own `line[start+1 : end]` still panics when ')' comes before '('.
#[test]
fn jlaffaye_epsv_at_the_cited_revision() {
    let control = Some(ip(V4));
    // (line, outcome, caveat)
    let fallback = |reason| Outcome::FallsBack { reason, to: Fallback::Pasv };
    let connects = |port| Outcome::Connects { to: Target::At(pasv_core::SocketTarget { ip: ip(V4), port }), note: Note::Epsv };
    let table: &[(&str, Outcome, Option<Caveat>)] = &[
        ("229 Entering Extended Passive Mode (|||4242)", fallback(Reason::NoMatch), Some(Caveat::JlaffayeOldPanic)),
        ("229 Entering Extended Passive Mode (|||4242|)", connects(4242), None),
        // start+3 == end: an error at 61c29fb, and Atoi("") before: no panic either way.
        ("229 Entering Extended Passive Mode (||||)", fallback(Reason::NoMatch), None),
        ("229 Entering Extended Passive Mode (|||50_000|)", fallback(Reason::BadNumber), None),
        ("229 Entering Extended Passive Mode (!!!9447!).", fallback(Reason::NoMatch), None),
    ];
    for (line, outcome, caveat) in table {
        let p = predict(Client::Jlaffaye, line, control);
        assert_eq!((&p.outcome, &p.caveat), (outcome, caveat), "{line}");
        let notes = describe(Lang::En, &p, control).notes;
        assert_eq!(notes.iter().any(|n| n.contains("before v0.2.1") && n.contains("#451")), caveat.is_some(), "{line}: {notes:?}");
    }
    let p = predict(Client::Jlaffaye, "227 Entering Passive Mode )10,0,0,1,4,5(", control);
    // Message "Entering Passive Mode )10,0,0,1,4,5(": '(' at 35, last ')' at 22.
    assert_eq!(p.outcome, Outcome::Panics { says: "runtime error: slice bounds out of range [36:22]".into() });
    assert_eq!(describe(Lang::En, &p, control).says.as_deref(), Some("runtime error: slice bounds out of range [36:22]"));
}
