//! Throughput of decoding, analysis and rendered reports over a 100 000-line
//! mixed corpus (see `corpus/mod.rs`). One iteration processes the whole
//! corpus, and the throughput is set to its item count, so criterion's
//! `thrpt` is lines per second and `time / 100 000` is ns per line.
//!
//! `cargo bench -p pasv-core --bench decode` (or `scripts/bench/run.sh`,
//! which also times Python's ftplib on the same lines).
//!
//! Decoding goes through `decode_iter`, which allocates nothing (`decode_all`
//! is the same iterator collected into a `Vec`).
//!
//! Setting `PASV_BENCH_CORPUS_ONLY=1` writes `target/bench-corpus.txt` and exits.
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use criterion::{criterion_group, Criterion, SamplingMode, Throughput};
use pasv_core::{analyse, decode_iter, report_all, Context, Lang};

mod corpus;
mod ftplib_port;

const CONTROL: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 10));

fn context() -> Context {
    Context { control_ip: Some(CONTROL), sent: None }
}

/// The lines Python's ftplib can be asked about (227 and 229 replies).
fn is_227_or_229(line: &str) -> bool {
    line.starts_with("227") || line.starts_with("229")
}

fn benches(c: &mut Criterion) {
    let all = corpus::write_and_load();
    let ftplib_subset: Vec<String> = all.iter().filter(|l| is_227_or_229(l)).cloned().collect();
    let ctx = context();

    let mut group = c.benchmark_group("corpus");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));

    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("decode", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for line in &all {
                found += decode_iter(black_box(line)).count();
            }
            found
        })
    });
    group.bench_function("decode_analyse", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            for line in &all {
                for d in decode_iter(black_box(line)) {
                    findings += analyse(&d, &ctx).findings.len();
                }
            }
            findings
        })
    });
    group.bench_function("report_all_en", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for line in &all {
                for r in report_all(black_box(line), &ctx, Lang::En) {
                    bytes += r.findings.iter().map(|f| f.message.len()).sum::<usize>() + r.error.map_or(0, |e| e.message.len());
                }
            }
            bytes
        })
    });

    // The same work restricted to the lines ftplib.parse227/parse229 see,
    // for an apples-to-apples ratio.
    group.throughput(Throughput::Elements(ftplib_subset.len() as u64));
    // What ftplib does (parse only), with our spans, lints and errors.
    group.bench_function("decode_227_229", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for line in &ftplib_subset {
                found += decode_iter(black_box(line)).count();
            }
            found
        })
    });
    // The yardstick: ftplib's own algorithm, ported to Rust (ftplib_port.rs).
    let accepted = ftplib_subset.iter().filter(|l| ftplib_port_parse(l)).count();
    println!("ftplib_port: {accepted} of {} lines accepted", ftplib_subset.len());
    group.bench_function("ftplib_port_227_229", |b| b.iter(|| ftplib_subset.iter().filter(|l| ftplib_port_parse(black_box(l))).count()));
    // The floor: look at every byte of every line once and do nothing else
    // (a byte sum, which the compiler vectorizes). No decoder can beat it.
    group.bench_function("read_bytes_227_229", |b| {
        b.iter(|| ftplib_subset.iter().map(|l| black_box(l.as_str()).bytes().map(usize::from).sum::<usize>()).sum::<usize>())
    });
    group.bench_function("decode_analyse_227_229", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            for line in &ftplib_subset {
                for d in decode_iter(black_box(line)) {
                    findings += analyse(&d, &ctx).findings.len();
                }
            }
            findings
        })
    });
    group.finish();
}

/// One line through the ported `parse227` or `parse229`, as
/// `scripts/bench/ftplib_timing.py` feeds ftplib; true when it returns.
fn ftplib_port_parse(line: &str) -> bool {
    if line.starts_with("227") {
        black_box(ftplib_port::parse227(line)).is_some()
    } else {
        black_box(ftplib_port::parse229(line)).is_some()
    }
}

criterion_group!(decode_benches, benches);

fn main() {
    if std::env::var_os("PASV_BENCH_CORPUS_ONLY").is_some() {
        let items = corpus::write_and_load();
        let path = corpus::path();
        println!("wrote {} lines to {}", items.len(), path.canonicalize().unwrap_or(path).display());
        return;
    }
    decode_benches();
    Criterion::default().configure_from_args().final_summary();
}
