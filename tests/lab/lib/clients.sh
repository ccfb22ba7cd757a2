# Clients, each run under timeout with its verbose log, and the observation of
# one run (exit, transfer, private-range drops, data connection target).
# Sourced by scripts/lab.sh.

client_version() {
  case ${1%%-*} in
    curl) curl --version | awk 'NR==1{print "curl", $2}' ;;
    lftp) lftp --version | awk 'NR==1{print "lftp", $4}' ;;
    ftplib) python3 -c 'import platform; print("Python ftplib", platform.python_version())' ;;
    wget) wget --version | awk 'NR==1{print "wget", $3}' ;;
    tnftp) dpkg-query -W -f 'tnftp ${Version}\n' tnftp | sed 's/-[^-]*$//' ;;
    inetutils) inetutils-ftp --version | awk 'NR==1{print "inetutils-ftp", $4}' ;;
    filezilla) HOME="$RUN/fzversion" timeout 20 xvfb-run -a filezilla -v 2>/dev/null | awk '/^FileZilla /{print $1, $2; exit}' | tr -d , ;;
  esac
}

# Versions asked once per lab run: some programs are slow to start.
cached_version() {
  local f="$RUN/versions/$1-$2"
  mkdir -p "$RUN/versions"
  [ -s "$f" ] || { if [ "$1" = server ]; then server_version "$2"; else client_version "$2"; fi; } > "$f"
  cat "$f"
}

# What the client was told to use, for the manifest.
client_mode() {
  case $1 in
    *-active) echo active ;;
    ftplib-epsv-all) echo epsv-only ;;
    ftplib-epsv-all-pasv) echo epsv-all-then-pasv ;;
    *) echo passive ;;
  esac
}

# Sets CMD (array) and STDIN for client $1 dialing host $2, writing to $3; $4 tls.
client_cmd() {
  local c=$1 h=$2 out=$3 tls=$4 uh=$2 script
  case $h in *:*) uh="[$h]" ;; esac
  STDIN=/dev/null
  case $c in
    curl*)
      CMD=(curl -v -g --connect-timeout 3 --max-time 10 -o "$out")
      [ "$tls" = explicit ] && CMD+=(--ssl-reqd -k)
      case $c in
        # Without --disable-epsv, curl never reads a 227 from a server with EPSV.
        curl-trust) CMD+=(--no-ftp-skip-pasv-ip --disable-epsv) ;;
        curl-noskip) CMD+=(--no-ftp-skip-pasv-ip) ;;
        curl-noepsv) CMD+=(--disable-epsv) ;;
        curl-active) CMD+=(-P -) ;;
      esac
      CMD+=("ftp://lab:$LAB_PW@$uh/hello.txt") ;;
    lftp*)
      script="set net:max-retries 1; set net:timeout 3; set net:reconnect-interval-base 1; set net:reconnect-interval-max 1; set cmd:fail-exit yes;"
      [ "$tls" = explicit ] && script="$script set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ssl:verify-certificate no;"
      case $c in
        lftp-nofix) script="$script set ftp:fix-pasv-address no;" ;;
        lftp-ignore) script="$script set ftp:ignore-pasv-address yes;" ;;
        lftp-epsv) script="$script set ftp:prefer-epsv yes;" ;;
        lftp-active) script="$script set ftp:passive-mode no;" ;;
      esac
      CMD=(lftp -d -c "$script open -u lab,$LAB_PW $uh; get hello.txt -o $out") ;;
    ftplib*)
      local mode=${c#ftplib}; mode=${mode#-}; [ -z "$mode" ] && mode=default
      CMD=(python3 -u "$LAB_DIR/ftplib_get.py" "$h" lab "$LAB_PW" "$out" "$mode")
      [ "$tls" = explicit ] && CMD+=(tls) ;;
    wget*)
      CMD=(wget -d -T 3 -t 1 -O "$out")
      [ "$c" = wget-active ] && CMD+=(--no-passive-ftp)
      if [ "$tls" = explicit ]; then
        CMD+=(--no-check-certificate "ftps://lab:$LAB_PW@$uh/hello.txt")
      else
        CMD+=("ftp://lab:$LAB_PW@$uh/hello.txt")
      fi ;;
    tnftp*|inetutils*)
      STDIN="$LANE_DIR/ftp.in"
      # tnftp's epsv4 off makes it send PASV first, as on a server without EPSV.
      { echo "user lab $LAB_PW"; [ "$c" = tnftp-noepsv ] && printf 'epsv4 off\nepsv6 off\n'
        echo binary; echo "get hello.txt $out"; echo quit; } > "$STDIN"
      # -v: replies are shown only in verbose mode when stdin is not a terminal.
      if [ "${c%%-*}" = tnftp ]; then
        CMD=(tnftp -d -v -n -q 3)
        [ "$c" = tnftp-active ] && CMD+=(-A) || CMD+=(-p)
      else
        CMD=(inetutils-ftp -d -v -n)
        [ "$c" = inetutils-active ] && CMD+=(-A) || CMD+=(-p)
      fi
      CMD+=("$h") ;;
    *) die "unknown client $c" ;;
  esac
}

# Per-run reset of the client namespace's counter and recorder.
reset_obs() {
  local ns=$1 t
  RUN_SEQ=$((RUN_SEQ + 1))
  for t in iptables ip6tables; do
    nsx "$ns" $t -Z LABPRIV
    nsx "$ns" $t -R LABDATA 1 -m hashlimit --hashlimit-upto 100000/sec --hashlimit-burst 100000 \
      --hashlimit-mode dstip,dstport --hashlimit-name "${t:0:3}$LANE-$RUN_SEQ" --hashlimit-htable-expire 600000 ||
      die "hashlimit reset in $ns"
  done
}

# Packets counted by the drop/reject rule of LABPRIV, both families.
private_drops() {
  local ns=$1 n=0 t v
  for t in iptables ip6tables; do
    v=$(nsx "$ns" $t -L LABPRIV -v -n -x | awk 'NR==3{print $1}')
    n=$((n + ${v:-0}))
  done
  echo "$n"
}

# Destinations of the run's data connections, as LABDATA recorded them: where
# the client connected or tried to (passive), or the client's own listener
# that the server connected to (active).
data_targets() {
  nsx "$1" cat "/proc/net/ipt_hashlimit/ipt$LANE-$RUN_SEQ" "/proc/net/ip6t_hashlimit/ip6$LANE-$RUN_SEQ" 2>/dev/null |
    sed -n 's/.*->\([^ ]*\).*/\1/p' | python3 -c '
import ipaddress, sys
seen = []
for line in sys.stdin:
    addr, _, port = line.strip().rpartition(":")
    ip = ipaddress.ip_address(addr)  # the table prints IPv6 uncompressed
    t = f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}"
    if t not in seen:
        seen.append(t)
print(",".join(sorted(seen)))'
}
