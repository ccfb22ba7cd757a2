//! An exchange: a passive command and its reply, or an active command, with
//! what the log says happened around it. Drafts are collected by the scan and
//! decoded once the control connection's address is known.
use alloc::string::String;
use core::net::IpAddr;

use super::LogFormat;
use crate::{analyse, decode, AddressClass, Command, Context, Explained, Kind, SocketTarget};

/// One passive or active exchange: a passive command and its reply, an active
/// command (with the server's answer), or a passive reply out of step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// 1-based line of what was decoded: the reply's first line (the
    /// command's line for PORT, EPRT and LPRT).
    pub line: usize,
    /// Its last line (multi-line replies).
    pub last_line: usize,
    /// The command word the reply answers (`PASV`, `EPSV`, or `LIST` when out
    /// of step), as logged, in upper case; `None` when the log shows none.
    pub command: Option<String>,
    /// 1-based line of that command.
    pub command_line: Option<usize>,
    /// The text decoded (lines joined by `\n`, user names masked); the spans
    /// of `explained` point into it.
    pub text: String,
    /// The decoding and analysis, with the control address and the command as context.
    pub explained: Explained,
    /// For PORT, EPRT and LPRT: the code of the server's reply.
    pub reply_code: Option<u16>,
    /// The reply does not answer the command before it.
    pub out_of_step: bool,
    /// Line where the client says it ignored the announced address.
    pub client_fixup: Option<usize>,
    /// The client ignores the announced address without saying so: a 227 in
    /// Python ftplib output. ftplib connects to the control connection's
    /// address unless the code sets `trust_server_pasv_ipv4_address` (the
    /// default since Python 3.9.3, 3.8.9, 3.7.11 and 3.6.14: CVE-2021-4189,
    /// bpo-43285), and its debug output never says so.
    pub client_ignores_address: bool,
    /// Where the client says it connected, and on which line.
    pub client_target: Option<(SocketTarget, usize)>,
    /// Index of the refused EPSV exchange this PASV falls back from.
    pub fallback_from: Option<usize>,
    /// Index into [`LogAnalysis::failures`](super::LogAnalysis::failures) of the failure that followed.
    pub failure: Option<usize>,
    /// Line of the reply that completed the transfer (226/250).
    pub completed: Option<usize>,
    /// Line where the client says the data connection was established
    /// (curl `Connected 2nd connection to …`, lftp `Data connection
    /// established`): the address and port were reachable.
    pub data_connected: Option<usize>,
    /// The connection it was on, when the log names connections (the id
    /// after the process id in a FileZilla log file: `… 4312 3 Command:`).
    pub connection: Option<u32>,
}

impl Exchange {
    /// PORT, EPRT or LPRT (the client announces the address).
    pub fn is_active(&self) -> bool {
        self.command_line == Some(self.line) && matches!(self.explained.sent, Some(Command::Port | Command::Eprt | Command::Lprt))
    }
}

/// An exchange before decoding (the control address may come later).
pub(crate) struct Draft {
    pub line: usize,
    pub last_line: usize,
    pub command: Option<String>,
    pub command_line: Option<usize>,
    pub sent: Option<Command>,
    /// PORT, EPRT or LPRT: the command itself is decoded.
    pub active: bool,
    pub text: String,
    pub reply_code: Option<u16>,
    pub out_of_step: bool,
    pub client_fixup: Option<usize>,
    pub client_target: Option<(SocketTarget, usize)>,
    pub failure: Option<usize>,
    pub completed: Option<usize>,
    /// The reply code (passive replies).
    pub code: Option<u16>,
    pub fallback_from: Option<usize>,
    pub data_connected: Option<usize>,
    pub connection: Option<u32>,
}

pub(crate) fn draft(
    line: usize,
    last_line: usize,
    command: Option<(&str, usize)>,
    sent: Option<Command>,
    active: bool,
    text: String,
) -> Draft {
    Draft {
        line,
        last_line,
        command: command.map(|(w, _)| w.to_ascii_uppercase()),
        command_line: command.map(|(_, l)| l),
        sent,
        active,
        text,
        reply_code: None,
        out_of_step: false,
        client_fixup: None,
        client_target: None,
        failure: None,
        completed: None,
        code: None,
        fallback_from: None,
        data_connected: None,
        connection: None,
    }
}

impl Draft {
    pub(crate) fn finish(self, control: Option<IpAddr>, format: Option<LogFormat>) -> Exchange {
        // A client log does not show the client's own public address, which
        // is the context PORT/EPRT/LPRT need: analyse those without one.
        let context = Context { control_ip: if self.active { None } else { control }, sent: self.sent };
        let mut explained = analyse(&decode(&self.text), &context);
        let client_ignores_address =
            format == Some(LogFormat::Ftplib) && self.client_fixup.is_none() && explained.decoded.kind == Kind::Pasv;
        // ftplib connected to the control connection's address: where the
        // log does not show it, the internal address announced is not where
        // the data connection went (a loopback one may be: same host).
        if client_ignores_address
            && control.is_none()
            && explained.address_class.is_some_and(|c| !c.is_routable() && c != AddressClass::Loopback)
        {
            explained.connect_to = None;
        }
        Exchange {
            line: self.line,
            last_line: self.last_line,
            command: self.command,
            command_line: self.command_line,
            text: self.text,
            explained,
            reply_code: self.reply_code,
            out_of_step: self.out_of_step,
            client_fixup: self.client_fixup,
            client_ignores_address,
            client_target: self.client_target,
            fallback_from: self.fallback_from,
            failure: self.failure,
            completed: self.completed,
            data_connected: self.data_connected,
            connection: self.connection,
        }
    }
}

/// The text an exchange decodes: its reply lines joined by `\n` (ftplib's
/// string-literal escapes undone). User names are masked later, once all are known.
pub(crate) fn exchange_text(lines: &[&str], escaped: bool) -> String {
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if escaped {
            unescape_into(&mut text, line);
        } else {
            text.push_str(line);
        }
    }
    text
}

/// Undo Python's string-literal escapes (`\\`, `\'`, `\"`, `\t`, `\r`, `\xNN`).
fn unescape_into(out: &mut String, s: &str) {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('r') => {}
            Some('x') => {
                let hex = chars.as_str().get(..2).and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(char::from(b));
                        chars.nth(1);
                    }
                    None => out.push_str("\\x"),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes() {
        let mut s = String::new();
        unescape_into(&mut s, r#"257 \"/\" it\'s \x41\tok\\"#);
        assert_eq!(s, "257 \"/\" it's A\tok\\");
    }
}
