//! The JavaScript API's `mount(element, options)`: a thin wrapper. Its
//! `decode(text, options)` lives in the on-demand module (crate
//! `pasv-lens-extras`), which `static/pasv-lens.js` loads for it.
use pasv_core::Command;
use pasv_lens_ui::options::{lang_option, option};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

use crate::components::app::{App, AppProps};
use crate::state::{Initial, Mode};

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
