# The four servers, each started in the foreground inside a namespace with a
# config generated here. Sourced by scripts/lab.sh.

server_version() {
  case $1 in
    vsftpd) vsftpd -v 0>&1 2>&1 | sed -n 's/^vsftpd: version /vsftpd /p' ;;
    proftpd) "$LAB_OPT/usr/sbin/proftpd" -v 2>&1 | sed -n 's/^ProFTPD Version /ProFTPD /p' ;;
    pure-ftpd) "$LAB_OPT/usr/sbin/pure-ftpd" --help 2>&1 | sed -n '1s/^pure-ftpd v\([^ ]*\).*/Pure-FTPd \1/p' ;;
    pyftpdlib) python3 -c 'import pyftpdlib; print("pyftpdlib", pyftpdlib.__ver__)' ;;
  esac
}

# $1 dir, $2 masq (- or address), $3 variant, $4 tls, $5 family
conf_vsftpd() {
  local c="$1/vsftpd.conf"
  {
    # listen_ipv6=YES (Debian's default) also takes IPv4, as v4-mapped
    # addresses: vsftpd then answers PASV with 0,0,0,0 even with pasv_address.
    # IPv4 jobs use listen=YES unless the variant asks for the dual stack.
    if [ "$5" = 6 ] || [ "$3" = dualstack ]; then
      echo "listen=NO"; echo "listen_ipv6=YES"
    else
      echo "listen=YES"; echo "listen_ipv6=NO"
    fi
    echo "background=NO"
    echo "anonymous_enable=NO"; echo "local_enable=YES"; echo "write_enable=NO"
    echo "pam_service_name=vsftpd"; echo "secure_chroot_dir=/var/run/vsftpd/empty"
    echo "seccomp_sandbox=NO"
    echo "pasv_min_port=40030"; echo "pasv_max_port=40039"
    [ "$2" != - ] && echo "pasv_address=$2"
    [ "$3" = nopasv ] && echo "pasv_enable=NO"
    echo "log_ftp_protocol=YES"; echo "vsftpd_log_file=$1/server.log"
    echo "xferlog_enable=YES"; echo "xferlog_std_format=NO"; echo "dual_log_enable=NO"
    if [ "$4" = explicit ]; then
      echo "ssl_enable=YES"; echo "rsa_cert_file=$RUN/cert.pem"; echo "rsa_private_key_file=$RUN/key.pem"
      echo "force_local_logins_ssl=YES"; echo "force_local_data_ssl=YES"
      echo "require_ssl_reuse=NO"; echo "ssl_ciphers=HIGH"
    fi
  } > "$c"
  chmod 600 "$c"
  SRV_CMD=(vsftpd "$c"); SRV_LOG="$1/server.log"
}

conf_proftpd() {
  local c="$1/proftpd.conf"
  {
    echo 'ServerName "PASV Lens lab"'; echo "ServerType standalone"; echo "DefaultServer on"
    echo "Port 21"; echo "UseIPv6 on"; echo "User nobody"; echo "Group nogroup"
    echo "PidFile $1/proftpd.pid"; echo "ScoreboardFile $1/proftpd.scoreboard"
    echo "DelayTable none"; echo "WtmpLog off"; echo "UseReverseDNS off"
    echo "AuthPAM off"; echo "AuthOrder mod_auth_unix.c"; echo "RequireValidShell off"
    echo "PassivePorts 40030 40039"; echo "SystemLog $1/proftpd.syslog"; echo "TransferLog none"
    # One line per command: client address, command, reply code and text.
    echo 'LogFormat lab "%t %a \"%r\" %s \"%S\""'; echo "ExtendedLog $1/server.log ALL lab"
    [ "$2" != - ] && echo "MasqueradeAddress $2"
    [ "$3" = epsv501 ] && printf '<Limit EPSV>\n  DenyAll\n</Limit>\n'
    if [ "$4" = explicit ]; then
      echo "ModulePath $LAB_OPT/usr/lib/proftpd"; echo "LoadModule mod_tls.c"
      echo "TLSEngine on"; echo "TLSRequired on"; echo "TLSProtocol TLSv1.2 TLSv1.3"
      echo "TLSRSACertificateFile $RUN/cert.pem"; echo "TLSRSACertificateKeyFile $RUN/key.pem"
      echo "TLSOptions NoSessionReuseRequired"; echo "TLSLog $1/tls.log"
    fi
  } > "$c"
  SRV_CMD=("$LAB_OPT/usr/sbin/proftpd" -n -q -c "$c"); SRV_LOG="$1/server.log"
}

conf_pure() {
  SRV_CMD=("$LAB_OPT/usr/sbin/pure-ftpd" -S ",21" -l unix -E -H -p 40030:40039 -u 100)
  [ "$2" != - ] && SRV_CMD+=(-P "$2")
  [ "$4" = explicit ] && SRV_CMD+=(-Y 2 -2 "$RUN/cert.pem,$RUN/key.pem")
  SRV_LOG=""
}

conf_pyftpdlib() {
  local epsv=ok
  case $3 in epsv500) epsv=500 ;; epsv502) epsv=502 ;; esac
  SRV_CMD=(python3 -u "$LAB_DIR/pyftpd_server.py" "::" "$LAB_HOME" "$LAB_PW" "$1/server.log" "$2" "$epsv")
  SRV_LOG="$1/server.log"
}

# Stops the server of lane dir $1 running in namespace $2. Session processes
# (Pure-FTPd's, vsftpd's) can outlive their master when a client was killed
# mid-session: every process left in the namespace is the server's, as no
# client runs between jobs.
stop_server() {
  local dir=$1 ns=$2 p i
  [ -f "$dir/server.pid" ] || return 0
  p=$(cat "$dir/server.pid")
  kill "$p" 2>/dev/null
  for i in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null
  for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  rm -f "$dir/server.pid" "$dir/server.ns"
  SRV_KEY=""
}

# $1 lane dir, $2 namespace, $3 server, $4 masq, $5 variant, $6 tls, $7 family
start_server() {
  local dir=$1 ns=$2 key="$2 $3 $4 $5 $6 $7"
  [ "$SRV_KEY" = "$key" ] && [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null && return 0
  if [ -f "$dir/server.ns" ]; then stop_server "$dir" "$(cat "$dir/server.ns")"; fi
  rm -f "$dir/server.log"
  case $3 in
    vsftpd) conf_vsftpd "$dir" "$4" "$5" "$6" "$7" ;;
    proftpd) conf_proftpd "$dir" "$4" "$5" "$6" ;;
    pure-ftpd) conf_pure "$dir" "$4" "$5" "$6" ;;
    pyftpdlib) conf_pyftpdlib "$dir" "$4" "$5" "$6" ;;
  esac
  ip netns exec "$ns" "${SRV_CMD[@]}" > "$dir/server.out" 2>&1 < /dev/null &
  echo $! > "$dir/server.pid"
  echo "$ns" > "$dir/server.ns"
  local i
  for i in $(seq 1 50); do
    nsx "$ns" ss -ltn 'sport = :21' | grep -q LISTEN && { SRV_KEY=$key; sleep 0.1; return 0; }
    kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/server.out" >&2
  die "$3 did not start in $ns (${SRV_CMD[*]})"
}
