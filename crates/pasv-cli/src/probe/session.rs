//! The steps of a probe: resolve, connect, banner, login, FEAT, SYST, then
//! one data connection per passive (or active) command. Every step has its
//! own deadline; every failure becomes a [`Failure`] or a [`DataTest`]
//! outcome, never a panic.
use std::io;
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pasv_core::CliMsg;

use super::control::{is_closed, Control, ReadError, Reply};
use super::tls::{Tls, TlsError};
use super::transcript::Transcript;
use super::url::Target;
use super::{Family, Options};

/// What ended a probe before its data tests, with exit status 3 (could not
/// connect or log in) or 1 (the session broke later).
#[derive(Debug)]
pub struct Failure {
    pub msg: CliMsg,
    pub args: Vec<(&'static str, String)>,
    pub exit: u8,
}

pub(super) fn fail(exit: u8, msg: CliMsg, args: &[(&'static str, String)]) -> Failure {
    Failure { msg, args: args.to_vec(), exit }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Data received and the transfer confirmed.
    Ok,
    /// The server did not accept the command (its reply code).
    NotAccepted(u16),
    /// The reply could not be decoded.
    Undecodable,
    /// The data connection could not be opened (the system's reason).
    ConnectFailed(String),
    /// The server did not connect back (active mode).
    NoConnectBack,
    /// The data connection opened but the transfer did not finish in time.
    Stalled,
    /// The server refused or aborted the listing (its reply code).
    ListFailed(u16),
    /// The control connection broke during the test.
    ControlLost,
    /// The TLS handshake on the data connection failed (its reason).
    TlsFailed(String),
}

#[derive(Debug, Clone)]
pub struct DataTest {
    pub command: &'static str,
    /// Where the data connection went (or where the server was to connect).
    pub target: Option<SocketAddr>,
    pub outcome: Outcome,
    pub bytes: u64,
    pub ms: u128,
}

pub struct Session<'a> {
    pub opts: &'a Options,
    pub target: &'a Target,
    pub password: String,
    pub t: &'a mut Transcript,
    pub control: Option<Control>,
    pub control_ip: Option<IpAddr>,
    pub tests: Vec<DataTest>,
    pub tls: Option<&'a Tls>,
    /// `PROT P` accepted: data connections are TLS too.
    pub data_tls: bool,
    /// What `--insecure` let through.
    pub cert_overridden: Option<String>,
}

impl Session<'_> {
    pub(super) fn deadline(&self) -> Instant {
        Instant::now() + self.opts.timeout
    }

    pub(super) fn secs(&self) -> String {
        self.opts.timeout.as_secs().to_string()
    }

    pub fn resolve(&mut self) -> Result<Vec<SocketAddr>, Failure> {
        let host = self.target.host.clone();
        let port = self.target.port;
        let addrs: Vec<SocketAddr> = if let Ok(ip) = host.parse::<IpAddr>() {
            vec![SocketAddr::new(ip, port)]
        } else {
            // The system resolver has no timeout of its own: wait for it in a thread.
            let (tx, rx) = mpsc::channel();
            let name = host.clone();
            std::thread::spawn(move || {
                let _ = tx.send((name.as_str(), port).to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
            });
            match rx.recv_timeout(self.opts.timeout) {
                Ok(Ok(addrs)) => addrs,
                Ok(Err(e)) => return Err(fail(3, CliMsg::ProbeResolveFailed, &[("host", host), ("error", e.to_string())])),
                Err(_) => return Err(fail(3, CliMsg::ProbeResolveTimeout, &[("host", host), ("secs", self.secs())])),
            }
        };
        let addrs: Vec<SocketAddr> = addrs
            .into_iter()
            .filter(|a| match self.opts.family {
                Family::Any => true,
                Family::V4 => a.is_ipv4(),
                Family::V6 => a.is_ipv6(),
            })
            .collect();
        if addrs.is_empty() {
            let family = match self.opts.family {
                Family::V6 => "IPv6",
                _ => "IPv4",
            };
            return Err(fail(3, CliMsg::ProbeNoAddress, &[("host", host), ("family", family.to_string())]));
        }
        let list = |v4: bool| addrs.iter().filter(|a| a.is_ipv4() == v4).map(|a| a.ip().to_string()).collect::<Vec<_>>().join(", ");
        self.t.note(&format!("Host {}:{} was resolved.", self.target.host, port));
        self.t.note(&format!("IPv6: {}", Some(list(false)).filter(|s| !s.is_empty()).unwrap_or("(none)".into())));
        self.t.note(&format!("IPv4: {}", Some(list(true)).filter(|s| !s.is_empty()).unwrap_or("(none)".into())));
        Ok(addrs)
    }

    /// Every address in turn until one answers, each attempt in the transcript.
    pub fn connect(&mut self, addrs: &[SocketAddr]) -> Result<(), Failure> {
        let mut last = String::new();
        for addr in addrs {
            self.t.note(&format!("  Trying {addr}..."));
            self.t.waiting(CliMsg::ProbeProgressConnect, &addr.to_string());
            match TcpStream::connect_timeout(addr, self.opts.timeout) {
                Ok(stream) => {
                    self.t.note(&format!("Connected to {} ({}) port {}", self.target.host, addr.ip(), addr.port()));
                    let control = Control::new(stream)
                        .map_err(|e| fail(3, CliMsg::ProbeIo, &[("step", "connect".into()), ("error", e.to_string())]))?;
                    self.control = Some(control);
                    self.control_ip = Some(addr.ip());
                    return Ok(());
                }
                Err(e) => {
                    last = connect_error(&e);
                    self.t.note(&format!("connect to {} port {} failed: {last}", addr.ip(), addr.port()));
                }
            }
        }
        self.t.note(&format!("Failed to connect to {} port {}: Could not connect to server", self.target.host, self.target.port));
        Err(fail(
            3,
            CliMsg::ProbeConnectFailed,
            &[("host", self.target.host.clone()), ("port", self.target.port.to_string()), ("error", last)],
        ))
    }

    fn control(&mut self) -> &mut Control {
        self.control.as_mut().expect("connected before any command")
    }

    /// Reads one reply into the transcript; `step` names the step in messages.
    pub fn reply(&mut self, step: &str, exit: u8) -> Result<Reply, Failure> {
        let deadline = self.deadline();
        self.t.waiting(CliMsg::ProbeProgressReply, step);
        let Session { control, t, .. } = self;
        let control = control.as_mut().expect("connected before any reply");
        let result = control.reply(deadline, |line| t.reply(line));
        let step = step.to_string();
        match result {
            Ok(reply) if reply.code == 421 => {
                Err(fail(exit, CliMsg::ProbeClosing, &[("step", step), ("reply", reply.lines.last().cloned().unwrap_or_default())]))
            }
            Ok(reply) => Ok(reply),
            Err(e) => Err(self.read_failure(step, e, exit)),
        }
    }

    fn read_failure(&mut self, step: String, e: ReadError, exit: u8) -> Failure {
        match e {
            ReadError::TimedOut => {
                self.t.note("FTP response timeout");
                fail(exit, CliMsg::ProbeTimedOut, &[("step", step), ("secs", self.secs())])
            }
            ReadError::Closed => {
                self.t.note("control connection closed by the server");
                fail(exit, CliMsg::ProbeClosed, &[("step", step)])
            }
            ReadError::TooLong => {
                self.t.note("FTP response too long, control connection dropped");
                fail(exit, CliMsg::ProbeTooLong, &[("step", step), ("limit", super::control::MAX_REPLY.to_string())])
            }
            ReadError::Garbage(line) => {
                let shown: String = line.chars().take(80).collect();
                fail(exit, CliMsg::ProbeGarbage, &[("step", step), ("text", shown)])
            }
            ReadError::Io(e) => fail(exit, CliMsg::ProbeIo, &[("step", step), ("error", e.to_string())]),
        }
    }

    pub fn send(&mut self, line: &str, shown: &str, exit: u8) -> Result<(), Failure> {
        self.t.command(shown);
        let deadline = self.deadline();
        match self.control().send(line, deadline) {
            Ok(()) => Ok(()),
            Err(e) => {
                let word = shown.split(' ').next().unwrap_or(shown).to_string();
                let msg = if is_closed(&e) { CliMsg::ProbeClosed } else { CliMsg::ProbeIo };
                Err(fail(exit, msg, &[("step", word), ("error", e.to_string())]))
            }
        }
    }

    pub fn command(&mut self, line: &str, exit: u8) -> Result<Reply, Failure> {
        self.send(line, line, exit)?;
        self.reply(line.split(' ').next().unwrap_or(line), exit)
    }

    pub fn banner(&mut self, banner_word: &str) -> Result<(), Failure> {
        let mut reply = self.reply(banner_word, 3)?;
        // 120: ready in a while; the 220 follows.
        if reply.code == 120 {
            reply = self.reply(banner_word, 3)?;
        }
        if reply.code != 220 {
            return Err(fail(3, CliMsg::ProbeUnexpected, &[("step", banner_word.to_string()), ("reply", reply.lines[0].clone())]));
        }
        Ok(())
    }

    /// TLS on the control connection: at once (implicit) or after `AUTH TLS`.
    pub fn start_tls(&mut self, explicit: bool) -> Result<(), Failure> {
        let Some(tls) = self.tls else { return Ok(()) };
        if explicit {
            let reply = self.command("AUTH TLS", 3)?;
            if reply.code != 234 {
                return Err(fail(3, CliMsg::ProbeTlsRefused, &[("reply", reply.text())]));
            }
        }
        let deadline = self.deadline();
        self.t.waiting(CliMsg::ProbeProgressTls, &self.target.host.clone());
        match self.control().start_tls(tls, deadline) {
            Ok(described) => {
                if let Some(found) = tls.take_overridden() {
                    self.t.note(&format!("SSL certificate verify result: {found}, continuing anyway."));
                    self.cert_overridden = Some(found);
                }
                self.t.note(&format!("SSL connection using {described}"));
                Ok(())
            }
            Err(e) => {
                self.t.note(&format!("TLS handshake failed: {}", e.text()));
                // Half a handshake leaves nothing to say QUIT on.
                self.control = None;
                Err(match e {
                    TlsError::Certificate(error) => {
                        fail(3, CliMsg::ProbeTlsCertificate, &[("host", self.target.host.clone()), ("error", error)])
                    }
                    e => fail(3, CliMsg::ProbeTlsFailed, &[("error", e.text())]),
                })
            }
        }
    }

    /// `PBSZ 0` and `PROT P` (RFC 4217 §9): data connections protected too.
    pub fn protect_data(&mut self) -> Result<(), Failure> {
        if self.tls.is_none() {
            return Ok(());
        }
        self.command("PBSZ 0", 1)?;
        let reply = self.command("PROT P", 1)?;
        self.data_tls = reply.class() == 2;
        Ok(())
    }

    pub fn login(&mut self) -> Result<(), Failure> {
        let user = self.target.user.clone().unwrap_or_else(|| "anonymous".into());
        let reply = self.command(&format!("USER {user}"), 3)?;
        let reply = match reply.code {
            230 => return Ok(()),
            331 | 332 => {
                let pass = format!("PASS {}", self.password);
                self.send(&pass, "PASS ********", 3)?;
                self.reply("PASS", 3)?
            }
            _ => reply,
        };
        match reply.code {
            230 | 202 => Ok(()),
            530 | 430 | 331 | 332 => Err(fail(3, CliMsg::ProbeLoginRefused, &[("user", user), ("reply", reply.text())])),
            _ => Err(fail(3, CliMsg::ProbeUnexpected, &[("step", "PASS".into()), ("reply", reply.text())])),
        }
    }

    /// FEAT and SYST: their replies name the server; a refusal is no failure.
    pub fn features(&mut self) -> Result<(), Failure> {
        self.command("FEAT", 1)?;
        self.command("SYST", 1)?;
        Ok(())
    }

    pub fn quit(&mut self) {
        if self.control.is_some() {
            let deadline = Instant::now() + self.opts.timeout.min(Duration::from_secs(2));
            self.t.command("QUIT");
            let Session { control, t, .. } = self;
            let control = control.as_mut().expect("checked");
            if control.send("QUIT", deadline).is_ok() {
                let _ = control.reply(deadline, |line| t.reply(line));
            }
        }
        self.control = None;
    }
}

/// The words curl uses for a failed connect, which the log reader knows.
pub(super) fn connect_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "Connection timed out".into(),
        io::ErrorKind::ConnectionRefused => "Connection refused".into(),
        io::ErrorKind::HostUnreachable => "No route to host".into(),
        io::ErrorKind::NetworkUnreachable => "Network is unreachable".into(),
        _ => e.to_string(),
    }
}
