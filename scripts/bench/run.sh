#!/usr/bin/env bash
# Benchmark pasv-core against CPython's ftplib on the same corpus.
#
#   scripts/bench/run.sh            # criterion bench + ftplib timing + summary
#   scripts/bench/run.sh --no-bench # summary from the last criterion run
#
# 1. `cargo bench -p pasv-core --bench decode` writes the deterministic
#    100 000-line corpus to target/bench-corpus.txt and measures, per line:
#    decode, decode+analyse, report_all (English messages), and decode+analyse
#    restricted to the 227/229 lines ftplib can parse.
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
    return est["mean"]["point_estimate"] / elems, est["median"]["point_estimate"] / elems, elems

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
print(f"{'benchmark':<34}{'lines':>8}{'mean ns/line':>14}{'median ns/line':>16}")
ours = {}
for name, label in [("decode", "pasv-core decode"),
                    ("decode_analyse", "pasv-core decode+analyse"),
                    ("report_all_en", "pasv-core report_all (en)"),
                    ("decode_analyse_227_229", "pasv-core decode+analyse 227/229")]:
    try:
        mean, median, n = per_line(name)
    except OSError:
        print(f"{label:<34}  (no criterion result; run without --no-bench)")
        continue
    ours[name] = median
    print(f"{label:<34}{n:>8}{mean:>14.1f}{median:>16.1f}")
print(f"{'ftplib parse227/parse229 227/229':<34}{py['lines']:>8}{py['median_ns_per_line']:>14.1f}{py['median_ns_per_line']:>16.1f}"
      f"   (best pass {py['ns_per_line']:.1f})")
print()
f = py["median_ns_per_line"]
if "decode_analyse_227_229" in ours:
    r = f / ours["decode_analyse_227_229"]
    print(f"ratio ftplib / ours, same 227/229 lines, decode+analyse: {r:.1f}x {'(goal >= 50x met)' if r >= 50 else '(goal >= 50x NOT met)'}")
if "decode_analyse" in ours:
    print(f"ratio ftplib (227/229 lines) / ours decode+analyse (whole corpus): {f / ours['decode_analyse']:.1f}x")
if "decode" in ours:
    print(f"ratio ftplib / ours decode only (whole corpus): {f / ours['decode']:.1f}x")
EOF
