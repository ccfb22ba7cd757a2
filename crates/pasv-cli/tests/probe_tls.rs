//! `pasv-lens probe --tls explicit` against a scripted FTPS server on
//! 127.0.0.1 (rustls, the self-signed certificate in tests/data, made for
//! these tests only): the certificate check, a TLS data connection, and a
//! server whose data connections fail under TLS but work without it, as
//! behind a router whose FTP helper cannot read encrypted replies.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

const CERT: &[u8] = include_bytes!("data/probe-test-cert.pem");
const KEY: &[u8] = include_bytes!("data/probe-test-key.pem");
const LISTING: &str = "-rw-r--r-- 1 ftp ftp 6 Jan 1 00:00 a.txt\r\n";

fn config() -> Arc<ServerConfig> {
    let certs = vec![CertificateDer::from_pem_slice(CERT).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Arc::new(config)
}

/// A control connection, plain or after `AUTH TLS`.
struct Conn {
    stream: Box<dyn ReadWrite>,
}

trait ReadWrite: Read + Write + Send {}
impl<T: Read + Write + Send> ReadWrite for T {}

impl Conn {
    fn send(&mut self, text: &str) {
        let _ = self.stream.write_all(format!("{text}\r\n").as_bytes());
        let _ = self.stream.flush();
    }

    fn expect(&mut self, word: &str) -> String {
        let mut line = Vec::new();
        let mut b = [0u8; 1];
        while self.stream.read(&mut b).map(|n| n == 1).unwrap_or(false) && b[0] != b'\n' {
            line.push(b[0]);
        }
        let line = String::from_utf8_lossy(&line).trim_end().to_string();
        assert!(line.starts_with(word), "expected {word}, got {line:?}");
        line
    }

    /// Greeting, AUTH TLS, handshake, login, PBSZ, PROT, FEAT, SYST.
    fn secure_login(socket: TcpStream, config: &Arc<ServerConfig>) -> Conn {
        let mut plain = Conn { stream: Box::new(socket.try_clone().unwrap()) };
        plain.send("220 FTPS test server.");
        plain.expect("AUTH TLS");
        plain.send("234 Proceed.");
        let tls = StreamOwned::new(ServerConnection::new(config.clone()).unwrap(), socket);
        let mut c = Conn { stream: Box::new(tls) };
        c.expect("USER");
        c.send("331 Password.");
        c.expect("PASS");
        c.send("230 In.");
        c.expect("PBSZ 0");
        c.send("200 PBSZ=0");
        c.expect("PROT P");
        c.send("200 Protection set to Private");
        c.expect("FEAT");
        c.send("211 End");
        c.expect("SYST");
        c.send("215 UNIX Type: L8");
        c
    }

    fn plain_login(socket: TcpStream) -> Conn {
        let mut c = Conn { stream: Box::new(socket) };
        c.send("220 FTPS test server.");
        c.expect("USER");
        c.send("331 Password.");
        c.expect("PASS");
        c.send("230 In.");
        c.expect("FEAT");
        c.send("211 End");
        c.expect("SYST");
        c.send("215 UNIX Type: L8");
        c
    }

    /// A passive reply, then the listing over a data connection, under TLS
    /// when `config` is given.
    fn passive(&mut self, word: &str, config: Option<&Arc<ServerConfig>>) {
        self.expect(word);
        let data = TcpListener::bind("127.0.0.1:0").unwrap();
        let p = data.local_addr().unwrap().port();
        if word == "EPSV" {
            self.send(&format!("229 Entering Extended Passive Mode (|||{p}|)"));
        } else {
            self.send(&format!("227 Entering Passive Mode (127,0,0,1,{},{})", p >> 8, p & 0xff));
        }
        let (d, _) = data.accept().unwrap();
        self.expect("LIST");
        self.send("150 Here it comes.");
        match config {
            Some(config) => {
                let mut tls = StreamOwned::new(ServerConnection::new(config.clone()).unwrap(), d);
                tls.write_all(LISTING.as_bytes()).unwrap();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            }
            None => {
                let mut d = d;
                d.write_all(LISTING.as_bytes()).unwrap();
            }
        }
        self.send("226 Done.");
    }

    /// A passive reply naming a port nobody listens on.
    fn dead_passive(&mut self, word: &str) {
        self.expect(word);
        let gone = TcpListener::bind("127.0.0.1:0").unwrap();
        let p = gone.local_addr().unwrap().port();
        drop(gone);
        if word == "EPSV" {
            self.send(&format!("229 Entering Extended Passive Mode (|||{p}|)"));
        } else {
            self.send(&format!("227 Entering Passive Mode (127,0,0,1,{},{})", p >> 8, p & 0xff));
        }
    }
}

/// A server for `scripts.len()` control connections, one after the other.
fn serve(scripts: Vec<Box<dyn FnOnce(TcpStream) + Send>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for script in scripts {
            let Ok((stream, _)) = listener.accept() else { return };
            stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            script(stream);
        }
    });
    port
}

fn probe(port: u16, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .args(["probe", "--tls", "explicit", "--timeout", "3"])
        .args(extra)
        .arg(format!("ftp://127.0.0.1:{port}/"))
        .env_remove("PASV_LENS_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_self_signed_certificate_stops_the_probe_unless_insecure() {
    let config = config();
    let c = config.clone();
    let port = serve(vec![Box::new(move |s| {
        let mut plain = Conn { stream: Box::new(s.try_clone().unwrap()) };
        plain.send("220 FTPS test server.");
        plain.expect("AUTH TLS");
        plain.send("234 Proceed.");
        let mut tls = StreamOwned::new(ServerConnection::new(c).unwrap(), s);
        let _ = tls.read(&mut [0u8; 1]);
    })]);
    let out = probe(port, &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("the certificate of 127.0.0.1 did not pass the check"), "{stderr}");
    assert!(stderr.contains("--insecure"), "{stderr}");
}

#[test]
fn tls_data_connections_list_the_directory() {
    let config = config();
    let port = serve(vec![Box::new(move |s| {
        let mut c = Conn::secure_login(s, &config);
        c.passive("EPSV", Some(&config));
        c.passive("PASV", Some(&config));
        c.expect("QUIT");
        c.send("221 Bye.");
    })]);
    let out = probe(port, &["--insecure"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("* SSL certificate verify result: "), "{stdout}");
    assert!(stdout.contains("* SSL connection using TLSv1_3"), "{stdout}");
    assert!(stdout.contains("EPSV: data connection to 127.0.0.1:"), "{stdout}");
    assert!(stdout.contains(&format!("{} bytes in", LISTING.len())), "{stdout}");
    assert!(stdout.contains("--insecure went on anyway"), "{stdout}");
}

#[test]
fn data_connections_failing_only_under_tls_are_told_apart() {
    let config = config();
    let port = serve(vec![
        Box::new(move |s| {
            let mut c = Conn::secure_login(s, &config);
            c.dead_passive("EPSV");
            c.dead_passive("PASV");
            c.expect("QUIT");
            c.send("221 Bye.");
        }),
        Box::new(|s| {
            let mut c = Conn::plain_login(s);
            c.passive("EPSV", None);
            c.passive("PASV", None);
            c.expect("QUIT");
            c.send("221 Bye.");
        }),
    ]);
    let out = probe(port, &["--insecure", "--json"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let probe = &lines[lines.len() - 2]["probe"];
    assert_eq!(probe["tests"][0]["outcome"], "connect-failed");
    assert_eq!(probe["without_tls"]["outcome"], "works");
    assert_eq!(probe["without_tls"]["tests"][1]["outcome"], "ok");
    assert!(probe["without_tls"]["message"].as_str().unwrap().starts_with("Plain FTP works from here but FTPS does not"));
    // The printed transcript is the TLS session's alone.
    assert_eq!(lines.iter().filter(|l| l["text"] == "> AUTH TLS").count(), 1);
    assert_eq!(lines.iter().filter(|l| l["text"].as_str().is_some_and(|t| t.starts_with("> USER"))).count(), 1);
}
