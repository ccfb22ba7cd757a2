//! Decode and explain FTP passive- and active-mode replies and commands.
//!
//! PASV Lens turns one line (or one multi-line reply) such as
//! `227 Entering Passive Mode (10,0,0,12,156,64).` into a structured result:
//! the address and port, lint findings for every deviation from the RFCs that
//! real servers send, and — given the control connection's address — an
//! analysis of where a careful client should connect and why.
//!
//! The data flow is one-directional:
//! [`decode`] (grammar, byte spans) → [`analyse`] (address class, findings,
//! `connect_to`) → [`Report`] (serde types, rendered in a [`Lang`]).
//!
//! ```
//! use pasv_core::{decode, analyse, Context, Kind};
//!
//! let decoded = decode("227 Entering Passive Mode (10,0,0,12,156,64).");
//! assert_eq!(decoded.kind, Kind::Pasv);
//! assert_eq!(decoded.port, Some(40000)); // 156×256 + 64
//!
//! let ctx = Context { control_ip: Some("203.0.113.10".parse().unwrap()), sent: None };
//! let explained = analyse(&decoded, &ctx);
//! assert!(explained.findings.iter().any(|f| f.id.as_str() == "nat-unroutable-address"));
//! assert_eq!(explained.connect_to.unwrap().to_string(), "203.0.113.10:40000");
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod address;
mod analyse;
mod answer;
pub mod clients;
mod decode;
mod encode;
mod error;
mod finding;
mod inline;
pub mod log;
mod messages;
pub mod practice;
mod report;
mod restore;
mod scan;

pub use address::{classify, AddressClass, Family};
pub use analyse::{analyse, Context, Explained, SocketTarget};
pub use answer::{answer, Answer, Outlook, Whose};
pub use decode::{decode, decode_all, decode_iter, Command, DecodeIter, Decoded, Kind};
pub use encode::{encode, Encoded};
pub use error::{Error, ErrorKind, Field};
pub use finding::{Citation, Finding, FindingData, FindingId, Severity};
pub use inline::{AddressSpans, Findings, InlineVec, Lints, PortSpans};
pub use messages::{
    class_msg, error_message, example, field_name, finding_message, finding_msg, finding_summary_len, kind_msg, render, severity_msg, Arg,
    CliMsg, ExtrasMsg, Lang, LogMsg, Message, Msg,
};
pub use report::{report, report_all, ErrorReport, FindingReport, Report};

/// A half-open byte range `[start, end)` into the decoded input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The span moved right by `offset` bytes.
    pub const fn shift(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Self {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Spans serialize as `[start, end]`.
impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

/// The crate README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// Spans read back from `[start, end]`.
impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(deserializer)?;
        Ok(Span::new(start, end))
    }
}
