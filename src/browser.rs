//! Thin wrappers over browser APIs: the URL query (the permalink contract),
//! localStorage, the clipboard and the document. Failures are ignored on
//! purpose: private browsing or a sandboxed iframe must not break decoding.
use pasv_core::{Command, Lang};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{UrlSearchParams, Window};

/// localStorage key for the chosen language.
const LANG_KEY: &str = "pasv-lens-lang";

/// The query parameters of the permalink: a public contract.
pub const PARAM_REPLY: &str = "reply";
/// Control connection IP.
pub const PARAM_CONTROL: &str = "control";
/// Command sent.
pub const PARAM_SENT: &str = "sent";
/// Language.
pub const PARAM_LANG: &str = "lang";

fn window() -> Option<Window> {
    web_sys::window()
}

/// What the page URL asks for.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Query {
    /// `reply`
    pub reply: Option<String>,
    /// `control`
    pub control: Option<String>,
    /// `sent`
    pub sent: Option<Command>,
    /// `lang`
    pub lang: Option<Lang>,
}

/// Parse a query string such as `?reply=…&lang=vi`.
pub fn parse_query(search: &str) -> Query {
    let Ok(params) = UrlSearchParams::new_with_str(search) else { return Query::default() };
    Query {
        reply: params.get(PARAM_REPLY),
        control: params.get(PARAM_CONTROL),
        sent: params.get(PARAM_SENT).and_then(|s| Command::parse(&s)),
        lang: params.get(PARAM_LANG).and_then(|l| Lang::from_code(&l)),
    }
}

/// The current page's query.
pub fn current_query() -> Query {
    window().and_then(|w| w.location().search().ok()).map(|s| parse_query(&s)).unwrap_or_default()
}

/// The query string for a state (empty fields are left out).
pub fn build_query(reply: &str, control: &str, sent: Option<Command>, lang: Lang, embed: bool) -> String {
    let Ok(params) = UrlSearchParams::new() else { return String::new() };
    if embed {
        params.append("embed", "1");
    }
    if !reply.is_empty() {
        params.append(PARAM_REPLY, reply);
    }
    if !control.trim().is_empty() {
        params.append(PARAM_CONTROL, control.trim());
    }
    if let Some(sent) = sent {
        params.append(PARAM_SENT, sent.as_str());
    }
    params.append(PARAM_LANG, lang.code());
    String::from(params.to_string())
}

/// Replace the URL's query without adding a history entry or reloading.
pub fn replace_query(query: &str) {
    let Some(w) = window() else { return };
    let Ok(path) = w.location().pathname() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?{query}{hash}")));
    }
}

/// This page's URL with `query`, for "Copy link".
pub fn page_url(query: &str) -> String {
    format!("{}?{query}", page_url_base())
}

/// This page's URL without its query or fragment.
pub fn page_url_base() -> String {
    let Some(loc) = window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// The language saved by an earlier visit.
pub fn saved_lang() -> Option<Lang> {
    let storage = window()?.local_storage().ok()??;
    Lang::from_code(&storage.get_item(LANG_KEY).ok()??)
}

/// Remember the language.
pub fn save_lang(lang: Lang) {
    if let Some(Ok(Some(storage))) = window().map(|w| w.local_storage()) {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// The browser's preferred language, if we have it.
pub fn browser_lang() -> Option<Lang> {
    let nav = window()?.navigator();
    let langs = nav.languages();
    langs.iter().filter_map(|l| l.as_string()).chain(nav.language()).find_map(|l| Lang::from_code(&l))
}

/// Set `<html lang>` and the title.
pub fn set_document_language(lang: Lang, title: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    doc.set_title(title);
}

/// `?practice=<seed>`: the practice page.
pub fn practice_seed() -> Option<String> {
    UrlSearchParams::new_with_str(&window()?.location().search().ok()?).ok()?.get("practice")
}

/// Whether the URL has `?{name}=1`: `embed` (the page is inside an iframe
/// of a documentation site), `compact` (a frame shows the result only).
pub fn flag(name: &str) -> bool {
    window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(name))
        .is_some_and(|v| v == "1")
}

thread_local! {
    /// The height last posted to the parent, so equal heights are sent once.
    static POSTED_HEIGHT: std::cell::Cell<f64> = const { std::cell::Cell::new(-1.0) };
}

/// Tell the parent page our height: `{type: "pasv-lens:height", height}`,
/// the height of the page's root element `#app` (its own content, however
/// tall the frame currently is), when it differs from the last one sent.
pub fn post_height() {
    let Some(w) = window() else { return };
    let Some(root) = w.document().and_then(|d| d.get_element_by_id("app")) else { return };
    let height = root.get_bounding_client_rect().height().ceil();
    // Nothing rendered yet: a zero would collapse the frame for a moment.
    if height <= 0.0 || POSTED_HEIGHT.with(|posted| posted.replace(height)) == height {
        return;
    }
    let Ok(Some(parent)) = w.parent() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"pasv-lens:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// Post the height of `root` (see [`post_height`]) now and whenever its size
/// changes: a ResizeObserver sees every change, also those made inside shadow
/// roots (the on-demand "More" panel) where no render of ours happens.
pub fn observe_height(root: &web_sys::Element) {
    let on_resize = Closure::<dyn FnMut()>::new(post_height);
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(root);
        // Both live as long as the page.
        std::mem::forget(observer);
        on_resize.forget();
    }
}

pub use pasv_lens_ui::browser::copy_text;

/// Run `task` once the browser has painted the current frame: from a
/// requestAnimationFrame callback (just before the paint), a zero timeout
/// lands after it. Slow work started this way never delays what the person
/// already sees.
pub fn after_paint(task: impl FnOnce() + 'static) {
    let Some(w) = window() else { return task() };
    let in_next_task = Closure::once_into_js(move || {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback(Closure::once_into_js(task).unchecked_ref());
        }
    });
    let _ = w.request_animation_frame(in_next_task.unchecked_ref());
}

/// Bring the first result's values (or its answer) into view when they end
/// below the screen, as after a paste on a phone, where results follow the
/// input: their bottom goes to the screen's bottom, the answer above them.
pub fn show_answer() {
    let Some(w) = window() else { return };
    let Some(doc) = w.document() else { return };
    let found =
        doc.query_selector(".results .card .endpoint").ok().flatten().or_else(|| doc.query_selector(".results .answer").ok().flatten());
    let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(f64::MAX);
    if let Some(el) = found.filter(|el| el.get_bounding_client_rect().bottom() > height) {
        el.scroll_into_view_with_bool(false);
    }
}
