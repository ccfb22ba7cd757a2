#!/usr/bin/env bash
# Instructions per line (callgrind), repeatable whatever else the machine
# does, unlike the times of scripts/bench/run.sh. On the corpus's 227/229
# lines (the ones ftplib parses):
#
#   scripts/bench/instructions.sh            # decode and decode+analyse
#   scripts/bench/instructions.sh decode     # one stage
#
# Each stage's count minus the `none` stage (reading the corpus only),
# divided by the number of lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
corpus="${PASV_BENCH_CORPUS:-$target_dir/bench-corpus.txt}"
[[ -f "$corpus" ]] || PASV_BENCH_CORPUS="$corpus" PASV_BENCH_CORPUS_ONLY=1 cargo bench -p pasv-core --bench decode
cargo build --release -q -p pasv-core --example instructions
bin="$target_dir/release/examples/instructions"

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$corpus" "$1" 2>&1 >/dev/null |
        sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}
lines=$("$bin" "$corpus" none | cut -d' ' -f1)
base=$(count none)
stages=("$@")
[[ ${#stages[@]} -gt 0 ]] || stages=(decode decode-analyse)
for stage in "${stages[@]}"; do
    n=$(count "$stage")
    python3 -c "import sys; n,b,l=map(int,sys.argv[1:4]); print(f'{sys.argv[4]:<16}{(n-b)/l:>8.0f} instructions/line ({l} lines)')" "$n" "$base" "$lines" "$stage"
done
