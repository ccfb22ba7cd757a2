//! Client-side advice, in the words of the client that wrote the log: curl
//! flags for a curl log, lftp settings for an lftp log, ftplib calls for
//! ftplib output. The table matches every [`LogFormat`] without a wildcard,
//! so a new format does not compile until it has its advice (the generic
//! message where the client has no such setting or is not known).
use super::LogFormat;
use crate::LogMsg;

/// What the client should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Advice {
    /// Send PASV instead of EPSV (the server refused EPSV, IPv4).
    UsePasv,
    /// Use passive mode instead of active mode (PORT/EPRT failed).
    UsePassive,
    /// Ignore the (internal) address in a 227 until the server is fixed.
    IgnoreAddress,
}

/// The advice for `format`'s client (generic for a raw control stream or
/// an unknown format).
pub(crate) const fn advice(format: Option<LogFormat>, what: Advice) -> LogMsg {
    use Advice::*;
    let Some(format) = format else {
        return match what {
            UsePasv => LogMsg::AdviceUsePasvGeneric,
            UsePassive => LogMsg::AdviceUsePassiveGeneric,
            IgnoreAddress => LogMsg::AdviceIgnoreAddressGeneric,
        };
    };
    match (format, what) {
        (LogFormat::Curl, UsePasv) => LogMsg::AdviceUsePasvCurl,
        (LogFormat::Curl, UsePassive) => LogMsg::AdviceUsePassiveCurl,
        (LogFormat::Curl, IgnoreAddress) => LogMsg::AdviceIgnoreAddressCurl,
        (LogFormat::Lftp, UsePasv) => LogMsg::AdviceUsePasvLftp,
        (LogFormat::Lftp, UsePassive) => LogMsg::AdviceUsePassiveLftp,
        (LogFormat::Lftp, IgnoreAddress) => LogMsg::AdviceIgnoreAddressLftp,
        (LogFormat::Ftplib, UsePasv) => LogMsg::AdviceUsePasvFtplib,
        (LogFormat::Ftplib, UsePassive) => LogMsg::AdviceUsePassiveFtplib,
        (LogFormat::Ftplib, IgnoreAddress) => LogMsg::AdviceIgnoreAddressFtplib,
        (LogFormat::Filezilla, UsePasv) => LogMsg::AdviceUsePasvGeneric,
        (LogFormat::Filezilla, UsePassive) => LogMsg::AdviceUsePassiveFilezilla,
        (LogFormat::Filezilla, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
        (LogFormat::Winscp, UsePasv) => LogMsg::AdviceUsePasvGeneric,
        (LogFormat::Winscp, UsePassive) => LogMsg::AdviceUsePassiveWinscp,
        (LogFormat::Winscp, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
        (LogFormat::Wget, UsePasv) => LogMsg::AdviceUsePasvWget,
        (LogFormat::Wget, UsePassive) => LogMsg::AdviceUsePassiveWget,
        (LogFormat::Wget, IgnoreAddress) => LogMsg::AdviceIgnoreAddressWget,
        // tnftp and inetutils ftp have no setting to ignore the address:
        // they refuse one that differs from the server's (address mismatch).
        (LogFormat::Tnftp, UsePasv) => LogMsg::AdviceUsePasvTnftp,
        (LogFormat::Tnftp, UsePassive) => LogMsg::AdviceUsePassiveTnftp,
        (LogFormat::Tnftp, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
        (LogFormat::Inetutils, UsePasv) => LogMsg::AdviceUsePasvInetutils,
        (LogFormat::Inetutils, UsePassive) => LogMsg::AdviceUsePassiveInetutils,
        (LogFormat::Inetutils, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
        // A server's own log does not say which client was used.
        (LogFormat::VsftpdServer | LogFormat::PyftpdlibServer, UsePasv) => LogMsg::AdviceUsePasvGeneric,
        (LogFormat::VsftpdServer | LogFormat::PyftpdlibServer, UsePassive) => LogMsg::AdviceUsePassiveGeneric,
        (LogFormat::VsftpdServer | LogFormat::PyftpdlibServer, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
        (LogFormat::Raw, UsePasv) => LogMsg::AdviceUsePasvGeneric,
        (LogFormat::Raw, UsePassive) => LogMsg::AdviceUsePassiveGeneric,
        (LogFormat::Raw, IgnoreAddress) => LogMsg::AdviceIgnoreAddressGeneric,
    }
}
