//! The classroom presentation of one reply or command: one slide at a time
//! (`steps.rs` writes them), the line in large type with the bytes under
//! discussion lit up, the connection diagram lit in step. Keys: → or Space
//! (also Enter, Page Down) forward, ← (also Page Up, Backspace) back, Home
//! and End, Esc to leave. Presenting asks for full screen through the
//! Fullscreen API and in any case covers the whole window; the text is sized
//! to the screen (`static/extras.css`, clamp and vmin) and, should a slide
//! still not fit, scaled down until it does, so nothing ever scrolls.
use pasv_core::{render, Arg, Explained, ExtrasMsg, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::diagram::Diagram;
use crate::steps::{slides, Lit};

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

/// Call the promise-returning method `name` of `target` if the browser has
/// it, ignoring a refusal (a frame without `allowfullscreen`, no user gesture):
/// the presentation then simply covers the window.
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

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Whether some element of the document is full screen.
fn fullscreen_active() -> bool {
    document().and_then(|d| js_sys::Reflect::get(&d, &"fullscreenElement".into()).ok()).is_some_and(|e| !e.is_null() && !e.is_undefined())
}

/// Leave full screen, if we are in it.
fn exit_fullscreen() {
    if fullscreen_active() {
        if let Some(document) = document() {
            call_quietly(&document, "exitFullscreen");
        }
    }
}

/// While presenting, the page behind neither scrolls nor adds to the
/// document's height (`overflow: hidden` on both the root and the body keeps
/// the body's overflow from reaching the viewport). Set through the CSSOM,
/// which the page's Content Security Policy allows (style attributes it
/// does not); `false` puts back what was there.
fn lock_page(on: bool) {
    let Some(doc) = document() else { return };
    let elements = [doc.document_element().and_then(|e| e.dyn_into::<HtmlElement>().ok()), doc.body()];
    for el in elements.into_iter().flatten() {
        let style = el.style();
        for (name, value) in [("overflow", "hidden"), ("height", "100%")] {
            let _ = if on { style.set_property(name, value) } else { style.remove_property(name).map(drop) };
        }
    }
}

/// Size the slide's text (CSS `--fit`): from `start`, smaller until it fits its box.
fn fit(slide: &HtmlElement, start: f64) {
    let overflows = |el: &HtmlElement| el.scroll_height() > el.client_height() + 1 || el.scroll_width() > el.client_width() + 1;
    let style = slide.style();
    let mut scale = start;
    let _ = style.set_property("--fit", &format!("{scale:.3}"));
    while scale > 0.35 && overflows(slide) {
        scale *= 0.9;
        let _ = style.set_property("--fit", &format!("{scale:.3}"));
    }
}

/// The line with the fields of `lit` marked (`<mark>`, address and port in
/// their own colours).
fn marked(line: &str, e: &Explained, lit: Lit) -> Html {
    let d = &e.decoded;
    let mut spans: Vec<(pasv_core::Span, &'static str)> = Vec::new();
    if matches!(lit, Lit::Both | Lit::Address) {
        spans.extend(d.address_fields.iter().map(|s| (*s, "lit-addr")));
    }
    if matches!(lit, Lit::Both | Lit::Port) {
        spans.extend(d.port_fields.iter().map(|s| (*s, "lit-port")));
    }
    spans.sort_by_key(|(s, _)| s.start);
    let mut parts = Vec::new();
    let mut at = 0;
    for (span, class) in spans {
        let (Some(before), Some(text)) = (line.get(at..span.start), line.get(span.start..span.end)) else { continue };
        parts.push(html! { { before } });
        parts.push(html! { <mark class={class}>{ text }</mark> });
        at = span.end;
    }
    parts.push(html! { { line.get(at..).unwrap_or_default() } });
    parts.into_iter().collect::<Html>()
}

/// Where the presentation stands: the line it belongs to and the slide shown.
/// Another line starts again from its first slide.
#[derive(Clone, PartialEq)]
struct Position {
    line: String,
    shown: usize,
}

/// The presentation.
#[function_component(Steps)]
pub fn steps_view(props: &StepsProps) -> Html {
    let all = slides(&props.explained, &props.line, props.lang);
    let position = use_state(|| Position { line: props.line.clone(), shown: 1 });
    let presenting = use_state(|| false);
    let practice_seed = use_state(|| pasv_core::practice::seed_text((js_sys::Math::random() * 9_007_199_254_740_992.0) as u64));
    let stage = use_node_ref();
    let slide_ref = use_node_ref();
    {
        let stage = stage.clone();
        use_effect_with(*presenting, move |on| {
            let on = *on;
            if on {
                lock_page(true);
                if let Some(el) = stage.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
            move || {
                if on {
                    lock_page(false);
                }
            }
        });
    }
    {
        // Leaving full screen by the browser's own means (Esc, a gesture) ends
        // the presentation too.
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
    {
        // A slide of text alone may use larger type; one with the diagram
        // leaves it the room.
        let (slide_ref, on) = (slide_ref.clone(), *presenting);
        let current = if position.line == props.line { position.shown } else { 1 };
        let start = if all.get(current.saturating_sub(1)).is_some_and(|s| s.stage.is_some()) { 1.0 } else { 1.25 };
        use_effect(move || {
            if let Some(slide) = slide_ref.cast::<HtmlElement>() {
                if on {
                    fit(&slide, start);
                } else {
                    let _ = slide.style().remove_property("--fit");
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
            // Enter and Space on a button or a link press it, nothing more.
            let on_control = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button") || el.tag_name().eq_ignore_ascii_case("a"));
            let to = match e.key().as_str() {
                "Enter" | " " if on_control => return,
                "ArrowRight" | " " | "PageDown" | "Enter" => shown + 1,
                "ArrowLeft" | "PageUp" | "Backspace" => shown.saturating_sub(1),
                "Home" => 1,
                "End" => total,
                "Escape" => return leave(),
                _ => return,
            };
            e.prevent_default();
            go(to);
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
    let Some(slide) = all.get(shown - 1) else {
        return html! { <p>{ t(ExtrasMsg::StepsNothing) }</p> };
    };
    let counter = render(lang, ExtrasMsg::StepsCounter, &[Arg { name: "n", value: &shown }, Arg { name: "total", value: &total }]);
    // Projected, the diagram's text grows with the screen's height.
    let zoom = if *presenting {
        web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).map_or(1.0, |h| (h / 560.0).clamp(1.0, 2.0))
    } else {
        1.0
    };
    let diagram = slide.stage.map(|lit| {
        html! { <div class="slide-diagram"><Diagram explained={props.explained.clone()} {lang} lit={Some(lit)} {zoom} /></div> }
    });
    let summary = (!slide.summary.is_empty()).then(|| {
        html! {
            <dl class="slide-summary">
                { for slide.summary.iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
            </dl>
        }
    });
    let practice = format!("?practice={}&lang={}", *practice_seed, lang.code());
    html! {
        <div class={classes!("steps", (*presenting).then_some("presenting"))} ref={stage} tabindex="0" {onkeydown}
            role="region" aria-label={t(ExtrasMsg::StepsTitle)}>
            <div class={classes!("slide", diagram.is_some().then_some("with-diagram"), summary.is_some().then_some("is-summary"))}
                ref={slide_ref} data-slide={shown.to_string()}>
                <p class="slide-line"><code>{ marked(&props.line, &props.explained, slide.lit) }</code></p>
                <div class="slide-body">
                    <div class="slide-text" aria-live="polite">
                        <p class={classes!(summary.is_some().then_some("slide-title"))}>{ &slide.text }</p>
                        { for slide.big.as_ref().map(|b| html! { <p class="slide-big">{ b }</p> }) }
                        { for summary }
                    </div>
                    { for diagram }
                </div>
            </div>
            <div class="steps-controls">
                <button type="button" class="steps-back" onclick={back} disabled={shown <= 1}>{ t(ExtrasMsg::StepsBack) }</button>
                <span class="steps-counter">{ counter }</span>
                <button type="button" class="steps-next" onclick={next} disabled={shown >= total}>{ t(ExtrasMsg::StepsNext) }</button>
                <button type="button" class="steps-present" aria-pressed={presenting.to_string()} onclick={toggle}>
                    { t(if *presenting { ExtrasMsg::StepsExit } else { ExtrasMsg::StepsPresent }) }
                </button>
            </div>
            if !*presenting {
                <p class="help">{ t(ExtrasMsg::StepsKeys) }</p>
                <p><a class="practice-link" href={practice}>{ t(ExtrasMsg::StepsPracticeLink) }</a></p>
            }
        </div>
    }
}
