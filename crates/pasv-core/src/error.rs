//! Decode errors: a flat, exhaustive enum with typed data and a byte span.
use crate::Span;

/// Which component of a reply or command failed, so messages can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// Address byte `h1`…`h4` (1-based index) of a 227 reply or PORT command.
    AddressByte(u8),
    /// High port byte `p1`.
    PortHigh,
    /// Low port byte `p2`.
    PortLow,
    /// The decimal port of a 229 reply or EPRT command.
    Port,
    /// The address-family number of 228/LPRT (`af`) or EPRT.
    Family,
    /// The address-length number of 228/LPRT (`hal`).
    AddressLength,
    /// The port-length number of 228/LPRT (`pal`).
    PortLength,
    /// The network address of an EPRT command.
    NetworkAddress,
    /// A field of a 228/LPRT list by 1-based position.
    ListItem(u8),
}

/// Why a line could not be decoded. Carries data, never sentences: the text
/// comes from the message catalog in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The line is empty.
    Empty,
    /// Neither a reply (three digits) nor a known command.
    NotFtp,
    /// A reply code that does not answer PASV/EPSV/LPSV (e.g. `250`): the
    /// reply stream is probably out of step with the commands.
    NotPassiveReply {
        /// The reply code seen.
        code: u16,
    },
    /// Only a passive command (`PASV`, `EPSV`, `LPSV`) was given, without
    /// the server's reply to it.
    ReplyMissing {
        /// The command seen.
        command: crate::Command,
    },
    /// A 227/228/PORT/LPRT with no number list at all (`227 Logout.`).
    NoAddress,
    /// 227/PORT: the address is written as a dotted quad (`10.0.0.12,156,64`,
    /// `10.0.0.12:40000`) instead of six comma-separated numbers.
    DottedAddress,
    /// The list has the wrong number of numbers.
    WrongCount {
        /// Numbers found.
        found: usize,
        /// Numbers required.
        expected: usize,
    },
    /// A field is not a decimal number (`**`, `x`, `+4`).
    NotANumber {
        /// The field.
        field: Field,
    },
    /// A field is negative (`-4`).
    Negative {
        /// The field.
        field: Field,
    },
    /// A field is above its maximum (`256`, `1216`, `1000000`), including
    /// numbers too long to fit any integer.
    TooLarge {
        /// The field.
        field: Field,
        /// The largest legal value.
        max: u32,
    },
    /// The decoded port is 0, which nothing can connect to.
    PortZero,
    /// 229/EPRT: the delimiter is not printable ASCII 33–126 or is a digit.
    BadDelimiter,
    /// 229/EPRT: the closing delimiter is missing.
    MissingClosingDelimiter,
    /// 229/EPRT: the port field is empty.
    EmptyPort,
    /// 229/EPRT: the port field contains something other than ASCII digits.
    PortNotDigits,
    /// EPRT: the address-family number is not 1 (IPv4) or 2 (IPv6).
    UnknownFamily,
    /// EPRT: the address is not of the announced family.
    FamilyAddressMismatch,
    /// EPRT: the address is not a valid IPv4/IPv6 address.
    BadAddress,
    /// 228/LPRT: address family other than 4 or 6.
    LongUnknownFamily {
        /// The `af` value.
        af: u8,
    },
    /// 228/LPRT: `hal` does not match the family (4 for IPv4, 16 for IPv6)
    /// or `pal` is not 2.
    LongBadLength {
        /// The field at fault.
        field: Field,
        /// The value required.
        expected: u8,
    },
}

/// A decode error: what went wrong and where (byte offsets into the input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The offending bytes.
    pub span: Span,
}

impl ErrorKind {
    /// Stable kebab-case identifier, also the message-catalog key.
    pub const fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::NotFtp => "not-ftp",
            ErrorKind::NotPassiveReply { .. } => "not-passive-reply",
            ErrorKind::ReplyMissing { .. } => "reply-missing",
            ErrorKind::NoAddress => "no-address",
            ErrorKind::DottedAddress => "dotted-address",
            ErrorKind::WrongCount { .. } => "wrong-count",
            ErrorKind::NotANumber { .. } => "not-a-number",
            ErrorKind::Negative { .. } => "negative",
            ErrorKind::TooLarge { .. } => "too-large",
            ErrorKind::PortZero => "port-zero",
            ErrorKind::BadDelimiter => "bad-delimiter",
            ErrorKind::MissingClosingDelimiter => "missing-closing-delimiter",
            ErrorKind::EmptyPort => "empty-port",
            ErrorKind::PortNotDigits => "port-not-digits",
            ErrorKind::UnknownFamily => "unknown-family",
            ErrorKind::FamilyAddressMismatch => "family-address-mismatch",
            ErrorKind::BadAddress => "bad-address",
            ErrorKind::LongUnknownFamily { .. } => "long-unknown-family",
            ErrorKind::LongBadLength { .. } => "long-bad-length",
        }
    }
}
