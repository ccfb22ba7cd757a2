//! Whole session logs: a FileZilla message log, `curl -v` output, an lftp
//! debug log, a WinSCP log, Python ftplib debug output, `wget -d`, tnftp or
//! inetutils `ftp -d` output, a vsftpd or pyftpdlib server log, or a raw
//! control stream — read as a whole, with the verdict of what went wrong.
//!
//! [`analyse_log`] recognises the line shapes, pairs every command with its
//! reply (multi-line replies included), infers the control connection's
//! address, relates data-connection failures to the passive or active
//! exchange before them, recognises the server software and chooses the one
//! most likely cause. Each exchange is decoded and analysed with the crate's
//! own [`decode`](crate::decode) and [`analyse`](crate::analyse).
//!
//! The scan is linear and allocates only for recognised exchanges: lines are
//! `&str` slices, pending commands sit in a fixed ring.
//!
//! ```
//! use pasv_core::log::{analyse_log, looks_like_log, redact, LogFormat, VerdictKind};
//!
//! let text = "\
//! Status:\tConnecting to 203.0.113.25:21...
//! Response:\t220 (vsFTPd 3.0.5)
//! Command:\tUSER alice
//! Response:\t331 Please specify the password.
//! Command:\tPASS ********
//! Response:\t230 Login successful.
//! Command:\tPASV
//! Response:\t227 Entering Passive Mode (10,0,0,5,195,80).
//! Command:\tMLSD
//! Error:\tConnection timed out after 20 seconds of inactivity
//! ";
//! assert!(looks_like_log(text));
//! let a = analyse_log(text, None);
//! assert_eq!(a.format, Some(LogFormat::Filezilla));
//! assert_eq!(a.control.unwrap().ip.to_string(), "203.0.113.25");
//! assert_eq!(a.exchanges[0].line, 8);
//! assert_eq!(a.verdict.kind, VerdictKind::NatUnroutable);
//! assert!(!redact(text).contains("alice"));
//! ```
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::{LogMsg, SocketTarget};

mod address;
mod advice;
mod exchange;
mod explain;
mod format;
mod kinds;
mod lines;
mod notes;
mod pending;
mod phrase;
mod redact;
mod report;
mod scan;
mod server;
mod survey;
mod verdict;

pub use exchange::Exchange;
pub(crate) use lines::lines;
pub use redact::redact;
pub use report::{
    failure_message, fix_message, format_name, report, verdict_message, ExchangeReport, FailureReport, FixReport, LogReport, StrayReport,
    SummaryReport, VerdictReport,
};
pub use server::{Fix, FixIssue, ServerSoftware};
pub use survey::looks_like_log;
pub use verdict::{Verdict, VerdictKind};

/// The program that wrote a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LogFormat {
    /// FileZilla client message log (`Status:`, `Command:`, `Response:`).
    #[serde(rename = "filezilla")]
    Filezilla,
    /// `curl -v` (`> PASV`, `< 227 …`, `* Connected to …`).
    #[serde(rename = "curl")]
    Curl,
    /// lftp debug output (`---> PASV`, `<--- 227 …`).
    #[serde(rename = "lftp")]
    Lftp,
    /// WinSCP session log (`> 2024-05-01 10:00:00.123 PASV`).
    #[serde(rename = "winscp")]
    Winscp,
    /// Python ftplib debug output (`*cmd* 'PASV'`, `*resp* '227 …'`).
    #[serde(rename = "ftplib")]
    Ftplib,
    /// GNU Wget debug output (`wget -d`: `--> PASV`, bare replies).
    #[serde(rename = "wget")]
    Wget,
    /// tnftp, the BSD `ftp` (`ftp -d -v`: `---> PASV`, bare replies).
    #[serde(rename = "tnftp")]
    Tnftp,
    /// GNU inetutils `ftp -d -v` (`---> PASV`, bare replies).
    #[serde(rename = "inetutils")]
    Inetutils,
    /// vsftpd's protocol log (`log_ftp_protocol=YES`), written by the server.
    #[serde(rename = "vsftpd-server")]
    VsftpdServer,
    /// pyftpdlib's log, written by the server.
    #[serde(rename = "pyftpdlib-server")]
    PyftpdlibServer,
    /// Plain control-connection text (`PASV`, `227 …`).
    #[serde(rename = "raw")]
    Raw,
}

impl LogFormat {
    /// Every format; ties in recognition go to the earlier one.
    pub const ALL: [LogFormat; 11] = [
        LogFormat::Filezilla,
        LogFormat::Curl,
        LogFormat::Lftp,
        LogFormat::Winscp,
        LogFormat::Ftplib,
        LogFormat::Wget,
        LogFormat::Tnftp,
        LogFormat::Inetutils,
        LogFormat::VsftpdServer,
        LogFormat::PyftpdlibServer,
        LogFormat::Raw,
    ];

    /// Stable id (the JSON value).
    pub const fn as_str(self) -> &'static str {
        match self {
            LogFormat::Filezilla => "filezilla",
            LogFormat::Curl => "curl",
            LogFormat::Lftp => "lftp",
            LogFormat::Winscp => "winscp",
            LogFormat::Ftplib => "ftplib",
            LogFormat::Wget => "wget",
            LogFormat::Tnftp => "tnftp",
            LogFormat::Inetutils => "inetutils",
            LogFormat::VsftpdServer => "vsftpd-server",
            LogFormat::PyftpdlibServer => "pyftpdlib-server",
            LogFormat::Raw => "raw",
        }
    }

    /// The catalog message naming the format.
    pub const fn msg(self) -> LogMsg {
        match self {
            LogFormat::Filezilla => LogMsg::FormatFilezilla,
            LogFormat::Curl => LogMsg::FormatCurl,
            LogFormat::Lftp => LogMsg::FormatLftp,
            LogFormat::Winscp => LogMsg::FormatWinscp,
            LogFormat::Ftplib => LogMsg::FormatFtplib,
            LogFormat::Wget => LogMsg::FormatWget,
            LogFormat::Tnftp => LogMsg::FormatTnftp,
            LogFormat::Inetutils => LogMsg::FormatInetutils,
            LogFormat::VsftpdServer => LogMsg::FormatVsftpdServer,
            LogFormat::PyftpdlibServer => LogMsg::FormatPyftpdlibServer,
            LogFormat::Raw => LogMsg::FormatRaw,
        }
    }

    /// Written by the server, not a client: the log names the client's
    /// address ([`LogAnalysis::client`]).
    pub const fn is_server_side(self) -> bool {
        matches!(self, LogFormat::VsftpdServer | LogFormat::PyftpdlibServer)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How a data connection failed, as the log tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// Reply 425: the server could not open the data connection.
    CannotOpen,
    /// Reply 426: the data connection was closed, the transfer aborted.
    Aborted,
    /// The client reports a timeout.
    TimedOut,
    /// The client reports the connection refused.
    Refused,
    /// No route to the host, or the network is unreachable.
    Unreachable,
    /// The client reports the directory listing failed.
    ListingFailed,
    /// The client reports it could not connect.
    ConnectFailed,
    /// The client refused to connect to the address the reply announced,
    /// as it differs from the control connection's (tnftp and inetutils:
    /// `Passive mode address mismatch.`).
    AddressRefused,
}

impl FailureKind {
    /// Stable id (the JSON value).
    pub const fn as_str(self) -> &'static str {
        match self {
            FailureKind::CannotOpen => "cannot-open",
            FailureKind::Aborted => "aborted",
            FailureKind::TimedOut => "timed-out",
            FailureKind::Refused => "refused",
            FailureKind::Unreachable => "unreachable",
            FailureKind::ListingFailed => "listing-failed",
            FailureKind::ConnectFailed => "connect-failed",
            FailureKind::AddressRefused => "address-refused",
        }
    }

    /// The catalog message describing it.
    pub const fn msg(self) -> LogMsg {
        match self {
            FailureKind::CannotOpen => LogMsg::FailureCannotOpen,
            FailureKind::Aborted => LogMsg::FailureAborted,
            FailureKind::TimedOut => LogMsg::FailureTimedOut,
            FailureKind::Refused => LogMsg::FailureRefused,
            FailureKind::Unreachable => LogMsg::FailureUnreachable,
            FailureKind::ListingFailed => LogMsg::FailureListingFailed,
            FailureKind::ConnectFailed => LogMsg::FailureConnectFailed,
            FailureKind::AddressRefused => LogMsg::FailureAddressRefused,
        }
    }
}

/// A data-connection failure found in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFailure {
    /// 1-based line number.
    pub line: usize,
    /// What failed.
    pub kind: FailureKind,
    /// The client's message or the reply, user names masked.
    pub text: String,
    /// Index of the exchange it follows, when there is one.
    pub exchange: Option<usize>,
    /// The address the failed connection went to, when the message says.
    pub target: Option<SocketTarget>,
}

/// A final reply that arrived when no command was waiting for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayReply {
    /// 1-based line number.
    pub line: usize,
    /// The reply code.
    pub code: u16,
}

/// Where the control connection's address came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlSource {
    /// Read from the log, on this 1-based line.
    Log {
        /// The line.
        line: usize,
    },
    /// Given by the user, overriding the log.
    Override,
}

impl ControlSource {
    /// `log` or `override` (the JSON value).
    pub const fn as_str(self) -> &'static str {
        match self {
            ControlSource::Log { .. } => "log",
            ControlSource::Override => "override",
        }
    }
}

/// The control connection's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlIp {
    /// The server's address.
    pub ip: IpAddr,
    /// Where it came from.
    pub source: ControlSource,
}

/// The client's address, as a server log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp {
    /// The address (an IPv4-mapped IPv6 address as IPv4).
    pub ip: IpAddr,
    /// 1-based line where the log first names it.
    pub line: usize,
}

/// The recognised server software and the line that gave it away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerInfo {
    /// The software.
    pub software: ServerSoftware,
    /// 1-based line number.
    pub line: usize,
    /// Guessed from characteristic wording (`215 Windows_NT`), not read from
    /// the product's name: advice for it is worded as a guess.
    pub guessed: bool,
}

/// Everything [`analyse_log`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogAnalysis {
    /// The program that wrote the log, `None` when no line was recognised.
    pub format: Option<LogFormat>,
    /// Number of lines.
    pub lines: usize,
    /// The server software, when recognised.
    pub server: Option<ServerInfo>,
    /// The control connection's address: the override, else the log's.
    pub control: Option<ControlIp>,
    /// A server log: the address the client connected from (the first one
    /// named), as the server saw it.
    pub client: Option<ClientIp>,
    /// Every passive and active exchange, in order.
    pub exchanges: Vec<Exchange>,
    /// Data-connection failures, in order.
    pub failures: Vec<DataFailure>,
    /// Replies that arrived when no command was waiting.
    pub stray: Vec<StrayReply>,
    /// Line of the 234 reply to `AUTH TLS` (or `AUTH SSL`): the control
    /// connection is encrypted, and a router's FTP helper cannot read it.
    pub tls: Option<usize>,
    /// Line of an `EPSV ALL` command (RFC 2428 §4).
    pub epsv_all: Option<usize>,
    /// The most likely cause and its fix.
    pub verdict: Verdict,
}

impl LogAnalysis {
    /// A failure: an exchange did not decode, or the verdict is a failure.
    pub fn is_failure(&self) -> bool {
        self.verdict.is_failure() || self.exchanges.iter().any(|e| !e.explained.decoded.is_ok())
    }
}

/// Read a whole log and explain it. `override_control` replaces the control
/// connection's address found in the log (or supplies one).
///
/// Line numbers are 1-based lines of `text`; indices (`Exchange::failure`,
/// `Exchange::fallback_from`, `Verdict::exchange`…) point into the lists of
/// the returned [`LogAnalysis`]; the spans of each exchange's `explained`
/// point into that exchange's `text`.
///
/// ```
/// use pasv_core::log::{analyse_log, fix_message, ControlSource, FailureKind, LogFormat, ServerSoftware, VerdictKind};
/// use pasv_core::{Command, Lang};
///
/// let text = "\
/// * Connected to ftp.example.com (203.0.113.80) port 21
/// < 220 ProFTPD Server (Example Corp) [10.10.0.8]
/// > USER deploy
/// < 331 Password required for deploy
/// > PASS s3cr3t
/// < 230 User deploy logged in
/// > EPSV
/// < 500 EPSV not understood
/// > PASV
/// < 227 Entering Passive Mode (10,10,0,8,156,74).
/// * Skip 10.10.0.8 for data connection, re-use 203.0.113.80 instead
/// *   Trying 203.0.113.80:40010...
/// * Failed to connect to ftp.example.com port 40010 after 130512 ms: Couldn't connect to server
/// ";
/// let a = analyse_log(text, None);
/// assert_eq!((a.format, a.lines), (Some(LogFormat::Curl), 13));
/// let server = a.server.unwrap();
/// assert_eq!((server.software, server.line), (ServerSoftware::Proftpd, 2));
/// let control = a.control.unwrap();
/// assert_eq!(control.ip.to_string(), "203.0.113.80");
/// assert_eq!(control.source, ControlSource::Log { line: 1 });
///
/// // EPSV refused, then PASV: two exchanges, the second falling back from the first.
/// assert_eq!(a.exchanges.len(), 2);
/// let (epsv, pasv) = (&a.exchanges[0], &a.exchanges[1]);
/// assert_eq!((epsv.explained.sent, epsv.explained.decoded.code), (Some(Command::Epsv), Some(500)));
/// assert_eq!((pasv.command.as_deref(), pasv.command_line, pasv.line), (Some("PASV"), Some(9), 10));
/// assert_eq!(pasv.fallback_from, Some(0));
/// assert_eq!(pasv.client_fixup, Some(11)); // curl says it ignored 10.10.0.8
/// assert_eq!(pasv.explained.connect_to.unwrap().to_string(), "203.0.113.80:40010");
///
/// // The data connection failed after it. curl had already replaced the
/// // private address, so the verdict blames the unforwarded passive ports
/// // (the fix covers the announced address and the port range).
/// assert_eq!((a.failures[0].line, a.failures[0].kind), (13, FailureKind::ConnectFailed));
/// assert_eq!(pasv.failure, Some(0));
/// assert_eq!(a.verdict.kind, VerdictKind::NatPortsBlocked);
/// assert_eq!((a.verdict.exchange, a.verdict.line), (Some(1), Some(10)));
/// assert!(a.is_failure());
/// assert_eq!(a.verdict.fix.unwrap().id(), "nat-proftpd");
/// // User names are masked in everything the analysis keeps.
/// assert!(!a.exchanges.iter().any(|e| e.text.contains("deploy")));
///
/// // An override replaces the address read from the log.
/// let b = analyse_log(text, Some("198.51.100.9".parse().unwrap()));
/// assert_eq!(b.control.unwrap().source, ControlSource::Override);
/// assert!(fix_message(&b, Lang::En).unwrap().contains("MasqueradeAddress 198.51.100.9"));
/// ```
pub fn analyse_log(text: &str, override_control: Option<IpAddr>) -> LogAnalysis {
    // One pass serves most logs; a raw control stream, or the log of a
    // program that prints replies bare (wget, tnftp, inetutils), is only
    // known as one at the end, and its unmarked lines need a second.
    let (survey, mut scan) = scan::scan(text, None);
    if let Some(format) = survey.format.filter(|f| format::reading(*f).second_pass()) {
        scan = scan::scan(text, Some(format)).1;
    }
    scan.mask(&survey.secrets);
    let control = match override_control {
        Some(ip) => Some(ControlIp { ip, source: ControlSource::Override }),
        None => scan.control.map(|(ip, line)| ControlIp { ip, source: ControlSource::Log { line } }),
    };
    let control_ip = control.map(|c| c.ip);
    let exchanges: Vec<Exchange> = scan.drafts.into_iter().map(|d| d.finish(control_ip, survey.format)).collect();
    let server = scan.server.map(|(software, line, guessed)| ServerInfo { software, line, guessed });
    let trimmed = text.trim_end();
    let last_line = if trimmed.is_empty() { 0 } else { memchr::memchr_iter(b'\n', trimmed.as_bytes()).count() + 1 };
    let facts = verdict::Facts {
        control: control_ip,
        server: server.map(|s| s.software),
        epsv_all: scan.epsv_all,
        last_line,
        client_log: survey.format.is_some_and(|f| f != LogFormat::Raw && !f.is_server_side()),
        client: scan.client.map(|(ip, _)| ip),
    };
    let verdict = verdict::decide(&exchanges, &scan.failures, &scan.stray, facts);
    LogAnalysis {
        format: survey.format,
        lines: survey.lines,
        server,
        control,
        client: scan.client.map(|(ip, line)| ClientIp { ip, line }),
        exchanges,
        failures: scan.failures,
        stray: scan.stray,
        tls: scan.tls,
        epsv_all: scan.epsv_all,
        verdict,
    }
}
