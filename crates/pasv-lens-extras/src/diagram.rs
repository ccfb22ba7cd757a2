//! Placeholder until this tab is written: says so, in the reader's language.
use pasv_core::{Explained, Lang};
use yew::prelude::*;

/// Props: the core's analysis of the line.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The analysis.
    pub explained: Explained,
    /// Display language.
    pub lang: Lang,
}

/// The tab.
#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let _ = (&props.explained, props.lang);
    html! {}
}
