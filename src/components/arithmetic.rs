//! p1 × 256 + p2 = port, shown step by step.
use pasv_core::{render, Arg, Lang, Msg};
use yew::prelude::*;

use crate::i18n::t;

/// Props: the two port bytes and the result.
#[derive(Properties, PartialEq)]
pub struct ArithmeticProps {
    /// High byte.
    pub p1: u8,
    /// Low byte.
    pub p2: u8,
    /// p1 × 256 + p2.
    pub port: u16,
    /// Display language.
    pub lang: Lang,
}

/// The arithmetic figure.
#[function_component(Arithmetic)]
pub fn arithmetic(props: &ArithmeticProps) -> Html {
    let ArithmeticProps { p1, p2, port, lang } = *props;
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
