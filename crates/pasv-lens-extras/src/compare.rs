//! 227 vs 229 side by side: the same server address and port encoded both
//! ways by `pasv_core::encode`, each form decoded and analysed again by the
//! core in the same context, showing where the client connects and whether
//! it works behind NAT and over IPv6. Nothing here parses or judges by itself.
use pasv_core::{
    analyse, decode, encode, finding_message, finding_summary_len, kind_msg, render, Arg, Command, Context, Explained, ExtrasMsg, Family,
    Finding, FindingId, Kind, Lang, Msg, Severity, SocketTarget,
};
use yew::prelude::*;

/// Props: the core's analysis of the line.
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The analysis.
    pub explained: Explained,
    /// Display language.
    pub lang: Lang,
}

/// Findings that say whether the announced address works through NAT.
const NAT_FINDINGS: [FindingId; 6] = [
    FindingId::NatUnroutableAddress,
    FindingId::PrivateNetworkMismatch,
    FindingId::AddressMismatch,
    FindingId::UnspecifiedAddress,
    FindingId::NotUnicast,
    FindingId::ReservedAddress,
];

/// What the column says of a finding: the card above already shows the
/// same finding in full, so it points there; otherwise its first sentence.
fn mention(lang: Lang, f: &Finding, ex: &Explained, line: &str, card: &[FindingId]) -> String {
    if card.contains(&f.id) {
        return render(lang, ExtrasMsg::CompareSeeFinding, &[]);
    }
    let message = finding_message(lang, f, ex, line);
    let n = finding_summary_len(lang, f, ex, line);
    message.get(..n).unwrap_or(&message).to_owned()
}

/// One column: the form, its analysis and the verdicts. `card` lists the
/// findings the card above shows.
fn column(lang: Lang, kind: Kind, line: &str, context: Context, card: &[FindingId]) -> Html {
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let ex = analyse(&decode(line), &context);
    // Where the reply sends the client: the address it names (227), or the
    // control connection's (229); a careful client may go elsewhere.
    let named = ex.decoded.ip.zip(ex.decoded.port).map(|(ip, port)| SocketTarget { ip, port });
    let target = named.or(ex.connect_to);
    let connect = target.map_or_else(|| render(lang, Msg::UiConnectToUnknown, &[]), |c| c.to_string());
    let careful =
        ex.connect_to.filter(|c| Some(*c) != target).map(|c| render(lang, ExtrasMsg::CompareCareful, &[Arg { name: "target", value: &c }]));
    let nat: Vec<_> = ex.findings.iter().filter(|f| NAT_FINDINGS.contains(&f.id) && f.severity >= Severity::Warning).collect();
    let (nat_class, nat_verdict) = match nat.iter().map(|f| f.severity).max() {
        Some(Severity::Danger) => ("cmp-bad", t(ExtrasMsg::CompareFails)),
        Some(_) => ("cmp-warn", t(ExtrasMsg::CompareMayFail)),
        None => ("cmp-good", t(ExtrasMsg::CompareWorks)),
    };
    let mut nat_why: Vec<String> = nat.iter().map(|f| mention(lang, f, &ex, line, card)).collect();
    if nat_why.is_empty() {
        nat_why.push(t(if kind == Kind::Epsv { ExtrasMsg::CompareWhy229Nat } else { ExtrasMsg::CompareWhy227Ok }));
    }
    let ipv6 = kind.supports(Family::Ipv6);
    let mut ipv6_why = vec![t(if ipv6 { ExtrasMsg::CompareWhy229Ipv6 } else { ExtrasMsg::CompareWhy227Ipv6 })];
    if let Some(f) = ex.findings.iter().find(|f| f.id == FindingId::FamilyMismatch) {
        ipv6_why.push(mention(lang, f, &ex, line, card));
    }
    let para = |s: &String| html! { <p>{ s.clone() }</p> };
    html! {
        <section class="cmp-col">
            <h4 class="cmp-title">{ render(lang, kind_msg(kind), &[]) }</h4>
            <code class="cmp-line">{ line.to_owned() }</code>
            <dl class="cmp-facts">
                <dt>{ t(ExtrasMsg::CompareSendsTo) }</dt>
                <dd>
                    <code>{ connect }</code>
                    if let Some(careful) = careful {
                        <p>{ careful }</p>
                    }
                </dd>
                <dt>{ t(ExtrasMsg::CompareNat) }</dt>
                <dd><strong class={nat_class}>{ nat_verdict }</strong>{ for nat_why.iter().map(para) }</dd>
                <dt>{ t(ExtrasMsg::CompareIpv6) }</dt>
                <dd>
                    <strong class={if ipv6 { "cmp-good" } else { "cmp-bad" }}>
                        { t(if ipv6 { ExtrasMsg::CompareIpv6Yes } else { ExtrasMsg::CompareIpv6No }) }
                    </strong>
                    { for ipv6_why.iter().map(para) }
                </dd>
            </dl>
        </section>
    }
}

/// The tab.
#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let e = &props.explained;
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let d = &e.decoded;
    let intro = html! { <p class="cmp-intro">{ t(ExtrasMsg::CompareIntro) }</p> };
    let Some(port) = d.port.filter(|_| d.is_ok() && d.kind != Kind::Other) else {
        return html! { <div class="cmp">{ intro }<p>{ t(ExtrasMsg::DiagramNothing) }</p></div> };
    };
    // The address-family table is under the card's "Details".
    let card: Vec<FindingId> = e.findings.iter().map(|f| f.id).collect();
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    // For PORT/EPRT/LPRT the control IP is the client's, not a server's.
    let control = if active { None } else { e.context.control_ip };
    let Some(ip) = (if d.kind == Kind::Epsv { control } else { d.ip }) else {
        return html! { <div class="cmp">{ intro }<p class="cmp-need">{ t(ExtrasMsg::CompareNeedControl) }</p></div> };
    };
    let encoded = encode(SocketTarget { ip, port });
    let left = match &encoded.pasv {
        Some(line) => column(lang, Kind::Pasv, line, Context { control_ip: control, sent: Some(Command::Pasv) }, &card),
        None => html! {
            <section class="cmp-col">
                <h4 class="cmp-title">{ render(lang, kind_msg(Kind::Pasv), &[]) }</h4>
                <p><strong class="cmp-bad">{ t(ExtrasMsg::CompareIpv6No) }</strong></p>
                <p>{ render(lang, ExtrasMsg::CompareNo227, &[Arg { name: "address", value: &ip }]) }</p>
                <p>{ t(ExtrasMsg::CompareWhy227Ipv6) }</p>
            </section>
        },
    };
    // The 229 reuses the control address; without one, the encoded address stands in for it.
    let epsv_control = control.or(Some(ip));
    let right = column(lang, Kind::Epsv, &encoded.epsv, Context { control_ip: epsv_control, sent: Some(Command::Epsv) }, &card);
    html! {
        <div class="cmp">
            { intro }
            if active {
                <p class="cmp-note">{ t(ExtrasMsg::CompareActiveNote) }</p>
            }
            <div class="cmp-grid">{ left }{ right }</div>
        </div>
    }
}
