"""Download hello.txt with Python's ftplib at debug level 2, as a user would.

Usage: ftplib_get.py HOST USER PASSWORD OUT MODE [tls]
MODE: default | trust (trust_server_pasv_ipv4_address) | active |
      epsv-all (EPSV ALL, then EPSV) | epsv-all-pasv (EPSV ALL, then PASV) |
      pasv | pasv-trust (PASV whatever the family: ftplib sends EPSV on IPv6;
      the 227 address ignored or trusted)
"""

import ftplib
import ssl
import sys
import traceback

host, user, password, out, mode = sys.argv[1:6]
tls = len(sys.argv) > 6 and sys.argv[6] == "tls"

if tls:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ftp = ftplib.FTP_TLS(context=ctx, timeout=3)
else:
    ftp = ftplib.FTP(timeout=3)
ftp.set_debuglevel(2)

if mode == "trust":
    ftp.trust_server_pasv_ipv4_address = True

if mode == "epsv-all":
    # ftplib sends EPSV only on IPv6; after EPSV ALL a client must use EPSV.
    def makepasv():
        port = ftplib.parse229(ftp.sendcmd("EPSV"), ftp.sock.getpeername())[1]
        return ftp.sock.getpeername()[0], port

    ftp.makepasv = makepasv

if mode in ("pasv", "pasv-trust"):

    def makepasv():
        untrusted, port = ftplib.parse227(ftp.sendcmd("PASV"))
        if mode == "pasv-trust":
            return untrusted, port
        return ftp.sock.getpeername()[0], port

    ftp.makepasv = makepasv

try:
    print(ftp.connect(host, 21))
    print(ftp.login(user, password))
    if tls:
        print(ftp.prot_p())
    if mode == "active":
        ftp.set_pasv(False)
    if mode.startswith("epsv-all"):
        print(ftp.sendcmd("EPSV ALL"))
    with open(out, "wb") as f:
        print(ftp.retrbinary("RETR hello.txt", f.write))
    print(ftp.quit())
except Exception:
    traceback.print_exc()
    sys.exit(1)
