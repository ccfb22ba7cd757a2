//! A fixed amount of work for `valgrind --tool=callgrind`, whose instruction
//! counts repeat whatever else the machine does (unlike criterion's times).
//! `scripts/bench/instructions.sh` runs it and prints instructions per line.
//!
//! `instructions CORPUS STAGE` with STAGE one of `none` (read the corpus
//! only: the baseline subtracted from the others), `decode`,
//! `decode-analyse`; only the corpus's 227/229 lines are used, the lines
//! Python's ftplib parses in `scripts/bench/ftplib_timing.py`.
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};

use pasv_core::{analyse, decode_iter, Context};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(stage)) = (args.next(), args.next()) else {
        eprintln!("usage: instructions CORPUS none|decode|decode-analyse");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<String> =
        text.lines().filter(|l| l.starts_with("227") || l.starts_with("229")).map(|l| l.replace("\\n", "\r\n")).collect();
    let ctx = Context { control_ip: Some(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10))), sent: None };
    let mut total = 0usize;
    for line in &lines {
        let line = black_box(line.as_str());
        total += match stage.as_str() {
            "none" => line.len(),
            "decode" => decode_iter(line).count(),
            "decode-analyse" => decode_iter(line).map(|d| analyse(&d, &ctx).findings.len()).sum(),
            _ => panic!("unknown stage {stage}"),
        };
    }
    println!("{} lines, {total}", lines.len());
}
