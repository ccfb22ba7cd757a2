//! The output paths of `pasv-lens decode` on many replies: line numbers
//! counted as the reports go, and a reader that stops early (`| head`).
use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn replies(n: usize) -> String {
    // One blank line every 7 replies, so line numbers and reply numbers differ.
    (0..n)
        .map(|i| {
            let blank = if i % 7 == 6 { "\n" } else { "" };
            format!("227 Entering Passive Mode (198,51,100,7,{},{}).\n{blank}", i / 256 % 256 + 1, i % 256)
        })
        .collect()
}

#[test]
fn human_output_numbers_every_line_of_standard_input() {
    let input = replies(50);
    let out = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .arg("decode")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let numbers: Vec<usize> =
        text.lines().filter_map(|l| l.strip_prefix("227 reply to PASV (passive mode) (line ")?.strip_suffix(')')?.parse().ok()).collect();
    // Where each reply really is.
    let expected: Vec<usize> = input.lines().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, _)| i + 1).collect();
    assert_eq!(numbers, expected);
    // Class labels keep their own parentheses, without a second pair around them.
    assert!(text.contains("  Address: 198.51.100.7, documentation (example)\n"), "{text}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // Far more output than a pipe holds, so writing goes on after the reader is gone.
    let input = replies(20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pasv-lens"))
        .arg("decode")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // and drop it, as head does
    writer.join().unwrap().unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no message on a closed pipe");
    assert_eq!(out.status.code(), Some(141), "128 + SIGPIPE, as a shell reports it for Unix tools");
    assert!(first.starts_with(b"227 reply to PASV"));
}
