//! The verdict: the one most likely cause, chosen by rank among everything
//! the exchanges, failures and stray replies show — and never one the log
//! itself contradicts (a data connection the client reports open was not
//! blocked; an address the client did not use is not why it failed).
use core::net::IpAddr;

pub use super::kinds::VerdictKind;
use super::server::{Fix, FixIssue, ServerSoftware};
use super::{DataFailure, Exchange, FailureKind, StrayReply};
use crate::{classify, AddressClass, Citation, Command, ErrorKind, FindingId, Kind, Severity};

/// The most likely cause, the exchange it concerns and the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// What is wrong.
    pub kind: VerdictKind,
    /// `danger` for a failure, `warning`, or `info` when all is well.
    pub severity: Severity,
    /// Index into [`LogAnalysis::exchanges`](super::LogAnalysis::exchanges).
    pub exchange: Option<usize>,
    /// The 1-based line it concerns.
    pub line: Option<usize>,
    /// Index into [`LogAnalysis::failures`](super::LogAnalysis::failures):
    /// the failure that is the evidence (usually the exchange's own).
    pub failure: Option<usize>,
    /// The server-side fix, specific to the software when recognised.
    pub fix: Option<Fix>,
}

impl Verdict {
    /// The log shows a failure (or a reply that will make clients fail).
    pub fn is_failure(&self) -> bool {
        self.severity == Severity::Danger
    }

    /// The standard or source the verdict rests on.
    pub const fn citation(&self) -> Citation {
        self.kind.citation()
    }
}

struct Candidate {
    rank: u8,
    line: usize,
    verdict: Verdict,
}

fn has(e: &Exchange, id: FindingId) -> bool {
    e.explained.findings.iter().any(|f| f.id == id)
}

/// What an exchange supports: the rank (lower is the likelier cause), the
/// verdict, and the failure that is the evidence when not its own.
struct Judged {
    rank: u8,
    kind: VerdictKind,
    severity: Severity,
    fix: Option<FixIssue>,
    failure: Option<usize>,
}

/// What the log says beyond its exchanges, for the verdict.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Facts {
    /// The control connection's address.
    pub control: Option<IpAddr>,
    /// The server software.
    pub server: Option<ServerSoftware>,
    /// Line of an `EPSV ALL` command.
    pub epsv_all: Option<usize>,
    /// The log's last line that is not blank.
    pub last_line: usize,
    /// A client's own log (not a raw control stream or a server's log),
    /// which would show what the client did after a reply.
    pub client_log: bool,
    /// A server's log: the client's address as the server saw it.
    pub client: Option<IpAddr>,
}

/// The log as a whole, as the judge sees it.
struct Log<'a> {
    exchanges: &'a [Exchange],
    failures: &'a [DataFailure],
    control: Option<IpAddr>,
    facts: Facts,
}

/// A refusal (4xx/5xx) of a passive command.
pub(crate) fn refused(e: &Exchange, command: Command) -> bool {
    e.explained.sent == Some(command) && e.explained.decoded.kind == Kind::Other && e.explained.decoded.code.is_some_and(|c| c >= 400)
}

/// The passive port range the replies of the log fall in, rounded out to
/// tens (a server configured for 40030–40039 answers any port of it).
pub(crate) fn observed_ports(exchanges: &[Exchange]) -> Option<(u16, u16)> {
    let ports = exchanges
        .iter()
        .filter(|e| !e.is_active() && e.explained.decoded.is_ok())
        .filter_map(|e| e.explained.decoded.port)
        .filter(|&p| p >= 1024);
    let (low, high) = ports.fold(None, |r: Option<(u16, u16)>, p| Some(r.map_or((p, p), |(l, h)| (l.min(p), h.max(p)))))?;
    Some((low - low % 10, (high - high % 10).saturating_add(9)))
}

impl Log<'_> {
    /// The exchange's failure came after the client reported its data
    /// connection open: the address and port were reachable.
    fn after_connect(&self, e: &Exchange) -> Option<FailureKind> {
        let f = &self.failures[e.failure?];
        (f.line > e.data_connected?).then_some(f.kind)
    }

    /// A passive reply whose address a client can use as it is.
    fn usable(e: &Exchange) -> bool {
        let d = &e.explained.decoded;
        let bad = [
            FindingId::NatUnroutableAddress,
            FindingId::UnspecifiedAddress,
            FindingId::NotUnicast,
            FindingId::AddressMismatch,
            FindingId::FamilyMismatch,
            FindingId::ReplyCommandMismatch,
        ];
        d.is_ok() && matches!(d.kind, Kind::Pasv | Kind::Epsv | Kind::Lpsv) && !bad.iter().any(|&id| has(e, id))
    }

    /// For a NAT reply followed by a failure: the failure that shows the
    /// passive ports themselves blocked — the client already connected to
    /// the server's public address instead (it says it replaced the
    /// address, or the failed target is the control connection's address),
    /// or a data connection to a usable address failed too (EPSV, say).
    fn ports_evidence(&self, i: usize, e: &Exchange) -> Option<usize> {
        let own = e.failure?;
        let is_control = |ip: IpAddr| self.control == Some(ip);
        // A failure naming another port (curl 7.88 names the control
        // port, 21, when a data connection fails) does not say where the
        // data connection went: the client's own `Trying` note does.
        let port = e.explained.decoded.port;
        let failed_target = self.failures[own].target.filter(|t| port.is_none_or(|p| p == t.port));
        let target = failed_target.map(|t| t.ip).or(e.client_target.map(|(t, _)| t.ip));
        if e.client_fixup.is_some() || e.client_ignores_address || target.is_some_and(is_control) {
            return Some(own);
        }
        self.exchanges
            .iter()
            .enumerate()
            .find(|&(j, x)| j != i && Self::usable(x) && x.failure.is_some() && self.after_connect(x).is_none())
            .and_then(|(_, x)| x.failure)
    }

    /// The exchange that worked after EPSV exchange `i` was refused: the
    /// PASV falling back from it, or a later PASV, PORT or EPRT the server
    /// accepted on the same connection, with no data failure.
    pub(crate) fn fallback(&self, i: usize) -> Option<usize> {
        let e = &self.exchanges[i];
        self.exchanges.iter().enumerate().skip(i + 1).find_map(|(j, x)| {
            let same = x.connection == e.connection;
            let worked = x.failure.is_none()
                && if x.is_active() { x.reply_code.is_some_and(|c| c < 400) } else { Self::usable(x) || x.completed.is_some() };
            (same && worked && (x.fallback_from == Some(i) || x.explained.sent != Some(Command::Epsv))).then_some(j)
        })
    }

    /// The log ends on exchange `i`'s reply: the client got no further than
    /// opening its data connection (nothing completed, failed or followed).
    fn hangs_after(&self, i: usize, e: &Exchange) -> bool {
        self.facts.client_log
            && i + 1 == self.exchanges.len()
            && e.line == self.facts.last_line
            && e.failure.is_none()
            && e.completed.is_none()
            && e.data_connected.is_none()
            && e.explained.connect_to.is_some()
    }

    /// The candidate verdict exchange `i` supports, if any.
    fn judge(&self, i: usize, e: &Exchange) -> Option<Judged> {
        use Severity::*;
        use VerdictKind::*;
        let d = &e.explained.decoded;
        let failed = e.failure.is_some();
        let done = e.completed.is_some();
        let passive = d.is_ok() && matches!(d.kind, Kind::Pasv | Kind::Epsv | Kind::Lpsv);
        let passive_sent = matches!(e.explained.sent, Some(Command::Pasv | Command::Epsv | Command::Lpsv));
        let nat = Some(FixIssue::Nat);
        let judged = |rank, kind, severity, fix| Some(Judged { rank, kind, severity, fix, failure: e.failure });
        if e.out_of_step {
            return judged(1, OutOfStep, Danger, None);
        }
        if let Some(kind) = self.after_connect(e) {
            // Whatever the reply said, the client reached the data port.
            let verdict = if kind == FailureKind::TimedOut { ControlTimeout } else { TransferInterrupted };
            return judged(8, verdict, Danger, None);
        }
        if passive && has(e, FindingId::FamilyMismatch) {
            judged(2, FamilyMismatch, Danger, None)
        } else if passive && self.control.is_none() && e.explained.address_class == Some(AddressClass::Loopback) {
            // No control address known (ftplib, wget): a loopback address is
            // right for a client on the server's host, so a failure is the
            // ports', and a completed transfer is fine.
            if failed {
                judged(8, PortsBlocked, Danger, Some(FixIssue::Ports))
            } else {
                judged(19, LoopbackSameHost, Info, None)
            }
        } else if passive && has(e, FindingId::NatUnroutableAddress) {
            // A server's log that shows a client on a public address tells
            // as much as a known control address: that client is on the
            // Internet, where the announced internal address is unreachable.
            // (Documentation addresses count as public, as they do for a control
            // address: examples and the lab use them so.)
            let public_client =
                self.facts.client.is_some_and(|c| matches!(classify(&c), AddressClass::Public | AddressClass::Documentation));
            match (failed, done, self.control.is_some() || e.client_fixup.is_some() || public_client) {
                (true, _, _) => match self.ports_evidence(i, e) {
                    Some(failure) => Some(Judged { rank: 3, kind: NatPortsBlocked, severity: Danger, fix: nat, failure: Some(failure) }),
                    None => judged(3, NatUnroutable, Danger, nat),
                },
                (false, true, true) => judged(14, NatWorkedAround, Warning, nat),
                // ftplib did not use the address and connected to the
                // control host instead: a completed transfer was worked around
                // (the lab's ftplib behind NAT shows it); one still running
                // shows nothing yet.
                (false, true, _) if e.client_ignores_address => judged(14, NatWorkedAround, Warning, nat),
                (false, _, _) if e.client_ignores_address => judged(13, NatUnroutable, Warning, nat),
                (false, false, true) => judged(3, NatUnroutable, Danger, nat),
                (false, false, false) => judged(13, NatUnroutable, Warning, nat),
                // Completed, no control address: probably the same network.
                (false, true, false) => None,
            }
        } else if passive && (has(e, FindingId::UnspecifiedAddress) || has(e, FindingId::NotUnicast) || has(e, FindingId::ReservedAddress))
        {
            if failed {
                judged(4, BadPassiveAddress, Danger, nat)
            } else {
                judged(15, BadPassiveAddress, Warning, nat)
            }
        } else if passive && has(e, FindingId::ReplyCommandMismatch) {
            judged(5, ReplyMismatch, Danger, None)
        } else if matches!(d.error, Some(err) if !matches!(err.kind, ErrorKind::NotPassiveReply { .. })) {
            judged(6, MalformedReply, Danger, None)
        } else if passive && has(e, FindingId::AddressMismatch) {
            if failed {
                judged(7, WrongPublicAddress, Danger, nat)
            } else {
                judged(16, AddressMismatch, Warning, None)
            }
        } else if passive && failed {
            judged(8, PortsBlocked, Danger, Some(FixIssue::Ports))
        } else if passive && self.hangs_after(i, e) {
            // Clients that print nothing while connecting (inetutils ftp,
            // tnftp) end a pasted log right here when a firewall drops the
            // SYNs: the lab's dropped passive ports show it.
            judged(8, PortsBlocked, Danger, Some(FixIssue::Ports))
        } else if e.is_active() && d.is_ok() {
            if failed || e.reply_code.is_some_and(|c| c >= 400) {
                judged(9, ActiveFailed, Danger, None)
            } else if has(e, FindingId::NatUnroutableAddress) && !done && self.control.is_none_or(|c| classify(&c).is_routable()) {
                // (A private or loopback control address: client and
                // server share the network, and the address may be right.)
                judged(17, ActiveFailed, Warning, None)
            } else {
                None
            }
        } else if passive_sent && d.kind == Kind::Other && d.code.is_some_and(|c| c >= 400) {
            let epsv = e.explained.sent == Some(Command::Epsv);
            // After `EPSV ALL` the server must refuse PASV (RFC 2428 §4): the
            // refusal is right, the client broke its own promise (the
            // message says so).
            if !epsv && self.facts.epsv_all.is_some_and(|l| l < e.line) {
                return judged(10, PassiveRefused, Danger, None);
            }
            // LPSV (tnftp over IPv6), or PASV over IPv6, refused after a
            // refused EPSV: the EPSV refusal is the cause.
            let ipv6 = self.control.is_some_and(|c| c.to_canonical().is_ipv6());
            let after_epsv = self.exchanges[..i].iter().any(|x| x.connection == e.connection && refused(x, Command::Epsv));
            if !epsv && after_epsv && (ipv6 || e.explained.sent == Some(Command::Lpsv)) {
                return None;
            }
            if epsv {
                return match self.fallback(i) {
                    Some(_) => judged(18, EpsvFallback, Info, None),
                    None => judged(11, EpsvRefused, Danger, None),
                };
            }
            // vsftpd with pasv_enable=NO answers PASV and EPSV with 550.
            let disabled = d.code == Some(550)
                && (self.facts.server == Some(ServerSoftware::Vsftpd)
                    || self.exchanges[..i].iter().any(|x| refused(x, Command::Epsv) && x.explained.decoded.code == Some(550)));
            if disabled {
                judged(10, PassiveDisabled, Danger, None)
            } else {
                judged(10, PassiveRefused, Danger, None)
            }
        } else {
            None
        }
    }
}

/// Choose the verdict.
pub(crate) fn decide(exchanges: &[Exchange], failures: &[DataFailure], stray: &[StrayReply], facts: Facts) -> Verdict {
    let (control, server) = (facts.control, facts.server);
    let ports = observed_ports(exchanges);
    let log = Log { exchanges, failures, control, facts };
    let mut best: Option<Candidate> = None;
    let mut offer = |c: Candidate| {
        if best.as_ref().is_none_or(|b| (c.rank, c.line) < (b.rank, b.line)) {
            best = Some(c);
        }
    };
    for (i, e) in exchanges.iter().enumerate() {
        if let Some(j) = log.judge(i, e) {
            let fix = j.fix.map(|issue| Fix { issue, server, ports });
            let verdict = Verdict { kind: j.kind, severity: j.severity, exchange: Some(i), line: Some(e.line), failure: j.failure, fix };
            offer(Candidate { rank: j.rank, line: e.line, verdict });
        }
    }
    if let Some(s) = stray.first() {
        let verdict = Verdict {
            kind: VerdictKind::OutOfStep,
            severity: Severity::Danger,
            exchange: None,
            line: Some(s.line),
            failure: None,
            fix: None,
        };
        offer(Candidate { rank: 1, line: s.line, verdict });
    }
    // A failure no exchange explains — before the first one (there is none,
    // or the log began mid-session) or after a completed transfer with no new
    // reply — is still a failure: clean exchanges around it do not make the
    // log clean.
    if let Some((i, f)) = failures.iter().enumerate().find(|(_, f)| f.exchange.is_none()) {
        let verdict = Verdict {
            kind: VerdictKind::DataFailure,
            severity: Severity::Danger,
            exchange: None,
            line: Some(f.line),
            failure: Some(i),
            fix: None,
        };
        offer(Candidate { rank: 12, line: f.line, verdict });
    }
    best.map(|c| c.verdict).unwrap_or_else(|| {
        let kind = if exchanges.is_empty() { VerdictKind::NoExchanges } else { VerdictKind::NoProblem };
        Verdict { kind, severity: Severity::Info, exchange: None, line: None, failure: None, fix: None }
    })
}

/// The exchange that worked after refused EPSV exchange `i` (see
/// [`Log::fallback`]).
pub(crate) fn fallback_after(exchanges: &[Exchange], failures: &[DataFailure], i: usize) -> Option<usize> {
    Log { exchanges, failures, control: None, facts: Facts::default() }.fallback(i)
}
