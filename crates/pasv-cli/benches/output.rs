//! The cost of printing 100 000 reports of one input, as JSON Lines and in
//! the human-readable form (`cargo bench -p pasv-cli --bench output`). The
//! reports are built once; an iteration prints them all to a sink, so the two
//! figures compare the output paths alone. The human form numbers each
//! report's line as it goes: its time per report must not grow with the
//! input (it once counted from the start of the text for every report).
use std::hint::black_box;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use criterion::{criterion_group, Criterion, SamplingMode, Throughput};
use pasv_core::{report_all, Context, Lang};

#[path = "../src/human.rs"]
#[allow(dead_code)]
mod human;
#[path = "../src/output.rs"]
mod output;

const REPLIES: usize = 100_000;

/// 100 000 replies of four shapes (public and private 227, with and without
/// the final period, and 229), one per line, numbers varying.
fn input() -> String {
    (0..REPLIES)
        .map(|i| {
            let (a, b, p) = (i % 200 + 1, i / 200 % 256, 1024 + i % 60_000);
            match i % 4 {
                0 => format!("227 Entering Passive Mode ({a},{b},7,9,{},{}).\n", p >> 8, p & 255),
                1 => format!("229 Entering Extended Passive Mode (|||{p}|)\n"),
                2 => format!("227 Entering Passive Mode (10,0,{b},{a},{},{})\n", p >> 8, p & 255),
                _ => format!("227 Entering Passive Mode ({a},{b},7,9,{},{})\n", p >> 8, p & 255),
            }
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let text = input();
    let ctx = Context { control_ip: Some(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10))), sent: None };
    let reports = report_all(&text, &ctx, Lang::En);
    assert_eq!(reports.len(), REPLIES);
    let mut group = c.benchmark_group("cli_output_100k");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(REPLIES as u64));
    group.bench_function("json", |b| b.iter(|| output::print_reports(&mut io::sink(), true, Lang::En, black_box(&text), &reports)));
    group.bench_function("human", |b| b.iter(|| output::print_reports(&mut io::sink(), false, Lang::En, black_box(&text), &reports)));
    group.finish();
}

criterion_group!(output_benches, benches);

fn main() {
    output_benches();
    Criterion::default().configure_from_args().final_summary();
}
