//! Page extras loaded on demand. The page calls these exports through one
//! typed interface, `pasv_lens_ui::extras` (a dynamic import): [`show_log`]
//! when the input is a session log, [`show_card_extras`] when "More" opens.
//! Scripts call [`decode`] through `static/pasv-lens.js`. Everything here
//! reuses the shared view pieces (`pasv-lens-ui`) and the core, and
//! re-implements nothing.
#![forbid(unsafe_code)]

use std::cell::RefCell;

use pasv_core::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;
use yew::AppHandle;

mod analysis;
pub mod card_extras;
pub mod clients_table;
pub mod compare;
mod compat;
mod decode;
pub mod detail;
pub mod diagram;
pub mod encoder;
pub mod labels;
pub mod log_view;
pub mod practice_view;
pub mod present;
pub mod steps;

use card_extras::{CardExtras, CardExtrasProps};
pub use decode::decode;
use detail::{Detail, DetailProps, What};
use log_view::{LogProps, LogView};

/// Yew numbers its app roots from 1 in every WebAssembly instance and
/// brands DOM elements with that number; the page's own Yew app, whose
/// capture listener on `#app` sees our elements through `composedPath()`,
/// would take our events for its own if the numbers matched. Skipping the
/// low numbers (by creating and dropping throwaway roots once) keeps the
/// brands apart; docs/architecture.md says why there are two runtimes and
/// what else was ruled out.
const RESERVED_SUBTREE_IDS: usize = 1000;

#[function_component(Nothing)]
fn nothing() -> Html {
    Html::default()
}

fn reserve_subtree_ids(document: &web_sys::Document) {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    if let Ok(scratch) = document.create_element("div") {
        for _ in 0..RESERVED_SUBTREE_IDS {
            yew::Renderer::<Nothing>::with_root(scratch.clone()).render().destroy();
        }
    }
}

/// The element inside `host`'s shadow root that a Yew app of this module
/// renders into, created on first use. The shadow root matters: events from
/// inside it reach the page's own Yew app retargeted to `host`, so the two
/// apps never see each other's listeners; the page stylesheet is linked in.
fn mount_point(host: &Element) -> Option<Element> {
    if let Some(shadow) = host.shadow_root() {
        return shadow.query_selector(".extras-mount").ok().flatten();
    }
    let document = host.owner_document()?;
    reserve_subtree_ids(&document);
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    let base = js_sys::Reflect::get(&js_sys::global(), &"__pasvLensBase".into()).ok().and_then(|b| b.as_string()).unwrap_or_default();
    for sheet in ["style.css", "extras.css"] {
        let link = document.create_element("link").ok()?;
        link.set_attribute("rel", "stylesheet").ok()?;
        link.set_attribute("href", &format!("{base}static/{sheet}")).ok()?;
        shadow.append_child(&link).ok()?;
    }
    let root = document.create_element("div").ok()?;
    root.set_attribute("class", "extras-mount").ok()?;
    shadow.append_child(&root).ok()?;
    Some(root)
}

thread_local! {
    /// The mounted log view and the element it lives in.
    static MOUNTED: RefCell<Option<(Element, AppHandle<LogView>)>> = const { RefCell::new(None) };
    /// Mounted card panels, by element.
    static PANELS: RefCell<Vec<(Element, AppHandle<CardExtras>)>> = const { RefCell::new(Vec::new()) };
    /// Mounted expanders of findings and "Details", by element.
    static DETAILS: RefCell<Vec<(Element, AppHandle<Detail>)>> = const { RefCell::new(Vec::new()) };
}

/// Show the content of an expander the page opened in `root`: `what` is
/// `clients`, `fix` or `family`, `finding` the finding's id; `line`,
/// `control`, `sent` and `lang` as for [`show_card_extras`].
#[wasm_bindgen]
pub fn show_detail(root: Element, what: String, finding: String, line: String, control: String, sent: String, lang: String) {
    let Some(what) = What::from_name(&what) else { return };
    let props = DetailProps {
        what,
        finding,
        line,
        control: control.trim().parse().ok(),
        sent: pasv_core::Command::parse(&sent),
        lang: Lang::from_code(&lang).unwrap_or(Lang::En),
    };
    DETAILS.with(|details| mount_or_update(&mut details.borrow_mut(), root, props));
}

/// Show the extras panel of one result card in `root`: `line` is the reply or
/// command, `control` and `sent` the context fields as typed, `lang` a code.
#[wasm_bindgen]
pub fn show_card_extras(root: Element, line: String, control: String, sent: String, lang: String) {
    let props = CardExtrasProps {
        line,
        control: control.trim().parse().ok(),
        sent: pasv_core::Command::parse(&sent),
        lang: Lang::from_code(&lang).unwrap_or(Lang::En),
    };
    PANELS.with(|panels| mount_or_update(&mut panels.borrow_mut(), root, props));
}

/// Update the app of component `C` mounted in `root`, or mount one there;
/// apps whose element left the document are forgotten first.
fn mount_or_update<C: BaseComponent>(mounted: &mut Vec<(Element, AppHandle<C>)>, root: Element, props: C::Properties) {
    mounted.retain(|(element, _)| element.is_connected());
    match mounted.iter_mut().find(|(element, _)| *element == root) {
        Some((_, handle)) => handle.update(props),
        None => {
            if let Some(point) = mount_point(&root) {
                let handle = yew::Renderer::<C>::with_root_and_props(point, props).render();
                mounted.push((root, handle));
            }
        }
    }
}

/// Show the practice page (`?practice=<seed>`) in `root`, in language `lang` (a code).
#[wasm_bindgen]
pub fn show_practice(root: Element, seed: String, lang: String) {
    let props = practice_view::PracticeProps { seed, lang: Lang::from_code(&lang).unwrap_or(Lang::En) };
    if let Some(point) = mount_point(&root) {
        // Lives as long as the page.
        std::mem::forget(yew::Renderer::<practice_view::Practice>::with_root_and_props(point, props).render());
    }
}

/// Whether `text` (UTF-8) is a session log rather than replies (the core's
/// judgment, `pasv_core::log::looks_like_log`, made in the analysis worker);
/// `done` gets the answer. The page asks here so that its first load does
/// not carry the log-line shapes of every client.
#[wasm_bindgen]
pub fn judge_log(text: js_sys::Uint8Array, done: js_sys::Function) {
    analysis::judge(text, done);
}

/// Analyse the first `analysed` bytes of `text` (UTF-8) as a session log (in the
/// analysis worker) and show it in `root` (mounting on the first report for
/// that element, updating afterwards); "copy a redacted log" copies all of
/// `text`. `control` overrides the control-connection IP found in the log;
/// `lang` is a language code. A newer call makes an unfinished one stale.
#[wasm_bindgen]
pub fn show_log(root: Element, text: js_sys::Uint8Array, control: String, lang: String, analysed: usize) {
    let lang = Lang::from_code(&lang).unwrap_or(Lang::En);
    let _ = root.set_attribute("aria-busy", "true");
    analysis::analyse(text, analysed, control, lang, move |delivery| show_log_report(&root, delivery));
}

/// Show a report computed by the core (see [`analysis::analyse`]) in `root`.
fn show_log_report(root: &Element, delivery: analysis::Delivery) {
    let analysis::Delivery { report, input, lang } = delivery;
    let client_target_lines = report.exchanges.iter().map(|e| e.client_target_line).collect();
    let _ = root.set_attribute("aria-busy", "false");
    let props = LogProps { log: report, client_target_lines, lang, input };
    MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        match mounted.as_mut() {
            Some((element, handle)) if element == root => handle.update(props),
            _ => {
                if let Some((_, old)) = mounted.take() {
                    old.destroy();
                }
                if let Some(point) = mount_point(root) {
                    let handle = yew::Renderer::<LogView>::with_root_and_props(point, props).render();
                    *mounted = Some((root.clone(), handle));
                }
            }
        }
    });
}
