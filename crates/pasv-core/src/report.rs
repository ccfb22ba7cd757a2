//! The JSON contract: one [`Report`] per reply or command, rendered in a
//! language. The CLI, the page and the JS API all serialize these types.
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::messages::{error_message, finding_message, finding_summary_len};
use crate::{analyse, decode_all, AddressClass, Citation, Command, Context, Explained, Family, Kind, Lang, Severity, Span};

/// One decoded and analysed reply or command.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// `pasv`, `epsv`, `lpsv`, `port`, `eprt`, `lprt` or `other`.
    pub kind: Kind,
    /// The reply code, or null for commands.
    pub code: Option<u16>,
    /// Decoded without error.
    pub ok: bool,
    /// The address a client uses: the carried address, or for 229 the control IP if given.
    pub ip: Option<String>,
    /// The port.
    pub port: Option<u16>,
    /// `ipv4` or `ipv6`, for `ip`.
    pub family: Option<Family>,
    /// The class of `ip` (RFC 6890 registries).
    pub address_class: Option<AddressClass>,
    /// Where a careful client connects, `ip:port` or `[ipv6]:port`, or null if unknown.
    pub connect_to: Option<String>,
    /// Why it could not be decoded.
    pub error: Option<ErrorReport>,
    /// Lints and analysis findings, most severe first.
    pub findings: Vec<FindingReport>,
    /// The address written in the line itself (null for 229).
    pub reply_ip: Option<String>,
    /// `[p1, p2]` for the forms that encode the port as two bytes.
    pub port_bytes: Option<[u8; 2]>,
    /// The command this answers, when known.
    pub sent: Option<Command>,
    /// Byte span of the whole reply or command in the input.
    pub span: Span,
    /// Byte spans of the address fields.
    pub address_spans: Vec<Span>,
    /// Byte spans of the port fields.
    pub port_spans: Vec<Span>,
}

/// A decode error as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ErrorReport {
    /// Stable kebab-case id.
    #[serde(deserialize_with = "crate::restore::error_id")]
    pub id: &'static core::primitive::str,
    /// Localized explanation.
    pub message: String,
    /// `[start, end]` byte offsets of the offending characters in the input.
    pub span: Span,
}

/// A finding as reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FindingReport {
    /// Stable kebab-case id.
    #[serde(deserialize_with = "crate::restore::finding_id")]
    pub id: &'static core::primitive::str,
    /// `info`, `warning` or `danger`.
    pub severity: Severity,
    /// Localized explanation.
    pub message: String,
    /// The RFC, CVE or source backing it.
    pub citation: Citation,
    /// Bytes it concerns, if any.
    pub span: Option<Span>,
    /// Length in bytes of the message's first sentence, its one-line
    /// summary (cut in the catalog's template, so a quoted input never
    /// splits it); the page shows it first and the rest under "Why".
    pub summary_len: usize,
}

/// Build the report of an analysed line; `input` is the text spans point into.
///
/// ```
/// use pasv_core::{analyse, decode, report, Context, Lang, Severity};
///
/// let input = "227 Entering Passive Mode (10,0,0,12,156,64) ok";
/// let ctx = Context { control_ip: Some("203.0.113.10".parse().unwrap()), sent: None };
/// let r = report(&analyse(&decode(input), &ctx), Lang::En, input);
/// assert!(r.ok);
/// assert_eq!(r.reply_ip.as_deref(), Some("10.0.0.12"));
/// assert_eq!(r.port, Some(40000));
/// assert_eq!(r.port_bytes, Some([156, 64]));
/// // Behind NAT: a careful client connects to the control address instead.
/// assert_eq!(r.connect_to.as_deref(), Some("203.0.113.10:40000"));
/// let ids: Vec<&str> = r.findings.iter().map(|f| f.id).collect();
/// assert_eq!(ids, ["nat-unroutable-address", "trailing-text"]); // most severe first
/// assert_eq!(r.findings[0].severity, Severity::Danger);
/// assert_eq!(r.findings[0].citation.label, "RFC 1918 §3; FileZilla rawtransfer.cpp");
/// // Spans are byte offsets into `input`.
/// let p1 = r.port_spans[0];
/// assert_eq!(&input[p1.start..p1.end], "156");
///
/// // An error names the offending bytes; its message is in the requested language.
/// let input = "229 Entering Extended Passive Mode (|||0|)";
/// let r = report(&analyse(&decode(input), &Context::default()), Lang::Vi, input);
/// let error = r.error.unwrap();
/// assert_eq!((r.ok, error.id), (false, "port-zero"));
/// assert_eq!(&input[error.span.start..error.span.end], "0");
/// assert!(error.message.starts_with("Cổng bằng 0"));
/// ```
pub fn report(explained: &Explained, lang: Lang, input: &str) -> Report {
    let d = &explained.decoded;
    Report {
        kind: d.kind,
        code: d.code,
        ok: d.is_ok(),
        ip: explained.ip.map(|ip| ip.to_string()),
        port: d.port,
        family: explained.family,
        address_class: explained.address_class,
        connect_to: explained.connect_to.map(|t| t.to_string()),
        error: d.error.map(|e| ErrorReport { id: e.kind.as_str(), message: error_message(lang, d.kind, &e, input), span: e.span }),
        findings: explained
            .findings
            .iter()
            .map(|f| FindingReport {
                id: f.id.as_str(),
                severity: f.severity,
                message: finding_message(lang, f, explained, input),
                citation: f.id.citation(),
                span: f.span,
                summary_len: finding_summary_len(lang, f, explained, input),
            })
            .collect(),
        reply_ip: d.ip.map(|ip| ip.to_string()),
        port_bytes: d.port_bytes,
        sent: explained.sent,
        span: d.span,
        address_spans: d.address_fields.to_vec(),
        port_spans: d.port_fields.to_vec(),
    }
}

/// Decode, analyse and report every reply or command in `input`. Text that
/// holds none still gets one report, with the error that says why.
///
/// ```
/// use pasv_core::{report_all, Command, Context, Kind, Lang};
///
/// let reports = report_all("227 Entering Passive Mode (10,0,0,1,4,5)", &Context::default(), Lang::En);
/// assert_eq!(reports.len(), 1);
/// assert_eq!(reports[0].ip.as_deref(), Some("10.0.0.1"));
/// assert_eq!(reports[0].port, Some(1029)); // 4 × 256 + 5
///
/// // A command before a reply becomes the reply's `sent`; spans point into the whole input.
/// let input = "EPSV\r\n229 Entering Extended Passive Mode (|||6446|)\r\nPORT 192,0,2,7,195,80";
/// let ctx = Context { control_ip: Some("2001:db8::7".parse().unwrap()), sent: None };
/// let reports = report_all(input, &ctx, Lang::En);
/// let kinds: Vec<Kind> = reports.iter().map(|r| r.kind).collect();
/// assert_eq!(kinds, [Kind::Epsv, Kind::Port]);
/// assert_eq!(reports[0].sent, Some(Command::Epsv));
/// assert_eq!(reports[0].connect_to.as_deref(), Some("[2001:db8::7]:6446"));
/// assert_eq!(reports[1].connect_to.as_deref(), Some("192.0.2.7:50000"));
/// let span = reports[1].span;
/// assert_eq!(&input[span.start..span.end], "PORT 192,0,2,7,195,80");
///
/// let reports = report_all("hello", &Context::default(), Lang::En);
/// assert_eq!(reports.len(), 1);
/// assert_eq!(reports[0].error.as_ref().map(|e| e.id), Some("not-ftp"));
/// ```
pub fn report_all(input: &str, context: &Context, lang: Lang) -> Vec<Report> {
    let decoded = decode_all(input);
    if decoded.is_empty() {
        let empty = crate::decode(input);
        return alloc::vec![report(&analyse(&empty, context), lang, input)];
    }
    decoded.iter().map(|d| report(&analyse(d, context), lang, input)).collect()
}
