//! Findings: lint deviations and analysis results, each with a stable id,
//! a severity and a citation. Text lives in the message catalog.
use crate::{AddressClass, Span};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; nothing breaks.
    Info,
    /// Some clients or networks will fail.
    Warning,
    /// The data connection will fail or is unsafe.
    Danger,
}

impl Severity {
    /// Stable kebab-case name (the JSON value).
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Danger => "danger",
        }
    }
}

/// Where a finding's claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// Short label, e.g. `RFC 1123 §4.1.2.6`.
    pub label: &'static str,
    /// Link to the source.
    pub url: &'static str,
}

const fn cite(label: &'static str, url: &'static str) -> Citation {
    Citation { label, url }
}

macro_rules! finding_ids {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $sev:ident, $label:literal, $url:literal; )*) => {
        /// Every finding PASV Lens can report (exhaustive: each has a message
        /// in every language, checked at build time).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FindingId { $( $(#[$doc])* $variant, )* }

        impl FindingId {
            /// All ids, for catalog checks and documentation.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant),*];
            /// Stable kebab-case identifier (also the catalog key).
            pub const fn as_str(self) -> &'static str {
                match self { $(FindingId::$variant => $id,)* }
            }
            /// Default severity (analysis may raise it with context).
            pub const fn severity(self) -> Severity {
                match self { $(FindingId::$variant => Severity::$sev,)* }
            }
            /// The RFC, CVE or source that backs the finding.
            pub const fn citation(self) -> Citation {
                match self { $(FindingId::$variant => cite($label, $url),)* }
            }
        }
    };
}

finding_ids! {
    // ---- lint: the reply decodes, but deviates from the RFC grammar ----
    /// 227 without `(`…`)` around the numbers.
    MissingParentheses = "missing-parentheses", Info, "RFC 1123 §4.1.2.6", "https://www.rfc-editor.org/rfc/rfc1123#section-4.1.2.6";
    /// D. J. Bernstein's recommended `227 =h1,…` form.
    EqualsForm = "equals-form", Info, "cr.yp.to/ftp/retr.html", "https://cr.yp.to/ftp/retr.html";
    /// Text after the closing parenthesis (other than the one period of RFC 959's 227 form).
    TrailingText = "trailing-text", Info, "RFC 959 §4.2.2; RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// Whitespace around the numbers (`192, 168, …`).
    SpacesInList = "spaces-in-list", Warning, "RFC 959 §4.1.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.1.2";
    /// A number written with leading zeros (the octal trap).
    LeadingZeros = "leading-zeros", Warning, "inet_aton(3)", "https://man7.org/linux/man-pages/man3/inet_aton.3.html";
    /// Reply text in an unusual case (`Entering passive mode`).
    LowercaseText = "lowercase-text", Info, "RFC 1123 §4.1.2.6", "https://www.rfc-editor.org/rfc/rfc1123#section-4.1.2.6";
    /// A bare carriage return left at the end of a line.
    StrayCarriageReturn = "stray-carriage-return", Info, "RFC 959 §4.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2";
    /// The address is on a non-final line of a multi-line reply.
    AddressNotOnFinalLine = "address-not-on-final-line", Warning, "RFC 959 §4.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2";
    /// 229 with non-blank first fields (`(|1|192.168.1.2|50000|)`).
    EpsvNonBlankFields = "epsv-nonblank-fields", Warning, "RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// 229 without parentheses.
    EpsvMissingParentheses = "epsv-missing-parentheses", Warning, "RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// 229 with a delimiter other than `|`.
    UnusualDelimiter = "unusual-delimiter", Info, "RFC 2428 §2", "https://www.rfc-editor.org/rfc/rfc2428#section-2";
    // ---- analysis ----
    /// A non-public address while the control peer is public or unknown.
    NatUnroutableAddress = "nat-unroutable-address", Danger, "RFC 1918 §3; FileZilla rawtransfer.cpp", "https://www.rfc-editor.org/rfc/rfc1918#section-3";
    /// Both addresses are non-public, but in different private networks
    /// (a server in a container or VM announcing its internal address).
    PrivateNetworkMismatch = "private-network-mismatch", Warning, "RFC 1918 §3; FileZilla rawtransfer.cpp", "https://www.rfc-editor.org/rfc/rfc1918#section-3";
    /// Both public, but different.
    AddressMismatch = "address-mismatch", Warning, "CVE-2020-8284", "https://curl.se/docs/CVE-2020-8284.html";
    /// `0.0.0.0` in a reply.
    UnspecifiedAddress = "unspecified-address", Warning, "RFC 1122 §3.2.1.3; NET-649", "https://www.rfc-editor.org/rfc/rfc1122#section-3.2.1.3";
    /// Multicast or broadcast: not a TCP endpoint.
    NotUnicast = "not-unicast", Danger, "RFC 5771 §1; RFC 6890 §2.2.2", "https://www.rfc-editor.org/rfc/rfc5771#section-1";
    /// Reserved address space: assigned to no host.
    ReservedAddress = "reserved-address", Danger, "RFC 6890 §2.2.2", "https://www.rfc-editor.org/rfc/rfc6890#section-2.2.2";
    /// PORT, EPRT or LPRT to a port below 1024.
    PrivilegedPort = "privileged-port", Warning, "RFC 2577 §3", "https://www.rfc-editor.org/rfc/rfc2577#section-3";
    /// Port 5060, the SIP port, which some firewalls restrict.
    SipAlgPort = "sip-alg-port", Warning, "FluentFTP #712", "https://github.com/robinrodricks/FluentFTP/issues/712";
    /// A 227/PORT (IPv4 only) on an IPv6 control connection.
    FamilyMismatch = "family-mismatch", Danger, "RFC 2428 §1", "https://www.rfc-editor.org/rfc/rfc2428#section-1";
    /// The reply does not answer the command that was sent.
    ReplyCommandMismatch = "reply-command-mismatch", Danger, "RFC 959 §5.4; RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc959#section-5.4";
    /// PORT/EPRT to an address other than the client's.
    BounceRisk = "bounce-risk", Danger, "RFC 2577 §3; CERT CA-1997-27", "https://www.rfc-editor.org/rfc/rfc2577#section-3";
    /// 229: the client reuses the control connection's address.
    EpsvUsesControlAddress = "epsv-uses-control-address", Info, "RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// 200 Command okay: the answer to PORT, EPRT or LPRT.
    CommandOkay = "command-okay", Info, "RFC 959 §5.4", "https://www.rfc-editor.org/rfc/rfc959#section-5.4";
    /// 500/502 after a command other than EPSV: the server lacks it.
    CommandNotSupported = "command-not-supported", Warning, "RFC 959 §5.4", "https://www.rfc-editor.org/rfc/rfc959#section-5.4";
    /// 500/502 after EPSV: fall back to PASV.
    EpsvNotSupported = "epsv-not-supported", Info, "RFC 2428 §3; RFC 959 §5.4", "https://www.rfc-editor.org/rfc/rfc2428#section-3";
    /// 522: the server lists the families it supports.
    NetworkProtocolNotSupported = "network-protocol-not-supported", Warning, "RFC 2428 §2", "https://www.rfc-editor.org/rfc/rfc2428#section-2";
    /// 425: the data connection could not be opened.
    CannotOpenDataConnection = "cannot-open-data-connection", Danger, "RFC 959 §4.2.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// 421: the server is closing the control connection.
    ServiceClosing = "service-closing", Danger, "RFC 959 §4.2.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// 501: syntax error in the arguments.
    SyntaxErrorInArguments = "syntax-error-in-arguments", Warning, "RFC 959 §4.2.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
    /// 530: not logged in.
    NotLoggedIn = "not-logged-in", Warning, "RFC 959 §4.2.2", "https://www.rfc-editor.org/rfc/rfc959#section-4.2.2";
}

/// One finding about a decoded line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub id: FindingId,
    /// How much it matters here (context may raise the default).
    pub severity: Severity,
    /// Bytes it concerns, when it concerns some.
    pub span: Option<Span>,
    /// Typed data for the message.
    pub data: FindingData,
}

/// Typed data a finding's message may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindingData {
    /// The address in question.
    pub address: Option<core::net::IpAddr>,
    /// Its class.
    pub class: Option<AddressClass>,
    /// The control connection's address.
    pub control: Option<core::net::IpAddr>,
    /// A port.
    pub port: Option<u16>,
    /// A number (a misread octal value, a reply code…; for spaces-in-list,
    /// 1 when a space comes before a comma).
    pub number: Option<u32>,
}

impl Finding {
    /// A finding with its default severity.
    pub const fn new(id: FindingId, span: Option<Span>) -> Self {
        let data = FindingData { address: None, class: None, control: None, port: None, number: None };
        Finding { id, severity: id.severity(), span, data }
    }
    /// Same finding with data attached.
    pub fn with(mut self, data: FindingData) -> Self {
        self.data = data;
        self
    }
    /// Same finding with a different severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
