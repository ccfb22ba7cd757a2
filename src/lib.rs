//! PASV Lens web page: a Yew front end over `pasv-core`. It owns presentation
//! state only; every decode, analysis and message comes from the core.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod browser;
pub mod components;
pub mod highlight;
pub mod i18n;
pub mod state;

use components::app::App;

/// Mount the page into `#app` (or `<body>` when the page has no such element).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let root = document.get_element_by_id("app").or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        yew::Renderer::<App>::with_root(root).render();
    }
}
