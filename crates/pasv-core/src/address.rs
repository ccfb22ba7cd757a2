//! Address classification per the IANA special-purpose registries (RFC 6890).
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// IPv4.
    Ipv4,
    /// IPv6.
    Ipv6,
}

impl Family {
    /// The family of an address.
    pub fn of(ip: &IpAddr) -> Family {
        if ip.is_ipv4() {
            Family::Ipv4
        } else {
            Family::Ipv6
        }
    }
}

/// What kind of address a reply carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressClass {
    /// Globally routable.
    Public,
    /// RFC 1918 private space.
    Private,
    /// RFC 6598 shared address space (carrier-grade NAT), 100.64.0.0/10.
    Shared,
    /// 127.0.0.0/8 or ::1.
    Loopback,
    /// 169.254.0.0/16 or fe80::/10.
    LinkLocal,
    /// 0.0.0.0 or ::.
    Unspecified,
    /// 224.0.0.0/4 or ff00::/8.
    Multicast,
    /// 255.255.255.255.
    Broadcast,
    /// 240.0.0.0/4, 0.0.0.0/8 and other reserved space.
    Reserved,
    /// RFC 5737 / RFC 3849 documentation ranges.
    Documentation,
    /// RFC 2544 benchmarking range 198.18.0.0/15, RFC 5180 2001:2::/48.
    Benchmarking,
    /// RFC 4193 unique local IPv6, fc00::/7.
    UniqueLocal,
    /// RFC 4291 IPv4-mapped IPv6, ::ffff:0:0/96.
    Ipv4Mapped,
}

impl AddressClass {
    /// Stable kebab-case name (JSON value and catalog key).
    pub const fn as_str(self) -> &'static str {
        match self {
            AddressClass::Public => "public",
            AddressClass::Private => "private",
            AddressClass::Shared => "shared",
            AddressClass::Loopback => "loopback",
            AddressClass::LinkLocal => "link-local",
            AddressClass::Unspecified => "unspecified",
            AddressClass::Multicast => "multicast",
            AddressClass::Broadcast => "broadcast",
            AddressClass::Reserved => "reserved",
            AddressClass::Documentation => "documentation",
            AddressClass::Benchmarking => "benchmarking",
            AddressClass::UniqueLocal => "unique-local",
            AddressClass::Ipv4Mapped => "ipv4-mapped",
        }
    }

    /// Reachable from the Internet for the purposes of analysis. The
    /// documentation ranges count as public: RFC 5737 reserves them precisely
    /// so that examples can stand in for public addresses.
    pub const fn is_routable(self) -> bool {
        matches!(self, AddressClass::Public | AddressClass::Documentation)
    }

    /// Names a group of hosts, so it cannot be the endpoint of a TCP
    /// connection. (Reserved space is unicast, but assigned to no host.)
    pub const fn is_not_unicast(self) -> bool {
        matches!(self, AddressClass::Multicast | AddressClass::Broadcast)
    }
}

/// Classify an address.
///
/// ```
/// use pasv_core::{classify, AddressClass};
/// assert_eq!(classify(&"10.0.0.12".parse().unwrap()), AddressClass::Private);
/// assert_eq!(classify(&"100.64.0.1".parse().unwrap()), AddressClass::Shared);
/// assert_eq!(classify(&"2001:db8::1".parse().unwrap()), AddressClass::Documentation);
/// ```
pub fn classify(ip: &IpAddr) -> AddressClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: &Ipv4Addr) -> AddressClass {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        _ if ip.is_unspecified() => AddressClass::Unspecified,
        _ if ip.is_broadcast() => AddressClass::Broadcast,
        (0, _, _) => AddressClass::Reserved, // "this network", RFC 1122
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => AddressClass::Private,
        (100, 64..=127, _) => AddressClass::Shared,
        (127, _, _) => AddressClass::Loopback,
        (169, 254, _) => AddressClass::LinkLocal,
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => AddressClass::Documentation,
        (198, 18..=19, _) => AddressClass::Benchmarking,
        (192, 0, 0) => ietf_protocol_assignment(ip.octets()[3]),
        (224..=239, _, _) => AddressClass::Multicast,
        (240..=255, _, _) => AddressClass::Reserved,
        _ => AddressClass::Public,
    }
}

/// 192.0.0.0/24, IETF protocol assignments, entry by entry as the IANA
/// IPv4 special-purpose address registry lists them: only the PCP anycast
/// (192.0.0.9, RFC 7723) and TURN anycast (192.0.0.10, RFC 8155) addresses
/// are globally reachable; the DS-Lite prefix 192.0.0.0/29 (RFC 7335), the
/// dummy address 192.0.0.8 (RFC 7600), the NAT64/DNS64 discovery addresses
/// 192.0.0.170 and .171 (RFC 8880) and the unassigned rest are not.
fn ietf_protocol_assignment(last: u8) -> AddressClass {
    match last {
        9 | 10 => AddressClass::Public,
        _ => AddressClass::Reserved,
    }
}

fn classify_v6(ip: &Ipv6Addr) -> AddressClass {
    let seg = ip.segments();
    if ip.is_unspecified() {
        AddressClass::Unspecified
    } else if ip.is_loopback() {
        AddressClass::Loopback
    } else if seg[0] & 0xff00 == 0xff00 {
        AddressClass::Multicast
    } else if seg[0] & 0xffc0 == 0xfe80 {
        AddressClass::LinkLocal
    } else if seg[0] & 0xfe00 == 0xfc00 {
        AddressClass::UniqueLocal
    } else if seg[0] == 0x2001 && seg[1] == 0x0db8 {
        AddressClass::Documentation
    } else if seg[0] == 0x2001 && seg[1] == 0x0002 && seg[2] == 0 {
        AddressClass::Benchmarking // 2001:2::/48, RFC 5180
    } else if seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        AddressClass::Public // 64:ff9b::/96, NAT64 (RFC 6052): globally reachable
    } else if ip.to_ipv4_mapped().is_some() {
        AddressClass::Ipv4Mapped
    } else if seg[0] & 0xe000 == 0x2000 {
        AddressClass::Public // 2000::/3, global unicast
    } else {
        AddressClass::Reserved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_table() {
        let table: &[(&str, AddressClass)] = &[
            ("8.8.4.4", AddressClass::Public),
            ("10.14.20.57", AddressClass::Private),
            ("172.16.204.138", AddressClass::Private),
            ("172.32.0.1", AddressClass::Public),
            ("192.168.1.2", AddressClass::Private),
            ("100.64.0.1", AddressClass::Shared),
            ("100.128.0.1", AddressClass::Public),
            ("127.0.0.1", AddressClass::Loopback),
            ("169.254.10.20", AddressClass::LinkLocal),
            ("0.0.0.0", AddressClass::Unspecified),
            ("0.1.2.3", AddressClass::Reserved),
            ("224.0.0.1", AddressClass::Multicast),
            ("255.255.255.255", AddressClass::Broadcast),
            ("240.0.0.1", AddressClass::Reserved),
            ("203.0.113.10", AddressClass::Documentation),
            ("198.18.0.1", AddressClass::Benchmarking),
            // 192.0.0.0/24 per the IANA registry.
            ("192.0.0.1", AddressClass::Reserved),   // DS-Lite, RFC 7335
            ("192.0.0.7", AddressClass::Reserved),   // DS-Lite, RFC 7335
            ("192.0.0.8", AddressClass::Reserved),   // dummy address, RFC 7600
            ("192.0.0.9", AddressClass::Public),     // PCP anycast, RFC 7723
            ("192.0.0.10", AddressClass::Public),    // TURN anycast, RFC 8155
            ("192.0.0.11", AddressClass::Reserved),  // unassigned
            ("192.0.0.170", AddressClass::Reserved), // NAT64/DNS64 discovery, RFC 8880
            ("192.0.0.171", AddressClass::Reserved), // NAT64/DNS64 discovery, RFC 8880
            ("192.0.1.1", AddressClass::Public),
            ("::", AddressClass::Unspecified),
            ("::1", AddressClass::Loopback),
            ("fe80::1", AddressClass::LinkLocal),
            ("fd00::1", AddressClass::UniqueLocal),
            ("ff02::1", AddressClass::Multicast),
            ("2001:db8::1", AddressClass::Documentation),
            ("::ffff:10.0.0.1", AddressClass::Ipv4Mapped),
            ("2606:4700::1111", AddressClass::Public),
            ("1080::8:800:200c:417a", AddressClass::Reserved),
            ("64:ff9b::808:808", AddressClass::Public),
            ("64:ff9b:1::1", AddressClass::Reserved),
            ("2001:2::1", AddressClass::Benchmarking),
            ("2001:2:1::1", AddressClass::Public),
        ];
        for (text, want) in table {
            let ip: IpAddr = text.parse().unwrap();
            assert_eq!(classify(&ip), *want, "{text}");
        }
    }
}
