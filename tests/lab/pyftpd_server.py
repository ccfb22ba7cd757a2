"""pyftpdlib server for the lab, in the foreground, logging every command.

Usage: pyftpd_server.py HOST HOME PASSWORD LOGFILE MASQUERADE EPSV
MASQUERADE: an IPv4 address to announce in 227, or "-" for the socket's own.
EPSV: ok | 500 (command unknown) | 502 (not implemented).
"""

import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

host, home, password, logfile, masquerade, epsv = sys.argv[1:7]

logging.basicConfig(
    filename=logfile, level=logging.DEBUG, format="[%(asctime)s] %(message)s"
)

authorizer = DummyAuthorizer()
authorizer.add_user("lab", password, home, perm="elr")


class Handler(FTPHandler):
    pass


Handler.authorizer = authorizer
Handler.passive_ports = range(40030, 40040)
Handler.timeout = 30
if masquerade != "-":
    Handler.masquerade_address = masquerade
if epsv == "500":
    # Unknown to the server: pyftpdlib answers 500 to commands it lacks.
    Handler.proto_cmds = {k: v for k, v in FTPHandler.proto_cmds.items() if k != "EPSV"}
elif epsv == "502":

    def ftp_EPSV(self, line):
        self.respond("502 EPSV not implemented.")

    Handler.ftp_EPSV = ftp_EPSV

server = FTPServer((host, 21), Handler)
server.serve_forever(timeout=1)
