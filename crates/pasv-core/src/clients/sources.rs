//! Where each client's rule was read from ([`Client::source`]): project, files, revision and defaults.
//!
//! File paths, revisions and option names are data, shown as is in every
//! language; anything said about them is a catalog message (`note`).
//! Every rule names the commit or release tag it was checked against.
//! FileZilla's rule was read from SVN trunk on the date given; the link names
//! the 3.63.0 release tag, the version Debian 12 ships. (CPython's ftplib and Linux's nf_conntrack_ftp have not changed
//! in what the rules read for several releases; the tags are releases that
//! carry that code.)
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
                revision: "v3.13.0",
                read_on: None,
                settings: "trust_server_pasv_ipv4_address=False",
                note: Some(ExtrasMsg::ClientsSourceFtplib),
                url: "https://github.com/python/cpython/blob/v3.13.0/Lib/ftplib.py",
            },
            Client::FileZilla => Source {
                files: "FileZilla src/engine/ftp/rawtransfer.cpp + libfilezilla lib/iputils.cpp",
                revision: "3.63.0",
                read_on: Some(READ_ON),
                settings: "OPTION_ALLOW_TRANSFERMODEFALLBACK=1",
                note: Some(ExtrasMsg::ClientsSourceFilezilla),
                url: "https://svn.filezilla-project.org/filezilla/FileZilla3/tags/3.63.0/src/engine/ftp/rawtransfer.cpp",
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
                revision: "v6.12",
                read_on: None,
                settings: "loose=0",
                note: Some(ExtrasMsg::ClientsSourceNetfilter),
                url: "https://github.com/torvalds/linux/blob/v6.12/net/netfilter/nf_conntrack_ftp.c",
            },
            Client::Wireshark => Source {
                files: "Wireshark epan/dissectors/packet-ftp.c",
                revision: "01a25bb2",
                read_on: None,
                settings: "",
                note: None,
                url: "https://gitlab.com/wireshark/wireshark/-/blob/01a25bb2ef0a82f6510d29facec35e1bf8757a33/epan/dissectors/packet-ftp.c",
            },
        }
    }
}
