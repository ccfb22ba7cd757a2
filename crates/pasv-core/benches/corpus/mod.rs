//! Deterministic benchmark corpus: 100 000 realistic passive/active-mode lines.
//!
//! The shapes follow `/work/shared/corpus/public-replies.tsv` (real server
//! replies quoted in client bug trackers, RFC examples and edge cases); the
//! numbers in them vary. The generator uses a fixed-seed SplitMix64, so every
//! run writes the same file byte for byte.
//!
//! File format: one item per line. A multi-line reply is written on one line
//! with the two characters `\n` between its lines (as in `public-replies.tsv`);
//! readers turn that into a line break (`\r\n` on the wire).
//!
//! The file is written to `target/bench-corpus.txt` (override with the
//! `PASV_BENCH_CORPUS` environment variable) and is never committed.
use std::fmt::Write as _;
use std::path::PathBuf;

/// Number of items in the corpus.
pub const LINES: usize = 100_000;
/// The fixed seed.
pub const SEED: u64 = 0x5041_5356_4c45_4e53; // "PASVLENS"

/// SplitMix64: tiny, fast, and stable across platforms and Rust versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: u32, hi_inclusive: u32) -> u32 {
        lo + self.below(u64::from(hi_inclusive - lo) + 1) as u32
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// An IPv4 address of a realistic class (mostly private: NAT is why people paste these).
fn ipv4(rng: &mut Rng) -> [u8; 4] {
    match rng.below(100) {
        0..=29 => [192, 168, rng.byte(), rng.range(1, 254) as u8],
        30..=44 => [10, rng.byte(), rng.byte(), rng.range(1, 254) as u8],
        45..=52 => [172, rng.range(16, 31) as u8, rng.byte(), rng.range(1, 254) as u8],
        53..=57 => [127, 0, 0, 1],
        58..=61 => [0, 0, 0, 0],
        62..=63 => [100, rng.range(64, 127) as u8, rng.byte(), rng.range(1, 254) as u8],
        64 => [169, 254, rng.byte(), rng.range(1, 254) as u8],
        65 => [rng.range(224, 239) as u8, 0, 0, rng.range(1, 254) as u8],
        66 => [255, 255, 255, 255],
        _ => [rng.range(1, 223) as u8, rng.byte(), rng.byte(), rng.range(1, 254) as u8],
    }
}

fn ipv6(rng: &mut Rng) -> [u8; 16] {
    let mut a = [0u8; 16];
    match rng.below(4) {
        0 => a[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]),
        1 => a[..2].copy_from_slice(&[0xfe, 0x80]),
        2 => a[..2].copy_from_slice(&[0xfd, rng.byte()]),
        _ => a[..2].copy_from_slice(&[0x2a, rng.byte()]),
    }
    for b in &mut a[8..] {
        *b = rng.byte();
    }
    a
}

/// A passive port: usually in a configured high range, sometimes anywhere.
fn port(rng: &mut Rng) -> u16 {
    match rng.below(10) {
        0 => rng.range(1024, 65535) as u16,
        1 => rng.range(20000, 20010) as u16,
        2 => 5060,
        _ => rng.range(30000, 65535) as u16,
    }
}

fn six(ip: [u8; 4], port: u16, sep: &str) -> String {
    let [p1, p2] = port.to_be_bytes();
    let mut s = String::new();
    for (i, n) in ip.iter().chain([p1, p2].iter()).enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        write!(s, "{n}").unwrap();
    }
    s
}

fn six_padded(ip: [u8; 4], port: u16) -> String {
    let [p1, p2] = port.to_be_bytes();
    ip.iter().chain([p1, p2].iter()).map(|n| format!("{n:03}")).collect::<Vec<_>>().join(",")
}

fn long_v4(ip: [u8; 4], port: u16) -> String {
    let [p1, p2] = port.to_be_bytes();
    format!("4,4,{},{},{},{},2,{p1},{p2}", ip[0], ip[1], ip[2], ip[3])
}

fn long_v6(ip: [u8; 16], port: u16) -> String {
    let [p1, p2] = port.to_be_bytes();
    let addr: Vec<String> = ip.iter().map(u8::to_string).collect();
    format!("6,16,{},2,{p1},{p2}", addr.join(","))
}

fn v6_text(ip: [u8; 16]) -> String {
    std::net::Ipv6Addr::from(ip).to_string()
}

fn dot(rng: &mut Rng) -> &'static str {
    if rng.chance(40) {
        "."
    } else {
        ""
    }
}

const ARABIC_INDIC: [char; 10] = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

/// One corpus item.
fn item(rng: &mut Rng) -> String {
    let ip = ipv4(rng);
    let p = port(rng);
    let [p1, p2] = p.to_be_bytes();
    match rng.below(1000) {
        // --- 227, well-formed and its common variants (about half the corpus) ---
        0..=299 => format!("227 Entering Passive Mode ({}){}", six(ip, p, ","), dot(rng)),
        300..=329 => format!("227 Entering passive mode ({}){}", six(ip, p, ","), dot(rng)),
        330..=349 => format!("227 Data transfer will passively listen to {}", six(ip, p, ",")),
        350..=369 => format!("227 Entering passive mode. {}", six(ip, p, ",")),
        370..=389 => format!("227 {}", six(ip, p, ",")),
        390..=404 => format!("227 ={}", six(ip, p, ",")),
        405..=419 => format!("227 Entering Passive Mode ({}){}", six(ip, p, ", "), dot(rng)),
        420..=429 => format!("227 Entering Passive Mode ({})", six_padded(ip, p)),
        430..=439 => format!("227-listen socket created\\n227 ({})", six(ip, p, ",")),
        440..=444 => format!("227-Entering Passive Mode ({})\\n227 OK", six(ip, p, ",")),
        445..=449 => {
            format!("227-Welcome\\n227-Passive ports {}-{}\\n227 Entering Passive Mode ({}).", p, p.saturating_add(100), six(ip, p, ","))
        }
        // --- 227, broken ---
        450..=459 => "227 Logout.".to_string(),
        460..=464 => "227 Entering Passive Mode (".to_string(),
        465..=474 => {
            let big = rng.range(256, 1300);
            format!("227 Entering Passive Mode ({big},{},{},{},{p1},{p2})", ip[1], ip[2], ip[3])
        }
        475..=479 => format!("227 Entering Passive Mode ({},{},{},{},{},{p2})", ip[0], ip[1], ip[2], ip[3], rng.range(256, 999)),
        480..=484 => format!("227 Entering Passive Mode ({},{})", six(ip, p, ","), rng.byte()),
        485..=489 => format!("227 Entering Passive Mode ({},{},{},{},-{},{p2})", ip[0], ip[1], ip[2], ip[3], rng.range(1, 9)),
        490..=494 => format!("227 Entering Passive Mode ({},{},{},{},0,0)", ip[0], ip[1], ip[2], ip[3]),
        495..=504 => format!("227 Entering Passive Mode( **, **, **, **, {p1},{p2}){}", dot(rng)),
        // --- 229 ---
        505..=619 => format!("229 Entering Extended Passive Mode (|||{p}|){}", dot(rng)),
        620..=634 => format!("229 Entering Extended Passive Mode (!!!{p}!){}", dot(rng)),
        635..=644 => format!("229 Entering Extended Passive Mode |||{p}|"),
        645..=649 => format!("229 Entering Extended Passive Mode (||| {p}|)"),
        650..=654 => {
            let s = p.to_string();
            let (a, b) = s.split_at(s.len() / 2);
            format!("229 Entering Extended Passive Mode (|||{a}_{b}|)")
        }
        655..=657 => {
            let digits: String = p.to_string().bytes().map(|b| ARABIC_INDIC[usize::from(b - b'0')]).collect();
            format!("229 Entering Extended Passive Mode (|||{digits}|)")
        }
        658..=661 => "229 Entering Extended Passive Mode (|||0|)".to_string(),
        662..=666 => format!("229 Entering Extended Passive Mode (|||{}|)", rng.range(65536, 1_000_000)),
        667..=670 => format!("229 Entering Extended Passive Mode (|||{p})"),
        671..=673 => "229 Entering Extended Passive Mode (||||)".to_string(),
        674..=679 => format!("229 Entering Extended Passive Mode (|1|{}.{}.{}.{}|{p}|)", ip[0], ip[1], ip[2], ip[3]),
        // --- 228 ---
        680..=699 => format!("228 Entering Long Passive Mode ({})", long_v4(ip, p)),
        700..=714 => format!("228 Entering Long Passive Mode ({})", long_v6(ipv6(rng), p)),
        // --- commands ---
        715..=764 => format!("PORT {}", six(ip, p, ",")),
        765..=769 => format!("PORT {},{},x,x,{p1},{p2}", ip[0], ip[1]),
        770..=794 => format!("EPRT |1|{}.{}.{}.{}|{p}|", ip[0], ip[1], ip[2], ip[3]),
        795..=809 => format!("EPRT |2|{}|{p}|", v6_text(ipv6(rng))),
        810..=819 => format!("LPRT {}", long_v4(ip, p)),
        820..=829 => format!("LPRT {}", long_v6(ipv6(rng), p)),
        // --- refusals and other replies ---
        830..=859 => rng
            .pick(&[
                "522 Network protocol not supported, use (1)",
                "522 Extended Passive Mode not supported, use (1,2)",
                "522 Protocol not supported",
            ])
            .to_string(),
        860..=884 => rng.pick(&["500 'EPSV': command not understood", "500 Unknown command", "502 Command not implemented."]).to_string(),
        885..=909 => format!("425 Can't open data connection to port {p}."),
        910..=919 => rng
            .pick(&[
                "421 Service not available, closing control connection.",
                "530 Please login with USER and PASS.",
                "501 Syntax error in parameters or arguments.",
            ])
            .to_string(),
        920..=949 => rng
            .pick(&[
                "250 Directory successfully changed.",
                "220 ProFTPD Server (Debian) ready.",
                "150 Opening BINARY mode data connection",
                "226 Transfer complete.",
                "331 Please specify the password.",
                "230 Login successful.",
            ])
            .to_string(),
        // --- noise ---
        950..=969 => rng.pick(&["USER anonymous", "PASS guest", "LIST", "TYPE I", "PASV", "EPSV", "SYST"]).to_string(),
        _ => rng
            .pick(&[
                "Status:\tConnecting to 203.0.113.10:21...",
                "Response:\tsee log",
                "connect: Connection refused",
                "ftp> ls",
                "---> PASV",
                "Command:\tMLSD",
                "Error: Connection timed out after 20 seconds of inactivity",
            ])
            .to_string(),
    }
}

/// The corpus items, in file form (multi-line items contain a literal `\n`).
pub fn generate() -> Vec<String> {
    let mut rng = Rng(SEED);
    (0..LINES).map(|_| item(&mut rng)).collect()
}

/// Where the corpus file goes.
pub fn path() -> PathBuf {
    match std::env::var_os("PASV_BENCH_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bench-corpus.txt")),
    }
}

/// Generate the corpus, write it to [`path`], and return the items in wire
/// form (multi-line items joined with `\r\n`).
pub fn write_and_load() -> Vec<String> {
    let items = generate();
    let path = path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create corpus directory");
    }
    let mut text = items.join("\n");
    text.push('\n');
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    items.into_iter().map(|s| s.replace("\\n", "\r\n")).collect()
}
