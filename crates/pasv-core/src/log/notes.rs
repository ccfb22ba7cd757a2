//! The client's own messages: where it connects (the control connection's
//! address, the data connection's target), whether it replaced an announced
//! address, and whether a data connection failed. No allocation.
use core::net::IpAddr;

use super::address::address_in;
use super::lines::trim_start;
use super::phrase::{find_ci, Haystack, Phrase};
use super::FailureKind;
use crate::SocketTarget;

/// A connection the client reports opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Connection {
    pub ip: IpAddr,
    pub port: Option<u16>,
    /// `Connected to` rather than `Connecting to`/`Trying`.
    pub established: bool,
    /// Explicitly a data connection (`Connecting data socket to`).
    pub data: bool,
}

/// `Connecting to 93.184.216.34:21...` (FileZilla, in its other languages
/// too: `Verbinde mit …`), `Connected to host (ip) port 21`, `Trying
/// ip:21...` and `Connected 2nd connection to ip port 40001` (curl),
/// `Connecting to host (ip) port 21` and `Connecting data socket to (ip)
/// port 40001` (lftp).
pub(crate) fn connection(text: &str, filezilla: bool) -> Option<Connection> {
    // The first byte picks the candidates; where one phrase starts another,
    // the longer comes first. FileZilla's translations of `Connecting to
    // %s...` are from its 3.48 locales (de, fr, es, it, pt_BR, nl, vi).
    const C: [(&str, bool, bool); 4] = [
        ("connecting data socket to", false, true),
        ("connected 2nd connection to", true, true),
        ("connected to", true, false),
        ("connecting to", false, false),
    ];
    const C_TRANSLATED: [(&str, bool, bool); 4] = [
        ("connexion \u{e0}", false, false),
        ("conectando a ", false, false),
        ("conectando", false, false),
        ("connessione a", false, false),
    ];
    const E: [(&str, bool, bool); 1] = [("established 2nd connection to", true, true)];
    const T: [(&str, bool, bool); 1] = [("trying", false, false)];
    const V: [(&str, bool, bool); 2] = [("verbinde mit", false, false), ("verbinden met", false, false)];
    const VI: [(&str, bool, bool); 1] = [("\u{110}ang k\u{1ebf}t n\u{1ed1}i t\u{1edb}i", false, false)];
    let text = trim_start(text);
    let (phrases, translated): (&[_], &[_]) = match text.as_bytes().first().map(|b| b | 0x20) {
        Some(b'c') => (&C, &C_TRANSLATED),
        Some(b'e') => (&E, &[]),
        Some(b't') => (&T, &[]),
        Some(b'v') => (&[], &V),
        // `Đ` (U+0110: 0xC4 0x90).
        Some(0xe4) => (&[], &VI),
        _ => return None, // most notes
    };
    let starts = |(p, ..): &&(&str, bool, bool)| starts_with_ci(text, p);
    let &(phrase, established, data) = phrases.iter().find(starts).or_else(|| translated.iter().find(starts).filter(|_| filezilla))?;
    let (ip, port) = address_in(&text[phrase.len()..])?;
    Some(Connection { ip, port, established, data })
}

/// Whether `text` starts with `prefix` (lower case), ASCII case-insensitively.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    let text = text.as_bytes();
    text.len() >= prefix.len() && text.iter().zip(prefix.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
}

/// The target of a failed connection: `Failed to connect to 10.0.0.5 port
/// 40001 after 21003 ms`, `connect to 10.0.0.5 port 40001 failed`.
pub(crate) fn failed_target(text: &str) -> Option<SocketTarget> {
    let at = find_ci(text, "connect to ")?;
    match address_in(&text[at + 11..])? {
        (ip, Some(port)) => Some(SocketTarget { ip, port }),
        _ => None,
    }
}

/// The client replaced an unroutable announced address with the control
/// connection's: FileZilla and WinSCP (`Server sent passive reply with
/// unroutable address…`), curl (`Skip 10.0.0.5 for data connection, re-use
/// … instead`), lftp (`Address returned by PASV seemed to be incorrect and
/// has been fixed`).
/// FileZilla's message in its other languages (3.48 locales) too.
pub(crate) fn is_fixup(text: Haystack, filezilla: bool) -> bool {
    const FIXUP: [Phrase; 5] = [
        Phrase::new("passive reply with unroutable address"),
        Phrase::new("for data connection, re-use"),
        Phrase::new("for data connection, reuse"),
        Phrase::new("has been fixed"),
        // lftp with ftp:ignore-pasv-address set.
        Phrase::new("ignored according to ftp:ignore-pasv-address"),
    ];
    const TRANSLATED: [Phrase; 7] = [
        Phrase::new("benutze stattdessen die serveradresse"),
        Phrase::new("adresse remplac\u{e9}e par celle du serveur"),
        Phrase::new("usando en su lugar la direcci\u{f3}n del servidor"),
        Phrase::new("sar\u{e0} usato l'indirizzo del server"),
        Phrase::new("usando o endere\u{e7}o do servidor"),
        Phrase::new("gebruikt het serveradres"),
        Phrase::new("d\u{f9}ng \u{111}\u{1ecb}a ch\u{1ec9} m\u{e1}y ch\u{1ee7} \u{111}\u{1ec3} thay th\u{1ebf}"),
    ];
    text.contains_any(&FIXUP) || (filezilla && text.contains_any(&TRANSLATED))
}

/// The client reports a data connection open: curl `Connected 2nd
/// connection to …` (see [`connection`]) and `Connection accepted from
/// server` (active mode), lftp `Data connection established`.
/// Both start the note, so the first byte rules out most notes.
pub(crate) fn data_established(text: &str) -> bool {
    let text = trim_start(text);
    match text.as_bytes().first().map(|b| b | 0x20) {
        Some(b'd') => starts_with_ci(text, "data connection established"),
        Some(b'c') => starts_with_ci(text, "connection accepted from server"),
        _ => false,
    }
}

/// A message about the control connection, not a data connection.
fn about_control(text: &Haystack) -> bool {
    const CONTROL: [Phrase; 4] = [
        Phrase::new("could not connect to server"),
        Phrase::new("(control connection)"),
        Phrase::new("control socket"),
        Phrase::new("disconnected from server"),
    ];
    text.contains_any(&CONTROL)
}

/// What kind of data-connection failure the client reports, if any: in
/// English, and FileZilla's main messages in German, French, Spanish,
/// Italian, Portuguese, Dutch and Vietnamese (its 3.48 locales: `Connection
/// timed out after %d seconds of inactivity`, `Failed to retrieve directory
/// listing`, `The data connection could not be established: %s`). Python's
/// exceptions (`TimeoutError: timed out`, `[Errno 113] No route to host`)
/// read like the English messages.
pub(crate) fn failure(text: Haystack, filezilla: bool) -> Option<FailureKind> {
    const TABLE: [(Phrase, FailureKind); 16] = [
        (Phrase::new("failed to retrieve directory listing"), FailureKind::ListingFailed),
        (Phrase::new("could not retrieve directory listing"), FailureKind::ListingFailed),
        (Phrase::new("error listing directory"), FailureKind::ListingFailed),
        (Phrase::new("timed out"), FailureKind::TimedOut),
        (Phrase::new("timeout"), FailureKind::TimedOut),
        (Phrase::new("etimedout"), FailureKind::TimedOut),
        (Phrase::new("connection refused"), FailureKind::Refused),
        (Phrase::new("econnrefused"), FailureKind::Refused),
        (Phrase::new("no route to host"), FailureKind::Unreachable),
        (Phrase::new("network is unreachable"), FailureKind::Unreachable),
        (Phrase::new("ehostunreach"), FailureKind::Unreachable),
        (Phrase::new("enetunreach"), FailureKind::Unreachable),
        (Phrase::new("data connection could not be established"), FailureKind::ConnectFailed),
        (Phrase::new("failed to connect to"), FailureKind::ConnectFailed),
        (Phrase::new("couldn't connect to server"), FailureKind::ConnectFailed),
        (Phrase::new("can't open data connection"), FailureKind::CannotOpen),
    ];
    // FileZilla in other languages (only its lines pay for them).
    const TRANSLATED: [(Phrase, FailureKind); 21] = [
        (Phrase::new("verzeichnisinhalt konnte nicht empfangen werden"), FailureKind::ListingFailed),
        (Phrase::new("impossible de r\u{e9}cup\u{e9}rer le contenu du dossier"), FailureKind::ListingFailed),
        (Phrase::new("error al recuperar el listado del directorio"), FailureKind::ListingFailed),
        (Phrase::new("non \u{e8} stato possibile leggere il contenuto della cartella"), FailureKind::ListingFailed),
        (Phrase::new("falha na obten\u{e7}\u{e3}o da lista de pastas"), FailureKind::ListingFailed),
        (Phrase::new("ontvangen van mappenlijst is mislukt"), FailureKind::ListingFailed),
        (Phrase::new("ph\u{1ee5}c h\u{1ed3}i danh s\u{e1}ch th\u{1b0} m\u{1ee5}c g\u{1eb7}p l\u{1ed7}i"), FailureKind::ListingFailed),
        (Phrase::new("zeit\u{fc}berschreitung"), FailureKind::TimedOut),
        (Phrase::new("d\u{e9}lai d'attente expir\u{e9}"), FailureKind::TimedOut),
        (Phrase::new("d'inactivit\u{e9}"), FailureKind::TimedOut),
        (Phrase::new("super\u{f3} el tiempo de espera"), FailureKind::TimedOut),
        (Phrase::new("di inattivit\u{e0}"), FailureKind::TimedOut),
        (Phrase::new("de inatividade"), FailureKind::TimedOut),
        (Phrase::new("inactiviteit"), FailureKind::TimedOut),
        (Phrase::new("gi\u{e2}y kh\u{f4}ng c\u{f3} ho\u{1ea1}t \u{111}\u{1ed9}ng"), FailureKind::TimedOut),
        (Phrase::new("die datenverbindung konnte nicht hergestellt werden"), FailureKind::ConnectFailed),
        (Phrase::new("la connexion des donn\u{e9}es ne peut pas \u{ea}tre \u{e9}tablie"), FailureKind::ConnectFailed),
        (Phrase::new("no se pudo establecer la conexi\u{f3}n de datos"), FailureKind::ConnectFailed),
        (Phrase::new("impossibile stabilire la connessione dati"), FailureKind::ConnectFailed),
        (Phrase::new("a conex\u{e3}o de dados n\u{e3}o pode ser estabelecida"), FailureKind::ConnectFailed),
        (Phrase::new("de gegevensverbinding kan niet tot stand worden gebracht"), FailureKind::ConnectFailed),
    ];
    if about_control(&text) {
        return None;
    }
    let translated: &[_] = if filezilla { &TRANSLATED } else { &[] };
    TABLE.iter().chain(translated).find(|(p, _)| text.contains(p)).map(|&(_, kind)| kind)
}

/// A failure message that can only be about a data connection (FileZilla's
/// German, French, Spanish, Italian, Portuguese, Dutch and Vietnamese too).
pub(crate) fn data_specific(text: Haystack, filezilla: bool) -> bool {
    const DATA: [Phrase; 3] = [Phrase::new("directory listing"), Phrase::new("data connection"), Phrase::new("data socket")];
    const TRANSLATED: [Phrase; 14] = [
        Phrase::new("verzeichnisinhalt"),
        Phrase::new("datenverbindung"),
        Phrase::new("contenu du dossier"),
        Phrase::new("connexion des donn\u{e9}es"),
        Phrase::new("listado del directorio"),
        Phrase::new("conexi\u{f3}n de datos"),
        Phrase::new("contenuto della cartella"),
        Phrase::new("connessione dati"),
        Phrase::new("lista de pastas"),
        Phrase::new("conex\u{e3}o de dados"),
        Phrase::new("mappenlijst"),
        Phrase::new("gegevensverbinding"),
        Phrase::new("danh s\u{e1}ch th\u{1b0} m\u{1ee5}c"),
        Phrase::new("k\u{1ebf}t n\u{1ed1}i d\u{1eef} li\u{1ec7}u"),
    ];
    text.contains_any(&DATA) || (filezilla && text.contains_any(&TRANSLATED))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn connections() {
        let c = |t| connection(t, false).map(|c| (c.ip, c.port, c.established, c.data));
        assert_eq!(c("Connecting to 93.184.216.34:21..."), Some((ip("93.184.216.34"), Some(21), false, false)));
        assert_eq!(c("Connected to ftp.example.com (93.184.216.34) port 21 (#0)"), Some((ip("93.184.216.34"), Some(21), true, false)));
        assert_eq!(c("Trying [2001:db8::21]:21..."), Some((ip("2001:db8::21"), Some(21), false, false)));
        assert_eq!(c("Trying 77.232.67.28... connected"), Some((ip("77.232.67.28"), None, false, false)));
        assert_eq!(c("Connecting data socket to (10.0.0.5) port 40001"), Some((ip("10.0.0.5"), Some(40001), false, true)));
        assert_eq!(c("Connecting to ftp.example.net (2001:db8:85a3::21) port 21"), Some((ip("2001:db8:85a3::21"), Some(21), false, false)));
        assert_eq!(c("Connecting to 2001:db8::1"), Some((ip("2001:db8::1"), None, false, false)));
        assert_eq!(c("Connecting to ftp.example.com ..."), None);
        assert_eq!(c("Connection established, waiting for welcome message..."), None);
        assert_eq!(c("Retrying 1.2.3.4"), None);
    }

    #[test]
    fn failures() {
        assert_eq!(failure(Haystack::new("Connection timed out after 20 seconds of inactivity"), false), Some(FailureKind::TimedOut));
        assert_eq!(failure(Haystack::new("Failed to retrieve directory listing"), false), Some(FailureKind::ListingFailed));
        assert_eq!(failure(Haystack::new("Could not connect to server"), false), None);
        assert_eq!(failure(Haystack::new("Timeout detected. (control connection)"), false), None);
        assert_eq!(
            failure(Haystack::new("The data connection could not be established: ECONNREFUSED - Connection refused by server"), false),
            Some(FailureKind::Refused)
        );
        assert_eq!(failure(Haystack::new("Logged in"), false), None);
        let t = failed_target("Failed to connect to 10.0.0.5 port 40001 after 21003 ms: Timeout was reached");
        assert_eq!(t, Some(SocketTarget { ip: ip("10.0.0.5"), port: 40001 }));
        assert!(is_fixup(Haystack::new("Server sent passive reply with unroutable address. Using server address instead."), false));
        assert!(is_fixup(Haystack::new("Skip 10.0.0.5 for data connection, re-use ftp.example.com instead"), false));
        assert!(!is_fixup(Haystack::new("Logged in"), false));
        assert!(is_fixup(Haystack::new("Address returned by PASV is ignored according to ftp:ignore-pasv-address setting"), false));
        // FileZilla's messages in German, only in FileZilla's lines.
        let de = Haystack::new("Zeit\u{fc}berschreitung der Verbindung nach 20 Sekunden Inaktivit\u{e4}t");
        assert_eq!((failure(de, true), failure(de, false)), (Some(FailureKind::TimedOut), None));
        let fixup = Haystack::new(
            "Vom Server gesendete Adresse f\u{fc}r den Passiv-Modus ist nicht routingf\u{e4}hig. Benutze stattdessen die Serveradresse.",
        );
        assert!(is_fixup(fixup, true) && !is_fixup(fixup, false));
        assert!(data_specific(Haystack::new("Verzeichnisinhalt konnte nicht empfangen werden"), true));
        assert_eq!(connection("Verbinde mit 203.0.113.25:21...", true).map(|c| c.ip), Some(ip("203.0.113.25")));
        assert_eq!(connection("Verbinde mit 203.0.113.25:21...", false), None);
        assert_eq!(connection("Conectando a 203.0.113.25:21...", true).map(|c| c.port), Some(Some(21)));
        assert_eq!(connection("\u{110}ang k\u{1ebf}t n\u{1ed1}i t\u{1edb}i 203.0.113.25:21\u{2026}", true).map(|c| c.port), Some(Some(21)));
    }
}
