//! Every verdict a log can get: a stable id, its message and the standard
//! or source it rests on.
use crate::{Citation, LogMsg};

macro_rules! verdict_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $msg:ident, $label:literal, $url:literal; )*) => {
        /// Every verdict a log can get (each has a message in every language
        /// and a citation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum VerdictKind { $( $(#[$doc])* $variant, )* }

        impl VerdictKind {
            /// All kinds.
            pub const ALL: &'static [VerdictKind] = &[$(VerdictKind::$variant),*];
            /// Stable kebab-case id (also the catalog key under `log.verdict`).
            pub const fn as_str(self) -> &'static str {
                match self { $(VerdictKind::$variant => $id,)* }
            }
            /// The catalog message (some kinds have a variant chosen by context).
            pub const fn msg(self) -> LogMsg {
                match self { $(VerdictKind::$variant => LogMsg::$msg,)* }
            }
            /// The standard or source the verdict rests on.
            pub const fn citation(self) -> Citation {
                match self { $(VerdictKind::$variant => Citation { label: $label, url: $url },)* }
            }
        }
    };
}

verdict_kinds! {
    /// Every exchange decoded cleanly and nothing failed.
    NoProblem = "no-problem", VerdictNoProblem,
        "RFC 959 §4.1.2; RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc959#section-4.1.2";
    /// No passive or active exchange in the log.
    NoExchanges = "no-exchanges", VerdictNoExchanges,
        "RFC 959 §3.2", "https://www.rfc-editor.org/rfc/rfc959#section-3.2";
    /// The server announces its internal address behind NAT.
    NatUnroutable = "nat-unroutable", VerdictNatUnroutable,
        "RFC 1918 §3; RFC 959 §4.1.2", "https://www.rfc-editor.org/rfc/rfc1918#section-3";
    /// It does, but the client already connected to the server's public
    /// address instead (or a data connection to that address failed too):
    /// the passive ports are blocked or not forwarded.
    NatPortsBlocked = "nat-ports-blocked", VerdictNatPortsBlocked,
        "RFC 1579; RFC 1918 §3", "https://www.rfc-editor.org/rfc/rfc1579#page-2";
    /// It does, but the client worked around it and the transfer completed.
    NatWorkedAround = "nat-worked-around", VerdictNatWorkedAround,
        "RFC 1918 §3; curl CURLOPT_FTP_SKIP_PASV_IP", "https://curl.se/libcurl/c/CURLOPT_FTP_SKIP_PASV_IP.html";
    /// A 227 (IPv4 only) on an IPv6 control connection.
    FamilyMismatch = "family-mismatch", VerdictFamilyMismatch,
        "RFC 2428 §1, §3", "https://www.rfc-editor.org/rfc/rfc2428#section-1";
    /// 0.0.0.0, multicast, broadcast or reserved in a passive reply.
    BadPassiveAddress = "bad-passive-address", VerdictBadPassiveAddress,
        "RFC 1122 §3.2.1.3; RFC 6890 §2.2.2", "https://www.rfc-editor.org/rfc/rfc1122#section-3.2.1.3";
    /// A public address other than the control connection's, then a failure.
    WrongPublicAddress = "wrong-public-address", VerdictWrongPublicAddress,
        "RFC 959 §4.1.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.1.2";
    /// A correct passive reply, then a failed data connection: the port range is blocked.
    PortsBlocked = "ports-blocked", VerdictPortsBlocked,
        "RFC 1579", "https://www.rfc-editor.org/rfc/rfc1579#page-2";
    /// The data connection was established, then the client timed out
    /// waiting on the control connection (idle during a long transfer).
    ControlTimeout = "control-timeout", VerdictControlTimeout,
        "RFC 5382 §5 (REQ-5); curl lib/ftp.c (ftp_done)", "https://www.rfc-editor.org/rfc/rfc5382#section-5";
    /// The data connection was established, then the transfer broke off.
    TransferInterrupted = "transfer-interrupted", VerdictTransferInterrupted,
        "RFC 959 §4.2.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// PORT/EPRT/LPRT, then a failed or refused data connection.
    ActiveFailed = "active-failed", VerdictActiveFailed,
        "RFC 1579", "https://www.rfc-editor.org/rfc/rfc1579#page-2";
    /// Replies out of step with commands.
    OutOfStep = "out-of-step", VerdictOutOfStep,
        "RFC 959 §5.4", "https://www.rfc-editor.org/rfc/rfc959#section-5.4";
    /// A 227 answering EPSV or a 229 answering PASV.
    ReplyMismatch = "reply-mismatch", VerdictReplyMismatch,
        "RFC 959 §4.1.2; RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// A passive reply that cannot be decoded.
    MalformedReply = "malformed-reply", VerdictMalformedReply,
        "RFC 959 §4.2.2; RFC 1123 §4.1.2.6", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// PASV/EPSV/LPSV refused (4xx/5xx).
    PassiveRefused = "passive-refused", VerdictPassiveRefused,
        "RFC 959 §4.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2";
    /// EPSV refused, and no PASV followed.
    EpsvRefused = "epsv-refused", VerdictEpsvRefused,
        "RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// EPSV refused, and PASV worked.
    EpsvFallback = "epsv-fallback", VerdictEpsvFallback,
        "RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// A public address other than the control connection's; nothing failed.
    AddressMismatch = "address-mismatch", VerdictAddressMismatch,
        "CVE-2020-8284", "https://curl.se/docs/CVE-2020-8284.html";
    /// A data connection failed with no exchange before it to explain why.
    DataFailure = "data-failure", VerdictDataFailure,
        "RFC 959 §3.2", "https://www.rfc-editor.org/rfc/rfc959#section-3.2";
    /// A loopback address in a passive reply, the control connection's
    /// address unknown, and nothing failed: right for a client on the
    /// server's own host.
    LoopbackSameHost = "loopback-same-host", VerdictLoopbackSameHost,
        "RFC 1122 §3.2.1.3", "https://www.rfc-editor.org/rfc/rfc1122#section-3.2.1.3";
    /// PASV refused with 550 (vsftpd: `pasv_enable=NO` answers PASV and
    /// EPSV with `550 Permission denied.`): passive mode is turned off.
    PassiveDisabled = "passive-disabled", VerdictPassiveDisabled,
        "vsftpd.conf(5): pasv_enable", "https://security.appspot.com/vsftpd/vsftpd_conf.html";
}
