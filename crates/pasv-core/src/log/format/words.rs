//! FTP command words and reply heads, as every format's recogniser reads
//! them. No allocation: most noise words fail at their first or second byte.
/// FTP command words recognised in a raw control stream (RFC 959, 2228,
/// 2389, 2428, 3659, 7151 and common extensions).
const COMMANDS: &[&str] = &[
    "ABOR", "ACCT", "ALLO", "APPE", "AUTH", "CCC", "CDUP", "CLNT", "CWD", "DELE", "EPRT", "EPSV", "ESTA", "ESTP", "FEAT", "HELP", "HOST",
    "LANG", "LIST", "LPRT", "LPSV", "MDTM", "MFMT", "MKD", "MLSD", "MLST", "MODE", "NLST", "NOOP", "OPTS", "PASS", "PASV", "PBSZ", "PORT",
    "PRET", "PROT", "PWD", "QUIT", "REIN", "REST", "RETR", "RMD", "RNFR", "RNTO", "SITE", "SIZE", "SMNT", "SPSV", "STAT", "STOR", "STOU",
    "STRU", "SYST", "TYPE", "USER", "XCWD", "XMKD", "XPWD", "XRMD",
];

/// The reply code and whether the line opens a multi-line reply (`227-`).
#[inline]
pub(crate) fn reply_head(text: &str) -> Option<(u16, bool)> {
    let b = text.as_bytes();
    if b.len() < 3 || !(b'1'..=b'5').contains(&b[0]) || !b[1].is_ascii_digit() || !b[2].is_ascii_digit() {
        return None;
    }
    let continued = match b.get(3) {
        None | Some(b' ' | b'\t') => false,
        Some(b'-') => true,
        Some(_) => return None,
    };
    Some((b[..3].iter().fold(0, |acc, d| acc * 10 + u16::from(d - b'0')), continued))
}

/// The command word of a command line (`PASV`, `USER`…), any case.
pub(crate) fn command_word(text: &str) -> &str {
    let text = text.trim_start();
    &text[..text.bytes().position(|b| b == b' ' || b == b'\t').unwrap_or(text.len())]
}

/// Whether `text` starts with a known command word. Looks at five bytes at
/// most, and most noise words (`GET`, `Host:`) fail at their first or
/// second byte.
#[inline]
pub(crate) fn starts_with_command(text: &str, any_case: bool) -> bool {
    let b = text.as_bytes();
    match b.first() {
        // Leading (Unicode) white space: `command_word` trims it.
        Some(f) if !f.is_ascii() || f.is_ascii_whitespace() || *f == 0x0b => known_command(command_word(text), any_case),
        Some(_) => {
            let mut key = 0u32;
            for (i, &c) in b.iter().take(5).enumerate() {
                if c == b' ' || c == b'\t' {
                    return is_command_key(key, i);
                }
                // Every command is 3 or 4 letters.
                if i == 4 || !is_letter(c, any_case) || (i == 0 && !is_command_initial(c)) {
                    return false;
                }
                key = key << 8 | u32::from(c.to_ascii_uppercase());
            }
            is_command_key(key, b.len())
        }
        None => false,
    }
}

fn is_letter(c: u8, any_case: bool) -> bool {
    if any_case {
        c.is_ascii_alphabetic()
    } else {
        c.is_ascii_uppercase()
    }
}

/// Whether letter `c` starts a command (most noise words, like `GET`, do not).
fn is_command_initial(c: u8) -> bool {
    COMMAND_INITIALS & 1 << (c.to_ascii_uppercase() - b'A') != 0
}

/// Whether the first `len` letters packed in `key` (upper case, one byte
/// each, the first highest) are a command.
fn is_command_key(key: u32, len: usize) -> bool {
    (3..=4).contains(&len) && COMMAND_KEYS.binary_search(&(key << (8 * (4 - len)))).is_ok()
}

/// Whether `word` is an FTP command word, in any case (`list`, `PASV`).
pub(crate) fn is_command_word(word: &str) -> bool {
    known_command(word, true)
}

fn known_command(word: &str, any_case: bool) -> bool {
    let word = word.as_bytes();
    if !(3..=4).contains(&word.len()) || !word.iter().all(|&c| is_letter(c, any_case)) || !is_command_initial(word[0]) {
        return false;
    }
    is_command_key(word.iter().fold(0, |key, c| key << 8 | u32::from(c.to_ascii_uppercase())), word.len())
}

/// The first letters of `COMMANDS`, one bit each (`A` is bit 0).
const COMMAND_INITIALS: u32 = {
    let mut set = 0;
    let mut i = 0;
    while i < COMMANDS.len() {
        set |= 1 << (COMMANDS[i].as_bytes()[0] - b'A');
        i += 1;
    }
    set
};

/// `COMMANDS` as big-endian integers (padded with zero bytes), in the same order.
const COMMAND_KEYS: [u32; COMMANDS.len()] = {
    let mut keys = [0; COMMANDS.len()];
    let mut i = 0;
    while i < COMMANDS.len() {
        let b = COMMANDS[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            keys[i] |= (b[j] as u32) << (24 - 8 * j);
            j += 1;
        }
        i += 1;
    }
    keys
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        assert!(COMMAND_KEYS.windows(2).all(|w| w[0] < w[1]), "COMMANDS must stay sorted for the binary search");
        assert!(COMMANDS.iter().all(|c| known_command(c, false)));
        assert!(known_command("pasv", true) && known_command("Cwd", true));
        assert!(!known_command("pasv", false) && !known_command("GET", true) && !known_command("PASVX", true));
        assert!(!known_command("CCC\0", true) && !known_command("PWD ", true));
        assert!(!known_command("GET", true) && !known_command("Zzz", true) && known_command("xcwd", true));
    }

    #[test]
    fn heads() {
        assert_eq!(reply_head("227 x"), Some((227, false)));
        assert_eq!(reply_head("211-x"), Some((211, true)));
        assert_eq!(reply_head("226"), Some((226, false)));
        assert_eq!(reply_head("2270"), None);
        assert_eq!(reply_head("627 x"), None);
        assert_eq!(command_word("  USER alice"), "USER");
    }
}
