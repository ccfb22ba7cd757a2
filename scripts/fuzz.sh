#!/usr/bin/env bash
# Run every pasv-core fuzz target for N executions each (default 1000000).
#
#   scripts/fuzz.sh [RUNS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Uses the nightly toolchain
# when rustup has one, else the stable toolchain with RUSTC_BOOTSTRAP=1 (for
# -Zsanitizer). Seeds the reply targets' corpora from /work/shared/corpus
# (when present), tests/vectors.tsv and a few reply shapes, and analyse_log's
# from the session-log fixtures (tests/logs/); crashes land in
# fuzz/artifacts/<target>/, logs in fuzz/target/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-1000000}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(decode_all decode_roundtrip encode analyse_log)

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

# Seed corpora: one file per known reply shape.
seed() {
    local dir=fuzz/corpus/$1 prefix=$2
    mkdir -p "$dir"
    local tsv=/work/shared/corpus/public-replies.tsv
    local vectors=crates/pasv-core/tests/vectors.tsv
    python3 - "$dir" "$prefix" "$tsv" "$vectors" <<'PY'
import hashlib, os, sys
out, prefix, sources = sys.argv[1], sys.argv[2].encode(), sys.argv[3:]
lines = []
for src in sources:
    if os.path.exists(src):
        with open(src, encoding="utf-8") as f:
            for i, row in enumerate(f):
                cell = row.rstrip("\n").split("\t")[0]
                if cell and not (i == 0 and cell in ("line", "input")):
                    lines.append(cell.replace("\\r", "\r").replace("\\n", "\r\n"))
lines += ["227 Entering Passive Mode (10,0,0,12,156,64).", "229 Entering Extended Passive Mode (|||6446|)",
          "EPRT |2|1080::8:800:200C:417A|5282|", "LPRT 6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,4,5",
          "EPSV\r\n229 Entering Extended Passive Mode (|||50000|)\r\nPASV\r\n227 =10,0,0,1,4,5\r\n"]
for line in lines:
    data = prefix + line.encode()
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
PY
}

# Seed a corpus with whole session logs, each behind a selector byte.
seed_logs() {
    local dir=fuzz/corpus/$1 prefix=$2 f
    mkdir -p "$dir"
    for f in crates/pasv-core/tests/logs/*.log tests/e2e/fixtures/*.log; do
        [[ -f $f ]] || continue
        { printf '%s' "$prefix"; cat "$f"; } >"$dir/$(basename "$f")"
    done
}

mkdir -p fuzz/target/logs
status=0
for target in "${targets[@]}"; do
    dict=fuzz/pasv.dict max_len=512
    case $target in
        decode_all) seed "$target" 2 ;;  # first byte selects the context ('2': control 203.0.113.10)
        decode_roundtrip) seed "$target" "" ;;
        # first byte selects the control address given as the override
        analyse_log) seed_logs "$target" 0; dict=fuzz/log.dict max_len=1024 ;;
        *) mkdir -p "fuzz/corpus/$target" ;;
    esac
    log=fuzz/target/logs/$target.log
    echo "== $target: $runs runs (log: $log)"
    if "${fuzz[@]}" run "$target" -O -- -runs="$runs" -dict="$dict" -max_len="$max_len" -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^Done [0-9]+ runs' "$log" || tail -n 3 "$log"
        grep -E 'stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
    else
        status=1
        echo "!! $target failed; see $log and fuzz/artifacts/$target/"
        grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -n 10 || tail -n 30 "$log"
    fi
done
exit $status
