//! The input: a textarea whose offending characters are highlighted by a
//! mirrored backdrop, the optional context fields, and "Copy link".
use pasv_core::{Command, Msg};
use web_sys::{DragEvent, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::large_input::LargeInput;
use super::open_file::{load_file, open_file};
use crate::analysis::AnalysisProps;
use crate::browser;
use crate::highlight::{marks, segments, Mark, MAX_HIGHLIGHT_BYTES};
use crate::i18n::{t, t1};
use crate::large_text::{dropped_file, take_large_paste};
use crate::state::{Action, CopyStatus, LeftOut, Mode, StateHandle};

/// The mirrored text behind the textarea, with `<mark>`s.
fn backdrop(input: &str, analysis: &crate::analysis::Analysis) -> Html {
    if input.len() > MAX_HIGHLIGHT_BYTES {
        return html! {};
    }
    let text = &input[..analysis.analysed_len.min(input.len())];
    let rest = &input[text.len()..];
    // A session log's view is drawn by the on-demand module; the address and
    // port bytes of its replies and commands are marked here all the same,
    // wherever a line's prefix ("<--- ", "Response:", a time) puts them. Its
    // errors are the view's to say.
    let mut found = marks(text, &analysis.reports);
    if analysis.is_log {
        // Byte comparisons only: a substring search would weigh on the download.
        let b = text.as_bytes();
        let mut seen = false;
        for i in 0..b.len() {
            if b[i] == b'\n' {
                seen = false;
            } else if !seen && [&b"227 "[..], b"228 ", b"229 ", b"PORT ", b"EPRT ", b"LPRT "].iter().any(|k| b[i..].starts_with(k)) {
                seen = true;
                let end = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
                let d = pasv_core::decode(&text[i..end]);
                found.extend(d.address_fields.iter().map(|s| (s.shift(i), Mark::Address)));
                found.extend(d.port_fields.iter().map(|s| (s.shift(i), Mark::Port)));
            }
        }
    }
    let marked = segments(text, &found).into_iter().map(|(seg, mark)| match mark {
        Mark::None => html! { { seg } },
        mark => html! { <mark class={mark.class()}>{ seg }</mark> },
    });
    // A trailing newline needs a character after it to take up a line.
    html! { <>{ for marked }{ rest }{ "\u{200b}" }</> }
}

/// Input, context fields and sharing.
#[function_component(InputPanel)]
pub fn input_panel(props: &AnalysisProps) -> Html {
    let state = use_context::<StateHandle>().expect("state context");
    let lang = state.lang;
    let backdrop_ref = use_node_ref();
    let area_ref = use_node_ref();
    // The text area is not re-written on every keystroke: writing 10 MB back
    // into it makes the browser lay it out again. It is set at mount (from the
    // URL) and when an example is loaded.
    {
        let area_ref = area_ref.clone();
        let state = state.clone();
        use_effect_with(state.loaded, move |_| {
            if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                area.set_value(&state.input);
            }
        });
    }

    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::Input(e.target_unchecked_into::<HtmlTextAreaElement>().value())))
    };
    // A large paste or dropped file bypasses the text area (see LARGE_INPUT_BYTES).
    let onpaste = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(text) = take_large_paste(&e) {
                state.dispatch(Action::Load(text));
            }
            // On a phone the answer is below the input: bring it into view.
            browser::after_paint(browser::show_answer);
        })
    };
    let ondrop = {
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(file) = dropped_file(&e) {
                load_file(state.clone(), file);
            } else if let Some(text) = e.data_transfer().and_then(|d| d.get_data("text").ok()) {
                if text.len() > crate::state::LARGE_INPUT_BYTES {
                    e.prevent_default();
                    state.dispatch(Action::Load(text));
                }
            }
        })
    };
    let onscroll = {
        let backdrop_ref = backdrop_ref.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(b) = backdrop_ref.cast::<HtmlElement>() {
                b.set_scroll_top(area.scroll_top());
                b.set_scroll_left(area.scroll_left());
            }
        })
    };
    let oncontrol = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::Control(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let onsent = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(Action::Sent(Command::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())))
        })
    };
    let oncopy = {
        let state = state.clone();
        Callback::from(move |_| {
            let state = state.clone();
            let url = browser::page_url(&state.share_query());
            let left_out = state.left_out();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = browser::copy_text(url).await;
                state.dispatch(Action::Copy(if ok { CopyStatus::Copied(left_out) } else { CopyStatus::Failed }));
            });
        })
    };

    let control_invalid = !state.control.trim().is_empty() && state.control_ip().is_none();
    // Passive commands only: the page explains the replies to them.
    let sent_options = Command::ALL.iter().filter(|c| c.expected_reply().is_some()).map(|c| {
        html! { <option value={c.as_str()} selected={state.sent == Some(*c)}>{ c.as_str() }</option> }
    });
    // Says when the text was left out of the link, and why.
    let copy_status = match state.copy {
        CopyStatus::Idle => None,
        CopyStatus::Copied(None) => Some(Msg::UiCopied),
        CopyStatus::Copied(Some(LeftOut::TooLong)) => Some(Msg::UiCopiedWithoutLong),
        CopyStatus::Copied(Some(LeftOut::Credentials)) => Some(Msg::UiCopiedWithoutSecret),
        CopyStatus::Copied(Some(LeftOut::Log)) => Some(Msg::UiCopiedWithoutLog),
        CopyStatus::Failed => Some(Msg::UiCopyFailed),
    }
    .map(|m| t(lang, m))
    .unwrap_or_default();
    let truncated = props.analysis.truncated_from.map(|size| {
        let text = pasv_core::render(
            lang,
            Msg::UiTruncated,
            &[
                pasv_core::Arg { name: "size", value: &(size / 1024) },
                pasv_core::Arg { name: "limit", value: &(props.analysis.analysed_len / 1024) },
            ],
        );
        html! { <p class="notice" role="status">{ text }</p> }
    });

    // The options (command sent, "Copy link") come after the answer on a
    // phone: a sibling of the panel, placed by the page's grid.
    html! {
        <>
        <section class="input-panel">
            <label for="reply" class="field-label">{ t(lang, Msg::UiInputLabel) }</label>
            if state.large {
                <LargeInput />
            } else {
                <div class="editor" {ondrop}>
                    <div class="backdrop" aria-hidden="true" ref={backdrop_ref}>
                        <div class="highlights">{ backdrop(&state.input, &props.analysis) }</div>
                    </div>
                    <textarea id="reply" name="reply" rows="5" spellcheck="false" autocapitalize="off" autocomplete="off"
                        aria-describedby="reply-help" placeholder="227 Entering Passive Mode (10,0,0,12,156,64)."
                        ref={area_ref} {oninput} {onpaste} {onscroll} />
                </div>
            }
            <div class="help-row">
                <span class="legend">
                    <mark class="hl-address">{ t(lang, Msg::UiLegendAddress) }</mark>
                    <mark class="hl-port">{ t(lang, Msg::UiLegendPort) }</mark>
                    <mark class="hl-error">{ t(lang, Msg::UiLegendError) }</mark>
                </span>
                <details class="info">
                    <summary>{ t(lang, Msg::UiHelp) }</summary>
                    <p id="reply-help" class="help">{ t(lang, Msg::UiInputHelp) }{ " " }{ t(lang, Msg::UiPrivacy) }</p>
                </details>
            </div>
            { for truncated }
            <div class="field control-field">
                <label for="control" class="field-label">{ t(lang, Msg::UiControlLabel) }</label>
                <input id="control" name="control" type="text" inputmode="text" spellcheck="false" autocomplete="off"
                    placeholder="203.0.113.10" aria-describedby="control-help" aria-invalid={control_invalid.to_string()}
                    value={state.control.clone()} oninput={oncontrol} />
                <p id="control-help" class={classes!("help", control_invalid.then_some("invalid"))}>
                    { if control_invalid { t1(lang, Msg::UiControlInvalid, "text", &state.control.trim()) } else { t(lang, Msg::UiControlHelp) } }
                </p>
            </div>
        </section>
        <div class="options">
            <div class="field">
                <label for="sent" class="field-label">{ t(lang, Msg::UiSentLabel) }</label>
                <select id="sent" name="sent" onchange={onsent}>
                    <option value="" selected={state.sent.is_none()}>{ t(lang, Msg::UiSentAuto) }</option>
                    { for sent_options }
                </select>
            </div>
            { for (state.mode != Mode::Widget).then(|| html! {
                <div class="field share">
                    <button type="button" class="copy-link" onclick={oncopy}>{ t(lang, Msg::UiCopyLink) }</button>
                    <span class="copy-status" role="status">{ copy_status }</span>
                </div>
            }) }
            { open_file(&state) }
        </div>
        </>
    }
}
