//! Presentation mode for classrooms: one reply or command, large type,
//! revealed step by step (the numbers → the address bytes → the port bytes →
//! p1 × 256 + p2 → the connection), driven by the keyboard (→, Space or Enter
//! forward, ← back, Esc to leave) and shown full screen through the Fullscreen
//! API where the browser allows it (else over the whole page). Every value
//! comes from the core's analysis or from the spans it points into the line.
use pasv_core::{render, Arg, Explained, ExtrasMsg, Kind, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Props: the analysis, the line it came from, the language.
#[derive(Properties, PartialEq)]
pub struct StepsProps {
    /// The analysis.
    pub explained: Explained,
    /// The reply or command text the spans point into.
    pub line: String,
    /// Display language.
    pub lang: Lang,
}

fn texts(line: &str, spans: &[pasv_core::Span]) -> Vec<String> {
    spans.iter().filter_map(|s| line.get(s.start..s.end)).map(str::to_string).collect()
}

/// The last `n` runs of ASCII digits in `text`, in order (fewer if it has fewer).
fn last_numbers(text: &str, n: usize) -> Vec<&str> {
    let mut found: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).rev().take(n).collect();
    found.reverse();
    found
}

/// The steps of a decoded line, each a sentence in `lang`.
fn steps(p: &StepsProps) -> Vec<String> {
    let e = &p.explained;
    let d = &e.decoded;
    let lang = p.lang;
    let mut out = Vec::new();
    let (Some(port), true) = (d.port, d.is_ok()) else {
        return out;
    };
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let numbers_msg = if active { ExtrasMsg::StepsNumbersCommand } else { ExtrasMsg::StepsNumbers };
    let address = texts(&p.line, &d.address_fields);
    let ports = texts(&p.line, &d.port_fields);
    let arithmetic = |p1: u8, p2: u8| {
        let high = u32::from(p1) * 256;
        render(
            lang,
            ExtrasMsg::StepsArithmetic,
            &[
                Arg { name: "p1", value: &p1 },
                Arg { name: "p2", value: &p2 },
                Arg { name: "high", value: &high },
                Arg { name: "port", value: &port },
            ],
        )
    };
    match (d.kind, d.port_bytes, d.ip) {
        // 228 and LPRT: (af, hal, h1, …, pal, p1, p2). The spans cover the
        // address and port bytes; af, hal and pal are read around them.
        (Kind::Lpsv | Kind::Lprt, Some([p1, p2]), Some(ip)) => {
            let (Some(first), Some(last), Some(port_start)) = (d.address_fields.first(), d.address_fields.last(), d.port_fields.first())
            else {
                return out;
            };
            let head = last_numbers(p.line.get(..first.start).unwrap_or_default(), 2);
            let pal = last_numbers(p.line.get(last.end..port_start.start).unwrap_or_default(), 1);
            let (af, hal) = match head.as_slice() {
                [af, hal] => (*af, *hal),
                _ => return out,
            };
            let pal = pal.first().copied().unwrap_or("2");
            let all = [af, hal]
                .into_iter()
                .map(str::to_string)
                .chain(address.iter().cloned())
                .chain([pal.to_string()])
                .chain(ports.iter().cloned());
            let all = all.collect::<Vec<_>>().join(", ");
            out.push(render(lang, numbers_msg, &[Arg { name: "numbers", value: &all }]));
            let family = if ip.is_ipv4() { "IPv4" } else { "IPv6" };
            out.push(render(
                lang,
                ExtrasMsg::StepsLongHeader,
                &[Arg { name: "af", value: &af }, Arg { name: "family", value: &family }, Arg { name: "hal", value: &hal }],
            ));
            let bytes = address.join(", ");
            out.push(render(
                lang,
                ExtrasMsg::StepsLongAddress,
                &[Arg { name: "hal", value: &hal }, Arg { name: "bytes", value: &bytes }, Arg { name: "address", value: &ip }],
            ));
            out.push(render(
                lang,
                ExtrasMsg::StepsLongPortBytes,
                &[Arg { name: "pal", value: &pal }, Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }],
            ));
            out.push(arithmetic(p1, p2));
        }
        // 227 and PORT: (h1, h2, h3, h4, p1, p2).
        (_, Some([p1, p2]), ip) => {
            let all = address.iter().chain(&ports).cloned().collect::<Vec<_>>().join(", ");
            out.push(render(lang, numbers_msg, &[Arg { name: "numbers", value: &all }]));
            if let Some(ip) = ip {
                let bytes = address.join(".");
                // Written as in the line, the bytes usually already read as the
                // address; only leading zeros make the step worth spelling out.
                out.push(if bytes == ip.to_string() {
                    render(lang, ExtrasMsg::StepsAddressPlain, &[Arg { name: "address", value: &ip }])
                } else {
                    render(lang, ExtrasMsg::StepsAddress, &[Arg { name: "bytes", value: &bytes }, Arg { name: "address", value: &ip }])
                });
            }
            out.push(render(lang, ExtrasMsg::StepsPortBytes, &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }]));
            out.push(arithmetic(p1, p2));
        }
        // EPRT: the address and the decimal port, as they are.
        (Kind::Eprt, None, Some(ip)) => {
            out.push(render(lang, ExtrasMsg::StepsEprt, &[Arg { name: "address", value: &ip }, Arg { name: "port", value: &port }]));
        }
        // 229: the port only.
        _ => out.push(render(lang, ExtrasMsg::StepsPortOnly, &[Arg { name: "port", value: &port }])),
    }
    out.push(match (e.connect_to, active) {
        (Some(target), false) => render(lang, ExtrasMsg::StepsConnect, &[Arg { name: "target", value: &target }]),
        (Some(target), true) => render(lang, ExtrasMsg::StepsConnectActive, &[Arg { name: "target", value: &target }]),
        (None, _) => render(lang, ExtrasMsg::StepsConnectUnknown, &[Arg { name: "port", value: &port }]),
    });
    if let Some(f) = e.findings.iter().find(|f| f.severity == pasv_core::Severity::Danger) {
        out.push(pasv_core::finding_message(lang, f, e, &p.line));
    }
    out
}

/// Call the promise-returning method `name` of `target` if the browser has
/// it, ignoring a refusal (a frame without `allowfullscreen`, no user gesture):
/// the presentation then simply covers the page.
fn call_quietly(target: &JsValue, name: &str) {
    let Some(method) = js_sys::Reflect::get(target, &name.into()).ok().and_then(|m| m.dyn_into::<js_sys::Function>().ok()) else {
        return;
    };
    if let Ok(Ok(promise)) = method.call0(target).map(JsCast::dyn_into::<js_sys::Promise>) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Whether some element of the document is full screen.
fn fullscreen_active() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"fullscreenElement".into()).ok())
        .is_some_and(|e| !e.is_null() && !e.is_undefined())
}

/// Leave full screen, if we are in it.
fn exit_fullscreen() {
    if fullscreen_active() {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            call_quietly(&document, "exitFullscreen");
        }
    }
}

/// Where the presentation stands: the line it belongs to and the steps shown.
/// Another line starts again from its first step.
#[derive(Clone, PartialEq)]
struct Position {
    line: String,
    shown: usize,
}

/// The presentation.
#[function_component(Steps)]
pub fn steps_view(props: &StepsProps) -> Html {
    let all = steps(props);
    let position = use_state(|| Position { line: props.line.clone(), shown: 1 });
    let presenting = use_state(|| false);
    let stage = use_node_ref();
    {
        let stage = stage.clone();
        use_effect_with(*presenting, move |on| {
            if *on {
                if let Some(el) = stage.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    {
        // Leaving full screen by the browser's own means (Esc, a gesture) ends
        // the presentation too.
        // (The stage exists only while there is something to present.)
        let (stage, presenting) = (stage.clone(), presenting.clone());
        use_effect_with(all.is_empty(), move |_| {
            let listener = Closure::<dyn FnMut()>::new(move || {
                if !fullscreen_active() {
                    presenting.set(false);
                }
            });
            let element = stage.cast::<Element>();
            if let Some(el) = &element {
                let _ = el.add_event_listener_with_callback("fullscreenchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(el) = element {
                    let _ = el.remove_event_listener_with_callback("fullscreenchange", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let total = all.len();
    let shown = if position.line == props.line { position.shown.clamp(1, total.max(1)) } else { 1 };
    let go = {
        let (position, line) = (position.clone(), props.line.clone());
        move |to: usize| position.set(Position { line: line.clone(), shown: to.clamp(1, total.max(1)) })
    };
    let leave = {
        let presenting = presenting.clone();
        move || {
            presenting.set(false);
            exit_fullscreen();
        }
    };
    let onkeydown = {
        let (go, leave) = (go.clone(), leave.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Enter and Space on a button press that button, nothing more.
            let on_button =
                e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button"));
            match e.key().as_str() {
                "Enter" | " " if on_button => {}
                "ArrowRight" | " " | "PageDown" | "Enter" => {
                    e.prevent_default();
                    go(shown + 1);
                }
                "ArrowLeft" | "PageUp" | "Backspace" => {
                    e.prevent_default();
                    go(shown.saturating_sub(1));
                }
                "Escape" => leave(),
                _ => {}
            }
        })
    };
    let next = {
        let go = go.clone();
        Callback::from(move |_| go(shown + 1))
    };
    let back = Callback::from(move |_| go(shown.saturating_sub(1)));
    let toggle = {
        let (presenting, stage) = (presenting.clone(), stage.clone());
        Callback::from(move |_| {
            if *presenting {
                leave();
            } else {
                presenting.set(true);
                // In the click itself: browsers allow full screen only on a user gesture.
                if let Some(el) = stage.cast::<Element>() {
                    call_quietly(&el, "requestFullscreen");
                }
            }
        })
    };
    if all.is_empty() {
        return html! { <p>{ t(ExtrasMsg::StepsNothing) }</p> };
    }
    let counter = render(lang, ExtrasMsg::StepsCounter, &[Arg { name: "n", value: &shown }, Arg { name: "total", value: &total }]);
    html! {
        <div class={classes!("steps", (*presenting).then_some("presenting"))} ref={stage} tabindex="0" {onkeydown}
            role="region" aria-label={t(ExtrasMsg::StepsTitle)}>
            <p class="steps-line"><code>{ &props.line }</code></p>
            <ol class="steps-list" aria-live="polite">
                { for all.iter().take(shown).map(|s| html! { <li>{ s }</li> }) }
            </ol>
            <div class="steps-controls">
                <button type="button" onclick={back} disabled={shown <= 1}>{ t(ExtrasMsg::StepsBack) }</button>
                <span class="steps-counter">{ counter }</span>
                <button type="button" onclick={next} disabled={shown >= total}>{ t(ExtrasMsg::StepsNext) }</button>
                <button type="button" class="steps-present" aria-pressed={presenting.to_string()} onclick={toggle}>
                    { t(if *presenting { ExtrasMsg::StepsExit } else { ExtrasMsg::StepsPresent }) }
                </button>
            </div>
            <p class="help">{ t(ExtrasMsg::StepsKeys) }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pasv_core::{analyse, decode, Context};

    fn steps_of(line: &str, control: &str, lang: Lang) -> Vec<String> {
        let explained = analyse(&decode(line), &Context { control_ip: control.parse().ok(), sent: None });
        steps(&StepsProps { explained, line: line.to_owned(), lang })
    }

    #[test]
    fn long_form_lists_every_number_and_its_lengths() {
        let line = "228 Entering Long Passive Mode (6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,4,5)";
        let s = steps_of(line, "2001:db8::1", Lang::En);
        assert!(s[0].contains("6, 16, 32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 5"), "{s:?}");
        assert!(s[1].contains("family 6 is IPv6") && s[1].contains("16 bytes"), "{s:?}");
        assert!(s[2].contains("2001:db8::1"), "{s:?}");
        assert!(s[3].contains("p1 = 4") && s[3].contains("p2 = 5"), "{s:?}");
        assert!(s[4].contains("= 1029"), "{s:?}");
        assert!(s.iter().all(|t| !t.contains("first four")), "{s:?}");
        let lprt = steps_of("LPRT 4,4,192,168,1,2,2,4,5", "192.168.1.2", Lang::Vi);
        assert!(lprt[0].starts_with("Lệnh") && lprt[0].contains("4, 4, 192, 168, 1, 2, 2, 4, 5"), "{lprt:?}");
    }

    #[test]
    fn commands_are_commands_and_eprt_needs_no_arithmetic() {
        let port = steps_of("PORT 192,168,0,3,19,243", "", Lang::En);
        assert!(port[0].starts_with("The command carries"), "{port:?}");
        let eprt = steps_of("EPRT |1|203.0.113.7|5000|", "", Lang::En);
        assert!(eprt[0].contains("203.0.113.7") && eprt[0].contains("5000") && !eprt[0].contains("229"), "{eprt:?}");
    }

    #[test]
    fn address_step_names_a_plain_address_once() {
        let plain = steps_of("227 Entering Passive Mode (10,0,0,12,156,64).", "203.0.113.10", Lang::En);
        assert_eq!(plain[1].matches("10.0.0.12").count(), 1, "{plain:?}");
        let padded = steps_of("227 Entering Passive Mode (010,000,000,001,4,5)", "203.0.113.10", Lang::En);
        assert!(padded[1].contains("010.000.000.001") && padded[1].contains(" 10.0.0.1"), "{padded:?}");
    }

    #[test]
    fn last_numbers_reads_digit_runs_from_the_end() {
        assert_eq!(last_numbers("228 Entering Long Passive Mode (6,16,", 2), ["6", "16"]);
        assert_eq!(last_numbers(",02,", 1), ["02"]);
        assert!(last_numbers("(", 2).is_empty());
    }
}
