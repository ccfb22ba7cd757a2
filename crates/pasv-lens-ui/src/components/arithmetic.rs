//! p1 × 256 + p2 = port, shown step by step.
use pasv_core::{render, Arg, Lang, Msg};
use yew::prelude::*;

use crate::i18n::t;

/// The arithmetic figure for the port bytes `p1`, `p2` and `port` =
/// p1 × 256 + p2. A view function, not a component: it has no state, and
/// each component type adds its own copy of Yew's machinery to the download.
pub fn arithmetic(p1: u8, p2: u8, port: u16, lang: Lang) -> Html {
    let high = u32::from(p1) * 256;
    let sentence = render(
        lang,
        Msg::UiArithmetic,
        &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }, Arg { name: "port", value: &port }],
    );
    html! {
        <figure class="arithmetic">
            <figcaption>{ t(lang, Msg::UiArithmeticTitle) }</figcaption>
            <p class="sum" role="img" aria-label={sentence}>
                <span class="byte hl-port" aria-hidden="true">{ p1 }</span>
                <span aria-hidden="true">{ " × 256 + " }</span>
                <span class="byte hl-port" aria-hidden="true">{ p2 }</span>
                <span aria-hidden="true">{ format!(" = {high} + {p2} = ") }</span>
                <strong aria-hidden="true">{ port }</strong>
            </p>
        </figure>
    }
}
