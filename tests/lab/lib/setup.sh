# Lab setup: packages, the test user, and the namespaces of one lane.
# Sourced by scripts/lab.sh.

die() { echo "lab: FAILED: $*" >&2; exit 1; }
say() { echo "lab: $*" >&2; }

APT_PKGS="vsftpd lftp curl wget tnftp inetutils-ftp iproute2 iptables openssl filezilla xvfb xauth
  libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 libcap2 libidn2-0 libsodium23"
# proftpd-core, proftpd-mod-crypto and pure-ftpd each conflict with vsftpd
# (all provide ftp-server), so they are unpacked under $LAB_OPT instead of installed.
UNPACKED_PKGS="proftpd-core proftpd-mod-crypto pure-ftpd"

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y "$@" >&2
}

install_all() {
  local missing=0 p
  for p in vsftpd lftp curl wget tnftp inetutils-ftp ip iptables openssl filezilla xvfb-run xauth; do
    command -v "$p" >/dev/null 2>&1 || missing=1
  done
  for p in libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 libsodium23; do
    dpkg -s "$p" >/dev/null 2>&1 || missing=1
  done
  if [ "$missing" = 1 ]; then
    say "installing Debian packages"
    # Keep the packages' own services from starting on the host: the lab
    # runs its servers itself, inside namespaces, with its own configs.
    local own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d
      own_policy=1
    fi
    apt-get -o DPkg::Lock::Timeout=900 update -qq >&2 || die "apt-get update"
    # shellcheck disable=SC2086
    apt_install $APT_PKGS || die "apt-get install $APT_PKGS"
    [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      systemctl disable --now vsftpd >/dev/null 2>&1 || true
    fi
  fi
  if [ ! -x "$LAB_OPT/usr/sbin/proftpd" ] || [ ! -x "$LAB_OPT/usr/sbin/pure-ftpd" ] ||
     [ ! -e "$LAB_OPT/usr/lib/proftpd/mod_tls.so" ]; then
    say "unpacking $UNPACKED_PKGS into $LAB_OPT"
    local d; d=$(mktemp -d)
    chmod 777 "$d"
    # shellcheck disable=SC2086
    (cd "$d" && apt-get download $UNPACKED_PKGS >&2) || {
      apt-get -o DPkg::Lock::Timeout=900 update -qq >&2
      (cd "$d" && apt-get download $UNPACKED_PKGS >&2) || die "apt-get download $UNPACKED_PKGS"
    }
    mkdir -p "$LAB_OPT"
    for p in "$d"/*.deb; do dpkg -x "$p" "$LAB_OPT" || die "dpkg -x $p"; done
    rm -rf "$d"
  fi
  python3 -c 'import pyftpdlib' 2>/dev/null || {
    say "installing pyftpdlib"
    # The same interpreter that will run the server; Debian's own python3 is
    # marked externally managed.
    python3 -m pip install -q 'pyftpdlib==2.*' >&2 ||
      python3 -m pip install -q --break-system-packages 'pyftpdlib==2.*' >&2 ||
      die "pip install pyftpdlib"
  }
  "$LAB_OPT/usr/sbin/proftpd" -v >/dev/null 2>&1 || die "unpacked proftpd does not run"
}

setup_user() {
  if ! id lab >/dev/null 2>&1; then
    useradd -m -d "$LAB_HOME" -s /bin/bash lab || die "useradd lab"
  fi
  echo "lab:$LAB_PW" | chpasswd || die "chpasswd"
  local home; home=$(getent passwd lab | cut -d: -f6)
  LAB_HOME=$home
  mkdir -p "$home"
  printf '%s\n' "$HELLO" > "$home/hello.txt"
  chmod 755 "$home"; chmod 644 "$home/hello.txt"
  mkdir -p /var/run/vsftpd/empty
  # Pure-FTPd's privilege separation needs these accounts.
  id pure-ftpd >/dev/null 2>&1 || useradd -r -s /usr/sbin/nologin pure-ftpd 2>/dev/null || true
  id ftp >/dev/null 2>&1 || useradd -r -s /usr/sbin/nologin ftp 2>/dev/null || true
}

make_cert() {
  [ -s "$RUN/cert.pem" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=lab.example" \
    -keyout "$RUN/key.pem" -out "$RUN/cert.pem" >/dev/null 2>&1 || die "openssl req"
  cat "$RUN/cert.pem" "$RUN/key.pem" > "$RUN/both.pem"
  chmod 600 "$RUN/key.pem" "$RUN/both.pem"
}

# Namespace names of lane $1: lane 0 is lab-client/lab-router/lab-server/lab-solo.
lane_ns() {
  local s=""; [ "$1" -gt 0 ] && s="-$1"
  NS_C="lab-client$s"; NS_R="lab-router$s"; NS_S="lab-server$s"; NS_SOLO="lab-solo$s"
}

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

add_ns() {
  ip netns add "$1" || die "cannot create network namespace $1 (root and CAP_SYS_ADMIN needed)"
  echo "$1" >> "$RUN/namespaces"
  ip -n "$1" link set lo up || die "lo up in $1"
}

# Rules of a client namespace. LABPRIV drops (or rejects) private ranges, its
# counter read per run. LABDATA records, in a hashlimit table renamed per
# run, the destination of every TCP SYN other than to port 21: outgoing for
# passive mode (dropped ones included), incoming for active mode.
client_fw() {
  local ns=$1 t
  for t in iptables ip6tables; do
    nsx "$ns" $t -N LABDATA || die "$t in $ns"
    nsx "$ns" $t -A LABDATA -m hashlimit --hashlimit-upto 100000/sec --hashlimit-burst 100000 \
      --hashlimit-mode dstip,dstport --hashlimit-name "${t:0:3}" || die "hashlimit in $ns"
    nsx "$ns" $t -N LABPRIV
    nsx "$ns" $t -A LABPRIV -j DROP
    nsx "$ns" $t -A OUTPUT -p tcp --syn ! --dport 21 -j LABDATA
    nsx "$ns" $t -A INPUT -p tcp --syn ! --dport 21 -j LABDATA
  done
  for t in 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16; do
    nsx "$ns" iptables -A OUTPUT -d "$t" -j LABPRIV
  done
  nsx "$ns" ip6tables -A OUTPUT -d fc00::/7 -j LABPRIV
}

build_lane() {
  lane_ns "$1"
  add_ns "$NS_C"; add_ns "$NS_R"; add_ns "$NS_S"; add_ns "$NS_SOLO"
  ip link add cr netns "$NS_C" type veth peer name rc netns "$NS_R" || die "veth client-router"
  ip link add rs netns "$NS_R" type veth peer name sr netns "$NS_S" || die "veth router-server"
  ip -n "$NS_C" addr add 203.0.113.50/24 dev cr
  ip -n "$NS_C" addr add 2001:db8:1::50/64 dev cr nodad
  ip -n "$NS_R" addr add 203.0.113.1/24 dev rc
  ip -n "$NS_R" addr add 2001:db8:1::1/64 dev rc nodad
  ip -n "$NS_R" addr add 10.0.0.1/24 dev rs
  ip -n "$NS_R" addr add 2001:db8:2::1/64 dev rs nodad
  ip -n "$NS_S" addr add 10.0.0.12/24 dev sr
  ip -n "$NS_S" addr add 2001:db8:2::12/64 dev sr nodad
  for l in "$NS_C cr" "$NS_R rc" "$NS_R rs" "$NS_S sr"; do
    set -- $l; ip -n "$1" link set "$2" up || die "link up $2 in $1"
  done
  ip -n "$NS_C" route add default via 203.0.113.1 || die "client route"
  ip -n "$NS_C" -6 route add default via 2001:db8:1::1 || die "client route6"
  ip -n "$NS_S" route add default via 10.0.0.1 || die "server route"
  ip -n "$NS_S" -6 route add default via 2001:db8:2::1 || die "server route6"
  nsx "$NS_R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 || die "forwarding"
  client_fw "$NS_C"
  # The solo namespace stands for one host: lo, plus a way out leading nowhere
  # (a veth pair with both ends inside) so that a private address is routed,
  # then dropped and counted, as on the Internet. No dummy driver here.
  ip link add out0 netns "$NS_SOLO" type veth peer name out1 netns "$NS_SOLO" || die "veth in $NS_SOLO"
  ip -n "$NS_SOLO" link set out0 up; ip -n "$NS_SOLO" link set out1 up
  ip -n "$NS_SOLO" addr add 198.51.100.7/32 dev out0
  # lftp refuses ::1 ("IPv6 is not supported or configured") on a host with no global IPv6.
  ip -n "$NS_SOLO" addr add 2001:db8:9::7/128 dev out0 nodad
  ip -n "$NS_SOLO" route add default dev out0
  ip -n "$NS_SOLO" -6 route add default dev out0 2>/dev/null || true
  client_fw "$NS_SOLO"
  nsx "$NS_C" ping -c1 -W2 10.0.0.12 >/dev/null 2>&1 && die "client reaches 10.0.0.12: private drop broken"
  nsx "$NS_C" ping -c1 -W2 203.0.113.1 >/dev/null 2>&1 || true
}

# Router rules for a job: $1 ports (forwarded|reject|drop|not-forwarded|-),
# $2 helper (none|ftp), $3 active (ok|blocked).
router_conf() {
  local ns=$NS_R t
  for t in iptables ip6tables; do
    nsx "$ns" $t -F FORWARD; nsx "$ns" $t -t raw -F PREROUTING
  done
  nsx "$ns" iptables -t nat -F PREROUTING; nsx "$ns" iptables -t nat -F POSTROUTING
  nsx "$ns" iptables -t nat -A PREROUTING -d 203.0.113.1 -p tcp --dport 21 -j DNAT --to-destination 10.0.0.12 ||
    die "DNAT in $ns"
  if [ "$1" != not-forwarded ]; then
    nsx "$ns" iptables -t nat -A PREROUTING -d 203.0.113.1 -p tcp --dport 40030:40039 \
      -j DNAT --to-destination 10.0.0.12
  fi
  nsx "$ns" iptables -t nat -A POSTROUTING -o rc -j MASQUERADE
  case $1 in
    reject)
      nsx "$ns" iptables -A FORWARD -p tcp -d 10.0.0.12 --dport 40030:40039 -j REJECT --reject-with tcp-reset
      nsx "$ns" ip6tables -A FORWARD -p tcp -d 2001:db8:2::12 --dport 40030:40039 -j REJECT --reject-with tcp-reset ;;
    drop)
      nsx "$ns" iptables -A FORWARD -p tcp -d 10.0.0.12 --dport 40030:40039 -j DROP
      nsx "$ns" ip6tables -A FORWARD -p tcp -d 2001:db8:2::12 --dport 40030:40039 -j DROP ;;
    not-forwarded)
      # IPv6 is routed, not translated: "not forwarded" there means filtered.
      nsx "$ns" ip6tables -A FORWARD -p tcp -d 2001:db8:2::12 --dport 40030:40039 -j REJECT --reject-with tcp-reset ;;
  esac
  if [ "$3" = blocked ]; then
    for t in iptables ip6tables; do
      nsx "$ns" $t -A FORWARD -i rs -o rc -p tcp --syn -j REJECT --reject-with tcp-reset
    done
  fi
  if [ "$2" = ftp ]; then
    for t in iptables ip6tables; do
      nsx "$ns" $t -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp ||
        die "CT --helper ftp refused in $ns (nf_conntrack_ftp missing?)"
    done
  fi
}

# The namespaces this run recorded in $RUN/namespaces, and what runs in them.
del_recorded_ns() {
  local n p
  [ -f "$RUN/namespaces" ] || return 0
  while read -r n; do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip netns del "$n" 2>/dev/null
  done < "$RUN/namespaces"
  rm -f "$RUN/namespaces"
}

clean_all() {
  local f p n
  for f in "$RUN"/lane*/server.pid "$RUN"/pids; do
    [ -f "$f" ] || continue
    while read -r p; do
      [ -n "$p" ] && kill "$p" 2>/dev/null
    done < "$f"
    rm -f "$f"
  done
  sleep 0.3
  del_recorded_ns
  # Namespaces of an interrupted run whose record was lost: only the lab's names.
  for n in $(ip netns list | awk '{print $1}' | grep -E '^lab-(client|router|server|solo)(-[0-9]+)?$'); do
    ip netns pids "$n" | while read -r p; do kill "$p" 2>/dev/null; done
    ip netns del "$n"
  done
}
