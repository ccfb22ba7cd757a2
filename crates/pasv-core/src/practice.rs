//! Practice exercises for a class: a generated 227 or 229 reply that a
//! student decodes by hand, and the check of the answer.
//!
//! Everything follows from a seed (any text, e.g. `?practice=<seed>` in a
//! link), so a teacher can hand out the same exercise to every student. The
//! reply is written by [`crate::encode`], and the check reads it back with
//! [`crate::decode`] and [`crate::analyse`]: the expected answer is the
//! decoder's, never a second implementation of the grammar.
//!
//! ```
//! use pasv_core::practice::{check, exercise, seed_of};
//!
//! let ex = exercise(seed_of("class-3b"));
//! assert_eq!(ex, exercise(seed_of("class-3b")), "the same seed, the same reply");
//! let right = check(&ex, &ex.expected().ip.to_string(), &ex.expected().port.to_string());
//! assert!(right.ip_ok && right.port_ok);
//! ```
use alloc::format;
use alloc::string::String;
use core::net::{IpAddr, Ipv4Addr};

use crate::{analyse, classify, decode, encode, AddressClass, Context, Decoded, Kind, SocketTarget};

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): small, fast and the same on every platform,
/// which is all an exercise generator needs (nothing here is secret).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub const fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high` (`low <= high`). The modulo bias is below
    /// 2^-40 for the ranges used here.
    pub fn range(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high - low) + 1;
        low + (self.next_u64() % span) as u32
    }
}

/// The seed a text stands for: FNV-1a (64 bits) of its bytes, so any text a
/// teacher types (`lab-2`, `42`) makes an exercise.
pub fn seed_of(text: &str) -> u64 {
    text.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// A short seed text (six lowercase letters and digits) from random bits,
/// for a "new exercise" button.
pub fn seed_text(bits: u64) -> String {
    const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = SplitMix64::new(bits);
    (0..6).map(|_| char::from(ALPHABET[rng.range(0, 35) as usize])).collect()
}

/// Where the announced address of a 227 comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The server's own public address: the control connection's.
    Same,
    /// A private address (RFC 1918) behind NAT.
    Private,
    /// Shared address space (RFC 6598) behind carrier-grade NAT.
    Shared,
    /// A 229: no address, the control connection's is used.
    Extended,
}

/// One exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// The reply the student decodes.
    pub reply: String,
    /// The address the client reached the server at (the control connection).
    pub control: IpAddr,
    /// 227 or 229.
    pub kind: Kind,
    /// Where the 227's address comes from.
    pub origin: Origin,
}

/// An address in the documentation ranges (RFC 5737): what the client
/// reached, written so that no real host is named.
fn documentation(rng: &mut SplitMix64) -> Ipv4Addr {
    let [a, b, c] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]][rng.range(0, 2) as usize];
    Ipv4Addr::new(a, b, c, rng.range(1, 254) as u8)
}

/// The announced private or shared address of a server behind NAT.
fn inside(rng: &mut SplitMix64, origin: Origin) -> Ipv4Addr {
    let byte = |rng: &mut SplitMix64, low: u32, high: u32| rng.range(low, high) as u8;
    match (origin, rng.range(0, 2)) {
        (Origin::Shared, _) => Ipv4Addr::new(100, byte(rng, 64, 127), byte(rng, 0, 255), byte(rng, 1, 254)),
        (_, 0) => Ipv4Addr::new(10, byte(rng, 0, 255), byte(rng, 0, 255), byte(rng, 1, 254)),
        (_, 1) => Ipv4Addr::new(172, byte(rng, 16, 31), byte(rng, 0, 255), byte(rng, 1, 254)),
        _ => Ipv4Addr::new(192, 168, byte(rng, 0, 255), byte(rng, 1, 254)),
    }
}

/// The exercise for `seed`: a 227 (two in three) announcing the server's own
/// address, a private one or a shared one, or a 229; a port from 1024 to
/// 65535 (the range servers hand out for data connections); the reply in
/// the wording of a real server (vsftpd and ProFTPD end a 227 with a dot,
/// Pure-FTPd does not; Pure-FTPd words its 229 differently).
pub fn exercise(seed: u64) -> Exercise {
    let mut rng = SplitMix64::new(seed);
    let control = documentation(&mut rng);
    let port = rng.range(1024, 65535) as u16;
    let wording = rng.range(0, 1);
    let origin = match rng.range(0, 5) {
        0 | 1 => Origin::Extended,
        2 => Origin::Same,
        3 => Origin::Shared,
        _ => Origin::Private,
    };
    let announced = match origin {
        Origin::Same | Origin::Extended => control,
        _ => inside(&mut rng, origin),
    };
    let encoded = encode(SocketTarget { ip: IpAddr::V4(announced), port });
    let (kind, reply) = match (origin, wording) {
        (Origin::Extended, 0) => (Kind::Epsv, encoded.epsv),
        (Origin::Extended, _) => (Kind::Epsv, format!("229 Extended Passive mode OK (|||{port}|)")),
        (_, 0) => (Kind::Pasv, format!("{}.", encoded.pasv.unwrap_or_default())),
        (_, _) => (Kind::Pasv, encoded.pasv.unwrap_or_default()),
    };
    Exercise { reply, control: IpAddr::V4(control), kind, origin }
}

/// What the reply says, read by the core's decoder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The address the reply tells the client to use: a 227's own, a 229's
    /// control connection address.
    pub ip: IpAddr,
    /// The port.
    pub port: u16,
    /// `p1` and `p2` (227 only).
    pub port_bytes: Option<[u8; 2]>,
    /// The class of `ip`.
    pub class: AddressClass,
    /// Where a careful client connects (the core's `connect_to`).
    pub connect_to: Option<SocketTarget>,
    /// The decoded reply, with the spans of its address and port fields.
    pub decoded: Decoded,
}

impl Exercise {
    /// The answer, from the core's decoder and analysis of the reply.
    pub fn expected(&self) -> Expected {
        let decoded = decode(&self.reply);
        let explained = analyse(&decoded, &Context { control_ip: Some(self.control), sent: None });
        let ip = decoded.ip.unwrap_or(self.control);
        let port = decoded.port.unwrap_or(0);
        Expected { ip, port, port_bytes: decoded.port_bytes, class: classify(&ip), connect_to: explained.connect_to, decoded }
    }
}

/// The check of a student's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The address typed is the one the reply says.
    pub ip_ok: bool,
    /// The port typed is the one the reply says.
    pub port_ok: bool,
    /// The address typed does not read as an IP address at all.
    pub ip_unreadable: bool,
    /// The port typed does not read as a number from 0 to 65535.
    pub port_unreadable: bool,
    /// The answer.
    pub expected: Expected,
}

/// Check the address and port a student typed (spaces around them ignored;
/// an address in any form Rust's `IpAddr` reads, a port in decimal).
pub fn check(exercise: &Exercise, ip: &str, port: &str) -> Checked {
    let expected = exercise.expected();
    let typed_ip = ip.trim().parse::<IpAddr>().ok();
    let typed_port = port.trim().parse::<u16>().ok();
    Checked {
        ip_ok: typed_ip == Some(expected.ip),
        port_ok: typed_port == Some(expected.port),
        ip_unreadable: typed_ip.is_none(),
        port_unreadable: typed_port.is_none(),
        expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    #[test]
    fn splitmix64_matches_the_reference_output() {
        // First outputs for seed 1234567 of the reference C implementation
        // (https://prng.di.unimi.it/splitmix64.c).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(rng.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn the_same_seed_gives_the_same_exercise_and_others_differ() {
        assert_eq!(exercise(seed_of("lab-2")), exercise(seed_of("lab-2")));
        assert_eq!(seed_of(" lab-2 "), seed_of("lab-2"), "spaces around a pasted seed do not count");
        let replies: Vec<String> = (0..200).map(|s| exercise(s).reply).collect();
        let mut unique = replies.clone();
        unique.sort();
        unique.dedup();
        assert!(unique.len() > 190, "{} distinct replies of 200", unique.len());
    }

    #[test]
    fn every_exercise_decodes_to_what_it_was_made_from() {
        let mut seen = [false; 4];
        for seed in 0..2000 {
            let ex = exercise(seed);
            let e = ex.expected();
            assert!(e.decoded.is_ok(), "{ex:?}");
            assert!(e.decoded.lints.is_empty(), "a clean reply: {ex:?} {:?}", e.decoded.lints);
            assert!(e.port >= 1024, "{ex:?}");
            assert_eq!(e.decoded.kind, ex.kind);
            let class = e.class;
            match ex.origin {
                Origin::Same => assert_eq!((e.ip, class), (ex.control, AddressClass::Documentation)),
                Origin::Private => assert_eq!(class, AddressClass::Private, "{ex:?}"),
                Origin::Shared => assert_eq!(class, AddressClass::Shared, "{ex:?}"),
                Origin::Extended => {
                    assert!(ex.reply.starts_with("229 ") && e.decoded.ip.is_none());
                    assert_eq!(e.ip, ex.control);
                }
            }
            // Behind NAT, careful clients go to the control connection's address.
            assert_eq!(e.connect_to, Some(SocketTarget { ip: ex.control, port: e.port }), "{ex:?}");
            seen[ex.origin as usize] = true;
        }
        assert_eq!(seen, [true; 4], "every kind of exercise comes up");
    }

    #[test]
    fn a_right_answer_is_accepted_and_a_wrong_one_is_not() {
        let ex = Exercise {
            reply: "227 Entering Passive Mode (10,0,0,12,156,64).".to_string(),
            control: "203.0.113.10".parse().unwrap(),
            kind: Kind::Pasv,
            origin: Origin::Private,
        };
        let right = check(&ex, " 10.0.0.12 ", "40000");
        assert!(right.ip_ok && right.port_ok, "{right:?}");
        assert_eq!(right.expected.port_bytes, Some([156, 64]));
        // The classic mistakes: the two bytes added, the bytes read the wrong way round.
        let added = check(&ex, "10.0.0.12", "220");
        assert!(added.ip_ok && !added.port_ok && !added.port_unreadable);
        let swapped = check(&ex, "203.0.113.10", &(64 * 256 + 156).to_string());
        assert!(!swapped.ip_ok && !swapped.port_ok);
        let junk = check(&ex, "10,0,0,12", "forty");
        assert!(junk.ip_unreadable && junk.port_unreadable && !junk.ip_ok);
        assert!(check(&ex, "10.0.0.12", "65536").port_unreadable);
    }

    #[test]
    fn a_229_asks_for_the_control_connection_address() {
        let ex = (0..).map(exercise).find(|e| e.kind == Kind::Epsv).unwrap();
        let port = ex.expected().port.to_string();
        assert!(check(&ex, &ex.control.to_string(), &port).ip_ok);
        assert!(!check(&ex, "0.0.0.0", &port).ip_ok);
    }

    #[test]
    fn seed_texts_are_short_and_varied() {
        let texts: Vec<String> = (0..100).map(seed_text).collect();
        assert!(texts.iter().all(|t| t.len() == 6 && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
        let mut unique = texts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 100);
    }
}
