//! The on-demand panel under a result card: what real clients would do, a
//! picture of the connection, 227 vs 229 side by side, and the encoder.
//! Each tab is one component file; they all start from the core's analysis
//! of the same line, never from re-parsed text. A 227/229 line that does not
//! decode gets the tabs that need no decoded address: what real clients do
//! (where they disagree most) and the encoder. The tablist follows the
//! WAI-ARIA tabs pattern (arrow keys, Home, End, a roving tabindex).
use std::sync::atomic::{AtomicUsize, Ordering};

use pasv_core::{analyse, decode, Command, Context, Explained, Lang};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::{clients_table::ClientsTable, compare::Compare, diagram::Diagram, encoder::Encoder, steps::Steps};

/// Props: the line and its context, as the page has them.
#[derive(Properties, PartialEq, Clone)]
pub struct CardExtrasProps {
    /// The reply or command (one item; multi-line replies keep their lines).
    pub line: String,
    /// The control IP, when known.
    pub control: Option<std::net::IpAddr>,
    /// The command sent, when known.
    pub sent: Option<Command>,
    /// Display language.
    pub lang: Lang,
}

impl CardExtrasProps {
    /// The core's analysis of the line.
    pub fn explained(&self) -> Explained {
        analyse(&decode(&self.line), &Context { control_ip: self.control, sent: self.sent })
    }
}

/// The tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Clients,
    Diagram,
    Compare,
    Encoder,
    Steps,
}

impl Tab {
    const ALL: [Tab; 5] = [Tab::Clients, Tab::Diagram, Tab::Compare, Tab::Encoder, Tab::Steps];

    /// Part of the element ids.
    fn slug(self) -> &'static str {
        match self {
            Tab::Clients => "clients",
            Tab::Diagram => "diagram",
            Tab::Compare => "compare",
            Tab::Encoder => "encoder",
            Tab::Steps => "steps",
        }
    }

    fn label(self, lang: Lang) -> String {
        match self {
            Tab::Clients => crate::labels::clients(lang),
            Tab::Diagram => crate::labels::diagram(lang),
            Tab::Compare => crate::labels::compare(lang),
            Tab::Encoder => crate::labels::encoder(lang),
            Tab::Steps => pasv_core::render(lang, pasv_core::ExtrasMsg::StepsTab, &[]),
        }
    }

    /// Tabs that picture a decoded address and port; a line we could not
    /// decode (shown for what real clients make of it) does not offer them.
    fn needs_decoded(self) -> bool {
        matches!(self, Tab::Diagram | Tab::Compare | Tab::Steps)
    }
}

/// Element ids unique to each panel on the page.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A number no other panel or tab set of the page has.
pub(crate) fn next_id() -> usize {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The tab a key moves to in a tablist of `count` tabs, from `index`
/// (WAI-ARIA tabs pattern: arrows wrap, Home and End jump).
pub(crate) fn key_target(key: &str, index: usize, count: usize) -> Option<usize> {
    match key {
        "ArrowRight" => Some((index + 1) % count),
        "ArrowLeft" => Some((index + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

/// The panel.
#[function_component(CardExtras)]
pub fn card_extras(props: &CardExtrasProps) -> Html {
    let tab = use_state(|| Tab::Clients);
    let uid = *use_state(next_id);
    let tablist = use_node_ref();
    let explained = props.explained();
    let lang = props.lang;
    let decoded = explained.decoded.is_ok();
    let tabs: Vec<Tab> = Tab::ALL.into_iter().filter(|t| decoded || !t.needs_decoded()).collect();
    // A tab the new line does not offer falls back to the first.
    let current = if tabs.contains(&*tab) { *tab } else { Tab::Clients };
    let tab_id = |t: Tab| format!("pl-tab-{uid}-{}", t.slug());
    let panel_id = |t: Tab| format!("pl-tabpanel-{uid}-{}", t.slug());
    let onkeydown = {
        let (tab, tabs, tablist) = (tab.clone(), tabs.clone(), tablist.clone());
        Callback::from(move |e: KeyboardEvent| {
            let index = tabs.iter().position(|t| *t == current).unwrap_or(0);
            let Some(next) = key_target(&e.key(), index, tabs.len()) else { return };
            e.prevent_default();
            let which = tabs[next];
            tab.set(which);
            let button =
                tablist.cast::<Element>().and_then(|list| list.query_selector(&format!("#pl-tab-{uid}-{}", which.slug())).ok().flatten());
            if let Some(button) = button.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                let _ = button.focus();
            }
        })
    };
    let button = |which: Tab| {
        let selected = current == which;
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(which))
        };
        html! {
            <button type="button" role="tab" id={tab_id(which)} aria-selected={selected.to_string()} aria-controls={panel_id(which)}
                tabindex={if selected { "0" } else { "-1" }} class="extras-tab" {onclick}>{ which.label(lang) }</button>
        }
    };
    let body = |which: Tab| match which {
        Tab::Clients => html! { <ClientsTable explained={explained.clone()} line={props.line.clone()} {lang} /> },
        Tab::Diagram => html! { <Diagram explained={explained.clone()} {lang} /> },
        Tab::Compare => html! { <Compare explained={explained.clone()} {lang} /> },
        Tab::Encoder => html! { <Encoder explained={explained.clone()} {lang} /> },
        Tab::Steps => html! { <Steps explained={explained.clone()} line={props.line.clone()} {lang} /> },
    };
    // One panel per tab (so every aria-controls names an element); only the
    // selected one is shown and rendered.
    let panel = |which: Tab| {
        let selected = current == which;
        html! {
            <div role="tabpanel" class="extras-panel" id={panel_id(which)} aria-labelledby={tab_id(which)} tabindex="0" hidden={!selected}>
                if selected { { body(which) } }
            </div>
        }
    };
    html! {
        <div class="card-extras">
            <div role="tablist" class="extras-tabs" ref={tablist} {onkeydown}>
                { for tabs.iter().map(|t| button(*t)) }
            </div>
            { for tabs.iter().map(|t| panel(*t)) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::key_target;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(key_target("ArrowRight", 0, 5), Some(1));
        assert_eq!(key_target("ArrowRight", 4, 5), Some(0));
        assert_eq!(key_target("ArrowLeft", 0, 5), Some(4));
        assert_eq!(key_target("Home", 3, 5), Some(0));
        assert_eq!(key_target("End", 0, 2), Some(1));
        assert_eq!(key_target("Enter", 0, 5), None);
    }
}
