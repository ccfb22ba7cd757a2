//! `pasv-lens probe` against scripted servers on 127.0.0.1: a well-behaved
//! one, one behind a misconfigured NAT, and hostile ones (a reply that never
//! ends, a 10 MB banner, a server that sends a byte at a time, invalid
//! UTF-8, a data port that never sends, 530, 421). Each probe must end
//! within its per-step timeout with the right exit status and message.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A server for one control connection, running `script` on it.
fn serve(script: impl FnOnce(Conn) + Send + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            script(Conn { reader: BufReader::new(stream.try_clone().unwrap()), stream });
        }
    });
    port
}

struct Conn {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn send(&mut self, text: &str) {
        let _ = self.stream.write_all(text.as_bytes());
        let _ = self.stream.write_all(b"\r\n");
    }

    /// The next command; panics (ending the server) on anything else.
    fn expect(&mut self, word: &str) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let line = line.trim_end().to_string();
        assert!(line.starts_with(word), "expected {word}, got {line:?}");
        line
    }

    fn login(&mut self, banner: &str) {
        self.send(banner);
        self.expect("USER");
        self.send("331 Password required.");
        self.expect("PASS");
        self.send("230 Logged in.");
        self.expect("FEAT");
        self.send("211-Features:\r\n EPSV\r\n211 End");
        self.expect("SYST");
        self.send("215 UNIX Type: L8");
    }

    /// A passive reply with a listener that sends `listing` to the first
    /// connection, then the 150/226 around it.
    fn passive(&mut self, reply: impl FnOnce(u16) -> String, listing: &'static str) {
        let data = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = data.local_addr().unwrap().port();
        self.send(&reply(port));
        let (mut d, _) = data.accept().unwrap();
        self.expect("LIST");
        self.send("150 Here comes the listing.");
        d.write_all(listing.as_bytes()).unwrap();
        drop(d);
        self.send("226 Done.");
    }
}

fn probe(port: u16, extra: &[&str]) -> (Output, Duration) {
    let url = format!("ftp://127.0.0.1:{port}/");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .arg("probe")
        .args(extra)
        .arg(&url)
        .env_remove("PASV_LENS_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (out, start.elapsed())
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const LISTING: &str = "-rw-r--r-- 1 ftp ftp 6 Jan 1 00:00 a.txt\r\n";

#[test]
fn a_good_server_passes_with_both_passive_commands() {
    let port = serve(|mut c| {
        c.login("220 Test server ready.");
        c.expect("EPSV");
        c.passive(|p| format!("229 Entering Extended Passive Mode (|||{p}|)"), LISTING);
        c.expect("PASV");
        c.passive(|p| format!("227 Entering Passive Mode (127,0,0,1,{},{})", p >> 8, p & 0xff), LISTING);
        c.expect("QUIT");
        c.send("221 Bye.");
    });
    let (out, _) = probe(port, &["--timeout", "3"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("> PASS ********"), "{stdout}");
    assert!(!stdout.contains("anonymous@"), "the password is never printed: {stdout}");
    assert!(stdout.contains("EPSV: data connection to 127.0.0.1:"), "{stdout}");
    assert!(stdout.contains(&format!("{} bytes in", LISTING.len())), "{stdout}");
    assert!(stdout.contains("Verdict: [note] No problem found"), "{stdout}");
    assert!(stdout.contains("exit status 0"), "{stdout}");
}

#[test]
fn a_private_address_behind_nat_is_skipped_and_explained() {
    let port = serve(|mut c| {
        c.login("220 (vsFTPd 3.0.5)");
        c.expect("EPSV");
        c.send("500 Unknown command.");
        c.expect("PASV");
        c.passive(|p| format!("227 Entering Passive Mode (10,0,0,5,{},{}).", p >> 8, p & 0xff), LISTING);
        c.expect("QUIT");
    });
    let (out, _) = probe(port, &["--json", "--timeout", "3"]);
    let lines: Vec<Value> = text(&out).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary = &lines.last().unwrap()["summary"];
    let probe = &lines[lines.len() - 2]["probe"];
    // The data connection went to the control address, never to 10.0.0.5.
    let pasv = probe["tests"].as_array().unwrap().iter().find(|t| t["command"] == "PASV").unwrap();
    assert!(pasv["target"].as_str().unwrap().starts_with("127.0.0.1:"), "{pasv}");
    assert_eq!(pasv["outcome"], "ok");
    assert_eq!(probe["tests"][0]["outcome"], "not-accepted");
    assert_eq!(summary["server"], "vsftpd");
    assert_eq!(summary["control_ip"], "127.0.0.1");
    assert!(summary["verdict"]["message"].as_str().unwrap().contains("10.0.0.5"), "{summary}");
    assert!(lines.iter().any(|l| l["text"].as_str().is_some_and(|t| t.starts_with("* Skip 10.0.0.5 for data connection"))));
    // The probe's own data connection worked, but clients that trust the
    // reply fail: a problem all the same.
    assert_eq!(summary["verdict"]["severity"], "warning");
    assert_eq!(probe["exit"], 1);
    assert_eq!(out.status.code(), Some(1));
}

/// A saved transcript read back by `decode` gives the probe's verdict.
#[test]
fn the_transcript_reads_back_to_the_same_verdict() {
    let port = serve(|mut c| {
        c.login("220 ProFTPD Server (Example) [10.0.0.5]");
        c.expect("EPSV");
        // Accepts, then nobody listens on the port: the connection is refused.
        let gone = TcpListener::bind("127.0.0.1:0").unwrap();
        let p = gone.local_addr().unwrap().port();
        drop(gone);
        c.send(&format!("229 Entering Extended Passive Mode (|||{p}|)"));
        c.expect("PASV");
        c.passive(|p| format!("227 Entering Passive Mode (127,0,0,1,{},{})", p >> 8, p & 0xff), LISTING);
        c.expect("QUIT");
    });
    let (out, _) = probe(port, &["--json", "--timeout", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = text(&out).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let transcript: String = lines.iter().filter_map(|l| l["text"].as_str()).map(|t| format!("{t}\n")).collect();
    assert!(transcript.contains("failed: Connection refused"), "{transcript}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .args(["decode", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(transcript.as_bytes()).unwrap();
    let back = child.wait_with_output().unwrap();
    let back: Value = serde_json::from_str(String::from_utf8_lossy(&back.stdout).lines().last().unwrap()).unwrap();
    let probe_summary = &lines.last().unwrap()["summary"];
    assert_eq!(back["summary"]["verdict"]["id"], probe_summary["verdict"]["id"]);
    assert_eq!(back["summary"]["verdict"]["message"], probe_summary["verdict"]["message"]);
    assert_eq!(back["summary"]["server"], "proftpd");
}

#[test]
fn a_reply_that_never_ends_is_cut_off() {
    let port = serve(|mut c| {
        c.send("220-Welcome");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if c.stream.write_all(b"220-more of the same, forever\r\n").is_err() {
                break;
            }
        }
    });
    let (out, took) = probe(port, &["--timeout", "2"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("the greeting: the reply does not end (more than 65536 bytes)"), "{stderr}");
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[test]
fn a_ten_megabyte_banner_is_cut_off() {
    let port = serve(|mut c| {
        let junk = vec![b'x'; 10 * 1024 * 1024];
        let _ = c.stream.write_all(b"220 ");
        let _ = c.stream.write_all(&junk);
    });
    let (out, took) = probe(port, &["--timeout", "2"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("the reply does not end"), "{stderr}");
    assert!(stdout.len() < 100_000, "the banner is not echoed whole: {} bytes", stdout.len());
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[test]
fn a_slowloris_server_hits_the_step_timeout() {
    let port = serve(|mut c| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if c.stream.write_all(b"2").is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(300));
        }
    });
    let (out, took) = probe(port, &["--timeout", "2", "--lang", "vi"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("lời chào của máy chủ: không nhận đủ phản hồi trong 2 giây"), "{stderr}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn invalid_utf8_is_shown_replaced_and_the_probe_goes_on() {
    let port = serve(|mut c| {
        let _ = c.stream.write_all(b"220 Caf\xe9 \xff\xfe server\r\n");
        c.expect("USER");
        c.send("331 Password required.");
        c.expect("PASS");
        c.send("230 Logged in.");
        c.expect("FEAT");
        c.send("502 No.");
        c.expect("SYST");
        c.send("502 No.");
        c.expect("EPSV");
        c.passive(|p| format!("229 Entering Extended Passive Mode (|||{p}|)"), LISTING);
        c.expect("PASV");
        c.passive(|p| format!("227 Entering Passive Mode (127,0,0,1,{},{})", p >> 8, p & 0xff), LISTING);
        c.expect("QUIT");
    });
    let (out, _) = probe(port, &["--timeout", "3"]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("< 220 Caf\u{fffd} \u{fffd}\u{fffd} server"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
}

#[test]
fn a_data_port_that_never_sends_is_reported_as_stalled() {
    let port = serve(|mut c| {
        c.login("220 Test server ready.");
        c.expect("EPSV");
        let data = TcpListener::bind("127.0.0.1:0").unwrap();
        let p = data.local_addr().unwrap().port();
        c.send(&format!("229 Entering Extended Passive Mode (|||{p}|)"));
        let (_held, _) = data.accept().unwrap();
        c.expect("LIST");
        c.send("150 Here it comes.");
        // Neither data nor a closing reply.
        thread::sleep(Duration::from_secs(8));
    });
    let (out, took) = probe(port, &["--timeout", "2"]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("EPSV: the data connection to 127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("opened but the listing did not end in time (0 bytes received)"), "{stdout}");
    assert!(stdout.contains("* data connection timed out after"), "{stdout}");
    // The stall and the missing closing reply: two steps, then no more.
    assert!(took < Duration::from_secs(7), "{took:?}");
}

#[test]
fn a_refused_login_exits_3_and_never_shows_the_password() {
    let port = serve(|mut c| {
        c.send("220 Ready.");
        c.expect("USER alice");
        c.send("331 Password required for alice.");
        c.expect("PASS");
        c.send("530 Login incorrect.");
    });
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .args(["probe", "--json", "--timeout", "3", &format!("ftp://alice@127.0.0.1:{port}/")])
        .env("PASV_LENS_PASSWORD", "s3cr3t-Pw")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(!stdout.contains("s3cr3t-Pw") && !stderr.contains("s3cr3t-Pw"));
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let probe = &lines[lines.len() - 2]["probe"];
    assert_eq!(probe["error"]["id"], "cli.probe.login-refused");
    assert!(probe["error"]["message"].as_str().unwrap().contains("530 Login incorrect."));
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_421_greeting_exits_3_with_the_servers_words() {
    let port = serve(|mut c| c.send("421 Too many connections, try later."));
    let (out, _) = probe(port, &["--timeout", "3"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("the server is closing the connection (421): “421 Too many connections, try later.”"), "{stderr}");
}

#[test]
fn a_closed_port_exits_3() {
    let gone = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = gone.local_addr().unwrap().port();
    drop(gone);
    let (out, _) = probe(port, &["--timeout", "2"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout.contains(&format!("* connect to 127.0.0.1 port {port} failed: Connection refused")), "{stdout}");
    assert!(stderr.contains(&format!("could not connect to 127.0.0.1 port {port}")), "{stderr}");
    assert!(stderr.contains("connection refused"), "{stderr}");
    // In Vietnamese the system's reason is said in Vietnamese too; the
    // transcript keeps curl's words, which the core reads back.
    let (out, _) = probe(port, &["--timeout", "2", "--lang", "vi"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout.contains("failed: Connection refused"), "{stdout}");
    assert!(stderr.contains("kết nối bị từ chối"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["probe"],
        vec!["probe", "http://example.org/"],
        vec!["probe", "ftp://bob:pw@127.0.0.1/"],
        vec!["probe", "--timeout", "0", "ftp://127.0.0.1/"],
        vec!["probe", "--ipv4", "--ipv6", "ftp://127.0.0.1/"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_pasv-lens")).args(&args).stdin(Stdio::null()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let (_, stderr) = text(&out);
        assert!(!stderr.contains(":pw@") || stderr.contains("holds a password"), "{stderr}");
    }
    // A named user with no password and no terminal to ask on.
    let out = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .args(["probe", "ftp://alice@127.0.0.1:9/"])
        .env_remove("PASV_LENS_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("no password for alice"));
}

#[test]
fn a_tls_handshake_answered_with_plain_text_fails_cleanly() {
    let port = serve(|mut c| {
        c.send("220 Ready.");
        c.expect("AUTH TLS");
        c.send("234 Go ahead.");
        // Not a TLS record: the handshake must fail, not hang.
        c.send("500 This is not TLS.");
        thread::sleep(Duration::from_secs(5));
    });
    let (out, took) = probe(port, &["--tls", "explicit", "--timeout", "3"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("TLS handshake failed: "), "{stderr}");
    assert!(stdout.contains("* TLS handshake failed: "), "{stdout}");
    // Nothing was sent in plain text after the failed handshake.
    assert!(!stdout.contains("> QUIT"), "{stdout}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn a_silent_tls_server_hits_the_step_timeout() {
    let port = serve(|mut c| {
        c.send("220 Ready.");
        c.expect("AUTH TLS");
        c.send("234 Go ahead.");
        thread::sleep(Duration::from_secs(8));
    });
    let (out, took) = probe(port, &["--tls", "explicit", "--timeout", "2"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("TLS handshake failed: timed out"), "{stderr}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_server_without_auth_tls_is_told_plainly() {
    let port = serve(|mut c| {
        c.send("220 Ready.");
        c.expect("AUTH TLS");
        c.send("500 AUTH not understood.");
        let _ = c.expect("QUIT");
    });
    let (out, _) = probe(port, &["--tls", "explicit", "--timeout", "3", "--lang", "vi"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.contains("máy chủ từ chối AUTH TLS (“500 AUTH not understood.”)"), "{stderr}");
}

/// The address and port of an EPRT or PORT command.
fn active_target(line: &str) -> std::net::SocketAddr {
    if let Some(rest) = line.strip_prefix("EPRT ") {
        let f: Vec<&str> = rest.split('|').collect();
        format!("{}:{}", f[2], f[3]).parse().unwrap()
    } else {
        let n: Vec<u16> = line["PORT ".len()..].split(',').map(|x| x.parse().unwrap()).collect();
        format!("{}.{}.{}.{}:{}", n[0], n[1], n[2], n[3], n[4] * 256 + n[5]).parse().unwrap()
    }
}

#[test]
fn active_mode_has_the_server_connect_back_and_reports_a_server_that_never_does() {
    let port = serve(|mut c| {
        c.login("220 Test server ready.");
        let eprt = c.expect("EPRT |1|127.0.0.1|");
        c.send("200 EPRT command successful.");
        c.expect("LIST");
        let mut d = TcpStream::connect(active_target(&eprt)).unwrap();
        c.send("150 Opening data connection.");
        d.write_all(LISTING.as_bytes()).unwrap();
        drop(d);
        c.send("226 Done.");
        // PORT accepted, but the server never connects: a firewall in front
        // of the client, as in the lab's e-active-refused.
        let port_line = c.expect("PORT 127,0,0,1,");
        assert_eq!(active_target(&port_line).ip().to_string(), "127.0.0.1");
        c.send("200 PORT command successful.");
        c.expect("LIST");
        c.send("150 Opening data connection.");
        thread::sleep(Duration::from_millis(2500));
        c.send("425 Can't open data connection.");
        let _ = c.expect("QUIT");
    });
    let (out, took) = probe(port, &["--active", "--timeout", "2", "--json"]);
    let lines: Vec<Value> = text(&out).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let probe = &lines[lines.len() - 2]["probe"];
    assert_eq!(probe["tests"][0]["command"], "EPRT");
    assert_eq!(probe["tests"][0]["outcome"], "ok");
    assert_eq!(probe["tests"][0]["bytes"], LISTING.len());
    assert_eq!(probe["tests"][1]["command"], "PORT");
    assert_eq!(probe["tests"][1]["outcome"], "no-connect-back");
    assert!(lines.iter().any(|l| l["text"] == "* Accept timeout occurred while waiting server connect"));
    assert_eq!(lines.last().unwrap()["summary"]["verdict"]["severity"], "danger");
    assert_eq!(out.status.code(), Some(1));
    assert!(took < Duration::from_secs(8), "{took:?}");
}
