//! Table-driven decoder tests, one table per form in the style of httparse:
//! input → expected result, including the text under every span, the field an
//! error names, and a check that every `ErrorKind` variant is reachable.
use std::collections::BTreeSet;
use std::net::IpAddr;

use pasv_core::{
    analyse, decode, decode_all, error_message, field_name, Command, Context, Decoded, ErrorKind, Field, FindingId, Kind, Lang, Severity,
    Span,
};

fn text(input: &str, span: Span) -> &str {
    assert!(span.start <= span.end && span.end <= input.len(), "{input:?}: span {span:?} out of bounds");
    assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end), "{input:?}: span {span:?} splits a character");
    &input[span.start..span.end]
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn lint_ids(d: &Decoded) -> BTreeSet<&'static str> {
    d.lints.iter().map(|f| f.id.as_str()).collect()
}

/// A line that decodes.
struct Ok {
    input: &'static str,
    kind: Kind,
    code: Option<u16>,
    ip: Option<&'static str>,
    port: u16,
    port_bytes: Option<[u8; 2]>,
    /// Text under each address field span.
    address: &'static [&'static str],
    /// Text under each port field span.
    ports: &'static [&'static str],
    /// Exact set of decode lints.
    lints: &'static [&'static str],
}

fn check_ok(table: &[Ok]) {
    for case in table {
        let d = decode(case.input);
        let at = case.input;
        assert!(d.is_ok(), "{at:?}: {:?}", d.error);
        assert_eq!((d.kind, d.code), (case.kind, case.code), "{at:?}");
        assert_eq!(d.ip, case.ip.map(ip), "{at:?}");
        assert_eq!(d.port, Some(case.port), "{at:?}");
        assert_eq!(d.port_bytes, case.port_bytes, "{at:?}");
        let address: Vec<&str> = d.address_fields.iter().map(|s| text(at, *s)).collect();
        let ports: Vec<&str> = d.port_fields.iter().map(|s| text(at, *s)).collect();
        assert_eq!(address, case.address, "{at:?}: address fields");
        assert_eq!(ports, case.ports, "{at:?}: port fields");
        assert_eq!(lint_ids(&d), case.lints.iter().copied().collect(), "{at:?}: lints");
        for f in &d.lints {
            if let Some(s) = f.span {
                text(at, s);
            }
        }
        // The whole item is the input minus line endings and indentation.
        assert_eq!(text(at, d.span), at.trim(), "{at:?}: item span");
    }
}

#[test]
fn pasv_227() {
    check_ok(&[
        Ok {
            input: "227 Entering Passive Mode (10,0,0,12,156,64)",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "227 Entering Passive Mode (10,0,0,12,156,64).",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            // RFC 959 §4.2.2 lists the 227 reply with this final period.
            lints: &[],
        },
        Ok {
            input: "227 Entering Passive Mode (10,0,0,12,156,64).!",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &["trailing-text"],
        },
        Ok {
            input: "227 =10,0,0,12,156,64",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &["equals-form"],
        },
        Ok {
            input: "227 Entering Passive Mode 255,255,255,254,255,255",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("255.255.255.254"),
            port: 65535,
            port_bytes: Some([255, 255]),
            address: &["255", "255", "255", "254"],
            ports: &["255", "255"],
            lints: &["missing-parentheses"],
        },
        Ok {
            input: "227 Entering Passive Mode (0,0,0,0,0,1)",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("0.0.0.0"),
            port: 1,
            port_bytes: Some([0, 1]),
            address: &["0", "0", "0", "0"],
            ports: &["0", "1"],
            lints: &[],
        },
        Ok {
            input: "227 Entering Passive Mode (10, 0, 0, 012, 156, 064)",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "012"],
            ports: &["156", "064"],
            lints: &["leading-zeros", "spaces-in-list"],
        },
        Ok {
            input: "227-Entering Passive Mode (10,0,0,12,156,64)\r\n227 OK",
            kind: Kind::Pasv,
            code: Some(227),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &["address-not-on-final-line"],
        },
    ]);
}

#[test]
fn port_command() {
    check_ok(&[
        Ok {
            input: "PORT 10,0,0,12,156,64",
            kind: Kind::Port,
            code: None,
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "port   10,0,0,12,156,64",
            kind: Kind::Port,
            code: None,
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "PORT 10,0,0,12,0,21",
            kind: Kind::Port,
            code: None,
            ip: Some("10.0.0.12"),
            port: 21,
            port_bytes: Some([0, 21]),
            address: &["10", "0", "0", "12"],
            ports: &["0", "21"],
            lints: &[],
        },
    ]);
}

#[test]
fn lpsv_228_and_lprt() {
    check_ok(&[
        Ok {
            input: "228 Entering Long Passive Mode (4,4,10,0,0,12,2,156,64)",
            kind: Kind::Lpsv,
            code: Some(228),
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "228 Entering Long Passive Mode (6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,156,64)",
            kind: Kind::Lpsv,
            code: Some(228),
            ip: Some("2001:db8::1"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["32", "1", "13", "184", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "LPRT 4,4,10,0,0,12,2,156,64",
            kind: Kind::Lprt,
            code: None,
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: Some([156, 64]),
            address: &["10", "0", "0", "12"],
            ports: &["156", "64"],
            lints: &[],
        },
        Ok {
            input: "LPRT 6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,0,1",
            kind: Kind::Lprt,
            code: None,
            ip: Some("2001:db8::1"),
            port: 1,
            port_bytes: Some([0, 1]),
            address: &["32", "1", "13", "184", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"],
            ports: &["0", "1"],
            lints: &[],
        },
    ]);
}

#[test]
fn epsv_229() {
    check_ok(&[
        Ok {
            input: "229 Entering Extended Passive Mode (|||40000|)",
            kind: Kind::Epsv,
            code: Some(229),
            ip: None,
            port: 40000,
            port_bytes: None,
            address: &[],
            ports: &["40000"],
            lints: &[],
        },
        // A parenthesis of the text's own comes first: the group that decodes wins.
        Ok {
            input: "229 Entering Extended Passive Mode (EPSV) (|||5000|)",
            kind: Kind::Epsv,
            code: Some(229),
            ip: None,
            port: 5000,
            port_bytes: None,
            address: &[],
            ports: &["5000"],
            lints: &[],
        },
        Ok {
            input: "229 Entering Extended Passive Mode (!!!9447!).",
            kind: Kind::Epsv,
            code: Some(229),
            ip: None,
            port: 9447,
            port_bytes: None,
            address: &[],
            ports: &["9447"],
            lints: &["trailing-text", "unusual-delimiter"],
        },
        Ok {
            input: "229 Entering Extended Passive Mode |||65535|",
            kind: Kind::Epsv,
            code: Some(229),
            ip: None,
            port: 65535,
            port_bytes: None,
            address: &[],
            ports: &["65535"],
            lints: &["epsv-missing-parentheses"],
        },
        Ok {
            input: "229 Entering Extended Passive Mode (|2|2001:db8::1|1|)",
            kind: Kind::Epsv,
            code: Some(229),
            ip: None,
            port: 1,
            port_bytes: None,
            address: &[],
            ports: &["1"],
            lints: &["epsv-nonblank-fields"],
        },
    ]);
}

#[test]
fn eprt_command() {
    check_ok(&[
        Ok {
            input: "EPRT |1|132.235.1.2|6275|",
            kind: Kind::Eprt,
            code: None,
            ip: Some("132.235.1.2"),
            port: 6275,
            port_bytes: None,
            address: &["132.235.1.2"],
            ports: &["6275"],
            lints: &[],
        },
        Ok {
            input: "EPRT |2|1080::8:800:200C:417A|5282|",
            kind: Kind::Eprt,
            code: None,
            ip: Some("1080::8:800:200c:417a"),
            port: 5282,
            port_bytes: None,
            address: &["1080::8:800:200C:417A"],
            ports: &["5282"],
            lints: &[],
        },
        Ok {
            input: "EPRT !1!10.0.0.12!40000! extra",
            kind: Kind::Eprt,
            code: None,
            ip: Some("10.0.0.12"),
            port: 40000,
            port_bytes: None,
            address: &["10.0.0.12"],
            ports: &["40000"],
            lints: &["trailing-text", "unusual-delimiter"],
        },
    ]);
}

/// A line that fails: the exact error (with its field), the text under its
/// span, and a token naming the failed component that every language's
/// message must contain (`""` when the name is translated entirely).
struct Bad {
    input: &'static str,
    kind: Kind,
    error: ErrorKind,
    span: &'static str,
    names: &'static str,
}

const fn bad(input: &'static str, kind: Kind, error: ErrorKind, span: &'static str, names: &'static str) -> Bad {
    Bad { input, kind, error, span, names }
}

use ErrorKind as E;
use Field as F;

const ERRORS: &[Bad] = &[
    // Any line
    bad("", Kind::Other, E::Empty, "", ""),
    bad(" \r\n ", Kind::Other, E::Empty, " \r\n ", ""),
    bad("hello world", Kind::Other, E::NotFtp, "hello world", "hello world"),
    bad("250 Directory successfully changed.", Kind::Other, E::NotPassiveReply { code: 250 }, "250", "250"),
    bad("150-Opening\r\n150 data connection", Kind::Other, E::NotPassiveReply { code: 150 }, "150", "150"),
    bad("PASV", Kind::Other, E::ReplyMissing { command: pasv_core::Command::Pasv }, "PASV", "PASV"),
    // 227 / PORT
    bad("227 Logout.", Kind::Pasv, E::NoAddress, "Logout.", ""),
    bad("227", Kind::Pasv, E::NoAddress, "227", ""),
    bad("PORT", Kind::Port, E::NoAddress, "", ""),
    bad("227 (1,2,3,4,5)", Kind::Pasv, E::WrongCount { found: 5, expected: 6 }, "1,2,3,4,5", "5"),
    // A dotted address instead of six numbers: the message gives the comma form.
    bad("227 Entering Passive Mode (10.0.0.12,156,64)", Kind::Pasv, E::DottedAddress, "10.0.0.12,156,64", "10,0,0,12,156,64"),
    bad("227 Entering Passive Mode (10.0.0.12:40000).", Kind::Pasv, E::DottedAddress, "10.0.0.12:40000", "10,0,0,12,156,64"),
    bad("227 Entering Passive Mode 10.0.0.12", Kind::Pasv, E::DottedAddress, "10.0.0.12", "10,0,0,12,p1,p2"),
    bad("227 Entering Passive Mode (10.0.0.12:0)", Kind::Pasv, E::DottedAddress, "10.0.0.12:0", "10,0,0,12,p1,p2"),
    bad("PORT 192.0.2.7,4,5", Kind::Port, E::DottedAddress, "192.0.2.7,4,5", "192,0,2,7,4,5"),
    // Not a dotted quad: five parts, or four-digit parts.
    bad("227 Version 1.2.3.4.5 ready", Kind::Pasv, E::NoAddress, "Version 1.2.3.4.5 ready", ""),
    bad("227 Build 1000.2.3.4", Kind::Pasv, E::NoAddress, "Build 1000.2.3.4", ""),
    bad("PORT 1,2,3,4,5,6,7", Kind::Port, E::WrongCount { found: 7, expected: 6 }, "1,2,3,4,5,6,7", "7"),
    bad("227 (**,2,3,4,5,6)", Kind::Pasv, E::NotANumber { field: F::AddressByte(1) }, "**", "h1"),
    bad("PORT 192,168,x,x,157,6", Kind::Port, E::NotANumber { field: F::AddressByte(3) }, "x", "h3"),
    bad("227 (1,2,3,4,+5,6)", Kind::Pasv, E::NotANumber { field: F::PortHigh }, "+5", "p1"),
    bad("227 (1,2,3,4,5,x)", Kind::Pasv, E::NotANumber { field: F::PortLow }, "x", "p2"),
    bad("227 (1,2,3,-4,5,6)", Kind::Pasv, E::Negative { field: F::AddressByte(4) }, "-4", "h4"),
    bad("227 (1,2,3,4,5,-6)", Kind::Pasv, E::Negative { field: F::PortLow }, "-6", "p2"),
    bad("227 (1216,256,2,127,127,127)", Kind::Pasv, E::TooLarge { field: F::AddressByte(1), max: 255 }, "1216", "h1"),
    bad("227 (192,168,1,2,300,5)", Kind::Pasv, E::TooLarge { field: F::PortHigh, max: 255 }, "300", "p1"),
    bad("PORT 1,2,3,4,5,256", Kind::Port, E::TooLarge { field: F::PortLow, max: 255 }, "256", "p2"),
    bad(
        "227 (1,2,99999999999999999999999,4,5,6)",
        Kind::Pasv,
        E::TooLarge { field: F::AddressByte(3), max: 255 },
        "99999999999999999999999",
        "h3",
    ),
    bad("227 (192,168,1,2,0,0)", Kind::Pasv, E::PortZero, "0,0", ""),
    // 229 / EPRT
    bad("229", Kind::Epsv, E::NoAddress, "229", ""),
    bad("229 Entering Extended Passive Mode (", Kind::Epsv, E::NoAddress, "(", ""),
    bad("EPRT", Kind::Eprt, E::NoAddress, "", ""),
    bad("229 (|||0|)", Kind::Epsv, E::PortZero, "0", ""),
    bad("EPRT |1|10.0.0.1|00000|", Kind::Eprt, E::PortZero, "00000", ""),
    bad("229 (1||40000|)", Kind::Epsv, E::BadDelimiter, "1", "1"),
    bad("229 (\u{e9}||40000|)", Kind::Epsv, E::BadDelimiter, "\u{e9}", "\u{e9}"),
    bad("EPRT  1|10.0.0.1|40000|", Kind::Eprt, E::BadDelimiter, "1", "1"),
    bad("229 (|||4242)", Kind::Epsv, E::MissingClosingDelimiter, ")", ""),
    bad("229 (|||4242", Kind::Epsv, E::MissingClosingDelimiter, "", ""),
    bad("229 (||4242|)", Kind::Epsv, E::MissingClosingDelimiter, ")", ""),
    bad("EPRT |1|10.0.0.1|40000", Kind::Eprt, E::MissingClosingDelimiter, "0", ""),
    bad("229 (||||)", Kind::Epsv, E::EmptyPort, "|", ""),
    bad("EPRT |1|10.0.0.1||", Kind::Eprt, E::EmptyPort, "|", ""),
    bad("229 (||| 50000|)", Kind::Epsv, E::PortNotDigits, " ", ""),
    bad("229 (|||50_000|)", Kind::Epsv, E::PortNotDigits, "_", "_"),
    bad("229 (|||+5|)", Kind::Epsv, E::PortNotDigits, "+", "+"),
    bad("229 (|||\u{665}\u{660}|)", Kind::Epsv, E::PortNotDigits, "\u{665}", "\u{665}"),
    bad("EPRT |1|10.0.0.1|4x|", Kind::Eprt, E::PortNotDigits, "x", "x"),
    bad("229 (|||65536|)", Kind::Epsv, E::TooLarge { field: F::Port, max: 65535 }, "65536", "65535"),
    bad("EPRT |2|::1|1000000|", Kind::Eprt, E::TooLarge { field: F::Port, max: 65535 }, "1000000", "65535"),
    bad("EPRT |3|10.0.0.1|40000|", Kind::Eprt, E::UnknownFamily, "3", "3"),
    bad("EPRT ||10.0.0.1|40000|", Kind::Eprt, E::UnknownFamily, "", ""),
    bad("EPRT |1|2001:db8::1|40000|", Kind::Eprt, E::FamilyAddressMismatch, "2001:db8::1", "2001:db8::1"),
    bad("EPRT |2|10.0.0.1|40000|", Kind::Eprt, E::FamilyAddressMismatch, "10.0.0.1", "10.0.0.1"),
    bad("EPRT |1|10.0.0.256|40000|", Kind::Eprt, E::BadAddress, "10.0.0.256", "10.0.0.256"),
    bad("EPRT |2|host.example|40000|", Kind::Eprt, E::BadAddress, "host.example", "host.example"),
    // 228 / LPRT
    bad("228 Entering Long Passive Mode", Kind::Lpsv, E::NoAddress, "Entering Long Passive Mode", ""),
    bad("228 (4,4,1,2,3,4,2,5)", Kind::Lpsv, E::WrongCount { found: 8, expected: 9 }, "4,4,1,2,3,4,2,5", "9"),
    bad("LPRT 6,4,1,2,3,4,2,5,6", Kind::Lprt, E::WrongCount { found: 9, expected: 21 }, "6,4,1,2,3,4,2,5,6", "21"),
    bad("228 (7,4,1,2,3,4,2,5,6)", Kind::Lpsv, E::LongUnknownFamily { af: 7 }, "7", "7"),
    bad("228 (x,4,1,2,3,4,2,5,6)", Kind::Lpsv, E::NotANumber { field: F::Family }, "x", "af"),
    bad("228 (-4,4,1,2,3,4,2,5,6)", Kind::Lpsv, E::Negative { field: F::Family }, "-4", "af"),
    bad("228 (4,-4,1,2,3,4,2,5,6)", Kind::Lpsv, E::Negative { field: F::AddressLength }, "-4", "hal"),
    bad("228 (4,4,1,2,999,4,2,5,6)", Kind::Lpsv, E::TooLarge { field: F::ListItem(5), max: 255 }, "999", "5"),
    bad("228 (4,4,1,2,3,4,-2,5,6)", Kind::Lpsv, E::Negative { field: F::PortLength }, "-2", "pal"),
    bad("LPRT 4,4,1,2,3,4,2,256,6", Kind::Lprt, E::TooLarge { field: F::PortHigh, max: 255 }, "256", "p1"),
    bad("LPRT 4,4,1,2,3,4,2,5,x", Kind::Lprt, E::NotANumber { field: F::PortLow }, "x", "p2"),
    bad("228 (4,16,1,2,3,4,2,5,6)", Kind::Lpsv, E::LongBadLength { field: F::AddressLength, expected: 4 }, "16", "hal"),
    bad(
        "228 (6,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,2,5,6)",
        Kind::Lpsv,
        E::LongBadLength { field: F::AddressLength, expected: 16 },
        "4",
        "hal",
    ),
    bad("LPRT 4,4,1,2,3,4,1,5,6", Kind::Lprt, E::LongBadLength { field: F::PortLength, expected: 2 }, "1", "pal"),
    bad("228 (4,4,1,2,3,4,2,0,0)", Kind::Lpsv, E::PortZero, "0,0", ""),
];

#[test]
fn errors() {
    let mut failures = Vec::new();
    for case in ERRORS {
        let d = decode(case.input);
        let Some(e) = d.error else {
            failures.push(format!("{:?}: decoded, expected {:?}", case.input, case.error));
            continue;
        };
        let got = (d.kind, e.kind, text(case.input, e.span));
        if got != (case.kind, case.error, case.span) {
            failures.push(format!("{:?}: expected {:?}, got {got:?}", case.input, (case.kind, case.error, case.span)));
        }
        assert!(d.ip.is_none() && d.port.is_none() && d.port_bytes.is_none(), "{:?}: a failed decode carries no address", case.input);
        for &lang in Lang::ALL {
            let message = error_message(lang, d.kind, &e, case.input);
            if !message.contains(case.names) {
                failures.push(format!("{:?} {lang:?}: message does not name {:?}: {message}", case.input, case.names));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The English message names the failed component in words.
#[test]
fn error_messages_name_the_field() {
    let table: &[(&str, &str)] = &[
        ("227 (1,2,x,4,5,6)", "address byte h3"),
        ("227 (1,2,3,4,300,5)", "high port byte p1"),
        ("227 (1,2,3,4,5,-1)", "low port byte p2"),
        ("229 (|||70000|)", "The port is 70000"),
        ("228 (x,4,1,2,3,4,2,5,6)", "address family (af)"),
        ("228 (4,16,1,2,3,4,2,5,6)", "address length (hal) must be 4"),
        ("LPRT 4,4,1,2,3,4,3,5,6", "port length (pal) must be 2"),
        ("228 (4,4,1,2,999,4,2,5,6)", "number 5 is 999"),
    ];
    for (input, want) in table {
        let d = decode(input);
        let message = error_message(Lang::En, d.kind, &d.error.unwrap(), input);
        assert!(message.contains(want), "{input:?}: {message:?} lacks {want:?}");
        assert!(message.starts_with(|c: char| c.is_uppercase()), "{input:?}: {message:?} starts a sentence in lower case");
    }
    for field in
        [F::AddressByte(2), F::PortHigh, F::PortLow, F::Port, F::Family, F::AddressLength, F::PortLength, F::NetworkAddress, F::ListItem(9)]
    {
        for &lang in Lang::ALL {
            let name = field_name(lang, field);
            assert!(!name.is_empty() && !name.contains('{'), "{lang:?} {field:?}: {name:?}");
        }
    }
}

/// Every error id, in declaration order. `variant_id` has no wildcard arm, so
/// a new `ErrorKind` variant does not compile until it is listed here and
/// reached by an input in `ERRORS`.
const ALL_ERROR_IDS: [&str; 20] = [
    "empty",
    "not-ftp",
    "not-passive-reply",
    "reply-missing",
    "no-address",
    "dotted-address",
    "wrong-count",
    "not-a-number",
    "negative",
    "too-large",
    "port-zero",
    "bad-delimiter",
    "missing-closing-delimiter",
    "empty-port",
    "port-not-digits",
    "unknown-family",
    "family-address-mismatch",
    "bad-address",
    "long-unknown-family",
    "long-bad-length",
];

fn variant_id(kind: ErrorKind) -> &'static str {
    match kind {
        E::Empty => ALL_ERROR_IDS[0],
        E::NotFtp => ALL_ERROR_IDS[1],
        E::NotPassiveReply { .. } => ALL_ERROR_IDS[2],
        E::ReplyMissing { .. } => ALL_ERROR_IDS[3],
        E::NoAddress => ALL_ERROR_IDS[4],
        E::DottedAddress => ALL_ERROR_IDS[5],
        E::WrongCount { .. } => ALL_ERROR_IDS[6],
        E::NotANumber { .. } => ALL_ERROR_IDS[7],
        E::Negative { .. } => ALL_ERROR_IDS[8],
        E::TooLarge { .. } => ALL_ERROR_IDS[9],
        E::PortZero => ALL_ERROR_IDS[10],
        E::BadDelimiter => ALL_ERROR_IDS[11],
        E::MissingClosingDelimiter => ALL_ERROR_IDS[12],
        E::EmptyPort => ALL_ERROR_IDS[13],
        E::PortNotDigits => ALL_ERROR_IDS[14],
        E::UnknownFamily => ALL_ERROR_IDS[15],
        E::FamilyAddressMismatch => ALL_ERROR_IDS[16],
        E::BadAddress => ALL_ERROR_IDS[17],
        E::LongUnknownFamily { .. } => ALL_ERROR_IDS[18],
        E::LongBadLength { .. } => ALL_ERROR_IDS[19],
    }
}

#[test]
fn every_error_kind_is_reachable() {
    let mut covered = BTreeSet::new();
    for case in ERRORS {
        let kind = decode(case.input).error.unwrap_or_else(|| panic!("{:?} decoded", case.input)).kind;
        assert_eq!(variant_id(kind), kind.as_str(), "{:?}: as_str disagrees with the variant", case.input);
        covered.insert(kind.as_str());
    }
    let all: BTreeSet<&str> = ALL_ERROR_IDS.into_iter().collect();
    assert_eq!(all.len(), ALL_ERROR_IDS.len(), "duplicate ids");
    assert_eq!(covered, all, "error ids not reached by any input: {:?}", all.difference(&covered).collect::<Vec<_>>());
}

/// Lint and analysis findings: the text under each span.
#[test]
fn finding_spans() {
    let v6: IpAddr = "2001:db8::10".parse().unwrap();
    let table: &[(&str, Context, FindingId, &str)] = &[
        ("227 Entering Passive Mode (10,0,0,12,156,64)..", Context::default(), FindingId::TrailingText, ".."),
        ("227 Entering Passive Mode (10,0,0,12,156,64) thanks", Context::default(), FindingId::TrailingText, " thanks"),
        ("227 =10,0,0,12,156,64", Context::default(), FindingId::EqualsForm, "=10,0,0,12,156,64"),
        ("227 Entering Passive Mode 10,0,0,12,156,64", Context::default(), FindingId::MissingParentheses, "10,0,0,12,156,64"),
        ("227 Entering Passive Mode (10,0,0,12,156,64", Context::default(), FindingId::MissingParentheses, "10,0,0,12,156,64"),
        ("227 Entering Passive Mode (10, 0, 0, 12, 156, 64)", Context::default(), FindingId::SpacesInList, ", 0, 0, 12, 156, "),
        ("227 Entering Passive Mode (10,0,0,12 ,156,64)", Context::default(), FindingId::SpacesInList, " ,"),
        ("227 Entering Passive Mode (10,0,0,012,156,064)", Context::default(), FindingId::LeadingZeros, "012,156,064"),
        ("227 Entering Passive Mode (010,0,0,12,156,64)", Context::default(), FindingId::LeadingZeros, "010"),
        ("227 entering passive mode (10,0,0,12,156,64)", Context::default(), FindingId::LowercaseText, "passive mode"),
        ("227 Entering PASSIVE MODE (10,0,0,12,156,64)", Context::default(), FindingId::LowercaseText, "PASSIVE MODE"),
        ("227 Entering Passive Mode (10,0,0,12,156,64)\r", Context::default(), FindingId::StrayCarriageReturn, "\r"),
        (
            "227-Entering Passive Mode (10,0,0,12,156,64)\r\n227 OK",
            Context::default(),
            FindingId::AddressNotOnFinalLine,
            "227-Entering Passive Mode (10,0,0,12,156,64)",
        ),
        ("229 Entering Extended Passive Mode (|1|10.0.0.12|40000|)", Context::default(), FindingId::EpsvNonBlankFields, "1|10.0.0.12"),
        ("229 Entering Extended Passive Mode |||40000|", Context::default(), FindingId::EpsvMissingParentheses, "|||40000|"),
        ("229 Entering Extended Passive Mode (!!!40000!)", Context::default(), FindingId::UnusualDelimiter, "!"),
        ("229 Entering Extended Passive Mode (|||40000|).", Context::default(), FindingId::TrailingText, "."),
        ("EPRT #1#10.0.0.12#40000#", Context::default(), FindingId::UnusualDelimiter, "#"),
        ("522 Protocol not supported, use (1,2)", Context::default(), FindingId::NetworkProtocolNotSupported, "(1,2)"),
        ("EPSV\r\n227 Entering Passive Mode (10,0,0,12,156,64)", Context::default(), FindingId::ReplyCommandMismatch, "227"),
        (
            "229 Entering Extended Passive Mode (|||40000|)",
            Context { control_ip: None, sent: Some(Command::Pasv) },
            FindingId::ReplyCommandMismatch,
            "229",
        ),
        ("227 Entering Passive Mode (10,0,0,12,156,64)", Context { control_ip: Some(v6), sent: None }, FindingId::FamilyMismatch, "<none>"),
    ];
    for (input, context, id, want) in table {
        let explained = analyse(&decode(input), context);
        let found: Vec<_> = explained.findings.iter().filter(|f| f.id == *id).collect();
        assert_eq!(found.len(), 1, "{input:?}: {id:?} found {} times in {:?}", found.len(), explained.findings);
        let got = found[0].span.map_or("<none>", |s| text(input, s));
        assert_eq!(got, *want, "{input:?}: span of {id:?}");
    }
}

/// Severity and data that the messages rely on.
#[test]
fn finding_data_and_severity() {
    let public: IpAddr = "203.0.113.10".parse().unwrap();
    let at = |input: &str, control: Option<IpAddr>, id: FindingId| {
        let e = analyse(&decode(input), &Context { control_ip: control, sent: None });
        *e.findings.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("{input:?}: no {id:?} in {:?}", e.findings))
    };
    // The octal misreading is attached only when it differs from the decimal one.
    let octal = at("227 Entering Passive Mode (010,000,000,001,4,5)", None, FindingId::LeadingZeros);
    assert_eq!(octal.data.address, Some(ip("8.0.0.1")));
    let same = at("227 Entering Passive Mode (192,168,001,002,004,005)", None, FindingId::LeadingZeros);
    assert_eq!(same.data.address, None);
    // inet_aton rejects 08/09: no misreading to show.
    let rejected = at("227 Entering Passive Mode (10,0,0,09,4,5)", None, FindingId::LeadingZeros);
    assert_eq!(rejected.data.address, None);
    // NAT: danger with a known public control peer, warning when unknown.
    let nat = "227 Entering Passive Mode (10,0,0,1,156,64)";
    assert_eq!(at(nat, Some(public), FindingId::NatUnroutableAddress).severity, Severity::Danger);
    assert_eq!(at(nat, None, FindingId::NatUnroutableAddress).severity, Severity::Warning);
    let active = "PORT 10,0,0,1,156,64";
    assert_eq!(at(active, Some(public), FindingId::NatUnroutableAddress).severity, Severity::Danger);
    assert_eq!(at(active, None, FindingId::NatUnroutableAddress).severity, Severity::Warning);
    // Findings are sorted most severe first.
    let e =
        analyse(&decode("227 Entering Passive Mode (10,0,0,1,0,21)."), &Context { control_ip: Some(public), sent: Some(Command::Epsv) });
    let severities: Vec<Severity> = e.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(severities, sorted);
    // Default severities match the catalogue of ids.
    for id in FindingId::ALL {
        assert!(!id.citation().label.is_empty() && id.citation().url.starts_with("https://"), "{id:?}");
    }
}

/// `decode_all`: which items a stream yields and which command each answers.
#[test]
fn streams() {
    type Item = (Kind, Option<u16>, Option<Command>, bool);
    let table: &[(&str, &[Item])] = &[
        ("", &[]),
        ("USER anonymous\r\n", &[]),
        // A lone unrelated reply is kept, so that it gets its error.
        ("USER anonymous\r\n331 Password required\r\n", &[(Kind::Other, Some(331), None, false)]),
        (
            "EPSV\r\n500 Unknown command\r\nPASV\r\n227 =10,0,0,1,4,5\r\n",
            &[(Kind::Other, Some(500), Some(Command::Epsv), true), (Kind::Pasv, Some(227), Some(Command::Pasv), true)],
        ),
        (
            "220 Welcome\r\nPASV\r\n227 Entering Passive Mode (10,0,0,1,4,5)\r\n150 Here comes the listing\r\n226 Done\r\n",
            &[(Kind::Pasv, Some(227), Some(Command::Pasv), true)],
        ),
        (
            "PASV\r\n250 Directory successfully changed.\r\nLIST\r\n227 Entering Passive Mode (92,53,68,202,39,116)\r\n",
            &[(Kind::Other, Some(250), Some(Command::Pasv), false), (Kind::Pasv, Some(227), None, true)],
        ),
        (
            "PORT 10,0,0,1,4,5\r\n200 PORT command successful\r\nEPRT |1|10.0.0.1|1029|\r\n",
            &[(Kind::Port, None, None, true), (Kind::Eprt, None, None, true)],
        ),
        (
            "227-First line\r\n 227 inner line that is not the end\r\n227 Entering Passive Mode (10,0,0,1,4,5)\r\nLPSV\r\n228 (4,4,10,0,0,1,2,4,5)",
            &[(Kind::Pasv, Some(227), None, true), (Kind::Lpsv, Some(228), Some(Command::Lpsv), true)],
        ),
        ("garbage\r\n229 Entering Extended Passive Mode (|||6446|)\r\n", &[(Kind::Epsv, Some(229), None, true)]),
    ];
    for (input, want) in table {
        let all = decode_all(input);
        let got: Vec<Item> = all.iter().map(|d| (d.kind, d.code, d.after, d.is_ok())).collect();
        assert_eq!(&got, want, "{input:?}");
        for d in &all {
            assert!(d.span.end <= input.len() && input.is_char_boundary(d.span.start) && input.is_char_boundary(d.span.end), "{input:?}");
        }
    }
}

#[test]
fn commands_and_kinds() {
    for (word, want) in
        [("PASV", Some(Command::Pasv)), ("epsv", Some(Command::Epsv)), (" Lpsv ", Some(Command::Lpsv)), ("PORTS", None), ("", None)]
    {
        assert_eq!(Command::parse(word), want, "{word:?}");
    }
    for cmd in Command::ALL {
        assert_eq!(Command::parse(cmd.as_str()), Some(cmd));
    }
    assert_eq!(Command::Pasv.expected_reply(), Some(Kind::Pasv));
    assert_eq!(Command::Epsv.expected_reply(), Some(Kind::Epsv));
    assert_eq!(Command::Lpsv.expected_reply(), Some(Kind::Lpsv));
    assert_eq!(Command::Port.expected_reply(), None);
    use pasv_core::Family::{Ipv4, Ipv6};
    let table = [
        (Kind::Pasv, true, false),
        (Kind::Port, true, false),
        (Kind::Epsv, true, true),
        (Kind::Eprt, true, true),
        (Kind::Lpsv, true, true),
        (Kind::Lprt, true, true),
        (Kind::Other, false, false),
    ];
    for (kind, v4, v6) in table {
        assert_eq!((kind.supports(Ipv4), kind.supports(Ipv6)), (v4, v6), "{kind:?}");
    }
}
