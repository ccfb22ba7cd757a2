//! Property tests: `encode` → `decode` round trips for every form, robustness
//! of `decode_all`/`report_all` on arbitrary text and bytes (no panic, every
//! span in bounds and on char boundaries), and decode → encode → decode.
mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use pasv_core::{analyse, decode, decode_all, encode, report_all, Command, Context, Decoded, Kind, Lang, SocketTarget, Span};
use proptest::prelude::*;

fn ipv4() -> impl Strategy<Value = IpAddr> {
    any::<[u8; 4]>().prop_map(|b| IpAddr::V4(Ipv4Addr::from(b)))
}

fn ipv6() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<[u8; 16]>().prop_map(|b| IpAddr::V6(Ipv6Addr::from(b))),
        // Shapes with long zero runs and embedded IPv4 print differently.
        (any::<u16>(), any::<u16>()).prop_map(|(a, b)| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, a, b))),
        any::<[u8; 4]>().prop_map(|b| IpAddr::V6(Ipv4Addr::from(b).to_ipv6_mapped())),
        Just(IpAddr::V6(Ipv6Addr::UNSPECIFIED)),
        Just(IpAddr::V6(Ipv6Addr::LOCALHOST)),
    ]
}

fn any_ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![ipv4(), ipv6()]
}

fn port() -> impl Strategy<Value = u16> {
    1..=65535u16
}

fn context() -> impl Strategy<Value = Context> {
    let sent = prop_oneof![Just(None), proptest::sample::select(Command::ALL.to_vec()).prop_map(Some)];
    (proptest::option::of(any_ip()), sent).prop_map(|(control_ip, sent)| Context { control_ip, sent })
}

/// Decode `line` and check it is one clean item of `kind` carrying `ip`/`port`.
fn round_trip(line: &str, kind: Kind, ip: Option<IpAddr>, port: u16) -> Result<Decoded, TestCaseError> {
    let all = decode_all(line);
    prop_assert_eq!(all.len(), 1, "{:?}", line);
    let d = all.into_iter().next().unwrap();
    prop_assert!(d.is_ok(), "{:?}: {:?}", line, d.error);
    prop_assert_eq!(d.kind, kind, "{:?}", line);
    prop_assert_eq!(d.ip, ip, "{:?}", line);
    prop_assert_eq!(d.port, Some(port), "{:?}", line);
    let [p1, p2] = port.to_be_bytes();
    if matches!(kind, Kind::Pasv | Kind::Port | Kind::Lpsv | Kind::Lprt) {
        prop_assert_eq!(d.port_bytes, Some([p1, p2]), "{:?}", line);
    }
    // What we encode passes our own linter.
    prop_assert!(d.lints.is_empty(), "{:?}: lints {:?}", line, d.lints);
    prop_assert!(decoded_span_problems(line, &d).is_empty(), "{:?}: {:?}", line, decoded_span_problems(line, &d));
    Ok(d)
}

// 256 cases each by default; set PROPTEST_CASES for a longer run.
proptest! {
    #[test]
    fn pasv_and_port_round_trip(ip in ipv4(), port in port()) {
        let e = encode(SocketTarget { ip, port });
        round_trip(e.pasv.as_deref().unwrap(), Kind::Pasv, Some(ip), port)?;
        round_trip(e.port.as_deref().unwrap(), Kind::Port, Some(ip), port)?;
        prop_assert_eq!(e.port_bytes, port.to_be_bytes());
    }

    #[test]
    fn ipv6_has_no_pasv_or_port(ip in ipv6(), port in port()) {
        let e = encode(SocketTarget { ip, port });
        prop_assert!(e.pasv.is_none() && e.port.is_none());
    }

    #[test]
    fn long_forms_round_trip(ip in any_ip(), port in port()) {
        let e = encode(SocketTarget { ip, port });
        round_trip(&e.lpsv, Kind::Lpsv, Some(ip), port)?;
        round_trip(&e.lprt, Kind::Lprt, Some(ip), port)?;
    }

    #[test]
    fn eprt_round_trips(ip in any_ip(), port in port()) {
        let e = encode(SocketTarget { ip, port });
        round_trip(&e.eprt, Kind::Eprt, Some(ip), port)?;
    }

    /// 229 carries only the port: with the control IP, the client connects to the target.
    #[test]
    fn epsv_round_trips_via_the_control_ip(ip in any_ip(), port in port()) {
        let e = encode(SocketTarget { ip, port });
        let d = round_trip(&e.epsv, Kind::Epsv, None, port)?;
        let explained = analyse(&d, &Context { control_ip: Some(ip), sent: Some(Command::Epsv) });
        prop_assert_eq!(explained.connect_to, Some(SocketTarget { ip, port }));
        prop_assert_eq!(explained.ip, Some(ip));
    }

    /// The active forms make the server connect exactly where the command says.
    #[test]
    fn active_forms_connect_to_the_announced_target(ip in any_ip(), port in port(), control in proptest::option::of(any_ip())) {
        let e = encode(SocketTarget { ip, port });
        for line in [Some(e.eprt.clone()), Some(e.lprt.clone()), e.port.clone()].into_iter().flatten() {
            let explained = analyse(&decode(&line), &Context { control_ip: control, sent: None });
            prop_assert_eq!(explained.connect_to, Some(SocketTarget { ip, port }), "{:?}", line);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>(), ctx in context()) {
        check_everything(&input, &ctx)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300), ctx in context()) {
        let input = String::from_utf8_lossy(&bytes).into_owned();
        check_everything(&input, &ctx)?;
    }

    /// Random text is mostly rejected early; this builds lines from FTP
    /// pieces so that the deep paths (lists, delimiters, multi-line replies,
    /// multi-byte characters next to fields) run too.
    #[test]
    fn ftp_like_text_never_panics(input in ftp_like(), ctx in context()) {
        check_everything(&input, &ctx)?;
    }

    /// Anything that decodes as 227 or 229 survives encode → decode with
    /// the same address and port.
    #[test]
    fn decoded_replies_re_encode(input in reply_like(), control in any_ip()) {
        for d in decode_all(&input) {
            let Some(port) = d.port.filter(|_| d.is_ok()) else { continue };
            match d.kind {
                Kind::Pasv => {
                    let ip = d.ip.expect("a decoded 227 has an address");
                    let again = decode(encode(SocketTarget { ip, port }).pasv.as_deref().expect("227 addresses are IPv4"));
                    prop_assert_eq!((again.ip, again.port), (Some(ip), Some(port)), "{:?}", input);
                }
                Kind::Epsv => {
                    prop_assert_eq!(d.ip, None);
                    let again = decode(&encode(SocketTarget { ip: control, port }).epsv);
                    prop_assert_eq!(again.port, Some(port), "{:?}", input);
                    let explained = analyse(&again, &Context { control_ip: Some(control), sent: None });
                    prop_assert_eq!(explained.connect_to, Some(SocketTarget { ip: control, port }));
                }
                _ => {}
            }
        }
    }
}

fn span_ok(input: &str, s: Span) -> bool {
    s.start <= s.end && s.end <= input.len() && input.is_char_boundary(s.start) && input.is_char_boundary(s.end)
}

fn decoded_span_problems(input: &str, d: &Decoded) -> Vec<String> {
    let mut all = vec![("item", d.span)];
    all.extend(d.error.map(|e| ("error", e.span)));
    all.extend(d.lints.iter().filter_map(|f| f.span.map(|s| ("lint", s))));
    all.extend(d.address_fields.iter().map(|s| ("address field", *s)));
    all.extend(d.port_fields.iter().map(|s| ("port field", *s)));
    all.into_iter().filter(|(_, s)| !span_ok(input, *s)).map(|(name, s)| format!("{name} {s:?}")).collect()
}

fn check_everything(input: &str, ctx: &Context) -> Result<(), TestCaseError> {
    for d in decode_all(input) {
        let problems = decoded_span_problems(input, &d);
        prop_assert!(problems.is_empty(), "{:?}: {:?}", input, problems);
        prop_assert_eq!(d.is_ok(), d.error.is_none());
        if !d.is_ok() {
            prop_assert!(d.ip.is_none() && d.port.is_none(), "{:?}: failed decode with an address", input);
        }
        let explained = analyse(&d, ctx);
        for f in &explained.findings {
            prop_assert!(f.span.is_none_or(|s| span_ok(input, s)), "{:?}: {:?}", input, f);
        }
    }
    let d = decode(input);
    prop_assert!(decoded_span_problems(input, &d).is_empty(), "{:?}", input);
    for &lang in Lang::ALL {
        let reports = report_all(input, ctx, lang);
        prop_assert!(!reports.is_empty(), "{:?}: report_all returned nothing", input);
        for r in &reports {
            let problems = common::span_problems(input, r);
            prop_assert!(problems.is_empty(), "{:?}: {:?}", input, problems);
            if let Some(e) = &r.error {
                prop_assert!(!e.message.is_empty());
            }
        }
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "227",
    "228",
    "229",
    "227-",
    "229-",
    "425",
    "522",
    "250",
    " ",
    " ",
    "  ",
    "(",
    ")",
    ",",
    ",",
    ", ",
    "|",
    "|||",
    "!",
    "=",
    ".",
    "-",
    "+",
    "0",
    "00",
    "1",
    "4",
    "6",
    "16",
    "2",
    "255",
    "256",
    "65535",
    "65536",
    "99999999999999999999999",
    "192",
    "168",
    "10",
    "Entering Passive Mode",
    "Entering Extended Passive Mode",
    "passive mode",
    "PORT ",
    "EPRT ",
    "LPRT ",
    "PASV",
    "EPSV",
    "LPSV",
    "USER x",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "é",
    "٥",
    "€",
    "𝟘",
    "\u{0}",
    "2001:db8::1",
    "::",
    "10.0.0.1",
    "x",
    "**",
];

fn ftp_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

/// 227 and 229 lines with random numbers, padding, spacing and garnish.
fn reply_like() -> impl Strategy<Value = String> {
    // Mostly valid bytes, so that about a third of the 227 lines decode.
    let number = prop_oneof![
        8 => (0u32..=255).prop_map(|n| n.to_string()),
        2 => (0u32..=255).prop_map(|n| format!("{n:03}")),
        1 => (256u32..=300).prop_map(|n| n.to_string()),
        1 => Just("-1".to_string()),
    ];
    let sep = prop_oneof![Just(","), Just(", "), Just(" ,")];
    let text = proptest::sample::select(vec!["Entering Passive Mode ", "=", "", "OK ", "entering passive mode. ", "Đang vào "]);
    let tail = proptest::sample::select(vec!["", ".", " ", ")", "\r\n", "é"]);
    let pasv = (text, proptest::collection::vec((number, sep), 6), any::<bool>(), tail.clone()).prop_map(|(text, fields, paren, tail)| {
        let list: Vec<String> = fields.iter().enumerate().map(|(i, (n, s))| if i == 5 { n.clone() } else { format!("{n}{s}") }).collect();
        let list = list.concat();
        if paren {
            format!("227 {text}({list}){tail}")
        } else {
            format!("227 {text}{list}{tail}")
        }
    });
    let delimiter = proptest::sample::select(vec!['|', '!', '#', '$', 'é', ' ', '1']);
    let epsv_port =
        prop_oneof![(0u32..=70000).prop_map(|n| n.to_string()), Just(String::new()), Just("5_0".into()), Just("00040000".into())];
    let epsv = (delimiter, epsv_port, any::<bool>(), tail).prop_map(|(d, p, paren, tail)| {
        let inner = format!("{d}{d}{d}{p}{d}");
        if paren {
            format!("229 Entering Extended Passive Mode ({inner}){tail}")
        } else {
            format!("229 Entering Extended Passive Mode {inner}{tail}")
        }
    });
    prop_oneof![pasv, epsv]
}

/// The round trip over a few fixed edge values (proptest may not pick them).
#[test]
fn round_trip_edges() {
    for ip in ["0.0.0.0", "255.255.255.255", "10.0.0.1", "::", "::1", "::ffff:10.0.0.1", "2001:db8::1", "ff02::1"] {
        for port in [1, 255, 256, 1023, 1024, 5060, 40000, 65535] {
            let ip: IpAddr = ip.parse().unwrap();
            let e = encode(SocketTarget { ip, port });
            for line in
                [e.pasv.clone(), e.port.clone(), Some(e.lpsv.clone()), Some(e.lprt.clone()), Some(e.eprt.clone())].into_iter().flatten()
            {
                let d = decode(&line);
                assert_eq!((d.ip, d.port), (Some(ip), Some(port)), "{line}");
            }
            assert_eq!(decode(&e.epsv).port, Some(port), "{}", e.epsv);
        }
    }
}
