//! `228 … (af,hal,h1,…,pal,p1,p2)` replies and `LPRT af,hal,…` commands (RFC 1639).
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::six::{byte_field, frame_lints, leading_zero_lint};
use super::{port_of, Decoded};
use crate::scan;
use crate::{ErrorKind, Field};

/// Field count: af, hal, the address bytes, pal, two port bytes.
const V4_COUNT: usize = 2 + 4 + 1 + 2;
const V6_COUNT: usize = 2 + 16 + 1 + 2;

fn field_name(index: usize, hal: usize) -> Field {
    match index {
        0 => Field::Family,
        1 => Field::AddressLength,
        i if i == hal + 2 => Field::PortLength,
        i if i == hal + 3 => Field::PortHigh,
        i if i == hal + 4 => Field::PortLow,
        i => Field::ListItem(i as u8 + 1),
    }
}

/// Decode a long-address list found at or after `from`. Returns false when
/// the line has no number list.
pub(super) fn decode_long(d: &mut Decoded, line: &str, from: usize) -> bool {
    let bytes = line.as_bytes();
    let Some(list) = scan::find_list::<V6_COUNT>(bytes, from, &[V4_COUNT, V6_COUNT]) else {
        return false;
    };
    let fields = list.fields();
    let mut padded = None;
    let Some(af) = byte_field(d, bytes, fields[0], Field::Family, &mut padded) else { return true };
    let (hal, count) = match af {
        4 => (4, V4_COUNT),
        6 => (16, V6_COUNT),
        _ => {
            d.fail(ErrorKind::LongUnknownFamily { af }, fields[0]);
            return true;
        }
    };
    if list.count != count {
        d.fail(ErrorKind::WrongCount { found: list.count, expected: count }, list.span);
        return true;
    }
    let mut values = [0u8; V6_COUNT];
    values[0] = af;
    for (i, span) in fields.iter().enumerate().skip(1) {
        match byte_field(d, bytes, *span, field_name(i, hal), &mut padded) {
            Some(v) => values[i] = v,
            None => return true,
        }
    }
    if usize::from(values[1]) != hal {
        d.fail(ErrorKind::LongBadLength { field: Field::AddressLength, expected: hal as u8 }, fields[1]);
        return true;
    }
    if values[hal + 2] != 2 {
        d.fail(ErrorKind::LongBadLength { field: Field::PortLength, expected: 2 }, fields[hal + 2]);
        return true;
    }
    frame_lints(d, bytes, &list);
    let addr = &values[2..2 + hal];
    let (p1, p2) = (values[hal + 3], values[hal + 4]);
    d.address_fields.extend_from_slice(&fields[2..2 + hal]);
    d.port_fields.extend_from_slice(&fields[hal + 3..hal + 5]);
    if port_of(p1, p2) == 0 {
        d.fail(ErrorKind::PortZero, fields[hal + 3].join(fields[hal + 4]));
        return true;
    }
    d.ip = Some(match hal {
        4 => IpAddr::V4(Ipv4Addr::new(addr[0], addr[1], addr[2], addr[3])),
        _ => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(addr);
            IpAddr::V6(Ipv6Addr::from(octets))
        }
    });
    leading_zero_lint(d, bytes, padded, &[], d.ip);
    d.port = Some(port_of(p1, p2));
    d.port_bytes = Some([p1, p2]);
    true
}
