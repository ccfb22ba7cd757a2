//! Server software, recognised from the 220 banner and other replies, and the
//! server-specific fixes for NAT and passive-port problems.
use super::phrase::contains_ci;
use crate::{Citation, LogMsg};

/// FTP server software PASV Lens can give specific advice for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ServerSoftware {
    /// vsftpd (`220 (vsFTPd 3.0.5)`).
    #[serde(rename = "vsftpd")]
    Vsftpd,
    /// ProFTPD (`220 ProFTPD Server (Debian) […]`).
    #[serde(rename = "proftpd")]
    Proftpd,
    /// Pure-FTPd (`220---------- Welcome to Pure-FTPd [privsep] ----------`).
    #[serde(rename = "pure-ftpd")]
    PureFtpd,
    /// Microsoft FTP Service (IIS).
    #[serde(rename = "iis")]
    Iis,
    /// FileZilla Server.
    #[serde(rename = "filezilla-server")]
    FilezillaServer,
    /// Serv-U.
    #[serde(rename = "serv-u")]
    ServU,
    /// pyftpdlib (`220 pyftpdlib 2.2.0 ready.`).
    #[serde(rename = "pyftpdlib")]
    Pyftpdlib,
}

impl ServerSoftware {
    /// Every server, in a stable order.
    pub const ALL: [ServerSoftware; 7] = [
        ServerSoftware::Vsftpd,
        ServerSoftware::Proftpd,
        ServerSoftware::PureFtpd,
        ServerSoftware::Iis,
        ServerSoftware::FilezillaServer,
        ServerSoftware::ServU,
        ServerSoftware::Pyftpdlib,
    ];

    /// Stable kebab-case id (the JSON value).
    pub const fn as_str(self) -> &'static str {
        match self {
            ServerSoftware::Vsftpd => "vsftpd",
            ServerSoftware::Proftpd => "proftpd",
            ServerSoftware::PureFtpd => "pure-ftpd",
            ServerSoftware::Iis => "iis",
            ServerSoftware::FilezillaServer => "filezilla-server",
            ServerSoftware::ServU => "serv-u",
            ServerSoftware::Pyftpdlib => "pyftpdlib",
        }
    }

    /// The product's name (not translated).
    pub const fn name(self) -> &'static str {
        match self {
            ServerSoftware::Vsftpd => "vsftpd",
            ServerSoftware::Proftpd => "ProFTPD",
            ServerSoftware::PureFtpd => "Pure-FTPd",
            ServerSoftware::Iis => "Microsoft FTP Service (IIS)",
            ServerSoftware::FilezillaServer => "FileZilla Server",
            ServerSoftware::ServU => "Serv-U",
            ServerSoftware::Pyftpdlib => "pyftpdlib",
        }
    }
}

/// How sure a recognition is: the product named in a reply beats a
/// characteristic reply, which beats wording other servers share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Certainty {
    /// Wording more than one server uses (`331 Password required for
    /// alice`: ProFTPD, and IIS with a final dot).
    Weak,
    /// Characteristic wording or features (`215 Windows_NT`, vsftpd's
    /// `150 Here comes the directory listing`).
    Hint,
    /// The product's name.
    Named,
}

/// Recognise server software from one reply line.
pub(crate) fn recognise(line: &str) -> Option<(ServerSoftware, Certainty)> {
    use Certainty::*;
    use ServerSoftware::*;
    const TABLE: [(&str, ServerSoftware, Certainty); 16] = [
        ("vsftpd", Vsftpd, Named),
        ("pyftpdlib", Pyftpdlib, Named),
        ("proftpd", Proftpd, Named),
        ("pure-ftpd", PureFtpd, Named),
        ("microsoft ftp service", Iis, Named),
        ("filezilla server", FilezillaServer, Named),
        ("emulated by filezilla", FilezillaServer, Named),
        ("serv-u", ServU, Named),
        // vsftpd's wording.
        ("here comes the directory listing", Vsftpd, Hint),
        ("directory send ok", Vsftpd, Hint),
        // IIS: SYST answers Windows_NT; data connection replies.
        ("215 windows_nt", Iis, Hint),
        ("125 data connection already open", Iis, Hint),
        // Pure-FTPd's wording.
        ("230 ok. current directory is", PureFtpd, Hint),
        ("ok. password required", PureFtpd, Hint),
        // Serv-U's wording.
        ("331 user name okay, need password", ServU, Hint),
        // ProFTPD's wording (`331 Password required for alice`) — and IIS's
        // (`331 Password required for alice.`): a weak hint.
        ("password required for", Proftpd, Weak),
    ];
    let trimmed = line.trim();
    // Pure-FTPd's own FEAT extensions.
    if ["ESTA", "ESTP", "SPSV"].iter().any(|f| trimmed.eq_ignore_ascii_case(f)) {
        return Some((PureFtpd, Hint));
    }
    TABLE.iter().find(|(p, _, _)| contains_ci(line, p)).map(|&(_, s, c)| (s, c))
}

/// The server recognised so far, line by line: the surest recognition
/// wins; hints that disagree at the same certainty cancel out, so that a
/// weak hint never beats contrary evidence (`331 Password required for
/// olga.` says ProFTPD, `215 Windows_NT` says IIS: IIS).
#[derive(Default)]
pub(crate) struct Recognition {
    best: Option<(ServerSoftware, usize, Certainty)>,
    /// Another software at the same certainty (not `Named`).
    disputed: bool,
}

impl Recognition {
    /// Take the evidence of reply line `text`, on line `no`.
    pub fn add(&mut self, no: usize, text: &str) {
        let Some((software, certainty)) = recognise(text) else { return };
        match self.best {
            Some((_, _, best)) if certainty < best => {}
            Some((known, _, best)) if certainty == best => {
                // The first name stays (two banners are two servers);
                // disagreeing hints are no evidence either way.
                self.disputed |= known != software && certainty != Certainty::Named;
            }
            _ => {
                self.best = Some((software, no, certainty));
                self.disputed = false;
            }
        }
    }

    /// The software, the line that gave it away, and whether it was only
    /// guessed (from wording, not the name).
    pub fn finish(&self) -> Option<(ServerSoftware, usize, bool)> {
        let (software, line, certainty) = self.best?;
        (!self.disputed).then_some((software, line, certainty != Certainty::Named))
    }
}

/// The kind of server change a fix makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixIssue {
    /// Announce the public address in passive replies (and forward the port range).
    Nat,
    /// Use a fixed passive port range and open/forward it.
    Ports,
}

/// A server-side fix: what to change, for which software (generic if unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What to change.
    pub issue: FixIssue,
    /// The server software, when recognised.
    pub server: Option<ServerSoftware>,
    /// The passive port range to configure and forward: the one the log's
    /// replies fall in (rounded out to tens: a server that answered 40031
    /// and 40037 has a range such as 40030–40039), else the software's
    /// usual example range.
    pub ports: Option<(u16, u16)>,
}

impl Fix {
    /// Stable id, e.g. `nat-vsftpd`, `ports-generic`.
    pub const fn id(self) -> &'static str {
        use ServerSoftware::*;
        match (self.issue, self.server) {
            (FixIssue::Nat, None) => "nat-generic",
            (FixIssue::Nat, Some(Vsftpd)) => "nat-vsftpd",
            (FixIssue::Nat, Some(Proftpd)) => "nat-proftpd",
            (FixIssue::Nat, Some(PureFtpd)) => "nat-pure-ftpd",
            (FixIssue::Nat, Some(Iis)) => "nat-iis",
            (FixIssue::Nat, Some(FilezillaServer)) => "nat-filezilla-server",
            (FixIssue::Nat, Some(ServU)) => "nat-serv-u",
            (FixIssue::Nat, Some(Pyftpdlib)) => "nat-pyftpdlib",
            (FixIssue::Ports, None) => "ports-generic",
            (FixIssue::Ports, Some(Vsftpd)) => "ports-vsftpd",
            (FixIssue::Ports, Some(Proftpd)) => "ports-proftpd",
            (FixIssue::Ports, Some(PureFtpd)) => "ports-pure-ftpd",
            (FixIssue::Ports, Some(Iis)) => "ports-iis",
            (FixIssue::Ports, Some(FilezillaServer)) => "ports-filezilla-server",
            (FixIssue::Ports, Some(ServU)) => "ports-serv-u",
            (FixIssue::Ports, Some(Pyftpdlib)) => "ports-pyftpdlib",
        }
    }

    /// The catalog message (placeholder `{address}`: the public address to announce).
    pub const fn msg(self) -> LogMsg {
        use ServerSoftware::*;
        match (self.issue, self.server) {
            (FixIssue::Nat, None) => LogMsg::FixNatGeneric,
            (FixIssue::Nat, Some(Vsftpd)) => LogMsg::FixNatVsftpd,
            (FixIssue::Nat, Some(Proftpd)) => LogMsg::FixNatProftpd,
            (FixIssue::Nat, Some(PureFtpd)) => LogMsg::FixNatPureFtpd,
            (FixIssue::Nat, Some(Iis)) => LogMsg::FixNatIis,
            (FixIssue::Nat, Some(FilezillaServer)) => LogMsg::FixNatFilezillaServer,
            (FixIssue::Nat, Some(ServU)) => LogMsg::FixNatServU,
            (FixIssue::Nat, Some(Pyftpdlib)) => LogMsg::FixNatPyftpdlib,
            (FixIssue::Ports, None) => LogMsg::FixPortsGeneric,
            (FixIssue::Ports, Some(Vsftpd)) => LogMsg::FixPortsVsftpd,
            (FixIssue::Ports, Some(Proftpd)) => LogMsg::FixPortsProftpd,
            (FixIssue::Ports, Some(PureFtpd)) => LogMsg::FixPortsPureFtpd,
            (FixIssue::Ports, Some(Iis)) => LogMsg::FixPortsIis,
            (FixIssue::Ports, Some(FilezillaServer)) => LogMsg::FixPortsFilezillaServer,
            (FixIssue::Ports, Some(ServU)) => LogMsg::FixPortsServU,
            (FixIssue::Ports, Some(Pyftpdlib)) => LogMsg::FixPortsPyftpdlib,
        }
    }

    /// The passive port range the fix names: the log's, else the
    /// software's usual example (vsftpd's documentation gives none; these
    /// are the ranges its howtos and the other servers' manuals use).
    pub const fn range(self) -> (u16, u16) {
        use ServerSoftware::*;
        match (self.ports, self.server) {
            (Some(r), _) => r,
            (None, Some(Vsftpd) | None) => (40000, 40100),
            (None, Some(Proftpd | FilezillaServer | ServU)) => (49152, 65534),
            (None, Some(PureFtpd)) => (30000, 50000),
            (None, Some(Iis)) => (50000, 50100),
            (None, Some(Pyftpdlib)) => (60000, 60099),
        }
    }

    /// Whether the fix's message names the port range (generic and Serv-U
    /// fixes, and IIS's port fix, do not).
    pub const fn names_range(self) -> bool {
        use ServerSoftware::*;
        match (self.issue, self.server) {
            (_, None | Some(ServU)) | (FixIssue::Ports, Some(Iis)) => false,
            (_, Some(Vsftpd | Proftpd | PureFtpd | Iis | FilezillaServer | Pyftpdlib)) => true,
        }
    }

    /// The documentation the fix follows.
    pub const fn citation(self) -> Citation {
        use ServerSoftware::*;
        const fn cite(label: &'static str, url: &'static str) -> Citation {
            Citation { label, url }
        }
        match (self.server, self.issue) {
            (Some(Vsftpd), _) => {
                cite("vsftpd.conf(5): pasv_address, pasv_min_port, pasv_max_port", "https://security.appspot.com/vsftpd/vsftpd_conf.html")
            }
            (Some(Proftpd), _) => {
                cite("ProFTPD: MasqueradeAddress, PassivePorts (NAT howto)", "http://www.proftpd.org/docs/howto/NAT.html")
            }
            (Some(PureFtpd), _) => cite(
                "Pure-FTPd README: -P (ForcePassiveIP), -p (PassivePortRange)",
                "https://github.com/jedisct1/pure-ftpd/blob/1ed188f90a2a1c754e63e09ac1b17af2ffcebfa7/README",
            ),
            (Some(Iis), _) => {
                cite("IIS <firewallSupport>", "https://learn.microsoft.com/en-us/iis/configuration/system.ftpserver/firewallsupport")
            }
            (Some(FilezillaServer), _) => {
                cite("FileZilla wiki: Network Configuration", "https://wiki.filezilla-project.org/Network_Configuration")
            }
            (Some(ServU), _) => cite(
                "Serv-U server settings",
                "https://documentation.solarwinds.com/en/success_center/servu/content/Help-Server-Settings.htm",
            ),
            (Some(Pyftpdlib), _) => cite(
                "pyftpdlib API: FTPHandler.masquerade_address, FTPHandler.passive_ports",
                "https://pyftpdlib.readthedocs.io/en/latest/api.html",
            ),
            (None, FixIssue::Nat) => cite("RFC 1918 §3; RFC 2428 §3", "https://www.rfc-editor.org/rfc/rfc2428#section-3"),
            (None, FixIssue::Ports) => cite("RFC 1579", "https://www.rfc-editor.org/rfc/rfc1579#page-2"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners() {
        let cases: &[(&str, Option<(ServerSoftware, Certainty)>)] = &[
            ("220 (vsFTPd 3.0.5)", Some((ServerSoftware::Vsftpd, Certainty::Named))),
            ("220 ProFTPD Server (Debian) [::ffff:10.0.0.5]", Some((ServerSoftware::Proftpd, Certainty::Named))),
            ("220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------", Some((ServerSoftware::PureFtpd, Certainty::Named))),
            ("220 Microsoft FTP Service", Some((ServerSoftware::Iis, Certainty::Named))),
            ("220-FileZilla Server 1.8.1", Some((ServerSoftware::FilezillaServer, Certainty::Named))),
            ("220 Serv-U FTP Server v15.4 ready...", Some((ServerSoftware::ServU, Certainty::Named))),
            ("215 Windows_NT", Some((ServerSoftware::Iis, Certainty::Hint))),
            ("331 Password required for olga.", Some((ServerSoftware::Proftpd, Certainty::Weak))),
            (" ESTP", Some((ServerSoftware::PureFtpd, Certainty::Hint))),
            ("220 pyftpdlib 2.2.0 ready.", Some((ServerSoftware::Pyftpdlib, Certainty::Named))),
            ("220 Welcome to the NAS", None),
        ];
        for (line, want) in cases {
            assert_eq!(recognise(line), *want, "{line}");
        }
        let found = |lines: &[&str]| {
            let mut r = Recognition::default();
            for (i, l) in lines.iter().enumerate() {
                r.add(i + 1, l);
            }
            r.finish()
        };
        let iis = |line| Some((ServerSoftware::Iis, line, true));
        assert_eq!(found(&["331 Password required for olga.", "215 Windows_NT"]), iis(2));
        assert_eq!(found(&["215 Windows_NT", "331 Password required for olga."]), iis(1));
        assert_eq!(found(&["150 Here comes the directory listing.", "215 Windows_NT"]), None, "hints that disagree");
        assert_eq!(found(&["215 Windows_NT", "220 ProFTPD 1.3.8 Server"]), Some((ServerSoftware::Proftpd, 2, false)));
        assert_eq!(found(&["220 Welcome"]), None);
        // A banner naming the software beats wording other servers share
        // (pyftpdlib also answers `125 Data connection already open`).
        let py = ["220 pyftpdlib 2.2.0 ready.", "125 Data connection already open. Transfer starting."];
        assert_eq!(found(&py), Some((ServerSoftware::Pyftpdlib, 1, false)));
        let fix = Fix { issue: FixIssue::Nat, server: Some(ServerSoftware::Vsftpd), ports: None };
        assert_eq!(fix.id(), "nat-vsftpd");
        assert!(fix.citation().url.starts_with("https://"));
    }
}
