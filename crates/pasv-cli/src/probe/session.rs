//! The steps of a probe: resolve, connect, banner, login, FEAT, SYST, then
//! one data connection per passive (or active) command. Every step has its
//! own deadline; every failure becomes a [`Failure`] or a [`DataTest`]
//! outcome, never a panic.
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pasv_core::{analyse, decode, CliMsg, Command, Context};

use super::control::{is_closed, remaining, Control, ReadError, Reply};
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

fn fail(exit: u8, msg: CliMsg, args: &[(&'static str, String)]) -> Failure {
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
    fn deadline(&self) -> Instant {
        Instant::now() + self.opts.timeout
    }

    fn secs(&self) -> String {
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

    fn list_command(&self) -> String {
        if self.target.path.is_empty() {
            "LIST".into()
        } else {
            format!("NLST /{}", self.target.path.trim_start_matches('/'))
        }
    }

    /// A passive test: EPSV or PASV, the data connection where a careful
    /// client opens it, the listing.
    pub fn passive(&mut self, cmd: Command) -> Result<(), Failure> {
        let word = if cmd == Command::Epsv { "EPSV" } else { "PASV" };
        let start = Instant::now();
        let reply = self.command(word, 1)?;
        let mut test = DataTest { command: word, target: None, outcome: Outcome::Ok, bytes: 0, ms: 0 };
        let expected = if cmd == Command::Epsv { 229 } else { 227 };
        if reply.code != expected {
            test.outcome = Outcome::NotAccepted(reply.code);
            return self.record(test, start);
        }
        let text = reply.text();
        let explained = analyse(&decode(&text), &Context { control_ip: self.control_ip, sent: Some(cmd) });
        let (Some(port), Some(control_ip)) = (explained.decoded.port.filter(|_| explained.decoded.is_ok()), self.control_ip) else {
            test.outcome = Outcome::Undecodable;
            return self.record(test, start);
        };
        let announced = explained.decoded.ip;
        let ip = match announced {
            Some(a) if a != control_ip && self.opts.try_announced => a,
            Some(a) if a != control_ip => {
                self.t.note(&format!("Skip {a} for data connection, reuse {control_ip} instead"));
                control_ip
            }
            _ => control_ip,
        };
        let addr = SocketAddr::new(ip, port);
        test.target = Some(addr);
        self.t.note(&format!("Connecting to {ip} ({ip}) port {port}"));
        self.t.note(&format!("  Trying {addr}..."));
        let data = match TcpStream::connect_timeout(&addr, self.opts.timeout) {
            Ok(s) => s,
            Err(e) => {
                let reason = connect_error(&e);
                self.t.note(&format!("connect to {ip} port {port} failed: {reason}"));
                test.outcome = Outcome::ConnectFailed(reason);
                return self.record(test, start);
            }
        };
        self.t.note(&format!("Connected 2nd connection to {ip} port {port}"));
        self.transfer(test, start, Some(data), None)
    }

    /// An active test: the probe listens on the address of its side of the
    /// control connection and the server connects to it.
    pub fn active(&mut self, cmd: Command) -> Result<(), Failure> {
        let word = if cmd == Command::Eprt { "EPRT" } else { "PORT" };
        let start = Instant::now();
        let mut test = DataTest { command: word, target: None, outcome: Outcome::Ok, bytes: 0, ms: 0 };
        let local = match self.control.as_ref().map(|c| c.socket().local_addr()) {
            Some(Ok(a)) => a.ip(),
            _ => return Err(fail(1, CliMsg::ProbeIo, &[("step", word.into()), ("error", "no local address".into())])),
        };
        let listener =
            TcpListener::bind((local, 0)).map_err(|e| fail(1, CliMsg::ProbeIo, &[("step", word.into()), ("error", e.to_string())]))?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        test.target = Some(SocketAddr::new(local, port));
        let line = match (cmd, local) {
            (Command::Port, IpAddr::V4(v4)) => {
                let o = v4.octets();
                format!("PORT {},{},{},{},{},{}", o[0], o[1], o[2], o[3], port >> 8, port & 0xff)
            }
            (Command::Port, IpAddr::V6(_)) => {
                test.outcome = Outcome::NotAccepted(0);
                return self.record(test, start);
            }
            (_, IpAddr::V4(v4)) => format!("EPRT |1|{v4}|{port}|"),
            (_, IpAddr::V6(v6)) => format!("EPRT |2|{v6}|{port}|"),
        };
        let reply = self.command(&line, 1)?;
        if reply.class() != 2 {
            test.outcome = Outcome::NotAccepted(reply.code);
            return self.record(test, start);
        }
        self.t.note(&format!("Waiting for the server to connect to {local} port {port}"));
        self.transfer(test, start, None, Some(listener))
    }

    /// LIST (or NLST) over an open data connection, or one the server opens
    /// to `listener`; the bytes until the end, then the closing reply.
    fn transfer(
        &mut self,
        mut test: DataTest,
        start: Instant,
        data: Option<TcpStream>,
        listener: Option<TcpListener>,
    ) -> Result<(), Failure> {
        let list = self.list_command();
        let reply = self.command(&list, 1)?;
        if reply.class() != 1 {
            test.outcome = Outcome::ListFailed(reply.code);
            return self.record(test, start);
        }
        let deadline = self.deadline();
        let data = match (data, listener) {
            (Some(d), _) => d,
            (None, Some(l)) => match accept(&l, deadline) {
                Some(d) => {
                    self.t.note("Connection accepted from server");
                    d
                }
                None => {
                    self.t.note("Accept timeout occurred while waiting server connect");
                    test.outcome = Outcome::NoConnectBack;
                    return self.after_stall(test, start);
                }
            },
            (None, None) => unreachable!("a data connection or a listener"),
        };
        let socket = match data.try_clone() {
            Ok(s) => s,
            Err(e) => {
                test.outcome = Outcome::ConnectFailed(e.to_string());
                return self.after_stall(test, start);
            }
        };
        let (bytes, finished) = match (self.data_tls, self.tls) {
            (true, Some(tls)) => match tls.handshake(data, deadline) {
                Ok(mut stream) => {
                    let read = read_all(&socket, &mut stream, deadline);
                    // vsftpd sends its 226 only after the client's
                    // close_notify on the data connection.
                    stream.conn.send_close_notify();
                    let _ = stream.conn.complete_io(&mut stream.sock);
                    read
                }
                Err(e) => {
                    self.t.note(&format!("TLS handshake on the data connection failed: {}", e.text()));
                    test.outcome = Outcome::TlsFailed(e.text());
                    return self.after_stall(test, start);
                }
            },
            _ => {
                let mut plain = data;
                read_all(&socket, &mut plain, deadline)
            }
        };
        // Close our end now (the clone kept the socket open): ProFTPD sends
        // its 226 only once the client has closed the data connection.
        let _ = socket.shutdown(std::net::Shutdown::Both);
        drop(socket);
        test.bytes = bytes;
        if !finished {
            self.t.note(&format!("data connection timed out after {} ms with {bytes} bytes received", start.elapsed().as_millis()));
            test.outcome = Outcome::Stalled;
            return self.after_stall(test, start);
        }
        self.t.note(&format!("{bytes} bytes received on the data connection in {} ms", start.elapsed().as_millis()));
        let reply = self.reply(&list, 1)?;
        if reply.class() != 2 {
            test.outcome = Outcome::ListFailed(reply.code);
        }
        self.record(test, start)
    }

    /// After a data connection that never came or never ended the server
    /// may still answer (426, 425) or stay silent: then the control
    /// connection is of no more use.
    fn after_stall(&mut self, test: DataTest, start: Instant) -> Result<(), Failure> {
        let step = test.command;
        self.record(test, start)?;
        match self.reply(step, 1) {
            Ok(_) => Ok(()),
            Err(_) => {
                if let Some(t) = self.tests.last_mut() {
                    if t.outcome == Outcome::Ok {
                        t.outcome = Outcome::ControlLost;
                    }
                }
                self.control = None;
                Ok(())
            }
        }
    }

    fn record(&mut self, mut test: DataTest, start: Instant) -> Result<(), Failure> {
        test.ms = start.elapsed().as_millis();
        self.tests.push(test);
        Ok(())
    }
}

/// The words curl uses for a failed connect, which the log reader knows.
fn connect_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "Connection timed out".into(),
        io::ErrorKind::ConnectionRefused => "Connection refused".into(),
        io::ErrorKind::HostUnreachable => "No route to host".into(),
        io::ErrorKind::NetworkUnreachable => "Network is unreachable".into(),
        _ => e.to_string(),
    }
}

fn accept(listener: &TcpListener, deadline: Instant) -> Option<TcpStream> {
    listener.set_nonblocking(true).ok()?;
    while remaining(deadline).is_some() {
        match listener.accept() {
            Ok((s, _)) => {
                s.set_nonblocking(false).ok()?;
                return Some(s);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => return None,
        }
    }
    None
}

/// Reads until the end of the data, or the deadline: (bytes, ended).
fn read_all(socket: &TcpStream, data: &mut dyn Read, deadline: Instant) -> (u64, bool) {
    let mut bytes = 0u64;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let Some(left) = remaining(deadline) else { return (bytes, false) };
        if socket.set_read_timeout(Some(left)).is_err() {
            return (bytes, false);
        }
        match data.read(&mut buf) {
            Ok(0) => return (bytes, true),
            Ok(n) => bytes += n as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => return (bytes, false),
            // A reset after the data counts as the end; the closing reply says whether all came.
            Err(_) => return (bytes, true),
        }
    }
}
