//! Page extras loaded on demand. The main page calls [`show_log`] (through a
//! dynamic import) when the input is a session log; everything here reuses
//! the page's components and the core, and re-implements nothing.
#![forbid(unsafe_code)]

use std::cell::RefCell;

use pasv_core::{log, Lang};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

pub mod card_extras;
pub mod clients_table;
pub mod compare;
pub mod diagram;
pub mod encoder;
pub mod labels;
pub mod log_view;

use card_extras::{CardExtras, CardExtrasProps};
use log_view::{LogProps, LogView};

thread_local! {
    /// The mounted log view and the element it lives in.
    static MOUNTED: RefCell<Option<(Element, AppHandle<LogView>)>> = const { RefCell::new(None) };
    /// Mounted card panels, by element.
    static PANELS: RefCell<Vec<(Element, AppHandle<CardExtras>)>> = const { RefCell::new(Vec::new()) };
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
    PANELS.with(|panels| {
        let mut panels = panels.borrow_mut();
        // Forget panels whose element left the document.
        panels.retain(|(element, _)| element.is_connected());
        match panels.iter_mut().find(|(element, _)| *element == root) {
            Some((_, handle)) => handle.update(props),
            None => {
                let handle = yew::Renderer::<CardExtras>::with_root_and_props(root.clone(), props).render();
                panels.push((root, handle));
            }
        }
    });
}

/// Analyse `text` as a session log and show it in `root` (mounting on the
/// first call for that element, updating afterwards). `control` overrides the
/// control-connection IP found in the log; `lang` is a language code.
#[wasm_bindgen]
pub fn show_log(root: Element, text: String, control: String, lang: String) {
    let lang = Lang::from_code(&lang).unwrap_or(Lang::En);
    let report = log::report(&log::analyse_log(&text, control.trim().parse().ok()), lang);
    let props = LogProps { log: report, lang, input: text.into() };
    MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        match mounted.as_mut() {
            Some((element, handle)) if *element == root => handle.update(props),
            _ => {
                if let Some((_, old)) = mounted.take() {
                    old.destroy();
                }
                let handle = yew::Renderer::<LogView>::with_root_and_props(root.clone(), props).render();
                *mounted = Some((root, handle));
            }
        }
    });
}
