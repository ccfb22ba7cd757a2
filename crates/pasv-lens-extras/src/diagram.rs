//! A picture of the connection, drawn from the core's analysis: client,
//! NAT/firewall and server, the control connection and the data connection
//! with their addresses and ports, and the data connection drawn as failing
//! (dashed, red, crossed, with a short reason) when a finding says it cannot
//! work. Inline SVG with a viewBox (scales to the card), colours from CSS
//! classes (`static/style.css`, section "Connection diagram").
use pasv_core::{render, Arg, Explained, ExtrasMsg, FindingId, Kind, Lang, Severity, SocketTarget};
use yew::prelude::*;

/// Props: the core's analysis of the line.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The analysis.
    pub explained: Explained,
    /// Display language.
    pub lang: Lang,
}

/// How the data connection fares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tone {
    /// Nothing says it fails.
    Ok,
    /// It fails for some clients or networks.
    Warn,
    /// It cannot work.
    Fail,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Ok => "dg-ok",
            Tone::Warn => "dg-warn",
            Tone::Fail => "dg-fail",
        }
    }
}

/// Findings about where the data connection goes (the others concern the text).
const DATA_PATH: [FindingId; 9] = [
    FindingId::NatUnroutableAddress,
    FindingId::PrivateNetworkMismatch,
    FindingId::FamilyMismatch,
    FindingId::NotUnicast,
    FindingId::ReservedAddress,
    FindingId::ReplyCommandMismatch,
    FindingId::BounceRisk,
    FindingId::UnspecifiedAddress,
    FindingId::AddressMismatch,
];

/// The short reason shown on the arrow.
fn reason(id: FindingId) -> ExtrasMsg {
    match id {
        FindingId::NatUnroutableAddress => ExtrasMsg::DiagramReasonNat,
        FindingId::FamilyMismatch => ExtrasMsg::DiagramReasonFamily,
        FindingId::NotUnicast => ExtrasMsg::DiagramReasonNotUnicast,
        FindingId::ReservedAddress => ExtrasMsg::DiagramReasonReserved,
        FindingId::PrivateNetworkMismatch => ExtrasMsg::DiagramReasonPrivateNetwork,
        FindingId::ReplyCommandMismatch => ExtrasMsg::DiagramReasonMismatch,
        FindingId::BounceRisk => ExtrasMsg::DiagramReasonBounce,
        FindingId::UnspecifiedAddress => ExtrasMsg::DiagramReasonUnspecified,
        FindingId::AddressMismatch => ExtrasMsg::DiagramReasonAddressMismatch,
        _ => ExtrasMsg::DiagramReasonOther,
    }
}

/// The verdict on the data connection, from the findings (most severe first):
/// any `danger` finding fails it; a `warning` about the data path makes it doubtful.
pub fn verdict(explained: &Explained) -> (Tone, Option<ExtrasMsg>) {
    if let Some(f) = explained.findings.iter().find(|f| f.severity == Severity::Danger) {
        return (Tone::Fail, Some(reason(f.id)));
    }
    match explained.findings.iter().find(|f| f.severity == Severity::Warning && DATA_PATH.contains(&f.id)) {
        Some(f) => (Tone::Warn, Some(reason(f.id))),
        None => (Tone::Ok, None),
    }
}

/// Arrowhead pointing right (`dir` = 1) or left (`dir` = -1) with its tip at (x, y).
fn head(x: i32, y: i32, dir: i32, class: &'static str) -> Html {
    let points = format!("{x},{y} {},{} {},{}", x - 10 * dir, y - 6, x - 10 * dir, y + 6);
    html! { <polygon class={classes!("dg-head", class)} {points} /> }
}

/// The widest a label may be: the viewBox's 320 units less room for the halo.
/// A whole number: formatting a float would add Rust's float printing (about
/// 15 KB) to the module.
const MAX_LABEL: u16 = 308;

/// A text label with a halo so it stays readable over lines. A label that may
/// be wider than the picture (a long IPv6 address and its port, a long reason)
/// is fitted to [`MAX_LABEL`] with `textLength`: the estimate below errs on the
/// wide side (font size from `static/extras.css` × a generous average
/// advance), and `textLength` then makes the rendered width exact whatever
/// the font, so the port at the end is never cut off.
fn label(x: i32, y: i32, class: &'static str, text: String) -> Html {
    let (size, advance) = match class {
        "dg-addr" => (11.5, 0.65),
        "dg-why" => (11.5, 0.6),
        _ => (12.0, 0.62),
    };
    let estimate = text.chars().count() as f64 * size * advance;
    let fit = (estimate > f64::from(MAX_LABEL)).then(|| MAX_LABEL.to_string());
    let adjust = fit.as_ref().map(|_| "spacingAndGlyphs");
    html! {
        <text x={x.to_string()} y={y.to_string()} text-anchor="middle" class={classes!("dg-label", class)}
            textLength={fit} lengthAdjust={adjust}>{ text }</text>
    }
}

/// The tab.
#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let e = &props.explained;
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let d = &e.decoded;
    let Some(port) = d.port.filter(|_| d.is_ok() && d.kind != Kind::Other) else {
        return html! { <p class="dg-none">{ t(ExtrasMsg::DiagramNothing) }</p> };
    };
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let unknown = t(ExtrasMsg::DiagramUnknownIp);
    // For PORT/EPRT/LPRT the control IP is the client's; the server's is unknown.
    let control = match (active, e.context.control_ip) {
        (false, Some(ip)) => SocketTarget { ip, port: 21 }.to_string(),
        _ => format!("{unknown}:21"),
    };
    // The announced target (for 229: the control address, the only one there is).
    let announced = match (d.kind, d.ip, e.connect_to) {
        (Kind::Epsv, _, Some(target)) => target.to_string(),
        (Kind::Epsv, _, None) => format!("{unknown}:{port}"),
        (_, Some(ip), _) => SocketTarget { ip, port }.to_string(),
        (_, None, _) => format!("{unknown}:{port}"),
    };
    let (tone, why) = verdict(e);
    let why_text = why.map(t).unwrap_or_default();
    let verdict_text = match tone {
        Tone::Ok => t(ExtrasMsg::DiagramWorks),
        Tone::Warn => render(lang, ExtrasMsg::DiagramMayFail, &[Arg { name: "reason", value: &why_text }]),
        Tone::Fail => render(lang, ExtrasMsg::DiagramFails, &[Arg { name: "reason", value: &why_text }]),
    };
    let title = match tone {
        Tone::Ok => ExtrasMsg::DiagramVerdictWorks,
        Tone::Warn => ExtrasMsg::DiagramVerdictMayFail,
        Tone::Fail => ExtrasMsg::DiagramVerdictFails,
    };
    let desc = render(
        lang,
        if active { ExtrasMsg::DiagramDescActive } else { ExtrasMsg::DiagramDescPassive },
        &[Arg { name: "control", value: &control }, Arg { name: "data", value: &announced }, Arg { name: "verdict", value: &verdict_text }],
    );
    // A careful client goes elsewhere than announced (passive replies only).
    let instead = match (active, d.kind, d.ip, e.connect_to) {
        (false, Kind::Pasv | Kind::Lpsv, Some(ip), Some(target)) if target.ip != ip => {
            let target = target.to_string();
            Some(render(lang, ExtrasMsg::DiagramInstead, &[Arg { name: "target", value: &target }]))
        }
        _ => None,
    };

    // Geometry (viewBox units, about one CSS pixel each on a 360 px screen).
    const CLIENT: i32 = 48;
    const WALL: i32 = 160;
    const SERVER: i32 = 272;
    const CONTROL_Y: i32 = 108;
    const DATA_Y: i32 = 190;
    let box_ = |x: i32, half: i32, text: String| {
        html! {
            <g>
                <rect class="dg-box" x={(x - half).to_string()} y="6" width={(2 * half).to_string()} height="40" rx="6" />
                <text class="dg-box-label" x={x.to_string()} y="31" text-anchor="middle">{ text }</text>
            </g>
        }
    };
    let (from, to, dir) = if active { (SERVER, CLIENT, -1) } else { (CLIENT, SERVER, 1) };
    let tip = to - 2 * dir;
    let cross = if tone == Tone::Fail {
        let (a, b) = (WALL - 9, WALL + 9);
        html! {
            <g class="dg-cross">
                <line x1={a.to_string()} y1={(DATA_Y - 9).to_string()} x2={b.to_string()} y2={(DATA_Y + 9).to_string()} />
                <line x1={a.to_string()} y1={(DATA_Y + 9).to_string()} x2={b.to_string()} y2={(DATA_Y - 9).to_string()} />
            </g>
        }
    } else {
        html! {}
    };
    let data_class = tone.class();
    html! {
        <figure class="dg">
            <svg class="dg-svg" viewBox="0 0 320 250" role="img" aria-label={format!("{}. {desc}", t(ExtrasMsg::DiagramTitle))}>
                <title>{ t(ExtrasMsg::DiagramTitle) }</title>
                <desc>{ desc.clone() }</desc>
                { box_(CLIENT, 44, t(ExtrasMsg::DiagramClient)) }
                { box_(WALL, 60, t(ExtrasMsg::DiagramNat)) }
                { box_(SERVER, 44, t(ExtrasMsg::DiagramServer)) }
                <line class="dg-lifeline" x1={CLIENT.to_string()} y1="46" x2={CLIENT.to_string()} y2="244" />
                <line class="dg-lifeline" x1={SERVER.to_string()} y1="46" x2={SERVER.to_string()} y2="244" />
                <rect class="dg-wall" x={(WALL - 5).to_string()} y="46" width="10" height="198" />
                // The control connection: always from the client to the server.
                { label(WALL, CONTROL_Y - 22, "dg-name", t(ExtrasMsg::DiagramControl)) }
                { label(WALL, CONTROL_Y - 8, "dg-addr", format!("→ {control}")) }
                <line class="dg-arrow dg-control" x1={CLIENT.to_string()} y1={CONTROL_Y.to_string()} x2={(SERVER - 4).to_string()} y2={CONTROL_Y.to_string()} />
                { head(SERVER - 2, CONTROL_Y, 1, "dg-control") }
                // The data connection: client → server (passive) or server → client (active).
                { label(WALL, DATA_Y - 22, "dg-name", t(ExtrasMsg::DiagramData)) }
                { label(WALL, DATA_Y - 8, "dg-addr", format!("{} {announced}", if active { "←" } else { "→" })) }
                <line class={classes!("dg-arrow", data_class)} x1={from.to_string()} y1={DATA_Y.to_string()} x2={(tip - 2 * dir).to_string()} y2={DATA_Y.to_string()} />
                { head(tip, DATA_Y, dir, data_class) }
                { cross }
                { label(WALL, DATA_Y + 28, data_class, t(title)) }
                if let Some(why) = why {
                    { label(WALL, DATA_Y + 44, "dg-why", t(why)) }
                }
            </svg>
            if let Some(instead) = instead {
                <figcaption class="dg-caption">{ instead }</figcaption>
            }
        </figure>
    }
}
