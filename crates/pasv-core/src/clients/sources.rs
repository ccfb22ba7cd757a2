//! Where each client's rule was read from ([`Client::source`]): project, files, revision and defaults.
//!
//! File paths, revisions and option names are data, shown as is in every
//! language; anything said about them is a catalog message (`note`).
//! Every rule names the commit it was checked against, except FileZilla,
//! whose SVN trunk is given with the date the rule was written from it.
use super::{Client, Source};
use crate::ExtrasMsg;

/// The date the rules read from a branch were written.
const READ_ON: &str = "2026-11-23";

impl Client {
    /// The source revision the rule was written from, and where to read it.
    pub const fn source(self) -> Source {
        match self {
            Client::CurlDefault => Source {
                files: "curl lib/ftp.c",
                revision: "5c61e16",
                read_on: None,
                settings: "CURLOPT_FTP_SKIP_PASV_IP=1",
                note: Some(ExtrasMsg::ClientsSourceCurlDefault),
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::CurlNoSkipPasvIp => Source {
                files: "curl lib/ftp.c",
                revision: "5c61e16",
                read_on: None,
                settings: "--no-ftp-skip-pasv-ip (CURLOPT_FTP_SKIP_PASV_IP=0)",
                note: None,
                url: "https://github.com/curl/curl/blob/5c61e16/lib/ftp.c",
            },
            Client::Ftplib => Source {
                files: "CPython Lib/ftplib.py",
                revision: "580b4fa",
                read_on: None,
                settings: "trust_server_pasv_ipv4_address=False",
                note: Some(ExtrasMsg::ClientsSourceFtplib),
                url: "https://github.com/python/cpython/blob/580b4fa96aad42dcf7af252f4adea56d36ab0b4f/Lib/ftplib.py",
            },
            Client::FileZilla => Source {
                files: "FileZilla src/engine/ftp/rawtransfer.cpp + libfilezilla lib/iputils.cpp",
                revision: "SVN trunk",
                read_on: Some(READ_ON),
                settings: "OPTION_ALLOW_TRANSFERMODEFALLBACK=1",
                note: Some(ExtrasMsg::ClientsSourceFilezilla),
                url: "https://svn.filezilla-project.org/filezilla/FileZilla3/trunk/src/engine/ftp/rawtransfer.cpp",
            },
            Client::Lftp => Source {
                files: "lftp src/ftpclass.cc + src/network.cc",
                revision: "9781fab",
                read_on: None,
                settings: "ftp:fix-pasv-address=yes, ftp:ignore-pasv-address=no, ftp:prefer-epsv=no",
                note: Some(ExtrasMsg::ClientsSourceDefaults),
                url: "https://github.com/lavv17/lftp/blob/9781fab/src/ftpclass.cc",
            },
            Client::CommonsNet => Source {
                files: "Apache Commons Net FTPClient.java",
                revision: "c66d035",
                read_on: None,
                settings: "ipAddressFromPasvResponse=false, useEPSVwithIPv4=false",
                note: Some(ExtrasMsg::ClientsSourceCommonsNet),
                url: "https://github.com/apache/commons-net/blob/c66d035/src/main/java/org/apache/commons/net/ftp/FTPClient.java",
            },
            Client::Jlaffaye => Source {
                files: "github.com/jlaffaye/ftp ftp.go",
                revision: "61c29fb",
                read_on: None,
                settings: "",
                note: Some(ExtrasMsg::ClientsSourceJlaffaye),
                url: "https://github.com/jlaffaye/ftp/blob/61c29fb/ftp.go",
            },
            Client::Netfilter => Source {
                files: "Linux net/netfilter/nf_conntrack_ftp.c",
                revision: "bc95f36",
                read_on: None,
                settings: "loose=0",
                note: Some(ExtrasMsg::ClientsSourceNetfilter),
                url: "https://github.com/torvalds/linux/blob/bc95f3669f5e6f63cf0b84fe4922c3c6dd4aa775/net/netfilter/nf_conntrack_ftp.c",
            },
            Client::Wireshark => Source {
                files: "Wireshark epan/dissectors/packet-ftp.c",
                revision: "2552c750",
                read_on: None,
                settings: "",
                note: None,
                url: "https://gitlab.com/wireshark/wireshark/-/blob/2552c750e5391ea27cc12a0a4d4cb1a6a73a9888/epan/dissectors/packet-ftp.c",
            },
        }
    }
}
