//! Analysis: where a careful client connects and what could go wrong, given
//! the control connection's address. Knows nothing of text positions beyond
//! the spans decoding produced.
use core::fmt;
use core::net::IpAddr;

use crate::{classify, AddressClass, Command, Decoded, ErrorKind, Family, Finding, FindingData, FindingId, Findings, Kind, Severity};

/// What the reader knows about the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// The control connection's peer: the server's address for replies, the
    /// client's address (as the server sees it) for PORT/EPRT/LPRT.
    pub control_ip: Option<IpAddr>,
    /// The command the reply answers, when known (overrides what the input showed).
    pub sent: Option<Command>,
}

/// An address and port to connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketTarget {
    /// The address.
    pub ip: IpAddr,
    /// The port.
    pub port: u16,
}

impl fmt::Display for SocketTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip {
            IpAddr::V4(ip) => write!(f, "{ip}:{}", self.port),
            IpAddr::V6(ip) => write!(f, "[{ip}]:{}", self.port),
        }
    }
}

/// A decoded line with its analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The decoding this analysis is about.
    pub decoded: Decoded,
    /// The context it was analysed in.
    pub context: Context,
    /// The command the reply answers (from the context, else from the input).
    pub sent: Option<Command>,
    /// The address a client would use: the carried address, or for 229 the control address.
    pub ip: Option<IpAddr>,
    /// Family of `ip`.
    pub family: Option<Family>,
    /// Class of the carried address (of the control address for 229).
    pub address_class: Option<AddressClass>,
    /// Where a careful client connects (for PORT/EPRT/LPRT: where the server connects).
    pub connect_to: Option<SocketTarget>,
    /// Lints and analysis findings, most severe first.
    pub findings: Findings,
}

fn finding(id: FindingId, data: FindingData) -> Finding {
    Finding::new(id, None).with(data)
}

/// Analyse a decoded line in a context.
///
/// ```
/// use pasv_core::{analyse, decode, Context};
/// let d = decode("229 Entering Extended Passive Mode (|||6446|)");
/// let ctx = Context { control_ip: Some("2001:db8::7".parse().unwrap()), sent: None };
/// assert_eq!(analyse(&d, &ctx).connect_to.unwrap().to_string(), "[2001:db8::7]:6446");
/// ```
pub fn analyse(decoded: &Decoded, context: &Context) -> Explained {
    // The command a reply answers. A command line answers nothing: it keeps
    // only its own command (a session log passes PORT for a PORT line).
    let own_command =
        |c: &Command| matches!((c, decoded.kind), (Command::Port, Kind::Port) | (Command::Eprt, Kind::Eprt) | (Command::Lprt, Kind::Lprt));
    let sent = context.sent.or(decoded.after).filter(|c| decoded.code.is_some() || own_command(c));
    // An IPv4-mapped control address (::ffff:a.b.c.d, as dual-stack sockets
    // report IPv4 peers) is that IPv4 address.
    let control = context.control_ip.map(|ip| ip.to_canonical());
    // A 229 client connects to the control peer exactly as it was given.
    let ip = if decoded.kind == Kind::Epsv { context.control_ip.filter(|_| decoded.is_ok()) } else { decoded.ip };
    let mut out = Explained {
        decoded: decoded.clone(),
        context: *context,
        sent,
        ip,
        family: ip.as_ref().map(Family::of),
        address_class: ip.as_ref().map(classify),
        connect_to: None,
        findings: Findings::default(),
    };
    out.findings.extend_from_slice(&decoded.lints);
    // 500/502 tell "EPSV not supported" only when EPSV (or nothing known) was sent.
    if sent.is_some_and(|c| c != Command::Epsv) {
        for f in out.findings.iter_mut().filter(|f| f.id == FindingId::EpsvNotSupported) {
            *f = Finding::new(FindingId::CommandNotSupported, f.span);
        }
    }
    command_mismatch(&mut out, sent);
    if let (Some(port), true) = (decoded.port, decoded.is_ok()) {
        match decoded.kind {
            Kind::Epsv => {
                out.connect_to = context.control_ip.map(|ip| SocketTarget { ip, port });
                let data = FindingData { control: context.control_ip, port: Some(port), ..Default::default() };
                out.findings.push(finding(FindingId::EpsvUsesControlAddress, data));
            }
            Kind::Pasv | Kind::Lpsv => passive(&mut out, decoded, control, port),
            Kind::Port | Kind::Eprt | Kind::Lprt => active(&mut out, decoded, control, port),
            Kind::Other => {}
        }
        // RFC 2577 §3 is about the server connecting out (PORT, EPRT, LPRT);
        // it says nothing of the port a server listens on for PASV or EPSV.
        if port < 1024 && matches!(decoded.kind, Kind::Port | Kind::Eprt | Kind::Lprt) {
            out.findings.push(finding(FindingId::PrivilegedPort, FindingData { port: Some(port), ..Default::default() }));
        }
        if port == 5060 {
            out.findings.push(finding(FindingId::SipAlgPort, FindingData { port: Some(port), ..Default::default() }));
        }
    }
    most_severe_first(&mut out.findings);
    out
}

/// Reorder the findings most severe first, keeping their order within a
/// severity: an insertion sort in place (a handful of items; no general
/// sort's code in the page's download, no second list to fill and copy).
fn most_severe_first(findings: &mut [Finding]) {
    for i in 1..findings.len() {
        let mut j = i;
        while j > 0 && findings[j - 1].severity < findings[j].severity {
            findings.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A 227 answering EPSV, a 229 answering PASV, or an unrelated reply.
fn command_mismatch(out: &mut Explained, sent: Option<Command>) {
    let Some(sent) = sent else { return };
    let d = &out.decoded;
    let unrelated = matches!(d.error, Some(e) if matches!(e.kind, ErrorKind::NotPassiveReply { .. }));
    let passive_reply = matches!(d.kind, Kind::Pasv | Kind::Epsv | Kind::Lpsv);
    // 200 is the answer to PORT, EPRT and LPRT (RFC 959 §5.4), and to nothing passive.
    let command_okay = d.code == Some(200) && d.is_ok();
    let active_sent = sent.expected_reply().is_none();
    if unrelated || (passive_reply && sent.expected_reply() != Some(d.kind)) || (command_okay && !active_sent) {
        let data = FindingData { number: d.code.map(u32::from), ..Default::default() };
        let mut f = finding(FindingId::ReplyCommandMismatch, data);
        f.span = Some(crate::Span::new(d.span.start, d.span.start + 3));
        out.findings.push(f);
    }
}

/// Whether two non-public addresses can be in one network: the same RFC 1918
/// block, both shared (RFC 6598), both link-local, both unique-local, or
/// both loopback. An address of another block needs a route the reply
/// cannot promise.
fn same_private_block(a: IpAddr, b: IpAddr) -> bool {
    let (ca, cb) = (classify(&a), classify(&b));
    if ca != cb {
        return false;
    }
    match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) if ca == AddressClass::Private => {
            let block = |o: [u8; 4]| match o {
                [10, ..] => 0,
                [172, ..] => 1,
                _ => 2,
            };
            block(a.octets()) == block(b.octets())
        }
        _ => true,
    }
}

fn passive(out: &mut Explained, d: &Decoded, control: Option<IpAddr>, port: u16) {
    let Some(carried) = d.ip else { return };
    // An IPv4-mapped address is judged as the IPv4 address it carries.
    let ip = carried.to_canonical();
    let class = classify(&ip);
    let control_class = control.as_ref().map(classify);
    let data = FindingData { address: Some(carried), class: Some(class), control, port: Some(port), number: None };
    let reached = |target: IpAddr| Some(SocketTarget { ip: target, port });
    // 228 names its family (RFC 1639): only the IPv4-only 227 mismatches.
    if let (Kind::Pasv, Some(IpAddr::V6(_)), IpAddr::V4(_)) = (d.kind, control, ip) {
        out.findings.push(finding(FindingId::FamilyMismatch, data));
    }
    out.connect_to = if class == AddressClass::Unspecified {
        out.findings.push(finding(FindingId::UnspecifiedAddress, data));
        control.and_then(reached)
    } else if class.is_not_unicast() || class == AddressClass::Reserved {
        let id = if class == AddressClass::Reserved { FindingId::ReservedAddress } else { FindingId::NotUnicast };
        out.findings.push(finding(id, data));
        control.and_then(reached)
    } else if !class.is_routable() {
        match (control, control_class) {
            // Same private network (and not a loopback from afar): it works.
            // A loopback control connection is the same host or a tunnel or
            // port forward: another address of the server's is not reachable
            // through it, so it is not "another private network" but the
            // server's internal address (careful clients replace it: lftp
            // because the loopback-ness differs, curl always).
            (Some(c), Some(cc)) if !cc.is_routable() && ((class == AddressClass::Loopback) == (cc == AddressClass::Loopback)) => {
                if !same_private_block(ip, c) {
                    // Careful clients (FileZilla, lftp) trust a private
                    // address when the control address is private too.
                    out.findings.push(finding(FindingId::PrivateNetworkMismatch, data));
                }
                reached(ip)
            }
            (Some(c), _) => {
                out.findings.push(finding(FindingId::NatUnroutableAddress, data));
                reached(c)
            }
            (None, _) => {
                out.findings.push(finding(FindingId::NatUnroutableAddress, data).severity(Severity::Warning));
                reached(ip)
            }
        }
    } else {
        // Over an IPv6 control connection a 227 fails anyway (family-mismatch);
        // a 228 may legitimately name the server's other family, but that is
        // still another address a hostile server could choose.
        let family_mismatch = out.findings.iter().any(|f| f.id == FindingId::FamilyMismatch);
        if !family_mismatch && control.is_some_and(|c| c != ip && control_class.is_some_and(AddressClass::is_routable)) {
            out.findings.push(finding(FindingId::AddressMismatch, data));
        }
        reached(ip)
    };
}

fn active(out: &mut Explained, d: &Decoded, control: Option<IpAddr>, port: u16) {
    let Some(carried) = d.ip else { return };
    let ip = carried.to_canonical();
    let class = classify(&ip);
    let data = FindingData { address: Some(carried), class: Some(class), control, port: Some(port), number: None };
    out.connect_to = Some(SocketTarget { ip: carried, port });
    if d.kind == Kind::Port && matches!(control, Some(IpAddr::V6(_))) {
        out.findings.push(finding(FindingId::FamilyMismatch, data));
    }
    let control_routable = control.as_ref().map(|c| classify(c).is_routable());
    if class == AddressClass::Unspecified {
        out.findings.push(finding(FindingId::UnspecifiedAddress, data));
    } else if class.is_not_unicast() || class == AddressClass::Reserved {
        let id = if class == AddressClass::Reserved { FindingId::ReservedAddress } else { FindingId::NotUnicast };
        out.findings.push(finding(id, data));
    } else if !class.is_routable() && control_routable != Some(false) {
        // A client behind NAT announcing its private address: the server cannot connect back.
        let severity = if control.is_some() { Severity::Danger } else { Severity::Warning };
        out.findings.push(finding(FindingId::NatUnroutableAddress, data).severity(severity));
    } else if control.is_some_and(|c| c != ip) {
        out.findings.push(finding(FindingId::BounceRisk, data));
    }
}
