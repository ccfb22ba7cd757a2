//! Where each client's rule was read from ([`Client::source`]): project, file, revision and defaults.
use super::{Client, Source};

impl Client {
    /// The source revision the rule was written from, and where to read it.
    pub const fn source(self) -> Source {
        match self {
            Client::CurlDefault => Source {
                text: "curl lib/ftp.c (5c61e16), 7.74.0+ default CURLOPT_FTP_SKIP_PASV_IP=1",
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::CurlNoSkipPasvIp => Source {
                text: "curl lib/ftp.c (5c61e16), --no-ftp-skip-pasv-ip (CURLOPT_FTP_SKIP_PASV_IP=0)",
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::Ftplib => Source {
                text: "CPython Lib/ftplib.py (3.x main), trust_server_pasv_ipv4_address=False",
                url: "https://github.com/python/cpython/blob/main/Lib/ftplib.py",
            },
            Client::FileZilla => Source {
                text:
                    "FileZilla src/engine/ftp/rawtransfer.cpp + libfilezilla lib/iputils.cpp (3.x), passive-mode fallback to active allowed",
                url: "https://svn.filezilla-project.org/filezilla/FileZilla3/trunk/src/engine/ftp/rawtransfer.cpp",
            },
            Client::Lftp => Source {
                text: "lftp src/ftpclass.cc + src/network.cc (9781fab), ftp:fix-pasv-address=yes, ftp:ignore-pasv-address=no",
                url: "https://github.com/lavv17/lftp/blob/9781fab/src/ftpclass.cc",
            },
            Client::CommonsNet => Source {
                text: "Apache Commons Net FTPClient.java (c66d035, 3.9.0+), ipAddressFromPasvResponse=false",
                url: "https://github.com/apache/commons-net/blob/c66d035/src/main/java/org/apache/commons/net/ftp/FTPClient.java",
            },
            Client::Jlaffaye => Source {
                text: "github.com/jlaffaye/ftp ftp.go (61c29fb), EPSV first, then PASV",
                url: "https://github.com/jlaffaye/ftp/blob/61c29fb/ftp.go",
            },
            Client::Netfilter => Source {
                text: "Linux net/netfilter/nf_conntrack_ftp.c (6.x), loose=0",
                url: "https://github.com/torvalds/linux/blob/master/net/netfilter/nf_conntrack_ftp.c",
            },
            Client::Wireshark => Source {
                text: "Wireshark epan/dissectors/packet-ftp.c (4.x)",
                url: "https://gitlab.com/wireshark/wireshark/-/blob/master/epan/dissectors/packet-ftp.c",
            },
        }
    }
}
