//! Any address and port, encoded in every form, decodes back to itself
//! (port 0 to a port-zero error).
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pasv_core::{decode, encode, ErrorKind, Kind, SocketTarget};

#[derive(Debug, Arbitrary)]
enum Addr {
    V4([u8; 4]),
    V6([u8; 16]),
}

#[derive(Debug, Arbitrary)]
struct Input {
    addr: Addr,
    port: u16,
}

fuzz_target!(|input: Input| {
    let ip = match input.addr {
        Addr::V4(b) => IpAddr::V4(Ipv4Addr::from(b)),
        Addr::V6(b) => IpAddr::V6(Ipv6Addr::from(b)),
    };
    let port = input.port;
    let e = encode(SocketTarget { ip, port });
    assert_eq!(e.port_bytes, port.to_be_bytes());
    assert_eq!(e.pasv.is_some(), ip.is_ipv4());
    assert_eq!(e.port.is_some(), ip.is_ipv4());
    let forms = [
        (Kind::Pasv, e.pasv.as_deref(), true),
        (Kind::Port, e.port.as_deref(), true),
        (Kind::Lpsv, Some(e.lpsv.as_str()), true),
        (Kind::Lprt, Some(e.lprt.as_str()), true),
        (Kind::Eprt, Some(e.eprt.as_str()), true),
        (Kind::Epsv, Some(e.epsv.as_str()), false),
    ];
    for (kind, form, carries_ip) in forms {
        let Some(form) = form else { continue };
        let d = decode(form);
        assert_eq!(d.kind, kind, "{form:?}");
        if port == 0 {
            let err = d.error.unwrap_or_else(|| panic!("{form:?} with port 0 decoded"));
            assert_eq!(err.kind, ErrorKind::PortZero, "{form:?}");
            continue;
        }
        assert!(d.is_ok(), "{form:?} does not decode: {:?}", d.error);
        assert_eq!(d.port, Some(port), "{form:?}");
        assert_eq!(d.ip, carries_ip.then_some(ip), "{form:?}");
        if matches!(kind, Kind::Pasv | Kind::Port | Kind::Lpsv | Kind::Lprt) {
            assert_eq!(d.port_bytes, Some(port.to_be_bytes()), "{form:?}");
        }
    }
});
