//! Whatever decodes successfully as a 227, 228, 229, PORT, EPRT or LPRT must
//! survive `encode` → `decode` with the same address and port (the address
//! is the control connection's for 229, which carries none).
#![no_main]

use std::net::{IpAddr, Ipv4Addr};

use libfuzzer_sys::fuzz_target;
use pasv_core::{decode, decode_all, encode, Kind, SocketTarget};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    for d in decode_all(&input) {
        if !d.is_ok() || d.kind == Kind::Other {
            continue;
        }
        let port = d.port.expect("a successful decode has a port");
        let ip = match d.kind {
            Kind::Epsv => IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10)),
            _ => d.ip.expect("a successful decode has an address"),
        };
        let e = encode(SocketTarget { ip, port });
        let form = match d.kind {
            Kind::Pasv => e.pasv.expect("a 227 address is IPv4"),
            Kind::Lpsv => e.lpsv,
            Kind::Epsv => e.epsv,
            Kind::Port => e.port.expect("a PORT address is IPv4"),
            Kind::Eprt => e.eprt,
            Kind::Lprt => e.lprt,
            Kind::Other => unreachable!(),
        };
        let again = decode(&form);
        assert!(again.is_ok(), "{form:?} (re-encoded from {input:?}) does not decode: {:?}", again.error);
        assert_eq!(again.kind, d.kind, "{form:?}");
        assert_eq!(again.ip, d.ip, "{form:?} from {input:?}");
        assert_eq!(again.port, d.port, "{form:?} from {input:?}");
        assert_eq!(again.port_bytes.is_some(), d.port_bytes.is_some(), "{form:?}");
        if let Some(bytes) = d.port_bytes {
            assert_eq!(e.port_bytes, bytes);
        }
    }
});
