//! The connection as a sequence diagram, drawn from the core's analysis:
//! client, NAT/firewall and server as lifelines, then in time order the
//! control connection, the command (PASV, EPSV, LPSV or the active command),
//! the reply and the data connection, drawn as failing (dashed, red, stopped
//! at the NAT and crossed, with a short reason) when a finding says it cannot
//! work, and where careful clients go instead.
//!
//! The picture is laid out for the width it gets (a ResizeObserver), so its
//! text keeps its size on any screen instead of shrinking with a fixed
//! viewBox. Every label has a band of its own between two arrows and is
//! wrapped to the width, so no two labels can overlap; after rendering, a
//! label the font drew wider than estimated is fitted to its band. Nothing
//! is drawn that the input does not say (no port 21 for the control
//! connection). Colours come from CSS classes (`static/extras.css`), so dark
//! mode follows the page.
use pasv_core::{render, Arg, Explained, ExtrasMsg, FindingId, Kind, Lang, Severity, SocketTarget};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props: the core's analysis of the line.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The analysis.
    pub explained: Explained,
    /// Display language.
    pub lang: Lang,
    /// The part lit up by a presentation step (the others are dimmed).
    #[prop_or_default]
    pub lit: Option<Stage>,
    /// Text size relative to the page's (a projected slide wants it larger).
    #[prop_or(1.0)]
    pub zoom: f64,
}

/// The parts of the exchange, in time order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    /// The control connection.
    Control,
    /// The command that asks for a data connection.
    Ask,
    /// The reply that answers it.
    Reply,
    /// The data connection to the address announced.
    Data,
    /// Where careful clients connect instead.
    Careful,
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
pub fn reason(id: FindingId) -> ExtrasMsg {
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

/// Font size (`.dg-svg` in `static/extras.css`) and line height of labels, in
/// diagram units (CSS pixels at zoom 1).
const FONT: f64 = 14.0;
const LINE: f64 = 19.0;
/// Room kept free at the left and right edges.
const EDGE: f64 = 6.0;

/// A generous estimate of how wide `text` is drawn at [`FONT`]: wide
/// enough for capitals and digits in the usual sans-serif and monospace
/// fonts. (The rendered width is checked afterwards, see [`fit_labels`].)
fn estimate(text: &str, mono: bool) -> f64 {
    let advance = if mono { 0.62 } else { 0.58 };
    text.chars().count() as f64 * FONT * advance
}

/// `text` broken at spaces into lines no wider than `width` (a word wider
/// than that stays whole on its line, and is fitted after rendering).
fn wrap(text: &str, width: f64, mono: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if estimate(&format!("{line} {word}"), mono) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// One label: its lines, where it is centred and how wide it may be.
struct Label {
    lines: Vec<String>,
    class: &'static str,
    mono: bool,
}

impl Label {
    fn new(text: String, class: &'static str, mono: bool, width: f64) -> Self {
        Label { lines: wrap(&text, width, mono), class, mono }
    }

    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE
    }

    fn width(&self) -> f64 {
        self.lines.iter().map(|l| estimate(l, self.mono)).fold(0.0, f64::max)
    }

    /// The lines as `<text>` elements, the first baseline at `top` + the
    /// font's ascent, centred on `x` but kept inside the picture.
    fn draw(&self, x: f64, top: f64, width: f64) -> Html {
        let half = (self.width() / 2.0).min(width / 2.0 - EDGE);
        let x = x.clamp(EDGE + half, width - EDGE - half);
        let max = width - 2.0 * EDGE;
        html! {
            { for self.lines.iter().enumerate().map(|(i, line)| {
                let y = top + FONT + i as f64 * LINE;
                html! {
                    <text class={classes!("dg-label", self.class, self.mono.then_some("dg-mono"))} x={num(x)} y={num(y)}
                        text-anchor="middle" data-max={num(max)}>{ line }</text>
                }
            }) }
        }
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// One message between two lifelines.
struct Row {
    stage: Stage,
    from: f64,
    to: f64,
    class: &'static str,
    labels: Vec<Label>,
    /// The arrow stops short, crossed (the NAT lets nothing through).
    blocked: bool,
}

/// Shrink every label the font drew wider than the picture allows (its
/// `data-max`) to exactly that width: the estimate errs wide, so this is
/// rare, but it keeps the promise that no label leaves its band.
fn fit_labels(svg: &web_sys::Element) {
    let Ok(texts) = svg.query_selector_all("text[data-max]") else { return };
    for i in 0..texts.length() {
        let Some(text) = texts.item(i).and_then(|n| n.dyn_into::<web_sys::SvgTextContentElement>().ok()) else { continue };
        let max = text.get_attribute("data-max").and_then(|m| m.parse::<f32>().ok()).unwrap_or(f32::MAX);
        if text.get_computed_text_length() > max {
            let _ = text.set_attribute("textLength", &max.to_string());
            let _ = text.set_attribute("lengthAdjust", "spacingAndGlyphs");
        }
    }
}

/// The diagram.
#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let figure = use_node_ref();
    let svg = use_node_ref();
    let measured = use_state(|| 0.0_f64);
    {
        // Lay out again whenever the width available changes.
        let (figure, measured) = (figure.clone(), measured.clone());
        use_effect_with((), move |_| {
            let element = figure.cast::<web_sys::Element>();
            let on_resize = Closure::<dyn FnMut()>::new({
                let element = element.clone();
                move || {
                    if let Some(el) = &element {
                        let width = (el.get_bounding_client_rect().width() / 4.0).round() * 4.0;
                        if width > 0.0 && width != *measured {
                            measured.set(width);
                        }
                    }
                }
            });
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &element) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    {
        let svg = svg.clone();
        use_effect(move || {
            if let Some(svg) = svg.cast::<web_sys::Element>() {
                fit_labels(&svg);
            }
        });
    }
    let e = &props.explained;
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let d = &e.decoded;
    let Some(port) = d.port.filter(|_| d.is_ok() && d.kind != Kind::Other) else {
        return html! { <p class="dg-none">{ t(ExtrasMsg::DiagramNothing) }</p> };
    };
    // Diagram units are CSS pixels divided by the zoom; a narrow phone still
    // gets a picture its labels fit in (it is then scaled down).
    let zoom = props.zoom.max(0.5);
    let width = if *measured > 0.0 { (*measured / zoom).max(300.0) } else { 480.0 };
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let unknown = t(ExtrasMsg::DiagramUnknownIp);
    let (tone, why) = verdict(e);
    // The announced target (for 229: the control address, the only one there is).
    let announced = match (d.kind, d.ip, e.connect_to) {
        (Kind::Epsv, _, Some(target)) => target.to_string(),
        (Kind::Epsv, _, None) => format!("{unknown}:{port}"),
        (_, Some(ip), _) => SocketTarget { ip, port }.to_string(),
        (_, None, _) => format!("{unknown}:{port}"),
    };
    // For PORT/EPRT/LPRT the control IP is the client's; the server's is unknown.
    let control_ip = e.context.control_ip.filter(|_| !active);
    let control_text = control_ip.map_or_else(|| unknown.clone(), |ip| ip.to_string());
    let why_text = why.map(t).unwrap_or_default();
    let verdict_text = match tone {
        Tone::Ok => t(ExtrasMsg::DiagramWorks),
        Tone::Warn => render(lang, ExtrasMsg::DiagramMayFail, &[Arg { name: "reason", value: &why_text }]),
        Tone::Fail => render(lang, ExtrasMsg::DiagramFails, &[Arg { name: "reason", value: &why_text }]),
    };
    let desc = render(
        lang,
        if active { ExtrasMsg::DiagramDescActive } else { ExtrasMsg::DiagramDescPassive },
        &[
            Arg { name: "control", value: &control_text },
            Arg { name: "data", value: &announced },
            Arg { name: "verdict", value: &verdict_text },
        ],
    );
    // A careful client goes elsewhere than announced (passive replies only).
    let instead = match (active, d.kind, d.ip, e.connect_to) {
        (false, Kind::Pasv | Kind::Lpsv, Some(ip), Some(target)) if target.ip != ip => Some(target),
        _ => None,
    };

    // Lifelines.
    let box_width = (width / 3.0 - 8.0).min(190.0);
    // The outer boxes stay inside the picture.
    let client = (width * 0.15).max(box_width / 2.0 + 3.0);
    let nat = width / 2.0;
    let server = width - client;
    let label_width = width - 2.0 * EDGE;
    let boxes = [(client, t(ExtrasMsg::DiagramClient)), (nat, t(ExtrasMsg::DiagramNat)), (server, t(ExtrasMsg::DiagramServer))];
    let box_labels: Vec<Label> = boxes.iter().map(|(_, name)| Label::new(name.clone(), "dg-box-label", false, box_width - 12.0)).collect();
    let box_height = box_labels.iter().map(Label::height).fold(0.0, f64::max) + 14.0;

    // Messages, in time order.
    let label = |text: String, class: &'static str, mono: bool| Label::new(text, class, mono, label_width);
    let mut rows = Vec::new();
    let control_label = match control_ip {
        Some(ip) => render(lang, ExtrasMsg::DiagramControlTo, &[Arg { name: "address", value: &ip }]),
        None => t(ExtrasMsg::DiagramControl),
    };
    rows.push(Row {
        stage: Stage::Control,
        from: client,
        to: server,
        class: "dg-control",
        labels: vec![label(control_label, "dg-name", false)],
        blocked: false,
    });
    let code = d.code.map(|c| c.to_string());
    let (word, answered) = match d.kind {
        Kind::Pasv => ("PASV", true),
        Kind::Epsv => ("EPSV", true),
        Kind::Lpsv => ("LPSV", true),
        Kind::Port => ("PORT", false),
        Kind::Eprt => ("EPRT", false),
        _ => ("LPRT", false),
    };
    let ask = if answered { word.to_string() } else { format!("{word} {announced}") };
    rows.push(Row {
        stage: Stage::Ask,
        from: client,
        to: server,
        class: "dg-control",
        labels: vec![label(ask, "dg-cmd", true)],
        blocked: false,
    });
    if answered {
        let code = code.unwrap_or_default();
        let said = match d.kind {
            Kind::Epsv => {
                render(lang, ExtrasMsg::DiagramReplyPort, &[Arg { name: "code", value: &code }, Arg { name: "port", value: &port }])
            }
            _ => format!("{code}: {announced}"),
        };
        rows.push(Row {
            stage: Stage::Reply,
            from: server,
            to: client,
            class: "dg-control",
            labels: vec![label(said, "dg-cmd", true)],
            blocked: false,
        });
    }
    let mut data_labels =
        vec![label(render(lang, ExtrasMsg::DiagramDataTo, &[Arg { name: "target", value: &announced }]), "dg-name", false)];
    if let Some(why) = why {
        data_labels.push(label(t(why), tone.class(), false));
    }
    let blocked = tone == Tone::Fail && !active;
    let (from, to) = if active { (server, client) } else { (client, server) };
    rows.push(Row { stage: Stage::Data, from, to, class: tone.class(), labels: data_labels, blocked });
    if let Some(target) = instead {
        let text = render(lang, ExtrasMsg::DiagramCareful, &[Arg { name: "target", value: &target }]);
        rows.push(Row {
            stage: Stage::Careful,
            from: client,
            to: server,
            class: "dg-ok",
            labels: vec![label(text, "dg-name", false)],
            blocked: false,
        });
    }

    let lit = props.lit;
    let state = |stage: Stage| match lit {
        Some(l) if l == stage => Some("dg-lit"),
        Some(_) => Some("dg-dim"),
        None => None,
    };
    let mut y = box_height + 14.0;
    let mut drawn = Vec::new();
    for row in &rows {
        let top = y;
        let labels_height: f64 = row.labels.iter().map(Label::height).sum();
        // The cross of a blocked arrow reaches 9 units above it.
        let arrow_y = top + labels_height + if row.blocked { 16.0 } else { 9.0 };
        let dir = if row.to > row.from { 1.0 } else { -1.0 };
        let end = if row.blocked { nat - 14.0 * dir } else { row.to - 3.0 * dir };
        let mut label_top = top;
        let texts: Html = row
            .labels
            .iter()
            .map(|l| {
                let html = l.draw((row.from + row.to) / 2.0, label_top, width);
                label_top += l.height();
                html
            })
            .collect();
        let head = format!(
            "{},{} {},{} {},{}",
            num(end),
            num(arrow_y),
            num(end - 11.0 * dir),
            num(arrow_y - 6.5),
            num(end - 11.0 * dir),
            num(arrow_y + 6.5)
        );
        let cross = row.blocked.then(|| {
            let (a, b) = (nat - 9.0, nat + 9.0);
            html! {
                <g class="dg-cross">
                    <line x1={num(a)} y1={num(arrow_y - 9.0)} x2={num(b)} y2={num(arrow_y + 9.0)} />
                    <line x1={num(a)} y1={num(arrow_y + 9.0)} x2={num(b)} y2={num(arrow_y - 9.0)} />
                </g>
            }
        });
        drawn.push(html! {
            <g class={classes!("dg-row", format!("dg-stage-{}", stage_slug(row.stage)), state(row.stage))}>
                { texts }
                <line class={classes!("dg-arrow", row.class)} x1={num(row.from)} y1={num(arrow_y)}
                    x2={num(end - 9.0 * dir)} y2={num(arrow_y)} />
                <polygon class={classes!("dg-head", row.class)} points={head} />
                { for cross }
            </g>
        });
        y = arrow_y + 16.0;
    }
    let height = y + 4.0;
    html! {
        <figure class="dg" ref={figure}>
            <svg class="dg-svg" ref={svg} viewBox={format!("0 0 {} {}", num(width), num(height))}
                role="img" aria-label={format!("{}. {desc}", t(ExtrasMsg::DiagramTitle))}>
                <title>{ t(ExtrasMsg::DiagramTitle) }</title>
                <desc>{ desc.clone() }</desc>
                { for boxes.iter().zip(&box_labels).map(|((x, _), l)| html! {
                    <g>
                        <rect class="dg-box" x={num(x - box_width / 2.0)} y="2" width={num(box_width)} height={num(box_height)} rx="6" />
                        { l.draw(*x, 2.0 + (box_height - l.height()) / 2.0 - 2.0, width) }
                    </g>
                }) }
                <line class="dg-lifeline" x1={num(client)} y1={num(box_height + 2.0)} x2={num(client)} y2={num(height)} />
                <line class="dg-lifeline" x1={num(server)} y1={num(box_height + 2.0)} x2={num(server)} y2={num(height)} />
                <rect class="dg-wall" x={num(nat - 4.0)} y={num(box_height + 2.0)} width="8" height={num(height - box_height - 2.0)} />
                { for drawn }
            </svg>
        </figure>
    }
}

/// Part of a CSS class naming the stage (a test hook).
fn stage_slug(stage: Stage) -> &'static str {
    match stage {
        Stage::Control => "control",
        Stage::Ask => "ask",
        Stage::Reply => "reply",
        Stage::Data => "data",
        Stage::Careful => "careful",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Kết nối dữ liệu tới 10.0.0.12:40000 địa chỉ riêng, bên ngoài không truy cập được";
        let lines = wrap(text, 150.0, false);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| estimate(l, false) <= 150.0 || !l.contains(' ')), "{lines:?}");
    }
}
