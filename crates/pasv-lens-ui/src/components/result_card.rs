//! One decoded reply or command: the answer first (state, sentence, what the
//! line says and where clients connect), then the arithmetic and the
//! findings, with address-family compatibility under "Details".
use pasv_core::{class_msg, kind_msg, Answer, Command, Context, Kind, Lang, Msg, Outlook, Report};
use yew::prelude::*;

use super::{arithmetic::arithmetic, findings::findings};
use crate::browser;
use crate::i18n::{t, t1};

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
            // Shown until the on-demand module draws into its own shadow root,
            // which hides these children.
            if *open { <div class="extras-root" ref={root}>
                <p class="extras-loading" role="status">{ t(props.lang, Msg::UiEmbedLoadingMore) }</p>
            </div> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ExtrasPanelProps {
    context: CardContext,
    lang: Lang,
}

/// A copy button and a polite status saying how the copy went. The status
/// names the value copied, so it stays true when the card shows another one;
/// it is written straight into the element after the button (card state for
/// it would cost the page a hook's worth of download).
fn copy_button(lang: Lang, value: String, label: Msg, class: &'static str) -> Html {
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
    html! {
        <span class={classes!("value", class)}>
            <button type="button" class="copy" {onclick}>{ t(lang, label) }</button>
            <span class="copy-status" role="status"></span>
        </span>
    }
}

/// The state in words with an icon (never colour alone), and the sentence.
fn verdict(answer: &Answer, lang: Lang) -> Html {
    let icon = match answer.outlook {
        Outlook::Works => "✓",
        Outlook::Repaired => "↻",
        Outlook::MayFail => "⚠",
        Outlook::Fails => "✗",
        Outlook::Invalid => "⊘",
    };
    html! {
        <div class={classes!("answer", answer.outlook.as_str())}>
            <p class="state"><span class="icon" aria-hidden="true">{ icon }</span>{ t(lang, answer.outlook.msg()) }</p>
            { for answer.sentence.as_ref().map(|s| html! { <p class="sentence">{ s }</p> }) }
        </div>
    }
}

/// A result card.
#[function_component(ResultCard)]
pub fn result_card(props: &CardProps) -> Html {
    let CardProps { report: r, lang, line, context } = props;
    let lang = *lang;
    let active = matches!(r.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let control_ip = context.as_ref().and_then(|c| c.control.trim().parse().ok());
    let ctx = Context { control_ip, sent: context.as_ref().and_then(|c| c.sent) };
    let answer = pasv_core::answer(r, &ctx, lang);
    let tone = match answer.outlook {
        Outlook::Invalid => "tone-error",
        Outlook::Fails => "tone-danger",
        Outlook::Repaired | Outlook::MayFail => "tone-warning",
        Outlook::Works => "tone-ok",
    };
    // The error's message is the answer's sentence; the box adds the example.
    let example = r.error.as_ref().filter(|e| !e.message.ends_with(pasv_core::example(r.kind))).map(|_| {
        html! { <p class="error-box example-line">{ t1(lang, Msg::UiValidExample, "example", &pasv_core::example(r.kind)) }</p> }
    });
    let endpoint = r.port.filter(|_| r.ok).map(|port| {
        let label = answer.target_label.clone();
        // An unknown target is a hint, not set like a value.
        let target = match &r.connect_to {
            Some(target) => html! { <dd class="target">{ target }</dd> },
            None => html! { <dd class="hint">{ t(lang, Msg::UiConnectToUnknown) }</dd> },
        };
        let address = r.reply_ip.clone().or_else(|| r.ip.clone().filter(|_| r.kind != Kind::Epsv));
        // An IPv6 address before a port takes brackets.
        let (open, close) = match &address {
            Some(a) if a.contains(':') => ("[", "]:"),
            Some(_) => ("", ":"),
            None => ("", ""),
        };
        html! {
            <dl class="endpoint">
                <div class="cell says"><dt>{ t(lang, if active { Msg::UiValueCommand } else { Msg::UiValueReply }) }</dt>
                    <dd class="pair">
                        <span class="big">
                            { for address.clone().map(|a| html! { <>{ open }<span class="says-address">{ a }</span>{ close }</> }) }
                            { for (r.kind == Kind::Epsv).then(|| html! { <span class="unit">{ t(lang, Msg::UiPort) }{ " " }</span> }) }
                            <span class="says-port">{ port }</span>
                        </span>
                        { for r.address_class.filter(|_| r.kind != Kind::Epsv).map(|c| html! {
                            <span class={classes!("badge", format!("class-{}", c.as_str()))}>{ t(lang, class_msg(c)) }</span>
                        }) }
                        <span class="copies">
                            { for address.map(|a| copy_button(lang, a, Msg::UiCopyAddress, "address")) }
                            { copy_button(lang, port.to_string(), Msg::UiCopyPort, "port") }
                        </span>
                    </dd>
                </div>
                <div class="cell wide"><dt>{ label }</dt>{ target }</div>
            </dl>
        }
    });
    let arithmetic = match (r.ok, r.port, r.port_bytes) {
        (true, Some(port), Some([p1, p2])) => arithmetic(p1, p2, port, lang),
        _ => html! {},
    };
    let control = context.as_ref().map_or("", |c| c.control.as_str());
    // The line and its context, for the expanders the on-demand module draws
    // (src/extras.rs listens for their opening: no listener per card).
    let (source, sent) = context.as_ref().map_or((None, ""), |c| (Some(c.source.clone()), c.sent.map_or("", Command::as_str)));
    html! {
        <article class={classes!("card", tone)} data-line={source} data-control={control.to_owned()} data-sent={sent} data-lang={lang.code()}>
            <header class="card-head">
                <h3>{ t(lang, kind_msg(r.kind)) }</h3>
                { for r.code.map(|c| html! { <span class="code-badge">{ c }</span> }) }
                { for r.sent.map(|s: Command| html! { <span class="sent">{ t1(lang, Msg::UiAnswers, "sent", &s.as_str()) }</span> }) }
                { for line.map(|n| html! { <span class="line">{ t1(lang, Msg::UiLine, "n", &n) }</span> }) }
            </header>
            { verdict(&answer, lang) }
            { for example }
            { for endpoint }
            { arithmetic }
            { findings(r, lang, control) }
            // 227/229 lines we cannot decode too: that is where real clients disagree.
            { for context.clone().filter(|_| (r.ok && r.kind != Kind::Other) || matches!(r.kind, Kind::Pasv | Kind::Epsv)).map(|context| html! { <ExtrasPanel {context} {lang} /> }) }
        </article>
    }
}
