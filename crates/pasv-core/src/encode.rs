//! The reverse direction: an address and port in every wire form.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::SocketTarget;

/// Every form of one address and port. IPv4-only forms are `None` for IPv6.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Encoded {
    /// `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)` (no trailing dot: the
    /// canonical form passes every lint)
    pub pasv: Option<String>,
    /// `228 Entering Long Passive Mode (af,hal,…,pal,p1,p2)`
    pub lpsv: String,
    /// `229 Entering Extended Passive Mode (|||port|)`
    pub epsv: String,
    /// `PORT h1,h2,h3,h4,p1,p2`
    pub port: Option<String>,
    /// `EPRT |af|addr|port|`
    pub eprt: String,
    /// `LPRT af,hal,…,pal,p1,p2`
    pub lprt: String,
    /// High and low port bytes.
    pub port_bytes: [u8; 2],
}

fn joined(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b}")).collect::<Vec<_>>().join(",")
}

/// Encode an address and port in every form.
///
/// ```
/// use pasv_core::{encode, SocketTarget};
/// let e = encode(SocketTarget { ip: "10.0.0.12".parse().unwrap(), port: 40000 });
/// assert_eq!(e.pasv.as_deref(), Some("227 Entering Passive Mode (10,0,0,12,156,64)"));
/// assert_eq!(e.epsv, "229 Entering Extended Passive Mode (|||40000|)");
/// assert_eq!(e.eprt, "EPRT |1|10.0.0.12|40000|");
/// ```
pub fn encode(target: SocketTarget) -> Encoded {
    let [p1, p2] = target.port.to_be_bytes();
    let (af, eprt_af, addr): (u8, u8, Vec<u8>) = match target.ip {
        IpAddr::V4(ip) => (4, 1, ip.octets().to_vec()),
        IpAddr::V6(ip) => (6, 2, ip.octets().to_vec()),
    };
    let mut long = Vec::with_capacity(addr.len() + 5);
    long.extend([af, addr.len() as u8]);
    long.extend(&addr);
    long.extend([2, p1, p2]);
    let six = target.ip.is_ipv4().then(|| {
        let mut six = addr.clone();
        six.extend([p1, p2]);
        joined(&six)
    });
    Encoded {
        pasv: six.as_ref().map(|s| format!("227 Entering Passive Mode ({s})")),
        lpsv: format!("228 Entering Long Passive Mode ({})", joined(&long)),
        epsv: format!("229 Entering Extended Passive Mode (|||{}|)", target.port),
        port: six.map(|s| format!("PORT {s}")),
        eprt: format!("EPRT |{eprt_af}|{}|{}|", target.ip, target.port),
        lprt: format!("LPRT {}", joined(&long)),
        port_bytes: [p1, p2],
    }
}
