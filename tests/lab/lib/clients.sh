# Clients, each run under timeout with its verbose log, and the observation of
# one run (exit, transfer, private-range drops, data connection target).
# Sourced by scripts/lab.sh.

client_version() {
  case ${1%%-*} in
    curl) curl --version | awk 'NR==1{print "curl", $2}' ;;
    lftp) lftp --version | awk -F'|' 'NR==1{sub(/ *Version /,"",$2); print "lftp", $2}' | tr -s ' ' ;;
    ftplib) python3 -c 'import platform; print("Python ftplib", platform.python_version())' ;;
    wget) wget --version | awk 'NR==1{print "wget", $3}' ;;
    tnftp) dpkg-query -W -f 'tnftp ${Version}\n' tnftp | sed 's/-[^-]*$//' ;;
    inetutils) inetutils-ftp --version | awk 'NR==1{print "inetutils-ftp", $4}' ;;
  esac
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
        curl-trust) CMD+=(--no-ftp-skip-pasv-ip) ;;
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
      printf 'user lab %s\nbinary\nget hello.txt %s\nquit\n' "$LAB_PW" "$out" > "$STDIN"
      if [ "${c%%-*}" = tnftp ]; then
        CMD=(tnftp -d -n -q 3)
        [ "$c" = tnftp-active ] && CMD+=(-A) || CMD+=(-p)
      else
        CMD=(inetutils-ftp -d -n)
        [ "$c" = inetutils-active ] && CMD+=(-A) || CMD+=(-p)
      fi
      CMD+=("$h") ;;
    *) die "unknown client $c" ;;
  esac
}

# Per-run reset of the client namespace's counters, recorder and conntrack table.
reset_obs() {
  local ns=$1 t
  RUN_SEQ=$((RUN_SEQ + 1))
  for t in iptables ip6tables; do
    nsx "$ns" $t -Z LABPRIV
    nsx "$ns" $t -R LABPRIV 1 -m hashlimit --hashlimit-upto 100000/sec --hashlimit-burst 100000 \
      --hashlimit-mode dstip,dstport --hashlimit-name "${t:0:3}$LANE-$RUN_SEQ" --hashlimit-htable-expire 600000 ||
      die "hashlimit reset in $ns"
  done
  nsx "$ns" conntrack -F >/dev/null 2>&1
  nsx "$ns" conntrack -F -f ipv6 >/dev/null 2>&1
}

# Packets counted by the drop/reject rule (rule 2) of LABPRIV, both families.
private_drops() {
  local ns=$1 n=0 t v
  for t in iptables ip6tables; do
    v=$(nsx "$ns" $t -L LABPRIV -v -n -x | awk 'NR==4{print $1}')
    n=$((n + ${v:-0}))
  done
  echo "$n"
}

# Data connections seen in the client namespace: destinations recorded by the
# private-range rule (never reached conntrack: dropped before confirmation),
# then every non-control TCP connection conntrack holds. Active mode shows the
# client's own listener, which the server connected to.
data_targets() {
  local ns=$1 t
  {
    for t in iptables ip6tables; do
      local f="/proc/net/${t:0:3}t_hashlimit/${t:0:3}$LANE-$RUN_SEQ"
      [ "$t" = iptables ] && f="/proc/net/ipt_hashlimit/ipt$LANE-$RUN_SEQ"
      [ "$t" = ip6tables ] && f="/proc/net/ip6t_hashlimit/ip6$LANE-$RUN_SEQ"
      nsx "$ns" cat "$f" 2>/dev/null | sed -n 's/.*->\([^ ]*\).*/\1/p' |
        sed -E 's/^(.*:.*):([0-9]+)$/\1 \2/' | awk '{ if ($1 ~ /:/) print "[" $1 "]:" $2; else print $1 ":" $2 }'
    done
    for t in ipv4 ipv6; do
      nsx "$ns" conntrack -L -p tcp -f $t 2>/dev/null | awk -v fam=$t '{
        d=""; p="";
        for (i=1;i<=NF;i++) { if ($i ~ /^dst=/ && d=="") d=substr($i,5); if ($i ~ /^dport=/ && p=="") p=substr($i,7) }
        if (p != "" && p != "21") { if (fam=="ipv6") print "[" d "]:" p; else print d ":" p }
      }'
    done
  } | awk '!seen[$0]++' | paste -sd, -
}
