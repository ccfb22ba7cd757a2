//! PASV Lens web page: a Yew front end over `pasv-core`. It owns presentation
//! state only; every decode, analysis and message comes from the core.
//!
//! Two ways in: the page (`#app`, or `?embed=1` in an iframe), started by
//! the page's own loader through [`start_page`]; and [`mount`] for inline
//! widgets (scripts' `decode()` is the on-demand module's). Loading the
//! module starts nothing by itself, so a documentation site that loads it
//! for its widgets keeps its own `#app`.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod browser;
pub mod components;
pub mod highlight;
pub mod js_api;
pub mod large_text;
pub mod state;

use components::app::{App, AppProps};
use state::Mode;
use wasm_bindgen::prelude::wasm_bindgen;

pub use js_api::mount;
/// Shared with the on-demand module (crate `pasv-lens-ui`).
pub use pasv_lens_ui::{extras, i18n};

/// Mount the page into `#app` (nothing happens without one). Only the page's
/// own loader calls this, as `startPage()` (see [`start_page`]): the page
/// owns the URL, the title and the saved language, which a documentation site
/// that merely loads the module for its widgets must keep.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.get_element_by_id("app") {
        // `?practice=<seed>`: the on-demand module draws the whole page.
        if let Some(seed) = browser::practice_seed() {
            let lang = state::State::from_browser(Mode::Page).lang;
            return extras::show_practice(root, &seed, lang);
        }
        let mode = if browser::flag("embed") { Mode::Frame } else { Mode::Page };
        let compact = (mode == Mode::Frame && browser::flag("compact")).then(browser::page_url_base);
        if mode == Mode::Frame {
            // Tell the parent our height whenever it changes, including when
            // content inside a shadow root (the "More" panel) grows or shrinks.
            browser::observe_height(&root);
        }
        yew::Renderer::<App>::with_root_and_props(root, AppProps { mode, initial: None, compact }).render();
    }
}

/// `startPage()` for `static/loader.js`: mount the page (see [`start`]).
#[wasm_bindgen(js_name = startPage)]
pub fn start_page() {
    start();
}
