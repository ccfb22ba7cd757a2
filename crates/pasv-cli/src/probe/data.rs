//! The data connections of a probe: passive (the probe connects where a
//! careful client does) and active (the server connects to the probe), the
//! listing over each, and every way that can fail.
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use pasv_core::{analyse, decode, CliMsg, Command, Context};

use super::control::remaining;
use super::session::{connect_error, fail, DataTest, Failure, Outcome, Session};

impl Session<'_> {
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
        self.t.waiting(CliMsg::ProbeProgressConnect, &addr.to_string());
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
            (None, Some(l)) => match self.wait_for_server(&test, &l, deadline) {
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
        self.t.waiting(CliMsg::ProbeProgressData, test.command);
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

    /// The server's connection to the probe's listener (active mode).
    fn wait_for_server(&mut self, test: &DataTest, listener: &TcpListener, deadline: Instant) -> Option<TcpStream> {
        let target = test.target.map(|a| a.to_string()).unwrap_or_default();
        self.t.waiting(CliMsg::ProbeProgressAccept, &target);
        accept(listener, deadline)
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
