# The job list: one line per client run, fields
# scenario topo family server announce ports helper active tls variant client_fw client
# Sourced by scripts/lab.sh.

SERVERS="vsftpd proftpd pure-ftpd pyftpdlib"
TRUST="curl-trust curl-noskip lftp-nofix ftplib-trust wget tnftp tnftp-noepsv inetutils"
WORK="curl lftp lftp-ignore ftplib"
ALLP="curl curl-noepsv lftp lftp-epsv ftplib wget tnftp inetutils"
ACT="curl-active lftp-active ftplib-active wget-active tnftp-active inetutils-active"

# job SCEN TOPO FAM "SERVERS" ANNOUNCE PORTS HELPER ACTIVE TLS VARIANT FW "CLIENTS"
job() {
  local s c
  for s in $4; do
    for c in ${12}; do
      echo "$1 $2 $3 $s $5 $6 $7 $8 $9 ${10} ${11} $c"
    done
  done
}

# Slow scenarios (timeouts) first, so that lanes finish together.
jobs_all() {
  job a-private-trust nat 4 "$SERVERS" private forwarded none ok none none DROP "$TRUST"
  job e-ports-drop nat 4 "$SERVERS" public drop none ok none none DROP "curl lftp ftplib wget tnftp inetutils"
  job h-helper-ftps nat 4 "vsftpd proftpd pure-ftpd" private not-forwarded ftp ok explicit none DROP "curl curl-trust lftp ftplib wget"
  job a-private-trust-reject nat 4 "vsftpd pyftpdlib" private forwarded none ok none none REJECT "$TRUST"
  job b-private-workaround nat 4 "$SERVERS" private forwarded none ok none none DROP "$WORK"
  job c-epsv-500 nat 4 pyftpdlib public forwarded none ok none epsv500 DROP "curl curl-active lftp-epsv ftplib wget tnftp inetutils"
  job c-epsv-501 nat 4 proftpd public forwarded none ok none epsv501 DROP "curl curl-active lftp-epsv ftplib wget tnftp inetutils"
  job c-epsv-502 nat 4 pyftpdlib public forwarded none ok none epsv502 DROP "curl curl-active lftp-epsv ftplib wget tnftp inetutils"
  job c-pasv-disabled nat 4 vsftpd public forwarded none ok none nopasv DROP "curl curl-active lftp lftp-active ftplib wget tnftp inetutils"
  job d-ipv6 nat 6 "$SERVERS" default forwarded none ok none none DROP "curl curl-noepsv lftp ftplib wget tnftp inetutils filezilla"
  job d-ipv6-epsv-501 nat 6 proftpd default forwarded none ok none epsv501 DROP "curl curl-noepsv lftp ftplib wget tnftp"
  job d-ipv6-epsv-502 nat 6 pyftpdlib default forwarded none ok none epsv502 DROP "curl curl-noepsv lftp ftplib wget tnftp"
  job d-ipv6-pasv nat 6 "$SERVERS" default forwarded none ok none none DROP "ftplib-pasv ftplib-pasv-trust tnftp-noepsv"
  job d-v4mapped-pasv nat 4 vsftpd public forwarded none ok none dualstack DROP "curl curl-noepsv lftp ftplib wget tnftp inetutils"
  job d-epsv-all nat 4 "$SERVERS" public forwarded none ok none none DROP "ftplib-epsv-all ftplib-epsv-all-pasv"
  job e-ports-reject nat 4 "$SERVERS" public reject none ok none none DROP "$ALLP"
  job e-active-refused nat 4 "$SERVERS" public forwarded none blocked none none DROP "$ACT"
  job f-clean-passive nat 4 "$SERVERS" public forwarded none ok none none DROP "$ALLP"
  job f-clean-active nat 4 "$SERVERS" public forwarded none ok none none DROP "$ACT"
  job g-not-forwarded nat 4 "$SERVERS" public not-forwarded none ok none none DROP "curl lftp ftplib wget tnftp inetutils"
  job h-helper-plain nat 4 "$SERVERS" private not-forwarded ftp ok none none DROP "curl curl-trust lftp-nofix ftplib-trust wget tnftp curl-active"
  job h-ftps-public nat 4 "vsftpd proftpd pure-ftpd" public forwarded none ok explicit none DROP "curl lftp ftplib wget"
  job l-announce-private loopback 4 "$SERVERS" private - none ok none none DROP "curl curl-trust curl-noskip lftp lftp-nofix ftplib ftplib-trust wget tnftp tnftp-noepsv inetutils"
  job l-announce-loopback loopback 4 "$SERVERS" loopback - none ok none none DROP "curl lftp ftplib wget tnftp inetutils"
  job l-ipv6 loopback 6 "$SERVERS" default - none ok none none DROP "curl lftp ftplib wget tnftp inetutils"
  job l-ipv6-pasv loopback 6 "$SERVERS" default - none ok none none DROP "ftplib-pasv ftplib-pasv-trust tnftp-noepsv"
  job fz-private nat 4 "vsftpd pyftpdlib" private forwarded none ok none none DROP "filezilla"
  job fz-clean nat 4 "$SERVERS" public forwarded none ok none none DROP "filezilla filezilla-active"
  job fz-loopback-private loopback 4 "vsftpd pyftpdlib" private - none ok none none DROP "filezilla"
  job l-active loopback 4 "$SERVERS" default - none ok none none DROP "$ACT"
}
