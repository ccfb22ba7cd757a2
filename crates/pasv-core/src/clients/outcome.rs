//! What a client does with a reply: the outcome types of [`predict`](super::predict),
//! and which unreachable address a prediction connects to.
use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;
use core::net::{IpAddr, Ipv4Addr};

use super::Client;
use crate::{AddressClass, SocketTarget};

/// When a client that sends PASV on IPv4 by default sends EPSV instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpsvUse {
    /// Only over IPv6: CPython `makepasv`, `if self.af == socket.AF_INET:` PASV, else EPSV.
    Ipv6Only,
    /// Over IPv6, or with `setUseEPSVwithIPv4(true)`: Commons Net
    /// `attemptEPSV = isUseEPSVwithIPv4() || isInet6Address`.
    Ipv6OrOptIn,
    /// Over IPv6, or through a proxy when the server lists EPSV: FileZilla
    /// `GetPassiveCommand`.
    Ipv6OrProxy,
    /// Over IPv6, or with `ftp:prefer-epsv` (default no) when the server
    /// supports EPSV: lftp `!conn->can_do_pasv || (epsv_supported && prefer-epsv)`.
    Ipv6OrPreferEpsv,
}

/// An address to connect to: a known socket, or the control connection's
/// address when it was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A known address and port.
    At(SocketTarget),
    /// The control connection's address (unknown here) and this port.
    Control {
        /// The port.
        port: u16,
    },
}

impl Target {
    pub(super) fn control(control: Option<IpAddr>, port: u16) -> Self {
        match control {
            Some(ip) => Target::At(SocketTarget { ip, port }),
            None => Target::Control { port },
        }
    }
    /// The port.
    pub const fn port(self) -> u16 {
        match self {
            Target::At(t) => t.port,
            Target::Control { port } => port,
        }
    }
}

/// Why the address was (or was not) taken from the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The address in the reply is used as is.
    Trusted,
    /// The client ignores every PASV address by design and uses the control connection's.
    ControlByDefault,
    /// The reply's address failed the client's own check and was replaced by
    /// the control connection's. Each client checks different things
    /// (FileZilla, lftp and jlaffaye/ftp use this; [`describe`](super::describe) says which).
    Replaced,
    /// 229 carries no address: the control connection's is used.
    Epsv,
    /// Out-of-range numbers were cut to 8 (or 16) bits before use.
    Truncated,
}

/// Why a target cannot be connected to although the client accepted the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialFailure {
    /// The port is outside 0–65535 (raised at connect time).
    PortOutOfRange,
    /// The host text is not a valid IPv4 address (leading zeros or values above 255)
    /// and goes to the resolver, where it fails or is read in octal.
    NotAnAddress,
}

/// Why a reply was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// No address in the form the client looks for.
    NoMatch,
    /// A number is out of range.
    OutOfRange,
    /// A field is not a plain number (spaces, signs, `_`, other digits).
    BadNumber,
    /// Port 0.
    PortZero,
    /// The address differs from the server's address as the firewall sees it
    /// (netfilter, `loose=0`).
    NotServerAddress,
}

/// Where a client goes when it cannot use the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Active mode (PORT/EPRT), when allowed.
    Active,
    /// Sends PASV instead of EPSV.
    Pasv,
}

/// What a client does with the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Opens the data connection to `to`.
    Connects {
        /// Where.
        to: Target,
        /// Why there.
        note: Note,
    },
    /// Accepts the reply but the connection cannot be made.
    Dials {
        /// The host as the client would pass it on.
        host: String,
        /// The port as computed (may be out of range).
        port: i64,
        /// Why it fails.
        failure: DialFailure,
    },
    /// Gives up with an error.
    Rejects {
        /// Why.
        reason: Reason,
        /// The client's own error, verbatim.
        says: &'static str,
    },
    /// Cannot use the reply and tries another mode.
    FallsBack {
        /// Why.
        reason: Reason,
        /// To what.
        to: Fallback,
    },
    /// netfilter: creates an expectation, so the data connection passes.
    Expects {
        /// For this address and port.
        to: Target,
        /// `Truncated` when the numbers wrapped.
        note: Note,
    },
    /// netfilter: lets the packet through without an expectation.
    NoExpectation {
        /// Why.
        reason: Reason,
        /// The address it read.
        ip: Ipv4Addr,
        /// The server's address as this firewall sees it: the source of the
        /// reply, `ct->tuplehash[dir].tuple.src` (here, the control connection's).
        server: IpAddr,
    },
    /// netfilter: the packet is not inspected (it does not start with `227 ` or `229 `).
    Ignores,
    /// netfilter: drops the packet ("partial matching of `227 '").
    Drops {
        /// Why.
        reason: Reason,
        /// The pattern that partly matched (`227 ` or `229 `).
        pattern: &'static str,
    },
    /// Wireshark: the fields it displays.
    Shows {
        /// The address (None for 229: taken from the packet).
        ip: Option<Ipv4Addr>,
        /// The port.
        port: u16,
        /// `ftp.passive.nat`: the address differs from the packet's source.
        nat: bool,
    },
    /// Wireshark: nothing decoded; `expert` when it flags `ftp.epsv.args_invalid`.
    ShowsNothing {
        /// An expert-info warning is shown.
        expert: bool,
    },
    /// The library throws an unchecked exception instead of reporting a
    /// malformed reply (Commons Net on a 229 without parentheses).
    Throws {
        /// The exception, as Java names it.
        says: &'static str,
    },
    /// The program crashes: a Go runtime panic while reading the reply.
    Panics {
        /// The runtime error, as Go prints it.
        says: String,
    },
    /// By default the client does not send EPSV on this control connection
    /// (IPv4, or unknown), so it would not receive this 229.
    NotAsked {
        /// When it does send EPSV.
        when: EpsvUse,
        /// What it would do with the reply if it had sent EPSV.
        then: Box<Outcome>,
    },
    /// Not a 227 or 229 reply: nothing to predict.
    NotApplicable,
}

/// Something true of other releases than the one the rule was written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caveat {
    /// jlaffaye/ftp before v0.2.1 panics on this 229 (`line[start+3:end]` with
    /// no closing delimiter: slice bounds out of range); fixed by commit
    /// 0e45063, issue #451.
    JlaffayeOldPanic,
    /// Commons Net 3.0 to 3.8.0 connect to `to` instead: by default they
    /// take a 227's address, replacing it with the control connection's only
    /// when it is site-local (RFC 1918) and the control address is not
    /// (`NatServerResolverImpl` since 3.6, the same check inline before);
    /// 3.9.0 made `ipAddressFromPasvResponse` false, so the address is ignored.
    CommonsNetBefore390 {
        /// Where those releases connect.
        to: Target,
    },
}

/// One client's predicted reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// Who.
    pub client: Client,
    /// What it does.
    pub outcome: Outcome,
    /// What other releases do differently, when it matters here.
    pub caveat: Option<Caveat>,
}

/// A data connection that goes to the wrong place: the address and its class.
/// Each class fails differently ([`describe`](super::describe) says how).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreachable {
    /// The address the client connects to.
    pub ip: IpAddr,
    /// Its class: private, shared, loopback, link-local, unspecified,
    /// multicast, broadcast, reserved or benchmarking.
    pub class: AddressClass,
}

impl Prediction {
    /// The client connects to an address that does not lead to the server:
    ///
    /// - loopback or unspecified: the client's own machine, unless the
    ///   control connection is on that machine too;
    /// - multicast or broadcast: TCP cannot connect there at all;
    /// - private, shared, link-local, benchmarking or reserved: not routed on
    ///   the Internet, when the control connection goes to a public address.
    ///
    /// None when the client connects nowhere, to the control connection's
    /// address, or when the control address is unknown.
    pub fn unreachable_target(&self, control: Option<IpAddr>) -> Option<Unreachable> {
        let Outcome::Connects { to: Target::At(to), .. } = &self.outcome else { return None };
        let control = control?;
        if to.ip == control {
            return None;
        }
        let class = crate::classify(&to.ip);
        let control_class = crate::classify(&control);
        let wrong = match class {
            AddressClass::Loopback | AddressClass::Unspecified => {
                !matches!(control_class, AddressClass::Loopback | AddressClass::Unspecified)
            }
            AddressClass::Multicast | AddressClass::Broadcast => true,
            AddressClass::Private
            | AddressClass::Shared
            | AddressClass::LinkLocal
            | AddressClass::Benchmarking
            | AddressClass::Reserved => control_class.is_routable(),
            // A 227 reply only carries IPv4 addresses; the IPv6 classes and
            // the routable ones have nothing to say here.
            AddressClass::Public | AddressClass::Documentation | AddressClass::UniqueLocal | AddressClass::Ipv4Mapped => false,
        };
        wrong.then_some(Unreachable { ip: to.ip, class })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::At(t) => t.fmt(f),
            Target::Control { port } => write!(f, "<control>:{port}"),
        }
    }
}
