//! The on-demand panel under a result card: what real clients would do, a
//! picture of the connection, 227 vs 229 side by side, and the encoder.
//! Each tab is one component file; they all start from the core's analysis
//! of the same line, never from re-parsed text.
use pasv_core::{analyse, decode, Command, Context, Explained, Lang};
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

/// The panel.
#[function_component(CardExtras)]
pub fn card_extras(props: &CardExtrasProps) -> Html {
    let tab = use_state(|| Tab::Clients);
    let explained = props.explained();
    let lang = props.lang;
    let button = |which: Tab, label: String| {
        let tab = tab.clone();
        let selected = *tab == which;
        let onclick = Callback::from(move |_| tab.set(which));
        html! { <button type="button" role="tab" aria-selected={selected.to_string()} class="extras-tab" {onclick}>{ label }</button> }
    };
    let body = match *tab {
        Tab::Clients => html! { <ClientsTable explained={explained.clone()} line={props.line.clone()} {lang} /> },
        Tab::Diagram => html! { <Diagram explained={explained.clone()} {lang} /> },
        Tab::Compare => html! { <Compare explained={explained.clone()} {lang} /> },
        Tab::Encoder => html! { <Encoder explained={explained.clone()} {lang} /> },
        Tab::Steps => html! { <Steps explained={explained.clone()} line={props.line.clone()} {lang} /> },
    };
    html! {
        <div class="card-extras">
            <div role="tablist" class="extras-tabs">
                { button(Tab::Clients, crate::labels::clients(lang)) }
                { button(Tab::Diagram, crate::labels::diagram(lang)) }
                { button(Tab::Compare, crate::labels::compare(lang)) }
                { button(Tab::Encoder, crate::labels::encoder(lang)) }
                { button(Tab::Steps, pasv_core::render(lang, pasv_core::ExtrasMsg::StepsTab, &[])) }
            </div>
            <div role="tabpanel" class="extras-panel">{ body }</div>
        </div>
    }
}
