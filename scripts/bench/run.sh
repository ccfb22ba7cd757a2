#!/usr/bin/env bash
# Benchmark pasv-core against CPython's ftplib on the same corpus.
#
#   scripts/bench/run.sh            # criterion bench + ftplib timing + summary
#   scripts/bench/run.sh --no-bench # summary from the last criterion run
#
# 1. `cargo bench -p pasv-core --bench decode` writes the deterministic
#    100 000-line corpus to target/bench-corpus.txt and measures, per line:
#    decode, decode+analyse, report_all (English messages), and decode and
#    decode+analyse restricted to the 227/229 lines ftplib can parse, and
#    ftplib's own algorithm ported to Rust on those lines (the yardstick),
#    and the floor: reading every byte of those lines once.
# 2. scripts/bench/ftplib_timing.py times ftplib.parse227/parse229 on those
#    227/229 lines.
# 3. Prints ns/line for each and the ratio ftplib / ours.
set -euo pipefail
cd "$(dirname "$0")/../.."

run_bench=1
[[ "${1:-}" == "--no-bench" ]] && run_bench=0

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
export PASV_BENCH_CORPUS="$target_dir/bench-corpus.txt"

if [[ $run_bench == 1 ]]; then
    cargo bench -p pasv-core --bench decode
fi
[[ -f "$PASV_BENCH_CORPUS" ]] || PASV_BENCH_CORPUS_ONLY=1 cargo bench -p pasv-core --bench decode

py_json=$(python3 scripts/bench/ftplib_timing.py --json "$PASV_BENCH_CORPUS")

python3 - "$target_dir/criterion/corpus" "$py_json" <<'EOF'
import json, os, platform, sys

base, py = sys.argv[1], json.loads(sys.argv[2])

def per_line(name):
    d = os.path.join(base, name, "new")
    est = json.load(open(os.path.join(d, "estimates.json")))
    elems = json.load(open(os.path.join(d, "benchmark.json")))["throughput"]["Elements"]
    sample = json.load(open(os.path.join(d, "sample.json")))
    best = min(t / i for t, i in zip(sample["times"], sample["iters"]))
    return est["mean"]["point_estimate"] / elems, est["median"]["point_estimate"] / elems, best / elems, elems

cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
print()
print(f"machine: {cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; {py['python']}")
print(f"{'benchmark':<34}{'lines':>8}{'mean ns/line':>14}{'median ns/line':>16}{'best ns/line':>14}")
ours, best = {}, {}
for name, label in [("decode", "pasv-core decode"),
                    ("decode_analyse", "pasv-core decode+analyse"),
                    ("report_all_en", "pasv-core report_all (en)"),
                    ("decode_227_229", "pasv-core decode 227/229"),
                    ("decode_analyse_227_229", "pasv-core decode+analyse 227/229"),
                    ("ftplib_port_227_229", "ftplib's algorithm in Rust 227/229"),
                    ("read_bytes_227_229", "read every byte once 227/229")]:
    try:
        mean, median, fastest, n = per_line(name)
    except OSError:
        print(f"{label:<34}  (no criterion result; run without --no-bench)")
        continue
    ours[name], best[name] = median, fastest
    print(f"{label:<34}{n:>8}{mean:>14.1f}{median:>16.1f}{fastest:>14.1f}")
print(f"{'ftplib parse227/parse229 227/229':<34}{py['lines']:>8}{py['mean_ns_per_line']:>14.1f}"
      f"{py['median_ns_per_line']:>16.1f}{py['ns_per_line']:>14.1f}")
print("(best = fastest sample / pass; on a shared machine it is the least disturbed figure)")
print()
f, fb = py["median_ns_per_line"], py["ns_per_line"]
for name, what in [("decode_227_229", "decode (what ftplib does, plus spans and lints), same 227/229 lines"),
                   ("decode_analyse_227_229", "decode+analyse, same 227/229 lines"),
                   ("decode_analyse", "decode+analyse, whole corpus"),
                   ("decode", "decode only, whole corpus"),
                   ("report_all_en", "report_all (en), whole corpus"),
                   ("ftplib_port_227_229", "ftplib's own algorithm ported to Rust (benches/ftplib_port.rs), same lines"),
                   ("read_bytes_227_229", "the floor: summing every byte of every line once, same lines")]:
    if name in ours:
        print(f"ratio ftplib / ours, {what}: median {f / ours[name]:.1f}x, best {fb / best[name]:.1f}x")
if "decode_analyse_227_229" in ours:
    r = fb / best["decode_analyse_227_229"]
    print(f"goal >= 50x (decode+analyse vs ftplib, same lines, best): {'met' if r >= 50 else 'NOT met'} ({r:.1f}x)")
    print(f"50x means {fb / 50:.1f} ns/line or less")
EOF
