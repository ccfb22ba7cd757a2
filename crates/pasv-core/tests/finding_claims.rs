//! What a finding's message says named clients do with a reply is what the
//! client emulations (`pasv_core::clients`, written from each client's
//! source) predict for that reply. The messages name clients per address
//! class; each table row is one class and the clients the message names.
use std::net::IpAddr;

use pasv_core::clients::{predict, Client, Outcome, Target};
use pasv_core::{analyse, decode, finding_message, Context, FindingId, Lang, SocketTarget};

const PUBLIC_CONTROL: &str = "203.0.113.10";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn reply(address: &str) -> String {
    format!("227 Entering Passive Mode ({},156,64).", address.replace('.', ","))
}

/// Where `client` connects for the 227 naming `address`, or `None` when it
/// does not connect.
fn target(client: Client, address: &str, control: &str) -> Option<SocketTarget> {
    match predict(client, &reply(address), Some(ip(control))).outcome {
        Outcome::Connects { to: Target::At(t), .. } => Some(t),
        _ => None,
    }
}

/// The finding `analyse` raises for the reply, with its English message.
fn finding_for(address: &str, control: &str, id: FindingId) -> String {
    let ctx = Context { control_ip: Some(ip(control)), sent: None };
    let line = reply(address);
    let explained = analyse(&decode(&line), &ctx);
    let f = explained.findings.iter().find(|f| f.id == id);
    let f = f.unwrap_or_else(|| panic!("{address} with control {control}: no {id:?} in {:?}", explained.findings));
    finding_message(Lang::En, f, &explained, &line)
}

fn assert_connects_to(clients: &[Client], address: &str, control: &str, to: &str) {
    for &client in clients {
        let expected = SocketTarget { ip: ip(to), port: 40000 };
        assert_eq!(target(client, address, control), Some(expected), "{client:?} for {address} (control {control})");
    }
}

const REPLACE_ALWAYS: [Client; 3] = [Client::CurlDefault, Client::Ftplib, Client::CommonsNet];
const REPLACE_RFC1918_LOOPBACK_LINK_LOCAL: [Client; 2] = [Client::FileZilla, Client::Lftp];

#[test]
fn nat_unroutable_address_names_who_connects_to_the_control_address() {
    let message = finding_for("10.0.0.12", PUBLIC_CONTROL, FindingId::NatUnroutableAddress);
    assert!(
        message.contains("curl (by default), Python's ftplib and Apache Commons Net")
            && message.contains("FileZilla and lftp for a private (RFC 1918), loopback or link-local address"),
        "{message}"
    );
    // (address, whether FileZilla and lftp replace it, as the message says)
    let table = [
        ("10.0.0.12", true),
        ("172.16.5.4", true),
        ("192.168.1.2", true),
        ("127.0.0.1", true),
        ("127.0.0.2", true),
        ("169.254.1.1", true),
        ("100.64.0.1", false),
        ("198.18.0.1", false),
    ];
    for (address, rfc1918_like) in table {
        finding_for(address, PUBLIC_CONTROL, FindingId::NatUnroutableAddress);
        assert_connects_to(&REPLACE_ALWAYS, address, PUBLIC_CONTROL, PUBLIC_CONTROL);
        let to = if rfc1918_like { PUBLIC_CONTROL } else { address };
        assert_connects_to(&REPLACE_RFC1918_LOOPBACK_LINK_LOCAL, address, PUBLIC_CONTROL, to);
    }
}

#[test]
fn private_network_mismatch_names_who_trusts_the_reply() {
    let message = finding_for("192.168.1.2", "10.1.1.1", FindingId::PrivateNetworkMismatch);
    assert!(message.contains("When both are private (RFC 1918) addresses, FileZilla, lftp and jlaffaye/ftp trust it"), "{message}");
    for (address, control) in [("192.168.1.2", "10.1.1.1"), ("10.0.0.12", "172.16.0.1"), ("172.20.0.2", "192.168.0.10")] {
        assert_connects_to(&[Client::FileZilla, Client::Lftp, Client::Jlaffaye], address, control, address);
        assert_connects_to(&REPLACE_ALWAYS, address, control, control);
    }
}

#[test]
fn not_unicast_names_who_replaces_the_address() {
    let message = finding_for("224.0.0.1", PUBLIC_CONTROL, FindingId::NotUnicast);
    assert!(message.contains("lftp replaces it") && message.contains("jlaffaye/ftp when it is multicast"), "{message}");
    assert_connects_to(&[Client::Lftp, Client::Jlaffaye], "224.0.0.1", PUBLIC_CONTROL, PUBLIC_CONTROL);
    assert_connects_to(&[Client::Lftp], "255.255.255.255", PUBLIC_CONTROL, PUBLIC_CONTROL);
    // Why the message limits jlaffaye/ftp to multicast.
    assert_connects_to(&[Client::Jlaffaye], "255.255.255.255", PUBLIC_CONTROL, "255.255.255.255");
}

#[test]
fn unspecified_address_names_who_replaces_it() {
    let message = finding_for("0.0.0.0", PUBLIC_CONTROL, FindingId::UnspecifiedAddress);
    assert!(message.contains("Commons Net, FileZilla and lftp connect to the control connection's address"), "{message}");
    assert_connects_to(&[Client::CommonsNet, Client::FileZilla, Client::Lftp], "0.0.0.0", PUBLIC_CONTROL, PUBLIC_CONTROL);
}
