#!/usr/bin/env bash
# The PASV Lens lab: real FTP servers and clients across a NAT router built
# from network namespaces. Writes tests/lab/logs/*.log and tests/lab/manifest.tsv.
#   bash scripts/lab.sh          install what is missing, build, run everything
#   bash scripts/lab.sh clean    remove the lab's namespaces and processes
# Env: LAB_LANES (parallel copies of the topology, default 8), LAB_ONLY (regex on job lines).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAB_DIR="$ROOT/tests/lab"
LOGS="$LAB_DIR/logs"
RUN=${LAB_RUN:-/tmp/pasv-lab}
# shellcheck source=tests/lab/lib/constants.sh
. "$LAB_DIR/lib/constants.sh"
LANES=${LAB_LANES:-8}
export LC_ALL=C

for f in setup servers clients filezilla scenarios; do
  # shellcheck source=/dev/null
  . "$LAB_DIR/lib/$f.sh"
done

[ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"
mkdir -p "$RUN"

if [ "${1:-}" = clean ]; then
  clean_all
  say "cleaned"
  exit 0
fi

# One client run; arguments are the fields of a job line.
run_one() {
  local scen=$1 topo=$2 fam=$3 server=$4 announce=$5 ports=$6 helper=$7 active=$8 tls=$9
  local variant=${10} fw=${11} client=${12}
  local ns host masq=- name="$scen--$server--$client"
  if [ "$topo" = nat ]; then
    ns=$NS_S; [ "$fam" = 4 ] && host=203.0.113.1 || host=2001:db8:2::12
    [ "$announce" = public ] && masq=203.0.113.1
    local rkey="$ports $helper $active"
    if [ "$ROUTER_KEY" != "$rkey" ]; then router_conf "$ports" "$helper" "$active"; ROUTER_KEY=$rkey; fi
    CNS=$NS_C
  else
    ns=$NS_SOLO; [ "$fam" = 4 ] && host=127.0.0.1 || host=::1
    case $announce in private) masq=10.0.0.12 ;; loopback) masq=127.0.0.1 ;; esac
    CNS=$NS_SOLO
  fi
  local t
  for t in iptables ip6tables; do
    nsx "$CNS" $t -R LABPRIV 1 -j "$fw" || die "client rule in $CNS"
  done
  start_server "$LANE_DIR" "$ns" "$server" "$masq" "$variant" "$tls" "$fam"
  local out="$LANE_DIR/hello.out" raw="$LANE_DIR/raw.log" off=0
  rm -f "$out"
  [ -n "$SRV_LOG" ] && [ -f "$SRV_LOG" ] && off=$(stat -c %s "$SRV_LOG")
  local rc transfer=failed
  if [ "${client%%-*}" = filezilla ]; then
    reset_obs "$CNS"
    fz_run "$CNS" "$host" "$raw" "$tls" "$client"
    rc=$FZ_RC
    # FileZilla only lists the directory: the data connection worked when the listing arrived.
    [ "$rc" = 0 ] && transfer=ok
  else
    client_cmd "$client" "$host" "$out" "$tls"
    reset_obs "$CNS"
    timeout -k 2 12 ip netns exec "$CNS" "${CMD[@]}" < "$STDIN" > "$raw" 2>&1
    rc=$?
    [ -f "$out" ] && [ "$(cat "$out")" = "$HELLO" ] && transfer=ok
  fi
  local drops target
  drops=$(private_drops "$CNS")
  target=$(data_targets "$CNS"); [ -z "$target" ] && target=-
  {
    echo "# PASV Lens lab $(date -u +%Y-%m-%d): $(cached_version server "$server") / $(cached_version client "${client%%-*}") / scenario $scen"
    cat "$raw"
  } > "$LOGS/$name.log"
  if [ -n "$SRV_LOG" ] && [ -f "$SRV_LOG" ]; then
    sleep 0.2
    tail -c +$((off + 1)) "$SRV_LOG" > "$LOGS/$name.server.log"
  fi
  local p=$ports; [ "$topo" = loopback ] && p=-
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name.log" "$scen" "$server" "$client" "$topo" "$fam" "$host" "$(client_mode "$client")" "$tls" \
    "$helper" "$announce" "$p" "$rc" "$transfer" "$drops" "$target" >> "$LANE_DIR/manifest.part"
}

# A lane takes the next job from the shared queue until none is left.
lane_worker() {
  LANE=$1; LANE_DIR="$RUN/lane$1"; RUN_SEQ=0; SRV_KEY=""; ROUTER_KEY=""
  mkdir -p "$LANE_DIR"; : > "$LANE_DIR/manifest.part"
  lane_ns "$1"
  local total n line
  total=$(wc -l < "$RUN/jobs")
  while :; do
    n=$(flock "$RUN/queue.lock" sh -c 'n=$(cat "$1"); echo $((n + 1)) > "$1"; echo "$n"' _ "$RUN/queue")
    [ "$n" -ge "$total" ] && break
    line=$(sed -n "$((n + 1))p" "$RUN/jobs")
    # shellcheck disable=SC2086
    run_one $line
  done
  if [ -f "$LANE_DIR/server.ns" ]; then stop_server "$LANE_DIR" "$(cat "$LANE_DIR/server.ns")"; fi
  return 0
}

START=$(date +%s)
install_all
setup_user
clean_all
make_cert
rm -rf "$RUN/versions"
say "building $LANES lane(s) of namespaces"
for ((i = 0; i < LANES; i++)); do build_lane "$i"; done

jobs_all | grep -E "${LAB_ONLY:-.}" > "$RUN/jobs"
echo 0 > "$RUN/queue"
say "$(wc -l < "$RUN/jobs") client runs on $LANES lane(s)"
mkdir -p "$LOGS"
[ -z "${LAB_ONLY:-}" ] && rm -f "$LOGS"/*.log

trap 'clean_all' EXIT
pids=()
for ((i = 0; i < LANES; i++)); do
  lane_worker "$i" &
  pids+=($!)
  echo $! >> "$RUN/pids"
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=1; done
[ "$fail" = 0 ] || die "a lane failed (see messages above)"

MANIFEST="$LAB_DIR/manifest.tsv"
{
  printf 'log\tscenario\tserver\tclient\ttopology\tfamily\tcontrol\tmode\ttls\trouter_helper\tannounced\tports\texit\ttransfer\tprivate_drops\tdata_target\n'
  if [ -n "${LAB_ONLY:-}" ] && [ -f "$MANIFEST" ]; then
    # A partial run replaces only its own rows.
    cut -f1 "$RUN"/lane*/manifest.part | sort > "$RUN/redone"
    tail -n +2 "$MANIFEST" | awk -F'\t' 'NR==FNR{r[$1]=1; next} !($1 in r)' "$RUN/redone" -
  fi
  cat "$RUN"/lane*/manifest.part
} > "$RUN/manifest.new"
{ head -1 "$RUN/manifest.new"; tail -n +2 "$RUN/manifest.new" | sort; } > "$MANIFEST"
rm -f "$RUN"/lane*/manifest.part

# The matrix a reader looks at: scenario × client × server, from the manifest.
{
  printf '# Lab outcomes\n\nWritten by `bash scripts/lab.sh` from `manifest.tsv`.\n\n'
  printf '`ok`, or `failed` with the client'"'"'s exit status and the packets the\n'
  printf 'client-side private-range rule dropped (about 3 in 3 s: the client tried the\n'
  printf 'private address).\n\n'
  printf '| scenario | client | vsftpd | proftpd | pure-ftpd | pyftpdlib |\n| --- | --- | --- | --- | --- | --- |\n'
  awk -F'\t' 'NR > 1 {
      k = $2 "|" $4; keys[k] = 1; v = $14
      if (v != "ok") v = "failed (exit " $13 (($15 > 0) ? ", " $15 " private drops" : "") ")"
      c[k "|" $3] = v
    }
    END {
      n = split("vsftpd proftpd pure-ftpd pyftpdlib", s, " ")
      for (k in keys) {
        split(k, a, "|"); line = "| " a[1] " | " a[2] " |"
        for (i = 1; i <= n; i++) line = line " " c[k "|" s[i]] " |"
        print line
      }
    }' "$MANIFEST" | sort
} > "$LAB_DIR/outcomes.md"
say "done in $(( $(date +%s) - START )) s: $(($(wc -l < "$MANIFEST") - 1)) rows in tests/lab/manifest.tsv"
