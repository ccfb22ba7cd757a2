//! The encoder: type or slide an address and a port and see every form
//! (227, 228, 229, PORT, EPRT, LPRT) from `pasv_core::encode`, with the bytes
//! and the `p1 × 256 + p2` arithmetic, and a round trip through
//! `pasv_core::decode` for each form. Bad input gets an inline error, never a panic.
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

use pasv_core::{decode, encode, kind_msg, render, Arg, Explained, ExtrasMsg, Kind, Lang, Msg, SocketTarget};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props: the core's analysis of the line.
#[derive(Properties, PartialEq)]
pub struct EncoderProps {
    /// The analysis.
    pub explained: Explained,
    /// Display language.
    pub lang: Lang,
}

/// Element ids unique to each encoder on the page.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// The address and port to start from: the decoded ones, else the control IP.
fn initial(e: &Explained) -> (String, String) {
    let ip = e.decoded.ip.or(e.ip).or(e.context.control_ip);
    let ip = ip.map_or_else(|| "192.0.2.10".to_owned(), |ip| ip.to_string());
    (ip, e.decoded.port.filter(|p| *p > 0).unwrap_or(50000).to_string())
}

/// An address as typed: IPv4 or IPv6, brackets allowed around IPv6.
pub fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    let text = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    text.parse().ok()
}

/// A port as typed: 1 to 65535.
pub fn parse_port(text: &str) -> Option<u16> {
    text.trim().parse::<u16>().ok().filter(|p| *p > 0)
}

/// What decoding a produced form gives back, as a message.
pub fn round_trip(lang: Lang, kind: Kind, line: &str, target: SocketTarget) -> (bool, String) {
    let d = decode(line);
    let same_port = d.port == Some(target.port);
    if d.is_ok() && d.kind == kind && same_port && kind == Kind::Epsv {
        return (true, render(lang, ExtrasMsg::EncoderBackPort, &[Arg { name: "port", value: &target.port }]));
    }
    if d.is_ok() && d.kind == kind && same_port && d.ip == Some(target.ip) {
        return (true, render(lang, ExtrasMsg::EncoderBack, &[Arg { name: "target", value: &target }]));
    }
    match (d.is_ok(), d.ip, d.port) {
        (true, Some(ip), Some(port)) => {
            let got = SocketTarget { ip, port };
            (false, render(lang, ExtrasMsg::EncoderDiffers, &[Arg { name: "got", value: &got }]))
        }
        _ => (false, render(lang, ExtrasMsg::EncoderFails, &[])),
    }
}

/// The tab.
#[function_component(Encoder)]
pub fn encoder(props: &EncoderProps) -> Html {
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let start = initial(&props.explained);
    let address = use_state(|| start.0.clone());
    let port = use_state(|| start.1.clone());
    let uid = *use_state(|| NEXT_ID.fetch_add(1, Ordering::Relaxed));
    {
        // A new line in the card: start again from its address and port.
        let (address, port) = (address.clone(), port.clone());
        use_effect_with(start, move |(a, p)| {
            address.set(a.clone());
            port.set(p.clone());
        });
    }
    let on_address = {
        let address = address.clone();
        Callback::from(move |e: InputEvent| address.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_port = {
        let port = port.clone();
        Callback::from(move |e: InputEvent| port.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let ip = parse_address(&address);
    let port_number = parse_port(&port);
    let (addr_id, port_id, slider_id) = (format!("enc-{uid}-addr"), format!("enc-{uid}-port"), format!("enc-{uid}-slider"));
    let (addr_err_id, port_err_id) = (format!("enc-{uid}-addr-err"), format!("enc-{uid}-port-err"));
    let address_error = ip.is_none().then(|| render(lang, ExtrasMsg::EncoderBadAddress, &[Arg { name: "text", value: &address.trim() }]));
    let port_error = port_number.is_none().then(|| render(lang, ExtrasMsg::EncoderBadPort, &[Arg { name: "text", value: &port.trim() }]));
    let slider_value = port_number.unwrap_or(1).to_string();

    let controls = html! {
        <div class="enc-controls">
            <div class="field enc-field">
                <label class="field-label" for={addr_id.clone()}>{ t(ExtrasMsg::EncoderAddress) }</label>
                <input id={addr_id} type="text" spellcheck="false" autocomplete="off" value={(*address).clone()}
                    aria-invalid={address_error.is_some().to_string()}
                    aria-describedby={address_error.as_ref().map(|_| addr_err_id.clone())}
                    oninput={on_address} />
                if let Some(err) = address_error.clone() {
                    <p id={addr_err_id} class="enc-error" role="alert">{ err }</p>
                }
            </div>
            <div class="field enc-field">
                <label class="field-label" for={port_id.clone()}>{ t(ExtrasMsg::EncoderPort) }</label>
                <input id={port_id} type="number" inputmode="numeric" min="1" max="65535" value={(*port).clone()}
                    aria-invalid={port_error.is_some().to_string()}
                    aria-describedby={port_error.as_ref().map(|_| port_err_id.clone())}
                    oninput={on_port.clone()} />
                <input id={slider_id} class="enc-slider" type="range" min="1" max="65535" value={slider_value}
                    aria-label={t(ExtrasMsg::EncoderSlider)} oninput={on_port} />
                if let Some(err) = port_error.clone() {
                    <p id={port_err_id} class="enc-error" role="alert">{ err }</p>
                }
            </div>
        </div>
    };

    let body = match (ip, port_number) {
        (Some(ip), Some(port)) => {
            let target = SocketTarget { ip, port };
            let encoded = encode(target);
            let [p1, p2] = encoded.port_bytes;
            let bytes = match ip {
                IpAddr::V4(v4) => v4.octets().iter().map(u8::to_string).collect::<Vec<_>>(),
                IpAddr::V6(v6) => v6.octets().iter().map(u8::to_string).collect::<Vec<_>>(),
            }
            .join(", ");
            let forms: [(Kind, Option<&String>); 6] = [
                (Kind::Pasv, encoded.pasv.as_ref()),
                (Kind::Lpsv, Some(&encoded.lpsv)),
                (Kind::Epsv, Some(&encoded.epsv)),
                (Kind::Port, encoded.port.as_ref()),
                (Kind::Eprt, Some(&encoded.eprt)),
                (Kind::Lprt, Some(&encoded.lprt)),
            ];
            let rows = forms.into_iter().map(|(kind, line)| {
                let name = render(lang, kind_msg(kind), &[]);
                let detail = match line {
                    Some(line) => {
                        let (ok, text) = round_trip(lang, kind, line, target);
                        html! {
                            <>
                                <code class="enc-line">{ line.clone() }</code>
                                <span class={classes!("enc-rt", if ok { "enc-rt-ok" } else { "enc-rt-bad" })}>
                                    { format!("{}: {text}", t(ExtrasMsg::EncoderRoundTrip)) }
                                </span>
                            </>
                        }
                    }
                    None => html! { <span class="enc-na">{ t(ExtrasMsg::EncoderIpv4Only) }</span> },
                };
                html! { <li class="enc-form"><span class="enc-name">{ name }</span>{ detail }</li> }
            });
            html! {
                <>
                    <div class="enc-math">
                        <p>{ render(lang, ExtrasMsg::EncoderBytes, &[Arg { name: "bytes", value: &bytes }]) }</p>
                        <p>{ render(lang, ExtrasMsg::EncoderPortBytes, &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }]) }</p>
                        <p class="enc-arith">{ render(lang, Msg::UiArithmetic, &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }, Arg { name: "port", value: &port }]) }</p>
                    </div>
                    <ul class="enc-forms">{ for rows }</ul>
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="enc">
            <p class="enc-intro">{ t(ExtrasMsg::EncoderIntro) }</p>
            { controls }
            { body }
        </div>
    }
}
