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

/// The finding `analyse` raises for a whole reply line, with its English message.
fn message_for_line(line: &str, id: FindingId) -> String {
    let explained = analyse(&decode(line), &Context::default());
    let f = explained.findings.iter().find(|f| f.id == id);
    let f = f.unwrap_or_else(|| panic!("{line:?}: no {id:?} in {:?}", explained.findings));
    finding_message(Lang::En, f, &explained, line)
}

fn accepts(client: Client, line: &str) -> bool {
    match predict(client, line, Some(ip(PUBLIC_CONTROL))).outcome {
        Outcome::Connects { .. } | Outcome::Dials { .. } | Outcome::Expects { .. } => true,
        Outcome::Shows { ip, .. } => ip.is_some(),
        _ => false,
    }
}

const REJECT_SPACES: [Client; 4] = [Client::CurlDefault, Client::Ftplib, Client::FileZilla, Client::Netfilter];

#[test]
fn spaces_in_list_says_which_spaces_sscanf_readers_accept() {
    // After a comma: glibc sscanf's %d/%u skip leading whitespace.
    let after = "227 Entering Passive Mode (198, 51, 100, 7, 156, 64)";
    let message = message_for_line(after, FindingId::SpacesInList);
    assert!(message.contains("spaces after the commas") && message.contains("Wireshark and lftp accept them"), "{message}");
    for client in [Client::Wireshark, Client::Lftp] {
        assert!(accepts(client, after), "{client:?} should accept {after}");
    }
    // Before a comma: the literal ',' in the format does not match a space.
    for before in ["227 Entering Passive Mode (198 ,51,100,7,156,64)", "227 Entering Passive Mode (198,51,100,7 ,156,64)"] {
        let message = message_for_line(before, FindingId::SpacesInList);
        assert!(message.contains("space before a comma") && message.contains("they find no address"), "{message}");
        for client in [Client::Wireshark, Client::Lftp] {
            assert!(!accepts(client, before), "{client:?} should fail on {before}");
        }
        for client in REJECT_SPACES {
            assert!(!accepts(client, before), "{client:?} should reject {before}");
        }
    }
    for client in REJECT_SPACES {
        assert!(!accepts(client, after), "{client:?} should reject {after}");
    }
}

#[test]
fn address_not_on_final_line_names_who_reads_which_line() {
    let first = "227-Entering Passive Mode (198,51,100,7,156,64)\r\n227 OK";
    let middle = "227-Hello\r\n227-Entering Passive Mode (198,51,100,7,156,64)\r\n227 OK";
    let message = message_for_line(middle, FindingId::AddressNotOnFinalLine);
    assert!(
        message.contains("ftplib and jlaffaye/ftp find it on any line")
            && message.contains("Commons Net reads only the first line")
            && message.contains("curl, lftp and FileZilla read only the final line and fail"),
        "{message}"
    );
    for line in [first, middle] {
        for client in [Client::Ftplib, Client::Jlaffaye] {
            assert!(accepts(client, line), "{client:?} on {line:?}");
        }
        for client in [Client::CurlDefault, Client::Lftp, Client::FileZilla] {
            assert!(!accepts(client, line), "{client:?} on {line:?}");
        }
    }
    // Commons Net parses `_replyLines.get(0)`: the first line only.
    assert!(accepts(Client::CommonsNet, first));
    assert!(!accepts(Client::CommonsNet, middle));
}

#[test]
fn commons_net_229_without_parentheses_throws() {
    let p = predict(Client::CommonsNet, "229 Entering Extended Passive Mode |||50000|", Some(ip("2001:db8::1")));
    assert_eq!(p.outcome, Outcome::Throws { says: "StringIndexOutOfBoundsException" });
    let message = message_for_line("229 Entering Extended Passive Mode |||50000|", FindingId::EpsvMissingParentheses);
    assert!(message.contains("Commons Net look for “(” and fail"), "{message}");
}

#[test]
fn commons_net_before_3_9_is_a_caveat_per_address() {
    use pasv_core::clients::Caveat;
    let caveat = |address: &str, control: &str| predict(Client::CommonsNet, &reply(address), Some(ip(control))).caveat;
    // RFC 1918 with a public control address: 3.0 to 3.8.0 replace it too, so no caveat.
    assert_eq!(caveat("10.0.0.12", PUBLIC_CONTROL), None);
    // Not site-local (loopback, shared, public): those releases trusted the reply.
    for address in ["127.0.0.1", "100.64.0.1", "198.51.100.7"] {
        let expected = Target::At(SocketTarget { ip: ip(address), port: 40000 });
        assert_eq!(caveat(address, PUBLIC_CONTROL), Some(Caveat::CommonsNetBefore390 { to: expected }), "{address}");
    }
    // RFC 1918 on both sides: trusted by those releases.
    let expected = Target::At(SocketTarget { ip: ip("10.0.0.12"), port: 40000 });
    assert_eq!(caveat("10.0.0.12", "192.168.1.1"), Some(Caveat::CommonsNetBefore390 { to: expected }));
    // 0,0,0,0 was always replaced by the control address.
    assert_eq!(caveat("0.0.0.0", PUBLIC_CONTROL), None);
    let text = pasv_core::clients::describe(Lang::En, &predict(Client::CommonsNet, &reply("127.0.0.1"), Some(ip(PUBLIC_CONTROL))), None);
    assert!(text.notes.iter().any(|n| n.starts_with("Releases 3.0 to 3.8.0 connect to 127.0.0.1:40000 instead")), "{text:?}");
}

#[test]
fn privileged_port_is_about_active_mode_only() {
    for line in ["227 Entering Passive Mode (198,51,100,7,0,21)", "229 Entering Extended Passive Mode (|||21|)"] {
        let explained = analyse(&decode(line), &Context::default());
        assert!(explained.findings.iter().all(|f| f.id != FindingId::PrivilegedPort), "{line}");
    }
    let message = message_for_line("PORT 198,51,100,7,0,21", FindingId::PrivilegedPort);
    assert!(message.contains("RFC 2577 §3") && message.contains("port_promiscuous"), "{message}");
}
