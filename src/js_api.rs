//! The JavaScript API: `decode(text, options)` and `mount(element, options)`.
//! Thin wrappers: options in, the core's JSON contract out.
#[cfg(feature = "json-api")]
use pasv_core::{report_all, Context};
use pasv_core::{Command, Lang};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

use crate::components::app::{App, AppProps};
use crate::state::{Initial, Mode};

/// A string property of an options object, if present.
fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &name.into()).ok()?.as_string()
}

fn lang_option(options: &JsValue) -> Result<Option<Lang>, JsError> {
    option(options, "lang").map(|l| Lang::from_code(&l).ok_or_else(|| JsError::new(&format!("unknown lang “{l}”")))).transpose()
}

/// Decode every reply or command in `text`. `options`: `{control?: string,
/// sent?: "PASV"|"EPSV"|…, lang?: "en"|"vi"}`. Returns an array of reports in
/// exactly the JSON contract of the CLI's `--json` output.
///
/// Compiled only with the `json-api` feature, which the on-demand module
/// enables: `static/pasv-lens.js` loads that module for `decode()`.
#[cfg(feature = "json-api")]
#[wasm_bindgen]
pub fn decode(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let control_ip = match option(&options, "control").filter(|c| !c.trim().is_empty()) {
        Some(c) => Some(c.trim().parse().map_err(|_| JsError::new(&format!("control: “{c}” is not an IP address")))?),
        None => None,
    };
    let sent = match option(&options, "sent") {
        Some(s) => Some(Command::parse(&s).ok_or_else(|| JsError::new(&format!("sent: “{s}” is not a data-connection command")))?),
        None => None,
    };
    let lang = lang_option(&options)?.unwrap_or(Lang::En);
    let reports = report_all(text, &Context { control_ip, sent }, lang);
    // JSON-compatible: maps become plain objects and `None` becomes null, so the
    // result equals JSON.parse of the CLI's --json output.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&reports, &serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// Mount a decoder widget into `element`, inside a shadow root so the host
/// page's CSS and ours never mix. `options`: `{reply?, control?, sent?, lang?,
/// compact?, stylesheet?}`: `compact`, the URL of the full page, shows the
/// result only with a link there (`static/pasv-lens.js` turns its own
/// `compact: true, page` into it); `stylesheet` is the URL of
/// `static/style.css`. (The theme is the element's `data-theme`, read by the
/// stylesheet.)
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<(), JsError> {
    let initial = Initial {
        reply: option(&options, "reply"),
        control: option(&options, "control"),
        sent: option(&options, "sent").and_then(|s| Command::parse(&s)),
        lang: lang_option(&options)?,
    };
    let document = element.owner_document().ok_or_else(|| JsError::new("element has no document"))?;
    let shadow =
        element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| JsError::new("cannot attach a shadow root"))?;
    if let Some(href) = option(&options, "stylesheet") {
        let link = document.create_element("link").map_err(|_| JsError::new("createElement"))?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &href);
        let _ = shadow.append_child(&link);
    }
    let root = document.create_element("div").map_err(|_| JsError::new("createElement"))?;
    let _ = root.set_attribute("class", "pasv-lens-widget");
    shadow.append_child(&root).map_err(|_| JsError::new("appendChild"))?;
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps { mode: Mode::Widget, initial: Some(initial), compact: option(&options, "compact") },
    )
    .render();
    Ok(())
}
