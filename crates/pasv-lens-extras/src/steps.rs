//! Presentation mode for classrooms: one reply, large type, revealed step by
//! step (the numbers → the address bytes → the port bytes → p1 × 256 + p2 →
//! the connection), driven by the keyboard (→ or Space forward, ← back,
//! Esc to close). Every value comes from the core's analysis.
use pasv_core::{render, Arg, Explained, ExtrasMsg, Kind, Lang};
use web_sys::HtmlElement;
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

/// The steps of a decoded line, each a sentence in `lang`.
fn steps(p: &StepsProps) -> Vec<String> {
    let e = &p.explained;
    let d = &e.decoded;
    let lang = p.lang;
    let mut out = Vec::new();
    let (Some(port), true) = (d.port, d.is_ok()) else {
        return out;
    };
    let address = texts(&p.line, &d.address_fields);
    let ports = texts(&p.line, &d.port_fields);
    if let Some([p1, p2]) = d.port_bytes {
        let all = address.iter().chain(&ports).cloned().collect::<Vec<_>>().join(", ");
        out.push(render(lang, ExtrasMsg::StepsNumbers, &[Arg { name: "numbers", value: &all }]));
        if let Some(ip) = d.ip {
            let bytes = address.join(".");
            out.push(render(lang, ExtrasMsg::StepsAddress, &[Arg { name: "bytes", value: &bytes }, Arg { name: "address", value: &ip }]));
        }
        out.push(render(lang, ExtrasMsg::StepsPortBytes, &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }]));
        let high = u32::from(p1) * 256;
        out.push(render(
            lang,
            ExtrasMsg::StepsArithmetic,
            &[
                Arg { name: "p1", value: &p1 },
                Arg { name: "p2", value: &p2 },
                Arg { name: "high", value: &high },
                Arg { name: "port", value: &port },
            ],
        ));
    } else {
        out.push(render(lang, ExtrasMsg::StepsPortOnly, &[Arg { name: "port", value: &port }]));
    }
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
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

/// The presentation.
#[function_component(Steps)]
pub fn steps_view(props: &StepsProps) -> Html {
    let shown = use_state(|| 1usize);
    let presenting = use_state(|| false);
    let stage = use_node_ref();
    let all = steps(props);
    let lang = props.lang;
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    if all.is_empty() {
        return html! { <p>{ t(ExtrasMsg::StepsNothing) }</p> };
    }
    let total = all.len();
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
    let onkeydown = {
        let (shown, presenting) = (shown.clone(), presenting.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowRight" | " " | "PageDown" | "Enter" => {
                e.prevent_default();
                shown.set((*shown + 1).min(total));
            }
            "ArrowLeft" | "PageUp" | "Backspace" => {
                e.prevent_default();
                shown.set(shown.saturating_sub(1).max(1));
            }
            "Escape" => presenting.set(false),
            _ => {}
        })
    };
    let next = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set((*shown + 1).min(total)))
    };
    let back = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(shown.saturating_sub(1).max(1)))
    };
    let toggle = {
        let presenting = presenting.clone();
        Callback::from(move |_| presenting.set(!*presenting))
    };
    let counter = render(lang, ExtrasMsg::StepsCounter, &[Arg { name: "n", value: &*shown }, Arg { name: "total", value: &total }]);
    html! {
        <div class={classes!("steps", (*presenting).then_some("presenting"))} ref={stage} tabindex="0" {onkeydown}
            role="region" aria-label={t(ExtrasMsg::StepsTitle)}>
            <p class="steps-line"><code>{ &props.line }</code></p>
            <ol class="steps-list" aria-live="polite">
                { for all.iter().take(*shown).map(|s| html! { <li>{ s }</li> }) }
            </ol>
            <div class="steps-controls">
                <button type="button" onclick={back} disabled={*shown <= 1}>{ t(ExtrasMsg::StepsBack) }</button>
                <span class="steps-counter">{ counter }</span>
                <button type="button" onclick={next} disabled={*shown >= total}>{ t(ExtrasMsg::StepsNext) }</button>
                <button type="button" class="steps-present" aria-pressed={presenting.to_string()} onclick={toggle}>
                    { t(if *presenting { ExtrasMsg::StepsExit } else { ExtrasMsg::StepsPresent }) }
                </button>
            </div>
            <p class="help">{ t(ExtrasMsg::StepsKeys) }</p>
        </div>
    }
}
