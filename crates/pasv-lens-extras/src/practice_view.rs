//! Practice mode (`?practice=<seed>`): a generated 227 or 229 reply, the
//! student types the address and port it names, and the page checks them
//! and shows the working. The exercise and the check are the core's
//! (`pasv_core::practice`), the expected answer its decoder's; the same seed
//! always gives the same exercise, so a teacher can hand out one link.
use pasv_core::practice::{check, exercise, seed_of, seed_text, Checked, Exercise};
use pasv_core::{class_msg, render, Arg, ExtrasMsg, Kind, Lang, SocketTarget};
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props: the seed and language the link asked for.
#[derive(Properties, PartialEq, Clone)]
pub struct PracticeProps {
    /// The seed text (any text).
    pub seed: String,
    /// Display language.
    pub lang: Lang,
}

/// The query of a link to this exercise.
fn practice_query(seed: &str, lang: Lang) -> String {
    format!("?practice={}&lang={}", js_sys::encode_uri_component(seed), lang.code())
}

/// Keep the address bar, `<html lang>` and the title in step, without a
/// history entry (as the decoder does).
fn sync_document(seed: &str, lang: Lang) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&practice_query(seed, lang)));
    }
    if let Some(doc) = window.document() {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        doc.set_title(&format!("{} · PASV Lens", render(lang, ExtrasMsg::PracticeTitle, &[])));
    }
}

/// What the student typed and the core's verdict on it.
#[derive(Clone, PartialEq)]
struct Answered {
    ip: String,
    port: String,
    checked: Checked,
}

/// The working shown after a check: the right answer, what was wrong, how
/// the reply gives the address and the port, and what the address is.
fn working(ex: &Exercise, a: &Answered, lang: Lang) -> Html {
    let c = &a.checked;
    let e = &c.expected;
    let target = SocketTarget { ip: e.ip, port: e.port };
    let right = c.ip_ok && c.port_ok;
    let mut wrong = Vec::new();
    if !c.ip_ok {
        wrong.push(match c.ip_unreadable {
            true => render(lang, ExtrasMsg::PracticeUnreadableIp, &[]),
            false => render(lang, ExtrasMsg::PracticeWrongIp, &[Arg { name: "typed", value: &a.ip.trim() }]),
        });
    }
    if !c.port_ok {
        wrong.push(match c.port_unreadable {
            true => render(lang, ExtrasMsg::PracticeUnreadablePort, &[]),
            false => render(lang, ExtrasMsg::PracticeWrongPort, &[Arg { name: "typed", value: &a.port.trim() }]),
        });
    }
    let d = &e.decoded;
    let mut steps = Vec::new();
    if ex.kind == Kind::Epsv {
        steps.push(render(lang, ExtrasMsg::PracticePort229, &[Arg { name: "port", value: &e.port }]));
        steps.push(render(lang, ExtrasMsg::PracticeAddress229, &[Arg { name: "ip", value: &e.ip }]));
    } else {
        let bytes: Vec<&str> = d.address_fields.iter().filter_map(|s| ex.reply.get(s.start..s.end)).collect();
        let bytes = bytes.join(",");
        steps.push(render(lang, ExtrasMsg::PracticeAddress227, &[Arg { name: "bytes", value: &bytes }, Arg { name: "ip", value: &e.ip }]));
        if let Some([p1, p2]) = e.port_bytes {
            let high = u32::from(p1) * 256;
            steps.push(render(
                lang,
                ExtrasMsg::StepsArithmetic,
                &[
                    Arg { name: "p1", value: &p1 },
                    Arg { name: "p2", value: &p2 },
                    Arg { name: "high", value: &high },
                    Arg { name: "port", value: &e.port },
                ],
            ));
        }
        let class = render(lang, class_msg(e.class), &[]);
        steps.push(render(lang, ExtrasMsg::PracticeClass, &[Arg { name: "ip", value: &e.ip }, Arg { name: "class", value: &class }]));
        if let Some(careful) = e.connect_to.filter(|t| t.ip != e.ip) {
            steps.push(render(lang, ExtrasMsg::PracticeNat, &[Arg { name: "target", value: &careful }]));
        }
    }
    let verdict = if right {
        render(lang, ExtrasMsg::PracticeRight, &[Arg { name: "target", value: &target }])
    } else {
        render(lang, ExtrasMsg::PracticeWrong, &[Arg { name: "target", value: &target }])
    };
    html! {
        <div class={classes!("practice-result", if right { "practice-right" } else { "practice-wrong" })} role="status">
            <p class="practice-verdict"><span aria-hidden="true">{ if right { "✓ " } else { "✗ " } }</span>{ verdict }</p>
            if !wrong.is_empty() {
                <ul class="practice-mistakes">{ for wrong.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
            }
            <ol class="practice-working">{ for steps.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
        </div>
    }
}

/// The practice page.
#[function_component(Practice)]
pub fn practice(props: &PracticeProps) -> Html {
    let seed = use_state(|| props.seed.clone());
    let lang = use_state(|| props.lang);
    let answered = use_state(|| None::<Answered>);
    let ip_ref = use_node_ref();
    let port_ref = use_node_ref();
    {
        let key = ((*seed).clone(), *lang);
        use_effect_with(key, |(seed, lang)| sync_document(seed, *lang));
    }
    let lang_now = *lang;
    let t = |m: ExtrasMsg| render(lang_now, m, &[]);
    let ex = exercise(seed_of(&seed));
    let onsubmit = {
        let (answered, ip_ref, port_ref, ex) = (answered.clone(), ip_ref.clone(), port_ref.clone(), ex.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let (ip, port) = (value(&ip_ref), value(&port_ref));
            let checked = check(&ex, &ip, &port);
            answered.set(Some(Answered { ip, port, checked }));
        })
    };
    let new_exercise = {
        let (seed, answered, ip_ref, port_ref) = (seed.clone(), answered.clone(), ip_ref.clone(), port_ref.clone());
        Callback::from(move |_| {
            let bits = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
            seed.set(seed_text(bits));
            answered.set(None);
            for r in [&ip_ref, &port_ref] {
                if let Some(input) = r.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
            }
        })
    };
    let languages = Lang::ALL.iter().map(|&l| {
        let onclick = {
            let lang = lang.clone();
            Callback::from(move |_| lang.set(l))
        };
        html! {
            <button type="button" class="lang-button" lang={l.code()} aria-pressed={(l == lang_now).to_string()} {onclick}>{ l.native_name() }</button>
        }
    });
    let command = if ex.kind == Kind::Epsv { "EPSV" } else { "PASV" };
    let intro = render(
        lang_now,
        ExtrasMsg::PracticeIntro,
        &[Arg { name: "control", value: &ex.control }, Arg { name: "command", value: &command }],
    );
    let decoder = format!(
        "?reply={}&control={}&lang={}",
        js_sys::encode_uri_component(&ex.reply),
        js_sys::encode_uri_component(&ex.control.to_string()),
        lang_now.code()
    );
    let result = answered.as_ref().map(|a| working(&ex, a, lang_now));
    html! {
        <div class="practice page">
            <header class="header">
                <div class="brand"><p class="practice-brand">{ "PASV Lens" }</p></div>
                <div class="lang-switch" role="group">{ for languages }</div>
            </header>
            <main class="practice-main">
                <h1>{ t(ExtrasMsg::PracticeTitle) }</h1>
                <p class="practice-seed">{ render(lang_now, ExtrasMsg::PracticeExercise, &[Arg { name: "seed", value: &*seed }]) }</p>
                <p>{ intro }</p>
                <p class="practice-reply"><code>{ &ex.reply }</code></p>
                <form class="practice-form" {onsubmit}>
                    <p class="practice-question">{ t(ExtrasMsg::PracticeQuestion) }</p>
                    <div class="practice-fields">
                        <label>{ t(ExtrasMsg::PracticeIp) }
                            <input ref={ip_ref} class="practice-ip" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" /></label>
                        <label>{ t(ExtrasMsg::PracticePort) }
                            <input ref={port_ref} class="practice-port" type="text" inputmode="numeric" autocomplete="off" /></label>
                        <button type="submit" class="primary practice-check">{ t(ExtrasMsg::PracticeCheck) }</button>
                    </div>
                </form>
                // One element whatever the state: Yew matches unkeyed children from
                // the end, so a child that comes and goes would rebuild the form above.
                <div class="practice-outcome">{ for result }</div>
                <p class="practice-actions">
                    <button type="button" class="practice-new" onclick={new_exercise}>{ t(ExtrasMsg::PracticeNew) }</button>
                    <a class="practice-permalink" href={practice_query(&seed, lang_now)}>{ t(ExtrasMsg::PracticeLink) }</a>
                    <a class="practice-open" href={decoder}>{ t(ExtrasMsg::PracticeOpen) }</a>
                </p>
            </main>
        </div>
    }
}
