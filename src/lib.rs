//! PASV Lens web page: a Yew front end over `pasv-core`. It owns presentation
//! state only; every decode, analysis and message comes from the core.
//!
//! Three ways in: the page (`#app`, or `?embed=1` in an iframe), [`mount`]
//! for inline widgets, and [`decode`] for scripts.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod browser;
pub mod components;
pub mod extras;
pub mod highlight;
pub mod i18n;
pub mod js_api;
pub mod large_text;
pub mod state;

use components::app::{App, AppProps};
use state::Mode;

pub use js_api::{decode, mount};

/// Mount the page into `#app`. Without `#app` (a documentation page that
/// loaded the module for its widgets) nothing is mounted.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.get_element_by_id("app") {
        let mode = if browser::is_embed() { Mode::Frame } else { Mode::Page };
        yew::Renderer::<App>::with_root_and_props(root, AppProps { mode, initial: None }).render();
    }
}
