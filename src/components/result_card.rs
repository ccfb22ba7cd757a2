//! One decoded reply or command: the endpoint, the arithmetic, family
//! compatibility and the findings.
use pasv_core::{class_msg, kind_msg, Command, Family, Kind, Lang, Msg, Report};
use yew::prelude::*;

use super::{arithmetic::arithmetic, compat_table::compat_table, findings::findings};
use crate::browser;
use crate::i18n::{t, t1};
use crate::state::parse_ip;

/// Props of a card.
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// The core's report.
    pub report: Report,
    /// Display language.
    pub lang: Lang,
    /// Source line number, when the input had several items.
    pub line: Option<usize>,
    /// The item's text and context, for the on-demand extras panel.
    #[prop_or_default]
    pub context: Option<CardContext>,
}

/// What the extras panel needs to re-analyse the same item.
#[derive(Debug, Clone, PartialEq)]
pub struct CardContext {
    /// The reply or command text.
    pub source: String,
    /// The control IP field, as typed.
    pub control: String,
    /// The command sent, when known.
    pub sent: Option<Command>,
}

/// The "More" button and the element the extras module draws into.
#[function_component(ExtrasPanel)]
fn extras_panel(props: &ExtrasPanelProps) -> Html {
    let open = use_state(|| false);
    let root = use_node_ref();
    {
        let root = root.clone();
        let key = (*open, props.context.clone(), props.lang);
        use_effect_with(key, move |(open, ctx, lang)| {
            if let (true, Some(element)) = (*open, root.cast::<web_sys::Element>()) {
                let sent = ctx.sent.map_or("", Command::as_str);
                crate::extras::show_card_extras(element, &ctx.source, &ctx.control, sent, *lang);
            }
        });
    }
    let onclick = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let label = pasv_core::render(props.lang, if *open { Msg::UiMoreClose } else { Msg::UiMoreOpen }, &[]);
    html! {
        <div class="extras">
            <button type="button" class="extras-toggle" aria-expanded={open.to_string()} {onclick}>{ label }</button>
            if *open { <div class="extras-root" ref={root}></div> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ExtrasPanelProps {
    context: CardContext,
    lang: Lang,
}

/// A value with a copy button, and a polite status saying how the copy went.
/// The status names the value copied, so it stays true when the card shows
/// another one; it is written straight into the element after the button
/// (card state for it would cost the page a hook's worth of download).
fn copyable(lang: Lang, value: String, label: Msg, class: &'static str) -> Html {
    let onclick = {
        let value = value.clone();
        Callback::from(move |e: MouseEvent| {
            let status = e.target_unchecked_into::<web_sys::Element>().next_element_sibling();
            let value = value.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let said = match browser::copy_text(value.clone()).await {
                    true => t1(lang, Msg::UiCopiedValue, "value", &value),
                    false => t(lang, Msg::UiCopyTextFailed),
                };
                if let Some(status) = status {
                    status.set_text_content(Some(&said));
                }
            });
        })
    };
    let label = t(lang, label);
    html! {
        <dd class={classes!("value", class)}>
            <span class="big">{ value }</span>
            <button type="button" class="copy" aria-label={label.clone()} title={label} {onclick}>{ t(lang, Msg::UiCopy) }</button>
            <span class="copy-status" role="status"></span>
        </dd>
    }
}

/// A result card.
#[function_component(ResultCard)]
pub fn result_card(props: &CardProps) -> Html {
    let CardProps { report: r, lang, line, context } = props;
    let lang = *lang;
    let active = matches!(r.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let address = r.reply_ip.clone().or_else(|| r.ip.clone());
    let worst = r.findings.iter().map(|f| f.severity).max();
    let tone = match (&r.error, worst) {
        (Some(_), _) => "tone-error",
        (None, Some(pasv_core::Severity::Danger)) => "tone-danger",
        (None, Some(pasv_core::Severity::Warning)) => "tone-warning",
        _ => "tone-ok",
    };
    let error = r.error.as_ref().map(|e| {
        html! {
            <div class="error-box">
                <p><strong>{ t(lang, Msg::UiError) }{ ": " }</strong>{ &e.message }</p>
                // Some messages already end with the example.
                { for (!e.message.ends_with(pasv_core::example(r.kind))).then(|| html! {
                    <p class="example-line">{ t1(lang, Msg::UiValidExample, "example", &pasv_core::example(r.kind)) }</p>
                }) }
            </div>
        }
    });
    let endpoint = r.port.filter(|_| r.ok).map(|port| {
        let connect_label = t(lang, if active { Msg::UiConnectToActive } else { Msg::UiConnectTo });
        let target = r.connect_to.clone().unwrap_or_else(|| t(lang, Msg::UiConnectToUnknown));
        html! {
            <dl class="endpoint">
                { for address.clone().map(|a| html! {
                    <div class="cell"><dt>{ t(lang, Msg::UiAddress) }</dt>{ copyable(lang, a, Msg::UiCopyAddress, "address") }</div>
                }) }
                <div class="cell"><dt>{ t(lang, Msg::UiPort) }</dt>{ copyable(lang, port.to_string(), Msg::UiCopyPort, "port") }</div>
                { for r.address_class.map(|c| html! {
                    <div class="cell"><dt>{ t(lang, Msg::UiClass) }</dt>
                        <dd><span class={classes!("badge", format!("class-{}", c.as_str()))}>{ t(lang, class_msg(c)) }</span></dd></div>
                }) }
                <div class="cell wide"><dt>{ connect_label }</dt><dd class="target">{ target }</dd></div>
            </dl>
        }
    });
    let arithmetic = match (r.ok, r.port, r.port_bytes) {
        (true, Some(port), Some([p1, p2])) => arithmetic(p1, p2, port, lang),
        _ => html! {},
    };
    // The row of the control connection's family, whatever the form.
    let control = context.as_ref().and_then(|c| parse_ip(&c.control)).map(|ip| Family::of(&ip));
    let compat = (r.ok && r.kind != Kind::Other).then(|| compat_table(r.kind, control, lang));
    html! {
        <article class={classes!("card", tone)}>
            <header class="card-head">
                <h3>{ t(lang, kind_msg(r.kind)) }</h3>
                { for r.code.map(|c| html! { <span class="code-badge">{ c }</span> }) }
                { for r.sent.map(|s: Command| html! { <span class="sent">{ t1(lang, Msg::UiAnswers, "sent", &s.as_str()) }</span> }) }
                { for line.map(|n| html! { <span class="line">{ t1(lang, Msg::UiLine, "n", &n) }</span> }) }
            </header>
            { for error }
            { for endpoint }
            { arithmetic }
            { for compat }
            { findings(&r.findings, lang) }
            // 227/229 lines we cannot decode too: that is where real clients disagree.
            { for context.clone().filter(|_| (r.ok && r.kind != Kind::Other) || matches!(r.kind, Kind::Pasv | Kind::Epsv)).map(|context| html! { <ExtrasPanel {context} {lang} /> }) }
        </article>
    }
}
