#!/usr/bin/env python3
"""Time CPython's ftplib.parse227 / parse229 over the benchmark corpus.

Reads the corpus the criterion bench writes (target/bench-corpus.txt, one item
per line, a literal backslash-n between the lines of a multi-line reply) and
feeds every 227 item to ftplib.parse227 and every 229 item to
ftplib.parse229(resp, ('203.0.113.10', 21)), catching the exceptions ftplib
raises on malformed replies. Other items are not timed (ftplib has no parser
for them).

Multi-line replies are joined with '\\n', which is what ftplib.getmultiline()
hands to parse227/parse229.

Prints a human summary, and with --json a single JSON object:
  {"lines": N, "ns_per_line": best, "median_ns_per_line": ..., ...}
"""
import argparse
import ftplib
import json
import os
import platform
import statistics
import sys
import time

PEER = ("203.0.113.10", 21)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CORPUS = os.path.join(REPO, "target", "bench-corpus.txt")


def load(path):
    with open(path, encoding="utf-8") as f:
        items = [line.rstrip("\n").replace("\\n", "\n") for line in f]
    return [s for s in items if s[:3] in ("227", "229")]


def run_once(lines, parse227=ftplib.parse227, parse229=ftplib.parse229, peer=PEER):
    ok = 0
    start = time.perf_counter_ns()
    for resp in lines:
        try:
            if resp[:3] == "227":
                parse227(resp)
            else:
                parse229(resp, peer)
            ok += 1
        except (ftplib.Error, ValueError, IndexError):
            pass
    return time.perf_counter_ns() - start, ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=7, help="timed passes over the corpus (default 7)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        sys.exit(f"{args.corpus}: not found; generate it with\n"
                 "  PASV_BENCH_CORPUS_ONLY=1 cargo bench -p pasv-core --bench decode")
    lines = load(args.corpus)
    run_once(lines)  # warm-up (compiles ftplib's regex)
    times = []
    for _ in range(args.repeat):
        ns, ok = run_once(lines)
        times.append(ns)
    n = len(lines)
    result = {
        "lines": n,
        "accepted": ok,
        "rejected": n - ok,
        "repeat": args.repeat,
        "ns_per_line": min(times) / n,
        "median_ns_per_line": statistics.median(times) / n,
        "mean_ns_per_line": statistics.mean(times) / n,
        "python": platform.python_implementation() + " " + platform.python_version(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"ftplib parse227/parse229 ({result['python']}): {n} lines "
              f"({ok} accepted, {n - ok} raised), best of {args.repeat}: "
              f"{result['ns_per_line']:.1f} ns/line (median {result['median_ns_per_line']:.1f})")


if __name__ == "__main__":
    main()
