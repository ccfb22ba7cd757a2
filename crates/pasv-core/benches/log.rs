//! Session-log scanning throughput (issue goal: ≥ 500 MB/s on a log that is
//! mostly non-FTP noise). Builds a deterministic ~32 MB `curl -v`-style log in
//! memory: mostly HTTP chatter, TLS and progress lines, with an FTP session
//! (EPSV refused, PASV behind NAT, a timeout) every 2 000 lines, and reports
//! bytes per second for `log::analyse_log` and for `log::looks_like_log`.
//!
//! `cargo bench -p pasv-core --bench log`
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, Criterion, SamplingMode, Throughput};
use pasv_core::log;

const NOISE: &[&str] = &[
    "*   Trying 198.51.100.7:443...",
    "* TLSv1.3 (IN), TLS handshake, Finished (20):",
    "> GET /downloads/archive-2024.tar.gz HTTP/1.1",
    "> Host: mirror.example.org",
    "> User-Agent: curl/8.5.0",
    "< HTTP/1.1 200 OK",
    "< Content-Type: application/octet-stream",
    "{ [16384 bytes data]",
    "  0 1024M    0 16384    0     0  51200      0  5:49:31 --:--:--  5:49:31 51200",
    "2024-05-01 10:00:00,123 INFO worker-3 processed batch 77 in 41 ms",
];

const SESSION: &[&str] = &[
    "* Connected to ftp.example.net (203.0.113.25) port 21",
    "< 220 ProFTPD Server ready",
    "> USER alice",
    "< 331 Password required",
    "> PASS ********",
    "< 230 User logged in",
    "> EPSV",
    "< 500 EPSV not understood",
    "> PASV",
    "< 227 Entering Passive Mode (10,0,0,12,156,64).",
    "* connect to 10.0.0.12 port 40000 failed: Connection timed out",
];

fn build_log(target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 1024);
    let mut i = 0usize;
    while out.len() < target_bytes {
        if i % 2000 == 0 {
            for line in SESSION {
                out.push_str(line);
                out.push('\n');
            }
        }
        let _ = writeln!(out, "{} #{i}", NOISE[i % NOISE.len()]);
        i += 1;
    }
    out
}

fn benches(c: &mut Criterion) {
    let text = build_log(32 * 1024 * 1024);
    let mut group = c.benchmark_group("log");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyse_log (32 MB, mostly noise)", |b| b.iter(|| black_box(log::analyse_log(black_box(&text), None))));
    group.bench_function("looks_like_log (32 MB)", |b| b.iter(|| black_box(log::looks_like_log(black_box(&text)))));
    group.finish();
}

criterion_group!(log_benches, benches);

fn main() {
    log_benches();
    Criterion::default().configure_from_args().final_summary();
}
