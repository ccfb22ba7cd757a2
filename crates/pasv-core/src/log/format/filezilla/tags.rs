//! FileZilla's message tags in its other interface languages, which a log
//! written in that language carries, and unknown one-word tags before a
//! protocol line.
use super::super::{of, reply_head, starts_with_command, Classified, LogFormat, Shape};
use super::Tag;

/// FileZilla's tags in its other languages (`Befehl:`, `Réponse :`, `Lỗi:`),
/// from the translations of FileZilla 3.48 (`locales/*.po`: the msgids
/// `Command:`, `Response:`, `Status:`, `Error:`). A log file is written in
/// the interface language too.
const TRANSLATED_TAGS: &[(&str, Tag)] = &[
    // Commands.
    ("Befehl", Tag::Command),
    ("Commande", Tag::Command),
    ("Comando", Tag::Command),
    ("Commando", Tag::Command),
    ("Opdracht", Tag::Command),
    ("Polecenie", Tag::Command),
    ("P\u{159}\u{ed}kaz", Tag::Command),
    ("Parancs", Tag::Command),
    ("Kommando", Tag::Command),
    ("Komut", Tag::Command),
    ("\u{41a}\u{43e}\u{43c}\u{430}\u{43d}\u{434}\u{430}", Tag::Command),
    ("L\u{1ec7}nh", Tag::Command),
    ("\u{547d}\u{4ee4}", Tag::Command),
    ("\u{6307}\u{4ee4}", Tag::Command),
    ("\u{30b3}\u{30de}\u{30f3}\u{30c9}", Tag::Command),
    ("\u{ba85}\u{b839}", Tag::Command),
    // Replies.
    ("Antwort", Tag::Response),
    ("R\u{e9}ponse", Tag::Response),
    ("Respuesta", Tag::Response),
    ("Risposta", Tag::Response),
    ("Resposta", Tag::Response),
    ("Antwoord", Tag::Response),
    ("Odpowied\u{17a}", Tag::Response),
    ("Odpov\u{11b}\u{10f}", Tag::Response),
    ("V\u{e1}lasz", Tag::Response),
    ("Svar", Tag::Response),
    ("Yan\u{131}t", Tag::Response),
    ("\u{41e}\u{442}\u{432}\u{435}\u{442}", Tag::Response),
    ("\u{412}\u{456}\u{434}\u{43f}\u{43e}\u{432}\u{456}\u{434}\u{44c}", Tag::Response),
    ("Tr\u{1ea3} v\u{1ec1}", Tag::Response),
    ("\u{54cd}\u{5e94}", Tag::Response),
    ("\u{56de}\u{61c9}", Tag::Response),
    ("\u{30ec}\u{30b9}\u{30dd}\u{30f3}\u{30b9}", Tag::Response),
    ("\u{5fdc}\u{7b54}", Tag::Response),
    ("\u{c751}\u{b2f5}", Tag::Response),
    // Errors.
    ("Fehler", Tag::Error),
    ("Erreur", Tag::Error),
    ("Errore", Tag::Error),
    ("Erro", Tag::Error),
    ("Fout", Tag::Error),
    ("B\u{142}\u{105}d", Tag::Error),
    ("Chyba", Tag::Error),
    ("Hiba", Tag::Error),
    ("Fel", Tag::Error),
    ("Hata", Tag::Error),
    ("\u{41e}\u{448}\u{438}\u{431}\u{43a}\u{430}", Tag::Error),
    ("\u{41f}\u{43e}\u{43c}\u{438}\u{43b}\u{43a}\u{430}", Tag::Error),
    ("L\u{1ed7}i", Tag::Error),
    ("\u{9519}\u{8bef}", Tag::Error),
    ("\u{932f}\u{8aa4}", Tag::Error),
    ("\u{30a8}\u{30e9}\u{30fc}", Tag::Error),
    ("\u{c624}\u{b958}", Tag::Error),
    // Status messages.
    ("Statut", Tag::Status),
    ("Estado", Tag::Status),
    ("Stato", Tag::Status),
    ("Stav", Tag::Status),
    ("\u{c1}llapot", Tag::Status),
    ("Durum", Tag::Status),
    ("\u{421}\u{442}\u{430}\u{442}\u{443}\u{441}", Tag::Status),
    ("T\u{ec}nh tr\u{1ea1}ng", Tag::Status),
    ("\u{72b6}\u{6001}", Tag::Status),
    ("\u{72c0}\u{614b}", Tag::Status),
    ("\u{72b6}\u{614b}", Tag::Status),
    ("\u{c0c1}\u{d0dc}", Tag::Status),
];

/// The translations of FileZilla 3.48.1 that end in no colon, as they are
/// written: Polish `Odpowiedź` (`locales/pl_PL.po`: msgid `Response:`,
/// msgstr `Odpowiedź`), Armenian with a full stop (`locales/hy.po`).
const BARE_TAGS: &[(&str, Tag)] = &[
    ("Odpowied\u{17a}", Tag::Response),
    ("\u{540}\u{580}\u{561}\u{574}\u{561}\u{576}\u{568}.", Tag::Command),
    ("\u{54a}\u{561}\u{57f}\u{561}\u{57d}\u{56d}\u{561}\u{576}\u{568}.", Tag::Response),
    ("\u{54d}\u{56d}\u{561}\u{56c}.", Tag::Error),
    ("\u{533}\u{578}\u{580}\u{56e}\u{578}\u{572}\u{578}\u{582}\u{569}\u{575}\u{578}\u{582}\u{576}\u{568}.", Tag::Status),
];

/// A tag of `BARE_TAGS` and the text after it, only where FileZilla puts its
/// separator: a tab (the message log; blanks before it on macOS) or, after a
/// log file's ids (`stamped`), one space. A bare word in prose is no tag.
fn bare(line: &str, stamped: bool) -> Option<(Tag, &str)> {
    BARE_TAGS.iter().find_map(|&(tag, role)| {
        let after = line.strip_prefix(tag)?;
        let text = after.trim_start_matches([' ', '\t']);
        let blanks = &after[..after.len() - text.len()];
        (blanks.ends_with('\t') || (stamped && blanks == " ")).then_some((role, text))
    })
}

/// Longest tag looked at, in bytes.
const MAX_TAG: usize = 24;

/// The first words of the two-word tags of `TRANSLATED_TAGS`.
const TWO_WORDS: [&str; 2] = ["Tr\u{1ea3}", "T\u{ec}nh"];

/// A FileZilla line with a tag other than the English ones: a known
/// translation (`Befehl:\tPASS x`, `Antwort:\t227 …`, `Fehler:\t…`), or any
/// one-word tag followed by a tab (in a log file, after a timestamp, a
/// space) and a protocol line — a known command word or a reply code.
pub(in super::super) fn tagged(line: &str, stamped: bool) -> Option<Classified<'_>> {
    if let Some((role, text)) = bare(line, stamped) {
        return of(LogFormat::Filezilla, role.shape(text));
    }
    let b = line.as_bytes();
    // The tag: a word of letters (any script) and `:`; French puts a blank
    // before the colon (`Commande :`), Vietnamese has two-word tags (`Trả
    // về:`). Most lines fail at the end of their first word.
    let word = b.iter().take(MAX_TAG + 1).position(|&c| !(c.is_ascii_alphabetic() || c >= 0x80))?;
    let colon = match b[word] {
        b':' => Some(word),
        b' ' if b.get(word + 1) == Some(&b':') => Some(word + 1),
        b' ' if TWO_WORDS.contains(&&line[..word]) => {
            let second = b[word + 1..].iter().take(MAX_TAG).position(|&c| !(c.is_ascii_alphabetic() || c >= 0x80))?;
            (b[word + 1 + second] == b':').then_some(word + 1 + second)
        }
        _ => None,
    };
    let colon = colon?;
    // French puts a space (or a no-break space) before the colon.
    let tag = line[..colon].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    if tag.is_empty() {
        return None;
    }
    let after = &line[colon + 1..];
    let text = after.trim_start_matches([' ', '\t']);
    let known = TRANSLATED_TAGS.iter().find(|(t, _)| *t == tag).map(|&(_, role)| role);
    let shape = match known {
        Some(role) => role.shape(text),
        None => {
            // Any other tag: one word (letters, in any script), then a tab,
            // then something only a protocol line starts with.
            let separated = after.starts_with('\t') || (stamped && after.starts_with(' '));
            let word = tag.bytes().all(|c| c.is_ascii_alphabetic() || c >= 0x80);
            if !separated || !word {
                return None;
            }
            let shape = if reply_head(text).is_some() {
                Shape::Reply(text)
            } else if starts_with_command(text, false) {
                Shape::Command(text)
            } else {
                return None;
            };
            return Some(Classified { format: Some(LogFormat::Filezilla), shape, conn: 0, weak: true });
        }
    };
    of(LogFormat::Filezilla, shape)
}
