//! Decoding: grammar only. Knows byte positions, nothing of NAT.
use core::net::IpAddr;

use crate::{AddressSpans, Error, ErrorKind, Finding, FindingId, Lints, PortSpans, Span};

mod extended;
mod lines;
mod long;
mod six;
mod split;

pub use lines::{decode_all, decode_iter, DecodeIter};
pub(crate) use six::comma_form;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 227 reply to PASV.
    Pasv,
    /// 229 reply to EPSV.
    Epsv,
    /// 228 reply to LPSV.
    Lpsv,
    /// PORT command.
    Port,
    /// EPRT command.
    Eprt,
    /// LPRT command.
    Lprt,
    /// Any other reply or line.
    Other,
}

impl Kind {
    /// Whether this form can set up a data connection over a control
    /// connection of `family`: 227 and PORT carry only IPv4 (RFC 2428 §1);
    /// 229 reuses the control address and EPRT, 228 and LPRT name the family.
    pub const fn supports(self, family: crate::Family) -> bool {
        match self {
            Kind::Pasv | Kind::Port => matches!(family, crate::Family::Ipv4),
            Kind::Epsv | Kind::Lpsv | Kind::Eprt | Kind::Lprt => true,
            Kind::Other => false,
        }
    }
}

/// A command a client sends to set up a data connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Command {
    /// Passive, IPv4 (RFC 959).
    Pasv,
    /// Extended passive (RFC 2428).
    Epsv,
    /// Long passive (RFC 1639).
    Lpsv,
    /// Active, IPv4 (RFC 959).
    Port,
    /// Extended active (RFC 2428).
    Eprt,
    /// Long active (RFC 1639).
    Lprt,
}

impl Command {
    /// All commands, in menu order.
    pub const ALL: [Command; 6] = [Command::Pasv, Command::Epsv, Command::Lpsv, Command::Port, Command::Eprt, Command::Lprt];

    /// The command word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Command::Pasv => "PASV",
            Command::Epsv => "EPSV",
            Command::Lpsv => "LPSV",
            Command::Port => "PORT",
            Command::Eprt => "EPRT",
            Command::Lprt => "LPRT",
        }
    }

    /// Parse a command word, case-insensitively (RFC 959 §5.3).
    pub fn parse(word: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(word.trim()))
    }

    /// The reply kind that answers this command, for passive commands.
    pub const fn expected_reply(self) -> Option<Kind> {
        match self {
            Command::Pasv => Some(Kind::Pasv),
            Command::Epsv => Some(Kind::Epsv),
            Command::Lpsv => Some(Kind::Lpsv),
            _ => None,
        }
    }
}

/// The result of decoding one reply (possibly multi-line) or command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// What the line is.
    pub kind: Kind,
    /// The reply code, for replies.
    pub code: Option<u16>,
    /// The whole item within the input.
    pub span: Span,
    /// The address carried by the line (never set for 229).
    pub ip: Option<IpAddr>,
    /// The port.
    pub port: Option<u16>,
    /// `p1` and `p2`, for the `p1×256+p2` arithmetic.
    pub port_bytes: Option<[u8; 2]>,
    /// Spans of the address fields (`h1`…`h4` or the EPRT address).
    pub address_fields: AddressSpans,
    /// Spans of the port fields (`p1`, `p2`, or the decimal port).
    pub port_fields: PortSpans,
    /// Why the line could not be decoded.
    pub error: Option<Error>,
    /// Deviations from the grammar that still decoded (and reply explanations).
    pub lints: Lints,
    /// The passive/active command on the line just before, when the input had one.
    pub after: Option<Command>,
}

impl Decoded {
    fn new(kind: Kind, code: Option<u16>, span: Span) -> Self {
        Decoded {
            kind,
            code,
            span,
            ip: None,
            port: None,
            port_bytes: None,
            address_fields: AddressSpans::default(),
            port_fields: PortSpans::default(),
            error: None,
            lints: Lints::default(),
            after: None,
        }
    }

    /// Decoded without error.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }

    fn fail(&mut self, kind: ErrorKind, span: Span) {
        if self.error.is_none() {
            self.error = Some(Error { kind, span });
        }
        self.ip = None;
        self.port = None;
        self.port_bytes = None;
    }

    fn lint(&mut self, id: FindingId, span: Option<Span>) {
        self.lints.push(Finding::new(id, span));
    }

    /// Move every span right by `offset` (line-relative → input-relative).
    fn shift(&mut self, offset: usize) {
        // The first line of the input (often the only one) needs no move.
        if offset == 0 {
            return;
        }
        for s in self.address_fields.iter_mut().chain(self.port_fields.iter_mut()) {
            *s = s.shift(offset);
        }
        if let Some(e) = &mut self.error {
            e.span = e.span.shift(offset);
        }
        for f in &mut self.lints {
            f.span = f.span.map(|s| s.shift(offset));
        }
    }
}

/// Decode the first reply or command in `input`.
///
/// ```
/// use pasv_core::{decode, Kind, ErrorKind};
///
/// let d = decode("229 Entering Extended Passive Mode (|||50006|).");
/// assert_eq!((d.kind, d.port), (Kind::Epsv, Some(50006)));
///
/// let bad = decode("227 Entering Passive Mode (192,168,1,2,300,5)");
/// let err = bad.error.unwrap();
/// assert!(matches!(err.kind, ErrorKind::TooLarge { max: 255, .. }));
/// assert_eq!(&"227 Entering Passive Mode (192,168,1,2,300,5)"[err.span.start..err.span.end], "300");
/// ```
pub fn decode(input: &str) -> Decoded {
    lines::decode_first(input)
}

/// Port from two bytes.
pub(crate) fn port_of(p1: u8, p2: u8) -> u16 {
    u16::from(p1) << 8 | u16::from(p2)
}
