//! The verdict: the one most likely cause, chosen by rank among everything
//! the exchanges, failures and stray replies show.
use super::server::{Fix, FixIssue, ServerSoftware};
use super::{DataFailure, Exchange, StrayReply};
use crate::{Command, ErrorKind, FindingId, Kind, LogMsg, Severity};

macro_rules! verdict_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $msg:ident; )*) => {
        /// Every verdict a log can get (each has a message in every language).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum VerdictKind { $( $(#[$doc])* $variant, )* }

        impl VerdictKind {
            /// All kinds.
            pub const ALL: &'static [VerdictKind] = &[$(VerdictKind::$variant),*];
            /// Stable kebab-case id (also the catalog key under `log.verdict`).
            pub const fn as_str(self) -> &'static str {
                match self { $(VerdictKind::$variant => $id,)* }
            }
            /// The catalog message (some kinds have a variant chosen by context).
            pub const fn msg(self) -> LogMsg {
                match self { $(VerdictKind::$variant => LogMsg::$msg,)* }
            }
        }
    };
}

verdict_kinds! {
    /// Every exchange decoded cleanly and nothing failed.
    NoProblem = "no-problem", VerdictNoProblem;
    /// No passive or active exchange in the log.
    NoExchanges = "no-exchanges", VerdictNoExchanges;
    /// The server announces its internal address behind NAT.
    NatUnroutable = "nat-unroutable", VerdictNatUnroutable;
    /// It does, but the client worked around it and the transfer completed.
    NatWorkedAround = "nat-worked-around", VerdictNatWorkedAround;
    /// A 227 (IPv4 only) on an IPv6 control connection.
    FamilyMismatch = "family-mismatch", VerdictFamilyMismatch;
    /// 0.0.0.0, multicast, broadcast or reserved in a passive reply.
    BadPassiveAddress = "bad-passive-address", VerdictBadPassiveAddress;
    /// A public address other than the control connection's, then a failure.
    WrongPublicAddress = "wrong-public-address", VerdictWrongPublicAddress;
    /// A correct passive reply, then a failed data connection: the port range is blocked.
    PortsBlocked = "ports-blocked", VerdictPortsBlocked;
    /// PORT/EPRT/LPRT, then a failed or refused data connection.
    ActiveFailed = "active-failed", VerdictActiveFailed;
    /// Replies out of step with commands.
    OutOfStep = "out-of-step", VerdictOutOfStep;
    /// A 227 answering EPSV or a 229 answering PASV.
    ReplyMismatch = "reply-mismatch", VerdictReplyMismatch;
    /// A passive reply that cannot be decoded.
    MalformedReply = "malformed-reply", VerdictMalformedReply;
    /// PASV/EPSV/LPSV refused (4xx/5xx).
    PassiveRefused = "passive-refused", VerdictPassiveRefused;
    /// EPSV refused, and no PASV followed.
    EpsvRefused = "epsv-refused", VerdictEpsvRefused;
    /// EPSV refused, and PASV worked.
    EpsvFallback = "epsv-fallback", VerdictEpsvFallback;
    /// A public address other than the control connection's; nothing failed.
    AddressMismatch = "address-mismatch", VerdictAddressMismatch;
    /// A data connection failed with no exchange before it to explain why.
    DataFailure = "data-failure", VerdictDataFailure;
}

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
    /// Index into [`LogAnalysis::failures`](super::LogAnalysis::failures).
    pub failure: Option<usize>,
    /// The server-side fix, specific to the software when recognised.
    pub fix: Option<Fix>,
}

impl Verdict {
    /// The log shows a failure (or a reply that will make clients fail).
    pub fn is_failure(&self) -> bool {
        self.severity == Severity::Danger
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

/// The candidate verdict an exchange supports, if any, with its rank (lower
/// is the likelier cause).
fn judge(i: usize, e: &Exchange, exchanges: &[Exchange], control_known: bool) -> Option<(u8, VerdictKind, Severity, Option<FixIssue>)> {
    use Severity::*;
    use VerdictKind::*;
    let d = &e.explained.decoded;
    let failed = e.failure.is_some();
    let done = e.completed.is_some();
    let passive = d.is_ok() && matches!(d.kind, Kind::Pasv | Kind::Epsv | Kind::Lpsv);
    let passive_sent = matches!(e.explained.sent, Some(Command::Pasv | Command::Epsv | Command::Lpsv));
    let nat = Some(FixIssue::Nat);
    Some(if e.out_of_step {
        (1, OutOfStep, Danger, None)
    } else if passive && has(e, FindingId::FamilyMismatch) {
        (2, FamilyMismatch, Danger, None)
    } else if passive && has(e, FindingId::NatUnroutableAddress) {
        match (failed, done, control_known || e.client_fixup.is_some()) {
            (true, _, _) => (3, NatUnroutable, Danger, nat),
            (false, false, true) => (3, NatUnroutable, Danger, nat),
            (false, false, false) => (13, NatUnroutable, Warning, nat),
            (false, true, true) => (14, NatWorkedAround, Warning, nat),
            // Completed, no control address: probably the same network.
            (false, true, false) => return None,
        }
    } else if passive && (has(e, FindingId::UnspecifiedAddress) || has(e, FindingId::NotUnicast)) {
        if failed {
            (4, BadPassiveAddress, Danger, nat)
        } else {
            (15, BadPassiveAddress, Warning, nat)
        }
    } else if passive && has(e, FindingId::ReplyCommandMismatch) {
        (5, ReplyMismatch, Danger, None)
    } else if matches!(d.error, Some(err) if !matches!(err.kind, ErrorKind::NotPassiveReply { .. })) {
        (6, MalformedReply, Danger, None)
    } else if passive && has(e, FindingId::AddressMismatch) {
        if failed {
            (7, WrongPublicAddress, Danger, nat)
        } else {
            (16, AddressMismatch, Warning, None)
        }
    } else if passive && failed {
        (8, PortsBlocked, Danger, Some(FixIssue::Ports))
    } else if e.is_active() && d.is_ok() {
        if failed || e.reply_code.is_some_and(|c| c >= 400) {
            (9, ActiveFailed, Danger, None)
        } else if has(e, FindingId::NatUnroutableAddress) && !done {
            (17, ActiveFailed, Warning, None)
        } else {
            return None;
        }
    } else if passive_sent && d.kind == Kind::Other && d.code.is_some_and(|c| c >= 400) {
        let epsv_refused = e.explained.sent == Some(Command::Epsv) && matches!(d.code, Some(500 | 502 | 522));
        match (epsv_refused, exchanges.iter().any(|x| x.fallback_from == Some(i))) {
            (true, true) => (18, EpsvFallback, Info, None),
            (true, false) => (11, EpsvRefused, Danger, None),
            _ => (10, PassiveRefused, Danger, None),
        }
    } else {
        return None;
    })
}

/// Choose the verdict.
pub(crate) fn decide(
    exchanges: &[Exchange],
    failures: &[DataFailure],
    stray: &[StrayReply],
    control_known: bool,
    server: Option<ServerSoftware>,
) -> Verdict {
    let mut best: Option<Candidate> = None;
    let mut offer = |c: Candidate| {
        if best.as_ref().is_none_or(|b| (c.rank, c.line) < (b.rank, b.line)) {
            best = Some(c);
        }
    };
    for (i, e) in exchanges.iter().enumerate() {
        if let Some((rank, kind, severity, fix)) = judge(i, e, exchanges, control_known) {
            let fix = fix.map(|issue| Fix { issue, server });
            let verdict = Verdict { kind, severity, exchange: Some(i), line: Some(e.line), failure: e.failure, fix };
            offer(Candidate { rank, line: e.line, verdict });
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
    if exchanges.is_empty() {
        if let Some((i, f)) = failures.iter().enumerate().next() {
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
    }
    best.map(|c| c.verdict).unwrap_or_else(|| {
        let kind = if exchanges.is_empty() { VerdictKind::NoExchanges } else { VerdictKind::NoProblem };
        Verdict { kind, severity: Severity::Info, exchange: None, line: None, failure: None, fix: None }
    })
}
