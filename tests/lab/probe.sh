#!/usr/bin/env bash
# `pasv-lens probe` against the lab's real servers (tests/lab/README.md):
# one lane of the lab's topology (client, NAT router, server namespaces),
# the servers started with the lab's own configs, the probe run from the
# client namespace with `ip netns exec`. Each case asserts the exit status,
# the core's verdict id and that the password is never printed. Every
# namespace and process it starts is removed at the end.
#   bash tests/lab/probe.sh            (as root; builds target/debug/pasv-lens if missing)
# Env: PASV_LENS (the binary to test), PROBE_ONLY (regex on case names).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LAB_DIR="$ROOT/tests/lab"
RUN=${LAB_PROBE_RUN:-/tmp/pasv-lab-probe}
# shellcheck source=tests/lab/lib/constants.sh
. "$LAB_DIR/lib/constants.sh"
# A lane number of its own: scripts/lab.sh uses lanes 0 to LAB_LANES-1.
LANE=${PROBE_LANE:-90}
export LC_ALL=C

for f in setup servers; do
  # shellcheck source=/dev/null
  . "$LAB_DIR/lib/$f.sh"
done

[ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"
PROBE=${PASV_LENS:-$ROOT/target/debug/pasv-lens}
if [ ! -x "$PROBE" ]; then
  (cd "$ROOT" && cargo build -q -p pasv-cli) || die "cargo build -p pasv-cli"
fi

mkdir -p "$RUN"
LANE_DIR="$RUN/lane$LANE"
mkdir -p "$LANE_DIR"
SRV_KEY=""

# Only what this script made: its lane's namespaces and its server.
cleanup() {
  if [ -f "$LANE_DIR/server.ns" ]; then stop_server "$LANE_DIR" "$(cat "$LANE_DIR/server.ns")"; fi
  del_recorded_ns
}

install_all
setup_user
make_cert
cleanup
trap cleanup EXIT
lane_ns "$LANE"
# Left over by an interrupted run of this script: the same names.
for n in "$NS_C" "$NS_R" "$NS_S" "$NS_SOLO"; do
  ip netns list | awk '{print $1}' | grep -qx "$n" && ip netns del "$n"
done
build_lane "$LANE"

PASS=0
FAIL=0
ROUTER_KEY=""

# probe_case NAME SERVER MASQ PORTS HELPER ACTIVE TLS VARIANT FAMILY EXIT VERDICT [probe options...]
# MASQ: - (the server announces its own 10.0.0.12) or an address to announce.
probe_case() {
  local name=$1 server=$2 masq=$3 ports=$4 helper=$5 active=$6 tls=$7 variant=$8 fam=$9
  local want_exit=${10} want_verdict=${11}
  shift 11
  [ -n "${PROBE_ONLY:-}" ] && ! [[ $name =~ $PROBE_ONLY ]] && return 0
  local host=203.0.113.1 url ns_s=$NS_S ns_c=$NS_C
  [ "$fam" = 6 ] && host="[2001:db8:2::12]"
  if [ -n "${PROBE_SOLO:-}" ]; then
    # One host (lab-solo): the probe reaches the server at 127.0.0.1, as
    # through a tunnel or a port forward; private addresses are dropped there.
    ns_s=$NS_SOLO ns_c=$NS_SOLO host=127.0.0.1
  else
    local rkey="$ports $helper $active"
    if [ "$ROUTER_KEY" != "$rkey" ]; then router_conf "$ports" "$helper" "$active"; ROUTER_KEY=$rkey; fi
  fi
  url="ftp://lab@$host/"
  start_server "$LANE_DIR" "$ns_s" "$server" "$masq" "$variant" "$tls" "$fam"
  local out="$LANE_DIR/$name.jsonl" human="$LANE_DIR/$name.txt" rc start took
  start=$(date +%s)
  timeout -k 2 90 ip netns exec "$ns_c" env PASV_LENS_PASSWORD="${PROBE_PW:-$LAB_PW}" \
    "$PROBE" probe --json --timeout 3 "$@" "$url" > "$out" 2> "$LANE_DIR/$name.err" < /dev/null
  rc=$?
  took=$(( $(date +%s) - start ))
  # The same probe for people, in Vietnamese: the same exit status, and
  # its verdict and result in that language.
  local rc_vi
  timeout -k 2 90 ip netns exec "$ns_c" env PASV_LENS_PASSWORD="${PROBE_PW:-$LAB_PW}" \
    "$PROBE" probe --lang vi --timeout 3 "$@" "$url" > "$human" 2>&1 < /dev/null
  rc_vi=$?
  local verdict
  verdict=$(tail -n 1 "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["summary"]["verdict"]["id"])' 2>/dev/null)
  local problems=""
  [ "$rc" = "$want_exit" ] || problems="$problems exit $rc (want $want_exit)"
  [ "$verdict" = "$want_verdict" ] || problems="$problems verdict ${verdict:-none} (want $want_verdict)"
  [ "$rc_vi" = "$rc" ] || problems="$problems exit $rc_vi with --lang vi"
  grep -q '^Kết quả: ' "$human" || problems="$problems no Vietnamese result"
  if [ "$rc" != 3 ] && ! grep -q '^Kết luận: ' "$human"; then problems="$problems no Vietnamese verdict"; fi
  if grep -q -- "${PROBE_PW:-$LAB_PW}" "$out" "$human" "$LANE_DIR/$name.err"; then problems="$problems password printed"; fi
  if [ -z "$problems" ]; then
    PASS=$((PASS + 1))
    echo "probe-lab: ok   $name ($server, exit $rc, $verdict, ${took} s)"
  else
    FAIL=$((FAIL + 1))
    echo "probe-lab: FAIL $name ($server):$problems"
    sed 's/^/    /' "$human"
  fi
}

# Real servers in the lab's main scenarios (tests/lab/README.md), expected
# exit status and the core's verdict for each.
for s in vsftpd proftpd pure-ftpd pyftpdlib; do
  # Public address announced, passive range forwarded: all good.
  probe_case "clean-$s" "$s" 203.0.113.1 forwarded none ok none none 4 0 no-problem
  # The server announces its private address: the probe uses the control
  # address, the transfer works, but clients that trust the 227 fail.
  probe_case "private-$s" "$s" - forwarded none ok none none 4 1 nat-worked-around
  # The same, trusting the 227 as wget or tnftp would: 10.0.0.12 is unreachable.
  probe_case "private-trusted-$s" "$s" - forwarded none ok none none 4 1 nat-unroutable --try-announced
  # The router drops the passive range.
  probe_case "ports-drop-$s" "$s" 203.0.113.1 drop none ok none none 4 1 ports-blocked
done
# EPSV refused: the probe goes on with PASV, which works.
probe_case "epsv-501-proftpd" proftpd 203.0.113.1 forwarded none ok none epsv501 4 0 epsv-fallback
probe_case "epsv-500-pyftpdlib" pyftpdlib 203.0.113.1 forwarded none ok none epsv500 4 0 epsv-fallback
probe_case "ports-reject-vsftpd" vsftpd 203.0.113.1 reject none ok none none 4 1 ports-blocked
# The right address announced, but the router does not forward the range.
probe_case "not-forwarded-proftpd" proftpd 203.0.113.1 not-forwarded none ok none none 4 1 ports-blocked
# vsftpd with pasv_enable=NO: 550 to EPSV and PASV.
probe_case "pasv-disabled-vsftpd" vsftpd 203.0.113.1 forwarded none ok none nopasv 4 1 passive-disabled
# EPSV refused over IPv6: PASV cannot help there.
probe_case "ipv6-epsv-501-proftpd" proftpd - forwarded none ok none epsv501 6 1 epsv-refused
# vsftpd on a dual-stack socket with pasv_address set answers PASV with 0,0,0,0.
probe_case "dualstack-vsftpd" vsftpd 203.0.113.1 forwarded none ok none dualstack 4 1 bad-passive-address
for s in vsftpd proftpd pure-ftpd pyftpdlib; do
  # Over IPv6 (routed, no NAT): EPSV alone.
  probe_case "ipv6-$s" "$s" - forwarded none ok none none 6 0 no-problem
  # Active mode: EPRT and PORT, the server connects back through the router.
  probe_case "active-$s" "$s" 203.0.113.1 forwarded none ok none none 4 0 no-problem --active
done
probe_case "active-refused-vsftpd" vsftpd 203.0.113.1 forwarded none blocked none none 4 1 active-failed --active
probe_case "active-refused-pyftpdlib" pyftpdlib 203.0.113.1 forwarded none blocked none none 4 1 active-failed --active
for s in vsftpd proftpd pure-ftpd; do
  # The kernel's FTP helper rewrites a plain 227 and opens the port...
  probe_case "helper-plain-$s" "$s" - not-forwarded ftp ok none none 4 0 no-problem
  # ...but cannot read it under TLS.
  probe_case "helper-ftps-$s" "$s" - not-forwarded ftp ok explicit none 4 1 nat-ports-blocked --tls explicit --insecure
  # FTPS with the public address announced and the range forwarded: the fix.
  probe_case "ftps-public-$s" "$s" 203.0.113.1 forwarded none ok explicit none 4 0 no-problem --tls explicit --insecure
done
# The lab's certificate is self-signed: without --insecure the check fails.
probe_case "ftps-untrusted-vsftpd" vsftpd 203.0.113.1 forwarded none ok explicit none 4 3 no-exchanges --tls explicit
# Through a tunnel: the server announces its private 10.0.0.12 to a client
# that reached it at 127.0.0.1. The probe uses 127.0.0.1 (worked around);
# trusting the 227 as wget does, 10.0.0.12 is unreachable from there.
PROBE_SOLO=1 probe_case "loopback-private-vsftpd" vsftpd 10.0.0.12 - none ok none none 4 1 nat-worked-around
PROBE_SOLO=1 probe_case "loopback-private-trusted-pyftpdlib" pyftpdlib 10.0.0.12 - none ok none none 4 1 nat-unroutable --try-announced
PROBE_SOLO=1 probe_case "loopback-clean-proftpd" proftpd 127.0.0.1 - none ok none none 4 0 no-problem
# A wrong password: no session.
PROBE_PW=wrong-pw-4c1d probe_case "login-refused-proftpd" proftpd 203.0.113.1 forwarded none ok none none 4 3 no-exchanges

echo "probe-lab: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
