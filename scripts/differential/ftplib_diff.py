#!/usr/bin/env python3
"""Differential test: CPython ftplib.parse227/parse229 versus pasv-lens.

For every 227 and 229 line of the shared corpus
(/work/shared/corpus/public-replies.tsv) and of
crates/pasv-core/tests/vectors.tsv (when present), run

  * ftplib.parse227(resp) / ftplib.parse229(resp, ('203.0.113.10', 21))
    (multi-line replies joined with '\\n', as ftplib.getmultiline() does), and
  * pasv-lens decode --json --control-ip 203.0.113.10 -- LINE...
    (all lines in one invocation, one argument each, real CRLF between the
    lines of a multi-line reply),

compare what each makes of the address and port, and print every
disagreement with a reason category. --write regenerates
scripts/differential/DISAGREEMENTS.md. --bench-corpus FILE additionally
counts categories over the benchmark corpus (no per-line table).

Exit status 0; the disagreements are expected and documented, not failures.
"""
import argparse
import collections
import ftplib
import json
import os
import socket
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER = ("203.0.113.10", 21)
SOURCES = [
    "/work/shared/corpus/public-replies.tsv",
    os.path.join(REPO, "crates", "pasv-core", "tests", "vectors.tsv"),
]
MD = os.path.join(REPO, "scripts", "differential", "DISAGREEMENTS.md")


# --------------------------------------------------------------------------
# Inputs

def unescape(cell):
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell) and cell[i + 1] in "rnt\\":
            out.append({"r": "\r", "n": "\n", "t": "\t", "\\": "\\"}[cell[i + 1]])
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


def wire_lines(text):
    """Reply text -> list of lines, whatever the line ending."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def load_tsv(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for n, row in enumerate(f, 1):
            row = row.rstrip("\n")
            if not row or row.startswith("#"):
                continue
            cell = row.split("\t")[0]
            if n == 1 and not cell[:1].isdigit():
                continue  # header
            text = unescape(cell)
            if text[:3] in ("227", "229"):
                items.append((f"{os.path.relpath(path, REPO) if path.startswith(REPO) else os.path.basename(path)}:{n}", text))
    return items


def load_bench(path):
    with open(path, encoding="utf-8") as f:
        return [(f"{os.path.basename(path)}:{n}", unescape(line.rstrip("\n")))
                for n, line in enumerate(f, 1) if line[:3] in ("227", "229")]


# --------------------------------------------------------------------------
# The two parsers

def run_ftplib(text):
    resp = "\n".join(wire_lines(text))  # what getmultiline() returns
    try:
        if resp[:3] == "227":
            host, port = ftplib.parse227(resp)
        else:
            host, port = ftplib.parse229(resp, PEER)
        return {"ok": True, "host": host, "port": port}
    except Exception as e:  # noqa: BLE001 - we want to know which
        return {"ok": False, "exc": type(e).__name__, "msg": str(e)[:60]}


def build_cli():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "pasv-cli", "--bin", "pasv-lens"], cwd=REPO, check=True)
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO,
                                     check=True, capture_output=True, text=True).stdout)
    return os.path.join(meta["target_directory"], "release", "pasv-lens")


def cli_reports(exe, args):
    """One pasv-lens invocation; returns the JSON reports (JSON Lines)."""
    cmd = [exe, "decode", "--json", "--control-ip", PEER[0], "--"] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"pasv-lens failed ({p.returncode}): {p.stderr}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def pick(reports):
    for r in reports:
        if r["kind"] in ("pasv", "epsv"):
            return r
    return reports[0] if reports else None


def run_ours(exe, texts):
    """All lines at once; falls back to one call per line if the count of
    reports does not match (an input yielding several reports)."""
    args = ["\r\n".join(wire_lines(t)) for t in texts]
    if any("\\" in a for a in args):  # the CLI unescapes \r, \n and \\ in arguments
        args = [a.replace("\\", "\\\\") for a in args]
    out = []
    for start in range(0, len(args), 500):  # stay well under ARG_MAX
        chunk = args[start:start + 500]
        reports = cli_reports(exe, chunk)
        if len(reports) == len(chunk):
            out += reports
        else:
            out += [pick(cli_reports(exe, [a])) for a in chunk]
    return out


# --------------------------------------------------------------------------
# Comparison

def effective_v4(host):
    """What socket.create_connection((host, port)) would reach: glibc
    inet_aton reads zero-padded parts as octal. None if not an address."""
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        return None


def field_text(text, span):
    """The characters a report span covers (byte offsets into the argument
    the CLI was given: the lines joined with CRLF)."""
    data = "\r\n".join(wire_lines(text)).encode()
    return data[span[0]:span[1]].decode("utf-8", "replace") if span else ""


def port_text_229(text):
    left = text.find("(")
    seg = text[left + 1:] if left >= 0 else text
    d = seg[:1]
    parts = seg.split(d) if d else []
    return parts[3] if len(parts) > 3 else ""


UNEXPLAINED = ("Not explained yet: no category above matches these lines. Each needs a category of its "
               "own in `CATEGORIES` and a rule in `categorize()` (scripts/differential/ftplib_diff.py) saying "
               "why we differ; the script warns on standard error while any line lands here.")
FALLBACKS = ("ours-227-other-accept", "ours-229-other-accept", "ftplib-other-accept", "value-differs")

CATEGORIES = collections.OrderedDict([
    ("ftplib-no-byte-range-check",
     ("ftplib accepts 227 numbers > 255",
      "parse227 matches `(\\d+),(\\d+),...` and never range-checks: the host becomes a string such as "
      "`1216.256.2.127` or `99999999999999999999999.0.0.1` (not an address; `FTP.makepasv()` uses it only "
      "when `trust_server_pasv_ipv4_address` is set, and socket.create_connection then hands it to "
      "getaddrinfo as a host name) and `port = (p1 << 8) + p2` can exceed 65535. `FTP.ntransfercmd` passes "
      "that port to `socket.create_connection`, whose getaddrinfo (glibc) silently wraps it modulo 65536: "
      "`(192,168,1,2,300,5)` is port 76805 to parse227 and a connection to port 11269. RFC 959 defines "
      "each field as an 8-bit byte, so we reject the field with `too-large` and point at it. curl rejects "
      "these too (CURLE_FTP_WEIRD_227_FORMAT, tests/data/test237).")),
    ("ftplib-no-port-range-check",
     ("ftplib accepts 229 ports outside 1-65535",
      "parse229 returns `int(parts[3])` unchecked, e.g. 1000000 or 99999. `socket.connect` would raise "
      "OverflowError, but `FTP.ntransfercmd` uses `socket.create_connection`, whose getaddrinfo (glibc) "
      "wraps the port modulo 65536: 1000000 becomes a connection to port 16960, 99999 to 34463. A port "
      "that does not fit a C `long` (the 23-digit one) makes getaddrinfo raise OverflowError instead, "
      "which `ftplib.all_errors` does not include. The ftplib column shows what "
      "`socket.getaddrinfo('127.0.0.1', port)` does with the port on this machine. A TCP port is 16 bits "
      "(RFC 793), so we report `too-large` (curl: CURLE_FTP_WEIRD_PASV_REPLY, tests/data/test238).")),
    ("ftplib-accepts-port-zero",
     ("ftplib accepts port 0",
      "Neither parser in ftplib checks for 0; `(h1,h2,h3,h4,0,0)` and `(|||0|)` yield port 0, which no "
      "one can connect to (on Linux, connecting to port 0 is refused). We report `port-zero` "
      "(nf_conntrack_ftp also refuses it; LightFTP PR #70).")),
    ("ftplib-int-underscore",
     ("ftplib accepts `50_000` (int() grammar)",
      "parse229 converts the port with Python's `int()`, which allows PEP 515 digit separators. RFC 2428 "
      "defines the port as decimal digits; no server sends `_`, so we report `port-not-digits` at the `_`.")),
    ("ftplib-int-unicode-digits",
     ("ftplib accepts non-ASCII digits (int() grammar)",
      "`int()` accepts any Unicode decimal digit, so `(|||٥٠٠٠٠|)` (Arabic-Indic) is port 50000 to "
      "ftplib. The control connection speaks Telnet NVT-ASCII (RFC 959) and RFC 2428 §3's port is ASCII digits; we report `port-not-digits` on the "
      "first such character. (parse227 compiles its regex with re.ASCII, so 227 is not affected.)")),
    ("ftplib-int-whitespace",
     ("ftplib accepts spaces around the 229 port (int() strips them)",
      "`int(' 50000')` is 50000. RFC 2428's `<d><d><d><tcp-port><d>` has no spaces, and a space inside the "
      "delimiters usually means a hand-written or broken server; we report `port-not-digits` at the space "
      "(tolerating spaces is a deliberate choice only for the 227 list, where real servers send them).")),
    ("ftplib-int-sign",
     ("ftplib accepts a sign on the 229 port (int() grammar)",
      "`int('+5')` / `int('-5')` parse; a port has no sign. We report `port-not-digits`.")),
    ("ftplib-227-sign-skipped",
     ("ftplib skips a sign before the first 227 number",
      "parse227's pattern `(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)` has no sign, but it is applied with "
      "`re.search`, which starts the match at the first digit: in `(+198,51,100,7,156,64)` the `+` is "
      "skipped as text before the list, and `(-198,51,100,7,156,64)` is 198.51.100.7 too, the minus "
      "silently dropped. Neither `int()` nor the pattern accepts the sign itself: a sign before any later "
      "number breaks the run of six, and ftplib rejects the line as we do. RFC 959 writes each field as a "
      "decimal number 0-255 with no sign, so we reject the first field, `not-a-number` for `+198` and "
      "`negative` for `-198`, with its span.")),
    ("ftplib-first-six-of-more",
     ("ftplib takes the first six numbers of a longer list",
      "parse227 searches for six comma-separated numbers anywhere, so `(192,168,1,2,4,5,6)` decodes as "
      "192.168.1.2:1029 and the seventh number is silently ignored. Which six are meant is ambiguous, so "
      "we report `wrong-count` (jlaffaye/ftp, per the corpus notes, also only checks for at least six).")),
    ("ftplib-zero-padded-host",
     ("ftplib returns the zero-padded host string unchanged",
      "parse227 joins the digit strings: `(010,000,000,001,4,5)` gives host `'010.000.000.001'`, which "
      "getaddrinfo/inet_aton read as octal, i.e. 8.0.0.1 — a different machine. We read the fields as "
      "decimal (RFC 959) and flag `leading-zeros` with the octal misreading. When every padded part is "
      "< 8 (`192.168.001.002`) the effective address is the same and only the string differs; when "
      "one contains an 8 or 9 (`192.168.175.069`) inet_aton rejects the string and getaddrinfo would "
      "try to resolve it as a host name.")),
    ("ours-229-without-parentheses",
     ("we accept a 229 without parentheses",
      "parse229 requires `(`; we follow RFC 1123 §4.1.2.6's robustness advice (scan the text) and find "
      "the `|||port|` group anyway, flagging `epsv-missing-parentheses`. jlaffaye/ftp also accepts it.")),
    ("ours-227-spaces-in-list",
     ("we accept spaces inside the 227 list",
      "parse227's regex needs `\\d+,\\d+` with nothing between; `(192, 168, 1, 2, 4, 5)` raises "
      "error_proto. Such replies exist (FluentFTP PR #654 log), so we decode them and flag "
      "`spaces-in-list`.")),
    # Fallbacks: a line lands here only when no rule above explains it, and
    # the script warns until a category is added for it.
    ("ours-227-other-accept",
     ("we accept a 227 ftplib rejects (unexplained)", UNEXPLAINED)),
    ("ours-229-other-accept",
     ("we accept a 229 ftplib rejects (unexplained)", UNEXPLAINED)),
    ("ftplib-other-accept",
     ("ftplib accepts a line we reject (unexplained)", UNEXPLAINED)),
    ("value-differs",
     ("both accept, different address or port (unexplained)", UNEXPLAINED)),
    ("both-reject-valueerror",
     ("both reject, but ftplib raises ValueError/IndexError, not ftplib.Error",
      "Not a disagreement on the verdict, but a caller that catches only `ftplib.Error` (or "
      "`ftplib.all_errors`, which is Error, OSError, EOFError and ssl.SSLError) gets an unexpected "
      "ValueError: `(||||)` makes parse229 call `int('')`.")),
])


def categorize(text, ft, ours):
    """None when they agree; else a category key."""
    code = text[:3]
    ok = bool(ours and ours["ok"])
    if ft["ok"] and ok:
        port_same = ft["port"] == ours["port"]
        if code == "229":
            return None if port_same else "value-differs"
        ours_ip = ours["reply_ip"]
        if ft["host"] == ours_ip and port_same:
            return None
        if port_same and ft["host"].replace(".", "").isdigit() and \
                [int(x) for x in ft["host"].split(".")] == [int(x) for x in ours_ip.split(".")]:
            return "ftplib-zero-padded-host"
        return "value-differs"
    if not ft["ok"] and not ok:
        return "both-reject-valueerror" if ft["exc"] in ("ValueError", "IndexError") else None
    if ft["ok"]:  # ftplib accepts, we reject
        err = (ours or {}).get("error") or {}
        eid = err.get("id")
        if eid == "too-large":
            return "ftplib-no-byte-range-check" if code == "227" else "ftplib-no-port-range-check"
        if eid == "port-zero":
            return "ftplib-accepts-port-zero"
        if eid == "wrong-count":
            return "ftplib-first-six-of-more"
        if code == "227" and eid in ("not-a-number", "negative") and field_text(text, err["span"])[:1] in "+-":
            return "ftplib-227-sign-skipped"
        if eid == "port-not-digits":
            p = port_text_229(text)
            if "_" in p:
                return "ftplib-int-underscore"
            if any(c.isdigit() and not c.isascii() for c in p):
                return "ftplib-int-unicode-digits"
            if p != p.strip():
                return "ftplib-int-whitespace"
            if p[:1] in "+-":
                return "ftplib-int-sign"
        return "ftplib-other-accept"
    # we accept, ftplib rejects
    ids = {f["id"] for f in ours["findings"]}
    if code == "229":
        if "(" not in text:
            return "ours-229-without-parentheses"
        return "ours-229-other-accept"
    if "spaces-in-list" in ids:
        return "ours-227-spaces-in-list"
    return "ours-227-other-accept"


def create_connection_port(port):
    """What socket.create_connection() makes of a port above 65535: its
    getaddrinfo call, tried on a numeric local address (no lookup)."""
    try:
        got = socket.getaddrinfo("127.0.0.1", port, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
        return f"connects to port {got[0][4][1]}"
    except (OverflowError, OSError) as e:
        return f"create_connection raises {type(e).__name__}"


def source_order(where):
    """Sort key for `path:line`: by path, then by line number."""
    path, _, line = where.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def describe_ft(ft):
    if ft["ok"]:
        host = ft["host"]
        note = ""
        if "." in host and host.replace(".", "").isdigit() and any(len(p) > 1 and p[0] == "0" for p in host.split(".")):
            eff = effective_v4(host)
            note = f" (inet_aton: {eff})" if eff else " (inet_aton: invalid)"
        if ft["port"] > 65535:
            note += f" ({create_connection_port(ft['port'])})"
        return f"`{host}`:{ft['port']}{note}"
    return f"{ft['exc']}"


def describe_ours(r):
    if r is None:
        return "(no report)"
    if r["ok"]:
        return f"{r['reply_ip'] or r['ip']}:{r['port']}"
    return f"error `{r['error']['id']}`"


def md_cell(s):
    return s.replace("|", "\\|").replace("\r", "").replace("\n", "⏎")


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write {os.path.relpath(MD, REPO)}")
    ap.add_argument("--bench-corpus", metavar="FILE", help="also count categories over this corpus")
    ap.add_argument("--cli", metavar="EXE", help="pasv-lens binary (default: cargo build --release)")
    args = ap.parse_args()

    items = []
    used = []
    for src in SOURCES:
        if os.path.exists(src):
            got = load_tsv(src)
            items += got
            used.append((src, len(got)))
    exe = args.cli or build_cli()
    ours = run_ours(exe, [t for _, t in items])

    rows = []
    agree = 0
    for (where, text), r in zip(items, ours):
        ft = run_ftplib(text)
        cat = categorize(text, ft, r)
        if cat is None:
            agree += 1
        else:
            rows.append((cat, where, text, ft, r))

    order = list(CATEGORIES)
    rows.sort(key=lambda x: (order.index(x[0]), source_order(x[1])))
    counts = collections.Counter(c for c, *_ in rows)

    print(f"{len(items)} lines (227/229) from " + ", ".join(f"{os.path.basename(s)} ({n})" for s, n in used))
    print(f"agree: {agree}; disagree: {len(rows)}\n")
    w = max([len(r[1]) for r in rows] + [6])
    print(f"{'category':<30} {'source':<{w}}  {'ftplib':<28} {'pasv-lens':<32} line")
    for cat, where, text, ft, r in rows:
        print(f"{cat:<30} {where:<{w}}  {describe_ft(ft):<28} {describe_ours(r):<32} {text!r}")
    print()
    for cat in order:
        if counts[cat]:
            print(f"{counts[cat]:>4}  {cat}: {CATEGORIES[cat][0]}")
    unexplained = [r for r in rows if r[0] in FALLBACKS]
    for cat, where, text, ft, r in unexplained:
        print(f"warning: {where}: {text!r} is an unexplained disagreement ({cat}); add a category for it",
              file=sys.stderr)

    bench_counts = None
    if args.bench_corpus:
        bitems = load_bench(args.bench_corpus)
        bours = run_ours(exe, [t for _, t in bitems])
        bench_counts = collections.Counter()
        for (_, text), r in zip(bitems, bours):
            bench_counts[categorize(text, run_ftplib(text), r) or "agree"] += 1
        print(f"\nbenchmark corpus {args.bench_corpus}: {len(bitems)} lines (227/229)")
        for cat, n in bench_counts.most_common():
            print(f"{n:>7}  {cat}")

    if args.write:
        write_md(items, used, agree, rows, counts, bench_counts, args.bench_corpus)
        print(f"\nwrote {os.path.relpath(MD, REPO)}")


def write_md(items, used, agree, rows, counts, bench_counts, bench_path):
    out = []
    out.append("# pasv-lens vs CPython ftplib: where the parsers disagree\n")
    out.append("Generated by `python3 scripts/differential/ftplib_diff.py --write"
               + (" --bench-corpus target/bench-corpus.txt" if bench_counts else "") + "` "
               f"(CPython {sys.version.split()[0]}). Every 227 and 229 line of "
               + " and ".join(f"`{os.path.relpath(s, REPO) if s.startswith(REPO) else s}` ({n})" for s, n in used)
               + " goes through `ftplib.parse227(resp)` / `ftplib.parse229(resp, ('203.0.113.10', 21))` "
               "and through `pasv-lens decode --json --control-ip 203.0.113.10`. Multi-line replies reach "
               "ftplib joined with `\\n`, as `getmultiline()` returns them.\n")
    out.append("Compared: for 227, the address written in the reply (`reply_ip`) and the port; for 229, the port. "
               "A line where both reject is an agreement (listed only when ftplib raises a non-`ftplib.Error` "
               "exception). ")
    out.append(f"**{len(items)} lines: {agree} agree, {len(rows)} disagree.**\n")
    out.append("Not compared here, by design: *where* a client connects. Since CPython 3.10 (backported to "
               "3.6.14+, bpo-43285) `ftplib.FTP.makepasv()` ignores the 227 address unless "
               "`trust_server_pasv_ipv4_address` is set and always connects to the control peer; pasv-lens "
               "reports the written address and substitutes the control address only when the written one "
               "cannot be right (unroutable from the control peer, unspecified, multicast, broadcast), "
               "like curl, FileZilla and lftp. That is analysis (`connect_to`), not parsing.\n")
    out.append("Agreements worth knowing: `(|1|192.168.1.2|50000|)` (non-blank 229 fields) gives port 50000 to "
               "both, ftplib silently and pasv-lens with `epsv-nonblank-fields`; a multi-line 227 with the address "
               "only on its first line decodes in both (ftplib searches the whole joined reply), and pasv-lens "
               "flags `address-not-on-final-line` because final-line-only clients fail on it.\n")
    out.append("## Summary\n")
    out.append("| category | count | what |\n|---|---:|---|")
    for cat in CATEGORIES:
        if counts[cat]:
            out.append(f"| `{cat}` | {counts[cat]} | {CATEGORIES[cat][0]} |")
    out.append("")
    if bench_counts:
        out.append(f"Over the 100 000-item benchmark corpus (`{os.path.basename(bench_path)}`, "
                   f"{sum(bench_counts.values())} lines with 227/229; synthetic, so the counts reflect the "
                   "generator's mix, not the real world):\n")
        out.append("| category | count |\n|---|---:|")
        for cat, n in bench_counts.most_common():
            out.append(f"| `{cat}` | {n} |")
        out.append("")
    out.append("## Why we differ\n")
    for cat, (title, why) in CATEGORIES.items():
        if counts[cat] or (bench_counts and bench_counts[cat]):
            out.append(f"### `{cat}` — {title}\n\n{why}\n")
    out.append("## Every disagreement\n")
    out.append("| category | source | line | ftplib | pasv-lens |\n|---|---|---|---|---|")
    for cat, where, text, ft, r in rows:
        out.append(f"| `{cat}` | {where} | `{md_cell(text)}` | {md_cell(describe_ft(ft))} | {md_cell(describe_ours(r))} |")
    out.append("")
    with open(MD, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
