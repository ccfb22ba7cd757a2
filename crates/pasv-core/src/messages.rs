//! The message catalog (generated from `locales/*.toml` by `build.rs`) and
//! the mapping from typed errors and findings to localized sentences.
use alloc::string::{String, ToString};
use core::fmt::{self, Write as _};

use crate::{AddressClass, Error, ErrorKind, Explained, Field, Finding, FindingId, Kind, Severity};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// A message of one of the catalog's enums ([`Msg`], [`LogMsg`], [`ExtrasMsg`], [`CliMsg`]).
pub trait Message: Copy {
    /// Its template in `lang`.
    fn template_in(self, lang: Lang) -> &'static str;
}

impl Message for Msg {
    fn template_in(self, lang: Lang) -> &'static str {
        self.template(lang)
    }
}

impl Message for LogMsg {
    fn template_in(self, lang: Lang) -> &'static str {
        self.template(lang)
    }
}

impl Message for ExtrasMsg {
    fn template_in(self, lang: Lang) -> &'static str {
        self.template(lang)
    }
}

impl Message for CliMsg {
    fn template_in(self, lang: Lang) -> &'static str {
        self.template(lang)
    }
}

/// The template of `msg` in `lang`.
pub fn template<M: Message>(lang: Lang, msg: M) -> &'static str {
    msg.template_in(lang)
}

impl Lang {
    /// The language for a BCP 47 tag such as `vi`, `vi-VN` or `en-GB`.
    pub fn from_code(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL.iter().copied().find(|l| l.code().eq_ignore_ascii_case(primary))
    }
    /// The language's own name (`meta.name`).
    pub fn native_name(self) -> &'static str {
        template(self, Msg::MetaName)
    }
}

/// A named value for a message placeholder.
#[derive(Clone, Copy)]
pub struct Arg<'a> {
    /// Placeholder name, without braces.
    pub name: &'static str,
    /// Its value.
    pub value: &'a dyn fmt::Display,
}

impl fmt::Debug for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, self.value)
    }
}

/// Render `msg` in `lang`, filling `{placeholders}` from `args`.
///
/// ```
/// use pasv_core::{render, Arg, Lang, Msg};
/// let text = render(Lang::Vi, Msg::UiArithmetic, &[
///     Arg { name: "p1", value: &156 }, Arg { name: "p2", value: &64 }, Arg { name: "port", value: &40000 },
/// ]);
/// assert_eq!(text, "Cổng = 156 × 256 + 64 = 40000");
/// ```
pub fn render<M: Message>(lang: Lang, msg: M, args: &[Arg<'_>]) -> String {
    fill(template(lang, msg), args)
}

/// Fill `{placeholders}` of a template (or of a part of one) from `args`.
fn fill(template: &str, args: &[Arg<'_>]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap_or(rest.len() - open);
        let name = &rest[open + 1..close];
        match args.iter().find(|a| a.name == name) {
            Some(arg) => {
                let _ = write!(out, "{}", arg.value);
            }
            None => out.push_str(&rest[open..=close.min(rest.len() - 1)]),
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// Capitalise the first letter: a sentence may start with a field name.
/// ASCII only: every field name starts with an ASCII letter, and avoiding
/// Unicode case tables keeps the page's wasm small.
/// Capitalise the first letter: a message may start with a placeholder whose
/// value starts with a non-ASCII letter ("độ dài…" → "Độ dài…").
fn sentence(text: String) -> String {
    let mut chars = text.chars();
    match chars.next().and_then(upper) {
        Some(first) => core::iter::once(first).chain(chars).collect(),
        None => text,
    }
}

/// The capital of a small letter of ASCII, Latin-1 and the Latin letters
/// Vietnamese writes with (ă đ ĩ ũ ơ ư and the precomposed letters of Latin
/// Extended Additional); None for anything else. Not `char::to_uppercase`:
/// its Unicode tables would add kilobytes to the page's download. A test
/// checks every letter covered against `to_uppercase`.
fn upper(c: char) -> Option<char> {
    let u = u32::from(c);
    let capital = match u {
        0x61..=0x7A => u - 0x20,
        0xE0..=0xFE if u != 0xF7 => u - 0x20,
        // Latin Extended-A and Additional pair a capital (even) with its small letter (odd).
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u % 2 == 1 => u - 1,
        0x01A1 => 0x01A0, // ơ
        0x01B0 => 0x01AF, // ư
        _ => return None,
    };
    char::from_u32(capital)
}

/// Input text shown inside a message: at most 24 characters.
fn excerpt(input: &str, span: crate::Span) -> String {
    let text = input.get(span.start..span.end).unwrap_or("");
    match text.char_indices().nth(24) {
        Some((i, _)) => alloc::format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The localized name of a field.
pub fn field_name(lang: Lang, field: Field) -> String {
    match field {
        Field::AddressByte(n) | Field::ListItem(n) => {
            let msg = if matches!(field, Field::AddressByte(_)) { Msg::FieldAddressByte } else { Msg::FieldListItem };
            render(lang, msg, &[Arg { name: "n", value: &n }])
        }
        Field::PortHigh => render(lang, Msg::FieldPortHigh, &[]),
        Field::PortLow => render(lang, Msg::FieldPortLow, &[]),
        Field::Port => render(lang, Msg::FieldPort, &[]),
        Field::Family => render(lang, Msg::FieldFamily, &[]),
        Field::AddressLength => render(lang, Msg::FieldAddressLength, &[]),
        Field::PortLength => render(lang, Msg::FieldPortLength, &[]),
        Field::NetworkAddress => render(lang, Msg::FieldNetworkAddress, &[]),
    }
}

/// The localized name of an address class.
pub const fn class_msg(class: AddressClass) -> Msg {
    match class {
        AddressClass::Public => Msg::ClassPublic,
        AddressClass::Private => Msg::ClassPrivate,
        AddressClass::Shared => Msg::ClassShared,
        AddressClass::Loopback => Msg::ClassLoopback,
        AddressClass::LinkLocal => Msg::ClassLinkLocal,
        AddressClass::Unspecified => Msg::ClassUnspecified,
        AddressClass::Multicast => Msg::ClassMulticast,
        AddressClass::Broadcast => Msg::ClassBroadcast,
        AddressClass::Reserved => Msg::ClassReserved,
        AddressClass::Documentation => Msg::ClassDocumentation,
        AddressClass::Benchmarking => Msg::ClassBenchmarking,
        AddressClass::UniqueLocal => Msg::ClassUniqueLocal,
        AddressClass::Ipv4Mapped => Msg::ClassIpv4Mapped,
    }
}

/// The localized name of a kind of line.
pub const fn kind_msg(kind: Kind) -> Msg {
    match kind {
        Kind::Pasv => Msg::KindPasv,
        Kind::Epsv => Msg::KindEpsv,
        Kind::Lpsv => Msg::KindLpsv,
        Kind::Port => Msg::KindPort,
        Kind::Eprt => Msg::KindEprt,
        Kind::Lprt => Msg::KindLprt,
        Kind::Other => Msg::KindOther,
    }
}

/// The localized name of a severity.
pub const fn severity_msg(severity: Severity) -> Msg {
    match severity {
        Severity::Info => Msg::UiSeverityInfo,
        Severity::Warning => Msg::UiSeverityWarning,
        Severity::Danger => Msg::UiSeverityDanger,
    }
}

/// A valid example of the form `kind` expects (protocol text, not translated).
pub const fn example(kind: Kind) -> &'static str {
    match kind {
        Kind::Pasv | Kind::Other => "227 Entering Passive Mode (192,0,2,10,156,64).",
        Kind::Epsv => "229 Entering Extended Passive Mode (|||40000|)",
        Kind::Lpsv => "228 Entering Long Passive Mode (4,4,192,0,2,10,2,156,64)",
        Kind::Port => "PORT 192,0,2,10,156,64",
        Kind::Eprt => "EPRT |1|192.0.2.10|40000|",
        Kind::Lprt => "LPRT 4,4,192,0,2,10,2,156,64",
    }
}

/// The localized message of a decode error in `input`.
pub fn error_message(lang: Lang, kind: Kind, error: &Error, input: &str) -> String {
    let text = excerpt(input, error.span);
    let ex = example(kind);
    let a = |name, value| Arg { name, value };
    sentence(match error.kind {
        ErrorKind::Empty => render(lang, Msg::ErrorEmpty, &[]),
        ErrorKind::NotFtp => render(lang, Msg::ErrorNotFtp, &[a("text", &text)]),
        ErrorKind::NotPassiveReply { code } => render(lang, Msg::ErrorNotPassiveReply, &[a("code", &code)]),
        ErrorKind::ReplyMissing { command } => render(lang, Msg::ErrorReplyMissing, &[a("command", &command.as_str())]),
        ErrorKind::NoAddress => render(lang, Msg::ErrorNoAddress, &[a("example", &ex)]),
        ErrorKind::DottedAddress => {
            let fixed = crate::decode::comma_form(input.get(error.span.start..error.span.end).unwrap_or(""));
            render(lang, Msg::ErrorDottedAddress, &[a("text", &text), a("fixed", &fixed)])
        }
        ErrorKind::WrongCount { found, expected } => {
            render(lang, Msg::ErrorWrongCount, &[a("found", &found), a("expected", &expected), a("example", &ex)])
        }
        ErrorKind::NotANumber { field } => render(lang, Msg::ErrorNotANumber, &[a("field", &field_name(lang, field)), a("text", &text)]),
        ErrorKind::Negative { field } => render(lang, Msg::ErrorNegative, &[a("field", &field_name(lang, field)), a("text", &text)]),
        ErrorKind::TooLarge { field, max } => {
            render(lang, Msg::ErrorTooLarge, &[a("field", &field_name(lang, field)), a("text", &text), a("max", &max)])
        }
        ErrorKind::PortZero => render(lang, Msg::ErrorPortZero, &[]),
        ErrorKind::BadDelimiter => render(lang, Msg::ErrorBadDelimiter, &[a("text", &text)]),
        ErrorKind::MissingClosingDelimiter => render(lang, Msg::ErrorMissingClosingDelimiter, &[]),
        ErrorKind::EmptyPort => render(lang, Msg::ErrorEmptyPort, &[]),
        ErrorKind::PortNotDigits => render(lang, Msg::ErrorPortNotDigits, &[a("text", &text)]),
        ErrorKind::UnknownFamily => render(lang, Msg::ErrorUnknownFamily, &[a("text", &text)]),
        ErrorKind::FamilyAddressMismatch => render(lang, Msg::ErrorFamilyAddressMismatch, &[a("text", &text)]),
        ErrorKind::BadAddress => render(lang, Msg::ErrorBadAddress, &[a("text", &text)]),
        ErrorKind::LongUnknownFamily { af } => render(lang, Msg::ErrorLongUnknownFamily, &[a("af", &af)]),
        ErrorKind::LongBadLength { field, expected } => {
            render(lang, Msg::ErrorLongBadLength, &[a("field", &field_name(lang, field)), a("expected", &expected), a("text", &text)])
        }
    })
}

/// The message key a finding uses (some have a variant by context).
pub fn finding_msg(finding: &Finding, explained: &Explained) -> Msg {
    let active = matches!(explained.decoded.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let known = finding.data.control.is_some();
    match finding.id {
        FindingId::MissingParentheses => Msg::FindingMissingParentheses,
        FindingId::EqualsForm => Msg::FindingEqualsForm,
        FindingId::TrailingText => Msg::FindingTrailingText,
        FindingId::SpacesInList if finding.data.number == Some(1) => Msg::FindingSpacesInListBeforeComma,
        FindingId::SpacesInList => Msg::FindingSpacesInList,
        FindingId::LeadingZeros if finding.data.address.is_some() => Msg::FindingLeadingZerosOctal,
        FindingId::LeadingZeros => Msg::FindingLeadingZeros,
        FindingId::LowercaseText => Msg::FindingLowercaseText,
        FindingId::StrayCarriageReturn => Msg::FindingStrayCarriageReturn,
        FindingId::AddressNotOnFinalLine => Msg::FindingAddressNotOnFinalLine,
        FindingId::EpsvNonBlankFields => Msg::FindingEpsvNonblankFields,
        FindingId::EpsvMissingParentheses => Msg::FindingEpsvMissingParentheses,
        FindingId::UnusualDelimiter => Msg::FindingUnusualDelimiter,
        FindingId::NatUnroutableAddress if active => Msg::FindingNatUnroutableActive,
        FindingId::NatUnroutableAddress if known => Msg::FindingNatUnroutableAddress,
        FindingId::NatUnroutableAddress => Msg::FindingNatUnroutableAddressNoControl,
        FindingId::PrivateNetworkMismatch => Msg::FindingPrivateNetworkMismatch,
        FindingId::AddressMismatch => Msg::FindingAddressMismatch,
        FindingId::UnspecifiedAddress if active => Msg::FindingUnspecifiedAddressActive,
        FindingId::UnspecifiedAddress => Msg::FindingUnspecifiedAddress,
        FindingId::NotUnicast => Msg::FindingNotUnicast,
        FindingId::ReservedAddress => Msg::FindingReservedAddress,
        FindingId::PrivilegedPort => Msg::FindingPrivilegedPort,
        FindingId::SipAlgPort => Msg::FindingSipAlgPort,
        FindingId::FamilyMismatch => Msg::FindingFamilyMismatch,
        FindingId::ReplyCommandMismatch => Msg::FindingReplyCommandMismatch,
        FindingId::BounceRisk => Msg::FindingBounceRisk,
        FindingId::EpsvUsesControlAddress if known => Msg::FindingEpsvUsesControlAddress,
        FindingId::EpsvUsesControlAddress => Msg::FindingEpsvUsesControlAddressNoControl,
        FindingId::CommandOkay => Msg::FindingCommandOkay,
        FindingId::CommandNotSupported => Msg::FindingCommandNotSupported,
        FindingId::EpsvNotSupported => Msg::FindingEpsvNotSupported,
        FindingId::NetworkProtocolNotSupported if finding.span.is_some() => Msg::FindingNetworkProtocolNotSupported,
        FindingId::NetworkProtocolNotSupported => Msg::FindingNetworkProtocolNotSupportedNoList,
        FindingId::CannotOpenDataConnection => Msg::FindingCannotOpenDataConnection,
        FindingId::ServiceClosing => Msg::FindingServiceClosing,
        FindingId::SyntaxErrorInArguments => Msg::FindingSyntaxErrorInArguments,
        FindingId::NotLoggedIn => Msg::FindingNotLoggedIn,
    }
}

/// The localized message of a finding about `explained`, whose input is `input`.
pub fn finding_message(lang: Lang, finding: &Finding, explained: &Explained, input: &str) -> String {
    finding_fill(lang, finding, explained, input, template(lang, finding_msg(finding, explained)))
}

/// The finding's `template` (its message, or a part of it) filled in.
fn finding_fill(lang: Lang, finding: &Finding, explained: &Explained, input: &str, template: &str) -> String {
    let d = &finding.data;
    let dash = "—";
    let address = d.address.map(|ip| ip.to_string());
    let control = d.control.map(|ip| ip.to_string());
    let class = d.class.map(|c| render(lang, class_msg(c), &[]));
    let text = finding.span.map(|s| excerpt(input, s));
    let sent = explained.sent.map(|c| c.as_str());
    let number = d.number;
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| dash.to_string());
    let (address, control, class, text) = (or(&address), or(&control), or(&class), or(&text));
    let (port, number) = (d.port.unwrap_or(0), number.unwrap_or(0));
    let sent = sent.unwrap_or(dash);
    let args = [
        Arg { name: "address", value: &address },
        Arg { name: "control", value: &control },
        Arg { name: "class", value: &class },
        Arg { name: "text", value: &text },
        Arg { name: "port", value: &port },
        Arg { name: "number", value: &number },
        Arg { name: "sent", value: &sent },
    ];
    // Not `sentence`: finding templates start with a capital already, and
    // capitalising a rendered address would turn ff02::1 into Ff02::1.
    fill(template, &args)
}

/// Where the first sentence of a finding's message ends, in bytes: the
/// one-line summary the page shows before "Why". Found in the template, so a
/// placeholder's value (a quoted ". ") never cuts it; an initial ("D. J.")
/// or an abbreviation's inner period does not end a sentence.
pub fn finding_summary_len(lang: Lang, finding: &Finding, explained: &Explained, input: &str) -> usize {
    let template = template(lang, finding_msg(finding, explained));
    let b = template.as_bytes();
    let end = (1..b.len().saturating_sub(1))
        .find(|&i| {
            let initial = i >= 2 && b[i - 1].is_ascii_uppercase() && b[i - 2] == b' ';
            b[i] == b'.' && b[i + 1] == b' ' && !initial && !(i >= 2 && b[i - 2] == b'.')
        })
        .map_or(template.len(), |i| i + 1);
    // Rendering goes left to right: the filled first part is a prefix of the message.
    finding_fill(lang, finding, explained, input, &template[..end]).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_agrees_with_unicode_on_every_letter_it_covers() {
        let mut covered = 0;
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            if let Some(capital) = upper(c) {
                let mut unicode = c.to_uppercase();
                assert_eq!((unicode.next(), unicode.next()), (Some(capital), None), "{c} U+{:04X}", u32::from(c));
                assert_ne!(capital, c, "{c}");
                covered += 1;
            }
        }
        // Every small letter Vietnamese writes with is covered.
        let vietnamese = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
        for c in vietnamese.chars() {
            assert!(upper(c).is_some(), "{c}");
        }
        assert!(covered > 150, "{covered}");
        assert_eq!(sentence("độ dài địa chỉ (hal)".into()), "Độ dài địa chỉ (hal)");
        assert_eq!(sentence("“x” is".into()), "“x” is");
    }
}
