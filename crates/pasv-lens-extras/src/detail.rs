//! What a finding's expanders show once opened (the page's first load
//! carries only their titles): "What clients do", grouped from
//! `pasv_core::clients::predict`; "How to fix", one tab per server with the
//! core's fix text and a configuration snippet to copy; and, under the
//! card's "Details", the address-family table.
use std::net::IpAddr;

use pasv_core::clients::{predict, Client, Outcome};
use pasv_core::log::{Fix, FixIssue, ServerSoftware};
use pasv_core::{render, Arg, Command, ExtrasMsg, Family, Lang, LogMsg};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::card_extras::key_target;
use crate::clients_table::{name, outcome_class};

/// Which expander.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// "What clients do".
    Clients,
    /// "How to fix".
    Fix,
    /// The address-family table under "Details".
    Family,
}

impl What {
    /// From the page's `data-more` attribute.
    pub fn from_name(name: &str) -> Option<What> {
        match name {
            "clients" => Some(What::Clients),
            "fix" => Some(What::Fix),
            "family" => Some(What::Family),
            _ => None,
        }
    }
}

/// Props: the expander, the finding it belongs to, and the card's line and context.
#[derive(Properties, PartialEq, Clone)]
pub struct DetailProps {
    /// Which expander.
    pub what: What,
    /// The finding's id (`nat-unroutable-address`…), empty for "Details".
    pub finding: String,
    /// The reply or command.
    pub line: String,
    /// The control IP, when known.
    pub control: Option<IpAddr>,
    /// The command sent, when known.
    pub sent: Option<Command>,
    /// Display language.
    pub lang: Lang,
}

/// An expander's content.
#[function_component(Detail)]
pub fn detail(props: &DetailProps) -> Html {
    match props.what {
        What::Clients => clients(props),
        What::Fix => html! { <FixTabs finding={props.finding.clone()} control={props.control} lang={props.lang} /> },
        What::Family => {
            let decoded = pasv_core::decode(&props.line);
            crate::compat::compat_table(decoded.kind, props.control.as_ref().map(Family::of), props.lang)
        }
    }
}

/// Clients grouped by what happens: connect, fail, something else. The
/// per-client sentences and sources stay in the "More" panel's table, so the
/// two never say the same thing twice.
fn clients(props: &DetailProps) -> Html {
    let lang = props.lang;
    let control = props.control;
    let mut groups: [Vec<String>; 3] = Default::default();
    // Firewalls and analysers are not clients: the table has them.
    for &client in Client::ALL.iter().filter(|c| !matches!(c, Client::Netfilter | Client::Wireshark)) {
        let p = predict(client, &props.line, control);
        if p.outcome == Outcome::NotApplicable {
            continue;
        }
        let group = match (p.unreachable_target(control).is_some(), outcome_class(&p.outcome)) {
            (true, _) | (_, "clients-bad") => 1,
            (_, "clients-ok") => 0,
            _ => 2,
        };
        groups[group].push(render(lang, name(client), &[]));
    }
    if groups.iter().all(Vec::is_empty) {
        return html! { <p class="clients-na">{ render(lang, ExtrasMsg::ClientsNotApplicable, &[]) }</p> };
    }
    let rows = [(ExtrasMsg::DetailClientsConnect, "✓", "clients-ok"), (ExtrasMsg::DetailClientsFail, "✗", "clients-bad"), (
        ExtrasMsg::DetailClientsOther,
        "↻",
        "clients-warn",
    )]
    .into_iter()
    .zip(groups)
    .filter(|(_, names)| !names.is_empty())
    .map(|((msg, icon, class), names)| {
        let names = names.join(", ");
        html! { <li class={class}><span class="icon" aria-hidden="true">{ icon }</span>{ render(lang, msg, &[Arg { name: "clients", value: &names }]) }</li> }
    });
    let tab = crate::labels::clients(lang);
    html! {
        <div class="detail-clients">
            <ul class="client-groups">{ for rows }</ul>
            <p class="help">{ render(lang, ExtrasMsg::DetailClientsMore, &[Arg { name: "tab", value: &tab }]) }</p>
        </div>
    }
}

/// The servers with a tab, in the order the page lists them.
const SERVERS: [ServerSoftware; 5] =
    [ServerSoftware::Vsftpd, ServerSoftware::Proftpd, ServerSoftware::PureFtpd, ServerSoftware::Iis, ServerSoftware::FilezillaServer];

/// A tab's label: the product's short name.
fn tab_name(server: ServerSoftware) -> &'static str {
    match server {
        ServerSoftware::Iis => "IIS",
        other => other.name(),
    }
}

/// The fix a finding calls for: announce another address, or only a port range.
pub fn issue(finding: &str) -> FixIssue {
    match finding {
        "cannot-open-data-connection" | "sip-alg-port" => FixIssue::Ports,
        _ => FixIssue::Nat,
    }
}

/// The configuration to paste, with where it goes, and the documentation
/// it follows (besides the fix's own citation). FileZilla Server has none:
/// its settings live in its interface.
fn snippet(
    server: ServerSoftware,
    issue: FixIssue,
    address: &str,
    (min, max): (u16, u16),
) -> Option<(ExtrasMsg, Option<&'static str>, String)> {
    let nat = issue == FixIssue::Nat;
    let with = |line: String| if nat { line } else { String::new() };
    match server {
        // vsftpd.conf(5): pasv_address, pasv_min_port, pasv_max_port.
        ServerSoftware::Vsftpd => Some((
            ExtrasMsg::DetailFixFile,
            Some("/etc/vsftpd.conf"),
            format!("{}pasv_min_port={min}\npasv_max_port={max}", with(format!("pasv_address={address}\n"))),
        )),
        // ProFTPD NAT howto: MasqueradeAddress, PassivePorts.
        ServerSoftware::Proftpd => Some((
            ExtrasMsg::DetailFixFile,
            Some("proftpd.conf"),
            format!("{}PassivePorts {min} {max}", with(format!("MasqueradeAddress {address}\n"))),
        )),
        // Pure-FTPd README: -P (ForcePassiveIP), -p first:last (PassivePortRange).
        ServerSoftware::PureFtpd => {
            Some((ExtrasMsg::DetailFixCommand, None, format!("pure-ftpd {}-p {min}:{max}", with(format!("-P {address} ")))))
        }
        // IIS configuration reference: system.ftpServer/firewallSupport
        // (lowDataChannelPort, highDataChannelPort) and the sites' ftpServer
        // firewallSupport externalIp4Address, each with its appcmd example.
        ServerSoftware::Iis => {
            let appcmd = r"%windir%\system32\inetsrv\appcmd.exe set config";
            let ports = format!(
                "{appcmd} -section:system.ftpServer/firewallSupport /lowDataChannelPort:{min} /highDataChannelPort:{max} /commit:apphost"
            );
            let ip = with(format!(
                "\n{appcmd} -section:system.applicationHost/sites /siteDefaults.ftpServer.firewallSupport.externalIp4Address:\"{address}\" /commit:apphost"
            ));
            Some((ExtrasMsg::DetailFixIis, None, format!("{ports}{ip}")))
        }
        _ => None,
    }
}

/// Props of the fix tabs.
#[derive(Properties, PartialEq)]
pub struct FixProps {
    /// The finding's id.
    pub finding: String,
    /// The control IP: the address to announce.
    pub control: Option<IpAddr>,
    /// Display language.
    pub lang: Lang,
}

/// "How to fix": a tab per server (WAI-ARIA tabs: arrows, Home, End).
#[function_component(FixTabs)]
pub fn fix_tabs(props: &FixProps) -> Html {
    let lang = props.lang;
    let tab = use_state(|| 0usize);
    let copied = use_state(|| None::<bool>);
    let uid = *use_state(crate::card_extras::next_id);
    let tablist = use_node_ref();
    let issue = issue(&props.finding);
    let address = props.control.map_or_else(|| render(lang, LogMsg::UiPublicAddress, &[]), |ip| ip.to_string());
    let current = (*tab).min(SERVERS.len() - 1);
    let select = {
        let (tab, copied) = (tab.clone(), copied.clone());
        move |index: usize| {
            tab.set(index);
            copied.set(None);
        }
    };
    let onkeydown = {
        let tablist = tablist.clone();
        let select = select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(next) = key_target(&e.key(), current, SERVERS.len()) else { return };
            e.prevent_default();
            select(next);
            let button = tablist.cast::<Element>().and_then(|l| l.query_selector(&format!("#pl-fix-{uid}-{next}")).ok().flatten());
            if let Some(button) = button.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                let _ = button.focus();
            }
        })
    };
    let buttons = SERVERS.iter().enumerate().map(|(i, server)| {
        let selected = i == current;
        let onclick = {
            let select = select.clone();
            Callback::from(move |_| select(i))
        };
        html! {
            <button type="button" role="tab" id={format!("pl-fix-{uid}-{i}")} aria-selected={selected.to_string()}
                aria-controls={format!("pl-fixpanel-{uid}")} tabindex={if selected { "0" } else { "-1" }} class="extras-tab" {onclick}>
                { tab_name(*server) }
            </button>
        }
    });
    let server = SERVERS[current];
    let fix = Fix { issue, server: Some(server), ports: None };
    let (min, max) = fix.range();
    let (min_s, max_s, end) = (min.to_string(), max.to_string(), (u32::from(max) + 1).to_string());
    let args = [
        Arg { name: "address", value: &address },
        Arg { name: "min", value: &min_s },
        Arg { name: "max", value: &max_s },
        Arg { name: "end", value: &end },
    ];
    let text = render(lang, fix.msg(), &args);
    let citation = fix.citation();
    let code = snippet(server, issue, &address, (min, max)).map(|(intro, file, code)| {
        let onclick = {
            let (copied, code) = (copied.clone(), code.clone());
            Callback::from(move |_| {
                let (copied, code) = (copied.clone(), code.clone());
                wasm_bindgen_futures::spawn_local(async move { copied.set(Some(pasv_lens_ui::browser::copy_text(code).await)) });
            })
        };
        let status = match *copied {
            Some(true) => render(lang, ExtrasMsg::DetailCopiedSnippet, &[]),
            Some(false) => render(lang, pasv_core::Msg::UiCopyTextFailed, &[]),
            None => String::new(),
        };
        html! {
            <>
                <p class="snippet-intro">{ render(lang, intro, &[Arg { name: "file", value: &file.unwrap_or_default() }]) }</p>
                <div class="snippet">
                    <pre><code>{ code }</code></pre>
                    <button type="button" class="copy copy-snippet" {onclick}>{ render(lang, ExtrasMsg::DetailCopySnippet, &[]) }</button>
                    <span class="copy-status" role="status">{ status }</span>
                </div>
            </>
        }
    });
    let code = code.unwrap_or_else(|| html! { <p class="snippet-intro">{ render(lang, ExtrasMsg::DetailFixFilezilla, &[]) }</p> });
    html! {
        <div class="fix-tabs">
            <div role="tablist" class="extras-tabs" aria-label={render(lang, ExtrasMsg::DetailFixServers, &[])} ref={tablist} {onkeydown}>
                { for buttons }
            </div>
            <div role="tabpanel" class="extras-panel fix-panel" id={format!("pl-fixpanel-{uid}")} aria-labelledby={format!("pl-fix-{uid}-{current}")}>
                <p class="fix-text">{ text }</p>
                { code }
                <p class="citation">{ render(lang, pasv_core::Msg::UiSource, &[]) }{ ": " }
                    <a href={citation.url} rel="noopener noreferrer" target="_blank">{ citation.label }</a>
                    if server == ServerSoftware::Iis && issue == FixIssue::Nat {
                        { ", " }<a href={IIS_SITE_FIREWALL} rel="noopener noreferrer" target="_blank">{ "IIS <siteDefaults> <ftpServer> <firewallSupport>" }</a>
                    }
                </p>
            </div>
        </div>
    }
}

/// The site-level setting that holds the external address IIS announces.
const IIS_SITE_FIREWALL: &str =
    "https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/ftpserver/firewallsupport";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_name_the_documented_settings() {
        let nat = |s| snippet(s, FixIssue::Nat, "203.0.113.10", (40000, 40100)).map(|(_, _, code)| code);
        assert_eq!(nat(ServerSoftware::Vsftpd).unwrap(), "pasv_address=203.0.113.10\npasv_min_port=40000\npasv_max_port=40100");
        assert_eq!(nat(ServerSoftware::Proftpd).unwrap(), "MasqueradeAddress 203.0.113.10\nPassivePorts 40000 40100");
        assert_eq!(nat(ServerSoftware::PureFtpd).unwrap(), "pure-ftpd -P 203.0.113.10 -p 40000:40100");
        let iis = nat(ServerSoftware::Iis).unwrap();
        assert!(iis.contains("/lowDataChannelPort:40000 /highDataChannelPort:40100"), "{iis}");
        assert!(iis.contains("firewallSupport.externalIp4Address:\"203.0.113.10\""), "{iis}");
        assert_eq!(nat(ServerSoftware::FilezillaServer), None);
        // A port-range fix announces no address.
        let ports = snippet(ServerSoftware::Vsftpd, FixIssue::Ports, "203.0.113.10", (40000, 40100)).unwrap().2;
        assert_eq!(ports, "pasv_min_port=40000\npasv_max_port=40100");
        let iis = snippet(ServerSoftware::Iis, FixIssue::Ports, "203.0.113.10", (50000, 50100)).unwrap().2;
        assert!(!iis.contains("externalIp4Address"), "{iis}");
    }

    #[test]
    fn port_findings_call_for_a_port_range_only() {
        assert_eq!(issue("cannot-open-data-connection"), FixIssue::Ports);
        assert_eq!(issue("sip-alg-port"), FixIssue::Ports);
        assert_eq!(issue("nat-unroutable-address"), FixIssue::Nat);
    }
}
